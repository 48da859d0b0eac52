import Foundation
import Testing
import YotiSignModels
@testable import TagScanKit

/// Foreign vendors' tags in real producers' PDFs: LibreOffice documents for every dialect and a
/// reportlab page that draws them the hard way. Scans list them; `convert` places them. Golden
/// JSON for both, positions against the generator's boxes.
@Suite("Foreign tags in documents")
struct DialectFixtureTests {
    static let libreOffice: [(file: String, dialect: AnchorDialect)] = [
        ("acrobat.pdf", .acrobat), ("dropbox.pdf", .dropbox), ("docusign.pdf", .docusign),
        ("docuseal.pdf", .docuseal), ("documenso.pdf", .documenso),
    ]

    static func options(translating dialects: Set<AnchorDialect> = [], path: ExtractionPath = .automatic) -> ScanOptions {
        var options = ScanOptions(jobs: 2, extraction: path)
        options.translatedDialects = dialects
        return options
    }

    @Test("the LibreOffice fixtures are LibreOffice's", arguments: libreOffice.map(\.file) + ["plain/lease.pdf"])
    func producedByLibreOffice(file: String) throws {
        let bytes = try Data(contentsOf: URL(fileURLWithPath: DialectFixtures.path(file)))
        // LibreOffice writes its name in UTF-16: /Producer<FEFF 004C 0069 0062 … ("LibreOffice …")>.
        let producer = "/Producer<FEFF" + "LibreOffice".unicodeScalars.map { String(format: "%04X", $0.value) }.joined()
        #expect(bytes.range(of: Data(producer.utf8)) != nil, "\(file) should name LibreOffice as its producer")
    }

    /// How many tags each LibreOffice fixture holds (valid, malformed), from the generator's list.
    static let counts: [String: (valid: Int, malformed: Int)] = [
        "acrobat.pdf": (10, 1), "dropbox.pdf": (8, 1), "docusign.pdf": (10, 0), "docuseal.pdf": (8, 1), "documenso.pdf": (8, 2),
    ]

    @Test("every tag is found, with its dialect; look-alikes are not", arguments: libreOffice.map(\.file), DialectFixtures.extractionPaths)
    func recognised(file: String, path: ExtractionPath) throws {
        let dialect = try #require(Self.libreOffice.first { $0.file == file }?.dialect)
        let result = try DialectFixtures.scan(file, options: Self.options(path: path))
        let expected = try #require(Self.counts[file])
        #expect(result.anchors.count == expected.valid + expected.malformed, "\(result.anchors.map(\.text))")
        #expect(result.anchors.allSatisfy { $0.dialect == dialect })
        #expect(result.diagnostics.filter { $0.rule == "foreign-tag" }.count == expected.valid)
        #expect(result.diagnostics.filter { $0.rule == "foreign-tag-malformed" }.count == expected.malformed)
        #expect(result.diagnostics.allSatisfy { $0.severity == .warning }, "a scan only warns about foreign tags")
        #expect(result.recipients.isEmpty, "a scan places nothing for foreign tags")
        #expect(result.anchors.allSatisfy { $0.tag == nil })
        #expect(!result.anchors.contains { $0.text.contains("customer_name") || $0.text == "[3]" || $0.text.contains("[a|b]") })
    }

    @Test("split runs, letter spacing, hidden text: found where LibreOffice drew them")
    func libreOfficeQuirks() throws {
        let acrobat = try DialectFixtures.scan("acrobat.pdf", options: Self.options(translating: [.acrobat]))
        // "{{Int_es_:" + bold "signer2" + ":initials}}" is three runs in the PDF.
        let initials = try #require(acrobat.anchors.first { $0.text == "{{Int_es_:signer2:initials}}" })
        #expect(initials.role == "Signer 2" && initials.tag?.type == .initials)
        let docusign = try DialectFixtures.scan("docusign.pdf", options: Self.options(translating: [.docusign]))
        let white = try #require(docusign.anchors.first { $0.color == "#ffffff" })
        #expect(white.text == "\\s1\\" && white.role == "Signer 1" && white.tag?.type == .signature)
        // LibreOffice's letter spacing puts spaces between the glyphs of "\s2\".
        #expect(docusign.anchors.filter { $0.text == "\\s2\\" }.count == 2)
        #expect(!docusign.anchors.contains { $0.box.y > 230 }, "C:\\docs\\s1\\file is a path, not an anchor")
        // All of a text field's tag stays inside the page.
        for anchor in acrobat.anchors {
            guard let tag = anchor.tag, let width = tag.width else { continue }
            #expect(tag.x + width < 1, "\(anchor.text)")
        }
    }

