/// Where records come from or go to: a command-line endpoint argument after parsing (DESIGN.md §5).
///
/// ```swift
/// let parser = EndpointParser(pathExists: { FileManager.default.fileExists(atPath: $0) })
/// try parser.parse("prod:acme:users")      // .remote(server: "prod", tenant: "acme", models: .models(["users"]))
/// try parser.parse("./backup/")            // .directory(path: "./backup/")
/// try parser.parse("dump.zip#users")       // .archive(path: "dump.zip", model: "users")
/// ```
package enum Endpoint: Sendable, Hashable {
    /// Models of a tenant on a server; `server` is a configured name (`nil` = the current server).
    case remote(RemoteEndpoint)
    /// A local directory in the `files` or `jsonl` layout (DESIGN.md §8). The path is as written (`~` unexpanded).
    case directory(path: String)
    /// One model in a JSONL file; the model is the `#model` suffix or the file's stem.
    case jsonlFile(path: String, model: String)
    /// An extract archive, all of its models or the one after `#`.
    case archive(path: String, model: String?)
    /// A SQLite snapshot file (`.sqlite`, `.db`), all of its models or the one after `#`.
    case snapshot(path: String, model: String?)
    /// JSONL on standard input or output (`-`).
    case standardStream

    /// Whether the endpoint is on this machine rather than on a server.
    package var isLocal: Bool {
        if case .remote = self { return false }
        return true
    }
}

/// A tenant (and some of its models) on a monk server.
package struct RemoteEndpoint: Sendable, Hashable {
    /// Which models of the tenant an endpoint names.
    package enum Models: Sendable, Hashable {
        /// `[server:]tenant`: the whole tenant, for commands that take one (extract, restore, snapshot, sandbox).
        case wholeTenant
        /// `tenant:*`: every non-system model.
        case all
        /// `tenant:a,b,c`: these models, in the order written, without duplicates.
        case models([String])
    }

    /// The configured server name; `nil` means the current server.
    package var server: String?
    package var tenant: String
    package var models: Models

    package init(server: String?, tenant: String, models: Models) {
        self.server = server
        self.tenant = tenant
        self.models = models
    }
}

/// Why an endpoint argument could not be parsed; the message quotes the argument and says what is expected.
package struct EndpointError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of problem; compare with the static members.
    package struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        package var description: String { name }

        /// The argument is empty.
        package static let empty = Code("empty")
        /// A server, tenant or model name breaks the naming rules.
        package static let invalidName = Code("invalid name")
        /// The command needs models but the argument names none (`acme` instead of `acme:users`).
        package static let missingModel = Code("missing model")
        /// Too many `:`-separated parts.
        package static let tooManyParts = Code("too many parts")
        /// A JSONL file whose stem is not a model name and that has no `#model` suffix.
        package static let unknownModel = Code("unknown model")
    }

    package var code: Code
    package var message: String
    /// The argument as the user typed it.
    package var argument: String

    package init(code: Code, message: String, argument: String) {
        self.code = code
        self.message = message
        self.argument = argument
    }

    package var description: String { message }
}
