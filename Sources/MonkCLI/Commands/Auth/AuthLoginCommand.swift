import MonkClient
import MonkCommandLine
import MonkCore

/// `monk auth login TENANT USERNAME`: logs in and saves the session for the server and tenant.
struct AuthLoginCommand: MonkCommand {
    static let spec = CommandSpec(
        "login",
        abstract: "Log in to a tenant and save the session; it becomes the current one.",
        discussion: "A wrong tenant, user name or password exits with status 4.",
        arguments: [
            ArgumentSpec("TENANT", abstract: "The tenant to log in to."),
            ArgumentSpec("USERNAME", abstract: "The login name."),
        ],
        options: PasswordOptions.specs + ClientOptions.serverSpecs,
        examples: [Example("monk auth login acme root --server prod", "Log in to tenant acme on server prod.")]
    )

    static func run(_ context: CommandContext) async throws -> ExitStatus {
        let output = OutputOptions(context)
        let tenant = context.parsed.argument("TENANT") ?? ""
        let username = context.parsed.argument("USERNAME") ?? ""
        let api = try APIContext(context, options: ClientOptions(context.parsed), needsSession: false)
        let password = try await PasswordOptions(context.parsed)
            .read(confirm: false, output: output, commandPath: context.parsed.path)
        let issued = try await api.client.login(tenant: tenant, username: username, password: password)
        let session = try AuthSessionSaver.save(
            issued,
            api: api,
            tenant: tenant,
            user: username,
            output: output,
            verb: "logged in as"
        )
        if output.isJSON { output.result(session) }
        return .success
    }
}
