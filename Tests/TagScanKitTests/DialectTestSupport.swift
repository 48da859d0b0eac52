import Foundation
import Testing
@testable import TagScanKit

/// Fixtures of `Fixtures/dialects/` (made by `Fixtures/Generator/make_dialect_fixtures.py`) and
/// the generator's manifests of what it drew there.
enum DialectFixtures {
    static let folder = FixtureSupport.fixtures.appendingPathComponent("dialects")

    static func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    /// Both extraction paths must place the same fields.
    static let extractionPaths: [ExtractionPath] = ExtractionPath.glyphsAvailable ? [.glyphs, .glib] : [.glib]

    /// Scans `Fixtures/dialects/<name>` from memory, so the result's path is just the file name.
    static func scan(_ name: String, options: ScanOptions = ScanOptions(jobs: 2)) throws -> DocumentResult {
        let data = try Data(contentsOf: folder.appendingPathComponent(name))
        let fileName = (name as NSString).lastPathComponent
        return Scanner(options: options).scanBlocking([.data(data, fileName: fileName)]).documents[0]
    }

    /// What the generator recorded for `dialects/expected/<name>.json`.
    struct Manifest: Decodable {
        struct Pages: Decodable {
            var width: Double
            var height: Double
            var count: Int
        }

        struct Item: Decodable {
            var text: String
            var page_number: Int
            var box: Box
            var baseline: Double
            var font_size: Double
        }

        var pages: Pages
        var items: [String: Item]

        func item(_ label: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Item {
            try #require(items[label], "no item \(label) in the manifest", sourceLocation: sourceLocation)
        }
    }

    static func manifest(_ name: String) throws -> Manifest {
        let data = try Data(contentsOf: folder.appendingPathComponent("expected/\(name).json"))
        return try JSONDecoder().decode(Manifest.self, from: data)
    }

    /// Asserts that a scanned box is the generator's box, within `tolerance` points on each edge.
    static func expectBox(
        _ actual: Box, _ expected: Box, tolerance: Double = 0.5, _ what: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let close =
            abs(actual.x - expected.x) <= tolerance && abs(actual.y - expected.y) <= tolerance
            && abs(actual.maxX - expected.maxX) <= tolerance && abs(actual.maxY - expected.maxY) <= tolerance
        #expect(close, "\(what): box \(actual) is not within \(tolerance) pt of \(expected)", sourceLocation: sourceLocation)
    }

    /// Asserts that a Yoti fraction is `points / extent` (Yoti's 4-decimal rounding allowed).
    static func expectFraction(
        _ actual: Double?, points: Double, of extent: Double, _ what: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        guard let actual else {
            Issue.record("\(what): no value", sourceLocation: sourceLocation)
            return
        }
        let expected = points / extent
        // Half a unit of the 4th decimal for rounding, plus 0.05 pt of extraction noise.
        #expect(
            abs(actual - expected) <= 0.00005 + 0.05 / extent + 1e-9, "\(what): \(actual) ≠ \(points) pt / \(extent) = \(expected)",
            sourceLocation: sourceLocation)
    }
}
