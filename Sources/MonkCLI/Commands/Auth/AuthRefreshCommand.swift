import MonkClient
import MonkCommandLine
import MonkCore

/// `monk auth refresh`: exchanges the session's token for a fresh one (a sudo token becomes a normal one).
struct AuthRefreshCommand: MonkCommand {
    static let spec = CommandSpec(
        "refresh",
        abstract: "Renew the current session's token before it expires (a sudo token becomes a normal one).",
        options: ClientOptions.specs
    )

    static func run(_ context: CommandContext) async throws -> ExitStatus {
        let output = OutputOptions(context)
        let api = try APIContext(context, options: ClientOptions(context.parsed), needsSession: true)
        let issued = try await api.client.refresh()
        let session = try AuthSessionSaver.save(
            issued,
            api: api,
            tenant: api.connection.tenant ?? "",
            user: api.connection.user ?? "",
            output: output,
            verb: "refreshed the session of"
        )
        if output.isJSON { output.result(session) }
        return .success
    }
}
