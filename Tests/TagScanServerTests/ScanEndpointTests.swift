import Foundation
import TagScanKit
import Testing

/// `/v1/scan` through a real server: the bytes must be those `tagscan scan` prints for the
/// same files, documents that cannot be read are results, and the exit-code header follows.
@Suite(.serialized)
struct ScanEndpointTests {
    @Test func onePDFAnswersTheBytesOfTagscanScan() async throws {
        let directory = ServerFixtures.url("templates")
        let pdf = try ServerFixtures.data("templates/multi-page.pdf")
        let cli = try ServerFixtures.tagscan(["scan", "multi-page.pdf"], in: directory)
        #expect(cli.status == 0)
        try await LiveServer.with { server in
            let answer = try await HTTP.postPDF(server.base + "/v1/scan?file_name=multi-page.pdf", pdf)
            #expect(answer.status == 200)
            #expect(answer.contentType == "application/json")
            #expect(answer.headers["x-tagscan-exit-code"] == "0")
            #expect(answer.body == cli.stdout, "service: \(answer.text.prefix(400))")
            let report = try JSONDecoder().decode(ScanReportProbe.self, from: answer.body)
            #expect(report.documents.first?.anchors?.isEmpty == false)
        }
    }

    @Test func aBodyWithoutANameIsCalledDocumentPDF() async throws {
        let pdf = try ServerFixtures.data("templates/all-roles.pdf")
        try await LiveServer.with { server in
            let answer = try await HTTP.postPDF(server.base + "/v1/scan", pdf)
            #expect(answer.status == 200)
            let report = try JSONDecoder().decode(ScanReportProbe.self, from: answer.body)
            #expect(report.documents.map(\.file_name) == ["document.pdf"])
        }
    }

    @Test func multipartWithConfigMatchesTheCLIWithThatConfig() async throws {
        let directory = ServerFixtures.url("dialects/plain")
        let cli = try ServerFixtures.tagscan(["scan", "lease.pdf"], in: directory)
        #expect(cli.status == 0)
        let form = MultipartBuilder()
        form.file("file", fileName: "lease.pdf", try ServerFixtures.data("dialects/plain/lease.pdf"))
        form.field("config", try String(contentsOf: directory.appendingPathComponent("tagscan.yml"), encoding: .utf8))
        form.close()
        try await LiveServer.with { server in
            let answer = try await HTTP.postForm(server.base + "/v1/scan", form)
            #expect(answer.status == 200)
            #expect(answer.body == cli.stdout, "service: \(answer.text.prefix(400))")
            // Without the configuration the custom rules find nothing: the part was used.
            let plain = try await HTTP.postPDF(server.base + "/v1/scan?file_name=lease.pdf", try ServerFixtures.data("dialects/plain/lease.pdf"))
            #expect(plain.body != answer.body)
        }
    }

    @Test func severalFilesAndHostileOnesAreResultsInOrder() async throws {
        let names = ["good-neighbour.pdf", "encrypted-aes-128.pdf", "truncated-xref.pdf", "zero-pages.pdf"]
        let directory = ServerFixtures.url("hostile")
        let cli = try ServerFixtures.tagscan(["scan"] + names, in: directory)
        #expect(cli.status == 2)
        let form = MultipartBuilder()
        for name in names { form.file("file", fileName: name, try ServerFixtures.data("hostile/\(name)")) }
        form.close()
        try await LiveServer.with { server in
            let answer = try await HTTP.postForm(server.base + "/v1/scan", form)
            #expect(answer.status == 200)
            #expect(answer.headers["x-tagscan-exit-code"] == "2")
            #expect(answer.body == cli.stdout, "service: \(answer.text.prefix(600))")
            let report = try JSONDecoder().decode(ScanReportProbe.self, from: answer.body)
            #expect(report.documents.map(\.file_name) == names)
            #expect(report.documents[0].status == "ok")
            #expect(report.documents[1].error?.code == "encrypted")
            #expect(report.documents.dropFirst().allSatisfy { $0.status == "error" })
            let metrics = try await HTTP.get(server.base + "/metrics").text
            #expect(metrics.contains(#"tagscan_document_errors_total{code="encrypted"} 1"#))
            #expect(metrics.contains("tagscan_documents_scanned_total 4"))
        }
    }

    @Test func aBombIsATimeoutResultAndAWorkerRestart() async throws {
        let form = MultipartBuilder()
        form.file("file", fileName: "content-bomb.pdf", try ServerFixtures.data("hostile/content-bomb.pdf"))
        form.file("file", fileName: "good-neighbour.pdf", try ServerFixtures.data("hostile/good-neighbour.pdf"))
        form.close()
        try await LiveServer.with({ $0.documentTimeout = 1.5 }) { server in
            let answer = try await HTTP.postForm(server.base + "/v1/scan", form)
            #expect(answer.status == 200)
            let report = try JSONDecoder().decode(ScanReportProbe.self, from: answer.body)
            #expect(report.documents.map { $0.error?.code } == ["timeout", nil])
            let metrics = try await HTTP.get(server.base + "/metrics").text
            #expect(metrics.contains("tagscan_worker_restarts_total 1"))
            // The server is still there for the next request.
            #expect(try await HTTP.get(server.base + "/healthz").status == 200)
        }
    }

    @Test func ndjsonIsOneDocumentALine() async throws {
        let directory = ServerFixtures.url("templates")
        let cli = try ServerFixtures.tagscan(["scan", "--format", "ndjson", "rotated.pdf", "edges.pdf"], in: directory)
        let form = MultipartBuilder()
        form.file("file", fileName: "rotated.pdf", try ServerFixtures.data("templates/rotated.pdf"))
        form.file("file", fileName: "edges.pdf", try ServerFixtures.data("templates/edges.pdf"))
        form.close()
        try await LiveServer.with { server in
            let answer = try await HTTP.postForm(server.base + "/v1/scan?format=ndjson", form)
            #expect(answer.status == 200)
            #expect(answer.contentType == "application/x-ndjson")
            #expect(answer.body == cli.stdout)
        }
    }
}

/// The parts of the schema-1 JSON the tests look at.
struct ScanReportProbe: Decodable {
    struct Document: Decodable {
        struct Failure: Decodable { var code: String }
        var file_name: String
        var status: String
        var error: Failure?
        var anchors: [AnchorProbe]?
    }
    struct AnchorProbe: Decodable { var text: String }
    var schema_version: Int
    var documents: [Document]
}
