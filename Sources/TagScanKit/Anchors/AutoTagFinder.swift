/// Finds Yoti auto-tags on one page in one pass over its normalised scalars, and the text that is
/// almost an auto-tag (no closing pipe, a malformed code, a tag broken across lines), quoted as
/// the document writes it.
///
/// Every `|` may open a tag, and a candidate that is not a clean tag never takes the pipe that
/// opens a clean one: in `|S2SR  |S2DSR|` the second tag is found and the first is reported as
/// missing its closing pipe. Spaces the layout inferred between glyphs (letter spacing) are
/// skipped inside the pipes; spaces the document drew end the code as written, so
/// `|S1SR   Date: |S1DSR|` reads as `|S1SR` without its pipe, not as `|S1SRDate:|`. A tag with
/// drawn spaces that still reads as one (`| S5SR |`) is placed, and reported as spaced. A candidate
/// never runs past the end of its column or table cell (a flow break of the layout), and a break
/// between glyphs that are not on one line is reported as a wrapped anchor.
struct AutoTagFinder {
    enum Kind: Sendable, Hashable {
        case header
        /// A valid tag; `spaced` when the document drew spaces inside its pipes.
        case tag(AutoTag, spaced: Bool)
        /// Complete `|…|` text shaped like an auto-tag that does not parse.
        case malformed(AutoTagParser.Failure)
        /// Text shaped like an auto-tag whose closing pipe is missing; `atBoundary` when it ends
        /// at the end of a table cell or column.
        case unclosed(atBoundary: Bool)
        case wrapped
    }

    struct Match: Sendable {
        /// Tags, the header and wrapped anchors: normalised (`|S1SR|`, no spaces outside the
        /// metadata). Other problems: the text as the document writes it.
        var text: String
        var kind: Kind
        /// Indices into `PageText.scalars` of the anchor's visible glyphs, pipes included.
        var glyphs: [Int]
        var hadTypographicQuotes: Bool
        /// For spaced tags the text as written; for problems the tag it probably meant.
        var written: String? = nil
        var suggestion: String? = nil
        /// A body whose suggestion is still to be worked out.
        var suggestionFrom: String? = nil
    }

    /// An anchor cut off by the end of the page, and the start of a page that may finish one.
    struct Fragment: Sendable, Hashable {
        var body: String
        var glyphs: [Int]
        /// The text as written, from the opening pipe.
        var quote: String = ""
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
    /// Wraps an anchor may be followed across to another part of the page.
    static let maximumJumps = 2

