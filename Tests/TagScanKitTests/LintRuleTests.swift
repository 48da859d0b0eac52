import Foundation
import Testing

@testable import TagScanKit

extension RuleDescription: CustomTestStringConvertible {
    public var testDescription: String { id }
}

/// Every rule proven on real PDFs: its triggering fixture produces exactly the findings listed
/// here (page and anchor), and its near-miss clean fixture produces none.
@Suite("Lint rules on their fixtures")
struct LintRuleTests {
    /// A finding's page and anchor; nil for findings about the whole file.
    struct Expected: Hashable {
        var page: Int?
        var anchor: String?
        init(_ page: Int?, _ anchor: String? = nil) {
            self.page = page
            self.anchor = anchor
        }
    }

    /// What each rule's trigger must report, in order.
    static let expected: [String: [Expected]] = [
        "anchor-outside-page": [Expected(1, "|S2SR|"), Expected(1, "|S2DSR|")],
        "anchor-spans-pages": [Expected(1, "|S2SR|")],
        "anchor-wraps-line": [Expected(1, "|S2SR|")],
        "curly-quotes": [Expected(1, #"|S1TR{"nm":"company"}|"#)],
        "duplicate-tag-name": [Expected(1, #"|S1TR{"nm":"company"}|"#)],
        "encrypted": [Expected(nil)],
        "file-too-large": [Expected(nil)],
        "forbidden-characters": [Expected(1, #"|S1TR{"pf":"Ref: 12/B"}|"#), Expected(1, #"|S1TO{"ph":"<company>"}|"#)],
        "foreign-tag": [Expected(1, "{{Sig_es_:signer1:signature}}"), Expected(1, "[sig|req|signer1]")],
        "image-only-page": [Expected(2)],
        "page-incomplete": [Expected(1)],
        "industry-type": [Expected(nil)],
        "javascript": [Expected(nil)],
        "malformed-anchor": [
            Expected(1, "|S1XR|"), Expected(1, "|S31SR|"), Expected(1, "|S1S|"), Expected(1, #"|S1TR{"nm":}|"#), Expected(1, "|X1SR|"),
        ],
        "metadata-not-allowed": [Expected(1, #"|S1SR{"ph":"Sign here"}|"#), Expected(1, #"|S1CBO{"pf":"yes"}|"#)],
        "missing-header": [Expected(1, "|S1SR|")],
        "optional-date-signed": [Expected(1, "|S1DSO|")],
        "radio-group-mixed-required": [Expected(1, "|S1RG1O|")],
        "radio-group-too-small": [Expected(1, "|S1RG1R|")],
        "recipient-gap": [Expected(1, "|S3SR|")],
        "spaced-anchor": [Expected(1, "| S1SR |"), Expected(1, "|S1 DSR|")],
        "tag-clamped": [Expected(1, "|S1SR|")],
        "tag-name-too-long": [Expected(1, #"|S1TR{"nm":"company_registration_number_xxxxxxxxxxxxxxxxxxxxxxx"}|"#)],
        "tags-overlap": [Expected(1, "|S2SR|")],
        "tiny-anchor": [Expected(1, "|S1SR|")],
        "too-many-files": [Expected(nil)],
        "too-many-recipients": [Expected(1, "|T1SR|")],
        "too-many-tags": [Expected(2, "|S1CBO|")],
        "unreadable": [Expected(nil)],
        "visible-anchor": [Expected(1, "|S1SR|")],
    ]

    /// Rules whose fixtures need other settings: too-many-files lints folders as envelopes, and
    /// file-too-large is proven with a 10 kB limit instead of committing a 20 MB file.
    static func run(_ fixture: String, for rule: RuleDescription) async throws -> LintReport {
        switch rule.id {
        case "too-many-files":
            return try await LintFixtures.lint([LintFixtures.path(fixture)], envelope: true)
        case "file-too-large":
            return try await LintFixtures.lint([LintFixtures.path(fixture)], options: LintFixtures.options { $0.maximumEnvelopeBytes = 10_000 })
        default:
            return try await LintFixtures.lint([LintFixtures.path(fixture)])
        }
    }

    @Test("the trigger reports the rule where expected; the near miss does not", arguments: LintRules.descriptions)
    func fixtures(_ rule: RuleDescription) async throws {
        try await check(rule)
    }

    func check(_ rule: RuleDescription) async throws {
        let expected = try #require(Self.expected[rule.id], "no expectation for \(rule.id)")

        let report = try await Self.run(rule.triggeringFixture, for: rule)
        let trigger = LintFixtures.findings(report)
        let own = trigger.filter { $0.rule == rule.id }
        #expect(own.map { Expected($0.page, $0.anchor) } == expected)
        // At the rule's default severity.
        let severities = Set(report.documents.flatMap(\.diagnostics).filter { $0.rule == rule.id }.map(\.severity))
        #expect(severities == [rule.severity])
        // The trigger proves this rule only: nothing else fires but industry-type's note.
        let others = Set(trigger.map(\.rule)).subtracting([rule.id, IndustryTypeRule.description.id])
        #expect(others.isEmpty, "\(rule.triggeringFixture) also triggers \(others.sorted())")

        let clean = LintFixtures.findings(try await Self.run(rule.cleanFixture, for: rule))
        #expect(clean.filter { $0.rule == rule.id }.isEmpty, "\(rule.cleanFixture): \(clean)")
        let cleanOthers = Set(clean.map(\.rule)).subtracting([IndustryTypeRule.description.id])
        #expect(cleanOthers.isEmpty, "\(rule.cleanFixture) triggers \(cleanOthers.sorted())")
    }

    @Test("industry-type names the matrix the roles need")
    func industryValue() async throws {
        let mixed = try await LintFixtures.lint([LintFixtures.path("industry-type/trigger.pdf")])
        #expect(mixed.documents[0].diagnostics.first { $0.rule == "industry-type" }?.message.contains(#""autotagging": "ALL""#) == true)
        let signers = try await LintFixtures.lint([LintFixtures.path("recipient-gap/clean.pdf")])
        #expect(signers.documents[0].diagnostics.first { $0.rule == "industry-type" }?.message.contains(#""autotagging": "GENERAL""#) == true)
    }

    @Test("tags-overlap measures the text field's width: the signature 60 pt to its right is inside it")
    func overlapGeometry() async throws {
        let report = try await LintFixtures.lint([LintFixtures.path("tags-overlap/trigger.pdf")])
        let document = report.documents[0]
        let text = try #require(document.anchors.first { $0.text == "|S1TR|" })
        let signature = try #require(document.anchors.first { $0.text == "|S2SR|" })
        // Drawn at x = 200 pt and 260 pt on one baseline; the text field is 0.2 × 595.28 = 119 pt wide.
        #expect(abs(text.box.x - 200) < 0.5 && abs(signature.box.x - 260) < 0.5)
        #expect(abs(text.box.y - signature.box.y) < 0.01)
        let width = try #require(text.tag?.width) * 595.28
        #expect(signature.box.x < text.box.x + width)
        let finding = try #require(document.diagnostics.first { $0.rule == "tags-overlap" })
        #expect(finding.message.contains("overlap at 260"))
    }
}
