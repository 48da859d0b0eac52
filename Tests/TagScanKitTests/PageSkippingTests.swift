import Foundation
import Testing

@testable import TagScanKit

/// A page that cannot hold an anchor is counted, not laid out. Two things make that safe, and
/// both are checked here: the trigger test never turns away a page a finder reads anything on,
/// and the counts taken without layout are the layout's own.
@Suite("Pages no anchor can be on")
struct PageSkippingTests {
    static func page(_ text: String) -> [Unicode.Scalar] { Array(text.unicodeScalars) }

    @Test("the built-in dialects' characters make a page a candidate, in the counts they need")
    func builtInTriggers() {
        let triggers = AnchorTriggers(customRules: [])
        for tagged in [
            "Sign: |S1SR|", "|AT|", "|tagscan-disable: tiny-anchor|", "[sig|req|signer1]", "{{signature,r1}}", "Sign: \\s1\\", "Date: /date2/",
            "Sign: \\ s 1 \\", "Sign \u{FF5C}S1SR\u{FF5C}", "S1SR|", "half [ bracket", "Dates 1/2/2024",
        ] {
            #expect(triggers.mayHoldAnchor(Self.page(tagged)), "\(tagged)")
        }
        for plain in ["no tags here", "either/or", "C:\\docs", "one { brace", "Curly \u{201C}quotes\u{201D} \u{2014} and \u{FB01}ligatures", ""] {
            #expect(!triggers.mayHoldAnchor(Self.page(plain)), "\(plain)")
        }
    }

    @Test("a literal custom rule adds its first character in either case; a regular expression every page")
    func customTriggers() {
        let signature = AnchorTriggers(customRules: [CustomAnchorRule(anchor: "  Signature:", role: "Signer 1", type: .signature)])
        #expect(signature.mayHoldAnchor(Self.page("SIGNATURE here")))
        #expect(signature.mayHoldAnchor(Self.page("sign below")))
        #expect(!signature.mayHoldAnchor(Self.page("Date: today")))
        let ligature = AnchorTriggers(customRules: [CustomAnchorRule(anchor: "first name", role: "Signer 1", type: .textField)])
        #expect(ligature.mayHoldAnchor(Self.page("\u{FB01}rst name")), "the fi ligature holds an f")
        let accented = AnchorTriggers(customRules: [CustomAnchorRule(anchor: "Échéance", role: "Signer 1", type: .dateSignedField)])
        #expect(accented.mayHoldAnchor(Self.page("ÉCHÉANCE")) && accented.mayHoldAnchor(Self.page("échéance")))
        #expect(!accented.mayHoldAnchor(Self.page("Date")))
        let regex = AnchorTriggers(customRules: [CustomAnchorRule(anchor: "\\bSign(ed)?\\b", isRegex: true, role: "Signer 1", type: .signature)])
        #expect(regex.mayHoldAnchor(Self.page("")))
    }

    /// Every readable fixture page whose text holds no trigger yields nothing from the finders:
    /// no anchor, no diagnostic, no directive and nothing carried to the next page.
    @Test("no fixture page the triggers turn away holds anything a finder reports", arguments: Self.readableFixtures)
    func triggersAreASuperset(relative: String) throws {
        let document = try PageSources.open(.file(path: FixtureSupport.path(relative)), password: nil, path: .glyphs)
        let triggers = AnchorTriggers(customRules: [])
        for index in 0..<document.pageCount {
            guard let page = document.pageText(at: index, triggers: .everyPage), !triggers.mayHoldAnchor(page.scalars) else { continue }
            let scan = PageScan(page)
            #expect(scan.anchors.isEmpty && scan.diagnostics.isEmpty && scan.directives.isEmpty, "\(relative) page \(index + 1)")
            #expect(scan.head == nil && scan.openTail == nil, "\(relative) page \(index + 1)")
        }
    }

