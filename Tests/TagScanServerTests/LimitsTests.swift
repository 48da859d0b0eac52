import Foundation
import NIOHTTP1
import TestSupport
import Testing

/// What the service refuses, and how: bodies over the limit, malformed uploads, a missing
/// token, a full queue, a deadline.
@Suite(.serialized)
struct LimitsTests {
    @Test func aDeclaredBodyOverTheLimitIs413BeforeItIsSent() async throws {
        try await LiveServer.with({ $0.maxBodyBytes = 64 << 10 }) { server in
            let socket = try RawHTTP(port: server.port)
            // 100 MB announced, not one byte sent: the answer cannot have waited for the body.
            try socket.send("POST /v1/scan HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/pdf\r\nContent-Length: 100000000\r\n\r\n")
            let (status, head) = try socket.readHead()
            #expect(status == 413, "\(head)")
        }
    }

    /// The server answers 413 on the headers and closes the connection rather than read the
    /// rest of a body it will not use: the client here sends a sliver of the announced gigabyte
    /// and gets both the answer and the end of the connection.
    @Test func aDeclaredBodyOverTheLimitIsNotReadAfterThe413() async throws {
        try await LiveServer.with({ $0.maxBodyBytes = 64 << 10 }) { server in
            let socket = try RawHTTP(port: server.port)
            try socket.send("POST /v1/scan HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/pdf\r\nContent-Length: 1000000000\r\n\r\n")
            _ = socket.sendUntilClosed(Data(repeating: 0x25, count: 256 << 10))
            let (status, head) = try socket.readHead()
            #expect(status == 413, "\(head)")
            #expect(head.lowercased().contains("connection: close"), "\(head)")
            #expect(socket.closes(within: 10), "the server kept the connection open, waiting for the rest of the body")
            // The server goes on serving.
            #expect(try await HTTP.get(server.base + "/healthz").status == 200)
        }
    }

    @Test func aStreamedBodyOverTheLimitIs413WhileStillBeingSent() async throws {
        try await LiveServer.with({ $0.maxBodyBytes = 64 << 10 }) { server in
            let socket = try RawHTTP(port: server.port)
            try socket.send("POST /v1/scan HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/pdf\r\nTransfer-Encoding: chunked\r\n\r\n")
            // 128 KiB in chunks, and the body is never ended with its last chunk.
            let chunk = Data(repeating: 0x41, count: 16 << 10)
            for _ in 0..<8 {
                try socket.send(String(chunk.count, radix: 16) + "\r\n")
                try socket.send(chunk)
                try socket.send("\r\n")
            }
            let (status, head) = try socket.readHead()
            #expect(status == 413, "\(head)")
        }
    }

    @Test func malformedMultipartIs400WithAMessage() async throws {
        let truncated = MultipartBuilder()
        truncated.file("file", fileName: "a.pdf", try ServerFixtures.data("templates/edges.pdf"))  // no closing boundary
        let noFile = MultipartBuilder()
        noFile.field("comment", "no document here")
        noFile.close()
        let badConfig = MultipartBuilder()
        badConfig.file("file", fileName: "a.pdf", try ServerFixtures.data("templates/edges.pdf"))
        badConfig.field("config", "rules:\n  - id: x\n    ofset: 3\n")
        badConfig.close()
        try await LiveServer.with { server in
            for (form, fragment) in [(truncated, "closing boundary"), (noFile, "neither a config part nor a file"), (badConfig, "config part was refused")] {
                let answer = try await HTTP.postForm(server.base + "/v1/scan", form)
                #expect(answer.status == 400)
                #expect(answer.contentType == "application/json")
                #expect(answer.problem?["code"] == "bad-request")
                #expect(answer.problem?["message"]?.contains(fragment) == true, "\(answer.text)")
            }
            let noBoundary = try await HTTP.send(.POST, server.base + "/v1/scan", headers: [("Content-Type", "multipart/form-data")], body: Data("x".utf8))
            #expect(noBoundary.status == 400)
            let wrongType = try await HTTP.send(.POST, server.base + "/v1/scan", headers: [("Content-Type", "text/plain")], body: Data("x".utf8))
            #expect(wrongType.status == 415)
            let badFormat = try await HTTP.postPDF(server.base + "/v1/scan?format=xml", try ServerFixtures.data("templates/edges.pdf"))
            #expect(badFormat.status == 400)
        }
    }

