import Foundation

/// Finds other vendors' text tags on one page in one pass over its normalised text:
/// `{{…}}` (Acrobat Sign, DocuSeal, Documenso, told apart by their grammar), `[…|…]` (Dropbox
/// Sign) and `\s1\` / `/sn1/` (DocuSign-style anchors).
///
/// Like the auto-tag finder it survives letter spacing: keywords are read without spaces, and in a
/// letter-spaced tag only the gaps clearly wider than the letter spacing count as spaces in names
/// and labels. A tag whose glyphs are not on one line is reported as wrapped, not matched.
struct ForeignTagFinder {
    struct Match: Sendable {
        /// The tag as read: normalised, with the spaces letter spacing inserted removed.
        var text: String
        var dialect: AnchorDialect
        var result: Result<ForeignTag, ForeignTag.Failure>
        /// Indices into `PageText.scalars`, delimiters included, each once.
        var glyphs: [Int]
        /// Offset in the page's normalised text.
        var order: Int
        var wrapped: Bool
    }

    /// Longest `{{…}}` body considered.
    static let maximumBraceBody = 400
    /// Longest `[…]` body considered.
    static let maximumBracketBody = 240

    private let text: SearchText
    private let page: PageText

    static func find(in text: SearchText, page: PageText) -> [Match] {
        ForeignTagFinder(text: text, page: page).run()
    }

    private func run() -> [Match] {
        let s = text.scalars
        var matches: [Match] = []
        var i = 0
        while i < s.count {
            let c = s[i]
            var next = i + 1
            if c == "{", let inner = nextNonSpace(after: i), s[inner] == "{" {
                if let (match, end) = braces(at: i) {
                    matches.append(match)
                    next = end + 1
                }
            } else if c == "[" {
                if let (match, end) = bracket(at: i) {
                    matches.append(match)
                    next = end + 1
                }
            } else if c == "\\" || c == "/" {
                if let (match, end) = delimited(at: i) {
                    matches.append(match)
                    next = end + 1
                }
            }
            i = next
        }
        return matches
    }

    // MARK: Syntaxes

    /// The next offset after `i` that is not a space on the same line (letter spacing can put
    /// spaces between the two braces of `{{`).
    private func nextNonSpace(after i: Int) -> Int? {
        let s = text.scalars
        var k = i + 1
        while k < s.count, s[k] != "\n", s[k].properties.isWhitespace { k += 1 }
        return k < s.count && s[k] != "\n" ? k : nil
    }

    /// `{{…}}` from `start`; returns the match and the offset of the last closing brace.
    private func braces(at start: Int) -> (Match, Int)? {
        let s = text.scalars
        guard let inner = nextNonSpace(after: start) else { return nil }
        var j = inner + 1
        while j + 1 < s.count, j - inner - 1 <= Self.maximumBraceBody {
            if s[j] == "{", let k = nextNonSpace(after: j), s[k] == "{" { return nil }  // another opening: let the main loop restart there
            if s[j] == "}", let k = nextNonSpace(after: j), s[k] == "}" {
                let body = cleanBody(inner + 1, j)
                let compact = body.filter { !$0.isWhitespace }.lowercased()
                let dialect: AnchorDialect
                let result: Result<ForeignTag, ForeignTag.Failure>
                if compact.contains("_es_") {
                    (dialect, result) = (.acrobat, AcrobatTagParser.parse(body))
                } else if DocuSealTagParser.recognises(body) {
                    (dialect, result) = (.docuseal, DocuSealTagParser.parse(body))
                } else if DocumensoTagParser.recognises(body) {
                    (dialect, result) = (.documenso, DocumensoTagParser.parse(body))
                } else {
                    return nil
                }
                return (makeMatch("{{" + body.trimmingCharacters(in: .whitespaces) + "}}", dialect, result, start, k), k)
            }
            j += 1
        }
        return nil
    }

