import MonkCore

/// Reads a patch file as a stream (DESIGN.md §7): the header first, then one operation per ``next()``.
///
/// Only one operation is in memory at a time, whatever the file's layout (monk's one-line-per-operation
/// form or any other valid JSON). The old bash-era shape is accepted too: `summary.dest_count`,
/// `metadata.source`/`destination` as strings, `unchanged` operations (skipped), operations without `model`
/// (they get ``PatchHeader/Side/models``' only model, else an empty name), updates without `patch`
/// (computed from `old` and `new`). Members after `operations` are merged into ``header`` once ``next()``
/// has returned `nil`.
///
/// ```swift
/// let reader = try PatchReader(path: "change.patch")
/// while let operation = try reader.next() { … }
/// ```
package final class PatchReader {
    /// The patch file.
    package let path: String
    /// The header: complete once the operations have been read.
    package private(set) var header: PatchHeader
    private var scanner: JSONStreamScanner
    private var members = JSONObject()
    private var state = State.inOperations
    private var previous: RecordKey?
    private var operationLine = 0
    private var elements = 0

    private enum State { case inOperations, afterOperations, finished }

    /// Opens `path` and reads the header up to the operations.
    ///
    /// - Throws: ``SyncError`` `.notFound` for a missing file, `.invalidData` for malformed JSON or a
    ///   document that is not a patch.
    package init(path: String) throws {
        self.path = path
        scanner = JSONStreamScanner(file: try FileReader(path: path))
        try scanner.expect(UInt8(ascii: "{"), "'{' at the start of a patch")
        header = PatchHeaderDecoding.placeholder
        if try !readMembers(isFirst: true) {
            state = .finished
        }
        header = try PatchHeaderDecoding.header(from: members, path: path)
    }

    /// The next operation in (model, id) order, or `nil` after the last.
    ///
    /// - Throws: ``SyncError`` `.invalidData` naming the line of a malformed or out-of-order operation.
    package func next() throws -> PatchOperation? {
        while state == .inOperations {
            if try scanner.skip(UInt8(ascii: "]")) {
                state = .afterOperations
                break
            }
            if elements > 0 { try scanner.expect(UInt8(ascii: ","), "',' or ']' after an operation") }
            _ = try scanner.peek()
            operationLine = scanner.line
            elements += 1
            let value = try scanner.value()
            guard let operation = try decode(value) else { continue }
            if let previous, !(previous < operation.key) {
                throw SyncError.invalidData(
                    path,
                    line: operationLine,
                    "operations are not sorted by (model, id) at '\(operation.key)'"
                )
            }
            previous = operation.key
            return operation
        }
        if state == .afterOperations {
            _ = try readMembers(isFirst: false)
            header = try PatchHeaderDecoding.header(from: members, path: path)
            state = .finished
        }
        return nil
    }

    /// Reads `"key": value` members into `members` up to the closing brace; returns `true` when it stopped at
    /// `"operations": [` instead.
    private func readMembers(isFirst: Bool) throws -> Bool {
        var isFirst = isFirst
        while true {
            if try scanner.skip(UInt8(ascii: "}")) { return false }
            if !isFirst { try scanner.expect(UInt8(ascii: ","), "',' or '}' after a member") }
            isFirst = false
            guard case .string(let key) = try scanner.value() else { throw scanner.error("expected a member name") }
            try scanner.expect(UInt8(ascii: ":"), "':' after \"\(key)\"")
            if key == "operations" {
                guard state == .inOperations else { throw scanner.error("\"operations\" appears twice") }
                try scanner.expect(UInt8(ascii: "["), "'[' after \"operations\"")
                return true
            }
            members[key] = try scanner.value()
        }
    }

    /// The operation a patch element describes; `nil` for old `unchanged` entries.
    private func decode(_ value: JSONValue) throws -> PatchOperation? {
        do {
            return try PatchOperationDecoding.operation(
                from: value,
                defaultModel: header.destination.models.count == 1 ? header.destination.models[0] : "",
                selection: header.selection
            )
        } catch {
            throw SyncError.invalidData(path, line: operationLine, error.message)
        }
    }
}
