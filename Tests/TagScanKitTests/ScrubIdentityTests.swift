import Foundation
import Testing

@testable import TagScanKit

/// The comparison that lets the scrub proof take an untouched page as proven: qpdf must find a
/// page identical only when it draws the very same objects, whatever the writer numbered them,
/// and a page whose drawing changed in any way must be re-extracted.
@Suite("Scrub: pages proven by identity")
struct ScrubIdentityTests {
    /// `qpdf ARGUMENTS INPUT OUTPUT` on `data`, returning the output's bytes.
    static func qpdf(_ data: Data, _ arguments: [String]) throws -> Data {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("scrub-identity-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("in.pdf"), output = folder.appendingPathComponent("out.pdf")
        try data.write(to: input)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/qpdf")
        process.arguments = arguments + [input.path, output.path]
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return try Data(contentsOf: output)
    }

    static func fixture(_ relative: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: FixtureSupport.path(relative))) }

    @Test("a file compared with itself, and with a copy whose objects qpdf renumbered into object streams, is unchanged on every page")
    func renumbered() throws {
        let original = try Self.fixture("scrub/many-anchors.pdf")
        #expect(ContentStreamRewriter.unchangedPages(original: original, rewritten: original, pageCount: 10) == Array(repeating: true, count: 10))
        let renumbered = try Self.qpdf(original, ["--object-streams=generate", "--compress-streams=n"])
        #expect(renumbered != original)
        #expect(ContentStreamRewriter.unchangedPages(original: original, rewritten: renumbered, pageCount: 10) == Array(repeating: true, count: 10))
    }

    @Test("a page rotated, or a page whose content changed, is no longer the original's; the others still are")
    func changedPages() throws {
        let original = try Self.fixture("scrub/many-anchors.pdf")
        let rotated = try Self.qpdf(original, ["--rotate=+90:3"])
        #expect(ContentStreamRewriter.unchangedPages(original: original, rewritten: rotated, pageCount: 10) == (1...10).map { $0 != 3 })
        let reordered = try Self.qpdf(original, ["--pages", ".", "2,1,3-z", "--"])
        #expect(ContentStreamRewriter.unchangedPages(original: original, rewritten: reordered, pageCount: 10) == (1...10).map { $0 > 2 })
    }

    @Test(
        "scrubbed pages are re-extracted and the untouched ones proven by identity",
        arguments: ["producers/libreoffice/crop-box.pdf", "scrub/shared-footer.pdf"])
    func scrubbed(_ fixture: String) async throws {
        let result = try await Scrubber().scrub(.file(path: FixtureSupport.path(fixture)))
        let output = try #require(result.output)
        let proof = try #require(result.proof)
        let original = try Self.fixture(fixture)
        let unchanged = try #require(ContentStreamRewriter.unchangedPages(original: original, rewritten: output, pageCount: proof.pages.count))
        let anchored = Set(result.anchorsRemoved.map(\.pageNumber))
        for page in proof.pages {
            #expect(unchanged[page.pageNumber - 1] == !anchored.contains(page.pageNumber), "page \(page.pageNumber)")
            #expect((page.method == .unchangedObjects) == unchanged[page.pageNumber - 1], "page \(page.pageNumber)")
        }
    }
}
