import Foundation
import Testing
@testable import TagScanKit

@Suite("Batch scanning")
struct BatchScanTests {
    static let all = FixtureSupport.pdfs(in: "templates") + FixtureSupport.pdfs(in: "envelope") + FixtureSupport.pdfs(in: "broken")

    @Test("one worker and many give identical results, however pages are split")
    func deterministic() async throws {
        let sources = Self.all.map { DocumentSource.file(path: FixtureSupport.path($0)) }
        let serial = try await Scanner(options: ScanOptions(jobs: 1)).scan(sources)
        let parallel = try await Scanner(options: ScanOptions(jobs: 4, pagesPerUnit: 1)).scan(sources)
        #expect(serial == parallel)
        #expect(JSONReporter().render(serial) == JSONReporter().render(parallel))
    }

    @Test("streamed results arrive once each, in input order")
    func streaming() async throws {
        let sources = Self.all.map { DocumentSource.file(path: FixtureSupport.path($0)) }
        let seen = Seen()
        let report = try await Scanner(options: ScanOptions(jobs: 3, pagesPerUnit: 1)).scan(sources) { index, document in
            seen.append(index, document.path)
        }
        #expect(seen.indices == Array(0..<sources.count))
        #expect(seen.paths == report.documents.map(\.path))
    }

    @Test("folders expand recursively to sorted PDFs; missing paths are kept to be reported")
    func expansion() {
        let sources = DocumentSource.expanding([FixtureSupport.path("envelope"), FixtureSupport.path("nope.pdf")])
        #expect(
            sources.map(\.displayPath) == [
                FixtureSupport.path("envelope") + "/annex.pdf", FixtureSupport.path("envelope") + "/nda.pdf",
                FixtureSupport.path("envelope") + "/schedule.pdf", FixtureSupport.path("nope.pdf"),
            ])
        let stdin = DocumentSource.expanding(["-"], standardInput: { Data("%PDF-1.4".utf8) })
        #expect(stdin == [.data(Data("%PDF-1.4".utf8), fileName: "stdin.pdf")])
    }

    @Test("an envelope's documents each carry their own file name in every tag")
    func envelopeFileNames() async throws {
        let report = try await Scanner().scan(paths: [FixtureSupport.path("envelope")])
        for document in report.documents {
            #expect(document.status == .ok)
            #expect(!document.recipients.isEmpty)
            for tag in document.recipients.flatMap(\.tags) { #expect(tag.fileName == document.fileName) }
        }
    }

    @Test("sign groups set per role reach anchors and recipients")
    func signGroups() async throws {
        let options = ScanOptions(signGroups: ["Signer 2": 2])
        let result = try await Scanner(options: options).scan(.file(path: FixtureSupport.path("templates/multi-page.pdf")))
        #expect(result.recipients.map(\.role) == ["Signer 1", "Signer 2"])
        #expect(result.recipients.map(\.signGroup) == [1, 2])
        #expect(result.anchors.filter { $0.role == "Signer 2" }.allSatisfy { $0.signGroup == 2 })
    }

    @Test("tags ordered by page, then y, then x")
    func tagOrder() async throws {
        let result = try await Scanner().scan(.file(path: FixtureSupport.path("templates/multi-page.pdf")))
        for recipient in result.recipients {
            let keys = recipient.tags.map { [Double($0.pageNumber), $0.y, $0.x] }
            #expect(keys == keys.sorted { $0.lexicographicallyPrecedes($1) })
        }
    }
}

/// Collects streamed callbacks from worker threads.
final class Seen: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var indices: [Int] = []
    private(set) var paths: [String] = []
    func append(_ index: Int, _ path: String) {
        lock.lock()
        defer { lock.unlock() }
        indices.append(index)
        paths.append(path)
    }
}
