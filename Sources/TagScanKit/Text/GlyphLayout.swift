/// Turns glyphs in drawing order into reading-order text with one box per scalar, from geometry
/// alone.
///
/// Glyphs on one baseline (same direction) form a line, ordered along the text direction; a gap
/// wider than a tenth of the font size becomes a space, as poppler's text output writes them.
/// A gap far wider than a word space (a table cell or column boundary) splits a line into
/// segments, and segments are chained into flows: a segment continues in the segment of a
/// following line that lies under it and under nothing else of its line. Each flow is written
/// whole, line after line, and the break that ends a flow is recorded, so text in the next
/// table cell never reads as the continuation of a wrapped cell. No words or blocks are built:
/// anchor finding needs only lines and columns, which is what keeps this path fast.
enum GlyphLayout {
    /// Gap, in font sizes, past which two glyphs are separate words (poppler's minWordBreakSpace).
    static let wordBreak = 0.1
    /// Two glyphs of one character closer than this (in font sizes) are one glyph drawn twice,
    /// as fake bold does.
    static let duplicateDistance = 0.15
    /// Gaps, in font sizes, that separate columns or table cells rather than words. A producer that
    /// draws its spaces leaves no gap between words, so an empty stretch of more than
    /// `columnGapAfterGlyph` on a line that draws spaces is cell padding; where spaces are not
    /// drawn (pdfTeX) or the gap follows a space (justified text stretches it), a word gap can be
    /// wider, up to about an em, so only `columnGap` counts.
    static let columnGapAfterGlyph = 0.6
    static let columnGap = 1.0
    static let columnGapOverWordGap = 2.0
    /// How far below a segment, in its font sizes, the next line of its column may lie.
    static let flowLineSpacing = 3.0

    private struct Line {
        var rotation: Int
        var base: Double
        var glyphs: [Int]
    }

    /// A run of a line between column gaps: `range` indexes the line's ordered glyphs.
    private struct Segment {
        var line: Int
        var range: Range<Int>
        /// Extent along the text direction (reading-order coordinates, see `start`).
        var from: Double
        var to: Double
        var fontSize: Double
        var next: Int?
        var hasPrevious = false
        /// A segment alone in its column (nothing above or below continues it) after another on
        /// its line: a field after a tab, a one-line cell. It is written on its line, after the
        /// segment before it, and its line break leads to that segment's next line, where a
        /// wrapped field continues.
        var isRowMate = false
        /// Where the text of this segment goes on when it wraps: its next segment in the column,
        /// or for the last segment of a line with none, the next line's first segment when that
        /// starts further left (a form's field after a tab wraps to the margin).
        var continuation: Int?
        /// Offsets of its first and last visible scalar, once written.
        var firstOffset = -1
        var lastOffset = -1
    }

