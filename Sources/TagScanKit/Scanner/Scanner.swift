import Foundation
public import Logging

/// Finds anchors in PDF documents and places Yoti tags.
///
/// ```swift
/// let scanner = Scanner(options: ScanOptions(jobs: 4))
/// let result = try await scanner.scan(.file(path: "nda.pdf"))
/// for recipient in result.recipients { print(recipient.role, recipient.tags.count) }
/// ```
///
/// Unreadable documents are results with `status == .error`, never thrown errors; the only error
/// thrown is `CancellationError`, checked between pages.
public struct Scanner: Sendable {
    public var options: ScanOptions
    /// Worker processes kept between scans by a long-running host; nil starts each scan's own
    /// workers and stops them when it ends. Used only with ``ScanOptions/isolation``.
    public var workerPool: WorkerPool?
    /// Where the scan writes its debug and trace lines (counts and error codes, never a
    /// document's text); nil writes none. Metrics go to swift-metrics when the host bootstrapped
    /// a backend (see `ScanInstruments`).
    public var logger: Logger?

    public init(options: ScanOptions = ScanOptions(), workerPool: WorkerPool? = nil, logger: Logger? = nil) {
        self.options = options
        self.workerPool = workerPool
        self.logger = logger
    }

    /// Scans one document; its pages are spread over `options.jobs` workers.
    public func scan(_ source: DocumentSource) async throws -> DocumentResult {
        try await scan([source]).documents[0]
    }

    /// Scans documents in parallel; `onDocument` is called in input order as each result is ready
    /// (for streaming output), from a worker thread.
    public func scan(
        _ sources: [DocumentSource], onDocument: (@Sendable (Int, DocumentResult) -> Void)? = nil
    ) async throws -> ScanReport {
        let instruments = ScanInstruments(logger: logger, documents: sources.count, options: options)
        let report = try await scanUninstrumented(sources, onDocument: instruments.wrapping(onDocument))
        instruments.ended(report.documents)
        return report
    }

    private func scanUninstrumented(
        _ sources: [DocumentSource], onDocument: (@Sendable (Int, DocumentResult) -> Void)?
    ) async throws -> ScanReport {
        if let isolation = options.isolation {
            return try await scanIsolated(sources, isolation: isolation, onDocument: onDocument)
        }
        let results = try await BatchRun(sources: sources, options: options, onDocument: onDocument).results()
        return ScanReport(documents: results.compactMap { $0 })
    }

    /// Scans documents in worker processes (``ScanOptions/isolation``): a document that overruns
    /// the time limit, the memory cap or crashes poppler gets `timeout`, `too-large` or `crashed`,
    /// and the other documents still get their results.
    private func scanIsolated(
        _ sources: [DocumentSource], isolation: IsolationOptions, onDocument: (@Sendable (Int, DocumentResult) -> Void)?
    ) async throws -> ScanReport {
        var inner = options
        inner.isolation = nil
        let results = try await IsolatedRun(
            tasks: sources.map(ScanTask.init), options: inner, isolation: isolation, pool: workerPool, onDocument: onDocument
        ).results()
        return ScanReport(documents: results.compactMap { $0 })
    }

    /// Scans files and folders (recursively, `*.pdf`, sorted; symlinks followed, each real file
    /// once; a folder with no PDF under it gives a `not-found` result); `-` reads a PDF from
    /// stdin. ``PathExpansion`` also tells what was skipped.
    public func scan(paths: [String], onDocument: (@Sendable (Int, DocumentResult) -> Void)? = nil) async throws -> ScanReport {
        try await scan(DocumentSource.expanding(paths), onDocument: onDocument)
    }

    /// Blocking variant for callers without a concurrency context.
    public func scanBlocking(_ sources: [DocumentSource], onDocument: (@Sendable (Int, DocumentResult) -> Void)? = nil) -> ScanReport {
        let instruments = ScanInstruments(logger: logger, documents: sources.count, options: options)
        let report = scanBlockingUninstrumented(sources, onDocument: instruments.wrapping(onDocument))
        instruments.ended(report.documents)
        return report
    }

    private func scanBlockingUninstrumented(_ sources: [DocumentSource], onDocument: (@Sendable (Int, DocumentResult) -> Void)?) -> ScanReport {
        if let isolation = options.isolation {
            var inner = options
            inner.isolation = nil
            let run = IsolatedRun(tasks: sources.map(ScanTask.init), options: inner, isolation: isolation, pool: workerPool, onDocument: onDocument)
            return ScanReport(documents: run.run().compactMap { $0 })
        }
        return ScanReport(documents: BatchRun(sources: sources, options: options, onDocument: onDocument).run().compactMap { $0 })
    }
}
