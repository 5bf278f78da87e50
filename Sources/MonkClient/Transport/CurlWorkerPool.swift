import Foundation

/// A few threads of the transport's own, each owning one ``CurlEasyHandle``, that run blocking transfers so
/// libcurl never blocks Swift's cooperative pool.
///
/// Jobs run in submission order on whichever worker is free. Workers start on demand, up to `maximumWorkers`,
/// and live until ``shutdown()``; each keeps its handle (and so its keep-alive connections) between jobs.
// @unchecked: all mutable state (`jobs`, `workerCount`, `idleWorkers`, `isShutDown`) is read and written only
// while holding `condition`'s lock.
final class CurlWorkerPool: @unchecked Sendable {
    /// Work for a worker: receives the worker's handle, or `nil` when the handle could not be created.
    typealias Job = @Sendable (CurlEasyHandle?) -> Void

    private let condition = NSCondition()
    private let maximumWorkers: Int
    private var jobs: [Job] = []
    private var jobsHead = 0
    private var workerCount = 0
    private var idleWorkers = 0
    private var isShutDown = false

    init(maximumWorkers: Int) {
        self.maximumWorkers = max(1, maximumWorkers)
    }

    /// Queues `job`; starts a worker when none is idle and the maximum is not reached.
    ///
    /// After ``shutdown()`` the job runs at once on a temporary thread without a handle (it receives `nil`),
    /// so a late caller still gets an answer instead of waiting forever.
    func submit(_ job: @escaping Job) {
        condition.lock()
        if isShutDown {
            condition.unlock()
            Thread.detachNewThread { job(nil) }
            return
        }
        jobs.append(job)
        let startWorker = idleWorkers == 0 && workerCount < maximumWorkers
        if startWorker { workerCount += 1 }
        let workerNumber = workerCount
        condition.signal()
        condition.unlock()
        if startWorker {
            let thread = Thread { [self] in runWorker() }
            thread.name = "monk-curl-\(workerNumber)"
            thread.start()
        }
    }

    /// Lets the workers finish the queued jobs, then end; their handles (and connections) are closed.
    func shutdown() {
        condition.lock()
        isShutDown = true
        condition.broadcast()
        condition.unlock()
    }

    private func runWorker() {
        // A handle that cannot be created (out of memory) is reported to each job instead of stopping the pool.
        let handle = try? CurlEasyHandle()
        while let job = nextJob() {
            job(handle)
        }
    }

    /// Blocks until a job is queued (returning it) or the pool is shut down with nothing left (returning `nil`).
    private func nextJob() -> Job? {
        condition.lock()
        defer { condition.unlock() }
        idleWorkers += 1
        defer { idleWorkers -= 1 }
        while jobsHead == jobs.count {
            if isShutDown {
                workerCount -= 1
                return nil
            }
            condition.wait()
        }
        let job = jobs[jobsHead]
        jobsHead += 1
        if jobsHead == jobs.count {
            jobs.removeAll(keepingCapacity: true)
            jobsHead = 0
        }
        return job
    }
}
