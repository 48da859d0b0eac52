import Foundation
import Testing
import YotiSignModels
@testable import TagScanKit

/// Every custom-rule option, measured: each test places fields on `dialects/custom-rules.pdf`
/// (reportlab, Helvetica 12 pt, boxes known from the generator) and checks where they land, in
/// points, against the generator's boxes and baselines — on both extraction paths.
@Suite("Custom anchor rules")
struct CustomAnchorRuleTests {
    static let paths = DialectFixtures.extractionPaths
    static let width = 595.28, height = 841.89

    static func scan(_ rules: [CustomAnchorRule], path: ExtractionPath = .automatic, configure: (inout ScanOptions) -> Void = { _ in }) throws -> DocumentResult
    {
        var options = ScanOptions(jobs: 2, extraction: path)
        options.customRules = rules
        configure(&options)
        let result = try DialectFixtures.scan("custom-rules.pdf", options: options)
        try #require(result.status == .ok, "\(String(describing: result.error))")
        return result
    }

    static func signatureRule(_ change: (inout CustomAnchorRule) -> Void = { _ in }) -> CustomAnchorRule {
        var rule = CustomAnchorRule(anchor: "Signature:", role: "Signer 1", type: .signature)
        change(&rule)
        return rule
    }

    @Test("matches are the generator's boxes, in reading order, letter spacing and case folded", arguments: paths)
    func matchesAtGeneratorBoxes(path: ExtractionPath) throws {
        let manifest = try DialectFixtures.manifest("custom-rules")
        let result = try Self.scan([Self.signatureRule()], path: path)
        let expected = ["signature_1", "signature_caps", "signature_spaced", "signature_lower", "signature_page2"]
        try #require(result.anchors.count == expected.count, "\(result.anchors.map(\.text))")
        for (anchor, label) in zip(result.anchors, expected) {
            let item = try manifest.item(label)
            #expect(anchor.dialect == .custom && anchor.rule == "Signature:" && anchor.role == "Signer 1")
            #expect(anchor.pageNumber == item.page_number, "\(label)")
            #expect(anchor.text.lowercased() == item.text.lowercased(), "\(label): \(anchor.text)")
            DialectFixtures.expectBox(anchor.box, item.box, label)
        }
        #expect(result.recipients.map(\.role) == ["Signer 1"])
        #expect(result.recipients.first?.tags.count == 5)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
    }

    @Test("default reference point: the field's top-left at the match's top-left", arguments: paths)
    func leftTop(path: ExtractionPath) throws {
        let item = try DialectFixtures.manifest("custom-rules").item("signature_1")
        let tag = try #require(try Self.scan([Self.signatureRule { $0.occurrence = .first }], path: path).anchors.first?.tag)
        DialectFixtures.expectFraction(tag.x, points: item.box.x, of: Self.width, "x")
        DialectFixtures.expectFraction(tag.y, points: item.box.y, of: Self.height, "y")
        #expect(tag.type == .signature && tag.optional == false && tag.fileName == "custom-rules.pdf" && tag.pageNumber == 1)
    }

