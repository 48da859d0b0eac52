import Foundation
import Testing
@testable import TagScanKit

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Reads an HTML report back with an XML parser (the report is written as XHTML-compatible,
/// well-formed markup): elements, ids, links, images and the text as a reader sees it.
final class ParsedHTML: NSObject, XMLParserDelegate {
    struct Element {
        var name: String
        var attributes: [String: String]
        var text = ""
    }

    private(set) var elements: [Element] = []
    private(set) var text = ""
    private var open: [Int] = []
    private(set) var error: (any Error)?

    init(_ html: String) {
        super.init()
        let parser = XMLParser(data: Data(html.utf8))
        parser.delegate = self
        if !parser.parse() { error = parser.parserError ?? CocoaError(.coderReadCorrupt) }
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        open.append(elements.count)
        elements.append(Element(name: name, attributes: attributes))
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        open.removeLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        text += string
        for index in open { elements[index].text += string }
    }

    func all(_ name: String) -> [Element] { elements.filter { $0.name == name } }
    var ids: Set<String> { Set(elements.compactMap { $0.attributes["id"] }) }
}

@Suite("Preview HTML report")
struct PreviewHTMLTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static func fixture(_ relative: String) -> String { root.appendingPathComponent("Fixtures/\(relative)").path }

    @Test("the report parses back: pages embedded, tags per recipient, diagnostics linked, text escaped")
    func roundTrip() async throws {
        let path = Self.fixture("templates/edges.pdf")
        var result = try await Scanner(options: ScanOptions(jobs: 1)).scan(.file(path: path))
        try #require(result.status == .ok)
        // Text that must be escaped, in the places user text reaches: a file name, a tag name, a
        // diagnostic message and an anchor.
        let nasty = #"<script>alert("x & 'y'")</script> ]]> &amp;"#
        result.fileName = "a<b>&c.pdf"
        result.path = "templates/a<b>&c.pdf"
        let named = try #require(result.anchors.firstIndex { $0.tag?.type == .textField })
        result.anchors[named].tag?.name = nasty
        let lint = [
            Diagnostic(rule: "made-up-rule", severity: .error, pageNumber: 1, message: nasty, anchor: result.anchors[named].text),
            Diagnostic(rule: "document-rule", severity: .warning, pageNumber: nil, message: "whole document \u{1} control"),
            Diagnostic(rule: "unrendered-page", severity: .info, pageNumber: 2, message: "a page not in the report"),
        ]
        let pages = try await PreviewRenderer.renderPages(
            source: .file(path: path), pages: .all, result: result, diagnostics: lint, options: PreviewOptions(dpi: 48, drawsLegend: false))
        let html = PreviewHTMLReport.document(result, pages: pages, diagnostics: lint)

        let parsed = ParsedHTML(html)
        try #require(parsed.error == nil, "not well-formed: \(String(describing: parsed.error))")
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">"))
        #expect(parsed.all("script").isEmpty, "user text must not become markup")
        #expect(parsed.all("title").first?.text == "tagscan preview: a<b>&c.pdf")
        #expect(parsed.text.contains(nasty), "the tag name and message read back exactly")
        #expect(parsed.text.contains("whole document \u{FFFD} control"))

        // Every in-page link lands on an element; each diagnostic with a rendered page links to it.
        let links = parsed.all("a").compactMap { $0.attributes["href"] }
        #expect(!links.isEmpty && links.allSatisfy { $0.hasPrefix("#") && parsed.ids.contains(String($0.dropFirst())) }, "\(links)")
        #expect(parsed.ids.isSuperset(of: ["page-1", "recipients", "diagnostics"]))
        let problems = parsed.elements.filter { $0.name == "li" && $0.text.contains("made-up-rule") }
        #expect(problems.count == 2, "listed under Diagnostics and under its page")
        let diagnosticsList = parsed.elements.filter { $0.name == "li" && ["error", "warning", "info"].contains($0.attributes["class"] ?? "") }
        #expect(diagnosticsList.contains { $0.text.contains("page 2: info unrendered-page") }, "a page not rendered is named, not linked")
        #expect(!links.contains("#page-2"))

        // One table per recipient, one row per tag, the flagged row marked.
        let tables = parsed.all("table")
        #expect(tables.count == result.recipients.count)
        let rows = parsed.all("tr").filter { !$0.text.hasPrefix("PageType") }
        #expect(rows.count == result.recipients.reduce(0) { $0 + $1.tags.count })
        #expect(parsed.all("tr").contains { $0.attributes["class"] == "flagged" && $0.text.contains("made-up-rule") })
        for recipient in result.recipients {
            #expect(parsed.all("h3").contains { $0.text.contains(recipient.role) })
        }

        // The pages are embedded PNGs of the right size, shown at their size in CSS pixels.
        let images = parsed.all("img")
        #expect(images.count == pages.count)
        for (image, page) in zip(images, pages) {
            let source = try #require(image.attributes["src"])
            #expect(source.hasPrefix("data:image/png;base64,"))
            let png = try #require(Data(base64Encoded: String(source.dropFirst("data:image/png;base64,".count))))
            let decoded = try PNGImage(decoding: png)
            #expect(decoded.width == page.pixelWidth && decoded.height == page.pixelHeight)
            #expect(image.attributes["width"] == String(Int((Double(page.pixelWidth) * 2).rounded())))
            #expect(image.attributes["alt"]?.contains("a<b>&c.pdf") == true)
        }
        #expect(!html.contains("http://") || html.components(separatedBy: "http://").count == 2, "self-contained: only the XHTML namespace")
        #expect(!html.contains("https://"))
    }

    @Test("an unreadable document gets a report that says why")
    func failedDocument() {
        let failed = DocumentResult.failed(
            path: "broken/x.pdf", fileName: "x.pdf", DocumentError(.encrypted, "x.pdf: the document is encrypted & needs a password"))
        let html = PreviewHTMLReport.document(failed, pages: [])
        let parsed = ParsedHTML(html)
        #expect(parsed.error == nil)
        #expect(parsed.ids.contains("error"))
        #expect(parsed.text.contains("encrypted & needs a password"))
        #expect(parsed.all("img").isEmpty)
        #expect(parsed.text.contains("No fields were placed."))
    }
}
