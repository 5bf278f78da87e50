import MonkCore

/// A failure inside a record store, in the vocabulary of API.md's error catalogue.
///
/// `code` is the API `error_code` (`MODEL_NOT_FOUND`, `RECORD_EXISTS`, …) so the server maps it to a response
/// without translation; `details` becomes the envelope's `data`. Messages never contain record bodies,
/// password hashes or tokens.
package struct StoreError: Error, Sendable, CustomStringConvertible {
    package var code: String
    package var message: String
    package var details: JSONObject

    package init(code: String, message: String, details: JSONObject = JSONObject()) {
        self.code = code
        self.message = message
        self.details = details
    }

    package var description: String { "\(code): \(message)" }
}
