import Foundation
import Testing

/// `/v1/lint`: the report `tagscan lint --format … --no-render` prints for the same files (the
/// service does not render anchors, which would run poppler outside the workers).
@Suite(.serialized)
struct LintEndpointTests {
    @Test(arguments: ["json", "sarif", "junit"])
    func lintAnswersTheCLIReport(format: String) async throws {
        let directory = ServerFixtures.url("templates")
        let names = ["wrapped.pdf", "hidden.pdf"]
        let cli = try ServerFixtures.tagscan(["lint", "--no-render", "--format", format] + names, in: directory)
        let form = MultipartBuilder()
        for name in names { form.file("file", fileName: name, try ServerFixtures.data("templates/\(name)")) }
        form.close()
        try await LiveServer.with { server in
            let answer = try await HTTP.postForm(server.base + "/v1/lint?format=\(format)", form)
            #expect(answer.status == 200)
            #expect(answer.headers["x-tagscan-exit-code"] == String(cli.status))
            #expect(answer.body == cli.stdout, "service: \(answer.text.prefix(500))")
        }
    }

    @Test func disabledRulesAndStrictFollowTheCLI() async throws {
        let directory = ServerFixtures.url("templates")
        let cli = try ServerFixtures.tagscan(
            ["lint", "--no-render", "--format", "json", "--strict", "--disable", "anchor-wraps-line", "wrapped.pdf"], in: directory)
        try await LiveServer.with { server in
            let answer = try await HTTP.postPDF(
                server.base + "/v1/lint?format=json&strict=true&disable=anchor-wraps-line&file_name=wrapped.pdf",
                try ServerFixtures.data("templates/wrapped.pdf"))
            #expect(answer.status == 200)
            #expect(answer.headers["x-tagscan-exit-code"] == String(cli.status))
            #expect(answer.body == cli.stdout)
            let unknown = try await HTTP.postPDF(server.base + "/v1/lint?disable=no-such-rule", try ServerFixtures.data("templates/wrapped.pdf"))
            #expect(unknown.status == 400)
            #expect(unknown.problem?["message"]?.contains("no-such-rule") == true)
        }
    }
}
