/// `tags-overlap`: two fields, of any recipients, that would cover each other.
///
/// A field's extent is its ``FieldFootprint``, the area the preview draws.
enum TagsOverlapRule: DocumentLintRule {
    static let description = DiagnosticCatalog.tagsOverlap

    static func check(_ document: LintDocument, options: LintOptions) -> [Diagnostic] {
        let pages = Dictionary(document.result.pages.map { ($0.pageNumber, $0) }, uniquingKeysWith: { first, _ in first })
        var fields: [Int: [(anchor: Anchor, box: Box)]] = [:]
        for (anchor, tag) in document.taggedAnchors {
            guard let page = pages[tag.pageNumber], page.width > 0, page.height > 0 else { continue }
            let box = FieldFootprint.box(for: tag, anchorBox: anchor.box, on: page)
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
