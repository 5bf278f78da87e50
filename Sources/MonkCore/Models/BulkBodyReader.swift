/// A `POST /api/bulk` body (API.md §6.1) split into its envelope and the byte ranges of its records.
///
/// The envelope (top-level members, each operation's members) is parsed into values; an operation's `data`
/// that is an object or an array of objects is left as the byte ranges of those objects, so a create of 100k
/// records builds no tree for them. See ``BulkBodyReader``.
package struct BulkBodyParts: Sendable {
    /// One element of `operations`.
    package struct Operation: Sendable {
        /// The operation's members; `data` is absent when ``records`` holds it.
        package var members: JSONObject
        /// Where each object of `data` lies in the body, when `data` is an object or an array of objects.
        package var records: [Range<Int>]?
        /// Whether `data` was an array (of ``records``) rather than one object.
        package var recordsAreArray = false
    }

    /// The top-level members other than `operations`.
    package var members: JSONObject
    /// The elements of `operations`, in order.
    package var operations: [Operation]
}

/// Splits a bulk body into ``BulkBodyParts`` without parsing the records of its operations.
///
/// The reader does not check the record ranges: the caller must run each through a validating reader
/// (``Canonicalizer``) with the depth left for it (``recordDepth(isArray:maximumDepth:)``) before trusting
/// the split. Everything else is parsed as ``JSONParser`` would, with its limits. The reader gives `nil` for
/// any body it cannot split with certainty (not an object, `operations` not an array of objects, duplicate
/// keys, malformed input, a tiny depth limit); the caller then parses the whole body, which reports any
/// error exactly.
///
/// ```swift
/// guard let parts = BulkBodyReader.read(raw, maximumDepth: 512) else { return try JSONParser.parse(raw) }
/// ```
package enum BulkBodyReader {
    /// The parts of `bytes`, or `nil` (see the type's description).
    package static func read(_ bytes: UnsafeRawBufferPointer, maximumDepth: Int) -> BulkBodyParts? {
        let depth = JSONParser.Options(maximumDepth: maximumDepth).effectiveMaximumDepth
        guard depth >= 6, let base = bytes.baseAddress, bytes.count > 0 else { return nil }
        var reader = BodySplitter(
            scanner: JSONScanner(base: base.assumingMemoryBound(to: UInt8.self), count: bytes.count),
            maximumDepth: depth
        )
        do {
            return try reader.body()
        } catch {
            return nil
        }
    }

    /// The nesting a record of an operation's `data` may still use under `maximumDepth`: the body, the
    /// `operations` array, the operation and (for an array) `data` enclose it.
    package static func recordDepth(isArray: Bool, maximumDepth: Int) -> Int {
        JSONParser.Options(maximumDepth: maximumDepth).effectiveMaximumDepth - (isArray ? 4 : 3)
    }
}

/// The recursive descent of ``BulkBodyReader``: envelope values through ``JSONParser``, records skipped.
private struct BodySplitter {
    /// Thrown (and turned into `nil`) where the body is not of the splittable shape.
    struct Unsplittable: Error {}

    var scanner: JSONScanner
    let maximumDepth: Int

    mutating func body() throws -> BulkBodyParts {
        scanner.skipWhitespace()
        var members = JSONObject()
        var operations: [BulkBodyParts.Operation]?
        try readObject { key, splitter in
            if key == "operations" {
                splitter.scanner.skipWhitespace()
                guard splitter.scanner.current == ASCII.openBracket else { throw Unsplittable() }
                operations = try splitter.operations()
            } else {
                members[key] = try splitter.value(enclosingDepth: 1)
            }
        }
        scanner.skipWhitespace()
        guard scanner.isAtEnd, let operations else { throw Unsplittable() }
        return BulkBodyParts(members: members, operations: operations)
    }

    mutating func operations() throws -> [BulkBodyParts.Operation] {
        scanner.position += 1
        scanner.skipWhitespace()
        var operations: [BulkBodyParts.Operation] = []
        if scanner.current == ASCII.closeBracket {
            scanner.position += 1
            return operations
        }
        while true {
            scanner.skipWhitespace()
            operations.append(try operation())
            scanner.skipWhitespace()
            let byte = scanner.current
            scanner.position += 1
            if byte == ASCII.closeBracket { return operations }
            guard byte == ASCII.comma else { throw Unsplittable() }
        }
    }

