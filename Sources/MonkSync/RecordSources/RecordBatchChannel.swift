import Foundation

/// Batches of ``ModelRecord``s handed from a reading thread to an async consumer (remote streams).
typealias RecordBatchChannel = HandOverChannel<[ModelRecord]>

/// A bounded hand-over of batches from one reading thread to one async consumer.
///
/// The producer runs on a thread of its own and blocks while `depth` batches wait; the consumer never blocks a
/// thread: when nothing is ready it suspends on a continuation that the producer resumes.
// @unchecked because all mutable state is guarded by `condition`'s lock.
final class HandOverChannel<Batch: Sendable>: @unchecked Sendable {
    /// What travels through the channel, in order; `.end` or `.failure` comes last.
    enum Element: @unchecked Sendable {
        case records(Batch)
        case end
        case failure(any Error)
    }

    private let depth: Int
    private let condition = NSCondition()
    private var queue: [Element] = []
    private var waiter: CheckedContinuation<Element, Never>?
    private var isCancelled = false

    /// - Parameter depth: how many elements may wait before ``put(_:)`` blocks.
    init(depth: Int) {
        self.depth = depth
    }

    /// Producer: hands `element` over, blocking while the channel is full.
    ///
    /// - Returns: `false` when the consumer has gone (``cancel()``); the producer should stop.
    func put(_ element: Element) -> Bool {
        condition.lock()
        while queue.count >= depth && !isCancelled { condition.wait() }
        if isCancelled {
            condition.unlock()
            return false
        }
        if let waiter {
            self.waiter = nil
            condition.unlock()
            waiter.resume(returning: element)
            return true
        }
        queue.append(element)
        condition.unlock()
        return true
    }

    /// Consumer: the next element, suspending (not blocking) until the producer has one.
    func take() async -> Element {
        await withCheckedContinuation { (continuation: CheckedContinuation<Element, Never>) in
            condition.lock()
            if queue.isEmpty {
                waiter = continuation
                condition.unlock()
                return
            }
            let element = queue.removeFirst()
            condition.signal()
            condition.unlock()
            continuation.resume(returning: element)
        }
    }

    /// Consumer: stops the producer; its next ``put(_:)`` returns `false`.
    func cancel() {
        condition.lock()
        isCancelled = true
        queue.removeAll()
        condition.broadcast()
        condition.unlock()
    }
}
