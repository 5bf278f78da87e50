import MonkCore

/// Builds one ``JSONValue`` from the events of one YAML document, with an explicit stack instead of recursion.
///
/// It enforces the reader's limits: collection nesting (aliases count with the depth of their target) and the
/// number of nodes aliases may add (the defence against "billion laughs" documents). Anchors are registered
/// when their node ends, so an alias to an enclosing node (a cycle) is an unknown anchor.
struct YAMLDocumentBuilder {
    /// An anchored node, remembered for later aliases.
    private struct Anchor {
        /// The value, or why a scalar has none (such a scalar may still serve as a key, by its text).
        var value: Result<JSONValue, YAMLScalarResolver.Failure>
        /// Nodes in the value, aliases expanded.
        var size: Int
        /// Collection levels in the value (0 for a scalar).
        var height: Int
        /// The scalar's text, so an alias can serve as a mapping key.
        var scalarText: String?
    }

    /// A finished node on its way into its parent.
    private struct Node {
        var value: JSONValue
        var height: Int
        var scalarText: String?
        var isMergeKey = false
        var mark: YAMLMark
    }

    private enum Frame {
        case sequence(YAMLSequenceFrame)
        case mapping(YAMLMappingFrame)
    }

    private let limits: YAMLReader.Limits
    private let parser: YAMLEventParser
    private var stack: [Frame] = []
    private var anchors: [String: Anchor] = [:]
    private var aliasNodes = 0
    private var nodeCount = 0
    private var root: JSONValue?

    init(parser: YAMLEventParser, limits: YAMLReader.Limits) {
        self.parser = parser
        self.limits = limits
    }

    /// Feeds the events up to and including DOCUMENT-END and returns the document's value.
    mutating func build() throws(ArchiveError) -> JSONValue {
        while true {
            switch try parser.next() {
            case .documentEnd:
                return root ?? .null
            case .scalar(let scalar):
                try addScalar(scalar)
            case .alias(let name, let mark):
                try addAlias(name, mark: mark)
            case .sequenceStart(let anchor, let tag, let mark):
                try checkCollectionTag(tag, expected: "seq", mark: mark)
                try open(mark: mark)
                stack.append(.sequence(YAMLSequenceFrame(anchor: anchor, mark: mark, startCount: nodeCount)))
            case .mappingStart(let anchor, let tag, let mark):
                try checkCollectionTag(tag, expected: "map", mark: mark)
                try open(mark: mark)
                stack.append(.mapping(YAMLMappingFrame(anchor: anchor, mark: mark, startCount: nodeCount)))
            case .sequenceEnd, .mappingEnd:
                try closeCollection()
            case .streamStart, .streamEnd, .documentStart:
                throw parser.error(at: YAMLMark(line: 0, column: 0), "unexpected event inside a document")
            }
        }
    }

    private mutating func addScalar(_ scalar: YAMLEvent.Scalar) throws(ArchiveError) {
        nodeCount += 1
        let resolved = Result { () throws(YAMLScalarResolver.Failure) in
            try YAMLScalarResolver.resolve(scalar.text, tag: scalar.tag, isPlain: scalar.isPlain)
        }
        if let anchor = scalar.anchor {
            anchors[anchor] = Anchor(value: resolved, size: 1, height: 0, scalarText: scalar.text)
        }
        let isMergeKey = scalar.isPlain && scalar.tag == nil && scalar.text == "<<"
        let value = try value(of: resolved, at: scalar.mark)
        try attach(Node(value: value, height: 0, scalarText: scalar.text, isMergeKey: isMergeKey, mark: scalar.mark))
    }

    private mutating func addAlias(_ name: String, mark: YAMLMark) throws(ArchiveError) {
        guard let anchor = anchors[name] else {
            throw parser.error(at: mark, "unknown anchor '\(YAMLScalarResolver.excerpt(name))'")
        }
        aliasNodes += anchor.size
        guard aliasNodes <= limits.maximumAliasExpansion else {
            throw parser.error(at: mark, "aliases expand to more than \(limits.maximumAliasExpansion) nodes")
        }
        nodeCount += anchor.size
        guard stack.count + anchor.height <= limits.maximumDepth else {
            throw parser.error(at: mark, "alias nests deeper than \(limits.maximumDepth) levels")
        }
        let value = try value(of: anchor.value, at: mark)
        try attach(Node(value: value, height: anchor.height, scalarText: anchor.scalarText, mark: mark))
    }

    /// A scalar's value where one is needed; in key position only its text counts (`.inf: x` is the key
    /// `".inf"`), so a resolution failure is not an error there.
    private func value(
        of resolved: Result<JSONValue, YAMLScalarResolver.Failure>,
        at mark: YAMLMark
    ) throws(ArchiveError) -> JSONValue {
        switch resolved {
        case .success(let value):
            return value
        case .failure(let failure):
            if case .mapping(let frame) = stack.last, frame.expectsKey { return .null }
            throw parser.error(at: mark, failure.message)
        }
    }

    /// Checks that a collection may start here: not as a mapping key, and within the depth limit.
    private mutating func open(mark: YAMLMark) throws(ArchiveError) {
        if case .mapping(let frame) = stack.last, frame.expectsKey {
            throw parser.error(at: mark, "mapping keys must be scalars")
        }
        guard stack.count < limits.maximumDepth else {
            throw parser.error(at: mark, "nesting deeper than \(limits.maximumDepth) levels")
        }
        nodeCount += 1
    }

    private mutating func closeCollection() throws(ArchiveError) {
        guard let frame = stack.popLast() else {
            throw parser.error(at: YAMLMark(line: 0, column: 0), "collection end without a start")
        }
        let value: JSONValue
        let anchor: String?
        let height: Int
        let mark: YAMLMark
        let startCount: Int
        switch frame {
        case .sequence(let sequence):
            (value, anchor, height, mark, startCount) =
                (.array(sequence.items), sequence.anchor, sequence.height, sequence.mark, sequence.startCount)
        case .mapping(let mapping):
            do {
                value = .object(try mapping.object())
            } catch {
                throw parser.error(at: error.mark, error.message)
            }
            (anchor, height, mark, startCount) = (mapping.anchor, mapping.height, mapping.mark, mapping.startCount)
        }
        if let anchor {
            anchors[anchor] = Anchor(value: .success(value), size: nodeCount - startCount + 1, height: height + 1)
        }
        try attach(Node(value: value, height: height + 1, mark: mark))
    }

    /// Hands a finished node to the enclosing collection, or makes it the document's root.
    private mutating func attach(_ node: Node) throws(ArchiveError) {
        switch stack.last {
        case nil:
            root = node.value
        case .sequence(let frame):
            frame.append(node.value, height: node.height)
        case .mapping(let frame):
            if frame.expectsKey {
                guard let text = node.scalarText else {
                    throw parser.error(at: node.mark, "mapping keys must be scalars")
                }
                frame.setKey(text, isMerge: node.isMergeKey, mark: node.mark)
            } else {
                do {
                    try frame.setValue(node.value, height: node.height)
                } catch {
                    throw parser.error(at: error.mark, error.message)
                }
            }
        }
    }

    private func checkCollectionTag(_ tag: String?, expected: String, mark: YAMLMark) throws(ArchiveError) {
        guard let tag, tag != "!", tag != YAMLScalarResolver.tagPrefix + expected else { return }
        throw parser.error(at: mark, "unsupported tag '\(YAMLScalarResolver.excerpt(tag))'")
    }
}
