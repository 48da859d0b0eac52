import Testing
import YotiSignModels

@testable import TagScanKit

/// The recipients file read like `tagscan.yml`: every problem with its file and line.
@Suite("Recipients file loader")
struct RecipientsFileLoaderTests {
    static let file = """
        name: NDA for Acme
        invitation_message: Please sign the NDA.
        recipients:
          - role: Signer 1
            name: Ada Lovelace
            email: ada@example.com
            mobile_number: "07999999999"
            tags:
              - { page_number: 1, x: 0.1, y: 0.2, type: signature, optional: false, file_name: extra.pdf }
          - { type: CC, name: Legal, email: legal@example.com }

        """

    @Test("a valid file decodes with the API's keys, quoted numbers kept as text")
    func decodes() throws {
        let file = try RecipientsFileLoader.parse(Self.file, file: "recipients.yml")
        #expect(file.name == "NDA for Acme")
        #expect(file.recipients.map(\.type) == [.signer, .cc])
        #expect(file.recipients[0].mobileNumber == "07999999999")
        #expect(file.recipients[0].tags?.first?.fileName == "extra.pdf")
    }

    @Test(
        "unknown keys and bad values name the file and the line",
        arguments: [
            ("    sign_grup: 2\n", 7, "unknown key 'sign_grup' in recipient 1"),
            (
                "    tags:\n      - { page_number: 1, x: 0.1, y: 0.2, type: signature, optional: false, file_name: a.pdf, optinal: true }\n", 8,
                "unknown key 'optinal' in tag 1 of recipient 1"
            ),
            ("    auth_type: sms\n", 7, "recipients[0].auth_type"),
            ("    sign_group: one\n", 7, "recipients[0].sign_group: expected an integer"),
        ])
    func problemsHaveLines(_ extra: String, _ line: Int, _ message: String) {
        // Insert after the recipient's email (line 6), replacing the mobile number and tags.
        let lines = Self.file.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let text = (lines[0..<6] + [extra.hasSuffix("\n") ? String(extra.dropLast()) : extra] + lines[9...]).joined(separator: "\n")
        do {
            _ = try RecipientsFileLoader.parse(text, file: "recipients.yml")
            Issue.record("accepted:\n\(text)")
        } catch {
            #expect(error.line == line, "\(error)")
            #expect(error.file == "recipients.yml")
            #expect(error.description.contains(message), "\(error)")
            #expect(error.description.hasPrefix("recipients.yml:\(line)"), "\(error)")
        }
    }

    @Test("YAML syntax errors keep their line")
    func syntax() {
        #expect(throws: ConfigError.self) { try RecipientsFileLoader.parse("recipients:\n  - { name: A\n", file: "r.yml") }
        do {
            _ = try RecipientsFileLoader.parse("recipients: []\nname: a\nname: b\n", file: "r.yml")
            Issue.record("a duplicate key was accepted")
        } catch {
            #expect(error.description.contains("more than once"), "\(error)")
            #expect(error.line == 3 || error.line == 2, "\(error)")
        }
    }
}
