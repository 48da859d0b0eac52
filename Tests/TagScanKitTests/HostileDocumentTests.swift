import Foundation
import Testing

@testable import TagScanKit

/// The hostile fixtures that poppler gets through quickly, scanned in process on both
/// extraction paths: each silent failure of poppler 22.12 must come out as its stable error code.
/// (The ones that need a time limit or a memory cap are in IsolationTests.)
@Suite("Hostile documents: silent failures become errors")
struct HostileDocumentTests {
    static let paths = ExtractionPath.allCases.filter { $0 != .automatic }

    @Test(
        "Encryption poppler cannot run is unsupported-encryption, with or without the password",
        arguments: paths,
        ["unsupported-handler.pdf", "unsupported-crypt-filter.pdf", "unsupported-version.pdf", "unsupported-revision.pdf"])
    func unsupportedEncryption(path: ExtractionPath, file: String) async throws {
        for password in ["secret", nil] as [String?] {
            let result = try await scan("hostile/\(file)", password: password, extraction: path)
            #expect(result.status == .error)
            #expect(result.error?.code == .unsupportedEncryption, "\(file): \(result.error?.description ?? "opened")")
            #expect(result.anchors.isEmpty)
        }
    }

    @Test("The unsupported-encryption message names the handler", arguments: paths)
    func unsupportedMessage(path: ExtractionPath) async throws {
        let handler = try await scan("hostile/unsupported-handler.pdf", password: "secret", extraction: path)
        #expect(handler.error?.message.contains("/Filter /Adobe.PubSec") == true)
        let method = try await scan("hostile/unsupported-crypt-filter.pdf", password: "secret", extraction: path)
        #expect(method.error?.message.contains("/V 4 /R 4 /CFM /AESV9") == true)
    }

    @Test("Glyphs drawn without any character make the document unreadable", arguments: paths)
    func unreadableDocument(path: ExtractionPath) async throws {
        let result = try await scan("hostile/unmapped-glyphs.pdf", extraction: path)
        #expect(result.status == .error)
        #expect(result.error?.code == .unreadable)
        #expect(result.error?.message.contains("page 1 draws 9 glyphs") == true)
    }

    @Test("An unreadable page among readable ones is an error diagnostic on that page", arguments: paths)
    func unreadablePage(path: ExtractionPath) async throws {
        let result = try await scan("hostile/unmapped-page-2.pdf", extraction: path)
        #expect(result.status == .ok)
        #expect(result.anchors.map(\.text) == ["|AT|", "|S1SR|"])
        let diagnostics = result.diagnostics.filter { $0.rule == "unreadable" }
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.pageNumber == 2)
        #expect(diagnostics.first?.severity == .error)
    }

    @Test("A page with no text at all (an image, a scan) stays a plain empty page")
    func emptyPageIsNotUnreadable() async throws {
        let empty = PopplerWarmUp.minimalPDF.replacing(Data("(warm up) Tj".utf8), with: Data("            ".utf8))
        let result = try await Scanner(options: ScanOptions(jobs: 1)).scan(.data(empty, fileName: "blank.pdf"))
        #expect(result.status == .ok)
        #expect(result.pages.first?.glyphCount == 0)
        #expect(!result.diagnostics.contains { $0.rule == "unreadable" })
    }

    @Test(
        "Files with no usable page are damaged", arguments: paths,
        ["zero-pages.pdf", "page-tree-loop.pdf", "truncated-xref.pdf", "truncated-body.pdf"])
    func damaged(path: ExtractionPath, file: String) async throws {
        let result = try await scan("hostile/\(file)", extraction: path)
        #expect(result.status == .error)
        #expect(result.error?.code == .damaged, "\(file): \(result.error?.description ?? "opened")")
    }

    @Test(
        "Damage poppler repairs, or loops it breaks, still give the anchors", arguments: paths,
        [("broken-xref.pdf", ["|AT|", "|S1SR|"]), ("xobject-recursion.pdf", ["|AT|", "|S1SR|", "|S2SR|"]), ("chatty.pdf", ["|AT|", "|S1SR|"])])
    func repaired(path: ExtractionPath, file: (String, [String])) async throws {
        let result = try await scan("hostile/\(file.0)", extraction: path)
        #expect(result.status == .ok, "\(file.0): \(result.error?.description ?? "")")
        #expect(result.anchors.map(\.text) == file.1)
        // In process, poppler's messages are dropped (they never reach stderr): no diagnostic.
        #expect(!result.diagnostics.contains { $0.rule == PopplerMessages.rule })
    }

    @Test("The manifest lists every hostile fixture, and every listed file exists")
    func manifestIsComplete() throws {
        let manifest = try HostileManifest.load()
        let listed = Set(manifest.files.map(\.file))
        let present = Set(FixtureSupport.pdfs(in: "hostile").map { String($0.dropFirst("hostile/".count)) })
        #expect(listed == present)
        for entry in manifest.files where entry.expected != "ok" {
            #expect(DocumentError.Code(rawValue: entry.expected) != nil, "\(entry.file): \(entry.expected) is not a known error code")
        }
    }

    private func scan(_ file: String, password: String? = nil, extraction: ExtractionPath) async throws -> DocumentResult {
        try await Scanner(options: ScanOptions(password: password, jobs: 1, extraction: extraction)).scan(.file(path: FixtureSupport.path(file)))
    }
}

/// `Fixtures/hostile/manifest.json`, written by `make_hostile_fixtures.py`.
struct HostileManifest: Decodable {
    struct Entry: Decodable {
        var file: String
        /// A stable error code (`DocumentError.Code`), or "ok".
        var expected: String
        var what: String
        var password: String?
    }

    var files: [Entry]

    static func load() throws -> HostileManifest {
        try JSONDecoder().decode(HostileManifest.self, from: Data(contentsOf: FixtureSupport.fixtures.appendingPathComponent("hostile/manifest.json")))
    }
}
