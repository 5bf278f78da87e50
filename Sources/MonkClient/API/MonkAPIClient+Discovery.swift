import MonkCore

/// What `GET /` says about a server (API.md §13.2, §15).
package struct ServerInfo: Sendable, Equatable {
    /// Which implementation answered.
    package enum Kind: Sendable, Equatable {
        /// `monk serve`: JSON with `data.name == "monk"` and a capability list.
        case monkServe
        /// The original monk-api (HTML at `/`, or JSON of another shape): no **(new)** features.
        case monkAPI
    }

    package var kind: Kind
    package var version: String?
    package var database: String?
    /// Capabilities such as `keyset`, `bulk-expect`, `sync-checksum`; empty for monk-api.
    package var capabilities: Set<String>
    /// `limits` as sent (`max_body_bytes`, `max_bulk_operations`, …); empty for monk-api.
    package var limits: JSONObject

    /// Whether the server offers `capability` (always `false` on monk-api).
    package func supports(_ capability: String) -> Bool { capabilities.contains(capability) }
}

/// The state `GET /health` reports (API.md §13.1).
package struct HealthStatus: Sendable, Equatable {
    package var status: String
    /// `sqlite` or `postgresql`; absent on monk-api.
    package var database: String?
    package var uptime: JSONNumber?
}

extension MonkAPIClient {
    /// Detects the server kind and its capabilities with `GET /` (public).
    ///
    /// An HTML page (or JSON not describing `monk`) means monk-api 6.x, which has none of the new features.
    /// - Throws: ``TransportError`` for network failures and error statuses.
    package func serverInfo() async throws -> ServerInfo {
        let request = makeRequest(.get, "/")
        let response = try await transport.send(request, receiving: .buffered(limit: 4 << 20))
        guard response.head.isSuccess else { throw Envelope.serverError(response, for: request) }
        let monkAPI = ServerInfo(kind: .monkAPI, capabilities: [], limits: JSONObject())
        guard response.head.mediaType?.contains("json") ?? true,
            case .object(let root)? = try? JSONParser.parse(response.body),
            case .object(let data)? = root["data"], data["name"]?.stringValue == "monk"
        else { return monkAPI }
        let capabilities = data["capabilities"]?.arrayValue?.compactMap(\.stringValue) ?? []
        return ServerInfo(
            kind: .monkServe,
            version: data["version"]?.stringValue,
            database: data["database"]?.stringValue,
            capabilities: Set(capabilities),
            limits: data["limits"]?.objectValue ?? JSONObject()
        )
    }

    /// `GET /health` (public).
    ///
    /// - Throws: ``TransportError``; a store that cannot be reached is 503 `DATABASE_UNAVAILABLE`.
    package func health() async throws -> HealthStatus {
        let data = try await call(.get, "/health").data
        return HealthStatus(
            status: data["status"]?.stringValue ?? "unknown",
            database: data["database"]?.stringValue,
            uptime: data["uptime"]?.numberValue
        )
    }
}
