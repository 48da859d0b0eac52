import Foundation
import Synchronization
internal import CProcessSpawn

/// One batch of tasks in worker processes (scans, or renders: ``WorkerTask``): up to `jobs`
/// workers, each fed one document at a time and reused across documents. A worker that overruns
/// the time limit is killed with its process group and replaced; one that dies gets its document `too-large` (an allocation
/// failed under the memory cap) or `crashed`, and is replaced. Every worker is reaped before
/// ``run()`` returns. Results are emitted strictly in input order.
final class IsolatedRun<Work: WorkerTask>: BlockingRun {
    private let tasks: [Work]
    private let options: ScanOptions
    private let isolation: IsolationOptions
    /// Where workers come from and go back to between scans; nil starts and stops them here.
    private let pool: WorkerPool?
    private let next = Mutex(0)
    private let results: OrderedResults<Work.Output>
    private let live = Mutex<Set<pid_t>>([])
    private let cancelled = Atomic<Bool>(false)

    init(
        tasks: [Work], options: ScanOptions, isolation: IsolationOptions, pool: WorkerPool? = nil,
        onDocument: (@Sendable (Int, Work.Output) -> Void)?
    ) {
        self.pool = pool
        self.tasks = tasks
        self.options = options
        self.isolation = isolation
        results = OrderedResults(count: tasks.count, onResult: onDocument)
    }

    /// Stops handing out documents and kills the running workers.
    func cancel() {
        cancelled.store(true, ordering: .relaxed)
        live.withLock { pids in
            for pid in pids { tagscan_worker_kill(pid) }
        }
    }

    var isCancelled: Bool { cancelled.load(ordering: .relaxed) }

    /// Runs to completion; returns results in input order, nil for documents skipped because of
    /// cancellation.
    func run() -> [Work.Output?] {
        let slots = min(options.jobs, tasks.count)
        guard slots > 0 else { return [] }
        // A worker scans its document's pages on its share of the threads.
        var workerOptions = options
        workerOptions.isolation = isolation
        workerOptions.jobs = max(1, options.jobs / slots)
        let group = DispatchGroup()
        for _ in 0..<slots {
            group.enter()
            let thread = Thread { [workerOptions] in
                self.serve(workerOptions)
                group.leave()
            }
            thread.name = "tagscan-isolation"
            thread.start()
        }
        group.wait()
        return results.all
    }

    /// Whether a document is still waiting for a worker (it may yet be taken by another slot).
    private var hasDocumentsLeft: Bool {
        !isCancelled && next.withLock { $0 < tasks.count }
    }

    private func nextDocument() -> Int? {
        guard !isCancelled else { return nil }
        return next.withLock { next in
            guard next < tasks.count else { return nil }
            defer { next += 1 }
            return next
        }
    }

    /// One slot: a worker process and the documents it takes, one at a time.
    private func serve(_ workerOptions: ScanOptions) {
        var worker: WorkerProcess?
        var uses = 0
        // A worker from the pool has not yet answered in this run; when it dies on its first
        // document it may have died while idle, so the document is sent again, once.
        var untried = false
        var retry: Int?
        var retried: Int?
        defer {
            if let worker { retire(worker, kill: isCancelled, uses: uses) }
        }
        while let index = retry ?? nextDocument() {
            retry = nil
            let task = tasks[index]
            let source = task.source
            let request: Data
            do {
                request = try WorkerJSON.line(task.request(id: index, options: workerOptions))
            } catch {
                finish(index, with: task.failed(DocumentError(.crashed, "\(source.displayPath): cannot encode the request: \(error)")))
                continue
            }
            if worker == nil, let (pooled, used) = pool?.take(isolation) {
                live.withLock { _ = $0.insert(pooled.pid) }
                worker = pooled
                uses = used
                untried = true
            }
            if worker == nil {
                do {
                    uses = 0
                    let started: WorkerProcess
                    if let pool { started = try pool.start(isolation) } else { started = try WorkerProcess.start(isolation) }
                    live.withLock { _ = $0.insert(started.pid) }
                    worker = started
                } catch {
                    finish(index, with: task.failed(DocumentError(.crashed, "\(source.displayPath): \(error.message)")))
                    continue
                }
            }
            guard let current = worker else { continue }
            // Clamped: a timeout of years is no timeout, and must not overflow.
            let deadline = tagscan_monotonic_ms() + Int64(min(max(isolation.timeout, 0.001) * 1000, 1e15).rounded(.up))
            uses += 1
            let firstFromPool = untried
            untried = false
            switch current.exchange(request, deadline: deadline) {
            case .answered(let line):
                // A worker with nothing left to take is stopped before its answer is decoded and
                // passed on, so that neither the decoding nor the caller's reporting of a long
                // document (JSON several times the answer's size) adds to a finished worker's
                // memory. One kept for a pool stays alive anyway, and is handed back only once its
                // answer has been read as one.
                let finished = !hasDocumentsLeft
                let stderr = current.stderr
                if finished && pool == nil {
                    retire(current, kill: false)
                    worker = nil
                }
                if let response = try? JSONDecoder().decode(WorkerResponse.self, from: line), response.id == index,
                    let result = task.output(of: response, stderr: stderr)
                {
                    if finished && worker != nil {
                        retire(current, kill: false, uses: uses)
                        worker = nil
                    }
                    finish(index, with: result)
                } else {
                    if worker != nil {
                        retire(current, kill: true)
                        worker = nil
                    }
                    finish(index, with: task.failed(DocumentError(.crashed, "\(source.displayPath): the worker answered out of protocol")))
                }
            case .timedOut:
                retire(current, kill: true)
                worker = nil
                let seconds = isolation.timeout.formatted(.number.precision(.fractionLength(0...1)))
                let error =
                    isCancelled
                    ? DocumentError(.timeout, "\(source.displayPath): the \(task.activity) was cancelled")
                    : DocumentError(.timeout, "\(source.displayPath): the \(task.activity) took longer than \(seconds) s and was stopped")
                finish(index, with: task.failed(error))
            case .ended:
                current.collectErrors(for: 500)
                let status = retire(current, kill: false)
                worker = nil
                // Killed while it waited in the pool (by an operator, the OOM killer): no fault of
                // this document, which gets another worker, once. A document that kills workers
                // kills that one too, and is reported then.
                if firstFromPool && !isCancelled && retried != index {
                    retry = index
                    retried = index
                    continue
                }
                finish(index, with: task.failed(WorkerFailure.death(of: source, status: status, stderr: current.stderr, isolation: isolation)))
            }
        }
    }

    /// Kills (when asked) and reaps `worker`, and forgets its pid. A healthy worker (`uses`
    /// given: it answered its last document) goes back to the pool instead, when there is one.
    @discardableResult
    private func retire(_ worker: WorkerProcess, kill: Bool, uses: Int? = nil) -> Int32 {
        live.withLock { _ = $0.remove(worker.pid) }
        if !kill, let uses, let pool, pool.give(worker, isolation: isolation, uses: uses) { return 0 }
        if kill { worker.kill() }
        return worker.shutdown()
    }

    private func finish(_ index: Int, with output: Work.Output) {
        results.finish(index, with: output)
    }
}
