import Testing

@testable import YotiSign
@testable import YotiSignModels

@Suite("Recipients file and joining scanned tags")
struct RecipientsFileTests {
    static let file = #"""
        { "name": "NDA for Acme",
          "invitation_message": "Please sign the NDA.",
          "reminders": { "frequency": 2 },
          "recipients": [
            { "role": "Signer 1", "name": "Ada Lovelace", "email": "ada@example.com" },
            { "role": "Signer 2", "name": "Alan Turing", "email": "alan@example.com", "auth_type": "no-auth",
              "mobile_number": 7999999999, "iso_country_code": "GB" },
            { "type": "CC", "name": "Legal", "email": "legal@example.com" } ] }
        """#

    static func decode(_ json: String) throws -> RecipientsFile {
        try RecipientsFile.decode(json: Array(json.utf8))
    }

    static func scanned(_ fileName: String, _ entries: [(String, Int, Int)]) -> ScannedDocument {
        ScannedDocument(
            fileName: fileName, pageCount: 2,
            recipients: entries.map { role, group, count in
                .init(role: role, signGroup: group, tags: (0..<count).map { Fixtures.signature(y: 0.1 * Double($0 + 1), file: fileName) })
            }
        )
    }

    @Test("the file decodes with the API's recipient keys and the shorthands")
    func decodes() throws {
        let file = try Self.decode(Self.file)
        #expect(file.name == "NDA for Acme")
        #expect(file.invitationMessage == "Please sign the NDA.")
        #expect(file.recipients.map(\.role) == ["Signer 1", "Signer 2", nil])
        #expect(file.recipients.map(\.type) == [.signer, .signer, .cc])
        #expect(file.recipients[1].authType == .noAuth)
        #expect(file.recipients[1].mobileNumber == "7999999999")
    }

    @Test(
        "problems in the file are explained with their key path",
        arguments: [
            (#"{"recipients":[{"name":"A","email":"a@b.co","sign_grup":2}]}"#, #"unknown key "recipients[0].sign_grup""#),
            (#"{"recipient":[]}"#, #"unknown key "recipient""#),
            (#"{"recipients":[{"name":"A","email":"a@b.co","auth_type":"sms"}]}"#, "recipients[0].auth_type"),
            (#"{"recipients":[{"name":"A"}]}"#, #"recipients[0]: the required key "email" is missing"#),
            (#"{"recipients":[{"name":"A","email":"a@b.co","sign_group":"one"}]}"#, "recipients[0].sign_group: expected an integer"),
            (#"{"name":"x"}"#, #"the required key "recipients" is missing"#),
            (
                #"{"recipients":[{"name":"A","email":"a@b.co","tags":[{"page_number":1,"x":0.1,"y":0.1,"type":"signature","optional":false,"file_name":"a.pdf","optinal":true}]}]}"#,
                #"unknown key "recipients[0].tags[0].optinal""#
            ),
            (
                #"{"recipients":[{"name":"A","email":"a@b.co","tags":[{"page_number":1,"x":0.1,"y":0.1,"type":"text_field","optional":false,"file_name":"a.pdf","width":0.2,"merge_field":{"source":"idv","field":"full_name"}}]}]}"#,
                #"unknown key "recipients[0].tags[0].merge_field.field""#
            ),
            (
                #"{"recipients":[{"name":"A","email":"a@b.co","witness":{"tags":[],"name":"W"}}]}"#,
                #"unknown key "recipients[0].witness.name""#
            ),
            (#"[1,2]"#, "the top level must be an object"),
            (#"{"recipients": [}"#, "not valid JSON"),
        ]
    )
    func explainsProblems(_ json: String, _ expected: String) {
        do {
            _ = try Self.decode(json)
            Issue.record("decoded \(json)")
        } catch let error as YotiSignError {
            guard case .invalidRecipientsFile(let reason) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(reason.contains(expected), "\(reason)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test("scanned tags join signers by role, across documents in order")
    func joinsByRole() throws {
        let file = try Self.decode(Self.file)
        let draft = file.envelopeOptions(
            joining: [Self.scanned("nda.pdf", [("Signer 1", 1, 2), ("Signer 2", 2, 1)]), Self.scanned("annex.pdf", [("Signer 1", 1, 1)])],
            defaultName: "unused"
        )
        #expect(draft.problems == [])
        let options = draft.options
        #expect(options.name == "NDA for Acme")
        #expect(options.emails?.invitation?.body.message == "Please sign the NDA.")
        #expect(options.emails?.reminders == Reminders(frequency: 2))
        #expect(options.recipients[0].tags?.map(\.fileName) == ["nda.pdf", "nda.pdf", "annex.pdf"])
        #expect(options.recipients[1].tags?.count == 1)
        #expect(options.recipients.map(\.signGroup) == [1, 2, nil])
        #expect(options.recipients[2].tags == nil)
        let documents = ["nda.pdf", "annex.pdf"].map { DocumentUpload(fileName: $0, bytes: Fixtures.pdfBytes, pageCount: 2) }
        #expect(Preflight.check(options, documents: documents) == [])
    }

    @Test("a sign group in the file wins over the scanned one; a signer without tags gets []")
    func fileWins() throws {
        var file = try Self.decode(Self.file)
        file.recipients[0].signGroup = 1
        file.name = nil
        let draft = file.envelopeOptions(joining: [Self.scanned("nda.pdf", [("Signer 1", 3, 1)])], defaultName: "nda")
        #expect(draft.options.name == "nda")
        #expect(draft.options.recipients[0].signGroup == 1)
        #expect(draft.options.recipients[1].tags == [])
    }

    @Test("tags for a role nobody has are a problem that names the file and suggests the near miss")
    func unknownRole() throws {
        let file = try Self.decode(Self.file)
        let draft = file.envelopeOptions(joining: [Self.scanned("nda.pdf", [("signer 1", 1, 2), ("Guarantor 1", 1, 1)])], defaultName: "x")
        #expect(draft.problems.map(\.code) == [.unknownRole, .unknownRole])
        #expect(draft.problems[0].location == "nda.pdf")
        #expect(draft.problems[0].message.contains(#"2 tags for role "signer 1""#))
        #expect(draft.problems[0].message.contains(#"did you mean "Signer 1"?"#))
        #expect(draft.problems[1].message.contains(#"its roles are "Signer 1", "Signer 2""#))
    }

    @Test("a role held by a CC recipient cannot take tags")
    func ccRole() throws {
        var file = try Self.decode(Self.file)
        file.recipients[2].role = "Witness"
        let draft = file.envelopeOptions(joining: [Self.scanned("nda.pdf", [("Witness", 1, 1)])], defaultName: "x")
        #expect(draft.problems.map(\.code) == [.unknownRole])
        #expect(draft.problems[0].message.contains("CC recipient"))
    }

    @Test("two signers with one role are a problem")
    func duplicateRole() throws {
        var file = try Self.decode(Self.file)
        file.recipients[1].role = "Signer 1"
        let draft = file.envelopeOptions(joining: [], defaultName: "x")
        #expect(draft.problems.map(\.code) == [.duplicateRole])
        #expect(draft.problems[0].location == "recipients[1].role")
    }

    @Test("a documented tag key the model once lacked (merge_field) is read, not refused")
    func mergeField() throws {
        let file = try Self.decode(
            #"{"recipients":[{"name":"A","email":"a@b.co","auth_type":"idv","tags":[{"page_number":1,"x":0.1,"y":0.1,"type":"text_field","optional":false,"file_name":"a.pdf","width":0.2,"merge_field":{"source":"idv","id_doc":"passport","field_name":"full_name"}}]}]}"#
        )
        #expect(file.recipients[0].tags?.first?.mergeField == Tag.MergeField(idDoc: "passport", fieldName: "full_name"))
        let json = String(decoding: try YotiJSON.encode(file.recipients[0].tags?.first), as: UTF8.self)
        #expect(json.contains(#""merge_field":{"field_name":"full_name","id_doc":"passport","source":"idv"}"#), "\(json)")
    }

    @Test("auto-tagging mode: every signer is sent tags: [] and the industry type; roles are still checked")
    func autotaggingMode() throws {
        let file = try Self.decode(Self.file)
        let draft = file.envelopeOptions(
            joining: [Self.scanned("nda.pdf", [("Signer 1", 1, 2), ("Signer 2", 2, 1), ("Signer 9", 1, 1)])], defaultName: "x",
            autotagging: .general)
        #expect(draft.options.autotagging == .general)
        #expect(draft.options.recipients.map(\.tags) == [[], [], nil])
        #expect(draft.problems.map(\.code) == [.unknownRole])
        #expect(Preflight.check(draft.options, documents: [DocumentUpload(fileName: "nda.pdf", bytes: Fixtures.pdfBytes, pageCount: 2)]) == [])
    }

    @Test("coordinate mode (the default): scanned tags, no autotagging; a signer with nothing to sign is named")
    func coordinateMode() throws {
        let file = try Self.decode(Self.file)
        let draft = file.envelopeOptions(joining: [Self.scanned("nda.pdf", [("Signer 1", 1, 1)])], defaultName: "x")
        #expect(draft.options.autotagging == nil)
        let problems = Preflight.check(draft.options, documents: [DocumentUpload(fileName: "nda.pdf", bytes: Fixtures.pdfBytes, pageCount: 2)])
        #expect(problems.map(\.code) == [.signerWithoutFields])
        #expect(problems.first?.message.contains(#"role "Signer 2""#) == true)
        #expect(problems.first?.location == "recipients[1].tags")
    }

    @Test("the built options encode with the API's keys")
    func encodesAsTheAPI() throws {
        let file = try Self.decode(#"{"recipients":[{"role":"Signer 1","name":"Ada","email":"ada@example.com","sign_group":1}]}"#)
        let options = file.envelopeOptions(joining: [Self.scanned("nda.pdf", [("Signer 1", 1, 1)])], defaultName: "NDA").options
        #expect(
            String(decoding: try YotiJSON.encode(options), as: UTF8.self)
                == #"{"name":"NDA","recipients":[{"email":"ada@example.com","name":"Ada","role":"Signer 1","sign_group":1,"#
                + #""tags":[{"file_name":"nda.pdf","optional":false,"page_number":2,"type":"signature","x":0.1,"y":0.1}],"type":"SIGNER"}]}"#
        )
    }
}
