import MonkClient
import MonkCommandLine
import MonkCore

/// `monk auth whoami`: the user object of the current session, as the server sees it.
struct AuthWhoamiCommand: MonkCommand {
    static let spec = CommandSpec(
        "whoami",
        abstract: "Print the current session's user as the server sees it (GET /api/user/me).",
        options: ClientOptions.specs
    )

    static func run(_ context: CommandContext) async throws -> ExitStatus {
        let output = OutputOptions(context)
        let api = try APIContext(context, options: ClientOptions(context.parsed), needsSession: true)
        let user = try await api.client.whoami()
        output.success("\(api.connection)")
        output.result(.object(user))
        return .success
    }
}
