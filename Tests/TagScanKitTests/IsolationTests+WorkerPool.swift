import Foundation
import TestSupport
import Testing

@testable import TagScanKit

/// Workers kept between scans: in the isolation suite, whose serialization keeps its leftover
/// checks apart from these workers.
extension IsolationTests {
    @Test("A worker pool keeps healthy workers between scans and never keeps one that overran")
    func workerPool() async throws {
        let pool = WorkerPool(capacity: 1)
        let options = try IsolationSupport.options(jobs: 1, timeout: 2 * IsolationSupport.slowdown)
        let scanner = Scanner(options: options, workerPool: pool)
        let template = DocumentSource.file(path: FixtureSupport.path("templates/multi-page.pdf"))
        let alone = try await Scanner(options: options).scan(template)
        let first = try await scanner.scan(template)
        #expect(pool.idleCount == 1)
        let kept = try #require(IsolationSupport.workerPIDs().first)
        // The scan after the first one ends on another thread, and its worker is still alive:
        // workers are started on the pool's own thread, not on the scan's.
        try await Task.sleep(for: .milliseconds(200))
        let second = try await scanner.scan(template)
        #expect(first == alone && second == alone)
        #expect(IsolationSupport.workerPIDs() == [kept], "the second scan reused the first one's worker")
        let bomb = try await scanner.scan(.file(path: FixtureSupport.path("hostile/content-bomb.pdf")))
        #expect(bomb.error?.code == .timeout)
        #expect(pool.idleCount == 0, "a worker that overran is not put back")
        #expect(try await scanner.scan(template) == alone)
        #expect(pool.idleCount == 1)
        pool.shutdown()
        #expect(pool.idleCount == 0)
        try IsolationSupport.expectNoWorkers()
    }
}

extension IsolationSupport {
    /// Pids of this process's live worker processes.
    static func workerPIDs() -> [Int32] {
        let me = getpid()
        return ProcessTable.entries().filter { $0.parentPID == me && $0.state != "Z" && $0.arguments.contains("__worker") }.map(\.pid)
    }
}
