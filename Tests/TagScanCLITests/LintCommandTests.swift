import Foundation
import TagScanKit
import Testing

/// `tagscan lint` end to end: the built binary's exit codes , formats and flags.
@Suite("tagscan lint")
struct LintCommandTests {
    static func lint(_ arguments: [String]) throws -> CommandRunner.Outcome {
        try CommandRunner.run(["lint", "--jobs", "1"] + arguments)
    }

    @Test("a clean template exits 0 and prints only its information note")
    func clean() throws {
        let outcome = try Self.lint(["Fixtures/lint/visible-anchor/clean.pdf"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(
            outcome.stdout
                == #"Fixtures/lint/visible-anchor/clean.pdf: info: the auto-tags' roles (Signer) need "autotagging": "GENERAL" in the envelope options [industry-type]"#
                + "\n")
        #expect(outcome.stderr == "tagscan lint: 1 document: 0 errors, 0 warnings, 1 info\n")
    }

    @Test("error findings exit 1, as path:page: severity: message [rule]")
    func errors() throws {
        let outcome = try Self.lint(["Fixtures/lint/optional-date-signed/trigger.pdf"])
        #expect(outcome.status == 1)
        #expect(
            outcome.stdout.contains(
                "Fixtures/lint/optional-date-signed/trigger.pdf:1: error: |S1DSO| is an optional date-signed field; Yoti requires date_signed_field to be required: use R [optional-date-signed]\n"
            ))
    }

    @Test("warnings alone exit 0, and 1 with --strict")
    func strict() throws {
        let path = "Fixtures/lint/visible-anchor/trigger.pdf"
        let lenient = try Self.lint([path])
        #expect(lenient.status == 0)
        #expect(lenient.stdout.contains(":1: warning: |S1SR| is drawn in #000000"))
        let strict = try Self.lint(["--strict", path])
        #expect(strict.status == 1)
        #expect(strict.stdout == lenient.stdout)
    }

    @Test("an unreadable file exits 2, even next to other findings")
    func unreadable() throws {
        let outcome = try Self.lint(["Fixtures/lint/optional-date-signed/trigger.pdf", "Fixtures/lint/unreadable/trigger.pdf"])
        #expect(outcome.status == 2)
        #expect(outcome.stdout.contains("Fixtures/lint/unreadable/trigger.pdf: error: "))
        #expect(outcome.stdout.contains("[unreadable]"))
        let encrypted = try Self.lint(["Fixtures/lint/encrypted/trigger.pdf"])
        #expect(encrypted.status == 2)
        #expect(encrypted.stdout.contains("[encrypted]"))
    }

    @Test("usage errors exit 64: a bad flag, an unknown rule, no paths, a bad format")
    func usage() throws {
        for arguments in [
            ["--no-such-flag", "Fixtures/lint/visible-anchor/clean.pdf"], ["--disable", "no-such-rule", "Fixtures/lint/visible-anchor/clean.pdf"], [],
            ["--format", "xml", "Fixtures/lint/visible-anchor/clean.pdf"],
        ] {
            let outcome = try Self.lint(arguments)
            #expect(outcome.status == 64, "\(arguments): \(outcome.stderr)")
            #expect(outcome.stdout.isEmpty)
        }
        let unknown = try Self.lint(["--disable", "no-such-rule", "Fixtures/lint/visible-anchor/clean.pdf"])
        #expect(unknown.stderr.contains("unknown rule no-such-rule"))
    }

    @Test("--disable turns rules off, repeated or comma-separated")
    func disable() throws {
        let path = "Fixtures/lint/directives/same-without.pdf"
        let all = try Self.lint([path])
        #expect(all.stdout.contains("[visible-anchor]") && all.stdout.contains("[tiny-anchor]"))
        let repeated = try Self.lint(["--disable", "visible-anchor", "--disable", "tiny-anchor", path])
        let listed = try Self.lint(["--disable", "visible-anchor,tiny-anchor", path])
        for outcome in [repeated, listed] {
            #expect(outcome.status == 0)
            #expect(!outcome.stdout.contains("[visible-anchor]") && !outcome.stdout.contains("[tiny-anchor]"))
            #expect(outcome.stdout.contains("[industry-type]"))
        }
    }

    @Test("the configuration file's disabled_rules turn rules off, found beside the templates or given with --config")
    func configDisabledRules() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tagscan-lint-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(
            at: CommandRunner.repositoryRoot.appendingPathComponent("Fixtures/lint/directives/same-without.pdf"),
            to: folder.appendingPathComponent("template.pdf"))
        try "disabled_rules: [visible-anchor]\n".write(to: folder.appendingPathComponent("tagscan.yml"), atomically: true, encoding: .utf8)
        let found = try Self.lint([folder.path])
        #expect(!found.stdout.contains("[visible-anchor]") && found.stdout.contains("[tiny-anchor]"), "\(found.stdout)")

        let elsewhere = folder.appendingPathComponent("other.yml")
        try "disabled_rules: [tiny-anchor]\n".write(to: elsewhere, atomically: true, encoding: .utf8)
        let given = try Self.lint(["--config", elsewhere.path, folder.appendingPathComponent("template.pdf").path])
        #expect(given.stdout.contains("[visible-anchor]") && !given.stdout.contains("[tiny-anchor]"), "\(given.stdout)")

        try "disabled_rules: [Not A Rule]\n".write(to: elsewhere, atomically: true, encoding: .utf8)
        let bad = try Self.lint(["--config", elsewhere.path, folder.path])
        #expect(bad.status == 64)
    }

