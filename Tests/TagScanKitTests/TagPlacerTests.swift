import Testing
import YotiSignModels
@testable import TagScanKit

@Suite("Tag placement")
struct TagPlacerTests {
    let a4 = PageInfo(pageNumber: 1, width: 595.28, height: 841.89, rotation: 0)

    @Test("top-left of the anchor as fractions, rounded to 4 decimals")
    func fractions() {
        let placement = TagPlacer().place(Box(x: 72, y: 702.1, width: 31.3, height: 9.2), on: a4, type: .signature, anchor: "|S1SR|")
        #expect(placement.x == 0.1210)
        #expect(placement.y == 0.8340)
        #expect(placement.width == nil)
        #expect(placement.diagnostics.isEmpty)
    }

    @Test("clamped into 0…0.949 with a diagnostic")
    func clamp() {
        let placement = TagPlacer().place(Box(x: 580, y: 830, width: 10, height: 9), on: a4, type: .signature, anchor: "|S1SR|")
        #expect(placement.x == 0.949)
        #expect(placement.y == 0.949)
        #expect(placement.diagnostics.count == 2)
        #expect(placement.diagnostics.allSatisfy { $0.rule == "tag-clamped" && $0.severity == .warning })
    }

    @Test("text field width keeps x + width below 1")
    func textFieldWidth() {
        let normal = TagPlacer().place(Box(x: 100, y: 100, width: 20, height: 9), on: a4, type: .textField, anchor: "|S1TR|")
        #expect(normal.width == 0.2)
        let edge = TagPlacer().place(Box(x: 520, y: 100, width: 20, height: 9), on: a4, type: .textField, anchor: "|S1TR|")
        let width = try! #require(edge.width)
        #expect(edge.x + width < 1)
        #expect(edge.x + width >= 0.9998)
        #expect(edge.diagnostics.contains { $0.rule == "tag-clamped" })
    }
}