    mutating func operation() throws -> BulkBodyParts.Operation {
        var operation = BulkBodyParts.Operation(members: JSONObject())
        try readObject { key, splitter in
            if key == "data", let records = try splitter.records() {
                operation.records = records.ranges
                operation.recordsAreArray = records.isArray
            } else {
                operation.members[key] = try splitter.value(enclosingDepth: 3)
            }
        }
        return operation
    }

    /// The ranges of an object or an array of objects at the scanner, or `nil` (scanner unmoved) for other
    /// values.
    mutating func records() throws -> (ranges: [Range<Int>], isArray: Bool)? {
        scanner.skipWhitespace()
        let start = scanner.position
        if scanner.current == ASCII.openBrace { return ([try skip()], false) }
        guard scanner.current == ASCII.openBracket else { return nil }
        scanner.position += 1
        scanner.skipWhitespace()
        var ranges: [Range<Int>] = []
        if scanner.current == ASCII.closeBracket {
            scanner.position += 1
            return (ranges, true)
        }
        while true {
            scanner.skipWhitespace()
            guard scanner.current == ASCII.openBrace else {
                scanner.position = start
                return nil
            }
            ranges.append(try skip())
            scanner.skipWhitespace()
            let byte = scanner.current
            scanner.position += 1
            if byte == ASCII.closeBracket { return (ranges, true) }
            guard byte == ASCII.comma else { throw Unsplittable() }
        }
    }

    /// Reads the members of the object at the scanner, handing each key to `member` with the scanner at its
    /// value; `member` must consume the value. Duplicate keys are unsplittable.
    mutating func readObject(_ member: (String, inout BodySplitter) throws -> Void) throws {
        guard scanner.current == ASCII.openBrace else { throw Unsplittable() }
        scanner.position += 1
        scanner.skipWhitespace()
        if scanner.current == ASCII.closeBrace {
            scanner.position += 1
            return
        }
        var seen = Set<String>()
        while true {
            scanner.skipWhitespace()
            guard scanner.current == ASCII.quote else { throw Unsplittable() }
            let token = try scanner.scanString()
            var key: [UInt8] = []
            scanner.appendContent(of: token, canonical: false, to: &key)
            let name = String(decoding: key, as: UTF8.self)
            guard seen.insert(name).inserted else { throw Unsplittable() }
            scanner.skipWhitespace()
            guard scanner.current == ASCII.colon else { throw Unsplittable() }
            scanner.position += 1
            try member(name, &self)
            scanner.skipWhitespace()
            let byte = scanner.current
            scanner.position += 1
            if byte == ASCII.closeBrace { return }
            guard byte == ASCII.comma else { throw Unsplittable() }
        }
    }

    /// The value at the scanner, parsed by ``JSONParser`` with the depth left inside `enclosingDepth` levels.
    mutating func value(enclosingDepth: Int) throws -> JSONValue {
        scanner.skipWhitespace()
        let range = try skip()
        let options = JSONParser.Options(maximumDepth: maximumDepth - enclosingDepth)
        return try JSONParser.parse(scanner.bytes(range.lowerBound, range.upperBound), options: options)
    }

    /// The range of the value at the scanner, found by bracket counting over validated strings; the content
    /// is checked by whoever parses the range.
    mutating func skip() throws -> Range<Int> {
        let start = scanner.position
        let first = scanner.current
        if first == ASCII.quote {
            _ = try scanner.scanString()
            return start..<scanner.position
        }
        if first != ASCII.openBrace && first != ASCII.openBracket {
            while !scanner.isAtEnd {
                let byte = scanner.current
                if byte == ASCII.comma || byte == ASCII.closeBrace || byte == ASCII.closeBracket || byte <= ASCII.space
                {
                    break
                }
                scanner.position += 1
            }
            guard scanner.position > start else { throw Unsplittable() }
            return start..<scanner.position
        }
        guard let end = try scanner.skipContainer() else { throw Unsplittable() }
        return start..<end
    }
}
