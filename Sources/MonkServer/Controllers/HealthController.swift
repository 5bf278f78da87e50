import Hummingbird
import MonkCore
import MonkStore

/// `GET /health` and `GET /` (API.md §13).
struct HealthController: Sendable {
    let state: ServerState

    func add(to router: Router<MonkRequestContext>) {
        router.get("/health", use: health)
        router.get("/", use: root)
    }

    /// §13.1: status, time, uptime and the store kind; 503 `DATABASE_UNAVAILABLE` when the store does not answer.
    @Sendable func health(request: Request, context: MonkRequestContext) async throws -> Response {
        guard await state.registry.system.isReachable() else {
            throw APIError(503, "DATABASE_UNAVAILABLE", "the store does not answer", retryAfter: 5)
        }
        let elapsed = ContinuousClock.now - state.started
        let milliseconds = elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000
        let uptime = JSONNumber(String(milliseconds / 1000) + "." + String(1000 + milliseconds % 1000).dropFirst())
        return Reply.success(
            [
                "status": "healthy", "timestamp": .string(Timestamps.now()),
                "uptime": uptime.map(JSONValue.number) ?? 0, "database": "sqlite",
            ],
            request: request
        )
    }

    /// §13.2: the server's name, version, capabilities, limits and routes.
    @Sendable func root(request: Request, context: MonkRequestContext) async throws -> Response {
        let endpoints = JSONObject(
            sortedMembers: Routes.catalogue.sorted { $0.key < $1.key }.map { entry in
                (entry.key, JSONValue.array(entry.value.map(JSONValue.string)))
            }
        )
        let limits: JSONObject = [
            "max_body_bytes": .number(JSONNumber(state.configuration.maxBodyBytes)),
            "max_upload_bytes": .number(JSONNumber(state.configuration.maxBodyBytes)),
            "max_bulk_operations": .number(JSONNumber(state.configuration.maxBulkOperations)),
        ]
        return Reply.success(
            [
                "name": "monk", "version": "0.1.0", "compatible_with": "monk-api 6.2", "database": "sqlite",
                "auth": "local", "capabilities": .array(Routes.capabilities.map(JSONValue.string)),
                "limits": .object(limits), "endpoints": .object(endpoints), "documentation": "API.md",
            ],
            request: request
        )
    }
}
