import Foundation
import TestSupport
import Testing

/// Locates the shared `Fixtures/` folder and golden files relative to this source file, so the
/// tests, the CLI tests and the benchmarks use one set of PDFs.
enum FixtureSupport {
    static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let fixtures = repositoryRoot.appendingPathComponent("Fixtures")
    static let snapshots = repositoryRoot.appendingPathComponent("Tests/TagScanKitTests/Snapshots")

    /// `relative` is below `Fixtures/`, e.g. `templates/rotated.pdf`.
    static func path(_ relative: String) -> String { fixtures.appendingPathComponent(relative).path }

    /// Every PDF below `Fixtures/<folder>`, as paths relative to `Fixtures/`, sorted.
    static func pdfs(in folder: String) -> [String] {
        let base = fixtures.appendingPathComponent(folder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: base.path)) ?? []
        return names.filter { $0.hasSuffix(".pdf") }.sorted().map { "\(folder)/\($0)" }
    }

    /// Compares `actual` with the golden file `Snapshots/<name>`; writes it instead when
    /// `RECORD_SNAPSHOTS=1` or when it does not exist yet (the test then fails, so a new golden
    /// file is always looked at before it is committed).
    static func assertSnapshot(_ actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try GoldenFile.assertMatches(actual, at: snapshots.appendingPathComponent(name), name: name, sourceLocation: sourceLocation)
    }
}

/// What the fixture generator knows it drew (`Fixtures/expected/<file>.json`).
struct FixtureManifest: Decodable {
    struct ExpectedBox: Decodable { var x, y, width, height: Double }
    struct Page: Decodable {
        var page_number: Int
        var width: Double
        var height: Double
        var rotation: Int
    }
    struct ExpectedAnchor: Decodable {
        var text: String
        var page_number: Int
        var box: ExpectedBox
        var font_size: Double?
        var color: [Double]?
        var render_mode: Int?
    }
    struct Wrapped: Decodable {
        var text: String
        var page_numbers: [Int]
        var reason: String?
    }
    struct NotFound: Decodable {
        var text: String
        var reason: String?
    }

    var file: String
    var page_count: Int?
    var pages: [Page]?
    var anchors: [ExpectedAnchor]?
    /// For files that must not open: the error code the generator expects.
    var expected_error: String?
    var wrapped: [Wrapped]?
    var not_found: [NotFound]?
    var open_password: String?

    static func load(for relative: String) throws -> FixtureManifest? {
        let url = FixtureSupport.fixtures.appendingPathComponent("expected/\(relative).json")
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        return try JSONDecoder().decode(FixtureManifest.self, from: data)
    }

    /// Fixtures whose manifest lists pages and anchors, in the given folders.
    static func fixtures(in folders: [String]) -> [String] {
        folders.flatMap(FixtureSupport.pdfs(in:)).filter { (try? load(for: $0))??.pages != nil }
    }

    /// Fixtures whose manifest names the error they must produce.
    static func failingFixtures(in folders: [String]) -> [String] {
        folders.flatMap(FixtureSupport.pdfs(in:)).filter { (try? load(for: $0))??.expected_error != nil }
    }
}
