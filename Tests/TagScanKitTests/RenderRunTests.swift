import Foundation
import Synchronization
import Testing
@testable import TagScanKit

/// Rendering runs on the same terms as scanning: cancellable, results handed on in order without
/// a lock held, and in worker processes when the run is isolated, so a file that is cheap to scan
/// but costly to render costs its worker, not the host.
@Suite("Rendering in the worker pool")
struct RenderRunTests {
    static let goodNeighbour = FixtureSupport.path("hostile/good-neighbour.pdf")
    static let renderBomb = FixtureSupport.path("hostile/render-bomb.pdf")

    static func inkItem(_ path: String) async throws -> AnchorInkRun.Item {
        let result = try await Scanner().scan(.file(path: path))
        #expect(result.status == .ok && !result.anchors.isEmpty)
        return AnchorInkRun.Item(source: .file(path: path), probes: result.anchors.map { AnchorVisibility.Probe(pageNumber: $0.pageNumber, box: $0.box) })
    }

    @Test("results go on in input order, and a callback that blocks holds up no other finisher")
    func orderedWithoutLock() {
        let delivered = Mutex<[Int]>([])
        let entered = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let results = OrderedResults<String>(count: 3) { index, value in
            if index == 0 {
                entered.signal()
                release.wait()
            }
            delivered.withLock { $0.append(index) }
            #expect(value == "r\(index)")
        }
        let first = DispatchGroup()
        first.enter()
        Thread {
            results.finish(0, with: "r0")
            first.leave()
        }.start()
        #expect(entered.wait(timeout: .now() + 10) == .success)
        // Result 0's callback is still running: the others must still be able to finish.
        let others = DispatchSemaphore(value: 0)
        Thread {
            results.finish(2, with: "r2")
            results.finish(1, with: "r1")
            others.signal()
        }.start()
        #expect(others.wait(timeout: .now() + 10) == .success, "finishing waited for another result's callback")
        #expect(delivered.withLock { $0 }.isEmpty)
        release.signal()
        #expect(first.wait(timeout: .now() + 10) == .success)
        // The finisher that was delivering passed on what the others stored, in order.
        #expect(delivered.withLock { $0 } == [0, 1, 2])
        #expect(results.all == ["r0", "r1", "r2"])
    }

    @Test("cancelling a lint render stops it: no document is rendered after the cancel")
    func cancellingStopsRendering() async throws {
        let item = try await Self.inkItem(Self.goodNeighbour)
        let rendered = Atomic<Int>(0)
        let box = Mutex<AnchorInkRun?>(nil)
        let run = AnchorInkRun(items: Array(repeating: item, count: 40), options: ScanOptions(jobs: 1)) { _, _ in
            rendered.add(1, ordering: .relaxed)
            box.withLock { $0 }?.cancel()
        }
        box.withLock { $0 = run }
        await #expect(throws: CancellationError.self) { try await run.results() }
        #expect(rendered.load(ordering: .relaxed) == 1)
    }

    @Test("a task cancelled while lint renders ends the render with it")
    func taskCancellationReachesTheRender() async throws {
        let item = try await Self.inkItem(Self.goodNeighbour)
        let rendered = Atomic<Int>(0)
        let handle = Mutex<Task<[AnchorInkRun.Output?], any Error>?>(nil)
        let started = DispatchSemaphore(value: 0)
        let run = AnchorInkRun(items: Array(repeating: item, count: 200), options: ScanOptions(jobs: 2)) { index, _ in
            rendered.add(1, ordering: .relaxed)
            // The task is cancelled while the first document is handed on; the others are queued.
            if index == 0 {
                started.wait()
                handle.withLock { $0 }?.cancel()
            }
        }
        let task = Task { try await run.results() }
        handle.withLock { $0 = task }
        started.signal()
        await #expect(throws: CancellationError.self) { try await task.value }
        #expect(run.isCancelled)
        // The first document is rendered alone, before the others start: none of them did.
        #expect(rendered.load(ordering: .relaxed) == 1)
    }
}

/// The unreadable-page check reads the counts extraction took while it drew each page, instead
/// of opening the document again and redoing the password search.
@Suite("Unreadable pages counted while drawn")
struct GlyphCountTests {
    @Test("the glyph path counts drawn and mapped glyphs on every page", .enabled(if: ExtractionPath.glyphsAvailable))
    func extractionCounts() throws {
        PopplerWarmUp.ensure()
        let document = try CoreDocumentHandle(source: .file(path: FixtureSupport.path("hostile/unmapped-page-2.pdf")), encodedPassword: nil)
        let readable = try document.text(at: 0, triggers: .everyPage)
        let unmapped = try document.text(at: 1, triggers: .everyPage)
        let first = try #require(readable.glyphCounts)
        #expect(first.drawn > 0 && first.mapped > 0)
        let second = try #require(unmapped.glyphCounts)
        #expect(second.drawn > 0)
        #expect(second.mapped == 0)
    }

    @Test("with counts from extraction the check never opens the document")
    func checkUsesCounts() {
        // A source that cannot be opened: any second open would find nothing to count.
        let gone = DocumentSource.file(path: "/nonexistent/unmapped.pdf")
        let pages = [
            PageInfo(pageNumber: 1, width: 595, height: 842, rotation: 0, glyphCount: 12), PageInfo(pageNumber: 2, width: 595, height: 842, rotation: 0),
        ]
        let result = DocumentResult(path: gone.displayPath, fileName: "unmapped.pdf", pageCount: 2, pages: pages)
        let checked = HostileTextCheck.apply(
            to: result, source: gone, password: nil, counts: [1: GlyphCounts(drawn: 12, mapped: 12), 2: GlyphCounts(drawn: 40, mapped: 0)])
        #expect(checked.status == .ok)
        #expect(checked.diagnostics.map(\.rule) == ["unreadable"])
        #expect(checked.diagnostics.first?.pageNumber == 2)
        #expect(checked.diagnostics.first?.message.contains("draws 40 glyphs") == true)
        // Without them the same result passes unchecked, for want of a document to probe.
        #expect(HostileTextCheck.apply(to: result, source: gone, password: nil).diagnostics.isEmpty)
    }
}

/// Preview rendering's async calls stop with their task.
@Suite("Preview rendering cancelled")
struct PreviewCancellationTests {
    @Test("a preview whose task is cancelled draws no page and says cancelled")
    func cancelledPreview() async throws {
        let source = DocumentSource.file(path: RenderRunTests.goodNeighbour)
        let result = try await Scanner().scan(source)
        let outcome = await Task {
            // Cancelled before it asks for the preview: the render must not run.
            withUnsafeCurrentTask { $0?.cancel() }
            return try await PreviewRenderer.renderPages(source: source, pages: .all, result: result)
        }.result
        #expect(throws: PreviewError.cancelled) { try outcome.get() }
        // And uncancelled, the same call draws the page.
        let drawn = try await PreviewRenderer.renderPages(source: source, pages: .all, result: result)
        #expect(drawn.map(\.pageNumber) == [1])
    }
}
