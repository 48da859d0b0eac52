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
    /// Union of its glyphs' boxes, for `tagscan scrub`, which removes directives too. Not part
    /// of the report (nor of equality): a scan read back from a worker process has none.
    public var box: Box? = nil

    public init(pageNumber: Int, text: String, disabledRules: [String], box: Box? = nil) {
        self.pageNumber = pageNumber
        self.text = text
        self.disabledRules = disabledRules
        self.box = box
    }

    public static func == (a: Self, b: Self) -> Bool {
        a.pageNumber == b.pageNumber && a.text == b.text && a.disabledRules == b.disabledRules
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(pageNumber)
        hasher.combine(text)
        hasher.combine(disabledRules)
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

    /// The keyword as lowercase scalars, matched as the body is read.
    private static let keywordScalars = Array(keyword.unicodeScalars)

    /// The directives in one page's scalars; with `boxes` (one per scalar), each gets the union
    /// of its glyphs' boxes.
    static func find(in scalars: [Unicode.Scalar], page: Int, boxes: [Box]? = nil) -> [TemplateDirective] {
        var found: [TemplateDirective] = []
        var i = 0
        while i < scalars.count {
            guard scalars[i] == "|" else {
                i += 1
                continue
            }
            // Read to the closing pipe, checking that the body (without whitespace, lowercased)
            // starts with the keyword; only a directive's body is built as a String.
            var length = 0
            var matched = 0
            var isDirective = true
            var j = i + 1
            var closing: Int?
            while j < scalars.count, length <= maximumBodyLength {
                let c = scalars[j]
                if c == "|" {
                    closing = j
                    break
                }
                if !GlyphLayout.isWhitespace(c) {
                    if isDirective, matched < keywordScalars.count {
                        isDirective = matchKeyword(c, from: &matched)
                    }
                    length += 1
                }
                j += 1
            }
            guard let closing else { break }
            if isDirective, matched == keywordScalars.count {
                var body = ""
                for c in scalars[(i + 1)..<closing] where !GlyphLayout.isWhitespace(c) { body.unicodeScalars.append(c) }
                let rules = body.dropFirst(keyword.count).split(separator: ",").map { $0.lowercased() }.filter { !$0.isEmpty }
                var box: Box? = nil
                if let boxes, boxes.count == scalars.count {
                    for index in i...closing where !GlyphLayout.isWhitespace(scalars[index]) && (boxes[index].width > 0 || boxes[index].height > 0) {
                        box = box?.union(boxes[index]) ?? boxes[index]
                    }
                }
                found.append(TemplateDirective(pageNumber: page, text: "|\(body)|", disabledRules: rules, box: box?.rounded))
                i = closing + 1
            } else {
                // The closing pipe may open the next directive (`|S1SR||tagscan-disable:…|`).
                i = closing
            }
        }
        return found
    }

    /// Whether `scalar`, lowercased, continues the keyword at `matched`; advances `matched`.
    private static func matchKeyword(_ scalar: Unicode.Scalar, from matched: inout Int) -> Bool {
        if scalar.isASCII {
            let lower = scalar.value >= 0x41 && scalar.value <= 0x5A ? Unicode.Scalar(scalar.value + 0x20)! : scalar
            guard lower == keywordScalars[matched] else { return false }
            matched += 1
            return true
        }
        // Lowercasing can turn one scalar into ASCII letters (KELVIN SIGN → k), as String's did.
        for lower in String(scalar).lowercased().unicodeScalars {
            guard matched < keywordScalars.count else { return true }
            guard lower == keywordScalars[matched] else { return false }
            matched += 1
        }
        return true
    }
}