    @Test("a fixture page counted without layout has the layout's counts", arguments: Self.readableFixtures, FixturePositionTests.paths)
    func fixtureCounts(relative: String, path: ExtractionPath) throws {
        let document = try PageSources.open(.file(path: FixtureSupport.path(relative)), password: nil, path: path)
        for index in 0..<document.pageCount {
            guard let counted = document.pageText(at: index, triggers: .nowhere), !counted.isLaidOut else { continue }
            let laidOut = try #require(document.pageText(at: index, triggers: .everyPage))
            #expect(laidOut.isLaidOut, "\(relative) page \(index + 1)")
            #expect(counted.info == laidOut.info, "\(relative) page \(index + 1)")
            #expect(counted.glyphCounts == laidOut.glyphCounts, "\(relative) page \(index + 1)")
            #expect(counted.scalars.isEmpty && counted.boxes.isEmpty)
        }
    }

    @Test("most fixture pages of real producers are counted without layout")
    func countingIsUsed() throws {
        var counted = 0, pages = 0
        for relative in Self.readableFixtures where relative.hasPrefix("producers/") {
            let document = try PageSources.open(.file(path: FixtureSupport.path(relative)), password: nil, path: .glyphs)
            for index in 0..<document.pageCount {
                pages += 1
                if let text = document.pageText(at: index, triggers: .nowhere), !text.isLaidOut { counted += 1 }
            }
        }
        #expect(pages > 0 && counted * 2 > pages, "\(counted) of \(pages) pages counted without layout")
    }

    /// End to end: on every fixture page, a scan with the built-in triggers (decided while poppler
    /// draws the page) finds exactly what a scan that lays out every page finds.
    @Test("skipping pages changes nothing a scan reports, on every fixture page", arguments: Self.readableFixtures)
    func scansAgree(relative: String) throws {
        let document = try PageSources.open(.file(path: FixtureSupport.path(relative)), password: nil, path: .glyphs)
        let triggers = AnchorTriggers(customRules: [])
        for index in 0..<document.pageCount {
            guard let skipping = document.pageText(at: index, triggers: triggers), let whole = document.pageText(at: index, triggers: .everyPage) else {
                continue
            }
            let fast = PageScan(skipping), full = PageScan(whole)
            let where_ = "\(relative) page \(index + 1)"
            #expect(fast.info == full.info, "\(where_)")
            #expect(fast.anchors.map(\.text) == full.anchors.map(\.text), "\(where_)")
            #expect(fast.anchors.map(\.box) == full.anchors.map(\.box), "\(where_)")
            #expect(fast.diagnostics == full.diagnostics, "\(where_)")
            #expect(fast.directives.map(\.text) == full.directives.map(\.text), "\(where_)")
            #expect(fast.head == full.head && fast.openTail == full.openTail, "\(where_)")
        }
    }

