import Foundation

/// A stream of records in ascending (model, id) order: one end of a diff (DESIGN.md §2).
///
/// Local files and directories, stdin, and (later) remote models all conform, so the ``Differ`` and the
/// patch applier never know where records come from. A source knows its models as soon as it is open;
/// ``next()`` then yields each model's records in id order (UTF-8 bytes), models in name order, and `nil`
/// at the end. A source that finds its input out of order, or an id twice, throws a ``SyncError`` naming
/// the file and line.
///
/// ```swift
/// let source = try LocalEndpoint(parsing: "users.jsonl").openSource(selection: .default)
/// while let item = try await source.next() { print(item.model, item.id, item.record.hash) }
/// ```
package protocol RecordSource: AnyObject {
    /// How messages and patch headers name this source (`users.jsonl`, `-`, `prod:acme:users`).
    var endpoint: String { get }
    /// The models this source covers, sorted by name. A stream with no name of its own (stdin without
    /// `#model`) reports an empty name.
    var models: [String] { get }
    /// The next record, or `nil` at the end.
    ///
    /// - Throws: ``SyncError`` for malformed, duplicate or out-of-order records; I/O errors.
    func next() async throws -> ModelRecord?
    /// How many records the source yields in all, when it knows before the end (for progress ETAs); `nil`
    /// for streams.
    var expectedCount: Int? { get }
}

extension RecordSource {
    /// Unknown: most sources are streams.
    package var expectedCount: Int? { nil }
}

/// Checks that a source's records arrive strictly ascending, so a merge-join can trust them.
struct OrderCheck {
    private var previous: RecordKey?

    /// Accepts `key` or throws: `.invalidData` for a repeated id, `.unsorted` for one that goes backwards.
    ///
    /// - Parameter place: the file and line, for the message (`users.jsonl:12`).
    mutating func accept(_ key: RecordKey, at place: @autoclosure () -> String) throws(SyncError) {
        defer { previous = key }
        guard let previous else { return }
        let order = RecordKey.compare(previous, key)
        if order >= 0 { throw Self.violation(order, id: key.id, previous: previous.id, at: place()) }
    }

    /// The error for an id that compares `order` (zero or positive) with the one before it: `.invalidData`
    /// for a repeat, `.unsorted` for one that goes backwards.
    static func violation(_ order: Int, id: String, previous: String, at place: String) -> SyncError {
        guard order > 0 else { return SyncError(code: .invalidData, message: "\(place): duplicate id '\(id)'") }
        return SyncError(
            code: .unsorted,
            message: "\(place): id '\(id)' comes after '\(previous)'; records are not sorted by id"
        )
    }
}

/// ``OrderCheck`` for the records of one model, by id bytes: what a JSONL file's batches are checked with.
///
/// It compares ids as UTF-8 bytes (``UTF8Order``) and keeps a copy of the previous id in a buffer it reuses,
/// so a check allocates nothing.
struct IDOrderCheck {
    private var previous: [UInt8] = []
    private var hasPrevious = false

    /// Accepts the id whose UTF-8 bytes are `id`, or throws: `.invalidData` for a repeated id, `.unsorted` for
    /// one that goes backwards.
    ///
    /// - Parameter place: the file and line, for the message (`users.jsonl:12`).
    mutating func accept(id: UnsafeRawBufferPointer, at place: @autoclosure () -> String) throws(SyncError) {
        defer {
            previous.removeAll(keepingCapacity: true)
            previous.append(contentsOf: id)
            hasPrevious = true
        }
        guard hasPrevious else { return }
        let order = previous.withUnsafeBytes { Self.compare($0, id) }
        if order >= 0 {
            throw OrderCheck.violation(order, id: Self.text(id), previous: Self.text(previous), at: place())
        }
    }

    private static func text(_ bytes: some Sequence<UInt8>) -> String { String(decoding: Array(bytes), as: UTF8.self) }

    /// `memcmp` order of two byte strings, the shorter first on a tie.
    private static func compare(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Int {
        let common = min(a.count, b.count)
        if common > 0, let x = a.baseAddress, let y = b.baseAddress {
            let order = memcmp(x, y, common)
            if order != 0 { return Int(order) }
        }
        return a.count - b.count
    }
}
