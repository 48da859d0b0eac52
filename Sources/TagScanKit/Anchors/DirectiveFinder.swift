/// A per-template lint directive written in the document itself:
/// `|tagscan-disable:visible-anchor,tiny-anchor|` turns those rules off for the whole document.
///
/// The directive is ordinary page text, so a template author can keep it in the source document
/// (in white or tiny text, like the auto-tags themselves). Spaces and line breaks inside it are
/// ignored, as letter spacing can make the extractor insert them.
public struct TemplateDirective: Sendable, Codable, Hashable {
    /// The page the directive was found on (1-based).
    public var pageNumber: Int
    /// The directive as read, without spaces: `|tagscan-disable:visible-anchor,tiny-anchor|`.
    public var text: String
    /// The rule ids it names, in the order written.
    public var disabledRules: [String]

    public init(pageNumber: Int, text: String, disabledRules: [String]) {
        self.pageNumber = pageNumber
        self.text = text
        self.disabledRules = disabledRules
    }

    enum CodingKeys: String, CodingKey {
        case pageNumber = "page_number"
        case text
        case disabledRules = "disabled_rules"
    }
}

/// Finds `|tagscan-disable:…|` directives in one page's extracted text.
enum DirectiveFinder {
    static let keyword = "tagscan-disable:"
    /// Longest directive body read before giving up: room for every rule id.
    static let maximumBodyLength = 1_000

    static func find(in scalars: [Unicode.Scalar], page: Int) -> [TemplateDirective] {
        var found: [TemplateDirective] = []
        var i = 0
        while i < scalars.count {
            guard scalars[i] == "|" else {
                i += 1
                continue
            }
            var body = ""
            var length = 0  // String's scalar count walks the string: keep our own
            var j = i + 1
            var closing: Int?
            while j < scalars.count, length <= maximumBodyLength {
                let c = scalars[j]
                if c == "|" {
                    closing = j
                    break
                }
                if !c.properties.isWhitespace {
                    body.unicodeScalars.append(c)
                    length += 1
                }
                j += 1
            }
            guard let closing else { break }
            if body.lowercased().hasPrefix(keyword) {
                let rules = body.dropFirst(keyword.count).split(separator: ",").map { $0.lowercased() }.filter { !$0.isEmpty }
                found.append(TemplateDirective(pageNumber: page, text: "|\(body)|", disabledRules: rules))
                i = closing + 1
            } else {
                // The closing pipe may open the next directive (`|S1SR||tagscan-disable:…|`).
                i = closing
            }
        }
        return found
    }
}
