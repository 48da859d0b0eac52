import Foundation
import TagScanKit
import Testing

/// `Scrubber` on fixtures written for it (Fixtures/scrub/, Fixtures/Generator/make_scrub_fixtures.py)
/// and on real producers' files: every anchor goes, the three proofs pass, the result is a sound
/// PDF whose own scan finds no anchor on pages of the same sizes.
@Suite("Scrubber")
struct ScrubberTests {
    static let scrubbable = [
        "scrub/mid-string.pdf", "scrub/tj-kerning.pdf", "scrub/shared-footer.pdf", "scrub/rotated-cropped.pdf", "scrub/ligature.pdf",
        "scrub/white-tiny.pdf", "scrub/many-anchors.pdf",
        // LibreOffice: embedded TrueType subsets shown through Identity-H CID fonts.
        "producers/libreoffice/control.pdf", "producers/libreoffice/signature-table.pdf", "producers/libreoffice/rotated-cropped.pdf",
        "producers/libreoffice/spaced-tags.pdf",
        // pdfTeX: Type1 fonts, kerned TJ arrays and real ligatures.
        "producers/pdftex/control.pdf", "producers/pdftex/two-column.pdf",
    ]

    @Test("anchors removed, the three proofs pass, qpdf --check passes, the rescan finds nothing", arguments: scrubbable)
    func scrubs(_ fixture: String) async throws {
        let path = FixtureSupport.path(fixture)
        let result = try await Scrubber().scrub(.file(path: path))
        let diagnostics = result.diagnostics.map(\.message)
        #expect(result.status == .scrubbed, "\(diagnostics)")
        let output = try #require(result.output)
        let proof = try #require(result.proof)
        #expect(proof.passed, "\(proof.pages.filter { !$0.passed }.map { "\($0.pageNumber): \($0.failures)" })")
        #expect(result.anchorsRemoved.count == result.scan.anchors.filter { $0.dialect == .yoti }.count)
        #expect(!result.anchorsRemoved.isEmpty)
        #expect(proof.anchorsRemoved == result.anchorsRemoved.count)
        #expect(proof.glyphsRemoved >= result.anchorsRemoved.count * 4)
        #expect(proof.glyphsCompared > 0)
        #expect(proof.pages.allSatisfy { $0.largestShift <= 0.01 && $0.pixelsChangedOutsideAnchors == 0 })
        #expect(proof.pagesRendered > 0)

        let rescan = try await Scanner().scan(.data(output, fileName: (path as NSString).lastPathComponent))
        #expect(rescan.status == .ok)
        #expect(rescan.anchors.filter { $0.dialect == .yoti }.isEmpty, "\(rescan.anchors.map(\.text))")
        #expect(rescan.pages.map { [$0.width, $0.height, Double($0.rotation)] } == result.scan.pages.map { [$0.width, $0.height, Double($0.rotation)] })
        try Self.expectQPDFCheckPasses(output)
    }

    @Test("the shared footer form is rewritten once and its anchor leaves every page")
    func sharedFooter() async throws {
        let result = try await Scrubber().scrub(.file(path: FixtureSupport.path("scrub/shared-footer.pdf")))
        let proof = try #require(result.proof)
        #expect(result.scan.anchors.map(\.pageNumber) == [1, 2, 3])
        #expect(proof.pages.map(\.anchorsRemoved) == [1, 1, 1])
        #expect(proof.pages.allSatisfy { $0.rendered && $0.pixelsChanged > 0 })
    }

    @Test("200 anchors on ten pages all go")
    func manyAnchors() async throws {
        let result = try await Scrubber().scrub(.file(path: FixtureSupport.path("scrub/many-anchors.pdf")))
        #expect(result.anchorsRemoved.count == 200)
        #expect(result.proof?.passed == true)
    }

    @Test("text after an anchor removed mid-string does not move")
    func midString() async throws {
        let result = try await Scrubber().scrub(.file(path: FixtureSupport.path("scrub/mid-string.pdf")))
        let proof = try #require(result.proof)
        // "Signature: " and " Date", "Name: " and the rest of the line, on one page.
        #expect(proof.pages[0].glyphsCompared == "Signature:  Date".count + "Name:  and the rest of the line stays put.".count)
        #expect(proof.pages[0].largestShift < 0.001)
        #expect(proof.pages[0].pixelsChanged > 0)
        #expect(result.anchorsRemoved.map(\.text).sorted() == ["|AT|", "|S1SR|", "|T1TR|"])
    }

