/// `javascript`: a document carrying JavaScript, which Yoti refuses as malicious.
enum JavaScriptRule: DocumentLintRule {
    static let description = DiagnosticCatalog.javascript

    static func check(_ document: LintDocument, options: LintOptions) -> [Diagnostic] {
        guard document.result.hasJavaScript else { return [] }
        return [description.diagnostic(page: nil, "the PDF carries JavaScript, which Yoti rejects as unsafe (MALICIOUS_PDF); export it again without scripts")]
    }
}
