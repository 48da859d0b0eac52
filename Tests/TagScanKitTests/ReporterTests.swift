import Foundation
import Testing
#if canImport(FoundationXML)
    import FoundationXML
#endif
import YotiSignModels

@testable import TagScanKit

/// Every lint reporter run on one hand-built report and compared with its golden file in
/// `Snapshots/lint/` (`RECORD_SNAPSHOTS=1` re-records). The report mixes every severity, a
/// document-wide finding, an unreadable document, a clean one, and text that each format must
/// escape (`%`, `,`, `:`, `<`, `&`, quotes, a line break).
@Suite("Lint reporters")
struct ReporterTests {
    static var report: LintReport {
        let nda = DocumentResult(
            path: "templates/nda.pdf", fileName: "nda.pdf", pageCount: 2, fileSize: 2375,
            pages: [PageInfo(pageNumber: 1, width: 595.28, height: 841.89, rotation: 0, glyphCount: 310)],
            diagnostics: [
                Diagnostic(
                    rule: "industry-type", severity: .info, pageNumber: nil,
                    message: #"the auto-tags' roles (Signer) need "autotagging": "GENERAL" in the envelope options"#),
                Diagnostic(
                    rule: "anchor-wraps-line", severity: .error, pageNumber: 1,
                    message: "|S2SR| is broken across two lines, so Yoti will not find it; keep it on one line", anchor: "|S2SR|"),
                Diagnostic(
                    rule: "visible-anchor", severity: .warning, pageNumber: 2,
                    message: "|S1SR| is drawn in #000000 and will show on the signed document; colour it white", anchor: "|S1SR|"),
                Diagnostic(
                    rule: "visible-anchor", severity: .warning, pageNumber: 2,
                    message: "|S1SR| is drawn in #000000 and will show on the signed document; colour it white", anchor: "|S1SR|"),
            ])
        let odd = DocumentResult(
            path: "templates/lease, 2024: <draft> & \"final\" 100%.pdf", fileName: "lease, 2024: <draft> & \"final\" 100%.pdf",
            pageCount: 1, fileSize: 1800,
            diagnostics: [
                Diagnostic(
                    rule: "forbidden-characters", severity: .error, pageNumber: 1,
                    message: "|S1TR{\"pf\":\"50% off: a, b\"}|: the pf value \"50% off: a, b\" contains ':', which Yoti refuses\nsecond line",
                    anchor: "|S1TR{\"pf\":\"50% off: a, b\"}|")
            ])
        let broken = DocumentResult(
            path: "templates/broken.pdf", fileName: "broken.pdf", status: .error,
            error: DocumentError(.damaged, "templates/broken.pdf: PDF file is damaged"),
            diagnostics: [Diagnostic(rule: "unreadable", severity: .error, pageNumber: nil, message: "templates/broken.pdf: PDF file is damaged (damaged)")])
        let clean = DocumentResult(path: "templates/clean.pdf", fileName: "clean.pdf", pageCount: 1, fileSize: 1500)
        let ids: Set<String> = ["anchor-wraps-line", "forbidden-characters", "industry-type", "unreadable", "visible-anchor", "tag-clamped"]
        return LintReport(documents: [nda, odd, broken, clean], rules: LintRules.descriptions.filter { ids.contains($0.id) })
    }

    /// The version changes with every release; golden files hold a placeholder.
    static func stable(_ data: Data) -> String {
        String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\"\(TagScanVersion.current)\"", with: "\"${VERSION}\"")
    }

    @Test func text() throws {
        try FixtureSupport.assertSnapshot(Self.stable(LintFormat.text.render(Self.report)), named: "lint/report.txt")
    }

    @Test func json() throws {
        let data = LintFormat.json.render(Self.report)
        try FixtureSupport.assertSnapshot(Self.stable(data), named: "lint/report.json")
        // It is the schema-1 document: it decodes back into the same documents.
        let decoded = try JSONDecoder().decode(ScanReport.self, from: data)
        #expect(decoded.schemaVersion == 1)
        #expect(decoded.documents == Self.report.documents)
    }

