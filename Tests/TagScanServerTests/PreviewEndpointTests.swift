import Foundation
import Testing

/// `/v1/preview` through a real server: the same pictures `tagscan preview --no-lint` draws,
/// drawn in worker processes, with bad pages refused and unreadable documents answered as
/// `/v1/scan` answers them.
@Suite(.serialized)
struct PreviewEndpointTests {
    static let pngSignature = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])

    @Test(arguments: [("multi-page.pdf", 2, 72.0), ("rotated.pdf", 1, 96.0), ("edges.pdf", 1, 150.0)])
    func aPageIsThePNGOfTagscanPreview(name: String, page: Int, dpi: Double) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tagscan-preview-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let dpiText = String(Int(dpi))
        let cli = try ServerFixtures.tagscan(
            ["preview", "--no-lint", "--pages", String(page), "--dpi", dpiText, "--out", folder.path, name], in: ServerFixtures.url("templates"))
        #expect(cli.status == 0)
        let stem = (name as NSString).deletingPathExtension
        let expected = try Data(contentsOf: folder.appendingPathComponent("\(stem)-p\(page).png"))
        try await LiveServer.with { server in
            let answer = try await HTTP.postPDF(
                server.base + "/v1/preview?file_name=\(name)&page=\(page)&dpi=\(dpiText)", try ServerFixtures.data("templates/\(name)"))
            #expect(answer.status == 200)
            #expect(answer.contentType == "image/png")
            #expect(answer.headers["x-tagscan-exit-code"] == "0")
            #expect(answer.body.prefix(8) == Self.pngSignature)
            #expect(answer.body == expected, "the service's PNG differs from tagscan preview's (\(answer.body.count) vs \(expected.count) bytes)")
        }
    }

    @Test func theHTMLReportIsThatOfTagscanPreview() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tagscan-preview-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let cli = try ServerFixtures.tagscan(
            ["preview", "--no-lint", "--format", "html", "--pages", "all", "--dpi", "36", "--out", folder.path, "multi-page.pdf"],
            in: ServerFixtures.url("templates"))
        #expect(cli.status == 0)
        let expected = try Data(contentsOf: folder.appendingPathComponent("multi-page.html"))
        try await LiveServer.with { server in
            let answer = try await HTTP.postPDF(
                server.base + "/v1/preview?format=html&pages=all&dpi=36&file_name=multi-page.pdf", try ServerFixtures.data("templates/multi-page.pdf"))
            #expect(answer.status == 200)
            #expect(answer.contentType == "text/html; charset=utf-8")
            #expect(answer.text.hasPrefix("<!DOCTYPE html>"))
            #expect(answer.text.contains("data:image/png;base64,"))
            #expect(answer.body == expected, "the service's report differs from tagscan preview's")
        }
    }

    @Test(arguments: [
        ("page=9", "page 9 is not in the document (it has 1 page)"),
        ("page=0", "page must be a page number from 1"),
        ("page=two", "page must be a page number from 1"),
        ("", "needs page=N"),
        ("page=1&dpi=5000", "dpi must be a number from 18 to 600"),
        ("format=gif&page=1", "format must be png or html"),
        ("format=html&pages=3-1", "ends before it starts"),
    ])
    func aBadPageOrParameterIs400WithAMessage(query: String, message: String) async throws {
        try await LiveServer.with { server in
            let answer = try await HTTP.postPDF(server.base + "/v1/preview?\(query)", try ServerFixtures.data("templates/edges.pdf"))
            #expect(answer.status == 400)
            #expect(answer.problem?["code"] == "bad-request")
            #expect(answer.problem?["message"]?.contains(message) == true, "\(answer.text)")
        }
    }

    @Test func aPreviewIsOfOneDocument() async throws {
        let form = MultipartBuilder()
        form.file("file", fileName: "a.pdf", try ServerFixtures.data("templates/edges.pdf"))
        form.file("file", fileName: "b.pdf", try ServerFixtures.data("templates/rotated.pdf"))
        form.close()
        try await LiveServer.with { server in
            let answer = try await HTTP.postForm(server.base + "/v1/preview?page=1", form)
            #expect(answer.status == 400)
            #expect(answer.problem?["message"]?.contains("one document") == true, "\(answer.text)")
        }
    }

    /// Unreadable and hostile documents get the schema-1 report `/v1/scan` gives them, and the
    /// server, which drew none of them itself, goes on answering.
    @Test func unreadableAndHostileDocumentsAreTheirScanReport() async throws {
        // The codes each may get: on a loaded machine the array bomb can reach the time limit
        // before its memory cap, in the scan and the preview alike.
        let cases: [(String, Set<String>?)] = [
            ("encrypted-aes-128.pdf", ["encrypted"]), ("truncated-xref.pdf", nil), ("zero-pages.pdf", ["damaged"]), ("content-bomb.pdf", ["timeout"]),
            ("array-bomb.pdf", ["too-large", "timeout"]),
        ]
        // The array bomb must reach the memory cap well before the time limit, on a busy machine
        // too: a small cap and a limit of a few seconds.
        try await LiveServer.with({
            $0.documentTimeout = 6
            $0.maxMemory = 160 << 20
        }) { server in
            for (name, codes) in cases {
                let pdf = try ServerFixtures.data("hostile/\(name)")
                let scan = try await HTTP.postPDF(server.base + "/v1/scan?file_name=\(name)", pdf)
                let preview = try await HTTP.postPDF(server.base + "/v1/preview?page=1&file_name=\(name)", pdf)
                let report = try JSONDecoder().decode(ScanReportProbe.self, from: scan.body)
                guard report.documents.first?.status == "error" else {
                    // A document poppler can read despite its damage is drawn.
                    #expect(preview.status == 200 && preview.contentType == "image/png", "\(name): \(preview.status) \(preview.text.prefix(300))")
                    continue
                }
                #expect(preview.status == 200, "\(name)")
                #expect(preview.contentType == "application/json", "\(name)")
                #expect(preview.headers["x-tagscan-exit-code"] == "2", "\(name)")
                let previewed = try JSONDecoder().decode(ScanReportProbe.self, from: preview.body)
                #expect(previewed.documents.count == 1 && previewed.documents.first?.status == "error", "\(name)")
                if let codes {
                    #expect(codes.contains(report.documents.first?.error?.code ?? ""), "\(name): the scan's code")
                    #expect(codes.contains(previewed.documents.first?.error?.code ?? ""), "\(name): the preview's code")
                } else {
                    #expect(previewed.documents.map { $0.error?.code } == report.documents.map { $0.error?.code }, "\(name)")
                }
            }
            #expect(try await HTTP.get(server.base + "/healthz").status == 200)
            let after = try await HTTP.postPDF(server.base + "/v1/preview?page=1", try ServerFixtures.data("templates/edges.pdf"))
            #expect(after.status == 200 && after.body.prefix(8) == Self.pngSignature)
            #expect(try await HTTP.get(server.base + "/metrics").text.contains(#"tagscan_http_requests_total{route="/v1/preview""#))
        }
    }

    /// A file that scans cleanly but whose page needs a 1.6 GB bitmap to draw: the drawing
    /// fails in the worker, under its memory cap, and the server, which never drew it, answers
    /// the next request.
    @Test func aPageThatExhaustsMemoryWhenDrawnCostsOnlyAWorker() async throws {
        let pdf = try ServerFixtures.data("hostile/jbig2-out-of-memory.pdf")
        try await LiveServer.with { server in
            let scan = try await HTTP.postPDF(server.base + "/v1/scan", pdf)
            #expect(scan.status == 200 && scan.headers["x-tagscan-exit-code"] == "0", "\(scan.text.prefix(300))")
            let answer = try await HTTP.postPDF(server.base + "/v1/preview?page=1&dpi=150", pdf)
            if answer.status == 200 && answer.contentType == "application/json" {
                let report = try JSONDecoder().decode(ScanReportProbe.self, from: answer.body)
                #expect(["too-large", "crashed"].contains(report.documents.first?.error?.code ?? ""), "\(answer.text.prefix(300))")
            } else {
                #expect([200, 422].contains(answer.status), "\(answer.status) \(answer.text.prefix(300))")
            }
            #expect(try await HTTP.get(server.base + "/healthz").status == 200)
            #expect(kill(server.pid, 0) == 0, "the server process is gone")
            let after = try await HTTP.postPDF(server.base + "/v1/preview?page=1", try ServerFixtures.data("templates/edges.pdf"))
            #expect(after.status == 200 && after.body.prefix(8) == Self.pngSignature)
        }
    }

    /// A page too large for cairo at the resolution asked for is read but cannot be drawn: 422.
    @Test func aPageTooLargeToDrawIs422() async throws {
        try await LiveServer.with { server in
            let answer = try await HTTP.postPDF(server.base + "/v1/preview?page=1&dpi=600", Self.hugePagePDF)
            #expect(answer.status == 422, "\(answer.text)")
            #expect(answer.problem?["code"] == "render-failed")
        }
    }

    /// One blank page of 14,400 pt square, the largest PDF allows: 120,000 pixels wide at 600 dpi,
    /// past cairo's 32,767.
    static var hugePagePDF: Data {
        var pdf = "%PDF-1.4\n"
        var offsets: [Int] = []
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 14400 14400] /Contents 4 0 R /Resources << >> >>",
            "<< /Length 0 >>\nstream\n\nendstream",
        ]
        for (index, object) in objects.enumerated() {
            offsets.append(pdf.utf8.count)
            pdf += "\(index + 1) 0 obj\n\(object)\nendobj\n"
        }
        let xref = pdf.utf8.count
        pdf += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for offset in offsets { pdf += String(format: "%010d 00000 n \n", offset) }
        pdf += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return Data(pdf.utf8)
    }
}
