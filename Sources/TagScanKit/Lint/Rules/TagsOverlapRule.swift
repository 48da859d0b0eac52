/// `tags-overlap`: two fields, of any recipients, that would cover each other.
///
/// A field's footprint is taken as its tag position with the anchor's size, and for text fields
/// the tag's width: Yoti does not document field sizes, so this catches fields whose anchors
/// overlap and anchors that sit under a text field's width.
public enum TagsOverlapRule: DocumentLintRule {
    public static let description = DiagnosticCatalog.tagsOverlap

    public static func check(_ document: LintDocument, options: LintOptions) -> [Diagnostic] {
        let pages = Dictionary(document.result.pages.map { ($0.pageNumber, $0) }, uniquingKeysWith: { first, _ in first })
        var fields: [Int: [(anchor: Anchor, box: Box)]] = [:]
        for (anchor, tag) in document.taggedAnchors {
            guard let page = pages[tag.pageNumber], page.width > 0, page.height > 0 else { continue }
            let width = tag.width.map { $0 * page.width } ?? anchor.box.width
            let box = Box(x: tag.x * page.width, y: tag.y * page.height, width: width, height: anchor.box.height)
            fields[tag.pageNumber, default: []].append((anchor, box))
        }
        var found: [Diagnostic] = []
        for page in fields.keys.sorted() {
            let onPage = fields[page] ?? []
            for i in onPage.indices {
                for j in onPage.indices where j > i && onPage[i].box.intersects(onPage[j].box) {
                    let a = onPage[i].anchor, b = onPage[j].anchor
                    found.append(
                        description.diagnostic(
                            page: page,
                            "\(a.text) (\(a.role ?? "?") \(a.tag?.type.rawValue ?? "")) and \(b.text) (\(b.role ?? "?") \(b.tag?.type.rawValue ?? "")) overlap at \(formatPoints(onPage[j].box.x)), \(formatPoints(onPage[j].box.y)) pt",
                            anchor: b.text))
                }
            }
        }
        return found
    }
}