    @Test func sarif() throws {
        try FixtureSupport.assertSnapshot(Self.stable(LintFormat.sarif.render(Self.report)), named: "lint/report.sarif")
    }

    @Test func github() throws {
        try FixtureSupport.assertSnapshot(Self.stable(LintFormat.github.render(Self.report)), named: "lint/report.github.txt")
    }

    @Test func junit() throws {
        try FixtureSupport.assertSnapshot(Self.stable(LintFormat.junit.render(Self.report)), named: "lint/report.junit.xml")
    }

    @Test("JUnit with --strict fails on warnings too")
    func junitStrict() throws {
        try FixtureSupport.assertSnapshot(
            Self.stable(LintFormat.junit.render(Self.report, failingAt: .warning)), named: "lint/report.strict.junit.xml")
    }

    @Test("JUnit output is well-formed XML with the counts it claims")
    func junitParses() throws {
        let data = LintFormat.junit.render(Self.report)
        let document = try XMLDocument(data: data)
        let root = try #require(document.rootElement())
        #expect(root.name == "testsuites")
        let suites = root.elements(forName: "testsuite")
        #expect(suites.map { $0.attribute(forName: "name")?.stringValue } == Self.report.documents.map(\.path))
        let cases = suites.flatMap { $0.elements(forName: "testcase") }
        #expect(root.attribute(forName: "tests")?.stringValue == String(cases.count))
        #expect(root.attribute(forName: "failures")?.stringValue == String(cases.count { !$0.elements(forName: "failure").isEmpty }))
        #expect(root.attribute(forName: "errors")?.stringValue == String(cases.count { !$0.elements(forName: "error").isEmpty }))
        // The path with XML specials survives the round trip.
        #expect(suites[1].attribute(forName: "name")?.stringValue == "templates/lease, 2024: <draft> & \"final\" 100%.pdf")
    }

    @Test("GitHub workflow commands escape what would end or split a command")
    func githubEscaping() {
        #expect(GitHubActionsReporter.escapeData("50% off\r\nnext") == "50%25 off%0D%0Anext")
        #expect(GitHubActionsReporter.escapeProperty("a, b: c%") == "a%2C b%3A c%25")
        let lines = String(decoding: LintFormat.github.render(Self.report), as: UTF8.self).split(separator: "\n")
        // One command per finding, none broken over two lines.
        #expect(lines.count == Self.report.documents.reduce(0) { $0 + $1.diagnostics.count })
        #expect(lines.allSatisfy { $0.hasPrefix("::error ") || $0.hasPrefix("::warning ") || $0.hasPrefix("::notice ") })
    }

    @Test("GitHub annotations name files relative to the repository")
    func githubRelativePaths() {
        var report = Self.report
        report.documents = [report.documents[0]]
        report.documents[0].path = "/repo/templates/nda.pdf"
        let lines = String(decoding: GitHubActionsReporter(baseDirectory: "/repo").render(report), as: UTF8.self).split(separator: "\n")
        #expect(lines.allSatisfy { $0.contains(" file=templates/nda.pdf,") })
    }

    @Test("SARIF URIs are relative and percent-encoded")
    func sarifURIs() {
        #expect(SARIFReporter.uri(for: "templates/nda.pdf", baseDirectory: nil) == "templates/nda.pdf")
        #expect(SARIFReporter.uri(for: "./templates/My NDA.pdf", baseDirectory: nil) == "templates/My%20NDA.pdf")
        #expect(SARIFReporter.uri(for: "/repo/templates/a.pdf", baseDirectory: "/repo") == "templates/a.pdf")
        #expect(SARIFReporter.uri(for: "/elsewhere/a b.pdf", baseDirectory: "/repo") == "file:///elsewhere/a%20b.pdf")
        #expect(SARIFReporter.uri(for: "a:b#c.pdf", baseDirectory: nil) == "a%3Ab%23c.pdf")
    }
}
