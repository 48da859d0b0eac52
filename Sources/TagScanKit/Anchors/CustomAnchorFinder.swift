import Foundation

/// Finds the matches of custom anchor rules on one page, over the same normalised text the
/// auto-tag finder reads.
///
/// Literal anchors are compared without whitespace on either side (so letter spacing that made the
/// extractor insert spaces still matches, and so does a label poppler glued to the next word),
/// case-folded unless the rule is case-sensitive. Regular expressions run over the page's
/// normalised text as extracted, spaces and line breaks included. Whole-word checks look at the
/// characters next to the match, and at the glyph geometry when the text alone is ambiguous:
/// a letter glued to the match with a visible gap is a separate word, and a letter one inserted
/// space away from a letter-spaced match is part of the same word.
struct CustomAnchorFinder {
    struct Match: Sendable {
        var ruleIndex: Int
        /// The matched text, normalised, without the spaces letter spacing inserted.
        var text: String
        /// Indices into `PageText.scalars`, in text order, each once.
        var glyphs: [Int]
        /// Offset of the match in the page's normalised text: its reading order on the page.
        var order: Int
        /// The match runs over a line break that is one on the page too.
        var wrapped: Bool
    }

    /// Nil when `pattern` compiles as a regular expression (ICU syntax, `NSRegularExpression`),
    /// else why not.
    static func regexProblem(_ pattern: String) -> String? {
        do {
            _ = try NSRegularExpression(pattern: pattern)
            return nil
        } catch {
            return "ICU cannot compile it (\((error as NSError).localizedDescription))"
        }
    }

    private let text: SearchText
    private let page: PageText
    /// The page's non-whitespace scalars, and for each its index in `text`.
    private var compact: [Unicode.Scalar] = []
    private var compactOrigin: [Int] = []
    /// The same, lower-cased; built when a rule is case-insensitive.
    private var folded: [Unicode.Scalar] = []
    private var foldedOrigin: [Int] = []
    /// The page's normalised text as one string for regular expressions, and for each UTF-16
    /// offset in it the index of its scalar; built when a rule needs them.
    private var string: String?
    private var scalarAtUTF16: [Int] = []

    static func find(rules: [CustomAnchorRule], in text: SearchText, page: PageText) -> [Match] {
        guard !rules.isEmpty, !text.scalars.isEmpty else { return [] }
        var finder = CustomAnchorFinder(text: text, page: page)
        var matches: [Match] = []
        for (index, rule) in rules.enumerated() {
            if rule.isRegex {
                matches += finder.regexMatches(rule, index: index)
            } else {
                matches += finder.literalMatches(rule, index: index)
            }
        }
        return matches
    }

    private init(text: SearchText, page: PageText) {
        self.text = text
        self.page = page
        compact.reserveCapacity(text.scalars.count)
        compactOrigin.reserveCapacity(text.scalars.count)
        let scalars = text.scalars
        for i in scalars.indices where !Self.isSpace(scalars[i]) {
            compact.append(scalars[i])
            compactOrigin.append(i)
        }
    }

    /// Whitespace, with an ASCII fast path (a Unicode property lookup per scalar is not free).
    static func isSpace(_ c: Unicode.Scalar) -> Bool {
        if c.value < 0x80 { return c == " " || (0x09...0x0D).contains(c.value) }
        return c.properties.isWhitespace
    }

    // MARK: Literal anchors

    /// A rule's anchor normalised like page text, without whitespace; `spaceBefore` holds the
    /// positions that had whitespace before them in the anchor as written.
    private struct Pattern {
        var scalars: [Unicode.Scalar] = []
        var spaceBefore: Set<Int> = []
    }

    private static func pattern(_ anchor: String, folding: Bool) -> Pattern {
        // Normalise exactly as page text is: the same code path, over a text-only "page".
        let info = PageInfo(pageNumber: 0, width: 0, height: 0, rotation: 0)
        let normal = SearchText(PageText(info: info, scalars: Array(anchor.unicodeScalars), boxes: [], styles: []))
        var pattern = Pattern()
        var pendingSpace = false
        for c in normal.scalars {
            if c.properties.isWhitespace {
                pendingSpace = !pattern.scalars.isEmpty
                continue
            }
            if pendingSpace { pattern.spaceBefore.insert(pattern.scalars.count) }
            pendingSpace = false
            if folding {
                pattern.scalars += c.properties.lowercaseMapping.unicodeScalars
            } else {
                pattern.scalars.append(c)
            }
        }
        return pattern
    }

