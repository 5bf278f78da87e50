import Crypto
import HummingbirdBcrypt
import NIOPosix

/// bcrypt password hashing (API.md §1.1), run on NIO's blocking thread pool so the cooperative pool never
/// spends ~50 ms per hash.
///
/// A password longer than 72 bytes is first reduced to the base64 of its SHA-256, so no byte is ignored.
struct PasswordHasher: Sendable {
    /// bcrypt cost factor (10 by default).
    let cost: UInt8

    /// The bcrypt hash of `password`.
    func hash(_ password: String) async throws -> String {
        let input = PasswordHasher.prepared(password)
        let cost = cost
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(input, cost: cost) }
    }

    /// Whether `password` matches `hash`.
    func verify(_ password: String, hash: String) async throws -> Bool {
        let input = PasswordHasher.prepared(password)
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(input, hash: hash) }
    }

    private static func prepared(_ password: String) -> String {
        guard password.utf8.count > 72 else { return password }
        return Base64URL.standard(Array(SHA256.hash(data: Array(password.utf8))))
    }
}

extension Base64URL {
    /// Standard base64 with padding (RFC 4648 §4).
    static func standard(_ bytes: [UInt8]) -> String {
        var text = encode(bytes).replacingCharacters("-", with: "+").replacingCharacters("_", with: "/")
        while text.utf8.count % 4 != 0 { text += "=" }
        return text
    }
}

extension String {
    fileprivate func replacingCharacters(_ target: Character, with replacement: Character) -> String {
        String(map { $0 == target ? replacement : $0 })
    }
}
