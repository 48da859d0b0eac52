import Foundation
import Testing
@testable import TagScanKit

/// Rendering (lint's visible-anchor check) in worker processes, under the same time limit as
/// scanning.
extension IsolationTests {
    static func inkItem(_ path: String) async throws -> AnchorInkRun.Item {
        try await RenderRunTests.inkItem(path)
    }

    @Test("ink measured in a worker process is the ink measured here")
    func isolatedInkMatches() async throws {
        let item = try await Self.inkItem(RenderRunTests.goodNeighbour)
        let here = try await AnchorInkRun(items: [item], options: ScanOptions(jobs: 1)).results()
        let there = try await AnchorInkRun(items: [item], options: try IsolationSupport.options(jobs: 1)).results()
        #expect(try #require(here[0]).get() == (try #require(there[0]).get()))
        try IsolationSupport.expectNoWorkers()
    }

    @Test("a file cheap to scan but costly to render: isolated lint kills its worker, not the host, and reports the file")
    func isolatedRenderBomb() async throws {
        // Scanning it takes milliseconds; rendering it decodes 1.2 GB of image for seconds, which
        // only the time limit bounds (under a memory cap poppler skips the image it cannot
        // allocate, so this runs without one).
        var options = try IsolationSupport.options(jobs: 2, timeout: 1.5 * IsolationSupport.slowdown)
        options.isolation?.maxMemory = nil
        let linter = Linter(options: LintOptions(scan: options))
        let clock = ContinuousClock()
        let start = clock.now
        let report = try await linter.lint(paths: [RenderRunTests.renderBomb, RenderRunTests.goodNeighbour])
        #expect(clock.now - start < .seconds(30))
        let bomb = try #require(report.documents.first { $0.path == RenderRunTests.renderBomb })
        #expect(bomb.status == .error)
        #expect(bomb.error?.code == .timeout, "\(String(describing: bomb.error))")
        #expect(bomb.error?.message.contains("the rendering took longer than") == true)
        // The neighbour is linted as it is alone, in this process.
        let good = try #require(report.documents.first { $0.path == RenderRunTests.goodNeighbour })
        let alone = try await Linter().lint(paths: [RenderRunTests.goodNeighbour]).documents[0]
        #expect(good.status == .ok)
        #expect(good.diagnostics == alone.diagnostics)
        #expect(good.diagnostics.contains { $0.rule == VisibleAnchorRule.description.id })
        try IsolationSupport.expectNoWorkers()
    }
}
