import Testing

@testable import TagScanKit

/// The line builder on glyphs placed by hand: columns and table cells, drawn and inferred spaces,
/// text beyond the crop box, and the auto-tag finder over what it builds. Positions in points.
@Suite("Line building and near misses")
struct GlyphLayoutTests {
    static let info = PageInfo(pageNumber: 1, width: 612, height: 792, rotation: 0)
    static let advance = 6.0

    /// Glyphs for `text` from `x` on `baseline`, 11 pt, each `advance` wide. A space is drawn as
    /// a glyph when `drawsSpaces`, else left as a gap (as pdfTeX does); `gap` adds letter spacing.
    static func run(_ text: String, x: Double, baseline: Double, drawsSpaces: Bool = true, gap: Double = 0) -> [Glyph] {
        var glyphs: [Glyph] = []
        var pen = x
        for scalar in text.unicodeScalars {
            if scalar == " ", !drawsSpaces {
                pen += 3
                continue
            }
            glyphs.append(
                Glyph(
                    scalar: scalar, box: Box(x: pen, y: baseline - 9, width: advance, height: 11.5), base: baseline, fontSize: 11,
                    rotation: 0, renderMode: 0, red: 0, green: 0, blue: 0))
            pen += advance + gap
        }
        return glyphs
    }

    static func layout(_ runs: [[Glyph]]) -> PageText {
        GlyphLayout.pageText(runs.flatMap { $0 }, info: info)
    }

    static func text(_ page: PageText) -> String {
        String(String.UnicodeScalarView(page.scalars))
    }

    static func scan(_ page: PageText) -> PageScan { PageScan(page) }

