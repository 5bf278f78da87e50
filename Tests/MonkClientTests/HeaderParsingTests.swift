import MonkClient
import Testing

@Suite struct HeaderParsingTests {
    @Test(arguments: [
        ("5", 0, Duration.seconds(5)),
        (" 0 ", 100, .seconds(0)),
        ("Thu, 01 Jan 1970 00:01:00 GMT", 30, .seconds(30)),
        ("Sun, 06 Nov 1994 08:49:37 GMT", 784_111_770, .seconds(7)),
        ("Sunday, 06-Nov-94 08:49:37 GMT", 784_111_777, .seconds(0)),
        ("Sun Nov  6 08:49:37 1994", 784_111_767, .seconds(10)),
        ("Sun, 06 Nov 1994 08:49:37 GMT", 784_200_000, .seconds(0)),
    ])
    func retryAfterReadsSecondsAndHTTPDates(value: String, now: Int64, expected: Duration) {
        #expect(RetryAfter.delay(from: value, now: now) == expected)
    }

    @Test(arguments: ["", "soon", "-3", "1.5", "Sun, 32 Nov 1994 08:49:37 GMT"])
    func retryAfterRejectsGarbage(value: String) {
        #expect(RetryAfter.delay(from: value, now: 0) == nil)
    }

    @Test func headParserKeepsOnlyTheFinalResponse() {
        var parser = ResponseHeadParser()
        for line in [
            "HTTP/1.1 100 Continue\r\n", "\r\n", "HTTP/1.1 503 Service Unavailable\r\n",
            "Content-Type: application/json; charset=utf-8\r\n", "Retry-After:  2 \r\n", "X-Long: a\r\n",
            "\tb\r\n", "\r\n",
        ] {
            parser.consume(line)
        }
        #expect(parser.head.status == 503)
        #expect(parser.head.mediaType == "application/json")
        #expect(parser.head.header("retry-after") == "2")
        #expect(parser.head.header("x-long") == "a b")
        #expect(parser.head.headers.count == 3)
    }

    @Test(arguments: [
        ("https://ada:pw@example.test/api/data/users?limit=5", "https://example.test/api/data/users?limit=5"),
        ("http://h/x?token=abc&after=1&Password=p", "http://h/x?token=REDACTED&after=1&Password=REDACTED"),
        ("http://h:9001/health", "http://h:9001/health"),
        ("http://u@h/p#frag", "http://h/p"),
    ])
    func redactedURLDropsCredentialsAndSecrets(url: String, expected: String) {
        #expect(RedactedURL.describe(url) == expected)
    }
}
