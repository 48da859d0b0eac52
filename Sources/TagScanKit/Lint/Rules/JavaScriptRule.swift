/// `javascript`: a document carrying JavaScript, which Yoti refuses as malicious.
public enum JavaScriptRule: DocumentLintRule {
    public static let description = RuleDescription(
        id: "javascript", severity: .error,
        summary: "The PDF carries JavaScript; Yoti rejects such files.",
        details: """
            Yoti treats a PDF with JavaScript as unsafe and errors the envelope (MALICIOUS_PDF). \
            Form tools and some exporters add scripts for calculations or printing; export the \
            template again without them (for example print it to PDF).
            """)

    public static func check(_ document: LintDocument, options: LintOptions) -> [Diagnostic] {
        guard document.result.hasJavaScript else { return [] }
        return [description.diagnostic(page: nil, "the PDF carries JavaScript, which Yoti rejects as unsafe (MALICIOUS_PDF); export it again without scripts")]
    }
}
