import Foundation
import MonkArchive
import MonkTestSupport
import Testing

@Suite struct AtomicFileWriterTests {
    private struct Interrupted: Error {}

    private func contents(of dir: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
    }

    private func permissions(_ path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return try #require(attributes[.posixPermissions] as? Int)
    }

    @Test func commitReplacesTheFileWithTheRequestedMode() async throws {
        try await withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("sessions.json").path
            try AtomicFileWriter.write(Array("old".utf8), to: path)
            #expect(try permissions(path) == 0o644)
            try AtomicFileWriter.write(to: path, mode: 0o600) { file in
                try file.write(Array("new ".utf8))
                try file.write([UInt8](repeating: 0x61, count: 200_000))
            }
            let data = try [UInt8](Foundation.Data(contentsOf: URL(fileURLWithPath: path)))
            #expect(data.count == 200_004 && data.prefix(4) == Array("new ".utf8)[...])
            #expect(try permissions(path) == 0o600)
            #expect(try contents(of: dir) == ["sessions.json"])
        }
    }

    @Test func aThrowingBodyLeavesTheOldFileAndNoTemporaryFile() async throws {
        try await withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("config.json").path
            try AtomicFileWriter.write(Array("keep".utf8), to: path, mode: 0o600)
            #expect(throws: Interrupted.self) {
                try AtomicFileWriter.write(to: path) { file in
                    try file.write([UInt8](repeating: 0x62, count: 100_000))
                    throw Interrupted()
                }
            }
            #expect(try String(contentsOfFile: path, encoding: .utf8) == "keep")
            #expect(try contents(of: dir) == ["config.json"])
        }
    }

    @Test func discardedAndDroppedWritersLeaveNothing() async throws {
        try await withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("new.json").path
            let writer = try AtomicFileWriter(path: path, mode: 0o600)
            try writer.write(Array("x".utf8))
            #expect(try contents(of: dir).count == 1)
            writer.discard()
            #expect(!writer.isOpen)
            #expect(throws: ArchiveError.self) { try writer.write(Array("y".utf8)) }
            #expect(throws: ArchiveError.self) { try writer.commit() }
            do {
                let dropped = try AtomicFileWriter(path: path)
                try dropped.write(Array("z".utf8))
            }
            #expect(try contents(of: dir) == [])
        }
    }

    @Test func aFailedRenameRemovesTheTemporaryFile() async throws {
        try await withTemporaryDirectory { dir in
            // The target is a non-empty directory, so rename(2) fails after the data was written and synced.
            let path = dir.appendingPathComponent("target").path
            try FileManager.default.createDirectory(atPath: path + "/inside", withIntermediateDirectories: true)
            let error = try #require(throws: ArchiveError.self) {
                try AtomicFileWriter.write(Array("data".utf8), to: path)
            }
            #expect(error.code == .io)
            #expect(error.message.hasPrefix(path + ": cannot rename the temporary file into place: "))
            #expect(try contents(of: dir) == ["target"])
        }
    }

    @Test func aMissingDirectoryIsNotFound() async throws {
        try await withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("absent/file.json").path
            let error = try #require(throws: ArchiveError.self) { try AtomicFileWriter(path: path) }
            #expect(error.code == .notFound)
        }
    }
}
