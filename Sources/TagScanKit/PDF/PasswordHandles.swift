/// The document handles take password bytes (``PasswordBytes``); these keep the typed-string
/// form for callers that open with the password as given.
extension PDFDocumentHandle {
    convenience init(source: DocumentSource, password: String?) throws(DocumentError) {
        try self.init(source: source, encodedPassword: password.map(PasswordBytes.init(utf8:)))
    }
}

extension CoreDocumentHandle {
    convenience init(source: DocumentSource, password: String?) throws(DocumentError) {
        try self.init(source: source, encodedPassword: password.map(PasswordBytes.init(utf8:)))
    }
}
