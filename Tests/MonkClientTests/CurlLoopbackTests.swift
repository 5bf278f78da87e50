import Testing

@testable import MonkClient

/// Which URLs count as loopback for ``CurlTransport/Configuration/compressesLoopback``.
@Suite struct CurlLoopbackTests {
    @Test(arguments: [
        ("http://127.0.0.1:8080/api/data/x", true),
        ("http://127.1.2.3/", true),
        ("http://localhost:9001", true),
        ("http://LOCALHOST/api?x=1", true),
        ("http://[::1]:9001/health", true),
        ("http://user:pw@127.0.0.1:80/", true),
        ("https://api.example.com/api", false),
        ("http://127.example.com/", false),
        ("http://10.0.0.1:9001/", false),
        ("http://[2001:db8::1]/", false),
        ("not a url", false),
    ])
    func loopbackHostsAreRecognized(url: String, isLoopback: Bool) {
        #expect(CurlOptionSetter.isLoopback(url) == isLoopback)
    }
}
