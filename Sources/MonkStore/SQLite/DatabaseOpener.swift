import Dispatch
import GRDB

/// Opens the SQLite databases of `monk serve` with the settings every connection shares.
///
/// Every pool runs in WAL mode (GRDB's `DatabasePool` default) with a 5 second busy timeout (API.md §14), so a
/// writer waiting for another never surfaces `SQLITE_BUSY` to a user unless the store is stuck for that long,
/// and monk's SQL functions (`monk_*`) are registered on every connection.
package enum DatabaseOpener {
    /// How long a connection waits for a lock before failing with `SQLITE_BUSY`.
    static let busyTimeoutSeconds: Double = 5

    /// The GRDB configuration for a store file.
    static func configuration() -> Configuration {
        var configuration = Configuration()
        configuration.busyMode = .timeout(busyTimeoutSeconds)
        configuration.foreignKeysEnabled = true
        configuration.prepareDatabase { db in
            // Runs before GRDB switches the file to WAL, the last moment a new file's page size can be chosen.
            try db.execute(sql: "PRAGMA page_size = \(pageSize)")
            // WAL with NORMAL sync is durable across application crashes; only a power loss may drop the last
            // transactions, never corrupt the file.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            if !db.configuration.readonly {
                try db.execute(sql: "PRAGMA cache_size = -\(writerCacheKiB)")
            }
            SQLFunctions.register(in: db)
        }
        return configuration
    }

    /// The page size of new files (existing files keep theirs). Model tables are clustered on `id` (`WITHOUT
    /// ROWID`), and SQLite moves a row of such a table to overflow pages past about a quarter of a page: 16 KiB
    /// pages keep records of up to ~4 KB inline, and a bulk create splits and writes fewer pages.
    package static let pageSize = 16_384

    /// The page cache of the one writer connection, in KiB. Records arrive in random id order, so a bulk
    /// create touches pages all over the table; a cache that holds them spills nothing to the WAL before the
    /// commit. SQLite allocates it only as pages are used. Readers keep SQLite's 2 MB default: they stream.
    package static let writerCacheKiB = 65_536

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
