import Foundation
import Testing
@testable import TagScanKit

/// The C++ side cannot take the host down: an allocation that fails inside it comes back as a
/// named error in this process, and poppler's private members it reads still mean what they
/// meant on the poppler versions they were checked against.
@Suite("The C++ boundary", .enabled(if: ExtractionPath.glyphsAvailable))
struct CoreBoundaryTests {
    /// Two text pages; page 1 leaves a BDC (hiding its text) and a BX open, page 2 closes all it opens.
    static let twoPages: Data = {
        let resources = "<< /Font << /F1 3 0 R >> /Properties << /MC0 4 0 R >> >>"
        let line = { (text: String) in "BT /F1 12 Tf 72 700 Td (\(text)) Tj ET\n" }
        var objects = [
            "<< /Type /Catalog /Pages 2 0 R /OCProperties << /OCGs [4 0 R] /D << /OFF [4 0 R] >> >> >>",
            "",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
            "<< /Type /OCG /Name (Draft) >>",
        ]
        var kids: [Int] = []
        for content in ["/OC /MC0 BDC\n" + line("Draft |S9SR|") + "BX\n", "/P BMC\n" + line("Sign: |S1SR|") + "EMC\nBX EX\n"] {
            objects.append(SyntheticPDF.stream(content))
            objects.append("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents \(objects.count) 0 R /Resources \(resources) >>")
            kids.append(objects.count)
        }
        objects[1] = "<< /Type /Pages /Kids [\(kids.map { "\($0) 0 R" }.joined(separator: " "))] /Count \(kids.count) >>"
        return SyntheticPDF.file(objects)
    }()

    static func open() throws -> CoreDocumentHandle {
        PopplerWarmUp.ensure()
        return try CoreDocumentHandle(source: .data(twoPages, fileName: "two-pages.pdf"), encodedPassword: nil)
    }

    // Synchronous tests: the hook is armed per thread, and a synchronous test stays on one.

    @Test("an allocation that fails while a page is drawn is a named error, and the document goes on")
    func allocationFailsWhileDrawing() throws {
        let handle = try Self.open()
        let expected = try Self.open().text(at: 1, triggers: .everyPage)
        CoreBoundary.failAllocation(after: 3)
        defer { CoreBoundary.failAllocation(after: 0) }
        #expect(throws: CoreError.outOfMemory) { try handle.text(at: 1, triggers: .everyPage) }
        // The scan's own entry point reports the page as one it could not load.
        CoreBoundary.failAllocation(after: 1)
        #expect(handle.pageText(at: 1, triggers: .everyPage) == nil)
        // Nothing the failure left behind reaches the next page drawn.
        let again = try handle.text(at: 1, triggers: .everyPage)
        #expect(String(String.UnicodeScalarView(again.scalars)) == String(String.UnicodeScalarView(expected.scalars)))
        #expect(again.boxes == expected.boxes)
        #expect(String(String.UnicodeScalarView(again.scalars)).contains("|S1SR|"))
    }

    @Test("an allocation that fails while a document opens is too-large, not a terminated process")
    func allocationFailsWhileOpening() throws {
        CoreBoundary.failAllocation(after: 1)
        defer { CoreBoundary.failAllocation(after: 0) }
        let error = try #require(throws: DocumentError.self) { try Self.open() }
        #expect(error.code == .tooLarge)
        #expect(error.message.contains("out of memory"))
    }

    @Test("every C++ status maps to its named error")
    func statusesAreNamed() {
        #expect(CoreError(status: 0) == nil)
        #expect(CoreError(status: 1) == .cannotOpenFile)
        #expect(CoreError(status: 2) == .badCatalog)
        #expect(CoreError(status: 4) == .encrypted)
        #expect(CoreError(status: 3) == .poppler(3))
        #expect(CoreError(status: -1) == .failed)
        #expect(CoreError(status: -2) == .unavailable)
        #expect(CoreError(status: -3) == .outOfMemory)
        #expect(CoreError(status: -4) == .exception)
        #expect(throws: CoreError.outOfMemory) { try CoreError.count(-3) }
        #expect((try? CoreError.count(7)) == 7)
    }

    /// What poppler 22.12 (Debian 12) and 25.03 (Debian 13) hold in the private members the
    /// glyph path reads (PopplerPrivate.cc lists them). A poppler that reads otherwise changed a
    /// member's meaning: the glyph path would free the wrong pages or let one page's open sections
    /// hide the next page's text.
    @Test("poppler's private members mean what they meant on the versions checked")
    func privateMembers() throws {
        let read = try PopplerPrivateMembers.read(Self.twoPages)
        #expect(read.catalogPageSlots == 2, "Catalog::pages no longer holds one slot per page")
        #expect(read.catalogSlotOwnsPage, "Catalog::pages[i].first no longer owns the Page that getPage answers")
        #expect(read.pageCacheEntries == 0, "PDFDoc::pageCache holds pages of a document that is not linearized")
        #expect(read.markedContentAfterOpenBDC, "Gfx::mcStack is not set while a BDC is open")
        #expect(read.ignoreUndefinedAfterOpenBX == 1, "Gfx::ignoreUndef does not count open BX sections")
        #expect(!read.cleanAfterOpenSections, "a Gfx with open BDC and BX sections counts as clean")
        #expect(!read.markedContentAfterClosedPage, "Gfx::mcStack is set after a page that closed its sections")
        #expect(read.ignoreUndefinedAfterClosedPage == 0, "Gfx::ignoreUndef is not 0 after a page that closed its BX")
        #expect(read.cleanAfterClosedPage, "a Gfx a page left clean does not count as clean")
        #expect(read.releasedPageGone, "releasing a page through Catalog::pages does not free it")
    }
}
