import Foundation
import Testing

/// Compares `text` with the golden file `Golden/<name>.<ext>` beside the calling test file (STYLE.md §4).
///
/// When the file is missing, or the environment has `MONK_RECORD_GOLDEN=1`, it writes `text` there and records
/// an issue, so the run fails until a person has reviewed the new file in git. A mismatch records an issue
/// naming the first differing line.
///
/// ```swift
/// try expectGolden(output, named: "sync-diff-unified", ext: "txt")
/// ```
///
/// - Parameters:
///   - text: the actual output.
///   - name: the file's base name.
///   - ext: the file's extension, without the dot.
///   - filePath: the test file; the default (the caller's `#filePath`) is almost always right.
/// - Throws: file-system errors reading or writing the golden file.
package func expectGolden(
    _ text: String,
    named name: String,
    ext: String = "txt",
    filePath: String = #filePath,
    sourceLocation: SourceLocation = #_sourceLocation
) throws {
    let directory = URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    let file = directory.appendingPathComponent("\(name).\(ext)")
    let isRecording = ProcessInfo.processInfo.environment["MONK_RECORD_GOLDEN"] == "1"
    guard !isRecording, FileManager.default.fileExists(atPath: file.path) else {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file, options: .atomic)
        Issue.record(
            "Recorded Golden/\(name).\(ext); review it, then run the tests again",
            sourceLocation: sourceLocation
        )
        return
    }
    let expected = try String(contentsOf: file, encoding: .utf8)
    guard text != expected else { return }
    let difference = firstDifference(text, expected)
    Issue.record(
        "Output differs from Golden/\(name).\(ext): \(difference); run with MONK_RECORD_GOLDEN=1 to re-record",
        sourceLocation: sourceLocation
    )
}

/// `line N: "actual" vs "expected"` for the first line where two texts differ.
private func firstDifference(_ actual: String, _ expected: String) -> String {
    let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
    let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
    for index in 0..<max(actualLines.count, expectedLines.count) {
        let a = index < actualLines.count ? String(actualLines[index]) : "<end of output>"
        let e = index < expectedLines.count ? String(expectedLines[index]) : "<end of file>"
        if a != e { return "line \(index + 1): \(a.debugDescription) vs \(e.debugDescription)" }
    }
    return "the texts differ"
}
