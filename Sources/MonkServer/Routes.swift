import Hummingbird

/// The route table of `monk serve`: every controller's routes, and the catalogue `GET /` reports (API.md §13.2).
enum Routes {
    /// Adds every controller's routes to `router`.
    static func add(to router: Router<MonkRequestContext>, state: ServerState) {
        HealthController(state: state).add(to: router)
        AuthController(state: state).add(to: router)
        UserController(state: state).add(to: router)
        UserAdminController(state: state).add(to: router)
        DataController(state: state).add(to: router)
        RelationshipController(state: state).add(to: router)
        FindController(state: state).add(to: router)
        DescribeController(state: state).add(to: router)
        BulkController(state: state).add(to: router)
        SyncController(state: state).add(to: router)
        TrashedController(state: state).add(to: router)
        StatController(state: state).add(to: router)
    }

    /// Capabilities this build implements (API.md §13.2).
    static let capabilities = [
        "jsonl-write", "keyset", "upsert-insert", "bulk-refs", "bulk-dry-run", "bulk-expect", "describe-bulk",
        "sync-checksum",
    ]

    /// `"METHOD /path"` of every implemented route, by API.md section name.
    static let catalogue: [String: [String]] = [
        "auth": ["POST /auth/register", "POST /auth/login", "POST /auth/refresh", "GET /auth/tenants"],
        "user": [
            "GET /api/user/me", "GET /api/user/whoami", "POST /api/user/sudo", "GET /api/user", "POST /api/user",
            "GET /api/user/:id", "PUT /api/user/:id", "DELETE /api/user/:id",
        ],
        "data": [
            "GET /api/data/:model", "POST /api/data/:model", "PUT /api/data/:model", "PATCH /api/data/:model",
            "DELETE /api/data/:model", "GET /api/data/:model/:id", "PUT /api/data/:model/:id",
            "PATCH /api/data/:model/:id", "DELETE /api/data/:model/:id", "GET /api/data/:model/:id/:rel",
            "POST /api/data/:model/:id/:rel", "PUT /api/data/:model/:id/:rel", "DELETE /api/data/:model/:id/:rel",
            "GET /api/data/:model/:id/:rel/:child", "PUT /api/data/:model/:id/:rel/:child",
            "DELETE /api/data/:model/:id/:rel/:child",
        ],
        "find": ["POST /api/find/:model", "GET /api/find/:model/:target"],
        "describe": [
            "GET /api/describe", "POST /api/describe", "GET /api/describe/:model", "POST /api/describe/:model",
            "PUT /api/describe/:model", "DELETE /api/describe/:model", "GET /api/describe/:model/fields",
            "POST /api/describe/:model/fields", "PUT /api/describe/:model/fields",
            "GET /api/describe/:model/fields/:field",
            "POST /api/describe/:model/fields/:field", "PUT /api/describe/:model/fields/:field",
            "DELETE /api/describe/:model/fields/:field",
        ],
        "bulk": ["POST /api/bulk"],
        "aggregate": ["GET /api/aggregate/:model", "POST /api/aggregate/:model"],
        "trashed": [
            "GET /api/trashed", "GET /api/trashed/:model", "GET /api/trashed/:model/:id",
            "POST /api/trashed/:model/:id", "POST /api/trashed/:model", "DELETE /api/trashed/:model/:id",
            "DELETE /api/trashed/:model",
        ],
        "stat": ["GET /api/stat/:model/:id"],
        "acls": [
            "GET /api/acls/:model/:id", "POST /api/acls/:model/:id", "PUT /api/acls/:model/:id",
            "DELETE /api/acls/:model/:id",
        ],
        "sync": ["POST /api/sync/:model/checksum", "POST /api/sync/:model/hashes"],
        "health": ["GET /health", "GET /"],
    ]
}
