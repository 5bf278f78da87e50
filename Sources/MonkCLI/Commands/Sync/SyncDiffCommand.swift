import Foundation
import MonkCommandLine
import MonkCore
import MonkSync

/// `monk sync diff SRC DST`: compares two endpoints and reports what would turn DST into SRC.
struct SyncDiffCommand: MonkCommand {
    /// The output formats of DESIGN.md §6.
    enum Format: String, CaseIterable {
        case summary, detailed, json, unified
        case sideBySide = "side-by-side"
    }

    static let spec = CommandSpec(
        "diff",
        abstract: "Compare two endpoints and show what would turn DST into SRC.",
        discussion: """
            Endpoints are models on a configured server ([server:]tenant:model, tenant:a,b, tenant:*), JSONL \
            files, directories, or - for standard input. Server records are read in id order by keyset pages, \
            and -f is sent to the server as the where of each page.

            Records are compared by their canonical JSON (key order, whitespace, escapes and number spelling \
            never count), after leaving out the system fields unless --compare-system-fields is given. Both \
            sides are read as sorted streams, so memory stays small for files of any size.

            summary prints counts with their share of all records; detailed adds the first 10 ids of each \
            kind; json prints the patch document; unified prints each changed record as a unified diff of \
            its pretty JSON (--- DST, +++ SRC); side-by-side prints DST and SRC in two columns as wide as \
            the terminal (COLUMNS).

            Long runs show progress on standard error (records read on each side, the rate, and an ETA when \
            both sides know their size): a bar on a terminal, JSON lines with --progress=json.

            Exit status 0 means no differences, 1 differences found. With -o, the patch is also written to \
            FILE, ready for `monk sync patch FILE DST`.
            """,
        arguments: [
            ArgumentSpec(
                "SRC",
                abstract: "Source endpoint: [server:]tenant:model (or :a,b or :*), a JSONL file, a directory, or -.",
                type: .file
            ),
            ArgumentSpec(
                "DST",
                abstract: "Destination endpoint: [server:]tenant:model, a JSONL file or a directory.",
                type: .file
            ),
        ],
        options: [
            .value(
                "format",
                valueName: "FORMAT",
                type: .choice(Format.allCases.map(\.rawValue)),
                abstract: "Output format.",
                defaultValue: Format.summary.rawValue
            ),
            .value("output", short: "o", valueName: "FILE", type: .file, abstract: "Also write the patch to FILE."),
            SyncProgressOption.spec,
        ] + SyncSelectionOptions.specs + SyncConnections.specs,
        examples: [
            Example("monk sync diff users.jsonl backup/users.jsonl", "Count the differences between two files."),
            Example(
                "monk sync diff ./export/ ./backup/ -s users --format unified",
                "Show the changed users records of two directories."
            ),
            Example("monk sync diff new.jsonl old.jsonl -o change.patch", "Write a patch to review and apply."),
            Example(
                "monk sync diff prod:acme:users staging:acme:users -o users.patch",
                "Compare a model on two servers and write the patch."
            ),
        ]
    )

    static func run(_ context: CommandContext) async throws -> ExitStatus {
        let parsed = context.parsed
        let home = context.environment["HOME"]
        let source = try SyncEndpoint(parsing: parsed.argument("SRC") ?? "", home: home)
        let destination = try SyncEndpoint(parsing: parsed.argument("DST") ?? "", home: home)
        let format = parsed.value("format").flatMap(Format.init(rawValue:)) ?? .summary
        let output = parsed.value("output")
        let patchPath = output ?? NSTemporaryDirectory() + "/monk-diff-\(UUID().uuidString).patch"
        defer {
            // The temporary patch only feeds the renderer; a failed removal leaves a stray file in /tmp.
            if output == nil { try? FileManager.default.removeItem(atPath: patchPath) }
        }
        var diff = LocalDiff(
            selection: SyncSelectionOptions.selection(parsed),
            scope: SyncSelectionOptions.scope(parsed),
            filter: try SyncSelectionOptions.filter(parsed),
            clients: SyncConnections(context).factory
        )
        // Checksums exist for `sync patch` to check the destination; a patch that is only shown does without.
        diff.needsChecksums = output != nil || format == .json
        let reporter = SyncProgressOption.reporter(context)
        diff.onProgress = { SyncProgressOption.update(reporter, with: $0) }
        let header: PatchHeader
        do {
            header = try await diff.run(
                from: source,
                to: destination,
                patchPath: patchPath,
                // The Swift ISO 8601 style, not ISO8601DateFormatter: that one loads ICU's calendar data, megabytes
                // of a diff's peak memory for one timestamp (issue #6).
                createdAt: Date().formatted(.iso8601),
                generator: "monk \(MonkCLI.version)"
            )
        } catch {
            reporter.finish()
            throw error
        }
        reporter.finish()
        let width = context.environment["COLUMNS"].flatMap { Int($0) } ?? 120
        try DiffRendering(console: context.console, width: width).render(format, patchAt: patchPath, header: header)
        if let output {
            context.console.success("Patch written to \(output) (\(header.summary.changes) operations)")
            context.console.err("  Apply it with: monk sync patch \(output) \(destination.description)\n")
        }
        return header.summary.isEqual ? .success : .differences
    }
}