    /// The first character a literal anchor's match starts with in the normalised page text, as
    /// written (case not folded); nil for an anchor of whitespace only.
    static func firstScalar(of anchor: String) -> Unicode.Scalar? {
        pattern(anchor, folding: false).scalars.first
    }

    private mutating func buildFolded() {
        guard folded.isEmpty else { return }
        folded.reserveCapacity(compact.count)
        foldedOrigin.reserveCapacity(compact.count)
        for k in compact.indices {
            let c = compact[k], origin = compactOrigin[k]
            if c.isASCII {
                // Most text: no String per scalar.
                folded.append(("A"..."Z").contains(c) ? Unicode.Scalar(c.value + 32)! : c)
                foldedOrigin.append(origin)
                continue
            }
            for lower in c.properties.lowercaseMapping.unicodeScalars {
                folded.append(lower)
                foldedOrigin.append(origin)
            }
        }
    }

    private mutating func literalMatches(_ rule: CustomAnchorRule, index: Int) -> [Match] {
        let pattern = Self.pattern(rule.anchor, folding: !rule.caseSensitive)
        guard let first = pattern.scalars.first else { return [] }
        if !rule.caseSensitive { buildFolded() }
        let haystack = rule.caseSensitive ? compact : folded
        let origin = rule.caseSensitive ? compactOrigin : foldedOrigin
        let n = pattern.scalars.count
        var matches: [Match] = []
        var i = 0
        while i + n <= haystack.count {
            guard haystack[i] == first,
                i == 0 || origin[i - 1] != origin[i],  // starts on a whole scalar
                i + n == haystack.count || origin[i + n] != origin[i + n - 1],  // ends on one
                haystack[i..<(i + n)].elementsEqual(pattern.scalars)
            else {
                i += 1
                continue
            }
            let origins = Self.distinct(origin[i..<(i + n)])
            let gapLimit = letterSpacingGap(origins: origins, pattern: pattern, origin: origin, start: i)
            if !rule.wholeWord || isWholeWord(origins, letterSpacingGap: gapLimit) {
                var matched = ""
                // Rebuild the text from the page (original case), with the anchor's own spaces.
                var seen = Set<Int>()
                for k in i..<(i + n) {
                    if pattern.spaceBefore.contains(k - i), !matched.isEmpty { matched += " " }
                    if seen.insert(origin[k]).inserted { matched.unicodeScalars.append(text.scalars[origin[k]]) }
                }
                matches.append(makeMatch(ruleIndex: index, text: matched, origins: origins))
                i += n
            } else {
                i += 1
            }
        }
        return matches
    }

    /// The largest gap that letter spacing put between two glyphs of the match (where the page
    /// text has whitespace the anchor does not), padded a little; nil when the match is not
    /// letter-spaced.
    private func letterSpacingGap(origins: [Int], pattern: Pattern, origin: [Int], start: Int) -> Double? {
        var largest: Double?
        var k = start + 1
        var patternIndex = 1
        while patternIndex < pattern.scalars.count {
            let previous = origin[k - 1], current = origin[k]
            if current > previous + 1, !pattern.spaceBefore.contains(patternIndex),
                text.scalars[(previous + 1)..<current].contains(where: { $0.properties.isWhitespace })
            {
                let gap = visualGap(text.source[previous], text.source[current])
                if gap.isFinite { largest = max(largest ?? 0, gap) }
            }
            k += 1
            patternIndex += 1
        }
        return largest.map { $0 * 1.3 + 0.5 }
    }

    // MARK: Regular expressions

