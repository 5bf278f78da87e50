import Dispatch
import GRDB

/// Opens the SQLite databases of `monk serve` with the settings every connection shares.
///
/// Every pool runs in WAL mode (GRDB's `DatabasePool` default) with a 5 second busy timeout (API.md §14), so a
/// writer waiting for another never surfaces `SQLITE_BUSY` to a user unless the store is stuck for that long,
/// and monk's SQL functions (`monk_*`) are registered on every connection.
enum DatabaseOpener {
    /// How long a connection waits for a lock before failing with `SQLITE_BUSY`.
    static let busyTimeoutSeconds: Double = 5

    /// The GRDB configuration for a store file.
    static func configuration() -> Configuration {
        var configuration = Configuration()
        configuration.busyMode = .timeout(busyTimeoutSeconds)
        configuration.foreignKeysEnabled = true
        configuration.prepareDatabase { db in
            // WAL with NORMAL sync is durable across application crashes; only a power loss may drop the last
            // transactions, never corrupt the file.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // Reads map the file instead of copying each page through a read() call: streams and big finds
            // read hundreds of megabytes.
            try db.execute(sql: "PRAGMA mmap_size = 1073741824")
            SQLFunctions.register(in: db)
        }
        return configuration
    }

    /// Opens (creating if needed) a WAL pool at `path`, doing the blocking file work off Swift's cooperative pool.
    ///
    /// - Throws: `DatabaseError` when the file cannot be opened or is not an SQLite database.
    static func openPool(at path: String) async throws -> DatabasePool {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try DatabasePool(path: path, configuration: configuration()) })
            }
        }
    }

    /// Closes `pool`, releasing its file handles, off the cooperative pool.
    static func close(_ pool: DatabasePool) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            DispatchQueue.global().async {
                // A pool that is still in use cannot close; it is closed when its last reference goes away.
                try? pool.close()
                continuation.resume()
            }
        }
    }
}
