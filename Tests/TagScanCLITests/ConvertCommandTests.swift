import Foundation
import Testing

/// `tagscan convert` and `--config`, end to end through the built binary.
@Suite("tagscan convert and --config")
struct ConvertCommandTests {
    /// The first document of a schema-1 JSON report.
    static func document(_ outcome: CommandRunner.Outcome, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        let report = try #require(try JSONSerialization.jsonObject(with: outcome.stdoutData) as? [String: Any], sourceLocation: sourceLocation)
        #expect(report["schema_version"] as? Int == 1, sourceLocation: sourceLocation)
        let documents = try #require(report["documents"] as? [[String: Any]], sourceLocation: sourceLocation)
        return try #require(documents.first, sourceLocation: sourceLocation)
    }

    static func recipients(_ document: [String: Any]) -> [(role: String, tags: [[String: Any]])] {
        ((document["recipients"] as? [[String: Any]]) ?? []).map { ($0["role"] as? String ?? "", ($0["tags"] as? [[String: Any]]) ?? []) }
    }

    static func rules(_ document: [String: Any]) -> [String] {
        ((document["diagnostics"] as? [[String: Any]]) ?? []).compactMap { $0["rule"] as? String }
    }

    static func scratchFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tagscan-convert-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test("convert --from acrobat prints the same JSON as the library's golden file")
    func acrobatMatchesGolden() throws {
        let outcome = try CommandRunner.run(["convert", "Fixtures/dialects/acrobat.pdf", "--from", "acrobat"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let golden = try String(
            contentsOf: CommandRunner.repositoryRoot.appendingPathComponent("Tests/TagScanKitTests/Snapshots/dialects/acrobat.convert.json"), encoding: .utf8)
        // The library test scanned the file from memory under its bare name.
        #expect(outcome.stdout.replacingOccurrences(of: "\"Fixtures/dialects/acrobat.pdf\"", with: "\"acrobat.pdf\"") == golden)
        let document = try Self.document(outcome)
        #expect(Self.recipients(document).map(\.role) == ["Signer 1", "Signer 2"])
        #expect(Self.recipients(document).map(\.tags.count) == [5, 4])
    }

    @Test("--from picks the dialects translated; auto takes them all")
    func fromSelects() throws {
        let auto = try Self.document(try CommandRunner.run(["convert", "Fixtures/dialects/mixed.pdf", "--from", "auto"]))
        #expect(Self.recipients(auto).flatMap(\.tags).count == 5)
        let dropbox = try Self.document(try CommandRunner.run(["convert", "Fixtures/dialects/mixed.pdf", "--from", "dropbox"]))
        let tags = Self.recipients(dropbox).flatMap(\.tags)
        #expect(tags.count == 1 && tags.first?["type"] as? String == "signature")
        #expect(Self.rules(dropbox).filter { $0 == "foreign-tag" }.count == 4, "the other dialects' tags stay warnings (the wrapped one is reported as such)")
        // A plain scan places nothing for foreign tags.
        let scan = try Self.document(try CommandRunner.run(["scan", "Fixtures/dialects/mixed.pdf"]))
        #expect(Self.recipients(scan).isEmpty && Self.rules(scan).filter { $0 == "foreign-tag" }.count == 5)
    }

    @Test("--role-map renames recipients; the command line wins over the configuration")
    func roleMap() throws {
        let outcome = try CommandRunner.run([
            "convert", "Fixtures/dialects/docusign.pdf", "--from", "docusign", "--role-map", "signer1=Buyer 1", "--role-map", "signer2=Seller 1",
        ])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(Self.recipients(try Self.document(outcome)).map(\.role) == ["Signer 3", "Buyer 1", "Seller 1"])

        let folder = try Self.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = folder.appendingPathComponent("roles.yml")
        try "role_map:\n  signer1: Tenant 1\n  signer3: Witness 1\n".write(to: config, atomically: true, encoding: .utf8)
        let both = try CommandRunner.run([
            "convert", "Fixtures/dialects/docusign.pdf", "--from", "docusign", "--config", config.path, "--role-map", "signer1=Buyer 1",
        ])
        #expect(Self.recipients(try Self.document(both)).map(\.role) == ["Signer 2", "Buyer 1", "Witness 1"])
    }

    @Test("ndjson and --output work as for scan")
    func formats() throws {
        let folder = try Self.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("out.ndjson")
        let outcome = try CommandRunner.run([
            "convert", "Fixtures/dialects/documenso.pdf", "Fixtures/dialects/docuseal.pdf", "--from", "auto", "--format", "ndjson", "--output", file.path,
        ])
        #expect(outcome.status == 0 && outcome.stdout.isEmpty, "\(outcome.stderr)")
        let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 2)
        let paths = try lines.map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])["path"] as? String }
        #expect(paths == ["Fixtures/dialects/documenso.pdf", "Fixtures/dialects/docuseal.pdf"])
        let text = try CommandRunner.run(["convert", "Fixtures/dialects/documenso.pdf", "--from", "documenso", "--format", "text"])
        #expect(text.stdout.contains("Signer 1 (sign group 1):") && text.stdout.contains("[foreign-tag-malformed]"))
    }

    @Test(
        "usage errors exit 64",
        arguments: [
            ["convert", "Fixtures/dialects/acrobat.pdf"],
            ["convert", "Fixtures/dialects/acrobat.pdf", "--from", "zoho"],
            ["convert", "Fixtures/dialects/acrobat.pdf", "--from", "auto", "--role-map", "signer1"],
            ["convert", "Fixtures/dialects/acrobat.pdf", "--from", "auto", "--role-map", "signer1=Bad/Role"],
        ])
    func usage(arguments: [String]) throws {
        let outcome = try CommandRunner.run(arguments)
        #expect(outcome.status == 64, "\(arguments): \(outcome.stderr)")
    }

    @Test("scan finds tagscan.yml in the scanned folder and places the custom rules' fields")
    func discoveredConfig() throws {
        for path in ["Fixtures/dialects/plain", "Fixtures/dialects/plain/lease.pdf"] {
            let outcome = try CommandRunner.run(["scan", path])
            #expect(outcome.status == 0, "\(outcome.stderr)")
            let document = try Self.document(outcome)
            #expect(Self.recipients(document).map(\.role) == ["Tenant 1", "Landlord 1"], "\(path)")
            #expect(Self.recipients(document).map(\.tags.count) == [3, 2], "\(path)")
            let signGroups = ((document["recipients"] as? [[String: Any]]) ?? []).compactMap { $0["sign_group"] as? Int }
            #expect(signGroups == [1, 2])
        }
        // Without the configuration, the plain-words lease has nothing to place.
        let folder = try Self.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(
            at: CommandRunner.repositoryRoot.appendingPathComponent("Fixtures/dialects/plain/lease.pdf"), to: folder.appendingPathComponent("lease.pdf"))
        let bare = try Self.document(try CommandRunner.run(["scan", folder.path]))
        #expect(Self.recipients(bare).isEmpty)
        let given = try Self.document(try CommandRunner.run(["scan", folder.path, "--config", "Fixtures/dialects/plain/tagscan.yml"]))
        #expect(Self.recipients(given).map(\.tags.count) == [3, 2])
    }

    @Test("a bad configuration is a usage error naming the file and the line")
    func badConfig() throws {
        let folder = try Self.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = folder.appendingPathComponent("tagscan.yml")
        try """
        rules:
          - anchor: "Signature:"
            role: Signer 1
            type: signature
            x_offset: 5 furlongs
        """.write(to: config, atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(
            at: CommandRunner.repositoryRoot.appendingPathComponent("Fixtures/dialects/custom-rules.pdf"), to: folder.appendingPathComponent("form.pdf"))
        for arguments in [
            ["scan", folder.path], ["scan", "Fixtures/dialects/custom-rules.pdf", "--config", config.path], ["convert", folder.path, "--from", "auto"],
        ] {
            let outcome = try CommandRunner.run(arguments)
            #expect(outcome.status == 64, "\(arguments)")
            #expect(outcome.stdout.isEmpty)
            #expect(outcome.stderr.contains("\(config.path):5: rule 1: '5 furlongs' is not a length"), "\(arguments): \(outcome.stderr)")
        }
        try "rules:\n  - anchor: Signature\n    rol: Signer 1\n".write(to: config, atomically: true, encoding: .utf8)
        let unknown = try CommandRunner.run(["scan", folder.path])
        #expect(unknown.status == 64 && unknown.stderr.contains("tagscan.yml:3: unknown key 'rol' in rule 1"), "\(unknown.stderr)")
        let missing = try CommandRunner.run(["scan", "Fixtures/dialects/custom-rules.pdf", "--config", folder.appendingPathComponent("nope.yml").path])
        #expect(missing.status == 64 && missing.stderr.contains("nope.yml: no such file"), "\(missing.stderr)")
    }

    @Test("custom rules from the configuration place fields where the rule says")
    func configuredRule() throws {
        let folder = try Self.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = folder.appendingPathComponent("rule.yml")
        try """
        rules:
          - anchor: "Signature:"
            occurrence: first
            role: Signer 1
            type: signature
            align: right
            x_offset: 0.5in
        """.write(to: config, atomically: true, encoding: .utf8)
        let outcome = try CommandRunner.run(["scan", "Fixtures/dialects/custom-rules.pdf", "--config", config.path])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let tag = try #require(Self.recipients(try Self.document(outcome)).first?.tags.first)
        // "Signature:" at x 72, 54.696 pt wide (Helvetica 12): right edge + 36 pt, over A4's width.
        let x = try #require(tag["x"] as? Double)
        #expect(abs(x - (72 + 54.696 + 36) / 595.28) <= 0.0001, "\(x)")
    }
}
