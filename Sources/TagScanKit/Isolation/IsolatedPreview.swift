import Foundation
public import Logging
import Synchronization
internal import CProcessSpawn

/// A preview drawn in a worker process: the document is scanned and drawn there, under the
/// worker's time limit and memory cap, so a hostile file costs at most those and never the
/// calling process (an HTTP service that draws uploads for strangers).
///
/// ```swift
/// let isolation = IsolationOptions(workerExecutable: "/usr/local/bin/tagscan")
/// let outcome = try await IsolatedPreview.render(.file(path: "nda.pdf"), request: .page(2), options: ScanOptions(), isolation: isolation)
/// if case .success(let png) = outcome.output { try png.write(to: URL(fileURLWithPath: "nda-p2.png")) }
/// ```
public enum IsolatedPreview {
    public struct Outcome: Sendable, Hashable {
        /// The scan of the document, as a scan in a worker reports it (a document that could not
        /// be read, or that took its worker down, is a failed result here).
        public var result: DocumentResult
        /// The PNG or HTML; `.document` when the scan failed, `.pageOutOfRange` for a page the
        /// document does not have.
        public var output: Result<Data, PreviewError>
    }

    /// Scans and draws `source` in a worker: one taken from `pool` when it has an idle one,
    /// otherwise a new one (kept in the pool afterwards when there is room). A pooled worker that
    /// died while idle is replaced and the request sent again, once.
    ///
    /// The scan is logged on `logger` and counted in swift-metrics as a ``Scanner``'s is.
    ///
    /// - Throws: `CancellationError` when the calling task is cancelled (the worker is killed).
    public static func render(
        _ source: DocumentSource, request: PreviewRequest, options: ScanOptions, isolation: IsolationOptions, pool: WorkerPool? = nil,
        logger: Logger? = nil
    ) async throws -> Outcome {
        var scanOptions = options
        scanOptions.isolation = isolation
        let instruments = ScanInstruments(logger: logger, documents: 1, options: scanOptions)
        let exchange = PreviewExchange(source: source, payload: .preview(request), options: options, isolation: isolation, pool: pool)
        let outcome = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                DispatchQueue.global(qos: .userInitiated).async { continuation.resume(returning: exchange.run()) }
            }
        } onCancel: {
            exchange.cancel()
        }
        try Task.checkCancellation()
        instruments.finished(0, outcome.result)
        instruments.ended([outcome.result])
        return outcome
    }

    /// Draws `pages` of `source`, already scanned as `result`, in a worker: what
    /// `PreviewRenderer.renderPages` draws in this
    /// process, under the worker's time limit and memory cap. A document whose drawing overran or
    /// took its worker down gets `.document` with `timeout`, `too-large` or `crashed`.
    public static func renderPages(
        source: DocumentSource, password: String? = nil, pages: PageSelection, result: DocumentResult, options: PreviewOptions,
        isolation: IsolationOptions, pool: WorkerPool? = nil
    ) -> Result<[PagePreview], PreviewError> {
        var scan = ScanOptions()
        scan.password = password
        let request = PagesRequest(selection: pages.description, options: options, result: result)
        let exchange = PreviewExchange(source: source, payload: .pages(request), options: scan, isolation: isolation, pool: pool)
        return exchange.run().output.flatMap { data in
            do {
                return .success(try JSONDecoder().decode([PagePreview].self, from: data))
            } catch {
                return .failure(.renderFailed("the worker's pages could not be read: \(error)"))
            }
        }
    }

    /// The worker's side of ``renderPages(source:password:pages:result:options:isolation:pool:)``.
    static func respond(to request: WorkerRequest, pages: PagesRequest) -> WorkerResponse {
        guard let source = request.source else {
            return WorkerResponse(id: request.id, result: pages.result, preview: WorkerPreview(output: nil, failure: .renderFailed("no document")))
        }
        do throws(PreviewError) {
            let selection = (try? PageSelection(parsing: pages.selection)) ?? .tagged
            let drawn = try PreviewRenderer.renderPages(
                source: source, password: request.options.password, pages: selection, result: pages.result, options: pages.options)
            let output = try? WorkerJSON.encoder().encode(drawn)
            return WorkerResponse(
                id: request.id, result: pages.result,
                preview: WorkerPreview(output: output, failure: output == nil ? .renderFailed("the pages could not be encoded") : nil))
        } catch {
            return WorkerResponse(id: request.id, result: pages.result, preview: WorkerPreview(output: nil, failure: WorkerPreview.Failure(error)))
        }
    }

    /// The worker's side: scans the request's document in this process, then draws it.
    static func respond(to request: WorkerRequest, preview: PreviewRequest) -> WorkerResponse {
        let result = IsolationWorker.scan(request)
        guard result.status == .ok, let source = request.source else {
            let error = result.error ?? DocumentError(.crashed, "\(request.fileName): no result")
            return WorkerResponse(id: request.id, result: result, preview: WorkerPreview(output: nil, failure: .document(error)))
        }
        let password = request.options.password
        do throws(PreviewError) {
            let output: Data
            switch preview.format {
            case .png:
                guard (1...max(1, result.pageCount)).contains(preview.pageNumber), result.pageCount > 0 else {
                    throw .pageOutOfRange(pageNumber: preview.pageNumber, pageCount: result.pageCount)
                }
                let options = PreviewOptions(dpi: preview.dpi, drawsLegend: true)
                output = try PreviewRenderer.renderPage(source: source, password: password, pageNumber: preview.pageNumber, result: result, options: options)
            case .html:
                let selection = (try? PageSelection(parsing: preview.pages)) ?? .tagged
                let options = PreviewOptions(dpi: preview.dpi, drawsLegend: false, palette: RecipientPalette(results: [result]))
                let pages = try PreviewRenderer.renderPages(source: source, password: password, pages: selection, result: result, options: options)
                output = Data(PreviewHTMLReport.document(result, pages: pages, palette: options.palette).utf8)
            }
            return WorkerResponse(id: request.id, result: result, preview: WorkerPreview(output: output, failure: nil))
        } catch {
            return WorkerResponse(id: request.id, result: result, preview: WorkerPreview(output: nil, failure: WorkerPreview.Failure(error)))
        }
    }
}

