import Foundation
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// `tagscan preview` end to end: the built binary writes PNG pages or HTML reports.
@Suite("tagscan preview")
struct PreviewCommandTests {
    /// A fresh folder under the system temporary folder, removed by the caller.
    static func scratchFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tagscan-preview-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Width and height from a PNG's IHDR chunk.
    static func pngSize(_ url: URL) throws -> (width: Int, height: Int) {
        let data = try Data(contentsOf: url)
        try #require(data.count > 24 && data.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), "\(url.lastPathComponent) is not a PNG")
        func int(_ offset: Int) -> Int { data[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) } }
        return (int(16), int(20))
    }

    static func files(in folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
    }

    @Test("PNG per tagged page, named <stem>-p<N>.png, at the displayed page size, paths on stdout")
    func pngPages() throws {
        let folder = try Self.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try CommandRunner.run(["preview", "Fixtures/templates/rotated.pdf", "Fixtures/templates/cropbox.pdf", "--out", folder.path])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let expected = ["cropbox-p1.png", "rotated-p1.png", "rotated-p2.png", "rotated-p3.png", "rotated-p4.png"]
        #expect(Self.files(in: folder) == expected)
        #expect(Set(outcome.stdout.split(separator: "\n").map(String.init)) == Set(expected.map { folder.appendingPathComponent($0).path }))

        // 96 dpi: portrait A4 is 794 px wide, the 90° and 270° pages 1123, the crop box 595 pt → 794.
        let widths = try expected.map { try Self.pngSize(folder.appendingPathComponent($0)).width }
        #expect(widths == [794, 794, 1123, 794, 1123])
        let landscape = try Self.pngSize(folder.appendingPathComponent("rotated-p2.png"))
        #expect(landscape.height > 794 && landscape.height < 794 + 120, "the page plus a legend strip")
    }

    @Test("--pages and --dpi choose what is rendered; pages past the end are reported")
    func pagesAndDPI() throws {
        let folder = try Self.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try CommandRunner.run(["preview", "Fixtures/templates/rotated.pdf", "--pages", "2,7-9", "--dpi", "72", "--out", folder.path])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(Self.files(in: folder) == ["rotated-p2.png"])
        #expect(try Self.pngSize(folder.appendingPathComponent("rotated-p2.png")).width == 842)
        #expect(outcome.stderr.contains("has 4 pages; skipping pages 7-9"))

        let all = try CommandRunner.run(["preview", "Fixtures/templates/multi-page.pdf", "--pages", "all", "--dpi", "36", "--out", folder.path])
        #expect(all.status == 0)
        #expect(Self.files(in: folder).filter { $0.hasPrefix("multi-page") } == ["multi-page-p1.png", "multi-page-p2.png", "multi-page-p3.png"])
        #expect(try Self.pngSize(folder.appendingPathComponent("multi-page-p2.png")).width == 298)
    }

    @Test("--format html: one well-formed, self-contained report per document")
    func htmlReports() throws {
        let folder = try Self.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try CommandRunner.run(["preview", "Fixtures/envelope", "--format", "html", "--dpi", "48", "--out", folder.path])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(Self.files(in: folder) == ["annex.html", "nda.html", "schedule.html"])
        for name in Self.files(in: folder) {
            let data = try Data(contentsOf: folder.appendingPathComponent(name))
            let collector = ImageCollector()
            let parser = XMLParser(data: data)
            parser.delegate = collector
            #expect(parser.parse(), "\(name): \(String(describing: parser.parserError))")
            #expect(!collector.images.isEmpty && collector.images.allSatisfy { $0.hasPrefix("data:image/png;base64,") }, "\(name)")
            #expect(collector.links.allSatisfy { collector.ids.contains(String($0.dropFirst())) }, "\(name): \(collector.links)")
        }
    }

    @Test("an unreadable input: exit 2 and a message, the other documents still rendered")
    func unreadable() throws {
        let folder = try Self.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try CommandRunner.run(["preview", "Fixtures/broken/not-a-pdf.pdf", "Fixtures/templates/cropbox.pdf", "--out", folder.path])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("not-a-pdf"))
        #expect(Self.files(in: folder) == ["cropbox-p1.png"])
    }

    @Test("pages are drawn in the worker processes: a page that renders for half a minute is stopped at the time limit, its neighbour drawn")
    func renderedUnderTheTimeLimit() throws {
        let folder = try Self.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // No memory cap: under one poppler skips the huge image; without one it draws it for
        // tens of seconds, in the host process if the preview were not isolated.
        let started = Date()
        let outcome = try CommandRunner.run([
            "preview", "Fixtures/hostile/render-bomb.pdf", "Fixtures/templates/cropbox.pdf", "--out", folder.path,
            "--timeout", "3", "--max-memory", "none", "--no-lint",
        ])
        #expect(Date().timeIntervalSince(started) < 20)
        #expect(outcome.status == 2, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("render-bomb.pdf: the preview took longer than 3 s and was stopped [timeout]"), "\(outcome.stderr)")
        #expect(Self.files(in: folder) == ["cropbox-p1.png"])
    }

    @Test("two inputs with one file name get distinct output names")
    func sameStem() throws {
        let folder = try Self.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let copy = folder.appendingPathComponent("in/cropbox.pdf")
        try FileManager.default.createDirectory(at: copy.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: CommandRunner.repositoryRoot.appendingPathComponent("Fixtures/templates/cropbox.pdf"), to: copy)
        let out = folder.appendingPathComponent("out")
        let outcome = try CommandRunner.run(["preview", "Fixtures/templates/cropbox.pdf", copy.path, "--dpi", "36", "--out", out.path])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(Self.files(in: out) == ["cropbox-2-p1.png", "cropbox-p1.png"])
    }

    @Test("lint findings are marked unless --no-lint, minus the rules --disable and the config file turn off")
    func lintFindings() throws {
        let folder = try Self.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: CommandRunner.repositoryRoot.appendingPathComponent("Fixtures/templates/edges.pdf"), to: input.appendingPathComponent("edges.pdf"))
        func report(_ extra: [String]) throws -> String {
            let out = folder.appendingPathComponent("out-\(UUID().uuidString)")
            let outcome = try CommandRunner.run(["preview", input.path, "--format", "html", "--dpi", "24", "--out", out.path] + extra)
            #expect(outcome.status == 0, "\(extra): \(outcome.stderr)")
            return try String(contentsOf: out.appendingPathComponent("edges.html"), encoding: .utf8)
        }
        let linted = try report([])
        #expect(linted.contains("visible-anchor") && linted.contains("tag-clamped"))
        let scanOnly = try report(["--no-lint"])
        #expect(!scanOnly.contains("visible-anchor") && scanOnly.contains("tag-clamped"))
        #expect(!(try report(["--disable", "visible-anchor"])).contains("visible-anchor"))
        try "disabled_rules: [visible-anchor]\n".write(to: input.appendingPathComponent("tagscan.yml"), atomically: true, encoding: .utf8)
        let configured = try report([])
        #expect(!configured.contains("visible-anchor") && configured.contains("tag-clamped"))
    }

    @Test("usage errors exit 64", arguments: [["--pages", "0"], ["--pages", "3-1"], ["--dpi", "5"], ["--format", "pdf"], ["--disable", "no-such-rule"]])
    func usage(arguments: [String]) throws {
        let outcome = try CommandRunner.run(["preview", "Fixtures/templates/cropbox.pdf", "--out", "/nonexistent/never-written"] + arguments)
        #expect(outcome.status == 64, "\(arguments): \(outcome.stderr)")
    }
}

/// Collects image sources, in-page links and ids while an XML parser reads a report.
private final class ImageCollector: NSObject, XMLParserDelegate {
    var images: [String] = []
    var links: [String] = []
    var ids = Set<String>()

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        if let id = attributes["id"] { ids.insert(id) }
        if name == "img", let source = attributes["src"] { images.append(source) }
        if name == "a", let href = attributes["href"], href.hasPrefix("#") { links.append(href) }
    }
}
