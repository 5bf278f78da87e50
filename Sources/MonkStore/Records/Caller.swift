import MonkCore

/// Who performs a store operation, for role, sudo and ACL checks (API.md §0.6).
package struct Caller: Sendable, Equatable {
    /// The user's id.
    package var userID: String
    /// `root`, `full`, `edit` or `read`, as re-read from the `users` model.
    package var access: String
    /// Root users and holders of a sudo token.
    package var isSudo: Bool

    package init(userID: String, access: String, isSudo: Bool) {
        self.userID = userID
        self.access = access
        self.isSudo = isSudo || access == "root"
    }

    /// A caller with every right, for fixtures and provisioning.
    package static let system = Caller(userID: "00000000-0000-0000-0000-000000000000", access: "root", isSudo: true)

    /// The validator's view of the caller: sudo may write `access_*` and `sudo` fields.
    package var authority: WriteAuthority { isSudo ? .sudo : .regular }

    /// Whether the caller's role is at least `level` (`read` < `edit` < `full` < `root`).
    package func has(_ level: String) -> Bool {
        let ranks = ["deny": 0, "read": 1, "edit": 2, "full": 3, "root": 4]
        return (ranks[access] ?? 0) >= (ranks[level] ?? 5)
    }
}

/// What a caller wants to do to records, for the permission table of API.md §0.6.
package enum RecordAction: Sendable {
    case read, create, update, delete

    /// The role a caller needs for this action on a record without explicit ACLs.
    var role: String {
        switch self {
        case .read: "read"
        case .create, .update: "edit"
        case .delete: "full"
        }
    }
}