    static func pageText(_ glyphs: [Glyph], info: PageInfo) -> PageText {
        var lines: [Line] = []
        // Lines by (rotation, baseline bucket) so each glyph finds its line in constant time.
        var index: [Int: Int] = [:]
        func key(_ rotation: Int, _ bucket: Int) -> Int { bucket &* 4 &+ rotation }
        var lastLine = -1
        for (i, glyph) in glyphs.enumerated() where glyph.box.width.isFinite && glyph.box.height.isFinite {
            let tolerance = max(0.5, 0.05 * glyph.fontSize)
            // Most glyphs continue the line of the glyph drawn before them.
            if lastLine >= 0, lines[lastLine].rotation == glyph.rotation, abs(lines[lastLine].base - glyph.base) <= tolerance {
                lines[lastLine].glyphs.append(i)
                continue
            }
            let bucket = Int((glyph.base * 2).rounded())
            var found: Int?
            for offset in 0..<3 {
                let candidate = offset == 0 ? bucket : offset == 1 ? bucket - 1 : bucket + 1
                if let line = index[key(glyph.rotation, candidate)], abs(lines[line].base - glyph.base) <= tolerance {
                    found = line
                    break
                }
            }
            if let found {
                lines[found].glyphs.append(i)
                lastLine = found
            } else {
                index[key(glyph.rotation, bucket)] = lines.count
                lastLine = lines.count
                lines.append(Line(rotation: glyph.rotation, base: glyph.base, glyphs: [i]))
            }
        }

        // Reading order of lines per direction: the next line lies below the previous one as
        // the text reads, which is down for upright text and to the left for text turned 90°.
        lines.sort { a, b in
            if a.rotation != b.rotation { return a.rotation < b.rotation }
            switch a.rotation {
            case 0, 3: return a.base < b.base
            default: return a.base > b.base
            }
        }

        // Each line in reading order, cut into segments at column gaps.
        var segments: [Segment] = []
        var lineSegments: [Range<Int>] = []
        lineSegments.reserveCapacity(lines.count)
        for lineNumber in lines.indices {
            let rotation = lines[lineNumber].rotation
            let precedes = { (a: Int, b: Int) -> Bool in
                let ga = glyphs[a].box, gb = glyphs[b].box
                switch rotation {
                case 0: return ga.x < gb.x || (ga.x == gb.x && a < b)
                case 1: return ga.y < gb.y || (ga.y == gb.y && a < b)
                case 2: return ga.maxX > gb.maxX || (ga.maxX == gb.maxX && a < b)
                default: return ga.maxY > gb.maxY || (ga.maxY == gb.maxY && a < b)
                }
            }
            // Most lines are drawn in reading order already; checking is cheaper than sorting.
            let line = lines[lineNumber].glyphs
            if !line.indices.dropFirst().allSatisfy({ precedes(line[$0 - 1], line[$0]) }) {
                lines[lineNumber].glyphs.sort(by: precedes)
            }
            let first = segments.count
            cut(lines[lineNumber].glyphs, line: lineNumber, rotation: rotation, glyphs: glyphs, into: &segments)
            lineSegments.append(first..<segments.count)
        }
        link(&segments, lines: lines, lineSegments: lineSegments)
        for (lineNumber, range) in lineSegments.enumerated() {
            for s in range.dropFirst() where !segments[s].hasPrevious && segments[s].next == nil { segments[s].isRowMate = true }
            for s in range { segments[s].continuation = segments[s].next }
            guard let last = range.last, segments[last].next == nil else { continue }
            let next = lineNumber + 1
            if next < lines.count, lines[next].rotation == lines[lineNumber].rotation,
                abs(lines[next].base - lines[lineNumber].base) <= flowLineSpacing * segments[last].fontSize,
                let first = lineSegments[next].first, segments[first].from < segments[last].from
            {
                segments[last].continuation = first
            }
        }

        var text = PageText(info: info, scalars: [], boxes: [], styles: [])
        text.scalars.reserveCapacity(glyphs.count + lines.count * 8)
        text.boxes.reserveCapacity(glyphs.count + lines.count * 8)
        var lastGlyph: Glyph?
        var counts = (inside: 0, outside: 0)
        func emit(_ index: Int) {
            let segment = segments[index]
            let written = write(
                lines[segment.line].glyphs[segment.range], rotation: lines[segment.line].rotation, glyphs: glyphs, info: info, into: &text, counts: &counts)
            segments[index].firstOffset = written.first
            segments[index].lastOffset = written.last
            if let last = written.lastGlyph { lastGlyph = last }
        }
        // Segments in the order written; the break before each is a plain line break when it
        // is the continuation of the one before, and ends a flow otherwise.
        var written: [Int] = []
        written.reserveCapacity(segments.count)
        func writeSegment(_ index: Int) {
            if let previous = written.last, let last = lastGlyph {
                lineBreak(after: last, to: &text)
                if segments[previous].continuation != index { text.flowBreaks.append(text.scalars.count - 1) }
            }
            emit(index)
            written.append(index)
        }
        for head in segments.indices where !segments[head].hasPrevious && !segments[head].isRowMate {
            var current: Int? = head
            while let s = current {
                writeSegment(s)
                var mate = s + 1
                while mate < segments.count, segments[mate].line == segments[s].line, segments[mate].isRowMate {
                    writeSegment(mate)
                    mate += 1
                }
                current = segments[s].next
            }
        }
        // A segment whose continuation was not written right after it: the jump, for readers
        // that follow wrapped text.
        for (k, s) in written.enumerated() {
            guard let continuation = segments[s].continuation, k + 1 == written.count || written[k + 1] != continuation,
                segments[s].lastOffset >= 0, segments[continuation].firstOffset >= 0
            else { continue }
            text.continuations[segments[s].lastOffset] = segments[continuation].firstOffset
        }
        while let last = text.scalars.last, isWhitespace(last) {
            removeLastScalar(from: &text)
        }
        if let lastRun = text.styles.indices.last, text.styles[lastRun].range.upperBound > text.scalars.count {
            text.styles[lastRun].range = text.styles[lastRun].range.lowerBound..<text.scalars.count
            if text.styles[lastRun].range.isEmpty { text.styles.removeLast() }
        }
        // Only whitespace was appended besides the glyphs counted, and only whitespace removed.
        text.info.glyphCount = counts.inside
        text.info.outsideGlyphCount = counts.outside > 0 ? counts.outside : nil
        return text
    }

