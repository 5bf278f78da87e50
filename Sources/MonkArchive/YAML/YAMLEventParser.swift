import CYAML

/// A position in a YAML text, 1-based, as libyaml reports it (columns count characters).
struct YAMLMark: Sendable, Equatable {
    var line: Int
    var column: Int

    init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    init(_ mark: yaml_mark_t) {
        line = Int(mark.line) + 1
        column = Int(mark.column) + 1
    }
}

/// One libyaml parser event, copied out of C memory so it outlives the event.
enum YAMLEvent {
    /// A scalar: its text, how it was written, and its anchor and tag if any.
    struct Scalar {
        var text: String
        var isPlain: Bool
        var anchor: String?
        var tag: String?
        var mark: YAMLMark
    }

    case streamStart
    case streamEnd
    case documentStart(YAMLMark)
    case documentEnd
    case alias(anchor: String, mark: YAMLMark)
    case scalar(Scalar)
    case sequenceStart(anchor: String?, tag: String?, mark: YAMLMark)
    case sequenceEnd
    case mappingStart(anchor: String?, tag: String?, mark: YAMLMark)
    case mappingEnd
}

/// Owns one libyaml `yaml_parser_t` reading from a caller-owned buffer and turns its events into ``YAMLEvent``s.
///
/// libyaml's event API keeps its own explicit stacks, so parsing never recurses on the Swift stack; nesting is
/// bounded by ``YAMLDocumentBuilder``. The buffer passed to `init` must stay valid until the parser is released,
/// which is why ``YAMLReader`` creates it inside `withUnsafeBufferPointer`.
final class YAMLEventParser {
    private let parser: UnsafeMutablePointer<yaml_parser_t>
    private let input: UnsafeBufferPointer<UInt8>
    private let source: String

    /// Starts a parser over `input`; `source` names the text in error messages.
    ///
    /// `input` must have a base address (callers handle the empty text without libyaml).
    init(input: UnsafeBufferPointer<UInt8>, source: String) throws(ArchiveError) {
        guard let base = input.baseAddress else { preconditionFailure("YAMLEventParser needs a non-empty buffer") }
        parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        self.input = input
        self.source = source
        guard yaml_parser_initialize(parser) == 1 else {
            parser.deallocate()
            throw ArchiveError(code: .io, message: "\(source): libyaml could not allocate a parser")
        }
        yaml_parser_set_input_string(parser, base, input.count)
    }

    deinit {
        yaml_parser_delete(parser)
        parser.deallocate()
    }

    /// The next event, or an ``ArchiveError`` (`.invalidData`) naming the source, line and column.
    func next() throws(ArchiveError) -> YAMLEvent {
        var event = yaml_event_t()
        guard yaml_parser_parse(parser, &event) == 1 else { throw parserError() }
        defer { yaml_event_delete(&event) }
        let mark = YAMLMark(event.start_mark)
        switch event.type {
        case YAML_STREAM_START_EVENT: return .streamStart
        case YAML_STREAM_END_EVENT: return .streamEnd
        case YAML_DOCUMENT_START_EVENT: return .documentStart(mark)
        case YAML_DOCUMENT_END_EVENT: return .documentEnd
        case YAML_ALIAS_EVENT: return .alias(anchor: Self.string(event.data.alias.anchor) ?? "", mark: mark)
        case YAML_SCALAR_EVENT:
            let scalar = event.data.scalar
            let bytes = UnsafeBufferPointer(start: scalar.value, count: scalar.length)
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw error(at: mark, "scalar is not valid UTF-8")
            }
            return .scalar(
                YAMLEvent.Scalar(
                    text: text,
                    isPlain: scalar.style == YAML_PLAIN_SCALAR_STYLE,
                    anchor: Self.string(scalar.anchor),
                    tag: Self.string(scalar.tag),
                    mark: mark
                )
            )
        case YAML_SEQUENCE_START_EVENT:
            let start = event.data.sequence_start
            return .sequenceStart(anchor: Self.string(start.anchor), tag: Self.string(start.tag), mark: mark)
        case YAML_SEQUENCE_END_EVENT: return .sequenceEnd
        case YAML_MAPPING_START_EVENT:
            let start = event.data.mapping_start
            return .mappingStart(anchor: Self.string(start.anchor), tag: Self.string(start.tag), mark: mark)
        case YAML_MAPPING_END_EVENT: return .mappingEnd
        default: throw error(at: mark, "unexpected libyaml event \(event.type.rawValue)")
        }
    }

    /// An `.invalidData` error at `mark` in this parser's source.
    func error(at mark: YAMLMark, _ message: String) -> ArchiveError {
        ArchiveError(code: .invalidData, message: "\(source):\(mark.line):\(mark.column): \(message)")
    }

    /// Translates libyaml's error state into an ``ArchiveError``.
    private func parserError() -> ArchiveError {
        let state = parser.pointee
        let problem = state.problem.map { String(cString: $0) } ?? "malformed YAML"
        if state.error == YAML_READER_ERROR {
            // Reader errors (bad encoding, control characters) carry a byte offset rather than a mark.
            return error(at: markOfByte(state.problem_offset), problem)
        }
        if state.error == YAML_MEMORY_ERROR {
            return ArchiveError(code: .io, message: "\(source): libyaml ran out of memory")
        }
        var message = problem
        if let context = state.context.map({ String(cString: $0) }) {
            let contextMark = YAMLMark(state.context_mark)
            message += " (\(context) at line \(contextMark.line), column \(contextMark.column))"
        }
        return error(at: YAMLMark(state.problem_mark), message)
    }

    /// The line and byte column of a byte offset into the input.
    private func markOfByte(_ offset: Int) -> YAMLMark {
        let prefix = input.prefix(max(0, offset))
        var line = 1
        var lineStart = 0
        for (index, byte) in prefix.enumerated() where byte == UInt8(ascii: "\n") {
            line += 1
            lineStart = index + 1
        }
        return YAMLMark(line: line, column: prefix.count - lineStart + 1)
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: $0) }
    }
}