    @Test("an anchor drawn by a Type3 font is refused, naming page and anchor; --keep-unremovable writes the rest")
    func type3() async throws {
        let path = FixtureSupport.path("scrub/type3.pdf")
        let refused = try await Scrubber().scrub(.file(path: path))
        #expect(refused.status == .refused)
        #expect(refused.output == nil)
        let diagnostic = try #require(refused.diagnostics.first { $0.rule == "anchor-unremovable" })
        #expect(diagnostic.pageNumber == 1 && diagnostic.anchor == "|S1SR|" && diagnostic.severity == .error)
        #expect(diagnostic.message.contains("Type3"))

        let kept = try await Scrubber(options: ScrubOptions(keepUnremovable: true)).scrub(.file(path: path))
        #expect(kept.status == .scrubbed)
        #expect(kept.anchorsKept.map(\.text) == ["|S1SR|"])
        #expect(kept.anchorsRemoved.map(\.text) == ["|S2SR|"])
        #expect(kept.proof?.passed == true)
        let rescan = try await Scanner().scan(.data(try #require(kept.output), fileName: "type3.pdf"))
        #expect(rescan.anchors.map(\.text) == ["|S1SR|"])
    }

    @Test("an encrypted file is refused")
    func encrypted() async throws {
        let result = try await Scrubber(options: ScrubOptions(scan: ScanOptions(password: "secret")))
            .scrub(.file(path: FixtureSupport.path("broken/encrypted-aes-128.pdf")))
        #expect(result.output == nil)
        #expect(result.status == .refused)
        #expect(!result.anchorsKept.isEmpty && result.anchorsRemoved.isEmpty)
        #expect(result.diagnostics.contains { $0.rule == "anchor-unremovable" && $0.message.contains("encrypted") && $0.pageNumber != nil })
    }

    @Test("a document without anchors is handed back unchanged")
    func noAnchors() async throws {
        let path = FixtureSupport.path("scrub/no-anchors.pdf")
        let scan = try await Scanner().scan(.file(path: path))
        try #require(scan.anchors.filter { $0.dialect == .yoti }.isEmpty)
        let result = try await Scrubber().scrub(.file(path: path))
        #expect(result.status == .unchanged)
        #expect(result.output == FileManager.default.contents(atPath: path))
    }

    @Test("the proof encodes with the SPEC's snake_case names")
    func proofJSON() async throws {
        let result = try await Scrubber().scrub(.file(path: FixtureSupport.path("scrub/mid-string.pdf")))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(try #require(result.proof)), as: UTF8.self)
        #expect(json.contains("\"passed\":true"))
        #expect(json.contains("\"pixels_changed_outside_anchors\":0"))
        let decoded = try JSONDecoder().decode(ScrubProof.self, from: Data(json.utf8))
        #expect(decoded == result.proof)
    }

    /// `qpdf --check` on the bytes: the structural check of the issue.
    static func expectQPDFCheckPasses(_ data: Data, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("scrub-check-\(UUID().uuidString).pdf")
        try data.write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/qpdf")
        process.arguments = ["--check", url.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(String(decoding: output, as: UTF8.self))", sourceLocation: sourceLocation)
        #expect(String(decoding: output, as: UTF8.self).contains("No syntax or stream encoding errors found"), sourceLocation: sourceLocation)
    }
}

extension ScrubberTests {
    @Test("an anchor only in an annotation's appearance is refused; the content's anchor is removable")
    func annotation() async throws {
        let path = FixtureSupport.path("scrub/annotation.pdf")
        let refused = try await Scrubber().scrub(.file(path: path))
        #expect(refused.status == .refused)
        #expect(refused.output == nil)
        let diagnostic = try #require(refused.diagnostics.first { $0.rule == "anchor-unremovable" })
        #expect(diagnostic.pageNumber == 1 && diagnostic.anchor == "|S2SR|")
        #expect(diagnostic.message.contains("annotation"))

        let kept = try await Scrubber(options: ScrubOptions(keepUnremovable: true)).scrub(.file(path: path))
        #expect(kept.status == .scrubbed)
        #expect(kept.anchorsRemoved.map(\.text) == ["|S1SR|"])
        #expect(kept.anchorsKept.map(\.text) == ["|S2SR|"])
        #expect(kept.proof?.passed == true)
    }
}

extension ScrubberTests {
    @Test("every page is proven: changed pages re-extracted and rendered, the others by identity; --full-proof re-extracts every page")
    func proofScope() async throws {
        let path = FixtureSupport.path("producers/libreoffice/crop-box.pdf")
        let quick = try #require(try await Scrubber().scrub(.file(path: path)).proof)
        var options = ScrubOptions()
        options.fullProof = true
        let full = try #require(try await Scrubber(options: options).scrub(.file(path: path)).proof)
        #expect(quick.passed && full.passed)
        #expect(quick.pagesUnchanged > 0 && quick.pagesReExtracted > 0)
        #expect(quick.pagesReExtracted + quick.pagesUnchanged == quick.pages.count)
        // A page proven by identity holds no anchor, was not rendered and compared no glyph.
        for page in quick.pages where page.method == .unchangedObjects {
            #expect(page.anchorsRemoved == 0 && page.glyphsRemoved == 0 && page.anchorsLeft.isEmpty && !page.rendered && page.glyphsCompared == 0)
        }
        #expect(quick.pages.filter { $0.anchorsRemoved > 0 }.allSatisfy { $0.method == .reExtracted && $0.rendered })
        #expect(full.pages.allSatisfy { $0.method == .reExtracted && $0.rendered })
        #expect(full.glyphsCompared > quick.glyphsCompared)
        #expect(full.pagesRendered > quick.pagesRendered)
    }

    /// Asserts what every scrub test asserts: written, the three proofs passed on every page, a
    /// sound PDF (qpdf --check) whose own scan finds none of `removed`'s anchors on pages of the
    /// original's sizes. Returns the rescan.
    static func expectProvenScrub(
        _ result: ScrubResult, scanOptions: ScanOptions = ScanOptions(), sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> DocumentResult {
        #expect(result.status == .scrubbed, "\(result.diagnostics.map(\.message))", sourceLocation: sourceLocation)
        let output = try #require(result.output, sourceLocation: sourceLocation)
        let proof = try #require(result.proof, sourceLocation: sourceLocation)
        #expect(proof.passed, "\(proof.pages.filter { !$0.passed }.map { "\($0.pageNumber): \($0.failures)" })", sourceLocation: sourceLocation)
        #expect(proof.samePageSizes, sourceLocation: sourceLocation)
        #expect(proof.pages.count == result.scan.pages.count, sourceLocation: sourceLocation)
        #expect(
            proof.pages.allSatisfy { $0.anchorsLeft.isEmpty && $0.textLeft.isEmpty && $0.largestShift <= 0.01 && $0.pixelsChangedOutsideAnchors == 0 },
            sourceLocation: sourceLocation)
        // Anchors in white leave the pixels as they were; what counts is that the page was rendered.
        #expect(proof.pages.filter { $0.glyphsRemoved > 0 }.allSatisfy { $0.rendered && $0.method == .reExtracted }, sourceLocation: sourceLocation)
        try expectQPDFCheckPasses(output, sourceLocation: sourceLocation)
        let rescan = try await Scanner(options: scanOptions).scan(.data(output, fileName: result.fileName))
        #expect(rescan.status == .ok, sourceLocation: sourceLocation)
        #expect(
            rescan.pages.map { [$0.width, $0.height, Double($0.rotation)] } == result.scan.pages.map { [$0.width, $0.height, Double($0.rotation)] },
            sourceLocation: sourceLocation)
        for anchor in result.anchorsRemoved {
            #expect(
                !rescan.anchors.contains { $0.pageNumber == anchor.pageNumber && $0.text == anchor.text && $0.box.intersects(anchor.box) },
                "\(anchor.text) on page \(anchor.pageNumber) is still found", sourceLocation: sourceLocation)
        }
        return rescan
    }

    static let foreign = ["dialects/docusign.pdf", "dialects/acrobat.pdf", "dialects/dropbox.pdf", "dialects/docuseal.pdf", "dialects/documenso.pdf"]

    @Test("other vendors' tags go with removeForeignTags (--foreign), and stay without it", arguments: foreign)
    func foreignTags(_ fixture: String) async throws {
        let source = DocumentSource.file(path: FixtureSupport.path(fixture))
        let result = try await Scrubber(options: ScrubOptions(removeForeignTags: true)).scrub(source)
        let foreign = result.scan.anchors.filter { $0.dialect != .yoti && $0.dialect != .custom }
        #expect(!foreign.isEmpty)
        #expect(Set(result.anchorsRemoved.map(\.text)).isSuperset(of: foreign.map(\.text)))
        #expect(result.anchorsRemoved.count == result.scan.anchors.count)
        let rescan = try await Self.expectProvenScrub(result)
        #expect(rescan.anchors.isEmpty, "\(rescan.anchors.map(\.text))")

        let without = try await Scrubber().scrub(source)
        #expect(without.anchorsRemoved.allSatisfy { $0.dialect == .yoti })
        if let output = without.output {
            let left = try await Scanner().scan(.data(output, fileName: without.fileName))
            #expect(left.anchors.filter { $0.dialect != .yoti }.count == foreign.count)
        }
    }

    @Test("a foreign tag broken across two lines is refused, not guessed; --keep-unremovable removes the others")
    func foreignWrapped() async throws {
        let source = DocumentSource.file(path: FixtureSupport.path("dialects/mixed.pdf"))
        let refused = try await Scrubber(options: ScrubOptions(removeForeignTags: true)).scrub(source)
        #expect(refused.status == .refused && refused.output == nil)
        #expect(refused.anchorsKept.map(\.text) == ["{{signature, r2}}"])
        let diagnostic = try #require(refused.diagnostics.first { $0.rule == "anchor-unremovable" })
        #expect(diagnostic.pageNumber == 1 && diagnostic.anchor == "{{signature, r2}}")

        let kept = try await Scrubber(options: ScrubOptions(keepUnremovable: true, removeForeignTags: true)).scrub(source)
        #expect(kept.anchorsRemoved.count == kept.scan.anchors.count - 1)
        let rescan = try await Self.expectProvenScrub(kept)
        #expect(rescan.anchors.map(\.text) == ["{{signature, r2}}"])
    }

    /// The lease's labels, as rules: which of them ask to be scrubbed, and whether `--custom` is on.
    static let customCases: [(scrubbed: Set<String>, all: Bool)] = [
        (["tenant-signature"], false),
        (["tenant-signature", "company"], false),
        ([], true),
    ]

    @Test("custom-rule matches go when their rule says scrub: true, or all of them with removeCustomAnchors (--custom)", arguments: customCases)
    func customRules(_ scrubbed: Set<String>, _ all: Bool) async throws {
        var scan = ScanOptions()
        scan.customRules = [
            CustomAnchorRule(
                id: "tenant-signature", anchor: "Tenant Signature:", role: "Tenant 1", type: .signature, scrub: scrubbed.contains("tenant-signature")),
            CustomAnchorRule(id: "company", anchor: "company name:", role: "Tenant 1", type: .textField, scrub: scrubbed.contains("company")),
            CustomAnchorRule(id: "date", anchor: "Date:", role: "Tenant 1", type: .dateSignedField),
        ]
        let result = try await Scrubber(options: ScrubOptions(scan: scan, removeCustomAnchors: all)).scrub(
            .file(path: FixtureSupport.path("dialects/plain/lease.pdf")))
        let expected = result.scan.anchors.filter { all || scrubbed.contains($0.rule ?? "") }
        #expect(!expected.isEmpty)
        #expect(result.anchorsRemoved.map(\.text).sorted() == expected.map(\.text).sorted())
        let rescan = try await Self.expectProvenScrub(result, scanOptions: scan)
        let stay: [String] = result.scan.anchors.filter { !(all || scrubbed.contains($0.rule ?? "")) }.map { $0.rule ?? "" }.sorted()
        let left: [String] = rescan.anchors.map { $0.rule ?? "" }.sorted()
        #expect(left == stay)
    }

    @Test("a scrubbed rule for the first match only: that match goes, the later one stays, and the proof counts rather than forbids its text")
    func customOccurrence() async throws {
        var scan = ScanOptions()
        scan.customRules = [CustomAnchorRule(id: "first-date", anchor: "Date:", occurrence: .first, role: "Tenant 1", type: .dateSignedField, scrub: true)]
        let result = try await Scrubber(options: ScrubOptions(scan: scan)).scrub(.file(path: FixtureSupport.path("dialects/plain/lease.pdf")))
        let removed = try #require(result.anchorsRemoved.first)
        #expect(result.anchorsRemoved.count == 1)
        let rescan = try await Self.expectProvenScrub(result, scanOptions: scan)
        // The other "Date:" is now the first match, where it always was.
        let next = try #require(rescan.anchors.first)
        #expect(rescan.anchors.count == 1 && next.text == removed.text && !next.box.intersects(removed.box))
    }

    static let directiveFixtures = ["lint/directives/disable.pdf", "lint/directives/unknown-rule.pdf"]

    @Test("|tagscan-disable:…| directives go with the anchors; the scan report carries no box for them", arguments: directiveFixtures)
    func directives(_ fixture: String) async throws {
        let result = try await Scrubber().scrub(.file(path: FixtureSupport.path(fixture)))
        let directives = try #require(result.scan.directives)
        #expect(directives.count == 1 && directives.allSatisfy { $0.box != nil })
        #expect(result.directivesRemoved.map(\.text) == directives.map(\.text))
        #expect(result.directivesKept.isEmpty)
        #expect(result.proof?.directivesRemoved == 1)
        let rescan = try await Self.expectProvenScrub(result)
        #expect(rescan.directives == nil)
        #expect(rescan.anchors.isEmpty)
        let report = try #require(try JSONSerialization.jsonObject(with: try JSONEncoder().encode(result.scan)) as? [String: Any])
        let written = try #require(report["directives"] as? [[String: Any]])
        #expect(written.count == 1 && written.allSatisfy { $0["box"] == nil }, "the scan report writes no box for a directive")
    }
}
