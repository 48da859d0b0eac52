import Foundation
import Testing
@testable import TagScanKit

/// Every generated fixture: the boxes tagscan reports match what the generator drew within 1 pt,
/// pages have their displayed size and rotation, wrapped anchors are reported, nothing extra is
/// found, and the whole result matches its golden JSON.
@Suite("Fixture positions")
struct FixturePositionTests {
    static let fixtures = FixtureManifest.fixtures(in: ["templates", "envelope", "broken"])

    /// Straightens the quotes the generator typed, as the scanner does.
    static func normalised(_ text: String) -> String {
        String(
            String.UnicodeScalarView(
                text.unicodeScalars.map {
                    switch $0.value {
                    case 0x201C, 0x201D: "\""
                    case 0x2018, 0x2019: "'"
                    default: $0
                    }
                }))
    }

    /// Both extraction paths must pass the same fixture tests.
    static let paths: [ExtractionPath] = ExtractionPath.glyphsAvailable ? [.glyphs, .glib] : [.glib]

    static func scan(_ relative: String, password: String?, path: ExtractionPath = .automatic) async throws -> DocumentResult {
        let scanner = Scanner(options: ScanOptions(password: password, jobs: 2, extraction: path))
        var result = try await scanner.scan(.file(path: FixtureSupport.path(relative)))
        result.path = relative
        return result
    }

    @Test("fixtures exist", .tags(.fixtures))
    func fixturesExist() {
        #expect(Self.fixtures.count >= 15, "expected the generated fixtures with manifests, found \(Self.fixtures)")
    }

    @Test("boxes within 1 pt of the generator", .tags(.fixtures), arguments: fixtures, paths)
    func boxesMatchGenerator(relative: String, path: ExtractionPath) async throws {
        let manifest = try #require(try FixtureManifest.load(for: relative))
        let result = try await Self.scan(relative, password: manifest.open_password, path: path)
        try #require(result.status == .ok, "\(relative): \(result.error?.description ?? "")")

        let pages = manifest.pages ?? []
        #expect(result.pageCount == pages.count)
        for (page, expected) in zip(result.pages, pages) {
            #expect(page.pageNumber == expected.page_number)
            #expect(abs(page.width - expected.width) < 0.01, "page \(page.pageNumber) width \(page.width) ≠ \(expected.width)")
            #expect(abs(page.height - expected.height) < 0.01, "page \(page.pageNumber) height \(page.height) ≠ \(expected.height)")
            #expect(page.rotation == expected.rotation, "page \(page.pageNumber) rotation")
        }

        var unmatched = result.anchors
        for expected in manifest.anchors ?? [] {
            let text = Self.normalised(expected.text)
            let candidates = unmatched.enumerated().filter { $0.element.text == text && $0.element.pageNumber == expected.page_number }
            let best = candidates.min { a, b in
                Self.distance(a.element.box, expected.box) < Self.distance(b.element.box, expected.box)
            }
            guard let best else {
                Issue.record("\(relative): \(text) on page \(expected.page_number) not found")
                continue
            }
            let distance = Self.distance(best.element.box, expected.box)
            #expect(distance <= 1.0, "\(relative): \(text) p\(expected.page_number) box \(best.element.box) is \(distance) pt from \(expected.box)")
            if let size = expected.font_size, let found = best.element.fontSize {
                #expect(abs(found - size) < 0.5, "\(relative): \(text) font size \(found) ≠ \(size)")
            }
            unmatched.remove(at: best.offset)
        }
        #expect(unmatched.isEmpty, "\(relative): anchors the generator did not draw: \(unmatched.map { "\($0.text) p\($0.pageNumber)" })")

        for wrapped in manifest.wrapped ?? [] {
            let rule = wrapped.page_numbers.count > 1 && wrapped.page_numbers[0] != wrapped.page_numbers[1] ? "anchor-spans-pages" : "anchor-wraps-line"
            #expect(
                result.diagnostics.contains { $0.rule == rule && $0.anchor == wrapped.text && $0.pageNumber == wrapped.page_numbers[0] },
                "\(relative): \(wrapped.text) should be reported as \(rule); got \(result.diagnostics.map(\.rule))")
        }
        for missing in manifest.not_found ?? [] {
            #expect(!result.anchors.contains { $0.text == missing.text }, "\(relative): \(missing.text) should not be found (\(missing.reason ?? ""))")
        }
    }

    @Test("golden JSON", .tags(.fixtures), arguments: fixtures)
    func goldenJSON(relative: String) async throws {
        let manifest = try #require(try FixtureManifest.load(for: relative))
        let result = try await Self.scan(relative, password: manifest.open_password)
        var report = ScanReport(documents: [result])
        report.documents[0].fileSize = nil  // differs with reportlab/pikepdf versions, not tagscan's concern
        let json = String(decoding: JSONReporter().render(report), as: UTF8.self)
        try FixtureSupport.assertSnapshot(json, named: "scan/\(relative).json")
    }

    @Test(
        "the glyph path and poppler-glib agree within 1 pt", .tags(.fixtures),
        .enabled(if: ExtractionPath.glyphsAvailable, "built without poppler's core headers: only poppler-glib to compare"),
        arguments: fixtures)
    func pathsAgree(relative: String) async throws {
        let manifest = try #require(try FixtureManifest.load(for: relative))
        let glyphs = try await Self.scan(relative, password: manifest.open_password, path: .glyphs)
        let glib = try await Self.scan(relative, password: manifest.open_password, path: .glib)
        // poppler-glib drops every glyph beyond the crop box, so only the glyph path counts them
        // and reports the anchors drawn there.
        var glyphPages = glyphs.pages
        for index in glyphPages.indices { glyphPages[index].outsideGlyphCount = nil }
        #expect(glyphPages == glib.pages)
        #expect(glyphs.anchors.map(\.text) == glib.anchors.map(\.text))
        // Nor can it tell the spaces a document draws from gaps between glyphs.
        let seenByBoth = { (rule: String) -> Bool in rule != "anchor-outside-page" && rule != "spaced-anchor" }
        let glyphRules: [String] = glyphs.diagnostics.map(\.rule).filter(seenByBoth)
        let glibRules: [String] = glib.diagnostics.map(\.rule).filter(seenByBoth)
        #expect(glyphRules == glibRules)
        for (a, b) in zip(glyphs.anchors, glib.anchors) {
            let d = [abs(a.box.x - b.box.x), abs(a.box.y - b.box.y), abs(a.box.maxX - b.box.maxX), abs(a.box.maxY - b.box.maxY)].max()!
            #expect(d <= 1, "\(relative): \(a.text) p\(a.pageNumber): \(a.box) vs \(b.box)")
            #expect(a.tag?.type == b.tag?.type && a.role == b.role && a.color == b.color && a.fontSize == b.fontSize)
        }
    }

    static func distance(_ box: Box, _ expected: FixtureManifest.ExpectedBox) -> Double {
        [abs(box.x - expected.x), abs(box.y - expected.y), abs(box.maxX - (expected.x + expected.width)), abs(box.maxY - (expected.y + expected.height))].max()!
    }
}

extension Tag {
    @Tag static var fixtures: Self
}
