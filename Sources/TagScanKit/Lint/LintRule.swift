/// A lint rule: a stable id with a default severity, and a check over one envelope (the documents
/// sent together in one create-envelope request; a single template is an envelope of one).
///
/// Rules are stateless; limits and switches come from ``LintOptions``. Findings carry the rule's
/// default severity; ``Linter`` applies severity overrides and disabled rules afterwards.
public protocol LintRule: Sendable {
    static var description: RuleDescription { get }

    /// Every finding of this rule in `envelope`.
    static func check(_ envelope: LintEnvelope, options: LintOptions) -> [LintFinding]
}

/// A rule that looks at one readable document at a time.
public protocol DocumentLintRule: LintRule {
    /// Findings in `document`, which was read successfully (`status == .ok`).
    static func check(_ document: LintDocument, options: LintOptions) -> [Diagnostic]
}

extension DocumentLintRule {
    public static func check(_ envelope: LintEnvelope, options: LintOptions) -> [LintFinding] {
        var findings: [LintFinding] = []
        for (index, document) in envelope.documents.enumerated() where document.result.status == .ok {
            findings += check(document, options: options).map { LintFinding(document: index, diagnostic: $0) }
        }
        return findings
    }
}

/// A rule whose findings the scanner already reports as diagnostics with the rule's id (a wrapped
/// anchor, a clamped field): the check passes them through rather than detecting them again.
public protocol ScannerReportedRule: DocumentLintRule {}

extension ScannerReportedRule {
    public static func check(_ document: LintDocument, options: LintOptions) -> [Diagnostic] {
        document.result.diagnostics.filter { $0.rule == description.id }
    }
}

/// What `tagscan lint --list-rules`, SARIF's `tool.driver.rules` and the docs show of a rule.
public struct RuleDescription: Sendable, Hashable, Codable {
    /// Stable, kebab-case; never renamed once released.
    public var id: String
    public var severity: Severity
    /// One line.
    public var summary: String
    /// Why it matters and how to fix it; a few sentences.
    public var details: String
    /// True when the scanner detects it and the rule passes its diagnostics through.
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

    /// A finding of this rule at its default severity.
    public func diagnostic(page: Int?, _ message: String, anchor: String? = nil) -> Diagnostic {
        Diagnostic(rule: id, severity: severity, pageNumber: page, message: message, anchor: anchor)
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

/// One finding, and which document of its envelope it is about.
public struct LintFinding: Sendable, Hashable {
    /// Index into `LintEnvelope.documents`.
    public var document: Int
    public var diagnostic: Diagnostic

    public init(document: Int, diagnostic: Diagnostic) {
        self.document = document
        self.diagnostic = diagnostic
    }
}
