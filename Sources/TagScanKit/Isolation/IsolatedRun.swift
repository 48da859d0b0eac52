import Foundation
import Synchronization
internal import CPopplerCore

/// One batch scan in worker processes (SPEC §6): up to `jobs` workers, each fed one document at
/// a time and reused across documents. A worker that overruns the time limit is killed with its
/// process group and replaced; one that dies gets its document `too-large` (an allocation
/// failed under the memory cap) or `crashed`, and is replaced. Every worker is reaped before
/// ``run()`` returns. Results are emitted strictly in input order.
final class IsolatedRun: BlockingRun {
    private struct State {
        var next = 0
        var results: [DocumentResult?]
        var nextToEmit = 0
    }

    private let sources: [DocumentSource]
    private let options: ScanOptions
    private let isolation: IsolationOptions
    private let onDocument: (@Sendable (Int, DocumentResult) -> Void)?
    /// Where workers come from and go back to between scans; nil starts and stops them here.
    private let pool: WorkerPool?
    private let state: Mutex<State>
    private let live = Mutex<Set<pid_t>>([])
    private let cancelled = Atomic<Bool>(false)

    init(
        sources: [DocumentSource], options: ScanOptions, isolation: IsolationOptions, pool: WorkerPool? = nil,
        onDocument: (@Sendable (Int, DocumentResult) -> Void)?
    ) {
        self.pool = pool
        self.sources = sources
        self.options = options
        self.isolation = isolation
        self.onDocument = onDocument
        state = Mutex(State(results: Array(repeating: nil, count: sources.count)))
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
    func run() -> [DocumentResult?] {
        let slots = min(options.jobs, sources.count)
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
        return state.withLock { $0.results }
    }

    /// Whether a document is still waiting for a worker (it may yet be taken by another slot).
    private var hasDocumentsLeft: Bool {
        !isCancelled && state.withLock { $0.next < sources.count }
    }

    private func nextDocument() -> Int? {
        guard !isCancelled else { return nil }
        return state.withLock { s in
            guard s.next < sources.count else { return nil }
            defer { s.next += 1 }
            return s.next
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
            let source = sources[index]
            let request: Data
            do {
                request = try WorkerJSON.line(WorkerRequest(id: index, source: source, options: workerOptions))
            } catch {
                finish(index, with: failure(source, DocumentError(.crashed, "\(source.displayPath): cannot encode the request: \(error)")))
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
                    finish(index, with: failure(source, DocumentError(.crashed, "\(source.displayPath): \(error.message)")))
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
                if let response = try? JSONDecoder().decode(WorkerResponse.self, from: line), response.id == index {
                    var result = response.result
                    if let diagnostic = Self.stderrDiagnostic(current.stderr) { result.diagnostics.append(diagnostic) }
                    // An allocation that failed and was survived leaves a page short of content.
                    if result.status == .ok, current.stderr.reportsOutOfMemory, !result.diagnostics.contains(where: { $0.rule == PageDrawWatch.rule }) {
                        result.diagnostics.append(PageDrawWatch.outOfMemory(current.stderr.lines))
                    }
                    // A worker with nothing left to take is stopped before its result is passed
                    // on, so the caller's reporting (JSON of a long document) never adds to a
                    // finished worker's peak memory.
                    if !hasDocumentsLeft {
                        retire(current, kill: false, uses: uses)
                        worker = nil
                    }
                    finish(index, with: result)
                } else {
                    retire(current, kill: true)
                    worker = nil
                    finish(index, with: failure(source, DocumentError(.crashed, "\(source.displayPath): the worker answered out of protocol")))
                }
            case .timedOut:
                retire(current, kill: true)
                worker = nil
                let seconds = isolation.timeout.formatted(.number.precision(.fractionLength(0...1)))
                let error = isCancelled
                    ? DocumentError(.timeout, "\(source.displayPath): the scan was cancelled")
                    : DocumentError(.timeout, "\(source.displayPath): the scan took longer than \(seconds) s and was stopped")
                finish(index, with: failure(source, error))
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
                finish(index, with: failure(source, Self.death(of: source, status: status, stderr: current.stderr, isolation: isolation)))
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

    private func failure(_ source: DocumentSource, _ error: DocumentError) -> DocumentResult {
        .failed(path: source.displayPath, fileName: source.fileName, fileSize: source.byteCount, error)
    }

    /// Why a worker died on `source`, from its wait status and its last words on stderr.
    static func death(of source: DocumentSource, status: Int32, stderr: BoundedLines, isolation: IsolationOptions) -> DocumentError {
        let signal = status & 0x7F
        let exitCode = (status >> 8) & 0xFF
        let detail = stderr.last.map { " (\($0))" } ?? ""
        let cap = isolation.maxMemory.map { " of \(formatBytes($0))" } ?? ""
        if signal == 0 && exitCode == TAGSCAN_WORKER_EXIT_OUT_OF_MEMORY || (signal != 0 && stderr.reportsOutOfMemory) {
            return DocumentError(.tooLarge, "\(source.displayPath): the scan ran out of memory under the cap\(cap)\(detail)")
        }
        if signal != 0 {
            return DocumentError(.crashed, "\(source.displayPath): the PDF engine died with \(signalName(signal))\(detail)")
        }
        return DocumentError(.crashed, "\(source.displayPath): the worker exited with status \(exitCode) without a result\(detail)")
    }

    /// A `worker-stderr` info diagnostic when a worker wrote on stderr while scanning a document
    /// it then answered (poppler's own messages go to `poppler-messages` instead).
    static func stderrDiagnostic(_ stderr: BoundedLines) -> Diagnostic? {
        guard stderr.count > 0 else { return nil }
        let shown = stderr.lines.count < stderr.count ? " (the first \(stderr.lines.count) shown)" : ""
        return DiagnosticCatalog.workerStderr.diagnostic(
            page: nil,
            "the worker wrote \(stderr.count) line\(stderr.count == 1 ? "" : "s") on stderr\(shown): " + stderr.lines.joined(separator: "; "))
    }

    static func signalName(_ signal: Int32) -> String {
        switch signal {
        case SIGSEGV: "SIGSEGV (segmentation fault)"
        case SIGABRT: "SIGABRT (abort)"
        case SIGBUS: "SIGBUS (bus error)"
        case SIGILL: "SIGILL (illegal instruction)"
        case SIGTRAP: "SIGTRAP (trap)"
        case SIGFPE: "SIGFPE (arithmetic error)"
        case SIGKILL: "SIGKILL (killed)"
        case SIGTERM: "SIGTERM (terminated)"
        default: "signal \(signal)"
        }
    }

    static func formatBytes(_ bytes: Int) -> String {
        if bytes >= 1 << 30, bytes % (1 << 30) == 0 { return "\(bytes >> 30) GiB" }
        if bytes >= 1 << 20, bytes % (1 << 20) == 0 { return "\(bytes >> 20) MiB" }
        return "\(bytes) bytes"
    }

    private func finish(_ index: Int, with result: DocumentResult) {
        state.withLock { s in
            s.results[index] = result
            while s.nextToEmit < s.results.count, let ready = s.results[s.nextToEmit] {
                onDocument?(s.nextToEmit, ready)
                s.nextToEmit += 1
            }
        }
    }
}
