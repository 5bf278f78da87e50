/// Parses endpoint arguments by the grammar of DESIGN.md §5.
///
/// An argument is local when it is `-`, starts with `.`, `/` or `~`, contains `/`, ends in `.jsonl`, `.zip`,
/// `.sqlite` or `.db` (before an optional `#model`), or names an existing path; otherwise it is remote:
/// `[server:]tenant:model`, `[server:]tenant:a,b,c`, `[server:]tenant:*`, or, where the command takes a whole
/// tenant, `[server:]tenant`. With ``Expectation/tenant``, two parts mean `server:tenant` (unless the second is
/// `*` or a comma list, which only models can be); with ``Expectation/models`` they mean `tenant:models`. The parser does no I/O: `pathExists` is asked instead.
package struct EndpointParser: Sendable {
    /// What the command expects of a remote argument.
    package enum Expectation: Sendable {
        /// Models are required: `[server:]tenant:models` (sync diff, pull, push, copy).
        case models
        /// A whole tenant is allowed: `[server:]tenant`, or `server:tenant:models` to narrow it.
        case tenant
    }

    private let pathExists: @Sendable (String) -> Bool

    /// - Parameter pathExists: whether a file or directory of that name exists (relative to the working dir).
    package init(pathExists: @escaping @Sendable (String) -> Bool) {
        self.pathExists = pathExists
    }

    /// Parses one argument.
    ///
    /// - Throws: ``EndpointError`` naming the argument and the rule it breaks.
    package func parse(_ argument: String, expecting expectation: Expectation = .models) throws(EndpointError)
        -> Endpoint
    {
        guard !argument.isEmpty else {
            throw EndpointError(code: .empty, message: "an endpoint cannot be empty", argument: argument)
        }
        if argument == "-" { return .standardStream }
        if let local = try localEndpoint(argument) { return local }
        return .remote(try remoteEndpoint(argument, expecting: expectation))
    }

    // MARK: Local

    private static let fileExtensions = [".jsonl", ".zip", ".sqlite", ".db"]

    private func localEndpoint(_ argument: String) throws(EndpointError) -> Endpoint? {
        var path = argument
        var model: String?
        if let hash = argument.lastIndex(of: "#") {
            let base = String(argument[..<hash])
            if Self.fileExtension(of: base) != nil {
                path = base
                model = try Self.validatedModel(String(argument[argument.index(after: hash)...]), in: argument)
            }
        }
        let looksLocal =
            path.hasPrefix(".") || path.hasPrefix("/") || path.hasPrefix("~") || path.contains("/")
            || Self.fileExtension(of: path) != nil || pathExists(argument)
        guard looksLocal else { return nil }
        switch Self.fileExtension(of: path) {
        case ".jsonl":
            guard let model = model ?? Self.stemModel(of: path) else {
                throw EndpointError(
                    code: .unknownModel,
                    message: "'\(argument)': the file name is not a model name; add the model as '\(path)#model'",
                    argument: argument
                )
            }
            return .jsonlFile(path: path, model: model)
        case ".zip": return .archive(path: path, model: model)
        case ".sqlite", ".db": return .snapshot(path: path, model: model)
        default: return .directory(path: argument)
        }
    }

    /// The known extension `path` ends with (case-insensitive, and not the whole name), if any.
    private static func fileExtension(of path: String) -> String? {
        let name = path.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? path
        let lowered = name.lowercased()
        return fileExtensions.first { lowered.hasSuffix($0) && lowered.count > $0.count }
    }

    /// The file's stem when it is a valid model name (`users.jsonl` → `users`).
    private static func stemModel(of path: String) -> String? {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: ".") else { return nil }
        let stem = String(name[..<dot])
        return EndpointNames.isModelName(stem) ? stem : nil
    }

    // MARK: Remote

    private func remoteEndpoint(_ argument: String, expecting expectation: Expectation) throws(EndpointError)
        -> RemoteEndpoint
    {
        let parts = argument.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        let server: String?
        let tenant: String
        var models = RemoteEndpoint.Models.wholeTenant
        switch (parts.count, expectation) {
        case (1, .tenant): (server, tenant) = (nil, parts[0])
        case (2, .tenant) where parts[1] == "*" || parts[1].contains(","):
            // `acme:*` and `acme:a,b` cannot be server:tenant, so they keep their model meaning.
            (server, tenant, models) = (nil, parts[0], try Self.models(parts[1], in: argument))
        case (2, .tenant): (server, tenant) = (parts[0], parts[1])
        case (2, .models): (server, tenant, models) = (nil, parts[0], try Self.models(parts[1], in: argument))
        case (3, _): (server, tenant, models) = (parts[0], parts[1], try Self.models(parts[2], in: argument))
        case (1, .models):
            throw EndpointError(
                code: .missingModel,
                message: "'\(argument)': expected [server:]tenant:model (or a local path such as ./\(argument))",
                argument: argument
            )
        default:
            throw EndpointError(
                code: .tooManyParts,
                message: "'\(argument)': expected at most three parts, [server:]tenant:model",
                argument: argument
            )
        }
        if let server, !EndpointNames.isServerName(server) {
            throw EndpointError(
                code: .invalidName,
                message: "'\(argument)': '\(server)' is not a server name (letters, digits, '-', '_', '.')",
                argument: argument
            )
        }
        guard EndpointNames.isTenantName(tenant) else {
            throw EndpointError(
                code: .invalidName,
                message: "'\(argument)': '\(tenant)' is not a tenant name (lowercase letter, then a-z, 0-9, _)",
                argument: argument
            )
        }
        return RemoteEndpoint(server: server, tenant: tenant, models: models)
    }

    /// `*` or a comma list of model names, duplicates dropped.
    private static func models(_ text: String, in argument: String) throws(EndpointError) -> RemoteEndpoint.Models {
        if text == "*" { return .all }
        var names: [String] = []
        for name in text.split(separator: ",", omittingEmptySubsequences: false) {
            let model = try validatedModel(String(name), in: argument)
            if !names.contains(model) { names.append(model) }
        }
        return .models(names)
    }

    private static func validatedModel(_ name: String, in argument: String) throws(EndpointError) -> String {
        guard EndpointNames.isModelName(name) else {
            let shown = name.isEmpty ? "an empty name" : "'\(name)'"
            throw EndpointError(
                code: .invalidName,
                message: "'\(argument)': \(shown) is not a model name (lowercase letter, then a-z, 0-9, _)",
                argument: argument
            )
        }
        return name
    }
}
