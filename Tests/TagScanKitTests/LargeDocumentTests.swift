import Foundation
import Testing
@testable import TagScanKit

#if canImport(Glibc)
    import Glibc
#endif

/// Long documents: pages spread over workers, results identical to one worker, memory flat
/// (page objects released at once: holding them costs ~760 KB a page), cancellation honoured.
@Suite("Large documents", .serialized)
struct LargeDocumentTests {
    static let twoThousandPages = SyntheticPDF.contract(pages: 2_000)

    static func maxResidentMegabytes() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024
    }

    @Test("2,000 pages: every anchor found, at its position, with flat memory", arguments: FixturePositionTests.paths)
    func twoThousandPages(extraction: ExtractionPath) async throws {
        let before = Self.maxResidentMegabytes()
        let result = try await Scanner(options: ScanOptions(jobs: 2, extraction: extraction)).scan(.data(Self.twoThousandPages, fileName: "long.pdf"))
        let growth = Self.maxResidentMegabytes() - before
        #expect(result.status == .ok)
        #expect(result.pageCount == 2_000)
        let signatures = result.anchors.filter { $0.text == "|S1SR|" }
        #expect(signatures.map(\.pageNumber) == [1] + Array(stride(from: 100, through: 2_000, by: 100)))
        for anchor in signatures {
            // Drawn at baseline 733.07 in PDF space: top-left y = 841.89 − 733.07 − 0.718·11.
            #expect(abs(anchor.box.y - (841.89 - 733.07 - 0.718 * 11)) < 1, "p\(anchor.pageNumber) y \(anchor.box.y)")
            // "Sign here: " in Helvetica advances 4,836/1000 em at 11 pt.
            #expect(abs(anchor.box.x - (72 + 4.836 * 11)) < 1, "p\(anchor.pageNumber) x \(anchor.box.x)")
        }
        #expect(result.recipients.first?.tags.count == 21)
        // Keeping the pages would cost about 1.5 GB here; a flat scan stays far below 300 MB.
        #expect(growth < 300, "peak resident memory grew by \(growth) MB")
    }

    @Test("pages split over workers give the same result as one worker")
    func splitMatchesSerial() async throws {
        let data = SyntheticPDF.contract(pages: 300, anchorEvery: 7)
        let serial = try await Scanner(options: ScanOptions(jobs: 1)).scan(.data(data, fileName: "a.pdf"))
        let split = try await Scanner(options: ScanOptions(jobs: 4, pagesPerUnit: 5)).scan(.data(data, fileName: "a.pdf"))
        #expect(serial == split)
        #expect(serial.anchors.count == 300 / 7 + 2)
    }

    @Test("Pages the page-tree walk passes on the way to a later one are released with it")
    func passedPagesReleased() throws {
        let data = SyntheticPDF.contract(pages: 40, anchorEvery: 7)
        let document = try CoreDocumentHandle(source: .data(data, fileName: "a.pdf"), encodedPassword: nil)
        // A thread given every other unit of a long document asks for pages in order, with gaps.
        for page in [0, 1, 20, 21, 35] {
            let text = try document.text(at: page, triggers: .everyPage)
            #expect(text.info.pageNumber == page + 1)
            #expect(try document.builtPageCount == 0, "pages held after page \(page + 1)")
        }
        // A released page asked for again is built again, with the same text.
        let fresh = try CoreDocumentHandle(source: .data(data, fileName: "a.pdf"), encodedPassword: nil)
        let again = try document.text(at: 10, triggers: .everyPage), first = try fresh.text(at: 10, triggers: .everyPage)
        #expect(again.scalars == first.scalars && again.boxes == first.boxes)
        #expect(first.scalars.count > 100)
    }

    @Test("cancellation stops a long scan between pages")
    func cancellation() async throws {
        let data = Self.twoThousandPages
        let task = Task { try await Scanner(options: ScanOptions(jobs: 1)).scan(.data(data, fileName: "long.pdf")) }
        try await Task.sleep(for: .milliseconds(150))
        let started = ContinuousClock.now
        task.cancel()
        await #expect(throws: CancellationError.self) { _ = try await task.value }
        #expect(ContinuousClock.now - started < .seconds(2), "cancellation waited for the whole document")
    }
}