    @Test("align right starts the field at the match's right edge", arguments: paths)
    func alignRight(path: ExtractionPath) throws {
        let item = try DialectFixtures.manifest("custom-rules").item("signature_1")
        let tag = try #require(
            try Self.scan(
                [
                    Self.signatureRule {
                        $0.occurrence = .first; $0.alignment = .right
                    }
                ], path: path
            ).anchors.first?.tag)
        DialectFixtures.expectFraction(tag.x, points: item.box.maxX, of: Self.width, "x at the right edge")
        DialectFixtures.expectFraction(tag.y, points: item.box.y, of: Self.height, "y unchanged")
    }

    @Test("vertical reference: top, baseline (exact for Helvetica) and bottom", arguments: paths)
    func verticalReference(path: ExtractionPath) throws {
        let item = try DialectFixtures.manifest("custom-rules").item("signature_1")
        for (vertical, points) in [(CustomAnchorRule.VerticalReference.top, item.box.y), (.baseline, item.baseline), (.bottom, item.box.maxY)] {
            let tag = try #require(
                try Self.scan(
                    [
                        Self.signatureRule {
                            $0.occurrence = .first; $0.vertical = vertical
                        }
                    ], path: path
                ).anchors.first?.tag)
            DialectFixtures.expectFraction(tag.y, points: points, of: Self.height, "y for \(vertical)")
            DialectFixtures.expectFraction(tag.x, points: item.box.x, of: Self.width, "x for \(vertical)")
        }
    }

    /// Offsets in every unit, on both axes: (offset, points on x for A4's width, points on y for its height).
    static let offsets: [(Length, Double, Double)] = [
        (.points(10), 10, 10),
        (.millimetres(5), 5 * 72 / 25.4, 5 * 72 / 25.4),
        (.centimetres(-1), -72 / 2.54, -72 / 2.54),
        (.inches(0.5), 36, 36),
        (.pageFraction(0.1), 0.1 * width, 0.1 * height),
        (Length(-2, .percent), -0.02 * width, -0.02 * height),
    ]

    @Test("x and y offsets in pt, mm, cm, in, page fraction and percent", arguments: offsets)
    func offsetUnits(offset: Length, xPoints: Double, yPoints: Double) throws {
        let item = try DialectFixtures.manifest("custom-rules").item("signature_1")
        let rule = Self.signatureRule {
            $0.occurrence = .first; $0.xOffset = offset; $0.yOffset = offset
        }
        let tag = try #require(try Self.scan([rule]).anchors.first?.tag)
        DialectFixtures.expectFraction(tag.x, points: item.box.x + xPoints, of: Self.width, "x + \(offset)")
        DialectFixtures.expectFraction(tag.y, points: item.box.y + yPoints, of: Self.height, "y + \(offset)")
    }

    @Test("right edge, baseline and offsets together")
    func combined() throws {
        let item = try DialectFixtures.manifest("custom-rules").item("signature_page2")
        let rule = Self.signatureRule {
            $0.occurrence = .last
            $0.alignment = .right
            $0.vertical = .baseline
            $0.xOffset = .millimetres(2)
            $0.yOffset = .points(-20)
        }
        let anchor = try #require(try Self.scan([rule]).anchors.first)
        #expect(anchor.pageNumber == 2 && anchor.tag?.pageNumber == 2)
        DialectFixtures.expectFraction(anchor.tag?.x, points: item.box.maxX + 2 * 72 / 25.4, of: Self.width, "x")
        DialectFixtures.expectFraction(anchor.tag?.y, points: item.baseline - 20, of: Self.height, "y")
    }

    @Test("occurrence: first, last, n-th, and an n-th past the end", arguments: paths)
    func occurrences(path: ExtractionPath) throws {
        let manifest = try DialectFixtures.manifest("custom-rules")
        let cases: [(CustomAnchorRule.Occurrence, String)] = [
            (.first, "signature_1"), (.last, "signature_page2"), (.nth(2), "signature_caps"), (.nth(4), "signature_lower"),
        ]
        for (occurrence, label) in cases {
            let result = try Self.scan([Self.signatureRule { $0.occurrence = occurrence }], path: path)
            try #require(result.anchors.count == 1, "\(occurrence): \(result.anchors.map(\.text))")
            let item = try manifest.item(label)
            #expect(result.anchors[0].pageNumber == item.page_number)
            DialectFixtures.expectBox(result.anchors[0].box, item.box, "\(occurrence)")
            DialectFixtures.expectFraction(result.anchors[0].tag?.y, points: item.box.y, of: Self.height, "\(occurrence) y")
        }
        let past = try Self.scan([Self.signatureRule { $0.occurrence = .nth(9) }], path: path)
        #expect(past.anchors.isEmpty)
        let diagnostic = try #require(past.diagnostics.first)
        #expect(diagnostic.rule == "anchor-not-found" && diagnostic.severity == .error && diagnostic.pageNumber == nil)
        #expect(diagnostic.message.contains("asks for match 9 but the document has 5"), "\(diagnostic.message)")
    }

    @Test("a page keeps only the matches its rule's occurrence can still choose")
    func pagePruning() {
        func match(_ rule: Int, _ order: Int, wrapped: Bool = false) -> CustomAnchorFinder.Match {
            CustomAnchorFinder.Match(ruleIndex: rule, text: "x", glyphs: [order], order: order, wrapped: wrapped)
        }
        let rules = [CustomAnchorRule.Occurrence.all, .first, .last, .nth(2)].map {
            CustomAnchorRule(anchor: "x", occurrence: $0, role: "Signer 1", type: .signature)
        }
        let matches = (0..<4).flatMap { rule in [match(rule, 30), match(rule, 10), match(rule, 20), match(rule, 5, wrapped: true)] }
        let kept = PageScan.keptForOccurrence(matches, rules)
        func orders(_ rule: Int) -> [Int] { kept.filter { $0.ruleIndex == rule }.map(\.order) }
        #expect(orders(0) == [10, 20, 30, 5])
        #expect(orders(1) == [10, 5], "first, plus the wrapped match, which is reported")
        #expect(orders(2) == [30, 5])
        #expect(orders(3) == [10, 20, 5])
    }

    @Test("whole word: on by default, off finds the anchor inside longer words", arguments: paths)
    func wholeWord(path: ExtractionPath) throws {
        let manifest = try DialectFixtures.manifest("custom-rules")
        let inner = try manifest.item("countersignature_inner")
        let loose = try Self.scan([Self.signatureRule { $0.wholeWord = false }], path: path)
        #expect(loose.anchors.count == 6)
        let counter = try #require(loose.anchors.first { $0.box.y > 120 && $0.box.y < 125 })
        DialectFixtures.expectBox(counter.box, inner.box, "signature: inside Countersignature:")
        DialectFixtures.expectFraction(counter.tag?.x, points: inner.box.x, of: Self.width, "x inside the word")

        let date = CustomAnchorRule(anchor: "date", role: "Signer 1", type: .dateSignedField)
        let strict = try Self.scan([date], path: path)
        #expect(strict.anchors.count == 1)
        DialectFixtures.expectBox(try #require(strict.anchors.first).box, try manifest.item("date_word").box, "Date")
        var looseDate = date
        looseDate.wholeWord = false
        let both = try Self.scan([looseDate], path: path)
        #expect(both.anchors.count == 2)
        DialectFixtures.expectBox(try #require(both.anchors.last).box, try manifest.item("updated_inner").box, "date inside Updated")
    }

    @Test("case sensitivity: off by default; on, only the exact case matches", arguments: paths)
    func caseSensitivity(path: ExtractionPath) throws {
        let manifest = try DialectFixtures.manifest("custom-rules")
        let result = try Self.scan([Self.signatureRule { $0.caseSensitive = true }], path: path)
        #expect(result.anchors.map(\.text) == ["Signature:", "Signature:", "Signature:"])
        for (anchor, label) in zip(result.anchors, ["signature_1", "signature_spaced", "signature_page2"]) {
            DialectFixtures.expectBox(anchor.box, try manifest.item(label).box, label)
        }
        let upper = try Self.scan([CustomAnchorRule(anchor: "SIGNATURE:", caseSensitive: true, role: "Signer 1", type: .signature)], path: path)
        #expect(upper.anchors.count == 1)
        DialectFixtures.expectBox(try #require(upper.anchors.first).box, try manifest.item("signature_caps").box, "SIGNATURE:")
    }

    @Test("whole words around glued and letter-spaced text", arguments: paths)
    func wordBoundaries(path: ExtractionPath) throws {
        let manifest = try DialectFixtures.manifest("custom-rules")
        // poppler-glib glues "Initials" and "Here" (far apart on one line) into "InitialsHere";
        // the visible gap still separates the words.
        let initials = try Self.scan([CustomAnchorRule(anchor: "Initials", role: "Signer 1", type: .initials)], path: path)
        #expect(initials.anchors.count == 1)
        DialectFixtures.expectBox(try #require(initials.anchors.first).box, try manifest.item("initials").box, "Initials")
        let here = try Self.scan([CustomAnchorRule(anchor: "here", role: "Signer 1", type: .initials)], path: path)
        DialectFixtures.expectBox(try #require(here.anchors.first).box, try manifest.item("here").box, "Here")
        // "Witness" is followed by a space and then letter-spaced text: still a word of its own.
        let witness = try Self.scan([CustomAnchorRule(anchor: "Witness", role: "Signer 1", type: .signature)], path: path)
        #expect(witness.anchors.count == 1)
        // A letter-spaced match is a whole word when what follows is not a letter.
        let spaced = try Self.scan([CustomAnchorRule(anchor: "Signature", caseSensitive: true, role: "Signer 1", type: .signature)], path: path)
        #expect(spaced.anchors.count == 3, "\(spaced.anchors.map(\.text))")
    }

    @Test("regular expression anchors", arguments: paths)
    func regex(path: ExtractionPath) throws {
        let item = try DialectFixtures.manifest("custom-rules").item("regex_ref")
        let rule = CustomAnchorRule(anchor: #"No\. [0-9]+"#, isRegex: true, role: "Signer 1", type: .textField, xOffset: .points(-3))
        let result = try Self.scan([rule], path: path)
        let anchor = try #require(result.anchors.first)
        #expect(result.anchors.count == 1 && anchor.text == "No. 12345")
        DialectFixtures.expectBox(anchor.box, item.box, "regex match")
        DialectFixtures.expectFraction(anchor.tag?.x, points: item.box.x - 3, of: Self.width, "x")
        #expect(CustomAnchorFinder.regexProblem("No\\. [0-9+") != nil)
    }

    @Test("a match broken across two lines places nothing and is reported")
    func wrapped() throws {
        // LibreOffice wrapped the lease's first paragraph after "The Tenant agrees".
        var options = ScanOptions(jobs: 2)
        options.customRules = [CustomAnchorRule(anchor: "Tenant agrees to pay", role: "Tenant 1", type: .initials)]
        let result = try DialectFixtures.scan("plain/lease.pdf", options: options)
        #expect(result.anchors.isEmpty && result.recipients.isEmpty)
        #expect(result.diagnostics.map(\.rule) == ["anchor-not-found", "anchor-wraps-line"])
        #expect(result.diagnostics.last?.message.contains("is broken across two lines") == true)
        // ignore_if_missing drops the missing-anchor error; the wrapped text is still reported,
        // at the one severity anchor-wraps-line has.
        options.customRules = [CustomAnchorRule(anchor: "Tenant agrees to pay", ignoreIfMissing: true, role: "Tenant 1", type: .initials)]
        let lenient = try DialectFixtures.scan("plain/lease.pdf", options: options)
        #expect(lenient.diagnostics.map(\.rule) == ["anchor-wraps-line"] && lenient.diagnostics.first?.severity == .error)
    }

    @Test("regex match offsets survive characters outside the BMP (UTF-16 surrogate pairs)")
    func regexOffsets() {
        let line = "\u{1F600}\u{1D400} Ref No. 42 and No. 7"
        let scalars = Array(line.unicodeScalars)
        // One 6 pt wide box per scalar on one line.
        let boxes = scalars.indices.map { Box(x: 10 + 6 * Double($0), y: 100, width: 6, height: 10) }
        let page = PageText(info: PageInfo(pageNumber: 1, width: 600, height: 800, rotation: 0), scalars: scalars, boxes: boxes, styles: [])
        let rule = CustomAnchorRule(anchor: #"No\. [0-9]+"#, isRegex: true, role: "Signer 1", type: .signature)
        let matches = CustomAnchorFinder.find(rules: [rule], in: SearchText(page), page: page)
        #expect(matches.map(\.text) == ["No. 42", "No. 7"])
        #expect(matches.first?.glyphs == [7, 8, 9, 11, 12], "the glyphs of N o . 4 2, spaces left out")
        #expect(matches.first.map { PageScan.union($0.glyphs, page) } == Box(x: 52, y: 100, width: 36, height: 10))
    }

    @Test("a missing anchor is an error unless ignore_if_missing")
    func missing() throws {
        var rule = CustomAnchorRule(anchor: "Tenant Signature:", role: "Tenant 1", type: .signature)
        let strict = try Self.scan([rule])
        #expect(strict.anchors.isEmpty && strict.recipients.isEmpty)
        #expect(strict.diagnostics.map(\.rule) == ["anchor-not-found"])
        #expect(strict.diagnostics.first?.severity == .error)
        #expect(strict.diagnostics.first?.message.contains("matches nothing in this document") == true)
        rule.ignoreIfMissing = true
        let lenient = try Self.scan([rule])
        #expect(lenient.anchors.isEmpty && lenient.diagnostics.isEmpty)
    }

    @Test("what to place: text-field width, name, help text, prefilled value, validation, sign group, required")
    func fieldProperties() throws {
        var text = CustomAnchorRule(anchor: "Company name:", role: "Signer 2", signGroup: 2, type: .textField, required: false)
        text.name = "company"
        text.width = .centimetres(5)
        text.helpText = "Registered name"
        text.prefilledValue = "ACME Ltd"
        text.validation = Tag.Validation(regex: "^[A-Z].*$", errorMessage: "Capital first", flags: "gm")
        text.alignment = .right
        var date = CustomAnchorRule(anchor: "Date:", role: "Signer 2", type: .dateSignedField, required: false)
        date.occurrence = .first
        let result = try Self.scan([text, date])
        let company = try #require(result.anchors.first { $0.rule == "Company name:" }?.tag)
        #expect(company.type == .textField && company.optional && company.name == "company")
        #expect(company.helpText == "Registered name" && company.prefilledValue == "ACME Ltd")
        #expect(company.validation == Tag.Validation(regex: "^[A-Z].*$", errorMessage: "Capital first", flags: "gm"))
        DialectFixtures.expectFraction(company.width, points: 5 * 72 / 2.54, of: Self.width, "width 5 cm")
        let item = try DialectFixtures.manifest("custom-rules").item("company")
        DialectFixtures.expectFraction(company.x, points: item.box.maxX, of: Self.width, "x")
        #expect(result.recipients.map(\.signGroup) == [2])
        // Yoti requires date_signed_field: made required, and said so.
        let dateTag = try #require(result.anchors.first { $0.rule == "Date:" }?.tag)
        #expect(dateTag.optional == false)
        #expect(result.diagnostics.map(\.rule) == ["date-required"])
        let kept = try Self.scan([date]) { $0.dateSignedRequired = false }
        #expect(kept.anchors.first?.tag?.optional == true && kept.diagnostics.isEmpty)
    }

    @Test("a field pushed off the page is clamped and reported")
    func clamped() throws {
        let rule = Self.signatureRule {
            $0.occurrence = .first; $0.xOffset = .pageFraction(0.95)
        }
        let result = try Self.scan([rule])
        #expect(result.anchors.first?.tag?.x == TagPlacer.maximumCoordinate)
        #expect(result.diagnostics.map(\.rule) == ["tag-clamped"])
    }
}