    /// Writes one segment's glyphs (in reading order) to `text`: a gap wider than a word break
    /// becomes an inferred space, drawn spaces collapse to one, a glyph drawn twice (fake bold)
    /// once. Returns the offsets of its first and last visible scalar (-1 when none) and its last
    /// glyph.
    private static func write(
        _ ordered: ArraySlice<Int>, rotation: Int, glyphs: [Glyph], info: PageInfo, into text: inout PageText, counts: inout (inside: Int, outside: Int)
    ) -> (first: Int, last: Int, lastGlyph: Glyph?) {
        var first = -1, last = -1
        var previous: Glyph?
        for i in ordered {
            let glyph = glyphs[i]
            let isSpace = isWhitespace(glyph.scalar)
            if let prior = previous {
                let gap = distance(from: prior.box, to: glyph.box, rotation: rotation)
                if glyph.scalar == prior.scalar, abs(start(glyph.box, rotation) - start(prior.box, rotation)) < duplicateDistance * glyph.fontSize {
                    continue
                }
                let lastIsSpace = text.scalars.last.map(isWhitespace) ?? true
                if isSpace {
                    if lastIsSpace { continue }
                } else if !lastIsSpace, gap > wordBreak * max(glyph.fontSize, prior.fontSize) {
                    text.inferredSpaces.append(text.scalars.count)
                    append(" ", box: spaceBox(from: prior.box, to: glyph.box, rotation: rotation), glyph: prior, to: &text)
                }
            } else if isSpace {
                continue
            }
            if !isSpace {
                if isOutside(glyph, info) {
                    text.outsideVisiblePage.append(text.scalars.count)
                    counts.outside += 1
                } else {
                    counts.inside += 1
                }
                if first < 0 { first = text.scalars.count }
                last = text.scalars.count
            }
            append(isSpace ? " " : glyph.scalar, box: glyph.box, glyph: glyph, to: &text)
            previous = glyph
        }
        return (first, last, previous)
    }