    @Test("two table cells on one baseline are separate flows; a wrapped cell reads down its own column")
    func tableCells() {
        // A left cell that wraps, a right cell on the first line's baseline.
        let page = Self.layout([
            Self.run(#"|S1TR{"nm":"Signatory"#, x: 72, baseline: 100),
            Self.run("|S2SR|", x: 320, baseline: 100),
            Self.run(#"name"}|"#, x: 72, baseline: 114),
        ])
        // The one-line right cell is written after the left cell's first line, and the left cell
        // goes on across it to its second line.
        #expect(Self.text(page) == "|S1TR{\"nm\":\"Signatory\n|S2SR|\nname\"}|")
        #expect(page.flowBreaks == [21])
        #expect(page.continuations == [20: 29])
        let scan = Self.scan(page)
        #expect(scan.anchors.map(\.text) == ["|S2SR|"])
        #expect(scan.diagnostics.map(\.rule) == ["anchor-wraps-line"])
        #expect(scan.diagnostics.first?.anchor == #"|S1TR{"nm":"Signatory name"}|"#)
    }

    @Test("a field after a tab that wraps goes on at the margin of the next line")
    func fieldAfterTab() {
        let page = Self.layout([
            Self.run("Signer 2 signs at the end of this line:", x: 72, baseline: 100),
            Self.run("|S2S", x: 330, baseline: 100),
            Self.run("R| and initials every page.", x: 72, baseline: 114),
        ])
        let scan = Self.scan(page)
        #expect(scan.anchors.isEmpty)
        #expect(scan.diagnostics.map(\.rule) == ["anchor-wraps-line"] && scan.diagnostics.first?.anchor == "|S2SR|")
    }

    @Test("spaces the document draws are told from gaps between glyphs")
    func drawnAndInferredSpaces() {
        let drawn = Self.layout([Self.run("Sign here", x: 72, baseline: 100)])
        #expect(Self.text(drawn) == "Sign here" && drawn.inferredSpaces.isEmpty)
        let positioned = Self.layout([Self.run("Sign here", x: 72, baseline: 100, drawsSpaces: false)])
        #expect(Self.text(positioned) == "Sign here" && positioned.inferredSpaces == [4])
        #expect(!positioned.isDrawnSpace(at: 4) && drawn.isDrawnSpace(at: 4))
    }

    @Test("a tag without its closing pipe never takes the next tag's pipe", arguments: [true, false])
    func missingPipe(drawsSpaces: Bool) {
        let lines = ["Sign: |S2SR  |S2DSR|", "Initials |S6INR |S7INR|", "|S9SR |S10SR|", "Sign: |S1SR   Date: |S1DSR|"]
        let page = Self.layout(lines.enumerated().map { Self.run($1, x: 72, baseline: 100 + 20 * Double($0), drawsSpaces: drawsSpaces) })
        let scan = Self.scan(page)
        #expect(scan.anchors.map(\.text) == ["|S2DSR|", "|S7INR|", "|S10SR|", "|S1DSR|"])
        #expect(scan.diagnostics.map(\.anchor) == ["|S2SR", "|S6INR", "|S9SR", "|S1SR"])
        #expect(scan.diagnostics.map(\.suggestion) == ["|S2SR|", "|S6INR|", "|S9SR|", "|S1SR|"])
        #expect(scan.diagnostics.allSatisfy { $0.rule == "malformed-anchor" && $0.severity == .error && $0.box != nil })
    }

    @Test("letter spacing is bridged; spaces typed inside the pipes are placed and reported")
    func spacing() {
        let spaced = Self.scan(Self.layout([Self.run("| S5SR | and |S4 SR|", x: 72, baseline: 100)]))
        #expect(spaced.anchors.map(\.text) == ["|S5SR|", "|S4SR|"])
        #expect(spaced.diagnostics.map(\.rule) == ["spaced-anchor", "spaced-anchor"])
        #expect(spaced.diagnostics.map(\.anchor) == ["| S5SR |", "|S4 SR|"])
        // Tc letter spacing of half an em between every glyph: one tag, nothing to report.
        let letterSpaced = Self.scan(Self.layout([Self.run("|S1SR|", x: 72, baseline: 100, gap: 5.5)]))
        #expect(letterSpaced.anchors.map(\.text) == ["|S1SR|"] && letterSpaced.diagnostics.isEmpty)
    }

    @Test("malformed tags are quoted as written, with a suggestion where one is likely")
    func malformed() {
        let scan = Self.scan(Self.layout([Self.run("|s1sr| |S1XR| |S31SR| |S1S|", x: 72, baseline: 100)]))
        #expect(scan.anchors.isEmpty)
        #expect(scan.diagnostics.map(\.anchor) == ["|s1sr|", "|S1XR|", "|S31SR|", "|S1S|"])
        #expect(scan.diagnostics.map(\.suggestion) == ["|S1SR|", nil, nil, "|S1SR|"])
        #expect(scan.diagnostics[0].message.hasSuffix("did you mean |S1SR|?"))
    }

    @Test("text beyond the crop box is read, counted apart and reported, never placed")
    func outsideCropBox() {
        let page = Self.layout([
            Self.run("|AT|", x: 72, baseline: 60),
            Self.run("|S3SR|", x: 640, baseline: 100),  // wholly beyond the right edge
            Self.run("|S4SR|", x: -14, baseline: 140),  // its first two glyphs beyond the left edge
        ])
        #expect(page.info.glyphCount == 8 && page.info.outsideGlyphCount == 8)
        let scan = Self.scan(page)
        #expect(scan.anchors.map(\.text) == ["|AT|"])
        #expect(scan.diagnostics.map(\.rule) == ["anchor-outside-page", "anchor-outside-page"])
        #expect(scan.diagnostics[0].message.contains("lies outside the visible page") && scan.diagnostics[0].message.contains("28.0 pt beyond its right edge"))
        #expect(scan.diagnostics[1].message.contains("partly outside") && scan.diagnostics[1].message.contains("14.0 pt of it beyond the left edge"))
    }

    @Test("a hostile page of near misses stays bounded: suggestions for the first few only")
    func manyNearMisses() {
        let line = String(repeating: "|S1S| ", count: 10)
        let scan = Self.scan(Self.layout((0..<40).map { Self.run(line, x: 36, baseline: 60 + 16 * Double($0)) }))
        #expect(scan.diagnostics.count == 400 && scan.diagnostics.allSatisfy { $0.rule == "malformed-anchor" })
        #expect(scan.diagnostics.filter { $0.suggestion != nil }.count == AutoTagFinder.suggestionsPerPage)
    }
}
