import Foundation
import Testing
@testable import TagScanKit

/// Templates made by real producers (LibreOffice, Chromium, pdfTeX, WeasyPrint, a Ghostscript
/// re-save, a Tesseract text layer), checked against manifests an independent engine (PyMuPDF)
/// wrote: every valid tag is found where the oracle saw it, nothing else is placed, and every near
/// miss is reported with the text exactly as the document writes it, on both extraction paths.
@Suite("Producer fixtures")
struct ProducerFixtureTests {
    struct Manifest: Decodable {
        struct Box: Decodable { var x, y, width, height: Double }
        struct Page: Decodable { var page_number: Int; var width: Double; var height: Double; var rotation: Int }
        struct Anchor: Decodable { var text: String; var page_number: Int; var box: Box }
        struct NearMiss: Decodable { var text: String; var page_number: Int; var kind: String; var suggestion: String? }
        struct Wrapped: Decodable { var text: String; var page_number: Int }
        struct Outside: Decodable { var text: String; var page_number: Int; var wholly: Bool? }
        struct Spaced: Decodable { var text: String; var tag: String; var page_number: Int }

        var file: String
        var producer: String?
        var pages: [Page]
        var anchors: [Anchor]
        var near_misses: [NearMiss]?
        var wrapped: [Wrapped]?
        var outside_crop: [Outside]?
        var spaced: [Spaced]?
    }

