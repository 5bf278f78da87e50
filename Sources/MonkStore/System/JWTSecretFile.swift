import Foundation

/// Where the server's JWT signing secret comes from (API.md §1.6): the configuration, else `MONK_JWT_SECRET`,
/// else `<data dir>/jwt-secret`, generated once (32 random bytes, hex, mode 0600) so tokens survive restarts.
package enum JWTSecretFile {
    /// The secret bytes.
    ///
    /// - Throws: `StoreError` `DATABASE_UNAVAILABLE` when the file cannot be read or written. The message never
    ///   contains the secret.
    package static func secret(configured: String?, dataDirectory: String) throws -> [UInt8] {
        if let configured, !configured.isEmpty { return Array(configured.utf8) }
        if let environment = ProcessInfo.processInfo.environment["MONK_JWT_SECRET"], !environment.isEmpty {
            return Array(environment.utf8)
        }
        let path = (dataDirectory as NSString).appendingPathComponent("jwt-secret")
        if let existing = FileManager.default.contents(atPath: path), !existing.isEmpty {
            return Array(existing)
        }
        var generator = SystemRandomNumberGenerator()
        let secret = Array(HexEncoding.encode((0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }).utf8)
        let temporary = path + ".tmp-\(UUIDs.random())"
        guard
            FileManager.default.createFile(
                atPath: temporary,
                contents: Data(secret),
                attributes: [.posixPermissions: 0o600]
            )
        else {
            throw StoreError(code: "DATABASE_UNAVAILABLE", message: "cannot write \(path)")
        }
        do {
            try FileManager.default.moveItem(atPath: temporary, toPath: path)
        } catch {
            throw StoreError(code: "DATABASE_UNAVAILABLE", message: "cannot write \(path)")
        }
        return secret
    }
}
