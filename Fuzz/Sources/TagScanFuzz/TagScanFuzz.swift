import Foundation
import YotiSign

@testable import TagScanKit

/// libFuzzer's entry point. Inputs that start with `%PDF` go through the PDF layer on both
/// extraction paths (open, password handling, encryption and text probes, page text, anchor
/// finding, placement); any other input is text for the anchor parsers and finders of every
/// dialect, laid out as one line of a page.
@_cdecl("LLVMFuzzerTestOneInput")
public func tagscanFuzzOneInput(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let data = Data(bytes: bytes, count: count)
    if data.starts(with: Array("%PDF".utf8)) {
        FuzzPDF.run(data)
    } else {
        FuzzText.run(data)
    }
    return 0
}

enum FuzzPDF {
    static func run(_ data: Data) {
        for path in [ExtractionPath.glyphs, .glib] {
            let options = ScanOptions(password: "secret", jobs: 1, extraction: path)
            let report = Scanner(options: options).scanBlocking([.data(data, fileName: "fuzz.pdf")])
            // Every result must encode: the reporters are part of the surface.
            _ = JSONReporter().render(report)
        }
    }
}

enum FuzzText {
    static let rules = [
        CustomAnchorRule(anchor: "Signature:", role: "Signer 1", type: .signature, xOffset: Length(5, .millimetres)),
        CustomAnchorRule(anchor: #"Date\s*\d*"#, isRegex: true, occurrence: .first, role: "Signer 2", type: .dateSignedField),
    ]

    static func run(_ data: Data) {
        let text = String(decoding: data, as: UTF8.self)
        _ = AutoTagParser.parse(text)
        _ = AutoTagParser.looksLikeAutoTag(Substring(text))
        let scalars = Array(text.unicodeScalars.prefix(4096))
        // One glyph box per scalar along a line, wrapping every 80 glyphs.
        let boxes = scalars.indices.map { Box(x: 36 + Double($0 % 80) * 6.5, y: 72 + Double($0 / 80) * 14, width: 6.5, height: 11) }
        let page = PageText(info: PageInfo(pageNumber: 1, width: 612, height: 792, rotation: 0, glyphCount: scalars.count), scalars: scalars, boxes: boxes, styles: [])
        var options = ScanOptions(jobs: 1)
        options.customRules = rules
        options.translatedDialects = Set(AnchorDialect.allCases)
        let scan = PageScan(page, customRules: rules)
        let laidOut = PageScan(FuzzLayout.page(scalars), customRules: rules)
        let result = DocumentAssembler(options: options).assemble(source: .data(Data(), fileName: "fuzz.pdf"), pages: [scan, laidOut, scan])
        _ = JSONReporter().render(ScanReport(documents: [result]))
    }
}

/// The same text as drawn glyphs through the line builder: a line feed starts a line further
/// down, a tab leaves a column gap, a form feed jumps back up (a second column), a vertical tab
/// turns the text, and drawn spaces alternate with inferred ones, so the fuzzer reaches the
/// column cuts, the flows, the jumps between them and the parts of the page beyond the crop box.
enum FuzzLayout {
    static func page(_ scalars: [Unicode.Scalar]) -> PageText {
        var glyphs: [Glyph] = []
        var x = 36.0, base = 80.0, rotation = 0
        for (index, scalar) in scalars.enumerated() {
            switch scalar {
            case "\n": x = 36; base += 14; continue
            case "\t": x += 60; continue
            case "\u{0C}": x += 250; base = 80; continue
            case "\u{0B}": rotation = (rotation + 1) % 4; continue
            case " " where index % 2 == 1: x += 3; continue  // a gap instead of a drawn space
            default: break
            }
            let box = Box(x: x, y: base - 9, width: 6, height: 11)
            glyphs.append(Glyph(scalar: scalar, box: box, base: rotation % 2 == 0 ? base : x, fontSize: 11, rotation: rotation, renderMode: 0, red: 0, green: 0, blue: 0))
            x += 6
            if x > 700 { x = -40 }  // beyond the right edge, then from beyond the left one
        }
        return GlyphLayout.pageText(glyphs, info: PageInfo(pageNumber: 2, width: 612, height: 792, rotation: 0))
    }
}
