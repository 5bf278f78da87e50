import Foundation
import Testing

/// Compares `actual` with the golden file `Golden/<name>.<ext>` next to the calling test file.
///
/// When the file is missing, or `MONK_RECORD_GOLDEN=1` is set, it writes `actual` there and records a test
/// issue, so the run fails until a person has reviewed the new file in git (STYLE.md §4).
///
/// ```swift
/// try expectGolden(HelpRenderer(program: program).help(for: ["sync"]) ?? "", named: "help-sync", ext: "txt")
/// ```
package func expectGolden(
    _ actual: String,
    named name: String,
    ext: String = "txt",
    filePath: String = #filePath,
    sourceLocation: SourceLocation = #_sourceLocation
) throws {
    let directory = URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    let file = directory.appendingPathComponent("\(name).\(ext)")
    let recording = ProcessInfo.processInfo.environment["MONK_RECORD_GOLDEN"] == "1"
    let existing = try? String(contentsOf: file, encoding: .utf8)
    if recording || existing == nil {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try actual.write(to: file, atomically: true, encoding: .utf8)
        Issue.record(
            "Recorded golden file \(file.path); review it and run the tests again",
            sourceLocation: sourceLocation
        )
        return
    }
    if existing != actual {
        let diffLine = firstDifferentLine(existing ?? "", actual)
        Issue.record(
            "\(name).\(ext) differs from the golden file at line \(diffLine.number):\n  golden: \(diffLine.golden)\n  actual: \(diffLine.actual)\n(set MONK_RECORD_GOLDEN=1 to re-record)",
            sourceLocation: sourceLocation
        )
    }
}

/// The first line where two texts differ, for a readable failure message.
private func firstDifferentLine(_ golden: String, _ actual: String) -> (number: Int, golden: String, actual: String) {
    let a = golden.split(separator: "\n", omittingEmptySubsequences: false)
    let b = actual.split(separator: "\n", omittingEmptySubsequences: false)
    for index in 0..<max(a.count, b.count) {
        let left = index < a.count ? String(a[index]) : "<end of file>"
        let right = index < b.count ? String(b[index]) : "<end of file>"
        if left != right { return (index + 1, left, right) }
    }
    return (0, "", "")
}