    /// Pages built to reach each branch of the tally poppler's side keeps: more distinct characters
    /// beyond ASCII than it lists, fake bold drawn glyph by glyph, a table drawn cell by cell, and
    /// the two-delimiter triggers.
    @Test("the tally's branches: too many distinct characters, fake bold, cells, delimiters")
    func tallyBranches() throws {
        let latin = (0o241...0o377).map { "\\" + String($0, radix: 8) }.joined()
        let bold = "Bold".map { "(\($0)) Tj 0.2 0 Td (\($0)) Tj 6.5 0 Td" }.joined(separator: " ")
        let pages: [(content: String, laidOut: Bool)] = [
            ("BT /F1 9 Tf 72 700 Td (\(latin)) Tj ET", false),
            ("BT /F1 11 Tf 72 700 Td \(bold) ET BT /F1 11 Tf 72 680 Td (plain text after) Tj ET", false),
            ("BT /F1 10 Tf 72 700 Td (left cell) Tj ET BT /F1 10 Tf 72 686 Td (next row) Tj ET BT /F1 10 Tf 300 700 Td (right cell) Tj ET", true),
            ("BT /F1 10 Tf 72 700 Td (see https://example.com for terms) Tj ET", true),
            ("BT /F1 10 Tf 72 700 Td (either/or, one slash) Tj ET", false),
            ("BT /F1 10 Tf 72 700 Td (one { brace and one \\\\ backslash) Tj ET", false),
        ]
        var objects = ["<< /Type /Catalog /Pages 2 0 R >>", "", "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"]
        var kids: [Int] = []
        for page in pages {
            objects.append(SyntheticPDF.stream(page.content + "\n"))
            objects.append("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents \(objects.count) 0 R /Resources << /Font << /F1 3 0 R >> >> >>")
            kids.append(objects.count)
        }
        objects[1] = "<< /Type /Pages /Kids [\(kids.map { "\($0) 0 R" }.joined(separator: " "))] /Count \(kids.count) >>"
        let document = try PageSources.open(.data(SyntheticPDF.file(objects), fileName: "branches.pdf"), password: nil, path: .glyphs)
        let triggers = AnchorTriggers(customRules: [])
        for (index, page) in pages.enumerated() {
            let counted = try #require(document.pageText(at: index, triggers: triggers))
            let whole = try #require(document.pageText(at: index, triggers: .everyPage))
            #expect(counted.isLaidOut == page.laidOut, "page \(index + 1)")
            #expect(counted.info == whole.info, "page \(index + 1)")
            #expect(whole.info.glyphCount > 0, "page \(index + 1)")
        }
        // Fake bold: each doubled glyph counted once, as the layout counts it.
        let boldPage = try #require(document.pageText(at: 1, triggers: .everyPage))
        // (The letters are spaced unevenly, so the layout may read a word gap in them.)
        #expect(String(String.UnicodeScalarView(boldPage.scalars)).replacingOccurrences(of: " ", with: "").hasPrefix("Bold\n"))
        #expect(boldPage.info.glyphCount == "Bold".count + "plaintextafter".count)
    }

    // MARK: Generated glyphs

    /// Pages of lines drawn in one run each, in reading order, in all four directions: fake bold
    /// (each glyph drawn twice, a hair apart), drawn and missing spaces, column gaps, runs of
    /// spaces, text beyond the page. The counts taken without layout equal the layout's.
    @Test("counts without layout equal the layout's on generated pages", arguments: 0..<8)
    func generatedCounts(seed: UInt64) {
        var random = SeededRandom(seed: seed)
        var compared = 0
        for _ in 0..<150 {
            let glyphs = Self.generatedPage(&random)
            let info = PageInfo(pageNumber: 1, width: 300, height: 400, rotation: 0)
            let laidOut = GlyphLayout.pageText(glyphs, info: info)
            let result = glyphs.withUnsafeBufferPointer { GlyphLayout.count($0, info: info, triggers: .nowhere) }
            #expect(result == .counted(inside: laidOut.info.glyphCount, outside: laidOut.info.outsideGlyphCount ?? 0))
            compared += 1
        }
        #expect(compared == 150)
    }

