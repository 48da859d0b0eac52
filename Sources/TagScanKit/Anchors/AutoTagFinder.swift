/// Finds Yoti auto-tags on one page in one pass over its normalised scalars.
///
/// Spaces and line breaks between the pipes are skipped outside the metadata, so letter spacing
/// that made the extractor insert spaces (`| S 1 S R |`) still matches; a break between glyphs
/// that are not on one line is reported as a wrapped anchor instead of being matched.
struct AutoTagFinder {
    enum Kind: Sendable, Hashable {
        case header
        case tag(AutoTag)
        case malformed(AutoTagParser.Failure)
        case wrapped
    }

    struct Match: Sendable {
        /// `|S1SR|`, normalised.
        var text: String
        var kind: Kind
        /// Indices into `PageText.scalars` of the anchor's visible glyphs, pipes included.
        var glyphs: [Int]
        var hadTypographicQuotes: Bool
    }

    /// An anchor cut off by the end of the page, and the start of a page that may finish one.
    struct Fragment: Sendable, Hashable {
        var body: String
        var glyphs: [Int]
    }

    struct PageResult: Sendable {
        var matches: [Match] = []
        /// Text after the page's last unclosed `|`, when it looks like the start of an auto-tag.
        var openTail: Fragment?
        /// Text before the page's first `|` (closing pipe included), when short enough to be the
        /// end of an auto-tag begun on the previous page.
        var head: Fragment?
    }

    /// Longest body considered: the longest real auto-tag with metadata is far below it.
    static let maximumBodyLength = 600
    /// Longest body without metadata: role, two digits, `RGnn`, flag.
    static let maximumCodeLength = 12

    static func find(in text: SearchText, page: PageText) -> PageResult {
        var result = PageResult()
        let s = text.scalars
        result.head = head(of: text)

        var i = 0
        while i < s.count {
            guard s[i] == "|" else {
                i += 1
                continue
            }
            let scan = readBody(text, page, openingAt: i)
            guard let closing = scan.closingIndex else {
                if scan.endOfPage, !scan.body.isEmpty, AutoTagParser.looksLikeAutoTag(Substring(scan.body)) || scan.body.count == 1 {
                    result.openTail = Fragment(body: scan.body, glyphs: scan.glyphs)
                }
                if scan.endOfPage { break }
                i += 1
                continue
            }
            let body = scan.body
            let anchorText = "|" + body + "|"
            if body == "AT" {
                result.matches.append(Match(text: anchorText, kind: .header, glyphs: scan.glyphs, hadTypographicQuotes: false))
                i = closing + 1
            } else if AutoTagParser.looksLikeAutoTag(Substring(body)) {
                let kind: Kind
                if scan.crossedLineBreak, !onOneLine(scan.glyphs, page) {
                    kind = .wrapped
                } else {
                    switch AutoTagParser.parse(body) {
                    case .success(let tag): kind = .tag(tag)
                    case .failure(let failure): kind = .malformed(failure)
                    }
                }
                result.matches.append(Match(text: anchorText, kind: kind, glyphs: scan.glyphs, hadTypographicQuotes: scan.hadTypographicQuotes))
                i = closing + 1
            } else {
                // Not an auto-tag: its closing pipe may open the next one (`| a |S1SR|`).
                i = closing
            }
        }
        return result
    }

    private struct BodyScan {
        var body = ""
        var glyphs: [Int] = []
        var closingIndex: Int?
        var endOfPage = false
        var crossedLineBreak = false
        var hadTypographicQuotes = false
    }

    /// Reads from the pipe at `start` to the closing pipe, or gives up.
    private static func readBody(_ text: SearchText, _ page: PageText, openingAt start: Int) -> BodyScan {
        let s = text.scalars
        var scan = BodyScan()
        scan.glyphs.append(text.source[start])
        // Lengths are counted here: a String's scalar count walks the whole string.
        var depth = 0, inString = false, escaped = false, codeLength = 0, bodyLength = 0
        var j = start + 1
        while j < s.count {
            let c = s[j]
            let isSpace = c.properties.isWhitespace
            if c == "\n" { scan.crossedLineBreak = true }
            if depth == 0 {
                if c == "|" {
                    scan.closingIndex = j
                    scan.glyphs.append(text.source[j])
                    return scan
                }
                if !isSpace {
                    if c == "{" { depth = 1 } else { codeLength += 1 }
                    if codeLength > maximumCodeLength { return scan }
                    scan.body.unicodeScalars.append(c)
                    appendGlyph(text.source[j], to: &scan.glyphs)
                }
            } else {
                if inString {
                    if escaped { escaped = false } else if c == "\\" { escaped = true } else if c == "\"" { inString = false }
                    scan.body.unicodeScalars.append(c == "\n" ? " " : c)
                    bodyLength += 1
                } else if !isSpace {
                    if c == "\"" { inString = true } else if c == "{" { depth += 1 } else if c == "}" { depth -= 1 }
                    scan.body.unicodeScalars.append(c)
                    bodyLength += 1
                }
                if !isSpace { appendGlyph(text.source[j], to: &scan.glyphs) }
                if SearchText.isTypographicQuote(page.scalars[text.source[j]]) { scan.hadTypographicQuotes = true }
                if codeLength + bodyLength > maximumBodyLength { return scan }
            }
            j += 1
        }
        scan.endOfPage = true
        return scan
    }

    /// Several normalised scalars can share a source glyph (a ligature); keep each glyph once.
    private static func appendGlyph(_ index: Int, to glyphs: inout [Int]) {
        if glyphs.last != index { glyphs.append(index) }
    }

    private static func head(of text: SearchText) -> Fragment? {
        var body = ""
        var length = 0
        var glyphs: [Int] = []
        for (j, c) in text.scalars.enumerated() {
            if c == "|" {
                glyphs.append(text.source[j])
                return body.isEmpty ? nil : Fragment(body: body, glyphs: glyphs)
            }
            if c.properties.isWhitespace { continue }
            body.unicodeScalars.append(c)
            length += 1
            appendGlyph(text.source[j], to: &glyphs)
            if length > maximumCodeLength { return nil }
        }
        return nil
    }

    /// True when consecutive glyphs overlap vertically by at least half the smaller height: the
    /// extractor broke the line, the page did not.
    static func onOneLine(_ glyphs: [Int], _ page: PageText) -> Bool {
        for (a, b) in zip(glyphs, glyphs.dropFirst()) {
            let first = page.boxes[a], second = page.boxes[b]
            let overlap = min(first.maxY, second.maxY) - max(first.y, second.y)
            if overlap < 0.5 * min(first.height, second.height) { return false }
        }
        return true
    }
}
