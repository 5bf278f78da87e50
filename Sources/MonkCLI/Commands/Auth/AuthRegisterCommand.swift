import MonkClient
import MonkCommandLine
import MonkCore

/// `monk auth register TENANT USERNAME`: creates a tenant with its root user and saves the session.
struct AuthRegisterCommand: MonkCommand {
    static let spec = CommandSpec(
        "register",
        abstract: "Create a tenant and its owner (a root user), and log in as that user.",
        arguments: [
            ArgumentSpec("TENANT", abstract: "The new tenant's name (lowercase letters, digits, '_')."),
            ArgumentSpec("USERNAME", abstract: "The owner's login name."),
        ],
        options: [
            .value("template", valueName: "T", abstract: "Fixtures to apply, comma-separated (`system` always is)."),
            .value("email", valueName: "E", abstract: "The owner's email address."),
        ] + PasswordOptions.specs + ClientOptions.serverSpecs,
        examples: [
            Example(
                "printf '%s\\n' \"$PW\" | monk auth register acme root --template testing --password-stdin",
                "Register tenant acme with the testing fixtures, reading the password from standard input."
            )
        ]
    )

    static func run(_ context: CommandContext) async throws -> ExitStatus {
        let output = OutputOptions(context)
        let tenant = context.parsed.argument("TENANT") ?? ""
        let username = context.parsed.argument("USERNAME") ?? ""
        let api = try APIContext(context, options: ClientOptions(context.parsed), needsSession: false)
        let password = try await PasswordOptions(context.parsed)
            .read(confirm: true, output: output, commandPath: context.parsed.path)
        let issued = try await api.client.register(
            tenant: tenant,
            username: username,
            password: password,
            email: context.parsed.value("email"),
            template: context.parsed.value("template")
        )
        let session = try AuthSessionSaver.save(
            issued,
            api: api,
            tenant: tenant,
            user: username,
            output: output,
            verb: "registered tenant \(tenant); logged in as"
        )
        if output.isJSON { output.result(session) }
        return .success
    }
}