    /// Cuts one line (its glyphs in reading order) into segments at column gaps; segments with
    /// no visible glyph are dropped.
    private static func cut(_ ordered: [Int], line: Int, rotation: Int, glyphs: [Glyph], into segments: inout [Segment]) {
        var segmentStart = 0
        var drawsSpaces: Bool?
        var wordGap: Double?
        // Glyphs are in reading order: a segment's extent runs from its first visible glyph to
        // its last, so it is measured once at the cut rather than glyph by glyph.
        func close(at end: Int) {
            var first = segmentStart, last = end - 1
            while first < end, isWhitespace(glyphs[ordered[first]].scalar) { first += 1 }
            while last > first, isWhitespace(glyphs[ordered[last]].scalar) { last -= 1 }
            if first < end {
                let a = glyphs[ordered[first]], b = glyphs[ordered[last]]
                segments.append(
                    Segment(
                        line: line, range: segmentStart..<end, from: start(a.box, rotation), to: max(self.end(b.box, rotation), self.end(a.box, rotation)),
                        fontSize: max(a.fontSize, b.fontSize)))
            }
            segmentStart = end
        }
        for k in ordered.indices.dropFirst() {
            let glyph = glyphs[ordered[k]], last = glyphs[ordered[k - 1]]
            let gap = distance(from: last.box, to: glyph.box, rotation: rotation)
            let em = max(glyph.fontSize, last.fontSize)
            guard gap > columnGapAfterGlyph * em else { continue }
            let lastIsSpace = isWhitespace(last.scalar)
            if drawsSpaces == nil, !lastIsSpace, gap <= columnGap * em {
                drawsSpaces = ordered.contains { isWhitespace(glyphs[$0].scalar) }
                if drawsSpaces == false { wordGap = typicalWordGap(ordered, rotation: rotation, glyphs: glyphs) }
            }
            // Where spaces are not drawn, justification stretches every word gap of a line
            // alike: a gap well over twice the line's typical one is a column's.
            let widerThanWords = drawsSpaces == false && gap > columnGapOverWordGap * (wordGap ?? .infinity)
            if gap > columnGap * em || (!lastIsSpace && drawsSpaces == true) || widerThanWords { close(at: k) }
        }
        close(at: ordered.count)
    }

    /// The median gap between words on a line that draws no spaces (gaps over a sixth of an em
    /// and up to the column gap); nil for a line of fewer than two such gaps.
    private static func typicalWordGap(_ ordered: [Int], rotation: Int, glyphs: [Glyph]) -> Double? {
        var gaps: [Double] = []
        for k in ordered.indices.dropFirst() {
            let a = glyphs[ordered[k - 1]], b = glyphs[ordered[k]]
            let gap = distance(from: a.box, to: b.box, rotation: rotation), em = max(a.fontSize, b.fontSize)
            if gap > em / 6, gap <= columnGap * em { gaps.append(gap) }
        }
        guard gaps.count >= 2 else { return nil }
        gaps.sort()
        return gaps[gaps.count / 2]
    }

    /// Chains each segment to the segment of a following line that continues its column: the
    /// first following line (within `flowLineSpacing`) with a segment overlapping it decides, and
    /// that segment continues it only when it overlaps no other segment of this line (a heading
    /// or paragraph across both columns of a table is not the next line of either) and no
    /// earlier segment claimed it.
    private static func link(_ segments: inout [Segment], lines: [Line], lineSegments: [Range<Int>]) {
        for lineNumber in lines.indices {
            for s in lineSegments[lineNumber] {
                let segment = segments[s]
                let limit = flowLineSpacing * segment.fontSize
                var next = lineNumber + 1
                search: while next < lines.count, lines[next].rotation == lines[lineNumber].rotation,
                    abs(lines[next].base - lines[lineNumber].base) <= limit
                {
                    for t in lineSegments[next] where overlaps(segments[t], segment) {
                        let sharedWithNeighbour = lineSegments[lineNumber].contains { $0 != s && overlaps(segments[$0], segments[t]) }
                        if !sharedWithNeighbour, !segments[t].hasPrevious {
                            segments[s].next = t
                            segments[t].hasPrevious = true
                        }
                        break search
                    }
                    next += 1
                }
            }
        }
    }

    private static func overlaps(_ a: Segment, _ b: Segment) -> Bool {
        min(a.to, b.to) > max(a.from, b.from)
    }

    /// Ends the current line: a trailing space goes, a line break at the end of `last` comes.
    private static func lineBreak(after last: Glyph, to text: inout PageText) {
        if text.scalars.last == " " { removeLastScalar(from: &text) }
        append("\n", box: Box(x: last.box.maxX, y: last.box.maxY, width: 0, height: 0), glyph: last, to: &text)
    }

