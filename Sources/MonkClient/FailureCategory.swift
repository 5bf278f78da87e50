/// The kinds of failure the command line turns into exit statuses (DESIGN.md §12), so `ExitStatus` maps
/// client errors in one `switch`.
package enum FailureCategory: Sendable, Hashable, CaseIterable {
    /// A server name, tenant, model, record or file does not exist (exit 3).
    case notFound
    /// Authentication or permission refused (exit 4).
    case permission
    /// Network or temporary failure after retries: connection, timeout, 429, 503 (exit 5).
    case network
    /// The server rejected the request: validation, conflict, 5xx (exit 6).
    case rejected
    /// Bad input data: malformed JSON, a response that cannot be understood (exit 7).
    case badInput
}

extension TransportError {
    /// The exit-status category of this failure.
    ///
    /// The server's `error_code` decides first, the HTTP status second (API.md §0.8: monk-api 6.2 answers 422
    /// or 500 where `monk serve` answers 404, so codes are the better guide):
    /// - `*_NOT_FOUND` codes (except on 401), `GONE` and status 404/410 → `.notFound`;
    /// - status 401, `AUTH_*`/`SUDO_REQUIRED`/`PERMISSION_DENIED` codes and other 403s → `.permission`
    ///   (`MODEL_FROZEN` and `MODEL_PROTECTED` are rejections of the request, not of the caller);
    /// - 429, 502, 503, 504 and network failures → `.network`;
    /// - `INVALID_REQUEST_BODY`, `JSON_PARSE_ERROR` and unreadable responses → `.badInput`;
    /// - everything else the server refused (400, 409, 413, 422, 500, …) → `.rejected`.
    package var category: FailureCategory {
        switch code {
        case .network: return .network
        case .badResponse: return .badInput
        case .invalidRequest: return .badInput
        default: break
        }
        if let serverCode, let category = Self.category(ofServerCode: serverCode, status: status) { return category }
        switch status ?? 0 {
        case 401, 403: return .permission
        case 404, 410: return .notFound
        case 429, 502, 503, 504: return .network
        default: return .rejected
        }
    }

    private static let rejectedCodes: Set<String> = ["MODEL_FROZEN", "MODEL_PROTECTED", "AUTH_CONFLICT"]
    private static let badInputCodes: Set<String> = ["INVALID_REQUEST_BODY", "JSON_PARSE_ERROR"]
    private static let permissionCodes: Set<String> = [
        "PERMISSION_DENIED", "SUDO_REQUIRED", "FIELD_REQUIRES_SUDO",
    ]

    /// The category a server `error_code` implies on its own, or `nil` to decide by status.
    private static func category(ofServerCode code: String, status: Int?) -> FailureCategory? {
        if status == 401 { return .permission }
        if rejectedCodes.contains(code) { return .rejected }
        if badInputCodes.contains(code) { return .badInput }
        if permissionCodes.contains(code) { return .permission }
        if code.hasSuffix("_NOT_FOUND") || code == "GONE" { return .notFound }
        if code == "RATE_LIMITED" || code == "DATABASE_UNAVAILABLE" || code == "SERVICE_UNAVAILABLE" {
            return .network
        }
        if code.hasPrefix("AUTH_") && (status == 401 || status == 403) { return .permission }
        return nil
    }
}
