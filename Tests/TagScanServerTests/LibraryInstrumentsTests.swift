import Foundation
import Logging
import Synchronization
@testable import TagScanKit
import Testing

/// TagScanKit's own reporting: debug lines on a Logger its host passes, nothing above debug, and
/// counts through swift-metrics that the service's `/metrics` shows.
@Suite(.serialized)
struct LibraryInstrumentsTests {
    /// In process: worker processes of this test process would upset the isolation suite's
    /// checks for leftover workers; the isolated path is the server's, in the last test here.
    @Test func aLoggerPassedToTheScannerGetsDebugLines() async throws {
        let capture = CapturedLog()
        var logger = Logger(label: "test.scanner") { _ in capture.handler }
        logger.logLevel = .debug
        let options = ScanOptions(jobs: 1)
        let sources: [DocumentSource] = [
            .file(path: ServerFixtures.url("templates/multi-page.pdf").path), .file(path: ServerFixtures.url("hostile/encrypted-aes-128.pdf").path),
        ]
        let report = try await Scanner(options: options, logger: logger).scan(sources)
        #expect(report.documents.count == 2)
        let lines = capture.entries
        #expect(lines.map(\.message) == ["scan started", "document scanned", "document scanned", "scan ended"])
        #expect(lines.allSatisfy { $0.level == .debug })
        #expect(lines.first?.metadata["documents"] == "2")
        #expect(lines[1].metadata["status"] == "ok")
        #expect(lines[1].metadata["pages"] == "\(report.documents[0].pageCount)")
        #expect(lines[2].metadata["error_code"] == "encrypted")
        // Counts and codes only: no anchor text, no file name.
        let everything = lines.map { "\($0.message) \($0.metadata)" }.joined(separator: "\n")
        #expect(!everything.contains("|S1") && !everything.contains("multi-page"), "\(everything)")

        let quiet = CapturedLog()
        var informational = Logger(label: "test.scanner") { _ in quiet.handler }
        informational.logLevel = .info
        _ = try await Scanner(options: options, logger: informational).scan(sources)
        #expect(quiet.entries.isEmpty, "a library logs nothing above debug")
    }

    /// This test process bootstraps no metrics backend: the scanner then makes no metric at all.
    @Test func withoutABackendTheScannerMeasuresNothing() {
        let instruments = ScanInstruments(logger: nil, documents: 1, options: ScanOptions(jobs: 1))
        #expect(!instruments.measures)
    }

    @Test func theLibrarysMetricsShowInTheServicesMetrics() async throws {
        try await LiveServer.with { server in
            let before = try await HTTP.get(server.base + "/metrics").text
            #expect(!before.contains("tagscankit_documents_scanned_total"))
            let good = try await HTTP.postPDF(server.base + "/v1/scan", try ServerFixtures.data("templates/multi-page.pdf"))
            let pages = try #require(
                (try JSONSerialization.jsonObject(with: good.body) as? [String: Any]).flatMap {
                    (($0["documents"] as? [[String: Any]])?.first?["page_count"] as? Int)
                })
            _ = try await HTTP.postPDF(server.base + "/v1/scan", try ServerFixtures.data("hostile/encrypted-aes-128.pdf"))
            // A preview's scan, in its worker, is counted too.
            let preview = try await HTTP.postPDF(server.base + "/v1/preview?page=1", try ServerFixtures.data("templates/multi-page.pdf"))
            #expect(preview.status == 200)
            let metrics = try await HTTP.get(server.base + "/metrics").text
            for line in [
                #"tagscankit_documents_scanned_total{status="ok"} 2"#, #"tagscankit_documents_scanned_total{status="error"} 1"#,
                "tagscankit_pages_scanned_total \(2 * pages)", #"tagscankit_document_errors_total{code="encrypted"} 1"#,
                "tagscankit_document_duration_seconds_count 3",
            ] {
                #expect(metrics.contains(line), "no \(line) in\n\(metrics)")
            }
            // The server's own metrics are still there.
            #expect(metrics.contains("tagscan_documents_scanned_total 3"))
        }
    }

    @Test func aServerLoggingAtDebugShowsTheScannersLines() async throws {
        try await LiveServer.with({ $0.logLevel = .debug }) { server in
            let answer = try await HTTP.postPDF(server.base + "/v1/scan?file_name=multi-page.pdf", try ServerFixtures.data("templates/multi-page.pdf"))
            #expect(answer.status == 200)
            let deadline = ContinuousClock.now + .seconds(10)
            while !server.logs.lines.contains(where: { $0["message"] == "scan ended" }) && ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(50))
            }
            let lines = server.logs.lines
            #expect(lines.contains { $0["message"] == "document scanned" && $0["level"] == "debug" && $0["status"] == "ok" })
            #expect(lines.contains { $0["message"] == "scan ended" })
            #expect(!server.logs.text.contains("|S1") && !server.logs.text.contains("multi-page"))
        }
    }
}

/// Log entries kept in memory.
final class CapturedLog: Sendable {
    struct Entry: Sendable {
        var level: Logger.Level
        var message: String
        var metadata: [String: String]
    }

    private let store = Mutex<[Entry]>([])

    var entries: [Entry] { store.withLock { $0 } }

    var handler: Handler { Handler(sink: self) }

    struct Handler: LogHandler {
        let sink: CapturedLog
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let fields = metadata.merging(event.metadata ?? [:]) { $1 }.mapValues { "\($0)" }
            sink.store.withLock { $0.append(Entry(level: event.level, message: "\(event.message)", metadata: fields)) }
        }
    }
}
