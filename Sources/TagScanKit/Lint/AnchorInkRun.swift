import Foundation
import Synchronization

/// Renders the anchors `visible-anchor` measures (``AnchorVisibility``), document by document,
/// the way the scan ran: over `jobs` threads in this process, or in worker processes when the
/// scan is isolated, so that cairo and the image decoders run under the same time limit and
/// memory cap as text extraction. Cancelling stops it between documents and between anchors; a
/// document whose render overran or killed its worker gets that worker's error.
final class AnchorInkRun: BlockingRun {
    struct Item: Sendable {
        var source: DocumentSource
        var probes: [AnchorVisibility.Probe]
    }

    /// Each probe's ink, or why the document could not be rendered.
    typealias Output = Result<[Double?], DocumentError>

    private let items: [Item]
    private let password: String?
    private let jobs: Int
    private let isolated: IsolatedRun<InkTask>?
    private let results: OrderedResults<Output>
    private let cancelled = Atomic<Bool>(false)

    /// `onDocument` is called in input order as each document's ink is measured, never with a
    /// lock held.
    init(items: [Item], options: ScanOptions, pool: WorkerPool? = nil, onDocument: (@Sendable (Int, Output) -> Void)? = nil) {
        self.items = items
        password = options.password
        jobs = max(1, options.jobs)
        results = OrderedResults(count: items.count, onResult: onDocument)
        if let isolation = options.isolation {
            var inner = options
            inner.isolation = nil
            isolated = IsolatedRun(
                tasks: items.map { InkTask(source: $0.source, probes: $0.probes) }, options: inner, isolation: isolation, pool: pool,
                onDocument: onDocument)
        } else {
            isolated = nil
        }
    }

    func cancel() {
        cancelled.store(true, ordering: .relaxed)
        isolated?.cancel()
    }

    var isCancelled: Bool { cancelled.load(ordering: .relaxed) }

    /// Each document's outcome in input order, nil for documents left because of cancellation.
    func run() -> [Output?] {
        if let isolated { return isolated.run() }
        guard !items.isEmpty else { return [] }
        PopplerWarmUp.ensure()
        // One document per thread, never shared; the first is rendered alone, before the others
        // start (poppler builds some statics lazily, and not thread-safely, on first use).
        render(0)
        let next = Atomic<Int>(1)
        DispatchQueue.concurrentPerform(iterations: min(jobs, max(items.count - 1, 1))) { _ in
            while !isCancelled {
                let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard index < items.count else { return }
                render(index)
            }
        }
        return results.all
    }

    private func render(_ index: Int) {
        guard !isCancelled else { return }
        let item = items[index]
        let ink = AnchorVisibility.inkCoverage(source: item.source, password: password, probes: item.probes, isCancelled: { self.isCancelled })
        // A render cut short by cancellation measured only some anchors: it is no result.
        guard !isCancelled else { return }
        results.finish(index, with: .success(ink))
    }
}
