import Foundation
import TestSupport
import Testing

/// Workers kept between requests: one that dies while it waits (an operator's kill, the OOM
/// killer) is replaced, and the request that would have used it never sees it.
@Suite(.serialized)
struct PooledWorkerTests {
    @Test(arguments: ["/v1/scan", "/v1/preview?page=1"])
    func anIdleWorkerThatDiedIsReplacedUnseen(route: String) async throws {
        let pdf = try ServerFixtures.data("templates/edges.pdf")
        try await LiveServer.with({ $0.workers = 1 }) { server in
            // The first request leaves its worker idle in the pool.
            let first = try await HTTP.postPDF(server.base + route, pdf)
            #expect(first.status == 200)
            for round in 1...3 {
                let idle = try await Self.idleWorkers(of: server.pid)
                #expect(idle.count == 1, "round \(round): kept workers \(idle)")
                for pid in idle { kill(pid, SIGKILL) }
                let answer = try await HTTP.postPDF(server.base + route, pdf)
                #expect(answer.status == 200, "round \(round)")
                #expect(answer.headers["x-tagscan-exit-code"] == "0", "round \(round): \(answer.text.prefix(300))")
                // Another worker answered, and now waits in its turn.
                #expect(try await Self.idleWorkers(of: server.pid) != idle, "round \(round)")
            }
            let metrics = try await HTTP.get(server.base + "/metrics").text
            #expect(!metrics.contains("tagscan_document_errors_total"), "a document was blamed for a dead idle worker")
        }
    }

    /// The server's live worker processes, once the one just used is back in the pool.
    static func idleWorkers(of pid: Int32) async throws -> [Int32] {
        let deadline = ContinuousClock.now + .seconds(10)
        while true {
            let live = ProcessTable.entries().filter { $0.parentPID == pid && $0.arguments.contains("__worker") && $0.state != "Z" }.map(\.pid)
            if !live.isEmpty || ContinuousClock.now >= deadline { return live.sorted() }
            try await Task.sleep(for: .milliseconds(50))
        }
    }
}
