import Testing
import YotiSignModels
@testable import TagScanKit

@Suite("Auto-tag grammar")
struct AutoTagParserTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var body: String
        var role: RecipientRole
        var number: Int
        var type: TagType
        var group: Int?
        var optional: Bool
        var testDescription: String { body }
    }

    static let valid: [Case] = {
        var cases: [Case] = []
        let types: [(String, TagType, Int?)] = [
            ("S", .signature, nil), ("T", .textField, nil), ("CB", .checkboxField, nil), ("DS", .dateSignedField, nil),
            ("RG1", .radioField, 1), ("RG12", .radioField, 12), ("A", .attachment, nil), ("IN", .initials, nil),
        ]
        for role in RecipientRole.allCases {
            for number in [1, 9, 10, 30] {
                for (code, type, group) in types {
                    for flag in ["R", "O"] {
                        cases.append(
                            Case(body: "\(role.rawValue)\(number)\(code)\(flag)", role: role, number: number, type: type, group: group, optional: flag == "O"))
                    }
                }
            }
        }
        return cases
    }()

    @Test("every role, number, type and flag", arguments: valid)
    func parsesValid(_ c: Case) throws {
        let tag = try AutoTagParser.parse(c.body).get()
        #expect(tag.role == c.role)
        #expect(tag.number == c.number)
        #expect(tag.type == c.type)
        #expect(tag.radioGroup == c.group)
        #expect(tag.optional == c.optional)
        #expect(tag.roleName == "\(c.role.name) \(c.number)")
    }

    @Test("letters shared by roles and types read by position")
    func ambiguousLetters() throws {
        let agent = try AutoTagParser.parse("A1AR").get()
        #expect(agent.role == .agent && agent.type == .attachment)
        let tenant = try AutoTagParser.parse("T2TO").get()
        #expect(tenant.role == .tenant && tenant.type == .textField && tenant.optional)
        let agentText = try AutoTagParser.parse("A3TR").get()
        #expect(agentText.role == .agent && agentText.type == .textField)
        let tenantAttachment = try AutoTagParser.parse("T30AO").get()
        #expect(tenantAttachment.role == .tenant && tenantAttachment.number == 30 && tenantAttachment.type == .attachment)
    }

    @Test("metadata keys map to nm, ph, pf")
    func metadata() throws {
        let tag = try AutoTagParser.parse(#"S1TR{"nm":"company","ph":"Company name","pf":"ACME Ltd"}"#).get()
        #expect(tag.metadata == AutoTag.Metadata(nm: "company", ph: "Company name", pf: "ACME Ltd"))
    }

    @Test(
        "malformed anchors say what was expected",
        arguments: [
            ("X1SR", "unknown role 'X'"),
            ("s1SR", "must be upper case"),
            ("S0SR", "outside 1–30"),
            ("S31SR", "outside 1–30"),
            ("S01SR", "outside 1–30"),
            ("S1ZR", "unknown tag type"),
            ("S1S", "missing R (required) or O (optional)"),
            ("S1SX", "missing R (required) or O (optional)"),
            ("S1RGR", "needs a group number"),
            ("S1SRX", "unexpected 'X'"),
            (#"S1SR{"nm":}"#, "not a JSON object"),
            (#"S1SR{"xx":"y"}"#, "unknown metadata key 'xx'"),
            (#"S1SR{"nm":3}"#, "must be a string"),
        ])
    func malformed(body: String, expected: String) {
        switch AutoTagParser.parse(body) {
        case .success(let tag): Issue.record("\(body) parsed as \(tag)")
        case .failure(let failure): #expect(failure.description.contains(expected), "\(body): \(failure.description)")
        }
    }

    @Test("what looks like an auto-tag", arguments: [("S1SR", true), ("X9", true), ("s1sr", true), ("AT", false), (" a ", false), ("1S", false), ("", false)])
    func shape(body: String, looks: Bool) {
        #expect(AutoTagParser.looksLikeAutoTag(Substring(body)) == looks)
    }
}
