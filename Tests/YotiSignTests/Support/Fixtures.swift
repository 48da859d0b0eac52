@testable import YotiSign
@testable import YotiSignModels

/// `Testing` also exports a `Tag`; in this module the name means the Yoti tag.
typealias Tag = YotiSign.Tag

/// Small, valid inputs that the tests change one thing at a time.
enum Fixtures {
    static let key = "test-key-123"

    /// A tiny stand-in for a PDF: the client never parses it.
    static let pdfBytes = Array("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n".utf8)

    static let nda = DocumentUpload(fileName: "nda.pdf", bytes: pdfBytes, pageCount: 2)

    static func signature(page: Int = 2, x: Double = 0.1, y: Double = 0.8, file: String = "nda.pdf") -> Tag {
        Tag(pageNumber: page, x: x, y: y, type: .signature, optional: false, fileName: file)
    }

    /// A signer with one of each interesting tag (signature, date signed, named text field,
    /// a two-button radio group), a witness with a tag, and a rule; plus a CC recipient.
    static var options: EnvelopeOptions {
        EnvelopeOptions(
            name: "NDA for Acme",
            emails: Emails(invitationMessage: "Please sign the NDA."),
            recipients: [
                Recipient(
                    name: "Ada Lovelace", email: "ada@example.com", role: "Signer 1", signGroup: 1,
                    tags: [
                        signature(),
                        Tag(pageNumber: 2, x: 0.5, y: 0.8, type: .dateSignedField, optional: false, fileName: "nda.pdf"),
                        Tag(
                            pageNumber: 1, x: 0.1, y: 0.5, type: .textField, optional: true, fileName: "nda.pdf",
                            width: 0.4, name: "company", prefilledValue: "Acme Ltd", helpText: "Company name"
                        ),
                        Tag(
                            pageNumber: 1, x: 0.1, y: 0.6, type: .textField, optional: true, fileName: "nda.pdf",
                            width: 0.3, name: "phone"
                        ),
                        Tag(pageNumber: 1, x: 0.1, y: 0.7, type: .radioField, optional: false, fileName: "nda.pdf", tagGroupName: "Plan"),
                        Tag(pageNumber: 1, x: 0.3, y: 0.7, type: .radioField, optional: false, fileName: "nda.pdf", tagGroupName: "Plan"),
                    ],
                    witness: Witness(tags: [signature(y: 0.9)]),
                    rules: [
                        Rule(
                            action: .makeRequired,
                            conditions: [Rule.Condition(triggerTagName: "company", criteria: .hasValue)],
                            affectedTagNames: ["phone"]
                        )
                    ]
                ),
                Recipient(type: .cc, name: "Legal", email: "legal@example.com"),
            ]
        )
    }

    /// `n` distinct minimal signers in sign group 1, each with one signature.
    static func signers(_ n: Int) -> [Recipient] {
        (1...n).map { Recipient(name: "Signer \($0)", email: "s\($0)@example.com", role: "Signer \($0)", tags: [signature()]) }
    }

    /// `n` distinct CC recipients.
    static func ccs(_ n: Int) -> [Recipient] {
        (1...n).map { Recipient(type: .cc, name: "CC \($0)", email: "cc\($0)@example.com") }
    }
}
