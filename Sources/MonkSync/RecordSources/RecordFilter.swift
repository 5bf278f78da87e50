import MonkCore

/// A local `where` filter (`-f/--filter`): which records take part in a diff, evaluated on the client with
/// MonkCore's ``WhereEvaluator`` (DESIGN.md §6).
///
/// Accepts the where object itself (`{"status": "paid"}`) or a body holding it (`{"where": {…}}`, the bash
/// era's form). ``expression`` is what patch files record as `metadata.filter`.
///
/// ```swift
/// let filter = try RecordFilter(parsing: #"{"age": {"$gte": 18}}"#)
/// filter.matches(record)
/// ```
package struct RecordFilter: Sendable {
    /// The where object, as recorded in patch files.
    package let expression: JSONValue
    private let evaluator: WhereEvaluator

    /// Reads a filter from command-line text.
    ///
    /// - Throws: ``SyncError`` `.invalidArgument` when the text is not JSON or not a valid where object.
    package init(parsing text: String) throws(SyncError) {
        let value: JSONValue
        do {
            value = try JSONParser.parse(Array(text.utf8))
        } catch {
            throw SyncError(code: .invalidArgument, message: "--filter: invalid JSON: \(error)")
        }
        try self.init(value: value)
    }

    /// A filter from a where object, or a body with a `where` member.
    ///
    /// - Throws: ``SyncError`` `.invalidArgument` naming the where-DSL problem.
    package init(value: JSONValue) throws(SyncError) {
        let expression = value.objectValue?.member("where") ?? value
        do {
            evaluator = WhereEvaluator(try WhereExpression(parsing: expression))
        } catch {
            throw SyncError(code: .invalidArgument, message: "--filter: \(error.message)")
        }
        self.expression = expression
    }

    /// Whether `record` takes part; a record that is not a JSON object never does.
    package func matches(_ record: CanonicalRecord) -> Bool {
        guard case .object(let object)? = try? JSONParser.parse(record.bytes) else {
            // Sources only yield records they parsed as objects, so this branch means "not in scope".
            return false
        }
        return evaluator.matches(object)
    }
}

/// The records of another source that match a ``RecordFilter``.
final class FilteredRecordSource: RecordSource {
    private let base: any RecordSource
    private let filter: RecordFilter

    init(_ base: any RecordSource, filter: RecordFilter) {
        self.base = base
        self.filter = filter
    }

    var endpoint: String { base.endpoint }
    var models: [String] { base.models }

    func next() async throws -> ModelRecord? {
        while let item = try await base.next() {
            if filter.matches(item.record) { return item }
        }
        return nil
    }
}
