import Testing
import YotiSignModels
@testable import TagScanKit

@Suite("Preview page selection and colours")
struct PreviewSelectionTests {
    static func result(pageCount: Int, anchorPages: [Int], diagnosticPages: [Int?] = []) -> DocumentResult {
        DocumentResult(
            path: "a.pdf", fileName: "a.pdf", pageCount: pageCount,
            pages: (1...pageCount).map { PageInfo(pageNumber: $0, width: 600, height: 800, rotation: 0) },
            anchors: anchorPages.map { Anchor(text: "|S1SR|", dialect: .yoti, pageNumber: $0, box: Box(x: 0, y: 0, width: 1, height: 1)) },
            diagnostics: diagnosticPages.map { Diagnostic(rule: "r", severity: .warning, pageNumber: $0, message: "m") })
    }

    @Test(
        "page lists parse",
        arguments: [
            ("tagged", PageSelection.tagged), ("ALL", .all), (" all ", .all), ("3", .numbers([3...3])),
            ("1,3-5", .numbers([1...1, 3...5])), ("2 - 4, 7", .numbers([2...4, 7...7])), ("5-5", .numbers([5...5])),
        ])
    func parses(text: String, expected: PageSelection) throws {
        #expect(try PageSelection(parsing: text) == expected)
    }

    @Test("bad page lists are rejected with a reason", arguments: ["", "0", "-3", "3-", "5-3", "1,,2", "a", "1-2-3", "+2", "٣", "tag"])
    func rejects(text: String) {
        #expect(throws: PageSelectionError.self) { try PageSelection(parsing: text) }
        do {
            _ = try PageSelection(parsing: text)
        } catch {
            #expect(error.description.contains("use tagged, all or a list like 1,3-5"))
        }
    }

    @Test("description writes the selection back")
    func roundTrip() throws {
        for text in ["tagged", "all", "1,3-5", "2-4,7"] {
            #expect(try PageSelection(parsing: text).description == text)
        }
    }

    @Test("tagged means pages with anchors or diagnostics; lists stop at the last page")
    func resolves() {
        let result = Self.result(pageCount: 6, anchorPages: [5, 2, 2], diagnosticPages: [4, nil])
        #expect(PageSelection.tagged.pageNumbers(in: result) == [2, 4, 5])
        #expect(PageSelection.all.pageNumbers(in: result) == [1, 2, 3, 4, 5, 6])
        let listed = PageSelection.numbers([5...8, 1...2, 2...3, 10...10])
        #expect(listed.pageNumbers(in: result) == [1, 2, 3, 5, 6])
        #expect(listed.missingPages(in: result) == [7...8, 10...10])
        #expect(PageSelection.all.missingPages(in: result).isEmpty)
        let failed = DocumentResult.failed(path: "b.pdf", fileName: "b.pdf", DocumentError(.damaged, "b"))
        #expect(PageSelection.all.pageNumbers(in: failed).isEmpty && PageSelection.tagged.pageNumbers(in: failed).isEmpty)
    }

    @Test("recipients get distinct colours in role order, none of them red or grey")
    func palette() {
        var roles = (1...30).map { "Signer \($0)" } + (1...30).map { "Guarantor \($0)" }
        roles.shuffle()
        let palette = RecipientPalette(roles: roles + ["Signer 1"])
        #expect(palette.roles.prefix(3) == ["Signer 1", "Signer 2", "Signer 3"])
        #expect(palette.roles.count == 60)
        #expect(palette.color(for: "Signer 1") == PreviewColor(hex: "#0072b2"))
        let colors = palette.entries.map(\.color)
        #expect(Set(colors).count == colors.count, "every role its own colour")
        for color in colors {
            #expect(color != RecipientPalette.problem && color != RecipientPalette.neutral)
            // Hue away from red: a colour with much more red than green and blue is not allowed.
            let redness = Int(color.red) - max(Int(color.green), Int(color.blue))
            #expect(redness < 120, "\(color.hex) is too close to the problem red")
        }
        // A role the palette was not given still gets a colour, the same one every time.
        let stranger = palette.color(for: "Witness 1")
        #expect(stranger == RecipientPalette(roles: roles).color(for: "Witness 1") && stranger != RecipientPalette.problem)
    }

    @Test("colours print and parse as #rrggbb; labels pick readable text")
    func colors() {
        #expect(PreviewColor(hex: "#0A0b0C")?.hex == "#0a0b0c")
        #expect(PreviewColor(hex: "12345") == nil && PreviewColor(hex: "#12345g") == nil)
        #expect(PreviewColor.white.contrastingText == .black && PreviewColor.black.contrastingText == .white)
        #expect(RecipientPalette.problem.contrastingText == .white)
    }

    @Test("fields are drawn at the tag's x/y, as high as the anchor and as wide as the anchor or the text field")
    func fieldBoxes() {
        let page = PageInfo(pageNumber: 1, width: 600, height: 800, rotation: 0)
        let options = PreviewOptions()
        let signature = Tag(pageNumber: 1, x: 0.1, y: 0.25, type: .signature, optional: false, fileName: "a.pdf")
        let signed = Anchor(text: "|S1SR|", dialect: .yoti, pageNumber: 1, box: Box(x: 60, y: 200, width: 31, height: 9), tag: signature)
        #expect(options.fieldBox(for: signed, on: page) == Box(x: 60, y: 200, width: 31, height: 9))
        let text = Tag(pageNumber: 1, x: 0.5, y: 0.5, type: .textField, optional: true, fileName: "a.pdf", width: 0.25)
        let typed = Anchor(text: "|S1TO|", dialect: .yoti, pageNumber: 1, box: Box(x: 300, y: 400, width: 30, height: 9), tag: text)
        #expect(options.fieldBox(for: typed, on: page) == Box(x: 300, y: 400, width: 150, height: 9))
        let header = Anchor(text: "|AT|", dialect: .yoti, pageNumber: 1, box: Box(x: 10, y: 10, width: 18, height: 9))
        #expect(options.fieldBox(for: header, on: page) == nil)
        #expect(PreviewOptions(dpi: 5).dpi == 18 && PreviewOptions(dpi: 10_000).dpi == 600)
    }
}
