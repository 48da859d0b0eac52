import Foundation
import Testing
@testable import TagScanKit

/// Threads that share a long document open their copies from the first open's recipe: the
/// password bytes that worked and, on the poppler-glib path, the page rotations already read.
@Suite("Copies of an open document")
struct PageSourceRecipeTests {
    static func text(_ document: any PageSource, _ index: Int) throws -> PageText {
        try #require(document.pageText(at: index, triggers: .everyPage))
    }

    @Test("a copy of an encrypted document opens with the password bytes that worked", arguments: FixturePositionTests.paths)
    func encryptedCopy(path: ExtractionPath) throws {
        let source = DocumentSource.file(path: FixtureSupport.path("broken/encrypted-aes-256-unicode.pdf"))
        let first = try PageSources.open(source, password: "pässwörd", path: path)
        let copy = try first.recipe.open()
        #expect(copy.pageCount == first.pageCount)
        let original = try Self.text(first, 0)
        let copied = try Self.text(copy, 0)
        #expect(copied.scalars == original.scalars)
        #expect(copied.boxes == original.boxes)
        #expect(String(String.UnicodeScalarView(copied.scalars)).contains("|S1SR|"))
    }

    @Test("a copy keeps every page's rotation and size", arguments: FixturePositionTests.paths)
    func rotatedCopy(path: ExtractionPath) throws {
        let source = DocumentSource.file(path: FixtureSupport.path("templates/rotated.pdf"))
        let first = try PageSources.open(source, password: nil, path: path)
        let copy = try first.recipe.open()
        #expect(first.recipe.path == path.resolved)
        #expect(copy.recipe.rotations == first.recipe.rotations)
        for index in 0..<first.pageCount {
            let original = try Self.text(first, index)
            let copied = try Self.text(copy, index)
            #expect(copied.info == original.info, "page \(index + 1)")
            #expect(copied.boxes == original.boxes, "page \(index + 1)")
        }
        #expect(Set((0..<copy.pageCount).map { (try? Self.text(copy, $0).info.rotation) ?? -1 }).count > 1, "rotated.pdf has pages of several rotations")
    }
}