    // ICU's engine (NSRegularExpression) rather than Swift's Regex: on Linux it was 19 times
    // faster over the same 300 pages of text.
    private mutating func regexMatches(_ rule: CustomAnchorRule, index: Int) -> [Match] {
        guard let regex = try? NSRegularExpression(pattern: rule.anchor, options: rule.caseSensitive ? [] : [.caseInsensitive]) else { return [] }
        if string == nil {
            var joined = ""
            joined.unicodeScalars.append(contentsOf: text.scalars)
            scalarAtUTF16.reserveCapacity(text.scalars.count)
            for (i, c) in text.scalars.enumerated() {
                scalarAtUTF16.append(i)
                if c.value > 0xFFFF { scalarAtUTF16.append(i) }  // a surrogate pair
            }
            scalarAtUTF16.append(text.scalars.count)
            string = joined
        }
        guard let string else { return [] }
        let length = scalarAtUTF16.count - 1
        var matches: [Match] = []
        for found in regex.matches(in: string, range: NSRange(location: 0, length: length)) where found.range.length > 0 {
            let lower = scalarAtUTF16[found.range.location]
            let upper = scalarAtUTF16[found.range.location + found.range.length]
            let offsets = (lower..<upper).filter { !text.scalars[$0].properties.isWhitespace }
            guard !offsets.isEmpty else { continue }
            if rule.wholeWord, !isWholeWord(offsets, letterSpacingGap: nil) { continue }
            var matched = ""
            var lastWasSpace = false
            for c in text.scalars[offsets.first!...offsets.last!] {
                if c.properties.isWhitespace {
                    if !lastWasSpace { matched += " " }
                    lastWasSpace = true
                } else {
                    matched.unicodeScalars.append(c)
                    lastWasSpace = false
                }
            }
            matches.append(makeMatch(ruleIndex: index, text: matched, origins: offsets))
        }
        return matches
    }

    // MARK: Shared

    private func makeMatch(ruleIndex: Int, text matched: String, origins: [Int]) -> Match {
        var glyphs: [Int] = []
        for o in origins where glyphs.last != text.source[o] { glyphs.append(text.source[o]) }
        let crossesLine = text.scalars[origins.first!...origins.last!].contains("\n")
        return Match(
            ruleIndex: ruleIndex, text: matched, glyphs: glyphs, order: origins[0],
            wrapped: crossesLine && !AutoTagFinder.onOneLine(glyphs, page))
    }

    private static func distinct(_ origins: ArraySlice<Int>) -> [Int] {
        var out: [Int] = []
        for o in origins where out.last != o { out.append(o) }
        return out
    }

    private static func isWordCharacter(_ c: Unicode.Scalar) -> Bool {
        c.properties.isAlphabetic || c.properties.numericType != nil || c == "_"
    }

    /// True when neither end of the match (`origins`, offsets in the normalised text) continues
    /// a word. Only ends that are word characters themselves need a boundary.
    private func isWholeWord(_ origins: [Int], letterSpacingGap: Double?) -> Bool {
        let first = origins[0], last = origins[origins.count - 1]
        if Self.isWordCharacter(text.scalars[first]), !isBoundary(from: first, step: -1, letterSpacingGap: letterSpacingGap) { return false }
        if Self.isWordCharacter(text.scalars[last]), !isBoundary(from: last, step: 1, letterSpacingGap: letterSpacingGap) { return false }
        return true
    }

    private func isBoundary(from edge: Int, step: Int, letterSpacingGap: Double?) -> Bool {
        let s = text.scalars
        var k = edge + step
        guard s.indices.contains(k) else { return true }
        let c = s[k]
        if c == "\n" { return true }
        let edgeGlyph = text.source[edge]
        if c.properties.isWhitespace {
            // A real space ends the word, unless the match is letter-spaced and the next letter
            // sits no further away than the match's own letters do.
            guard let limit = letterSpacingGap else { return true }
            while s.indices.contains(k), s[k] != "\n", s[k].properties.isWhitespace { k += step }
            guard s.indices.contains(k), s[k] != "\n", Self.isWordCharacter(s[k]) else { return true }
            // A neighbour that is itself a tight word ("Witness" before "S i g n …") is another word.
            if s.indices.contains(k + step), Self.isWordCharacter(s[k + step]) { return true }
            return visualGap(edgeGlyph, text.source[k]) > limit
        }
        guard Self.isWordCharacter(c) else { return true }
        let neighbour = text.source[k]
        if neighbour == edgeGlyph { return false }  // the same glyph (a ligature)
        // A letter right next to the match in the text: poppler glues words from different
        // blocks without a space, so trust a visible gap.
        let a = page.boxes[edgeGlyph], b = page.boxes[neighbour]
        return visualGap(edgeGlyph, neighbour) > 0.25 * max(a.height, b.height)
    }

    /// Horizontal distance between two glyphs on one line; infinite when they are not on one line.
    private func visualGap(_ a: Int, _ b: Int) -> Double {
        let first = page.boxes[a], second = page.boxes[b]
        let overlap = min(first.maxY, second.maxY) - max(first.y, second.y)
        guard overlap >= 0.5 * min(first.height, second.height) else { return .infinity }
        return max(second.x - first.maxX, first.x - second.maxX)
    }
}
