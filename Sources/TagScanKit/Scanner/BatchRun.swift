import Foundation
import Synchronization

/// One batch scan over bounded worker threads.
///
/// Each worker owns the poppler documents it opens (never shared). A worker that opens a long
/// document queues the rest of its pages in units, which idle workers take, each opening its own
/// copy; workers prefer queued page units to new documents, so long documents finish early and
/// memory stays flat. Results are emitted strictly in input order, never under the lock: the
/// worker that finishes a document checks it (``HostileTextCheck``, from counts its pages took
/// while they were drawn) and hands it on without holding up the others.
///
/// `@unchecked Sendable`: the mutable `state` is only touched with `condition` locked, and the
/// other stored properties are immutable or atomic.
final class BatchRun: BlockingRun, @unchecked Sendable {
    private enum Unit: Sendable {
        case open(Int)
        case pages(Int, Range<Int>)
    }

    private struct DocumentState {
        var hasJavaScript = false
        /// How page units' workers open their own copies.
        var recipe: PageSourceRecipe?
        var scans: [PageScan?] = []
        var pendingUnits = 0
    }

    private struct State {
        var nextDocument = 0
        /// Documents being opened: they may still queue page units, so idle workers wait for them.
        var opening = 0
        var pageUnits: [Unit] = []
        var nextPageUnit = 0
        var documents: [DocumentState]
    }

    private let sources: [DocumentSource]
    private let options: ScanOptions
    /// What a page must hold to be laid out and searched at all.
    private let triggers: AnchorTriggers
    private let results: OrderedResults<DocumentResult>
    private let condition = NSCondition()
    private var state: State
    private let cancelled = Atomic<Bool>(false)

    init(sources: [DocumentSource], options: ScanOptions, onDocument: (@Sendable (Int, DocumentResult) -> Void)?) {
        self.sources = sources
        self.options = options
        triggers = AnchorTriggers(customRules: options.customRules)
        results = OrderedResults(count: sources.count, onResult: onDocument)
        state = State(documents: Array(repeating: DocumentState(), count: sources.count))
    }

    private func withState<T>(_ body: (inout State) -> T) -> T {
        condition.lock()
        defer { condition.unlock() }
        return body(&state)
    }

    func cancel() {
        cancelled.store(true, ordering: .relaxed)
        condition.lock()
        condition.broadcast()
        condition.unlock()
    }
    var isCancelled: Bool { cancelled.load(ordering: .relaxed) }

    /// Runs to completion on the calling thread plus `jobs - 1` others; returns results in input
    /// order, with nil for documents skipped because of cancellation.
    func run() -> [DocumentResult?] {
        PopplerWarmUp.ensure()
        let workers = min(options.jobs, max(1, sources.count * 64))
        if workers == 1 {
            work()
        } else {
            DispatchQueue.concurrentPerform(iterations: workers) { _ in work() }
        }
        return results.all
    }

    /// The next unit of work; waits while nothing is queued but a document being opened may
    /// still queue pages (otherwise a single long document would leave the other workers idle).
    private func nextUnit() -> Unit? {
        condition.lock()
        defer { condition.unlock() }
        while !isCancelled {
            if state.nextPageUnit < state.pageUnits.count {
                defer { state.nextPageUnit += 1 }
                return state.pageUnits[state.nextPageUnit]
            }
            if state.nextDocument < sources.count {
                defer {
                    state.nextDocument += 1
                    state.opening += 1
                }
                return .open(state.nextDocument)
            }
            if state.opening == 0 { return nil }
            condition.wait()
        }
        return nil
    }

    /// A document finished opening: its page units (if any) are queued and waiting workers woken.
    private func opened(queueing units: [Unit], update: (inout State) -> Void = { _ in }) {
        condition.lock()
        state.opening -= 1
        state.pageUnits += units
        update(&state)
        condition.broadcast()
        condition.unlock()
    }

    private func work() {
        var current: (index: Int, document: any PageSource)?
        while !isCancelled, let unit = nextUnit() {
            switch unit {
            case .open(let index):
                current = nil
                let source = sources[index]
                let document: any PageSource
                do {
                    document = try PageSources.open(source, password: options.password, path: options.extraction)
                } catch {
                    opened(queueing: [])
                    finish(index, with: .failed(path: source.displayPath, fileName: source.fileName, fileSize: source.byteCount, error))
                    continue
                }
                current = (index, document)
                let count = document.pageCount
                let size = options.pagesPerUnit
                let rest = stride(from: size, to: count, by: size).map { Unit.pages(index, $0..<min($0 + size, count)) }
                opened(queueing: rest) { s in
                    s.documents[index].hasJavaScript = document.hasJavaScript
                    s.documents[index].recipe = rest.isEmpty ? nil : document.recipe
                    s.documents[index].scans = Array(repeating: nil, count: count)
                    s.documents[index].pendingUnits = 1 + rest.count
                }
                scan(index, pages: 0..<min(size, count), document: document)
            case .pages(let index, let range):
                if current?.index != index {
                    current = nil
                    let recipe = withState { $0.documents[index].recipe }
                    guard let document = try? recipe?.open() else {
                        // It opened a moment ago on another worker; it cannot fail now short of the
                        // file changing under us. Record the pages as unreadable rather than lose them.
                        scan(index, pages: range, document: nil)
                        continue
                    }
                    current = (index, document)
                }
                scan(index, pages: range, document: current?.document)
            }
        }
    }

    private func scan(_ index: Int, pages: Range<Int>, document: (any PageSource)?) {
        var scans: [(Int, PageScan)] = []
        scans.reserveCapacity(pages.count)
        for page in pages {
            if isCancelled { return }
            let (text, cutShort) = PageDrawWatch.watching(page: page + 1) {
                document?.pageText(at: page, triggers: triggers)
            }
            var scan = text.map { PageScan($0, customRules: options.customRules) } ?? PageScan(missingPage: page + 1)
            if let cutShort { scan.diagnostics.append(cutShort) }
            scans.append((page, scan))
        }
        let finished: (pages: [PageScan], hasJavaScript: Bool)? = withState { s in
            for (page, scan) in scans { s.documents[index].scans[page] = scan }
            s.documents[index].pendingUnits -= 1
            guard s.documents[index].pendingUnits == 0 else { return nil }
            defer { s.documents[index] = DocumentState() }
            return (s.documents[index].scans.compactMap { $0 }, s.documents[index].hasJavaScript)
        }
        if let finished {
            var result = DocumentAssembler(options: options).assemble(source: sources[index], pages: finished.pages)
            result.hasJavaScript = finished.hasJavaScript
            result.fileSize = sources[index].byteCount
            var counts: [Int: GlyphCounts] = [:]
            for page in finished.pages { counts[page.info.pageNumber] = page.glyphCounts }
            finish(index, with: HostileTextCheck.apply(to: result, source: sources[index], password: options.password, counts: counts))
        }
    }

    private func finish(_ index: Int, with result: DocumentResult) {
        results.finish(index, with: result)
    }
}
