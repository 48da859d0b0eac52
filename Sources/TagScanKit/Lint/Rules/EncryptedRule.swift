/// `encrypted`: a document that needs a password (or whose encryption poppler cannot handle).
enum EncryptedRule: LintRule {
    static let description = DiagnosticCatalog.encrypted

    static let codes: Set<DocumentError.Code> = [.encrypted, .wrongPassword, .unsupportedEncryption]

    static func check(_ envelope: LintEnvelope, options: LintOptions) -> [LintFinding] {
        envelope.documents.enumerated().compactMap { index, document in
            guard document.result.status == .error, let error = document.result.error, codes.contains(error.code) else { return nil }
            return LintFinding(
                document: index,
                diagnostic: description.diagnostic(page: nil, "\(error.message); Yoti rejects password-protected PDFs: save the template without a password"))
        }
    }
}
