import Foundation

/// A URL as it may appear in messages and logs: without user credentials and without secret query values.
///
/// `https://ada:pw@example.test/api/data/users?token=abc&limit=5` becomes
/// `https://example.test/api/data/users?token=REDACTED&limit=5`. Non-secret query parameters stay, since they
/// help to understand a failure (`limit`, `after`, `where`).
package enum RedactedURL {
    /// Query parameter names whose values are always replaced.
    package static let secretParameters: Set<String> = [
        "token", "access_token", "refresh_token", "sudo_token", "jwt", "password", "secret", "api_key", "apikey",
        "key", "signature", "sig", "auth",
    ]

    /// `url` with credentials removed and secret query values replaced by `REDACTED`.
    package static func describe(_ url: String) -> String {
        var text = Substring(url)
        var result = ""
        if let schemeEnd = text.range(of: "://") {
            result += text[..<schemeEnd.upperBound]
            text = text[schemeEnd.upperBound...]
            let authorityEnd = text.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? text.endIndex
            let authority = text[..<authorityEnd]
            if let at = authority.lastIndex(of: "@") {
                result += authority[authority.index(after: at)...]
            } else {
                result += authority
            }
            text = text[authorityEnd...]
        }
        let withoutFragment = text.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        guard let question = withoutFragment.firstIndex(of: "?") else { return result + withoutFragment }
        result += withoutFragment[...question]
        let pairs = withoutFragment[withoutFragment.index(after: question)...]
            .split(separator: "&", omittingEmptySubsequences: false)
            .map { pair -> String in
                let name = pair.split(separator: "=", maxSplits: 1).first ?? ""
                return secretParameters.contains(name.lowercased()) ? "\(name)=REDACTED" : String(pair)
            }
        return result + pairs.joined(separator: "&")
    }
}
