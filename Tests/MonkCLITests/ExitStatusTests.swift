import MonkArchive
import MonkCLI
import MonkClient
import MonkCore
import Testing

@Suite struct ExitStatusTests {
    @Test(
        arguments: [
            (FailureCategory.notFound, 3), (.permission, 4), (.network, 5), (.rejected, 6), (.badInput, 7),
        ] as [(FailureCategory, Int32)]
    )
    func clientCategoriesMapToDocumentedCodes(category: FailureCategory, code: Int32) {
        #expect(ExitStatus.of(category).code == code)
    }

    @Test func inputAndFileErrors() {
        let json = JSONError(code: .unexpectedByte, message: "x", line: 1, column: 1, offset: 0)
        #expect(ExitStatus.of(json) == .badInput)
        #expect(ExitStatus.of(ArchiveError(code: .notFound, message: "a.jsonl: no such file")) == .notFound)
        #expect(ExitStatus.of(ArchiveError(code: .invalidData, message: "a.yaml:1:1: bad")) == .badInput)
        #expect(ExitStatus.of(CancellationError()) == .interrupted)
    }

    @Test func serverErrorsMapByCodeThenStatus() {
        let denied = TransportError(code: .server, message: "x", status: 401, serverCode: "AUTH_LOGIN_FAILED")
        #expect(ExitStatus.of(denied) == .permission)
        let missing = TransportError(code: .server, message: "x", status: 404, serverCode: "MODEL_NOT_FOUND")
        #expect(ExitStatus.of(missing) == .notFound)
        let invalid = TransportError(code: .server, message: "x", status: 422, serverCode: "DATA_VALIDATION_FAILED")
        #expect(ExitStatus.of(invalid) == .rejected)
        #expect(ExitStatus.of(TransportError(code: .network, message: "refused")) == .network)
    }
}
