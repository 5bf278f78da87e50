/// The fields every model has besides its own (API.md §0.5).
///
/// They cannot be defined through the Describe API, are always known to the where-DSL and `select`, and
/// follow their own write rules (see ``RecordValidator``).
package enum SystemField {
    /// The primary key.
    package static let id = "id"
    /// The four access-control lists, each `uuid[]`.
    package static let accessFields = ["access_read", "access_edit", "access_full", "access_deny"]
    /// The timestamps a create or update body may set (`created_at`, `updated_at`).
    package static let writableTimestamps = ["created_at", "updated_at"]
    /// The timestamps a write body may not set; such keys are ignored (`trashed_at`, `deleted_at`).
    package static let ignoredOnWrite = ["trashed_at", "deleted_at"]

    /// Every system field with its type.
    package static let types: [String: FieldType] = {
        var types: [String: FieldType] = [id: .uuid]
        for name in writableTimestamps + ignoredOnWrite { types[name] = .timestamp }
        for name in accessFields { types[name] = .uuidArray }
        return types
    }()

    /// Every system field name, sorted.
    package static let names: [String] = types.keys.sorted()

    /// Whether `name` is a system field.
    package static func contains(_ name: String) -> Bool { types[name] != nil }
}
