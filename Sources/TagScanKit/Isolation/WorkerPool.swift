import Foundation
import Synchronization

/// Worker processes kept between scans, for a long-running host (`tagscan serve`) that scans one
/// small request after another: starting a worker (fork, exec, poppler's start-up) costs more than
/// scanning a short template, so idle workers are kept, up to `capacity`, and handed to the next
/// scan. A worker that overran, died or answered out of protocol is never put back; one is
/// retired after `maximumUses` documents, so no slow growth of a worker's memory lasts.
///
/// ```swift
/// let pool = WorkerPool(capacity: 4)
/// var scanner = Scanner(options: options)   // options.isolation set
/// scanner.workerPool = pool
/// _ = try await scanner.scan(sources)
/// pool.shutdown()                           // when the host stops
/// ```
public final class WorkerPool: Sendable {
    /// Idle workers, each with the isolation it was started with and the documents it has
    /// scanned. A worker is only ever used by the one scan that took it out.
    private struct Idle: @unchecked Sendable {
        // @unchecked: a WorkerProcess is confined to one thread at a time; the pool only holds
        // it while no thread uses it, and hands it to exactly one.
        var worker: WorkerProcess
        var isolation: IsolationOptions
        var uses: Int
    }

    public let capacity: Int
    public let maximumUses: Int
    private let idle = Mutex<[Idle]>([])
    private let closed = Atomic<Bool>(false)
    private let spawner = Spawner()

    public init(capacity: Int, maximumUses: Int = 1000) {
        self.capacity = max(0, capacity)
        self.maximumUses = max(1, maximumUses)
    }

    /// Starts a worker that may outlive the scan that asked for it. A worker dies with the
    /// thread that started it (PR_SET_PDEATHSIG follows the thread, not the process), and a
    /// scan's threads end with the scan, so pooled workers are all started on one thread that
    /// lives as long as the pool.
    func start(_ isolation: IsolationOptions) throws(DocumentError) -> WorkerProcess {
        try spawner.start(isolation)
    }

    /// Workers waiting for a scan.
    public var idleCount: Int { idle.withLock { $0.count } }

    /// An idle worker started with `isolation` and how many documents it has scanned, if any.
    /// One that has exited while it waited is reaped and passed over.
    func take(_ isolation: IsolationOptions) -> (WorkerProcess, Int)? {
        while true {
            let taken: Idle? = idle.withLock { idle in
                guard let index = idle.lastIndex(where: { $0.isolation == isolation }) else { return nil }
                return idle.remove(at: index)
            }
            guard let entry = taken else { return nil }
            if entry.worker.hasExited {
                entry.worker.shutdown()
                continue
            }
            return (entry.worker, entry.uses)
        }
    }

    /// Keeps a healthy worker for the next scan; returns false when it was not kept (the pool is
    /// full or shut down, or the worker has done its share), and the caller stops it.
    func give(_ worker: WorkerProcess, isolation: IsolationOptions, uses: Int) -> Bool {
        guard !closed.load(ordering: .relaxed), uses < maximumUses else { return false }
        let entry = Idle(worker: worker, isolation: isolation, uses: uses)
        return idle.withLock { idle in
            guard idle.count < capacity else { return false }
            idle.append(entry)
            return true
        }
    }

    /// Stops and reaps every idle worker; workers given back later are stopped instead.
    public func shutdown() {
        closed.store(true, ordering: .relaxed)
        let workers = idle.withLock { idle in
            defer { idle.removeAll() }
            return idle
        }
        for entry in workers { entry.worker.shutdown() }
        spawner.stop()
    }

    deinit { spawner.stop() }
}

/// The pool's one thread that starts workers, fed through a condition variable.
private final class Spawner: @unchecked Sendable {
    // @unchecked: every field is read and written with `condition` locked.
    private struct Job {
        var isolation: IsolationOptions
        var done: (Result<WorkerProcess, DocumentError>) -> Void
    }

    private let condition = NSCondition()
    private var jobs: [Job] = []
    private var running = false
    private var stopped = false

    func start(_ isolation: IsolationOptions) throws(DocumentError) -> WorkerProcess {
        let finished = DispatchSemaphore(value: 0)
        let result = Handoff()
        condition.lock()
        if stopped {
            condition.unlock()
            throw DocumentError(.crashed, "the worker pool has been shut down")
        }
        if !running {
            running = true
            let thread = Thread { [self] in loop() }
            thread.name = "tagscan-worker-spawner"
            thread.start()
        }
        jobs.append(
            Job(isolation: isolation) { outcome in
                result.value = outcome
                finished.signal()
            })
        condition.signal()
        condition.unlock()
        finished.wait()
        guard let taken = result.value else { throw DocumentError(.crashed, "the worker pool stopped before starting a worker") }
        return try taken.get()
    }

    /// The started worker, passed from the spawner thread to the one waiting for it.
    private final class Handoff: @unchecked Sendable {
        // @unchecked: written once before the semaphore is signalled, read after it is waited on.
        var value: Result<WorkerProcess, DocumentError>?
    }

    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }

    private func loop() {
        while true {
            condition.lock()
            while jobs.isEmpty && !stopped { condition.wait() }
            if jobs.isEmpty {
                condition.unlock()
                return
            }
            let job = jobs.removeFirst()
            condition.unlock()
            do {
                job.done(.success(try WorkerProcess.start(job.isolation)))
            } catch {
                job.done(.failure(error))
            }
        }
    }
}