    private static func removeLastScalar(from text: inout PageText) {
        let offset = text.scalars.count - 1
        text.scalars.removeLast()
        text.boxes.removeLast()
        if text.inferredSpaces.last == offset { text.inferredSpaces.removeLast() }
        if text.flowBreaks.last == offset { text.flowBreaks.removeLast() }
    }

    /// Outside the visible page: the glyph's advance lies wholly beyond the crop box, or its
    /// baseline does (the test poppler's text output uses to drop a character).
    private static func isOutside(_ glyph: Glyph, _ info: PageInfo) -> Bool {
        let box = glyph.box
        switch glyph.rotation {
        case 0, 2: return box.maxX < 0 || box.x > info.width || glyph.base < 0 || glyph.base > info.height
        default: return box.maxY < 0 || box.y > info.height || glyph.base < 0 || glyph.base > info.width
        }
    }

    private static func append(_ scalar: Unicode.Scalar, box: Box, glyph: Glyph, to text: inout PageText) {
        let offset = text.scalars.count
        text.scalars.append(scalar)
        text.boxes.append(box)
        let size = (glyph.fontSize * 100).rounded() / 100
        if let last = text.styles.indices.last, text.styles[last].range.upperBound == offset,
            isWhitespace(scalar)
                || (text.styles[last].fontSize == size && text.styles[last].red == glyph.red && text.styles[last].green == glyph.green
                    && text.styles[last].blue == glyph.blue && text.styles[last].renderMode == glyph.renderMode)
        {
            text.styles[last].range = text.styles[last].range.lowerBound..<(offset + 1)
        } else {
            text.styles.append(
                PageText.StyleRun(
                    range: offset..<(offset + 1), fontSize: size, red: glyph.red, green: glyph.green, blue: glyph.blue, renderMode: glyph.renderMode))
        }
    }

    /// How many of `scalars` are not white space: what a page reports as its glyphs.
    static func visibleCount(_ scalars: some Sequence<Unicode.Scalar>) -> Int {
        scalars.reduce(0) { $0 + (isWhitespace($1) ? 0 : 1) }
    }

    /// Whitespace test with an ASCII fast path: Unicode property lookups cost on every glyph.
    @inline(__always)
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? (scalar == " " || scalar == "\n" || scalar == "\t" || scalar == "\r") : scalar.properties.isWhitespace
    }

    /// Where a box starts along the text direction.
    private static func start(_ box: Box, _ rotation: Int) -> Double {
        switch rotation {
        case 0: box.x
        case 1: box.y
        case 2: -box.maxX
        default: -box.maxY
        }
    }

    /// Where a box ends along the text direction, in the coordinates of `start`.
    private static func end(_ box: Box, _ rotation: Int) -> Double {
        switch rotation {
        case 0: box.maxX
        case 1: box.maxY
        case 2: -box.x
        default: -box.y
        }
    }

    private static func distance(from a: Box, to b: Box, rotation: Int) -> Double {
        switch rotation {
        case 0: b.x - a.maxX
        case 1: b.y - a.maxY
        case 2: a.x - b.maxX
        default: a.y - b.maxY
        }
    }

    /// The gap between two glyphs, at the first one's height: the box poppler gives a space.
    private static func spaceBox(from a: Box, to b: Box, rotation: Int) -> Box {
        switch rotation {
        case 0: Box(x: a.maxX, y: a.y, width: max(0, b.x - a.maxX), height: a.height)
        case 1: Box(x: a.x, y: a.maxY, width: a.width, height: max(0, b.y - a.maxY))
        case 2: Box(x: b.maxX, y: a.y, width: max(0, a.x - b.maxX), height: a.height)
        default: Box(x: a.x, y: b.maxY, width: a.width, height: max(0, a.y - b.maxY))
        }
    }
}
