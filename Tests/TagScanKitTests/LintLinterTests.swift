import Foundation
import Testing
import YotiSignModels

@testable import TagScanKit

/// The registry, turning rules off (options, template directives), severity overrides,
/// envelopes, exit codes, and the rendering that tells invisible anchors from visible ones.
@Suite("Linter")
struct LintLinterTests {
    // MARK: Registry

    @Test("rule ids are unique, sorted, kebab-case, with one-line summaries and fixtures on disk")
    func registry() {
        let ids = LintRules.ids
        #expect(Set(ids).count == ids.count)
        #expect(ids == ids.sorted())
        for rule in LintRules.descriptions {
            #expect(rule.id.range(of: "^[a-z]+(-[a-z]+)*$", options: .regularExpression) != nil, "\(rule.id)")
            #expect(!rule.summary.isEmpty && !rule.summary.contains("\n"), "\(rule.id)")
            #expect(rule.details.count > rule.summary.count, "\(rule.id)")
            for fixture in [rule.triggeringFixture, rule.cleanFixture] {
                #expect(FileManager.default.fileExists(atPath: LintFixtures.path(fixture)), "\(rule.id): \(fixture)")
            }
        }
    }

    @Test("the issue's rules with their default severities")
    func defaultSeverities() {
        let expected: [String: Severity] = [
            "malformed-anchor": .error, "missing-header": .error, "anchor-wraps-line": .error, "anchor-spans-pages": .error,
            "optional-date-signed": .error, "radio-group-too-small": .error, "radio-group-mixed-required": .error,
            "duplicate-tag-name": .error, "tag-name-too-long": .error, "metadata-not-allowed": .error, "forbidden-characters": .error,
            "too-many-tags": .error, "too-many-recipients": .error, "recipient-gap": .warning, "industry-type": .info,
            "visible-anchor": .warning, "tiny-anchor": .warning, "tag-clamped": .warning, "tags-overlap": .warning,
            "foreign-tag": .warning, "encrypted": .error, "javascript": .error, "unreadable": .error, "image-only-page": .warning,
            "file-too-large": .error, "too-many-files": .error,
            // Reported by the scanner before the linter existed.
            "curly-quotes": .warning,
            // Near misses the scanner reports in the document's own words.
            "spaced-anchor": .warning, "anchor-outside-page": .error,
            // A page poppler could not finish drawing.
            "page-incomplete": .error,
        ]
        #expect(Dictionary(uniqueKeysWithValues: LintRules.descriptions.map { ($0.id, $0.severity) }) == expected)
    }

    @Test("every rule's description is its catalog entry, and every catalog id is unique")
    func catalog() {
        let ids = DiagnosticCatalog.all.map(\.id)
        #expect(Set(ids).count == ids.count && ids == ids.sorted())
        for rule in LintRules.descriptions {
            #expect(DiagnosticCatalog.entry(id: rule.id) == rule, "\(rule.id)")
        }
        for entry in DiagnosticCatalog.all {
            #expect(entry.id.range(of: "^[a-z]+(-[a-z0-9]+)*$", options: .regularExpression) != nil, "\(entry.id)")
            #expect(!entry.summary.isEmpty && !entry.summary.contains("\n") && entry.details.count > entry.summary.count, "\(entry.id)")
        }
    }

    @Test("preflight codes that check a rule lint checks too map to that rule's catalog entry")
    func preflightMapping() {
        let mapped = PreflightProblem.Code.allCases.compactMap { code in DiagnosticCatalog.entry(forPreflight: code).map { (code, $0) } }
        #expect(DiagnosticCatalog.entry(forPreflight: .dateSignedOptional)?.id == "optional-date-signed")
        #expect(DiagnosticCatalog.entry(forPreflight: .tagGroupTooSmall)?.id == "radio-group-too-small")
        #expect(DiagnosticCatalog.entry(forPreflight: .noFiles) == nil)
        for (code, entry) in mapped {
            // Every target is a registered lint rule, at error severity like the refusal itself.
            #expect(LintRules.rule(id: entry.id) != nil, "\(code.rawValue) → \(entry.id)")
            #expect(entry.severity == .error, "\(code.rawValue) → \(entry.id) is \(entry.severity)")
        }
        // One list of the characters Yoti refuses, for preflight, lint and the configuration.
        #expect(ForbiddenCharactersRule.forbidden == Preflight.forbiddenCharacterList)
        #expect(CustomAnchorRule.forbiddenCharacters == Preflight.forbiddenCharacters)
    }

