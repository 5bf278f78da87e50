import MonkCore

/// Everything in a patch file except its operations (DESIGN.md §7).
package struct PatchHeader: Sendable, Hashable {
    /// One side of the diff: `source` or `destination`.
    package struct Side: Sendable, Hashable {
        /// The endpoint as the user wrote it.
        package var endpoint: String
        /// The configured server name, for remote endpoints.
        package var server: String?
        /// The tenant, for remote endpoints.
        package var tenant: String?
        /// The models compared, sorted by name.
        package var models: [String]

        package init(endpoint: String, server: String? = nil, tenant: String? = nil, models: [String]) {
            self.endpoint = endpoint
            self.server = server
            self.tenant = tenant
            self.models = models
        }
    }

    /// The format version this module writes.
    package static let currentVersion = "1.0"

    package var version = PatchHeader.currentVersion
    /// When the diff ran, ISO 8601 UTC (`2026-11-24T10:30:00Z`).
    package var createdAt: String
    /// The program that wrote the patch (`monk 0.1.0`).
    package var generator: String
    package var source: Side
    package var destination: Side
    /// The where-filter the diff used (`metadata.filter`), if any.
    package var filter: JSONValue?
    /// `--fields`, if given (`metadata.fields`).
    package var fields: [String]?
    /// Every ignored path, the default system fields included (`metadata.ignore_fields`).
    package var ignoreFields: [String]
    /// Counts and checksums.
    package var summary: DiffSummary
    /// Whether the file had the old bash-era shape (no `model` in operations, `summary.dest_count`).
    package var isLegacy = false

    package init(
        createdAt: String,
        generator: String,
        source: Side,
        destination: Side,
        selection: FieldSelection,
        filter: JSONValue? = nil,
        summary: DiffSummary
    ) {
        self.createdAt = createdAt
        self.generator = generator
        self.source = source
        self.destination = destination
        self.filter = filter
        fields = selection.fields
        ignoreFields = Self.ignoredPaths(of: selection)
        self.summary = summary
    }

    /// The comparison the patch was made with; conflicts on apply are judged by it.
    package var selection: FieldSelection {
        FieldSelection(fields: fields, ignoreFields: ignoreFields, compareSystemFields: true)
    }

    /// The patch that undoes this one's header: sides, counts and checksums swapped.
    package func reversed() -> PatchHeader {
        var result = self
        (result.source, result.destination) = (destination, source)
        result.summary = summary.reversed()
        return result
    }

    /// The paths `selection` ignores, written out: its own plus the system fields it leaves out.
    static func ignoredPaths(of selection: FieldSelection) -> [String] {
        guard !selection.compareSystemFields else { return selection.ignoreFields }
        let named = Set(selection.fields ?? [])
        return selection.ignoreFields + FieldSelection.systemFieldPatterns.filter { !named.contains($0) }
    }
}
