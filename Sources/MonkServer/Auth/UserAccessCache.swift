import MonkCore
import MonkStore
import Synchronization

/// The `access` and `auth` (username) fields of users, read from their stored JSON once per version of it.
///
/// ``Authenticator`` re-reads the caller's user row on every request (the tenant store serves it from memory
/// until the next write); parsing that row's JSON was the rest of the cost. An entry is used only while the
/// row's bytes are exactly the ones it was parsed from, so a demotion, a change of name or a new row is read
/// afresh on the very next request. At most ``capacity`` users are kept; the cache starts over when full.
final class UserAccessCache: Sendable {
    /// The most users kept at once.
    static let capacity = 4_096

    private struct Entry {
        var data: [UInt8]
        var access: String
        var username: String
    }

    private let entries: Mutex<[String: Entry]> = Mutex([:])

    init() {}

    /// `access` (`deny` when absent) and `auth` (empty when absent) of `user` in the tenant `tenantID`.
    func fields(of user: StoredRecord, tenantID: String) -> (access: String, username: String) {
        let key = tenantID + "/" + user.id
        if let entry = entries.withLock({ $0[key] }), entry.data == user.data {
            return (entry.access, entry.username)
        }
        let fields = RecordCodec.fields(of: user)
        let entry = Entry(
            data: user.data,
            access: fields["access"]?.stringValue ?? "deny",
            username: fields["auth"]?.stringValue ?? ""
        )
        entries.withLock { entries in
            if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = entry
        }
        return (entry.access, entry.username)
    }
}
