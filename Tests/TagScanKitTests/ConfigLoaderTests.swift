import Foundation
import Testing
import YotiSignModels
@testable import TagScanKit

/// `tagscan.yml`: what it configures, and that every mistake names the file and the line.
@Suite("Configuration file")
struct ConfigLoaderTests {
    static let leaseConfig = DialectFixtures.path("plain/tagscan.yml")

    @Test("the lease's tagscan.yml: rules, recipients, defaults")
    func leaseConfigLoads() throws {
        let config = try ConfigLoader.load(path: Self.leaseConfig)
        #expect(
            config.rules.map(\.displayName) == ["tenant-signature", "landlord-signature", "tenant-date", "landlord-date", "company", "guarantor-signature"])
        let tenant = config.rules[0]
        #expect(tenant.anchor == "Tenant Signature:" && tenant.role == "Tenant 1" && tenant.type == .signature)
        #expect(tenant.alignment == .right && tenant.vertical == .baseline && tenant.xOffset == .millimetres(2) && tenant.yOffset == .points(-14))
        #expect(tenant.wholeWord && !tenant.caseSensitive && tenant.occurrence == .all && !tenant.ignoreIfMissing && tenant.required)
        #expect(config.rules[2].occurrence == .nth(1) && config.rules[3].occurrence == .nth(2))
        #expect(config.rules.allSatisfy { !$0.scrub }, "a rule's matches stay in the document unless it says scrub: true")
        let company = config.rules[4]
        #expect(company.width == .centimetres(6) && company.name == "company" && company.helpText == "Registered company name")
        #expect(company.validation == Tag.Validation(regex: "^[A-Za-z0-9 .&-]+$", errorMessage: "Letters and digits only"))
        #expect(company.xOffset == .inches(0.1))
        #expect(config.rules[5].ignoreIfMissing)
        #expect(
            config.recipients == [
                ConfigRecipient(role: "Tenant 1", name: "Ada Lovelace", email: "ada@example.com", signGroup: 1, authType: .noAuth),
                ConfigRecipient(role: "Landlord 1", name: "Alan Turing", email: "alan@example.com", signGroup: 2),
            ])
        #expect(config.defaults.textFieldWidth == 0.3 && config.defaults.dateRequired == nil)

        let options = config.applied(to: ScanOptions())
        #expect(options.customRules == config.rules)
        #expect(options.textFieldWidth == 0.3 && options.dateSignedRequired)
        #expect(options.signGroups == ["Tenant 1": 1, "Landlord 1": 2])
    }

    @Test("the lease scanned with its configuration: fields where the rules say, in points", arguments: DialectFixtures.extractionPaths)
    func leaseScan(path: ExtractionPath) throws {
        let config = try ConfigLoader.load(path: Self.leaseConfig)
        let result = try DialectFixtures.scan("plain/lease.pdf", options: config.applied(to: ScanOptions(jobs: 2, extraction: path)))
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(result.recipients.map(\.role) == ["Tenant 1", "Landlord 1"])
        #expect(result.recipients.map(\.signGroup) == [1, 2])
        let page = try #require(result.pages.first)
        let signature = try #require(result.anchors.first { $0.rule == "tenant-signature" })
        let box = signature.box, size = try #require(signature.fontSize)
        // LibreOffice's Liberation Sans gets poppler's default metrics: the box is 1.3 × the size
        // tall and the baseline 0.35 × the size above its bottom.
        #expect(abs(box.height - 1.3 * size) < 0.05)
        DialectFixtures.expectFraction(signature.tag?.x, points: box.maxX + 2 * 72 / 25.4, of: page.width, "signature x")
        DialectFixtures.expectFraction(signature.tag?.y, points: box.maxY - 0.35 * size - 14, of: page.height, "signature y")
        let dates = result.anchors.filter { $0.rule?.hasSuffix("-date") == true }
        #expect(dates.map(\.role) == ["Tenant 1", "Landlord 1"])
        #expect(dates.count == 2 && dates[0].box.y < dates[1].box.y, "the first Date: is the tenant's")
        let company = try #require(result.anchors.first { $0.rule == "company" })
        #expect(company.text == "Company name:")
        DialectFixtures.expectFraction(company.tag?.width, points: 6 * 72 / 2.54, of: page.width, "width 6 cm")
        DialectFixtures.expectFraction(company.tag?.x, points: company.box.maxX + 7.2, of: page.width, "x + 0.1 in")
        #expect(!result.anchors.contains { $0.text.lowercased().contains("countersignature") })
    }

    @Test("JSON configurations are read the same way, with lines")
    func json() throws {
        let text = """
            {
              "rules": [
                { "anchor": "Signature:", "role": "Signer 1", "type": "signature", "x_offset": "5mm", "occurrence": 2 }
              ],
              "role_map": { "signer2": "Guarantor 1" },
              "disabled_rules": ["foreign-tag"]
            }
            """
        let config = try ConfigLoader.parse(text, file: "tagscan.json")
        #expect(config.rules.first?.xOffset == .millimetres(5) && config.rules.first?.occurrence == .nth(2))
        #expect(config.roleMap == ["signer2": "Guarantor 1"] && config.disabledRules == ["foreign-tag"])
        let bad = text.replacingOccurrences(of: "\"x_offset\"", with: "\"x_ofset\"")
        #expect(
            throws: ConfigError.unknownKey(
                file: "tagscan.json", line: 3, key: "x_ofset", context: "rule 1", allowed: CustomAnchorRule.CodingKeys.allCases.map(\.rawValue))
        ) {
            try ConfigLoader.parse(bad, file: "tagscan.json")
        }
    }

    @Test("an empty file configures nothing")
    func empty() throws {
        #expect(try ConfigLoader.parse("", file: "tagscan.yml") == TagScanConfig())
        #expect(try ConfigLoader.parse("# nothing yet\n", file: "tagscan.yml") == TagScanConfig())
    }

    @Test("scrub: true asks tagscan scrub to remove a rule's matches, and round-trips through JSON")
    func scrubKey() throws {
        let config = try ConfigLoader.parse(Self.base + "\n    scrub: true", file: "tagscan.yml")
        #expect(config.rules.map(\.scrub) == [true])
        let decoded = try JSONDecoder().decode(CustomAnchorRule.self, from: try JSONEncoder().encode(config.rules[0]))
        #expect(decoded == config.rules[0])
    }

    /// A rule whose keys are all valid, for the error cases to break one line of.
    static let base = """
        recipients:
          Signer 1: { name: Ada, email: ada@example.com }
        rules:
          - anchor: "Signature:"
            role: Signer 1
            type: signature
            x_offset: 5mm
        """

    /// (what is wrong, YAML, the line it is on, words the message must contain)
    static let mistakes: [(String, String, Int, [String])] = [
        ("unknown top-level key", base + "\nrulez: []", 8, ["unknown key 'rulez' in the configuration", "rules, recipients"]),
        ("unknown rule key", base + "\n    ofset: 3pt", 8, ["unknown key 'ofset' in rule 1", "x_offset"]),
        (
            "unknown validation key", base + "\n    validation: { regex: '^a', message: x }", 8,
            ["unknown key 'message' in the validation of rule 1", "error_message"]
        ),
        ("unknown recipient key", base.replacingOccurrences(of: "email:", with: "mail:"), 2, ["unknown key 'mail' in recipient 'Signer 1'"]),
        ("unknown defaults key", base + "\ndefaults: { text_width: 0.2 }", 8, ["unknown key 'text_width' in defaults"]),
        ("bad unit", base.replacingOccurrences(of: "5mm", with: "5 furlongs"), 7, ["rule 1", "'5 furlongs' is not a length"]),
        ("bad tag type", base.replacingOccurrences(of: "type: signature", with: "type: sig"), 6, ["'sig' is not a Yoti tag type", "text_field"]),
        ("bad occurrence", base + "\n    occurrence: sometimes", 8, ["occurrence 'sometimes' is not one of: all, first, last"]),
        ("zero occurrence", base + "\n    occurrence: 0", 8, ["occurrence must be 1 or more"]),
        ("bad alignment", base + "\n    align: centre", 8, ["align 'centre' is not one of: left, right"]),
        ("bad vertical", base + "\n    vertical: middle", 8, ["vertical 'middle' is not one of: top, baseline, bottom"]),
        ("wrong type", base + "\n    whole_word: maybe", 8, ["whole_word of rule 1 must be true or false, not 'maybe'"]),
        ("scrub not a boolean", base + "\n    scrub: sometimes", 8, ["scrub of rule 1 must be true or false, not 'sometimes'"]),
        ("misspelt scrub", base + "\n    scrubbed: true", 8, ["unknown key 'scrubbed' in rule 1", "scrub"]),
        ("missing key", base.replacingOccurrences(of: "    role: Signer 1\n", with: ""), 4, ["rule 1 needs a 'role' key"]),
        (
            "invalid regular expression", base.replacingOccurrences(of: "\"Signature:\"", with: "\"Sig[nature\"") + "\n    regex: true", 4,
            ["not a valid regular expression"]
        ),
        ("negative sign group", base + "\n    sign_group: -1", 8, ["sign_group must be 1 or more"]),
        ("text-only key on a signature", base + "\n    help_text: Sign here", 8, ["help_text applies only to text_field tags"]),
        ("forbidden role characters", base.replacingOccurrences(of: "role: Signer 1", with: "role: Signer/1"), 5, ["must not contain"]),
        ("bad email", base.replacingOccurrences(of: "ada@example.com", with: "ada.example.com"), 2, ["'ada.example.com' is not an email address"]),
        (
            "bad auth type", base.replacingOccurrences(of: "email: ada@example.com", with: "auth_type: password"), 2,
            ["auth_type 'password' is not one of: no-auth, sign-auth, idv"]
        ),
        ("bad rule id", base + "\ndisabled_rules: [foreign-tag, Bad Rule]", 8, ["'Bad Rule' is not a rule id"]),
        ("absolute default width", base + "\ndefaults:\n  text_field_width: 5cm", 9, ["text_field_width must be a fraction of the page width"]),
        (
            "width too wide", base.replacingOccurrences(of: "type: signature", with: "type: text_field") + "\n    width: 1.5", 8,
            ["width must be more than 0 and less than the page width"]
        ),
        ("duplicate key", base + "\n    role: Signer 2", 5, ["key 'role' appears more than once"]),
        ("YAML syntax", base + "\n  - anchor: [unclosed", 9, ["not valid YAML"]),
        ("not a map", "- just\n- a list\n", 1, ["must be a map of keys"]),
    ]

    @Test("mistakes are errors naming the file and the line", arguments: mistakes)
    func mistake(what: String, yaml: String, line: Int, words: [String]) throws {
        do {
            let config = try ConfigLoader.parse(yaml, file: "templates/tagscan.yml")
            Issue.record("\(what): accepted \(config)")
        } catch {
            #expect(error.file == "templates/tagscan.yml", "\(what)")
            #expect(error.line == line, "\(what): \(error.description)")
            #expect(error.description.hasPrefix("templates/tagscan.yml:\(line):"), "\(what): \(error.description)")
            for word in words {
                #expect(error.description.contains(word), "\(what): '\(word)' not in: \(error.description)")
            }
        }
    }

    @Test("a regex rule that compiles is accepted")
    func regexAccepted() throws {
        let config = try ConfigLoader.parse(Self.base + "\n    regex: true\n    case_sensitive: true", file: "tagscan.yml")
        #expect(config.rules.first?.isRegex == true && config.rules.first?.caseSensitive == true)
    }

    @Test("a missing or unreadable file is an error naming it")
    func unreadable() {
        #expect(throws: ConfigError.unreadable(file: "/no/such/tagscan.yml", message: "no such file")) {
            try ConfigLoader.load(path: "/no/such/tagscan.yml")
        }
        #expect(throws: ConfigError.self) { try ConfigLoader.load(path: DialectFixtures.folder.path) }
    }

    @Test("discovery: a scanned folder's or a scanned file's folder's tagscan.yml; several is an error")
    func discovery() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tagscan-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("other"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try ConfigLoader.discover(for: [folder.path]) == nil)
        try "rules: []\n".write(to: folder.appendingPathComponent("tagscan.yml"), atomically: true, encoding: .utf8)
        #expect(try ConfigLoader.discover(for: [folder.path]) == folder.path + "/tagscan.yml")
        #expect(try ConfigLoader.discover(for: [folder.path + "/nda.pdf", "-"]) == nil, "a missing file has no folder to look in")
        FileManager.default.createFile(atPath: folder.appendingPathComponent("nda.pdf").path, contents: Data("%PDF-".utf8))
        #expect(try ConfigLoader.discover(for: [folder.appendingPathComponent("nda.pdf").path]) == folder.appendingPathComponent("tagscan.yml").path)
        try "{}".write(to: folder.appendingPathComponent("other/tagscan.json"), atomically: true, encoding: .utf8)
        #expect(throws: ConfigError.self) { try ConfigLoader.discover(for: [folder.path, folder.appendingPathComponent("other").path]) }
        #expect(try ConfigLoader.discover(for: [DialectFixtures.path("plain")]) == DialectFixtures.path("plain") + "/tagscan.yml")
    }

    @Test("rules built with the library API round-trip through JSON unchecked; a configuration file is checked")
    func libraryRulesRoundTrip() throws {
        var rule = CustomAnchorRule(id: "odd", anchor: "Sign[", isRegex: true, role: "Signer/1", signGroup: 0, type: .signature)
        rule.helpText = "Only used by text fields"
        rule.width = .points(90)
        rule.xOffset = Length(-2.5, .percent)
        rule.yOffset = .pageFraction(0.125)
        rule.occurrence = .last
        let data = try JSONEncoder().encode([rule])
        #expect(try JSONDecoder().decode([CustomAnchorRule].self, from: data) == [rule])
        let asConfig = "{\"rules\": \(String(decoding: data, as: UTF8.self))}"
        #expect(throws: ConfigError.self) { try ConfigLoader.parse(asConfig, file: "strict.json") }
    }

    @Test("a configuration encodes back to what it decodes from")
    func roundTrip() throws {
        let config = try ConfigLoader.load(path: Self.leaseConfig)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(config), as: UTF8.self)
        var decoded = try ConfigLoader.parse(json, file: "round-trip.json")
        // JSON objects have no order; the recipients come back sorted by role.
        decoded.recipients.sort { $0.role > $1.role }
        #expect(decoded == config)
    }
}
