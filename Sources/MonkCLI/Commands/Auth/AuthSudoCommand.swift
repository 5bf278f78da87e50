import MonkClient
import MonkCommandLine
import MonkCore

/// `monk auth sudo`: swaps the session's token for a 15-minute sudo token (root and full users only).
struct AuthSudoCommand: MonkCommand {
    static let spec = CommandSpec(
        "sudo",
        abstract: "Elevate the current session to a short-lived sudo token (root and full users).",
        discussion: """
            The sudo token replaces the session's token until it expires (15 minutes on monk serve). \
            `monk auth refresh` before then turns it back into a normal token; after it, log in again.
            """,
        options: [.value("reason", valueName: "R", abstract: "Why elevation is needed (kept in the token).")]
            + ClientOptions.specs
    )

    static func run(_ context: CommandContext) async throws -> ExitStatus {
        let output = OutputOptions(context)
        let api = try APIContext(context, options: ClientOptions(context.parsed), needsSession: true)
        let issued = try await api.client.sudo(reason: context.parsed.value("reason"))
        let session = try AuthSessionSaver.save(
            issued,
            api: api,
            tenant: api.connection.tenant ?? "",
            user: api.connection.user ?? "",
            output: output,
            verb: "elevated to sudo:"
        )
        if output.isJSON { output.result(session) }
        return .success
    }
}