    /// `[type|…]` from `start`.
    private func bracket(at start: Int) -> (Match, Int)? {
        let s = text.scalars
        var j = start + 1
        while j < s.count, j - start - 1 <= Self.maximumBracketBody {
            if s[j] == "[" { return nil }
            if s[j] == "]" {
                let body = cleanBody(start + 1, j)
                guard DropboxTagParser.recognises(body) else { return nil }
                let tidy = body.split(separator: "|", omittingEmptySubsequences: false)
                    .map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: "|")
                return (makeMatch("[" + tidy + "]", .dropbox, DropboxTagParser.parse(body), start, j), j)
            }
            j += 1
        }
        return nil
    }

    /// `\code N\` or `/code N/` from `start`, not inside a word or a path.
    private func delimited(at start: Int) -> (Match, Int)? {
        let s = text.scalars
        let delimiter = s[start]
        if start > 0, Self.isAlphanumeric(s[start - 1]) { return nil }
        var body = ""
        var length = 0  // String's scalar count walks the string: keep our own
        var j = start + 1
        while j < s.count, length <= DocuSignTagParser.maximumBodyLength {
            let c = s[j]
            if c == "\n" { return nil }
            if c == delimiter {
                if j + 1 < s.count, Self.isAlphanumeric(s[j + 1]) { return nil }
                guard let tag = DocuSignTagParser.parse(body) else { return nil }
                let written = String(delimiter) + body + String(delimiter)
                return (makeMatch(written, .docusign, .success(tag), start, j), j)
            }
            if !c.properties.isWhitespace {
                guard c.isASCII, Self.isAlphanumeric(c) else { return nil }
                body.unicodeScalars.append(c)
                length += 1
            }
            j += 1
        }
        return nil
    }

    // MARK: Shared

    private func makeMatch(_ written: String, _ dialect: AnchorDialect, _ result: Result<ForeignTag, ForeignTag.Failure>, _ first: Int, _ last: Int) -> Match {
        var glyphs: [Int] = []
        for k in first...last where !text.scalars[k].properties.isWhitespace && glyphs.last != text.source[k] {
            glyphs.append(text.source[k])
        }
        let crossesLine = text.scalars[first...last].contains("\n")
        return Match(
            text: written, dialect: dialect, result: result, glyphs: glyphs, order: first,
            wrapped: crossesLine && !AutoTagFinder.onOneLine(glyphs, page))
    }

    static func isAlphanumeric(_ c: Unicode.Scalar) -> Bool {
        c.properties.isAlphabetic || c.properties.numericType != nil
    }

    /// The text between `from` and `to` (exclusive): line breaks read as spaces, runs of spaces as
    /// one, and in a letter-spaced body only the gaps clearly wider than the letter spacing kept.
    private func cleanBody(_ from: Int, _ to: Int) -> String {
        let s = text.scalars
        guard from < to else { return "" }
        // Each run of whitespace between two glyphs, with the visual gap it stands for.
        var pieces: [(scalars: [Unicode.Scalar], gapAfter: Double?)] = []
        var current: [Unicode.Scalar] = []
        var k = from
        var lastGlyph: Int?
        var nonSpace = 0
        while k < to {
            if s[k].properties.isWhitespace {
                var m = k
                while m < to, s[m].properties.isWhitespace { m += 1 }
                var gap: Double?
                if let previous = lastGlyph, m < to {
                    let a = page.boxes[text.source[previous]], b = page.boxes[text.source[m]]
                    let overlap = min(a.maxY, b.maxY) - max(a.y, b.y)
                    gap = overlap >= 0.5 * min(a.height, b.height) ? b.x - a.maxX : nil
                }
                if !current.isEmpty { pieces.append((current, gap)) }
                current = []
                k = m
                continue
            }
            current.append(s[k])
            lastGlyph = k
            nonSpace += 1
            k += 1
        }
        if !current.isEmpty { pieces.append((current, nil)) }
        guard !pieces.isEmpty else { return "" }

        let gaps = pieces.compactMap(\.gapAfter)
        let letterSpaced = nonSpace >= 4 && Double(pieces.count - 1) >= 0.5 * Double(nonSpace - 1)
        var threshold = -Double.infinity
        if letterSpaced, !gaps.isEmpty {
            let sorted = gaps.sorted()
            let median = sorted[sorted.count / 2]
            let height = lastGlyph.map { page.boxes[text.source[$0]].height } ?? 10
            threshold = median + 0.15 * height
        }
        var out = ""
        for (index, piece) in pieces.enumerated() {
            out.unicodeScalars.append(contentsOf: piece.scalars)
            guard index < pieces.count - 1 else { break }
            if !letterSpaced || (piece.gapAfter.map { $0 > threshold } ?? true) { out += " " }
        }
        return out
    }
}
