import Foundation
import MonkCore

/// Writes `<model>.jsonl` files of an empty `jsonl` directory (the direct path of `sync pull`): canonical
/// lines in id order into a temporary file per model, renamed into place by ``finish()``, so an interrupted
/// pull leaves each model's file as it was.
///
/// ```swift
/// let sink = JSONLFileSink(fileForModel: { "/backup/\($0).jsonl" }, onBatch: { _ in })
/// ```
package final class JSONLFileSink: RecordSink {
    private let files: JSONLDestinationWriter
    private let onBatch: TransferJob.BatchHandler
    private var count = 0

    /// - Parameters:
    ///   - fileForModel: the JSONL file that holds a model.
    ///   - onBatch: hears of the records written so far every few thousand records (progress).
    package init(fileForModel: @escaping @Sendable (String) -> String, onBatch: @escaping TransferJob.BatchHandler) {
        files = JSONLDestinationWriter(fileForModel: fileForModel)
        self.onBatch = onBatch
    }

    package func write(_ record: ModelRecord) async throws {
        try files.put(record)
        count += 1
        if count % Self.reportInterval == 0 { try await onBatch(count) }
    }

    package func write(batch records: ArraySlice<ModelRecord>) async throws {
        for record in records { try files.put(record) }
        let before = count
        count += records.count
        if count / Self.reportInterval > before / Self.reportInterval { try await onBatch(count) }
    }

    /// Records between two calls of `onBatch` (it saves a checkpoint).
    private static let reportInterval = 50_000

    package func finish() async throws -> Int {
        try files.commit()
        try await onBatch(count)
        return count
    }

    package func abandon() async { files.discard() }
}

/// Writes the `<id>.json` files of an empty `files` directory (the direct path of `sync pull`): each record
/// as pretty JSON (2 spaces, sorted keys, trailing newline) to a temporary name, then renamed, so no file is
/// ever seen half-written (DESIGN.md §8).
///
/// Records are encoded on the caller's task while the previous batch of files is written on a queue of its
/// own, so the file system work (the cost of a pull to `files`) never waits for the source and never blocks
/// Swift's cooperative threads.
package final class FilesSink: RecordSink {
    private let folderForModel: @Sendable (String) -> String
    private let onBatch: TransferJob.BatchHandler
    private let writer = FileBatchWriter()
    private var batch: [(path: String, bytes: [UInt8])] = []
    private var inFlight: Task<Int, any Error>?
    private var folders: Set<String> = []
    private var committed = 0
    /// Files written when `onBatch` was last called: it saves a checkpoint, so it runs every
    /// ``reportInterval`` files rather than after every batch.
    private var reported = 0
    private static let batchSize = 2_000
    private static let reportInterval = 50_000

    /// - Parameters:
    ///   - folderForModel: the folder that holds a model's files (created when missing).
    ///   - onBatch: hears of the files written so far after each batch.
    package init(
        folderForModel: @escaping @Sendable (String) -> String,
        onBatch: @escaping TransferJob.BatchHandler
    ) {
        self.folderForModel = folderForModel
        self.onBatch = onBatch
    }

    package func write(_ record: ModelRecord) async throws {
        try DirectoryListing.checkFileName(record.id, model: record.model)
        let folder = folderForModel(record.model)
        if !folders.contains(folder) {
            try Self.createFolder(folder)
            folders.insert(folder)
        }
        let value = try JSONParser.parse(record.record.bytes)
        batch.append((DirectoryListing.join(folder, record.id + ".json"), PrettyEncoder().encode(value)))
        if batch.count >= Self.batchSize { try await send() }
    }

    package func finish() async throws -> Int {
        if !batch.isEmpty { try await send() }
        try await awaitInFlight()
        if reported != committed { try await onBatch(committed) }
        return committed
    }

    package func abandon() async {
        guard let task = inFlight else { return }
        inFlight = nil
        // Every file of the batch is whole or absent whatever happened to it; the run fails with its own error.
        _ = try? await task.value
    }

    private func send() async throws {
        try await awaitInFlight()
        inFlight = Self.launch(batch, writer: writer)
        batch = []
        batch.reserveCapacity(Self.batchSize)
    }

    /// Starts writing one batch.
    private static func launch(_ files: [(path: String, bytes: [UInt8])], writer: FileBatchWriter)
        -> Task<Int, any Error>
    {
        Task { try await writer.write(files) }
    }

    private func awaitInFlight() async throws {
        guard let task = inFlight else { return }
        inFlight = nil
        committed += try await task.value
        guard committed - reported >= Self.reportInterval else { return }
        reported = committed
        try await onBatch(committed)
    }

    private static func createFolder(_ folder: String) throws(SyncError) {
        guard !DirectoryListing.isDirectory(folder) else { return }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw SyncError(code: .io, message: "\(folder): cannot create the directory")
        }
    }
}

/// Writes batches of small files on a serial queue, each to `.<name>.monk-tmp` beside it and then renamed.
private struct FileBatchWriter: Sendable {
    private let queue = DispatchQueue(label: "monk.pull.files")

    /// Writes `files` off the cooperative pool and returns how many were written.
    ///
    /// - Throws: ``SyncError`` `.io` naming the first file that could not be written; the files before it
    ///   stay, the failed one is removed.
    func write(_ files: [(path: String, bytes: [UInt8])]) async throws -> Int {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Int, any Error>) in
            queue.async {
                do {
                    for file in files { try Self.write(file.bytes, to: file.path) }
                    continuation.resume(returning: files.count)
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
    }

    private static func write(_ bytes: [UInt8], to path: String) throws(SyncError) {
        let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")).map { path.utf8.index(after: $0) } ?? path.startIndex
        let temporary = String(path[..<slash]) + "." + String(path[slash...]) + ".monk-tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw SyncError(code: .io, message: "\(path): cannot create a temporary file: \(FileReader.reason(errno))")
        }
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else {
                let reason = FileReader.reason(errno)
                close(descriptor)
                unlink(temporary)
                throw SyncError(code: .io, message: "\(path): write failed: \(reason)")
            }
            offset += written
        }
        guard close(descriptor) == 0, rename(temporary, path) == 0 else {
            let reason = FileReader.reason(errno)
            unlink(temporary)
            throw SyncError(code: .io, message: "\(path): cannot write the file: \(reason)")
        }
    }
}
