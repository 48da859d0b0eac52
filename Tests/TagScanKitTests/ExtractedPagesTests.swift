import Foundation
import Testing
@_spi(Benchmarks) @testable import TagScanKit

/// `ExtractedPages` (the benchmarks' anchor search apart from poppler) finds what a scan finds.
@Suite("Extracted pages")
struct ExtractedPagesTests {
    static let fixture = "templates/multi-page.pdf"

    @Test("the search alone finds a scan's anchors on the same pages", .tags(.fixtures), arguments: FixturePositionTests.paths)
    func sameAsScan(path: ExtractionPath) async throws {
        let result = try await FixturePositionTests.scan(Self.fixture, password: nil, path: path)
        try #require(result.status == .ok, "\(Self.fixture): \(result.error?.description ?? "")")
        try #require(!result.anchors.isEmpty, "\(Self.fixture) should hold anchors")

        let pages = try ExtractedPages(.file(path: FixtureSupport.path(Self.fixture)), path: path)
        #expect(pages.pageCount == result.pageCount)
        #expect(pages.searchAnchors() == result.anchors.count)
        // Pages are kept, not consumed: a second search finds the same.
        #expect(pages.searchAnchors() == result.anchors.count)
    }

    @Test("opening failures are the scan's document errors")
    func openingError() {
        let error = #expect(throws: DocumentError.self) {
            _ = try ExtractedPages(DocumentSource.file(path: FixtureSupport.path("nope.pdf")))
        }
        #expect(error?.code == .notFound)
    }
}
