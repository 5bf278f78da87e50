import Foundation
import MonkCore

/// Any endpoint of DESIGN.md §5 a sync command can read from or apply to.
///
/// ```swift
/// try SyncEndpoint(parsing: "prod:acme:users")   // .remote(server: "prod", tenant: "acme", models: .models(["users"]))
/// try SyncEndpoint(parsing: "acme:*")            // .remote(server: nil, tenant: "acme", models: .all)
/// try SyncEndpoint(parsing: "dump.zip#users")    // .archive(path: "dump.zip", model: "users")
/// try SyncEndpoint(parsing: "./backup/")         // .local(.directory(path: "./backup/"))
/// ```
package enum SyncEndpoint: Sendable, Equatable, CustomStringConvertible {
    /// A JSONL file, standard input/output or a directory.
    case local(LocalEndpoint)
    /// Models of a tenant on a configured server (`server` `nil` = the current one).
    case remote(RemoteEndpoint)
    /// An extract ZIP (DESIGN.md §9), all of its models or the one after `#`.
    case archive(path: String, model: String?)
    /// A snapshot SQLite file (DESIGN.md §10), all of its models or the one after `#`.
    case snapshot(path: String, model: String?)

    /// Reads an endpoint argument by the rules of DESIGN.md §5: local when it is `-`, starts with `.`, `/` or
    /// `~`, contains `/`, ends in `.jsonl`, `.zip`, `.sqlite` or `.db` (before `#model`), or names an existing
    /// path; otherwise remote, `[server:]tenant:model`, `[server:]tenant:a,b` or `[server:]tenant:*`.
    ///
    /// - Parameter home: what `~` expands to.
    /// - Throws: ``EndpointError`` for a malformed remote endpoint (exit status 2).
    package init(parsing argument: String, home: String? = nil) throws {
        let (base, fragment) = LocalEndpoint.splitFragment(argument)
        let lowered = base.lowercased()
        let path = LocalEndpoint.expandingTilde(base, home: home)
        if lowered.hasSuffix(".zip") && lowered.count > 4 {
            self = .archive(path: path, model: fragment)
            return
        }
        if (lowered.hasSuffix(".sqlite") && lowered.count > 7) || (lowered.hasSuffix(".db") && lowered.count > 3) {
            self = .snapshot(path: path, model: fragment)
            return
        }
        let isLocal =
            argument == "-" || base == "-" || LocalEndpoint.looksLocal(base) || lowered.hasSuffix(".jsonl")
            || FileManager.default.fileExists(atPath: path)
        if isLocal {
            self = .local(try LocalEndpoint(parsing: argument, home: home))
            return
        }
        let parser = EndpointParser(pathExists: { _ in false })
        guard case .remote(let remote) = try parser.parse(argument, expecting: .models) else {
            self = .local(try LocalEndpoint(parsing: argument, home: home))
            return
        }
        self = .remote(remote)
    }

    /// The endpoint as messages and patch headers show it.
    package var description: String {
        switch self {
        case .local(let local): local.description
        case .remote(let remote): remote.description
        case .archive(let path, let model), .snapshot(let path, let model): model.map { "\(path)#\($0)" } ?? path
        }
    }

    /// Whether the endpoint lives on a server.
    package var isRemote: Bool {
        if case .remote = self { return true }
        return false
    }
}

extension RemoteEndpoint: CustomStringConvertible {
    /// `server:tenant:models` as written (`prod:acme:users`, `acme:*`).
    package var description: String {
        let models =
            switch self.models {
            case .wholeTenant: ""
            case .all: ":*"
            case .models(let names): ":" + names.joined(separator: ",")
            }
        return (server.map { "\($0):" } ?? "") + tenant + models
    }
}
