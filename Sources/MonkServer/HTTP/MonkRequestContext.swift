import Hummingbird
import Logging
import NIOCore

/// The request context of `monk serve`: Hummingbird's core storage plus the client address.
package struct MonkRequestContext: RequestContext {
    package var coreContext: CoreRequestContextStorage
    /// The peer's IP address (for the per-IP rate limit), `nil` for non-IP transports.
    package let remoteIP: String?

    package init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
        remoteIP = source.channel.remoteAddress?.ipAddress
    }

    /// Bodies are read by ``RequestBody`` with the server's own limit, so Hummingbird's is lifted.
    package var maxUploadSize: Int { Int.max }
}
