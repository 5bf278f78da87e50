import MonkClient
import MonkCommandLine
import MonkCore

/// `monk auth logout`: forgets the session of the current (or given) server and tenant.
struct AuthLogoutCommand: MonkCommand {
    static let spec = CommandSpec(
        "logout",
        abstract: "Forget the session of the current server and tenant (or of --server/--tenant).",
        options: ClientOptions.specs
    )

    static func run(_ context: CommandContext) async throws -> ExitStatus {
        let output = OutputOptions(context)
        let options = ClientOptions(context.parsed)
        let store = try ConfigStore(environment: context.environment)
        let connection = try store.load().connection(
            server: options.server,
            tenant: options.tenant,
            environment: [:],
            now: APIContext.now()
        )
        guard let server = connection.serverName, let tenant = connection.tenant else {
            output.failure("no session selected: name one with --server and --tenant (see `monk auth list`)")
            return .notFound
        }
        let removed = try store.update { config in config.removeSession(server: server, tenant: tenant) }
        guard removed else {
            output.failure("no session for tenant \(tenant) on server \(server) (see `monk auth list`)")
            return .notFound
        }
        output.success("logged out of \(tenant) on \(server)")
        if output.isJSON { output.result(["server": .string(server), "tenant": .string(tenant)]) }
        return .success
    }
}
