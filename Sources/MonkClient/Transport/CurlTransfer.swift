import CCurl
import Synchronization

/// The state of one transfer while libcurl runs it: the request, the head and body received so far, and the
/// cancellation flag the async caller sets.
///
/// libcurl's C callbacks reach it through an unretained pointer; it stays alive because
/// ``CurlEasyHandle/perform(_:configuration:)`` holds it for the whole transfer.
// @unchecked: every stored `var` is touched only by the worker thread running the transfer (inside
// `curl_easy_perform` and after it); the only cross-thread access, cancellation, goes through an `Atomic`.
final class CurlTransfer: @unchecked Sendable {
    let request: HTTPRequest
    let disposition: ResponseDisposition
    private let cancelled = Atomic<Bool>(false)
    private(set) var headParser = ResponseHeadParser()
    private(set) var body: [UInt8] = []
    /// Bytes handed to a streaming consumer.
    private(set) var deliveredBytes = 0
    /// An error raised inside a callback (the consumer threw, or the body outgrew its limit).
    private(set) var failure: (any Error)?

    init(request: HTTPRequest, disposition: ResponseDisposition) {
        self.request = request
        self.disposition = disposition
    }

    /// Asks the transfer to stop at libcurl's next progress callback; safe from any thread.
    func cancel() { cancelled.store(true, ordering: .relaxed) }

    var isCancelled: Bool { cancelled.load(ordering: .relaxed) }

    /// Whether a successful body goes to a consumer rather than into memory.
    var isStreamed: Bool {
        if case .streamed = disposition { return true }
        return false
    }

    /// Takes one header line; returns `false` to abort.
    func receiveHeaderLine(_ bytes: UnsafeRawBufferPointer) -> Bool {
        headParser.consume(String(decoding: bytes, as: UTF8.self))
        return true
    }

    /// Takes one chunk of the decoded body; returns `false` to abort the transfer.
    func receiveBody(_ bytes: UnsafeRawBufferPointer) -> Bool {
        switch disposition {
        case .buffered(let limit):
            return append(bytes, limit: limit, failWhenFull: true)
        case .streamed(let errorLimit, let consumer):
            guard headParser.head.isSuccess else { return append(bytes, limit: errorLimit, failWhenFull: false) }
            do {
                try consumer(bytes)
                deliveredBytes += bytes.count
                return true
            } catch {
                failure = error
                return false
            }
        }
    }

    private func append(_ bytes: UnsafeRawBufferPointer, limit: Int, failWhenFull: Bool) -> Bool {
        guard body.count + bytes.count <= limit else {
            if failWhenFull {
                failure = TransportError(
                    code: .badResponse,
                    message: "the response body exceeds the limit of \(limit) bytes"
                )
                return false
            }
            body.append(contentsOf: bytes.prefix(max(0, limit - body.count)))
            return true
        }
        body.append(contentsOf: bytes)
        return true
    }
}

// MARK: - C callbacks

/// `CURLOPT_WRITEFUNCTION`: forwards a body chunk to the transfer; returning less than the chunk aborts.
let curlWriteCallback: ccurl_data_callback = { buffer, size, count, user in
    guard let user else { return 0 }
    let length = size * count
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(user).takeUnretainedValue()
    return transfer.receiveBody(UnsafeRawBufferPointer(start: buffer, count: length)) ? length : 0
}

/// `CURLOPT_HEADERFUNCTION`: forwards one header line to the transfer.
let curlHeaderCallback: ccurl_data_callback = { buffer, size, count, user in
    guard let user else { return 0 }
    let length = size * count
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(user).takeUnretainedValue()
    return transfer.receiveHeaderLine(UnsafeRawBufferPointer(start: buffer, count: length)) ? length : 0
}

/// `CURLOPT_XFERINFOFUNCTION`: a non-zero return aborts the transfer when the caller's task was cancelled.
let curlProgressCallback: curl_xferinfo_callback = { user, _, _, _, _ in
    guard let user else { return 0 }
    return Unmanaged<CurlTransfer>.fromOpaque(user).takeUnretainedValue().isCancelled ? 1 : 0
}