    @Test func aTokenGuardsTheV1EndpointsOnly() async throws {
        let pdf = try ServerFixtures.data("templates/edges.pdf")
        try await LiveServer.with({ $0.token = "s3cret-token" }) { server in
            let missing = try await HTTP.postPDF(server.base + "/v1/scan", pdf)
            #expect(missing.status == 401)
            #expect(missing.headers["www-authenticate"] == "Bearer")
            let wrong = try await HTTP.postPDF(server.base + "/v1/scan", pdf, headers: [("Authorization", "Bearer s3cret-tokeN")])
            #expect(wrong.status == 401)
            let longer = try await HTTP.postPDF(server.base + "/v1/lint", pdf, headers: [("Authorization", "Bearer s3cret-token-and-more")])
            #expect(longer.status == 401)
            let right = try await HTTP.postPDF(server.base + "/v1/scan", pdf, headers: [("Authorization", "Bearer s3cret-token")])
            #expect(right.status == 200)
            #expect(try await HTTP.get(server.base + "/healthz").status == 200)
            #expect(try await HTTP.get(server.base + "/readyz").status == 200)
            #expect(!server.logs.text.contains("s3cret"), "the token must never be logged")
        }
    }

    @Test func aFullQueueIs429WithRetryAfter() async throws {
        let bomb = try ServerFixtures.data("hostile/content-bomb.pdf")
        try await LiveServer.with({
            $0.workers = 1
            $0.queueSize = 0
            $0.documentTimeout = 4
        }) { server in
            async let slow = HTTP.postPDF(server.base + "/v1/scan?file_name=bomb.pdf", bomb)
            try await Self.waitForBusyWorker(server)
            let refused = try await HTTP.postPDF(server.base + "/v1/scan", try ServerFixtures.data("templates/edges.pdf"))
            #expect(refused.status == 429)
            #expect(refused.headers["retry-after"] == "1")
            #expect(refused.problem?["code"] == "queue-full")
            #expect(try await HTTP.get(server.base + "/readyz").status == 503)
            let first = try await slow
            #expect(first.status == 200)
            #expect(try await HTTP.get(server.base + "/readyz").status == 200)
            #expect(try await HTTP.get(server.base + "/metrics").text.contains("tagscan_requests_rejected_total 1"))
        }
    }

    @Test func theRequestDeadlineIs503AndStopsTheWorker() async throws {
        let bomb = try ServerFixtures.data("hostile/content-bomb.pdf")
        try await LiveServer.with({
            $0.requestTimeout = 1
            $0.documentTimeout = 60
        }) { server in
            let started = ContinuousClock.now
            let answer = try await HTTP.postPDF(server.base + "/v1/scan", bomb)
            #expect(answer.status == 503)
            #expect(answer.problem?["code"] == "deadline-exceeded")
            #expect(ContinuousClock.now - started < .seconds(20))
            // The cancelled scan killed and reaped its worker.
            let deadline = ContinuousClock.now + .seconds(10)
            while !Self.workers(of: server.pid).isEmpty && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(100)) }
            #expect(Self.workers(of: server.pid).isEmpty, "workers left: \(Self.workers(of: server.pid))")
        }
    }

    @Test func eachRequestLogsOneLineWithItsID() async throws {
        try await LiveServer.with { server in
            let answer = try await HTTP.postPDF(
                server.base + "/v1/scan?file_name=multi-page.pdf", try ServerFixtures.data("templates/multi-page.pdf"), headers: [("X-Request-ID", "trace-42")])
            #expect(answer.headers["x-request-id"] == "trace-42")
            let fresh = try await HTTP.get(server.base + "/healthz")
            let generated = try #require(fresh.headers["x-request-id"])
            #expect(generated.count == 36)
            // The line is written once the answer is sent, and read from the server's stderr.
            var requests: [[String: String]] = []
            let deadline = ContinuousClock.now + .seconds(10)
            repeat {
                requests = server.logs.lines.filter { $0["message"] == "request" }
                if requests.contains(where: { $0["request_id"] == generated }) { break }
                try await Task.sleep(for: .milliseconds(50))
            } while ContinuousClock.now < deadline
            #expect(requests.filter { $0["request_id"] == "trace-42" }.count == 1)
            #expect(requests.filter { $0["request_id"] == generated }.count == 1)
            let line = try #require(requests.first { $0["request_id"] == "trace-42" })
            #expect(line["status"] == "200")
            #expect(line["route"] == "/v1/scan")
            #expect(line["documents"] == "1")
            // Neither the anchors nor the document's name reach the log.
            #expect(!server.logs.text.contains("|S1"))
            #expect(!server.logs.text.contains("multi-page"))
        }
    }

    /// Waits until the server has a request in a worker slot.
    static func waitForBusyWorker(_ server: LiveServer) async throws {
        // Generous: the whole suite runs at once on a machine of two cores.
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            if try await HTTP.get(server.base + "/metrics").text.contains("tagscan_workers_busy 1.0") { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw ServerTestError(description: "no request reached a worker")
    }

    /// Worker processes of the server `pid`, and children of it that were never reaped.
    static func workers(of pid: Int32) -> [Int32] {
        ProcessTable.entries().filter { $0.parentPID == pid && ($0.arguments.contains("__worker") || $0.state == "Z") }.map(\.pid)
    }
}
