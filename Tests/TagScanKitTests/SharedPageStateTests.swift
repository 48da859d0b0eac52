import Foundation
import Testing
@testable import TagScanKit

/// The glyph path draws consecutive pages that share resources and page boxes with one poppler
/// `Gfx`, so fonts are built once, and frees each page once drawn. Whatever a page leaves behind
/// must not reach the next one, pages whose resources differ, even under the same font names,
/// must not share a `Gfx`, and a page asked for again is built again.
@Suite("Pages drawn one after another")
struct SharedPageStateTests {
    /// Page 1 leaves an unclosed hidden optional-content section, an unclosed `q` with a 2×
    /// scale and an unclosed `BX`; pages 2–5 each carry one auto-tag at baseline 700 (PDF
    /// space), 12 pt, after "Sign: ". Pages 3 and 4 bind `/F1` to Courier instead of Helvetica,
    /// page 4 is smaller, page 5 switches back to page 1's resources.
    static let document: Data = {
        let helveticaResources = "<< /Font << /F1 3 0 R >> /Properties << /MC0 5 0 R >> >>"
        let courierResources = "<< /Font << /F1 4 0 R >> >>"
        func line(_ text: String) -> String { "BT /F1 12 Tf 72 700 Td (\(text)) Tj ET\n" }
        let pages: [(content: String, resources: String, mediaBox: String)] = [
            ("/OC /MC0 BDC\n" + line("Draft only |S9SR|") + "q 2 0 0 2 0 0 cm\nBX\n", helveticaResources, "[0 0 595 842]"),
            (line("Sign: |S1SR|"), helveticaResources, "[0 0 595 842]"),
            (line("Sign: |S2SR|"), courierResources, "[0 0 595 842]"),
            (line("Sign: |S3SR|").replacingOccurrences(of: "72 700", with: "72 350"), courierResources, "[0 0 300 400]"),
            (line("Sign: |S4SR|"), helveticaResources, "[0 0 595 842]"),
        ]
        var objects = [
            "<< /Type /Catalog /Pages 2 0 R /OCProperties << /OCGs [5 0 R] /D << /OFF [5 0 R] >> >> >>",
            "",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Courier /Encoding /WinAnsiEncoding >>",
            "<< /Type /OCG /Name (Draft) >>",
        ]
        var kids: [Int] = []
        for page in pages {
            objects.append(SyntheticPDF.stream(page.content))
            objects.append("<< /Type /Page /Parent 2 0 R /MediaBox \(page.mediaBox) /Contents \(objects.count) 0 R /Resources \(page.resources) >>")
            kids.append(objects.count)
        }
        objects[1] = "<< /Type /Pages /Kids [\(kids.map { "\($0) 0 R" }.joined(separator: " "))] /Count \(pages.count) >>"
        return SyntheticPDF.file(objects)
    }()

    static func anchors(_ path: ExtractionPath) async throws -> [String: Anchor] {
        // One job: every page goes through the same document handle, in order.
        let result = try await Scanner(options: ScanOptions(jobs: 1, extraction: path)).scan(.data(document, fileName: "shared.pdf"))
        #expect(result.status == .ok)
        return Dictionary(uniqueKeysWithValues: result.anchors.map { ($0.text, $0) })
    }

    @Test("each page is drawn with its own fonts, boxes and a clean state", arguments: FixturePositionTests.paths)
    func positions(path: ExtractionPath) async throws {
        let anchors = try await Self.anchors(path)
        // The hidden section is hidden; what page 1 left open hides nothing on page 2.
        #expect(anchors["|S9SR|"] == nil)
        let helvetica = try #require(anchors["|S1SR|"])
        let courier = try #require(anchors["|S2SR|"])
        let smallPage = try #require(anchors["|S3SR|"])
        let helveticaAgain = try #require(anchors["|S4SR|"])
        #expect([helvetica, courier, smallPage, helveticaAgain].map(\.pageNumber) == [2, 3, 4, 5])

        // "Sign: " advances 2,557/1000 em in Helvetica and 6 × 600/1000 em in Courier, at 12 pt,
        // unscaled by page 1's unclosed `cm`.
        #expect(abs(helvetica.box.x - (72 + 2.557 * 12)) < 0.01, "x \(helvetica.box.x)")
        #expect(abs(helveticaAgain.box.x - (72 + 2.557 * 12)) < 0.01, "x \(helveticaAgain.box.x)")
        #expect(abs(courier.box.x - (72 + 3.6 * 12)) < 0.01, "x \(courier.box.x)")
        #expect(abs(smallPage.box.x - (72 + 3.6 * 12)) < 0.01, "x \(smallPage.box.x)")
        // Six Courier glyphs of 0.6 em against six of Helvetica's (|S1SR|: 260+667+556+667+722+260).
        #expect(abs(courier.box.width - 6 * 0.6 * 12) < 0.01, "width \(courier.box.width)")
        #expect(abs(helvetica.box.width - 3.132 * 12) < 0.01, "width \(helvetica.box.width)")

        // Top-left origin: the top is the page height less the baseline less the ascent.
        let helveticaAscent = 842 - 700 - helvetica.box.y
        #expect(abs(helveticaAscent - 0.718 * 12) < 0.5, "Helvetica ascent \(helveticaAscent)")
        #expect(abs(helveticaAgain.box.y - helvetica.box.y) < 0.01)
        let courierAscent = 842 - 700 - courier.box.y
        #expect(abs(smallPage.box.y - (400 - 350 - courierAscent)) < 0.01, "y \(smallPage.box.y) on the 400 pt page")
    }

    @Test("the glyph path agrees with poppler-glib page by page", .enabled(if: ExtractionPath.glyphsAvailable))
    func pathsAgree() async throws {
        let glyphs = try await Self.anchors(.glyphs)
        let glib = try await Self.anchors(.glib)
        #expect(glyphs.keys.sorted() == glib.keys.sorted())
        for (text, anchor) in glyphs {
            let other = try #require(glib[text])
            #expect(anchor.pageNumber == other.pageNumber)
            for (a, b) in [
                (anchor.box.x, other.box.x), (anchor.box.y, other.box.y), (anchor.box.width, other.box.width), (anchor.box.height, other.box.height),
            ] {
                #expect(abs(a - b) < 1, "\(text): \(anchor.box) vs \(other.box)")
            }
        }
    }

    @Test("a page asked for again, after it was freed, gives the same text and boxes", arguments: FixturePositionTests.paths)
    func pageAskedTwice(path: ExtractionPath) throws {
        let document = try PageSources.open(.data(Self.document, fileName: "shared.pdf"), password: nil, path: path)
        let order = [1, 2, 1, 4, 0, 4, 3, 2]
        var first: [Int: PageText] = [:]
        for index in order {
            let text = try #require(document.pageText(at: index, triggers: .everyPage), "page \(index + 1)")
            if let earlier = first[index] {
                #expect(text.scalars == earlier.scalars, "page \(index + 1)")
                #expect(text.boxes == earlier.boxes, "page \(index + 1)")
                #expect(text.info == earlier.info, "page \(index + 1)")
            } else {
                first[index] = text
            }
        }
        #expect(String(String.UnicodeScalarView(try #require(first[1]).scalars)).contains("Sign: |S1SR|"))
    }
}