    @Test("a line drawn in two runs, or out of reading order, is left to the layout")
    func outOfOrder() {
        let info = PageInfo(pageNumber: 1, width: 300, height: 400, rotation: 0)
        let left = GlyphLayoutTests.run("left cell", x: 10, baseline: 100)
        let right = GlyphLayoutTests.run("right cell", x: 150, baseline: 100)
        let below = GlyphLayoutTests.run("next line", x: 10, baseline: 120)
        // Cell by cell: the first line is drawn in two runs.
        let cells = left + below + right
        #expect(cells.withUnsafeBufferPointer { GlyphLayout.count($0, info: info, triggers: .nowhere) } == .needsLayout)
        // Right to left on one baseline.
        let backwards = right + left
        #expect(backwards.withUnsafeBufferPointer { GlyphLayout.count($0, info: info, triggers: .nowhere) } == .needsLayout)
        // In order: counted.
        let inOrder = left + right + below
        let laidOut = GlyphLayout.pageText(inOrder, info: info)
        #expect(
            inOrder.withUnsafeBufferPointer { GlyphLayout.count($0, info: info, triggers: .nowhere) } == .counted(inside: laidOut.info.glyphCount, outside: 0))
        // A trigger anywhere stops the count.
        let tagged = inOrder + GlyphLayoutTests.run("|S1SR|", x: 10, baseline: 140)
        #expect(tagged.withUnsafeBufferPointer { GlyphLayout.count($0, info: info, triggers: AnchorTriggers(customRules: [])) } == .mayHoldAnchor)
    }

    static let readableFixtures: [String] = {
        let folders = [
            "templates", "producers/chromium", "producers/ghostscript", "producers/libreoffice", "producers/pdftex", "producers/weasyprint",
            "producers/tesseract", "dialects", "foreign", "scrub", "envelope",
        ]
        // Only files that open: a folder may hold a file that is not a PDF, on purpose.
        return folders.flatMap { FixtureSupport.pdfs(in: $0) }.filter {
            (try? PageSources.open(.file(path: FixtureSupport.path($0)), password: nil, path: .glyphs)) != nil
        }
    }()

    static func generatedPage(_ random: inout SeededRandom) -> [Glyph] {
        var glyphs: [Glyph] = []
        let letters = Array("abcdefghij ,.".unicodeScalars)
        var base = 10.0
        for _ in 0..<random.next(in: 1...12) {
            let rotation = random.next(in: 0...3)
            let size = [6.0, 9.0, 11.0, 24.0][random.next(in: 0...3)]
            base += size * (1.2 + Double(random.next(in: 0...10)) / 10)
            var pen = Double(random.next(in: -40...250))
            let fakeBold = random.next(in: 0...4) == 0
            for _ in 0..<random.next(in: 1...60) {
                let scalar = letters[random.next(in: 0..<letters.count)]
                let advance = size * Double(random.next(in: 2...7)) / 10
                let glyph = Self.glyph(scalar, at: pen, advance: advance, base: base, size: size, rotation: rotation)
                glyphs.append(glyph)
                if fakeBold { glyphs.append(Self.glyph(scalar, at: pen + size * 0.05, advance: advance, base: base, size: size, rotation: rotation)) }
                // Mostly tight, sometimes a word gap, sometimes a column gap.
                switch random.next(in: 0...9) {
                case 0: pen += advance + size * 0.4
                case 1: pen += advance + size * 1.5
                default: pen += advance
                }
            }
        }
        return glyphs
    }

    /// A glyph whose reading-order start is `pen` along its direction (boxes as the extractor gives them).
    static func glyph(_ scalar: Unicode.Scalar, at pen: Double, advance: Double, base: Double, size: Double, rotation: Int) -> Glyph {
        let box: Box
        switch rotation {
        case 0: box = Box(x: pen, y: base - 0.8 * size, width: advance, height: size)
        case 1: box = Box(x: base - 0.2 * size, y: pen, width: size, height: advance)
        case 2: box = Box(x: 300 - pen - advance, y: base - 0.2 * size, width: advance, height: size)
        default: box = Box(x: base - 0.8 * size, y: 400 - pen - advance, width: size, height: advance)
        }
        return Glyph(scalar: scalar, box: box, base: base, fontSize: size, rotation: rotation, renderMode: 0, red: 0, green: 0, blue: 0)
    }
}

/// A small deterministic generator (SplitMix64), so a failing case can be replayed.
struct SeededRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func next(in range: ClosedRange<Int>) -> Int { range.lowerBound + Int(next() % UInt64(range.count)) }
    mutating func next(in range: Range<Int>) -> Int { range.lowerBound + Int(next() % UInt64(range.count)) }
}
