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
            _ = JSONReporter.report(report)
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
        let result = DocumentAssembler(options: options).assemble(source: .data(Data(), fileName: "fuzz.pdf"), pages: [scan, scan])
        _ = JSONReporter.report(ScanReport(documents: [result]))
    }
}
