import Foundation
import Testing

@testable import TagScanKit

/// SARIF output checked against the official SARIF 2.1.0 JSON schema (committed in
/// `Snapshots/lint/sarif-schema-2.1.0.json`) and against what GitHub code scanning requires of an
/// upload beyond the schema.
@Suite("SARIF validation")
struct ReporterSARIFTests {
    static func schema() throws -> JSONSchemaValidator {
        let url = FixtureSupport.snapshots.appendingPathComponent("lint/sarif-schema-2.1.0.json")
        return JSONSchemaValidator(schema: try JSONValue.parse(Data(contentsOf: url)))
    }

    /// What GitHub code scanning needs beyond the schema (its "SARIF support for code scanning"
    /// reference): the final 2.1.0 `$schema`; one run whose driver has a name; every rule with
    /// `shortDescription`, `fullDescription`, `help` and `defaultConfiguration.level`; every result
    /// with `ruleId` and a matching `ruleIndex`, a level, a plain-text message, exactly one
    /// location with a relative (or `file:`) URI and a `region.startLine` ≥ 1, and
    /// `partialFingerprints` so alerts are matched across runs without reading the file as text.
    static func githubProblems(_ log: JSONValue) -> [String] {
        var problems: [String] = []
        let schema = log["$schema"]?.string ?? ""
        if !(schema.hasSuffix("sarif-schema-2.1.0.json") || schema.hasSuffix("sarif-2.1.0.json")) { problems.append("$schema is \(schema)") }
        if log["version"]?.string != "2.1.0" { problems.append("version") }
        guard let runs = log["runs"]?.array, runs.count == 1, let run = runs.first else { return problems + ["expected one run"] }
        guard let driver = run["tool"]?["driver"], driver["name"]?.string?.isEmpty == false else { return problems + ["tool.driver.name"] }
        let rules = driver["rules"]?.array ?? []
        var ids: [String] = []
        for (index, rule) in rules.enumerated() {
            let id = rule["id"]?.string ?? ""
            ids.append(id)
            for key in ["shortDescription", "fullDescription", "help"] where (rule[key]?["text"]?.string ?? "").isEmpty {
                problems.append("rule \(index) (\(id)): \(key).text")
            }
            if !["error", "warning", "note"].contains(rule["defaultConfiguration"]?["level"]?.string ?? "") {
                problems.append("rule \(id): defaultConfiguration.level")
            }
        }
        if Set(ids).count != ids.count { problems.append("duplicate rule ids") }
        for (index, result) in (run["results"]?.array ?? []).enumerated() {
            let where_ = "result \(index)"
            guard let ruleId = result["ruleId"]?.string, let ruleIndex = result["ruleIndex"]?.int, ids.indices.contains(ruleIndex), ids[ruleIndex] == ruleId
            else {
                problems.append("\(where_): ruleId/ruleIndex")
                continue
            }
            if !["error", "warning", "note"].contains(result["level"]?.string ?? "") { problems.append("\(where_): level") }
            let text = result["message"]?["text"]?.string ?? ""
            if text.isEmpty || text.range(of: #"\{[0-9]+\}"#, options: .regularExpression) != nil { problems.append("\(where_): message.text") }
            guard let locations = result["locations"]?.array, locations.count == 1, let physical = locations[0]["physicalLocation"] else {
                problems.append("\(where_): exactly one physical location")
                continue
            }
            let uri = physical["artifactLocation"]?["uri"]?.string ?? ""
            let relative = !uri.isEmpty && !uri.hasPrefix("/") && uri.range(of: "^[A-Za-z][A-Za-z0-9+.-]*:", options: .regularExpression) == nil
            if !(relative || uri.hasPrefix("file:")) { problems.append("\(where_): uri \(uri)") }
            if (physical["region"]?["startLine"]?.int ?? 0) < 1 { problems.append("\(where_): region.startLine") }
            if (result["partialFingerprints"]?.members ?? []).isEmpty { problems.append("\(where_): partialFingerprints") }
        }
        return problems
    }

    @Test("the checker implements every keyword the schema uses")
    func validatorCoversSchema() throws {
        let validator = try Self.schema()
        #expect(validator.unsupportedKeywords.isEmpty, "\(validator.unsupportedKeywords)")
        #expect(validator.root["id"]?.string == "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json")
    }

    @Test("the checker rejects what the schema forbids")
    func validatorRejects() throws {
        let validator = try Self.schema()
        let good = try JSONValue.parse(Data(#"{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"t"}},"results":[]}]}"#.utf8))
        #expect(validator.validate(good).isEmpty)
        let bad: [(String, String)] = [
            (#"{"runs":[]}"#, "missing required property version"),
            (#"{"version":"2.0.0","runs":[]}"#, "not one of the allowed values"),
            (#"{"version":"2.1.0","runs":[],"extra":1}"#, "property extra is not allowed"),
            (#"{"version":"2.1.0","runs":[{"tool":{"driver":{}}}]}"#, "missing required property name"),
            (
                #"{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"t"}},"results":[{"message":{"text":"m"},"level":"fatal"}]}]}"#,
                "not one of the allowed values"
            ),
            (#"{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"t"}},"results":[{"message":{"text":"m"},"ruleIndex":-2}]}]}"#, "below the minimum"),
            (
                #"{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"t"}},"results":[{"message":{"text":"m"},"locations":[{"physicalLocation":{"region":{"startLine":"1"}}}]}]}]}"#,
                "is string, expected integer"
            ),
            (#"{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"t","informationUri":"not a uri"}}}]}"#, "not a valid uri"),
        ]
        for (text, problem) in bad {
            let problems = validator.validate(try JSONValue.parse(Data(text.utf8)))
            #expect(problems.contains { $0.contains(problem) }, "\(text): \(problems)")
        }
    }

    @Test("the golden report's SARIF is valid SARIF 2.1.0 and fit for GitHub code scanning")
    func goldenValidates() throws {
        let log = try JSONValue.parse(LintFormat.sarif.render(ReporterTests.report))
        #expect(try Self.schema().validate(log) == [])
        #expect(Self.githubProblems(log) == [])
    }

    @Test("SARIF of a real lint run over every trigger fixture validates, one result per finding")
    func realRunValidates() async throws {
        var paths = LintRules.descriptions.filter { $0.id != "too-many-files" }.map { LintFixtures.path($0.triggeringFixture) }
        paths.append(LintFixtures.path("directives/unknown-rule.pdf"))
        let report = try await LintFixtures.lint(paths)
        let data = LintFormat.sarif.render(report, baseDirectory: FixtureSupport.repositoryRoot.path)
        let log = try JSONValue.parse(data)
        #expect(try Self.schema().validate(log) == [])
        #expect(Self.githubProblems(log) == [])

        let results = try #require(log["runs"]?[0]?["results"]?.array)
        #expect(results.count == report.documents.reduce(0) { $0 + $1.diagnostics.count })
        // Pages go in properties; URIs are relative to the repository.
        let spans = try #require(results.first { $0["ruleId"]?.string == "anchor-spans-pages" })
        #expect(spans["properties"]?["page"]?.int == 1)
        #expect(spans["locations"]?[0]?["physicalLocation"]?["artifactLocation"]?["uri"]?.string == "Fixtures/lint/anchor-spans-pages/trigger.pdf")
        // Fingerprints are unique per result.
        let prints = results.compactMap { $0["partialFingerprints"]?[SARIFReporter.fingerprintKey]?.string }
        #expect(prints.count == results.count && Set(prints).count == prints.count)
    }
}