    @Test("--list-rules lists every diagnostic of the catalog with its severity, without paths")
    func listRules() throws {
        let outcome = try CommandRunner.run(["lint", "--list-rules"])
        #expect(outcome.status == 0)
        let lines = outcome.stdout.split(separator: "\n")
        #expect(lines.count == DiagnosticCatalog.all.count)
        #expect(lines.first?.hasPrefix("anchor-not-found") == true)
        #expect(lines.contains { $0.hasPrefix("spaced-anchor") && $0.contains(" warning ") })
        #expect(lines.contains { $0.hasPrefix("visible-anchor") && $0.contains(" warning ") })
        #expect(lines.contains { $0.hasPrefix("industry-type") && $0.contains(" info ") })
    }

    @Test("--envelope groups a folder: 21 files exceed Yoti's 20")
    func envelope() throws {
        let grouped = try Self.lint(["--envelope", "Fixtures/lint/too-many-files/trigger"])
        #expect(grouped.status == 1)
        #expect(
            grouped.stdout.contains(
                "Fixtures/lint/too-many-files/trigger/part-21.pdf: error: envelope Fixtures/lint/too-many-files/trigger holds 21 files; Yoti accepts at most 20 (this is file 21) [too-many-files]"
            ))
        let separate = try Self.lint(["Fixtures/lint/too-many-files/trigger"])
        #expect(separate.status == 0)
        #expect(!separate.stdout.contains("too-many-files]"))
    }

    @Test("--format sarif --output writes SARIF to the file and nothing to stdout")
    func sarifOutput() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("tagscan-lint-\(UUID().uuidString).sarif")
        defer { try? FileManager.default.removeItem(at: file) }
        let outcome = try Self.lint(["--format", "sarif", "--output", file.path, "Fixtures/lint/tags-overlap/trigger.pdf"])
        #expect(outcome.status == 0)
        #expect(outcome.stdout.isEmpty)
        let log = try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any]
        #expect(log?["version"] as? String == "2.1.0")
        let results = ((log?["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]]) ?? []
        #expect(results.map { $0["ruleId"] as? String } == ["industry-type", "tags-overlap"])
    }

    @Test("--format github prints escaped workflow commands; json is schema 1")
    func otherFormats() throws {
        let github = try Self.lint(["--format", "github", "Fixtures/lint/recipient-gap/trigger.pdf"])
        #expect(
            github.stdout.contains(
                "::warning file=Fixtures/lint/recipient-gap/trigger.pdf,title=recipient-gap (page 1)::The document has fields for Signer 3 (|S3SR|) but none for Signer 2; check the anchors' recipient numbers\n"
            ))
        let json = try Self.lint(["--format", "json", "Fixtures/lint/recipient-gap/trigger.pdf"])
        let report = try JSONSerialization.jsonObject(with: json.stdoutData) as? [String: Any]
        #expect(report?["schema_version"] as? Int == 1)
        let diagnostics = ((report?["documents"] as? [[String: Any]])?.first?["diagnostics"] as? [[String: Any]]) ?? []
        #expect(diagnostics.map { $0["rule"] as? String } == ["industry-type", "recipient-gap"])
        let junit = try Self.lint(["--format", "junit", "--strict", "Fixtures/lint/recipient-gap/trigger.pdf"])
        #expect(junit.status == 1)
        #expect(junit.stdout.contains(#"<testcase classname="Fixtures/lint/recipient-gap/trigger.pdf" name="recipient-gap">"#))
        #expect(junit.stdout.contains(#"<failure type="recipient-gap""#))
    }
}
