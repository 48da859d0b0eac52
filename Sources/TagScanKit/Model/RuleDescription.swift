/// One entry of ``DiagnosticCatalog``: what `tagscan lint --list-rules`, SARIF's
/// `tool.driver.rules` and the docs show of a diagnostic, and what every report of it starts from.
public struct RuleDescription: Sendable, Hashable, Codable {
    /// Stable, kebab-case; never renamed once released.
    public var id: String
    public var severity: Severity
    /// One line.
    public var summary: String
    /// Why it matters and how to fix it; a few sentences.
    public var details: String
    /// True when the scanner detects it (and a lint rule, if any, passes its diagnostics through).
    public var reportedByScanner: Bool
    /// Fixtures that prove the rule, relative to `Fixtures/lint/`: one that triggers it and a
    /// near miss that does not.
    public var triggeringFixture: String
    public var cleanFixture: String

    public init(
        id: String, severity: Severity, summary: String, details: String, reportedByScanner: Bool = false,
        triggeringFixture: String? = nil, cleanFixture: String? = nil
    ) {
        self.id = id
        self.severity = severity
        self.summary = summary
        self.details = details
        self.reportedByScanner = reportedByScanner
        self.triggeringFixture = triggeringFixture ?? "\(id)/trigger.pdf"
        self.cleanFixture = cleanFixture ?? "\(id)/clean.pdf"
    }

    /// A report of this diagnostic at its default severity.
    public func diagnostic(page: Int?, _ message: String, anchor: String? = nil, box: Box? = nil, suggestion: String? = nil) -> Diagnostic {
        Diagnostic(rule: id, severity: severity, pageNumber: page, message: message, anchor: anchor, box: box, suggestion: suggestion)
    }

    /// A finding about `anchor` of the envelope's `document`: on the anchor's page, naming it.
    public func finding(in document: Int, at anchor: Anchor, _ message: String) -> LintFinding {
        LintFinding(document: document, diagnostic: diagnostic(page: anchor.pageNumber, message, anchor: anchor.text))
    }

    enum CodingKeys: String, CodingKey {
        case id, severity, summary, details
        case reportedByScanner = "reported_by_scanner"
        case triggeringFixture = "triggering_fixture"
        case cleanFixture = "clean_fixture"
    }
}