    // MARK: Turning rules off

    @Test("a rule disabled in the options neither reports nor appears in the rule list")
    func disabledByOptions() async throws {
        let path = LintFixtures.path("directives/same-without.pdf")
        let all = try await LintFixtures.lint([path])
        #expect(Set(LintFixtures.findings(all).map(\.rule)) == ["industry-type", "tiny-anchor", "visible-anchor"])
        let options = LintFixtures.options { $0.disabledRules = ["visible-anchor", "industry-type"] }
        let some = try await LintFixtures.lint([path], options: options)
        #expect(LintFixtures.findings(some).map(\.rule) == ["tiny-anchor"])
        #expect(!some.rules.map(\.id).contains("visible-anchor"))
        #expect(some.rules.count == LintRules.all.count - 2)
    }

    @Test("|tagscan-disable:…| in the template turns those rules off for that document only")
    func directives() async throws {
        let report = try await LintFixtures.lint([LintFixtures.path("directives/disable.pdf"), LintFixtures.path("directives/same-without.pdf")])
        let disabled = report.documents[0]
        #expect(
            disabled.directives == [
                TemplateDirective(pageNumber: 1, text: "|tagscan-disable:visible-anchor,tiny-anchor|", disabledRules: ["visible-anchor", "tiny-anchor"])
            ])
        #expect(disabled.diagnostics.map(\.rule) == ["industry-type"])
        // The same anchors without the directive: both rules fire.
        #expect(Set(report.documents[1].diagnostics.map(\.rule)) == ["industry-type", "tiny-anchor", "visible-anchor"])
        #expect(report.documents[1].directives == nil)
    }

    @Test("a directive naming an unknown rule is a malformed-anchor error")
    func unknownDirective() async throws {
        let report = try await LintFixtures.lint([LintFixtures.path("directives/unknown-rule.pdf")])
        let finding = try #require(report.documents[0].diagnostics.first { $0.rule == "malformed-anchor" })
        #expect(finding.anchor == "|tagscan-disable:visible-anchors|")
        #expect(finding.pageNumber == 1)
        #expect(finding.message.contains("'visible-anchors'"))
    }

    @Test("DirectiveFinder reads directives through letter spacing and next to other pipes")
    func directiveFinder() {
        let text = "Sign |S1SR||tagscan-disable: tiny-anchor , Visible-Anchor| and | tagscan-disable:|".unicodeScalars
        let found = DirectiveFinder.find(in: Array(text), page: 3)
        #expect(found.map(\.disabledRules) == [["tiny-anchor", "visible-anchor"], []])
        #expect(found.map(\.pageNumber) == [3, 3])
        #expect(found[0].text == "|tagscan-disable:tiny-anchor,Visible-Anchor|")
    }

    @Test(
        "DirectiveFinder matches the keyword in any case, and nothing that only resembles it",
        arguments: [
            ("|TAGSCAN-Disable:tiny-anchor|", [["tiny-anchor"]]),
            ("|t a g s c a n - d i s a b l e : tiny-anchor|", [["tiny-anchor"]]),
            ("|tags\u{212A}an-disable:tiny-anchor|", []),  // KELVIN SIGN lowercases to k, not c
            ("|tagscan-\u{212A}eep:tiny-anchor|", []),
            ("|tagscan-disabled:tiny-anchor|", []),
            ("|tagscan-disable|", []),
            ("|tagscan|tagscan-disable:x|", [["x"]]),
            ("|S1SR| then a lone pipe | and |tagscan-disable:y|", [["y"]]),
        ])
    func directiveKeyword(text: String, expected: [[String]]) {
        #expect(DirectiveFinder.find(in: Array(text.unicodeScalars), page: 1).map(\.disabledRules) == expected)
    }

    @Test("severity overrides change the findings, the rule list and the exit code")
    func severityOverride() async throws {
        let path = LintFixtures.path("visible-anchor/trigger.pdf")
        let plain = try await LintFixtures.lint([path])
        #expect(plain.exitCode(failingAt: .error) == 0)
        #expect(plain.exitCode(failingAt: .warning) == 1)
        let raised = try await LintFixtures.lint([path], options: LintFixtures.options { $0.severityOverrides = ["visible-anchor": .error] })
        #expect(raised.documents[0].diagnostics.first { $0.rule == "visible-anchor" }?.severity == .error)
        #expect(raised.rules.first { $0.id == "visible-anchor" }?.severity == .error)
        #expect(raised.exitCode(failingAt: .error) == 1)
    }

    // MARK: Exit codes

    @Test("exit codes: clean 0, errors 1, warnings 0 (1 when strict), unreadable 2 even beside errors")
    func exitCodes() async throws {
        let clean = try await LintFixtures.lint([LintFixtures.path("visible-anchor/clean.pdf")])
        #expect(clean.exitCode(failingAt: .error) == 0 && clean.exitCode(failingAt: .warning) == 0)
        let errors = try await LintFixtures.lint([LintFixtures.path("optional-date-signed/trigger.pdf")])
        #expect(errors.exitCode(failingAt: .error) == 1)
        let unreadable = try await LintFixtures.lint([LintFixtures.path("optional-date-signed/trigger.pdf"), LintFixtures.path("unreadable/trigger.pdf")])
        #expect(unreadable.exitCode(failingAt: .error) == 2)
        #expect(unreadable.summary == "2 documents: 2 errors, 0 warnings, 1 info")
    }

    // MARK: Envelopes

    @Test("folders as envelopes: the file limit counts the folder's files; the boundary is inclusive")
    func fileLimit() async throws {
        let folder = LintFixtures.path("too-many-files/clean")
        let atLimit = try await LintFixtures.lint([folder], envelope: true, options: LintFixtures.options { $0.maximumEnvelopeFiles = 3 })
        #expect(LintFixtures.findings(atLimit).filter { $0.rule == "too-many-files" }.isEmpty)
        let over = try await LintFixtures.lint([folder], envelope: true, options: LintFixtures.options { $0.maximumEnvelopeFiles = 2 })
        let finding = try #require(LintFixtures.findings(over).first { $0.rule == "too-many-files" })
        #expect(finding.path.hasSuffix("too-many-files/clean/part-03.pdf"))
        // Without --envelope each file is its own envelope and no limit applies.
        let separate = try await LintFixtures.lint([folder], options: LintFixtures.options { $0.maximumEnvelopeFiles = 2 })
        #expect(LintFixtures.findings(separate).filter { $0.rule == "too-many-files" }.isEmpty)
    }

    @Test("folders as envelopes: the size limit applies to the files together")
    func combinedSize() async throws {
        // Three files of about 1.64 kB: together 4.9 kB.
        let folder = LintFixtures.path("too-many-files/clean")
        let options = LintFixtures.options { $0.maximumEnvelopeBytes = 4_000 }
        let together = try await LintFixtures.lint([folder], envelope: true, options: options)
        let finding = try #require(together.documents[2].diagnostics.first { $0.rule == "file-too-large" })
        #expect(finding.message.contains("reaches 4.91 kB with this file"))
        #expect(together.documents[0].diagnostics.allSatisfy { $0.rule != "file-too-large" })
        let apart = try await LintFixtures.lint([folder], options: options)
        #expect(LintFixtures.findings(apart).filter { $0.rule == "file-too-large" }.isEmpty)
    }

    /// A readable document with the given auto-tag anchors, as the scanner would report them.
    static func document(_ name: String, _ anchors: [(text: String, role: String, page: Int, type: TagType, name: String?)], header: Int? = 1) -> LintDocument {
        var list: [Anchor] = []
        if let header {
            list.append(Anchor(text: "|AT|", dialect: .yoti, pageNumber: header, box: Box(x: 72, y: 52, width: 17, height: 9), fontSize: 10, color: "#ffffff"))
        }
        for (index, anchor) in anchors.enumerated() {
            let y = 100 + Double(index) * 22
            let tag = Tag(pageNumber: anchor.page, x: 0.5, y: TagPlacer.round4(y / 842), type: anchor.type, optional: false, fileName: name, name: anchor.name)
            list.append(
                Anchor(
                    text: anchor.text, dialect: .yoti, pageNumber: anchor.page, box: Box(x: 297.6, y: y, width: 30, height: 9), role: anchor.role,
                    signGroup: 1, tag: tag, fontSize: 10, color: "#ffffff"))
        }
        let pages = (1...max(1, anchors.map(\.page).max() ?? 1)).map { PageInfo(pageNumber: $0, width: 595.2, height: 842, rotation: 0, glyphCount: 100) }
        return LintDocument(
            result: DocumentResult(path: "envelope/\(name)", fileName: name, pageCount: pages.count, fileSize: 1000, pages: pages, anchors: list))
    }

    @Test("recipients and names are checked across the envelope's documents")
    func envelopeRecipients() throws {
        let first = Self.document("a.pdf", [("|S1SR|", "Signer 1", 1, .signature, nil), ("|S1TR{\"nm\":\"x\"}|", "Signer 1", 1, .textField, "x")])
        let third = Self.document("b.pdf", [("|S3SR|", "Signer 3", 1, .signature, nil), ("|S1TR{\"nm\":\"x\"}|", "Signer 1", 1, .textField, "x")])
        let second = Self.document("c.pdf", [("|S2SR|", "Signer 2", 1, .signature, nil)])
        let linter = Linter(options: LintOptions(rendersAnchors: false))

        let gap = linter.lint([LintEnvelope(path: "envelope", documents: [first, third])])
        let gapFinding = try #require(gap.documents[1].diagnostics.first { $0.rule == "recipient-gap" })
        #expect(gapFinding.message == "Envelope envelope has fields for Signer 3 (|S3SR|) but none for Signer 2; check the anchors' recipient numbers")
        let duplicate = try #require(gap.documents[1].diagnostics.first { $0.rule == "duplicate-tag-name" })
        #expect(duplicate.message.contains("(page 1 of a.pdf)"))
        // industry-type once per envelope, on its first document.
        #expect(gap.documents.map { $0.diagnostics.count { $0.rule == "industry-type" } } == [1, 0])

        let whole = linter.lint([LintEnvelope(path: "envelope", documents: [first, second, third])])
        #expect(LintFixtures.findings(whole).filter { $0.rule == "recipient-gap" }.isEmpty)

        // Linted one by one, b.pdf alone has the gap and no duplicate.
        let alone = linter.lint([LintEnvelope(third)])
        #expect(alone.documents[0].diagnostics.map(\.rule).sorted() == ["industry-type", "recipient-gap"])
    }

    @Test("missing-header: an |AT| on page 2 is reported where it is")
    func headerOnWrongPage() throws {
        let document = Self.document("late.pdf", [("|S1SR|", "Signer 1", 2, .signature, nil)], header: 2)
        let report = Linter(options: LintOptions(rendersAnchors: false)).lint([LintEnvelope(document)])
        let finding = try #require(report.documents[0].diagnostics.first { $0.rule == "missing-header" })
        #expect(finding.pageNumber == 2)
        #expect(finding.message == "|AT| is on page 2 but Yoti looks for it on page 1 only; move it to page 1")
    }

    @Test("scanner diagnostics no rule claims pass through, with a rule entry for SARIF")
    func unclaimedPassThrough() {
        var document = Self.document("a.pdf", [("|S1SR|", "Signer 1", 1, .signature, nil)])
        document.result.diagnostics = [
            Diagnostic(rule: "anchor-not-found", severity: .error, pageNumber: nil, message: "custom anchor rule 'sign' matches nothing"),
            Diagnostic(rule: "tag-clamped", severity: .warning, pageNumber: 1, message: "moved", anchor: "|S1SR|"),
        ]
        let report = Linter(options: LintOptions(rendersAnchors: false)).lint([LintEnvelope(document)])
        #expect(report.documents[0].diagnostics.map(\.rule) == ["anchor-not-found", "industry-type", "tag-clamped"])
        #expect(report.rules.first { $0.id == "anchor-not-found" }?.severity == .error)
        let off = Linter(options: LintOptions(disabledRules: ["anchor-not-found", "tag-clamped"], rendersAnchors: false)).lint([LintEnvelope(document)])
        #expect(off.documents[0].diagnostics.map(\.rule) == ["industry-type"])
    }

    // MARK: Visibility

    @Test("rendering measures ink: black, 4 pt and 2 pt anchors show, render mode 3 does not")
    func inkCoverage() throws {
        // Fixtures/templates/hidden.pdf: |S1SR| white, |S1TR| 4 pt, |S1DSR| 2 pt, |S1INR| Tr 3, |S2SR| black.
        let source = DocumentSource.file(path: FixtureSupport.path("templates/hidden.pdf"))
        let result = Scanner(options: ScanOptions(jobs: 1, extraction: .glib)).scanBlocking([source]).documents[0]
        let anchors = result.anchors.filter { $0.text != "|AT|" }
        let probes = anchors.map { AnchorVisibility.Probe(pageNumber: $0.pageNumber, box: $0.box) }
        let ink = AnchorVisibility.inkCoverage(source: source, password: nil, probes: probes)
        var coverage: [String: Double] = [:]
        for (anchor, value) in zip(anchors, ink) { coverage[anchor.text] = try #require(value) }
        #expect(try #require(coverage["|S1INR|"]) < AnchorVisibility.visibleCoverage)
        #expect(try #require(coverage["|S1SR|"]) < AnchorVisibility.visibleCoverage)
        for visible in ["|S2SR|", "|S1TR|", "|S1DSR|"] {
            #expect(try #require(coverage[visible]) > 0.1, "\(visible): \(coverage)")
        }
    }

    @Test("visible-anchor on the glib path, which cannot see render modes: rendering hides the invisible anchor")
    func invisibleOnGlibPath() async throws {
        let path = LintFixtures.path("visible-anchor/clean.pdf")
        let rendered = try await LintFixtures.lint([path], options: LintFixtures.options { $0.scan.extraction = .glib })
        #expect(rendered.documents[0].anchors.first { $0.text == "|S1INR|" }?.renderMode == nil)
        #expect(LintFixtures.findings(rendered).filter { $0.rule == "visible-anchor" }.isEmpty)
        // Without rendering, glib's black invisible text is taken at its colour.
        let unrendered = try await LintFixtures.lint(
            [path],
            options: LintFixtures.options {
                $0.scan.extraction = .glib; $0.rendersAnchors = false
            })
        #expect(LintFixtures.findings(unrendered).filter { $0.rule == "visible-anchor" }.map(\.anchor) == ["|S1INR|"])
    }

    @Test("ink coverage ignores the background colour")
    func coverageOfBackground() {
        let grey: UInt32 = 0xDDDDDD, black: UInt32 = 0x000000, nearGrey: UInt32 = 0xD0D0D0
        #expect(AnchorVisibility.coverage(of: Array(repeating: grey, count: 100)) == 0)
        #expect(AnchorVisibility.coverage(of: Array(repeating: grey, count: 90) + Array(repeating: black, count: 10)) == 0.1)
        // Anti-aliasing close to the background is not ink.
        #expect(AnchorVisibility.coverage(of: Array(repeating: grey, count: 90) + Array(repeating: nearGrey, count: 10)) == 0)
    }
}
