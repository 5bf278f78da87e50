import MonkCore
import MonkStore

/// An error answer of the monk API: HTTP status, stable `error_code`, safe message and optional details
/// (API.md §0.2, §0.8).
///
/// Handlers throw it (or a `StoreError`, which ``init(_:)-(StoreError)`` maps); the top responder turns every
/// error into the envelope `{"success":false,"error","error_code","data"}` through
/// `APIError: HTTPResponseError`. Messages never carry tokens, passwords, hashes or record bodies.
package struct APIError: Error, Sendable, CustomStringConvertible {
    /// HTTP status code.
    package var statusCode: Int
    /// Stable `error_code` from the catalogue.
    package var code: String
    /// Message safe to show a user.
    package var message: String
    /// Details (`data` of the envelope); empty means no `data` key.
    package var details: JSONObject
    /// Seconds for `Retry-After` (429 and 503).
    package var retryAfter: Int?

    package init(_ status: Int, _ code: String, _ message: String, details: JSONObject = [:], retryAfter: Int? = nil) {
        self.statusCode = status
        self.code = code
        self.message = message
        self.details = details
        self.retryAfter = retryAfter
    }

    /// The API answer for a store failure: same code and details, status from the catalogue.
    package init(_ error: StoreError) {
        self.init(APIError.status(forCode: error.code), error.code, error.message, details: error.details)
        if error.code == "DATABASE_UNAVAILABLE" { retryAfter = 1 }
    }

    package var description: String { "\(statusCode) \(code): \(message)" }

    /// The HTTP status API.md §0.8 gives an error code (500 for codes it does not list).
    package static func status(forCode code: String) -> Int {
        if let status = statusByCode[code] { return status }
        if code.hasPrefix("FILTER_")
            || code.hasPrefix("OPERATION_") && code != "OPERATION_UNSUPPORTED"
                && code != "OPERATION_REFERENCE_INVALID"
        {
            return 400
        }
        return 500
    }

    private static let statusByCode: [String: Int] = {
        var table: [String: Int] = [:]
        let groups: [(Int, [String])] = [
            (
                400,
                [
                    "INVALID_REQUEST_BODY", "BODY_NOT_ARRAY", "BODY_NOT_OBJECT", "BODY_MISSING_FIELD",
                    "INVALID_BODY_FORMAT", "JSON_PARSE_ERROR", "BAD_REQUEST", "VALIDATION_ERROR",
                    "CONFIRMATION_REQUIRED", "MISSING_AGGREGATION", "INVALID_MODEL_NAME", "MODEL_NAME_MISMATCH",
                    "MISSING_REQUIRED_FIELDS", "FIELD_NAME_REQUIRED", "INVALID_FIELD_NAME", "FIELD_NAME_TOO_LONG",
                    "RESERVED_FIELD_NAME", "INVALID_TYPE", "INVALID_DEFAULT_VALUE", "AUTH_TENANT_MISSING",
                    "AUTH_USERNAME_MISSING", "AUTH_PASSWORD_MISSING", "AUTH_TENANT_INVALID", "AUTH_USERNAME_INVALID",
                    "AUTH_EMAIL_INVALID", "AUTH_PASSWORD_INVALID", "FIXTURE_NOT_FOUND", "SYNC_INVALID_REQUEST",
                    "ARCHIVE_INVALID", "SNAPSHOT_INVALID",
                ]
            ),
            (
                401,
                [
                    "AUTH_TOKEN_REQUIRED", "AUTH_TOKEN_INVALID", "AUTH_TOKEN_EXPIRED", "AUTH_INVALID_TENANT",
                    "AUTH_LOGIN_FAILED",
                ]
            ),
            (
                403,
                [
                    "PERMISSION_DENIED", "SUDO_REQUIRED", "AUTH_SUDO_ACCESS_DENIED", "AUTH_TENANT_LIST_NOT_AVAILABLE",
                    "AUTH_REGISTRATION_DISABLED", "MODEL_FROZEN", "MODEL_PROTECTED", "FIELD_REQUIRES_SUDO",
                ]
            ),
            (
                404,
                [
                    "NOT_FOUND", "MODEL_NOT_FOUND", "RECORD_NOT_FOUND", "FIELD_NOT_FOUND",
                    "SYSTEM_FIELD_NOT_ACCESSIBLE",
                    "RELATIONSHIP_NOT_FOUND", "FILTER_NOT_FOUND", "USER_NOT_FOUND", "JOB_NOT_FOUND",
                    "SNAPSHOT_NOT_FOUND", "SANDBOX_NOT_FOUND",
                ]
            ),
            (
                409,
                [
                    "DATABASE_TENANT_EXISTS", "AUTH_CONFLICT", "MODEL_EXISTS", "FIELD_EXISTS", "RECORD_EXISTS",
                    "RECORD_CHANGED", "UNIQUE_VIOLATION", "CONFLICT", "JOB_NOT_CANCELLABLE", "SNAPSHOT_EXISTS",
                    "SNAPSHOT_NOT_READY", "SANDBOX_EXISTS",
                ]
            ),
            (410, ["GONE"]), (413, ["REQUEST_TOO_LARGE"]), (415, ["UNSUPPORTED_MEDIA_TYPE"]),
            (
                422,
                [
                    "DATA_VALIDATION_FAILED", "SOFT_DELETE_PROTECTION", "CANNOT_REVERT_NON_TRASHED", "MODEL_IMMUTABLE",
                    "FIELD_IMMUTABLE", "OPERATION_UNSUPPORTED", "OPERATION_REFERENCE_INVALID",
                ]
            ),
            (429, ["RATE_LIMITED"]), (500, ["INTERNAL_ERROR"]), (501, ["NOT_IMPLEMENTED"]),
            (503, ["DATABASE_UNAVAILABLE", "SERVICE_UNAVAILABLE"]),
        ]
        for (status, codes) in groups {
            for code in codes { table[code] = status }
        }
        return table
    }()
}

extension APIError {
    /// 404 `NOT_FOUND` for an unmatched method and path.
    static func routeNotFound(method: String, path: String) -> APIError {
        APIError(404, "NOT_FOUND", "no route for \(method) \(path)")
    }

    /// 500 `INTERNAL_ERROR` with the generic message; details go only to the server log.
    static let internalError = APIError(500, "INTERNAL_ERROR", "internal server error")

    /// 400 `BAD_REQUEST` naming the problem.
    static func badRequest(_ message: String) -> APIError {
        APIError(400, "BAD_REQUEST", message)
    }

    /// The envelope of this error as a JSON object.
    var envelope: JSONValue {
        var object: JSONObject = [
            "success": false, "error": .string(message), "error_code": .string(code),
        ]
        var details = details
        if let retryAfter, details.member("retry_after") == nil {
            details["retry_after"] = .number(JSONNumber(retryAfter))
        }
        if !details.isEmpty { object["data"] = .object(details) }
        return .object(object)
    }
}