    @Test("the hard way: letter-spaced, per glyph, font change, tiny white, wrapped", arguments: DialectFixtures.extractionPaths)
    func mixedGeometry(path: ExtractionPath) throws {
        let manifest = try DialectFixtures.manifest("mixed")
        let result = try DialectFixtures.scan(
            "mixed.pdf", options: Self.options(translating: [.acrobat, .dropbox, .docusign, .docuseal, .documenso], path: path))
        let expected: [(String, String, AnchorDialect, TagType, String)] = [
            ("acrobat_spaced", "{{Sig_es_:signer1:signature}}", .acrobat, .signature, "Signer 1"),
            ("dropbox_per_glyph", "[sig|req|signer2]", .dropbox, .signature, "Signer 2"),
            ("docuseal_bold", "{{Buyer;type=signature;role=First Party}}", .docuseal, .signature, "Signer 1"),
            ("docusign_white", "\\s1\\", .docusign, .signature, "Signer 1"),
            ("documenso_initials", "{{initials,r2}}", .documenso, .initials, "Signer 2"),
        ]
        for (label, text, dialect, type, role) in expected {
            let item = try manifest.item(label)
            let anchor = try #require(result.anchors.first { $0.dialect == dialect && $0.tag != nil }, "\(label) not found in \(result.anchors.map(\.text))")
            #expect(anchor.text == text, "\(label)")
            #expect(anchor.role == role && anchor.tag?.type == type, "\(label)")
            DialectFixtures.expectBox(anchor.box, item.box, label)
            DialectFixtures.expectFraction(anchor.tag?.x, points: item.box.x, of: manifest.pages.width, "\(label) x")
            DialectFixtures.expectFraction(anchor.tag?.y, points: item.box.y, of: manifest.pages.height, "\(label) y")
        }
        let wrapped = try #require(result.diagnostics.first { $0.rule == "anchor-wraps-line" })
        #expect(wrapped.severity == .error && wrapped.anchor?.hasPrefix("{{signature,") == true)
        #expect(result.anchors.filter { $0.dialect == .documenso }.count == 2)
        #expect(result.anchors.first { $0.dialect == .docusign }?.fontSize == 3)
    }

    @Test("convert places only the dialects asked for; the others stay warnings")
    func convertSelects() throws {
        let result = try DialectFixtures.scan("mixed.pdf", options: Self.options(translating: [.acrobat]))
        #expect(result.anchors.filter { $0.tag != nil }.map(\.dialect) == [.acrobat])
        #expect(result.diagnostics.filter { $0.rule == "foreign-tag" }.count == 4)
        #expect(result.recipients.map(\.role) == ["Signer 1"])
        // Acrobat sizes a text field from the tag; here it is a signature, so no width.
        #expect(result.recipients.first?.tags.first?.width == nil)
    }

    @Test("the role map renames foreign recipients in anchors and recipients")
    func roleMap() throws {
        var options = Self.options(translating: [.dropbox])
        options.roleMap = ["signer1": "Tenant 1", "signer2": "Landlord 1"]
        options.signGroups = ["Landlord 1": 2]
        let result = try DialectFixtures.scan("dropbox.pdf", options: options)
        #expect(result.recipients.map(\.role) == ["Tenant 1", "Landlord 1"])
        #expect(result.recipients.map(\.signGroup) == [1, 2])
        #expect(Set(result.anchors.compactMap(\.role)) == ["Tenant 1", "Landlord 1"])
    }

    @Test("a custom rule for a vendor's own syntax wins over the vendor reading")
    func customRuleWins() throws {
        var options = Self.options()
        options.customRules = [CustomAnchorRule(anchor: "\\d1\\", role: "Buyer 1", type: .dateSignedField)]
        let result = try DialectFixtures.scan("docusign.pdf", options: options)
        let dates = result.anchors.filter { $0.text == "\\d1\\" }
        #expect(dates.count == 1 && dates.first?.dialect == .custom && dates.first?.role == "Buyer 1")
        #expect(result.recipients.map(\.role) == ["Buyer 1"])
    }

    // MARK: Golden output

    static let goldenFiles = libreOffice.map(\.file) + ["mixed.pdf"]

    static func golden(_ result: DocumentResult) -> String {
        String(decoding: JSONReporter().render(ScanReport(documents: [result])), as: UTF8.self)
    }

    @Test("scan output matches its golden file", arguments: goldenFiles)
    func scanGolden(file: String) throws {
        let result = try DialectFixtures.scan(file, options: Self.options())
        try FixtureSupport.assertSnapshot(Self.golden(result), named: "dialects/\(file.replacingOccurrences(of: ".pdf", with: "")).scan.json")
    }

    @Test("convert output matches its golden file", arguments: goldenFiles)
    func convertGolden(file: String) throws {
        let dialects = Set(Self.libreOffice.first { $0.file == file }.map { [$0.dialect] } ?? [.acrobat, .dropbox, .docusign, .docuseal, .documenso])
        let result = try DialectFixtures.scan(file, options: Self.options(translating: dialects))
        try FixtureSupport.assertSnapshot(Self.golden(result), named: "dialects/\(file.replacingOccurrences(of: ".pdf", with: "")).convert.json")
    }
}