    /// Near misses per page that get a suggestion: each costs a few hundred parses, and a hostile
    /// page can hold thousands of them.
    static let suggestionsPerPage = 64

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
            let candidate = read(text, page, openingAt: i)
            guard let closing = candidate.closing else {
                if candidate.endOfPage {
                    if !candidate.body.isEmpty, AutoTagParser.looksLikeAutoTag(Substring(candidate.body)) || candidate.body.count == 1 {
                        result.openTail = Fragment(
                            body: candidate.body, glyphs: candidate.glyphs, quote: "|" + (candidate.prefix?.written ?? candidate.written))
                    }
                    break
                }
                if let unclosed = unclosed(candidate, atBoundary: candidate.stoppedAtFlowBreak) { result.matches.append(unclosed) }
                i += 1
                continue
            }
            let body = candidate.body
            if body == "AT" {
                result.matches.append(Match(text: "|AT|", kind: .header, glyphs: candidate.glyphs, hadTypographicQuotes: false))
                i = candidate.jumped ? i + 1 : closing + 1
                continue
            }
            guard AutoTagParser.looksLikeAutoTag(Substring(body)) else {
                // Not an auto-tag: its closing pipe may open the next one (`| a |S1SR|`).
                i = candidate.jumped ? i + 1 : closing
                continue
            }
            let wrapped = candidate.crossedLineBreak && !onOneLine(candidate.glyphs, page)
            let parsed = AutoTagParser.parse(body)
            let clean = !wrapped && !candidate.drawnSpace && (try? parsed.get()) != nil
            if !clean, isCleanTag(read(text, page, openingAt: closing), page) {
                // The pipe that would close this one opens a valid tag: this one lacks its own.
                if let unclosed = unclosed(candidate, atBoundary: false) { result.matches.append(unclosed) }
                i = candidate.jumped ? i + 1 : closing
                continue
            }
            let anchorText = "|" + body + "|"
            let match: Match
            if wrapped {
                match = Match(text: anchorText, kind: .wrapped, glyphs: candidate.glyphs, hadTypographicQuotes: candidate.hadTypographicQuotes)
            } else {
                switch parsed {
                case .success(let tag):
                    let spaced = candidate.drawnSpace && page.distinguishesSpaces
                    match = Match(
                        text: anchorText, kind: .tag(tag, spaced: spaced), glyphs: candidate.glyphs,
                        hadTypographicQuotes: candidate.hadTypographicQuotes, written: spaced ? "|" + candidate.written + "|" : nil)
                case .failure(let failure):
                    if candidate.validPrefix != nil, let unclosed = unclosed(candidate, atBoundary: false) {
                        // `|S1SR   Date: |`: the code as written is a tag that lost its pipe.
                        match = unclosed
                    } else {
                        match = Match(
                            text: "|" + candidate.written + "|", kind: .malformed(failure), glyphs: candidate.glyphs,
                            hadTypographicQuotes: candidate.hadTypographicQuotes, suggestion: nil, suggestionFrom: body)
                    }
                }
            }
            result.matches.append(match)
            // A clean tag owns its closing pipe; after anything else the pipe may open the next.
            // Text followed across a jump may close anywhere: go on right after its opening pipe.
            i = candidate.jumped ? i + 1 : clean ? closing + 1 : closing
        }
        suggest(&result.matches)
        return result
    }

    private struct Candidate {
        /// Normalised: no whitespace outside the metadata, line breaks in strings as spaces.
        var body = ""
        /// As written: drawn spaces kept (one for a run), inferred spaces and line breaks left
        /// out outside the metadata.
        var written = ""
        var glyphs: [Int] = []
        var closing: Int?
        var endOfPage = false
        var stoppedAtFlowBreak = false
        var crossedLineBreak = false
        /// The text was followed to another part of the page (a wrapped cell beside a one-line
        /// cell): other anchors may stand between its opening and closing pipes.
        var jumped = false
        /// A space the document drew inside the pipes, outside the metadata (or a space the
        /// extractor cannot classify).
        var drawnSpace = false
        var hadTypographicQuotes = false
        /// The code up to the first space or line break after it began: what the author wrote as
        /// the tag when its closing pipe is missing.
        var prefix: (body: String, written: String, glyphs: Int)?
        /// The longest reading of the code up to any word space, drawn or a wide inferred one,
        /// that is a valid tag: where spaces are not drawn (pdfTeX), `|S1SR Date: |` still
        /// reads as `|S1SR` that lost its pipe.
        var validPrefix: (body: String, written: String, glyphs: Int)?

        mutating func noteWordBreak() {
            if !body.isEmpty, (try? AutoTagParser.parse(body).get()) != nil { validPrefix = (body, written, glyphs.count) }
        }

        mutating func endPrefix() {
            if prefix == nil, !body.isEmpty { prefix = (body, written, glyphs.count) }
        }
    }

    /// Reads from the pipe at `start` to the closing pipe, or gives up.
    private static func read(_ text: SearchText, _ page: PageText, openingAt start: Int) -> Candidate {
        let s = text.scalars
        var scan = Candidate()
        scan.glyphs.append(text.source[start])
        // Lengths are counted here: a String's scalar count walks the whole string.
        // Where the producer positions words instead of drawing spaces (pdfTeX), a word space is
        // an inferred gap as wide as one; letter spacing leaves such gaps between every glyph.
        let wideGapsAreSpaces = !isLetterSpaced(text, openingAt: start)
        func isWordSpace(_ j: Int) -> Bool {
            let offset = text.source[j]
            return page.isDrawnSpace(at: offset) || (wideGapsAreSpaces && isWordGap(offset, page))
        }
        var j = start + 1
        var jumps = 0
        // Where the text wraps on to somewhere else than right after the end of its segment.
        var depth = 0, inString = false, escaped = false, codeLength = 0, bodyLength = 0
        func continuation(after j: Int) -> Int? {
            guard jumps < maximumJumps, j > 0, let offset = page.continuations[text.source[j - 1]] else { return nil }
            jumps += 1
            scan.jumped = true
            scan.crossedLineBreak = true
            scan.endPrefix()
            // A wrap inside a metadata string stands where the author typed a space.
            if inString {
                scan.body.unicodeScalars.append(" ")
                if scan.written.unicodeScalars.last != " " { scan.written.unicodeScalars.append(" ") }
            }
            return text.index(ofSource: offset)
        }
        while true {
            if j >= s.count {
                guard let next = continuation(after: j) else { break }
                j = next
            }
            let c = s[j]
            let isSpace = c.properties.isWhitespace
            // A flow ends at a line break, or (poppler-glib) at a space between two columns.
            if c == "\n" || (isSpace && !page.distinguishesSpaces) {
                if page.isFlowBreak(at: text.source[j]) {
                    if let next = continuation(after: j) {
                        j = next
                        continue
                    }
                    scan.stoppedAtFlowBreak = true
                    scan.endPrefix()
                    return scan
                }
                if c == "\n" { scan.crossedLineBreak = true }
            }
            // A pipe ends the anchor even inside a metadata string: anchors are read pipe to pipe,
            // so a pipe there would end it for Yoti too, and a broken tag never takes the pipe of
            // the tag after it.
            if c == "|" {
                scan.closing = j
                scan.glyphs.append(text.source[j])
                return scan
            }
            if depth == 0 {
                if isSpace {
                    let drawn = c != "\n" && isWordSpace(j)
                    if c == "\n" || drawn {
                        scan.endPrefix()
                    }
                    if drawn || c == "\n" || isWordGap(text.source[j], page) { scan.noteWordBreak() }
                    if drawn {
                        scan.drawnSpace = true
                        if scan.written.unicodeScalars.last != " " { scan.written.unicodeScalars.append(" ") }
                    }
                } else {
                    if c == "{" { depth = 1 } else { codeLength += 1 }
                    if codeLength > maximumCodeLength {
                        scan.endPrefix()
                        return scan
                    }
                    scan.body.unicodeScalars.append(c)
                    scan.written.unicodeScalars.append(c)
                    appendGlyph(text.source[j], to: &scan.glyphs)
                }
            } else {
                if inString {
                    if escaped { escaped = false } else if c == "\\" { escaped = true } else if c == "\"" { inString = false }
                    let character = c == "\n" ? " " : c
                    scan.body.unicodeScalars.append(character)
                    if !(isSpace && scan.written.unicodeScalars.last == " ") { scan.written.unicodeScalars.append(isSpace ? " " : c) }
                    bodyLength += 1
                } else if !isSpace {
                    if c == "\"" { inString = true } else if c == "{" { depth += 1 } else if c == "}" { depth -= 1 }
                    scan.body.unicodeScalars.append(c)
                    scan.written.unicodeScalars.append(c)
                    bodyLength += 1
                }
                if !isSpace { appendGlyph(text.source[j], to: &scan.glyphs) }
                if SearchText.isTypographicQuote(page.scalars[text.source[j]]) { scan.hadTypographicQuotes = true }
                if codeLength + bodyLength > maximumBodyLength {
                    scan.endPrefix()
                    return scan
                }
            }
            j += 1
        }
        scan.endOfPage = true
        scan.endPrefix()
        return scan
    }

    /// Whether the code after the pipe at `start` has a gap between every two glyphs (letter
    /// spacing), rather than glyphs set tight with at most a word space somewhere.
    private static func isLetterSpaced(_ text: SearchText, openingAt start: Int) -> Bool {
        let s = text.scalars
        var tight = 0
        var j = start
        while j + 1 < s.count, j - start <= maximumCodeLength + 2 {
            let a = s[j], b = s[j + 1]
            if b == "\n" || b == "{" || (b == "|" && j > start) { break }
            if !a.properties.isWhitespace, !b.properties.isWhitespace { tight += 1 }
            if tight >= 2 { return false }
            j += 1
        }
        return true
    }

    /// An inferred space as wide as a word space (a fifth of the glyph height, about a quarter
    /// of the font size), rather than the narrower gaps of letter spacing.
    private static func isWordGap(_ offset: Int, _ page: PageText) -> Bool {
        let gap = page.boxes[offset]
        return gap.width >= 0.2 * gap.height
    }

    /// A candidate that is a tag with nothing to report: closed, on one line, no drawn spaces.
    private static func isCleanTag(_ candidate: Candidate, _ page: PageText) -> Bool {
        guard candidate.closing != nil, !candidate.drawnSpace else { return false }
        if candidate.body == "AT" { return true }
        guard AutoTagParser.looksLikeAutoTag(Substring(candidate.body)) else { return false }
        if candidate.crossedLineBreak, !onOneLine(candidate.glyphs, page) { return false }
        return (try? AutoTagParser.parse(candidate.body).get()) != nil
    }

    /// The candidate read as a tag that lost its closing pipe: its code as written, up to the
    /// first space or line break, when that is shaped like an auto-tag.
    private static func unclosed(_ candidate: Candidate, atBoundary: Bool) -> Match? {
        // Without a space or line break after the code, all that was read up to the pipe that
        // stopped it (`|S1TR{"nm":"Signatory` before the next cell's `|S2SR|`).
        let read = (body: candidate.body, written: candidate.written, glyphs: candidate.glyphs.count - (candidate.closing == nil ? 0 : 1))
        let prefix = candidate.validPrefix ?? candidate.prefix ?? read
        guard AutoTagParser.looksLikeAutoTag(Substring(prefix.body)) else { return nil }
        let valid = (try? AutoTagParser.parse(prefix.body).get()) != nil
        var written = prefix.written
        while written.unicodeScalars.last == " " { written.unicodeScalars.removeLast() }
        return Match(
            text: "|" + written, kind: .unclosed(atBoundary: atBoundary), glyphs: Array(candidate.glyphs.prefix(prefix.glyphs)),
            hadTypographicQuotes: false, suggestion: valid ? "|" + prefix.body + "|" : nil, suggestionFrom: valid ? nil : prefix.body)
    }

    /// Fills in the suggestions still to be worked out, for the first `suggestionsPerPage`.
    private static func suggest(_ matches: inout [Match]) {
        var budget = suggestionsPerPage
        for k in matches.indices {
            guard let body = matches[k].suggestionFrom else { continue }
            matches[k].suggestionFrom = nil
            guard budget > 0 else { continue }
            budget -= 1
            matches[k].suggestion = AutoTagParser.suggestion(for: body)
        }
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
                return body.isEmpty ? nil : Fragment(body: body, glyphs: glyphs, quote: body + "|")
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