    static let fixtures: [String] = {
        let root = FixtureSupport.fixtures.appendingPathComponent("producers")
        let producers = ((try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []).filter { $0 != "source" }.sorted()
        return producers.flatMap { FixtureSupport.pdfs(in: "producers/\($0)") }
    }()

    static func manifest(_ relative: String) throws -> Manifest {
        let url = FixtureSupport.fixtures.appendingPathComponent("expected/\(relative).json")
        return try JSONDecoder().decode(Manifest.self, from: try Data(contentsOf: url))
    }

    static let paths: [ExtractionPath] = ExtractionPath.glyphsAvailable ? [.glyphs, .glib] : [.glib]

    static func scan(_ relative: String, path: ExtractionPath) async throws -> DocumentResult {
        let scanner = Scanner(options: ScanOptions(jobs: 1, extraction: path))
        var result = try await scanner.scan(.file(path: FixtureSupport.path(relative)))
        result.path = relative
        return result
    }

    @Test("fixtures from at least four producers")
    func producers() {
        let producers = Set(Self.fixtures.map { $0.split(separator: "/")[1] })
        #expect(producers.count >= 4, "\(producers.sorted())")
    }

    @Test("every valid tag is found where the oracle saw it, and nothing else", arguments: fixtures, paths)
    func anchors(relative: String, path: ExtractionPath) async throws {
        let manifest = try Self.manifest(relative)
        let result = try await Self.scan(relative, path: path)
        try #require(result.status == .ok, "\(relative): \(result.error?.description ?? "")")
        #expect(result.pages.count == manifest.pages.count)
        for (page, expected) in zip(result.pages, manifest.pages) {
            #expect(abs(page.width - expected.width) < 0.5 && abs(page.height - expected.height) < 0.5, "\(relative) p\(page.pageNumber)")
            #expect(page.rotation == expected.rotation, "\(relative) p\(page.pageNumber) rotation")
        }
        var unmatched = result.anchors
        for expected in manifest.anchors {
            let candidates = unmatched.indices.filter { unmatched[$0].text == expected.text && unmatched[$0].pageNumber == expected.page_number }
            guard let best = candidates.min(by: { Self.offset(unmatched[$0].box, expected.box) < Self.offset(unmatched[$1].box, expected.box) }) else {
                // A spaced OCR tag that poppler-glib's reading order broke apart is reported instead.
                if path == .glib, manifest.spaced?.contains(where: { $0.tag == expected.text }) == true,
                    result.diagnostics.contains(where: { $0.severity == .error && $0.suggestion == expected.text })
                {
                    continue
                }
                Issue.record("\(relative) [\(path)]: \(expected.text) on page \(expected.page_number) was not found")
                continue
            }
            let found = unmatched[best].box
            // PyMuPDF's boxes span the font size, poppler's the font's ascent to descent: the
            // edges along the text agree within a point, the centres across it within 2 pt.
            #expect(Self.offset(found, expected.box) <= 1.0, "\(relative) [\(path)]: \(expected.text) box \(found) vs \(expected.box)")
            #expect(Self.across(found, expected.box) <= 2.0, "\(relative) [\(path)]: \(expected.text) box \(found) vs \(expected.box) across the text")
            #expect(unmatched[best].tag != nil || expected.text == "|AT|", "\(relative): \(expected.text) placed no field")
            unmatched.remove(at: best)
        }
        #expect(unmatched.isEmpty, "\(relative) [\(path)]: anchors the oracle did not see: \(unmatched.map { "\($0.text) p\($0.pageNumber)" })")
    }

    @Test("near misses are reported in the document's own words", arguments: fixtures, paths)
    func nearMisses(relative: String, path: ExtractionPath) async throws {
        let manifest = try Self.manifest(relative)
        let result = try await Self.scan(relative, path: path)
        let diagnostics = result.diagnostics
        for miss in manifest.near_misses ?? [] {
            let found = diagnostics.first { $0.anchor == miss.text && $0.pageNumber == miss.page_number }
            #expect(
                found != nil,
                "\(relative) [\(path)]: no diagnostic quotes \(miss.text) on page \(miss.page_number); got \(diagnostics.map { $0.anchor ?? "-" })")
            if let found {
                #expect(found.severity == .error, "\(relative): \(miss.text) is \(found.severity)")
                #expect(
                    found.suggestion == miss.suggestion,
                    "\(relative): \(miss.text) suggests \(found.suggestion ?? "nothing"), expected \(miss.suggestion ?? "nothing")")
            }
        }
        for wrapped in manifest.wrapped ?? [] {
            #expect(
                diagnostics.contains {
                    ($0.rule == "anchor-wraps-line" || $0.rule == "anchor-spans-pages") && $0.anchor == wrapped.text && $0.pageNumber == wrapped.page_number
                },
                "\(relative) [\(path)]: \(wrapped.text) should be reported as wrapped; got \(diagnostics.map { "\($0.rule) \($0.anchor ?? "")" })")
        }
        for outside in manifest.outside_crop ?? [] {
            #expect(!result.anchors.contains { $0.text == outside.text }, "\(relative) [\(path)]: \(outside.text) outside the crop box was placed")
            // poppler-glib never sees glyphs beyond the crop box: a tag wholly outside is
            // invisible to it, one cut by the edge is reported as cut.
            let expected = path == .glib && outside.wholly == true ? nil : outside.text
            if let expected {
                #expect(
                    diagnostics.contains {
                        $0.rule == "anchor-outside-page" && $0.pageNumber == outside.page_number
                            && (expected.hasPrefix($0.anchor ?? "\u{0}") || $0.anchor == expected)
                    },
                    "\(relative) [\(path)]: \(expected) outside the crop box is not reported; got \(diagnostics.map { "\($0.rule) \($0.anchor ?? "")" })")
            }
        }
        for spaced in manifest.spaced ?? [] {
            let placed = result.anchors.contains { $0.text == spaced.tag && $0.pageNumber == spaced.page_number && $0.tag != nil }
            // poppler-glib's reading order can move the separate pipe glyph of an OCR layer away
            // from its tag; then the tag must still be reported, never lost.
            let reported = path == .glib && diagnostics.contains { $0.severity == .error && $0.suggestion == spaced.tag }
            #expect(placed || reported, "\(relative) [\(path)]: \(spaced.text) neither placed nor reported")
            // Only the glyph path can tell spaces the document drew from gaps between glyphs.
            if path == .glyphs {
                #expect(
                    diagnostics.contains { $0.rule == "spaced-anchor" && $0.anchor == spaced.text && $0.suggestion == spaced.tag },
                    "\(relative): \(spaced.text) has no spaced-anchor warning; got \(diagnostics.map { "\($0.rule) \($0.anchor ?? "")" })")
            }
        }
        let image = diagnostics.filter { $0.rule == "image-only-page" }
        #expect(image.isEmpty, "\(relative): \(image)")
    }

    @Test("diagnostics match their golden JSON", arguments: fixtures)
    func golden(relative: String) async throws {
        var result = try await Self.scan(relative, path: .automatic)
        result.fileSize = nil  // differs with producer versions, not tagscan's concern
        let report = ScanReport(documents: [result])
        let json = String(decoding: JSONReporter().render(report), as: UTF8.self)
        try FixtureSupport.assertSnapshot(json, named: "\(relative).json")
    }

    /// The larger difference of the two edges along the text: an anchor is longer along its
    /// text than across it, which tells the direction on rotated pages.
    static func offset(_ box: Box, _ expected: Manifest.Box) -> Double {
        expected.width >= expected.height
            ? max(abs(box.x - expected.x), abs(box.maxX - (expected.x + expected.width)))
            : max(abs(box.y - expected.y), abs(box.maxY - (expected.y + expected.height)))
    }

    /// How far the centres lie apart across the text.
    static func across(_ box: Box, _ expected: Manifest.Box) -> Double {
        expected.width >= expected.height
            ? abs((box.y + box.maxY) / 2 - (expected.y + expected.height / 2))
            : abs((box.x + box.maxX) / 2 - (expected.x + expected.width / 2))
    }
}
