/// Which records a read sees with respect to the trash (`trashed` key of find, aggregate and sync bodies).
package enum TrashedScope: String, Sendable, Hashable {
    /// Live records only (the default).
    case exclude
    /// Live and trashed records.
    case include
    /// Trashed records only.
    case only

    /// Reads the `trashed` key; absent or `null` is ``exclude``.
    ///
    /// - Throws: ``QueryError`` `BAD_REQUEST` for any other value.
    package init(bodyValue value: JSONValue?) throws(QueryError) {
        switch value {
        case nil, .null?:
            self = .exclude
        case .string(let name)?:
            guard let scope = TrashedScope(rawValue: name) else { fallthrough }
            self = scope
        default:
            throw QueryError(code: .badRequest, message: "trashed must be \"exclude\", \"include\" or \"only\"")
        }
    }
}