/// One preview request's trip to a worker and back, on the thread that calls ``run()``.
private final class PreviewExchange: Sendable {
    enum Payload: Sendable {
        /// Scan, then draw.
        case preview(PreviewRequest)
        /// Draw what the caller scanned.
        case pages(PagesRequest)
    }

    let source: DocumentSource
    let payload: Payload
    let options: ScanOptions
    let isolation: IsolationOptions
    let pool: WorkerPool?
    /// The worker being asked, so that cancelling can kill it.
    private let live = Mutex<pid_t?>(nil)
    private let cancelled = Atomic<Bool>(false)

    init(source: DocumentSource, payload: Payload, options: ScanOptions, isolation: IsolationOptions, pool: WorkerPool?) {
        self.source = source
        self.payload = payload
        self.options = options
        self.isolation = isolation
        self.pool = pool
    }

    func cancel() {
        cancelled.store(true, ordering: .relaxed)
        live.withLock { pid in
            if let pid { tagscan_worker_kill(pid) }
        }
    }

    func run() -> IsolatedPreview.Outcome {
        var workerOptions = options
        workerOptions.isolation = isolation
        workerOptions.jobs = 1
        var message = WorkerRequest(id: 0, source: source, options: workerOptions)
        switch payload {
        case .preview(let request): message.preview = request
        case .pages(let request): message.pages = request
        }
        let line: Data
        do {
            line = try WorkerJSON.line(message)
        } catch {
            return failure(DocumentError(.crashed, "\(source.displayPath): cannot encode the request: \(error)"))
        }
        var retried = false
        while !cancelled.load(ordering: .relaxed) {
            let worker: WorkerProcess
            var uses = 0
            var pooled = false
            if let (taken, used) = pool?.take(isolation) {
                worker = taken
                uses = used
                pooled = true
            } else {
                do {
                    if let pool { worker = try pool.start(isolation) } else { worker = try WorkerProcess.start(isolation) }
                } catch {
                    return failure(DocumentError(.crashed, "\(source.displayPath): \(error.message)"))
                }
            }
            live.withLock { $0 = worker.pid }
            defer { live.withLock { $0 = nil } }
            if cancelled.load(ordering: .relaxed) { worker.kill() }
            let deadline = tagscan_monotonic_ms() + Int64(min(max(isolation.timeout, 0.001) * 1000, 1e15).rounded(.up))
            switch worker.exchange(line, deadline: deadline) {
            case .answered(let answer):
                guard let response = try? JSONDecoder().decode(WorkerResponse.self, from: answer), response.id == 0, let preview = response.preview,
                    var result = response.result
                else {
                    worker.kill()
                    worker.shutdown()
                    return failure(DocumentError(.crashed, "\(source.displayPath): the worker answered out of protocol"))
                }
                if let diagnostic = WorkerFailure.stderrDiagnostic(worker.stderr) { result.diagnostics.append(diagnostic) }
                if pool?.give(worker, isolation: isolation, uses: uses + 1) != true { worker.shutdown() }
                if let output = preview.output { return IsolatedPreview.Outcome(result: result, output: .success(output)) }
                let error = preview.failure?.error ?? .renderFailed("the worker drew nothing")
                return IsolatedPreview.Outcome(result: result, output: .failure(error))
            case .timedOut:
                worker.kill()
                worker.shutdown()
                let seconds = isolation.timeout.formatted(.number.precision(.fractionLength(0...1)))
                return failure(DocumentError(.timeout, "\(source.displayPath): the preview took longer than \(seconds) s and was stopped"))
            case .ended:
                worker.collectErrors(for: 500)
                let status = worker.shutdown()
                // A kept worker can die while it waits (killed by an operator or the OOM killer);
                // that is no fault of this document, which gets a fresh worker once.
                if pooled && !retried && !cancelled.load(ordering: .relaxed) {
                    retried = true
                    continue
                }
                return failure(WorkerFailure.death(of: source, status: status, stderr: worker.stderr, isolation: isolation))
            }
        }
        return failure(DocumentError(.timeout, "\(source.displayPath): the preview was cancelled"))
    }

    private func failure(_ error: DocumentError) -> IsolatedPreview.Outcome {
        IsolatedPreview.Outcome(
            result: .failed(path: source.displayPath, fileName: source.fileName, fileSize: source.byteCount, error), output: .failure(.document(error)))
    }
}
