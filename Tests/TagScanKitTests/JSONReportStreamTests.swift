import Foundation
import Synchronization
import Testing
@testable import TagScanKit

/// The JSON report written document by document is byte for byte the report written at once.
@Suite("JSON report, streamed")
struct JSONReportStreamTests {
    /// Good, broken and encrypted documents, with anchors, diagnostics and errors.
    static let report: ScanReport = {
        let paths = [FixtureSupport.path("templates"), FixtureSupport.path("broken"), FixtureSupport.path("dialects")]
        return Scanner(options: ScanOptions(jobs: 2)).scanBlocking(DocumentSource.expanding(paths))
    }()

    static func streamed(_ documents: [DocumentResult]) -> Data {
        let bytes = Mutex(Data())
        let stream = JSONReportStream { data in bytes.withLock { $0.append(data) } }
        for document in documents { stream.add(document) }
        stream.finish()
        return bytes.withLock { $0 }
    }

    @Test("0, 1, 2 and every document of the fixtures", arguments: [0, 1, 2, -1])
    func sameBytes(count: Int) throws {
        let all = Self.report.documents
        try #require(all.count > 20 && all.contains { $0.status == .error } && all.contains { !$0.diagnostics.isEmpty })
        let documents = count < 0 ? all : Array(all.prefix(count))
        let whole = JSONReporter().render(ScanReport(documents: documents))
        let streamed = Self.streamed(documents)
        #expect(streamed == whole, "\(String(decoding: streamed.prefix(400), as: UTF8.self))")
    }

    @Test("written while the scan runs, in input order")
    func duringTheScan() async throws {
        let bytes = Mutex(Data())
        let stream = JSONReportStream { data in bytes.withLock { $0.append(data) } }
        let sources = DocumentSource.expanding([FixtureSupport.path("templates")])
        let report = try await Scanner(options: ScanOptions(jobs: 3)).scan(sources) { _, document in stream.add(document) }
        stream.finish()
        #expect(bytes.withLock { $0 } == JSONReporter().render(report))
    }
}
