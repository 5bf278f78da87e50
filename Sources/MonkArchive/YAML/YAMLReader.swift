import MonkCore

/// Reads YAML into ``JSONValue``s over the system libyaml, for fixtures, `describe.yaml` and YAML request bodies.
///
/// Plain scalars resolve with the YAML 1.2 core schema and numbers stay exact (see ``YAMLScalarResolver``);
/// anchors, aliases and `<<` merge keys are resolved; mapping keys become their scalar text; a key twice in one
/// mapping is an error. Everything is synchronous and allocation-bounded by ``Limits``.
///
/// ```swift
/// let value = try YAMLReader.parse("models:\n  - model_name: task\n", source: "describe.yaml")
/// value["models"]?[0]?["model_name"]   // .string("task")
/// ```
package enum YAMLReader {
    /// Bounds on what one text may make the reader build.
    package struct Limits: Sendable {
        /// Deepest nesting of sequences and mappings, aliases included.
        package var maximumDepth: Int
        /// Most nodes that aliases may add in one document (guards against "billion laughs" expansion).
        package var maximumAliasExpansion: Int

        package init(maximumDepth: Int = 512, maximumAliasExpansion: Int = 1_000_000) {
            self.maximumDepth = maximumDepth
            self.maximumAliasExpansion = maximumAliasExpansion
        }
    }

    /// Parses a text holding at most one YAML document; an empty stream is `null`.
    ///
    /// - Parameters:
    ///   - bytes: UTF-8 (or BOM-marked UTF-16) YAML text.
    ///   - source: The name messages use for the text, e.g. `describe.yaml`.
    ///   - limits: Nesting and alias-expansion bounds.
    /// - Returns: The document's value.
    /// - Throws: ``ArchiveError`` with code `.invalidData` and a message `source:line:column: problem` for
    ///   malformed YAML, duplicate keys, unsupported tags, `.inf`/`.nan`, exceeded limits, or a second document.
    package static func parse(
        _ bytes: [UInt8],
        source: String,
        limits: Limits = Limits()
    ) throws(ArchiveError) -> JSONValue {
        let documents = try read(bytes, source: source, limits: limits, allowsMany: false)
        return documents.first ?? .null
    }

    /// Parses YAML text; see ``parse(_:source:limits:)-([UInt8],_,_)``.
    package static func parse(
        _ text: String,
        source: String,
        limits: Limits = Limits()
    ) throws(ArchiveError) -> JSONValue {
        try parse(Array(text.utf8), source: source, limits: limits)
    }

    /// Parses every document of a multi-document stream (`---` separated), in order.
    ///
    /// Anchors do not carry over between documents. The limits apply to each document.
    ///
    /// - Throws: ``ArchiveError`` (`.invalidData`) as ``parse(_:source:limits:)-([UInt8],_,_)`` does.
    package static func parseAll(
        _ bytes: [UInt8],
        source: String,
        limits: Limits = Limits()
    ) throws(ArchiveError) -> [JSONValue] {
        try read(bytes, source: source, limits: limits, allowsMany: true)
    }

    /// Parses every document of a multi-document YAML text.
    package static func parseAll(
        _ text: String,
        source: String,
        limits: Limits = Limits()
    ) throws(ArchiveError) -> [JSONValue] {
        try parseAll(Array(text.utf8), source: source, limits: limits)
    }

    private static func read(
        _ bytes: [UInt8],
        source: String,
        limits: Limits,
        allowsMany: Bool
    ) throws(ArchiveError) -> [JSONValue] {
        if bytes.isEmpty { return [] }
        let result: Result<[JSONValue], ArchiveError> = bytes.withUnsafeBufferPointer { buffer in
            do throws(ArchiveError) {
                let parser = try YAMLEventParser(input: buffer, source: source)
                return .success(try documents(from: parser, limits: limits, allowsMany: allowsMany))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    private static func documents(
        from parser: YAMLEventParser,
        limits: Limits,
        allowsMany: Bool
    ) throws(ArchiveError) -> [JSONValue] {
        var documents: [JSONValue] = []
        while true {
            switch try parser.next() {
            case .streamStart:
                continue
            case .streamEnd:
                return documents
            case .documentStart(let mark):
                guard allowsMany || documents.isEmpty else {
                    throw parser.error(at: mark, "more than one document (use parseAll for multi-document streams)")
                }
                var builder = YAMLDocumentBuilder(parser: parser, limits: limits)
                documents.append(try builder.build())
            default:
                throw parser.error(at: YAMLMark(line: 0, column: 0), "unexpected event outside a document")
            }
        }
    }
}
