/// Turns glyphs in drawing order into reading-order text with one box per scalar, from geometry
/// alone: glyphs on one baseline (same direction) form a line, ordered along the text
/// direction; a gap wider than a tenth of the font size becomes a space and each line ends with
/// a line break, as poppler's text output writes them. No words, blocks or columns are built:
/// anchor finding needs only lines, which is what makes this path fast.
enum GlyphLayout {
    /// Gap, in font sizes, past which two glyphs are separate words (poppler's minWordBreakSpace).
    static let wordBreak = 0.1
    /// Two glyphs of one character closer than this (in font sizes) are one glyph drawn twice,
    /// as fake bold does.
    static let duplicateDistance = 0.15

    private struct Line {
        var rotation: Int
        var base: Double
        var glyphs: [Int]
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

        var text = PageText(info: info, scalars: [], boxes: [], styles: [])
        text.scalars.reserveCapacity(glyphs.count + lines.count * 8)
        text.boxes.reserveCapacity(glyphs.count + lines.count * 8)
        var glyphCount = 0
        for (lineNumber, line) in lines.enumerated() {
            let precedes = { (a: Int, b: Int) -> Bool in
                let ga = glyphs[a].box, gb = glyphs[b].box
                switch line.rotation {
                case 0: return ga.x < gb.x || (ga.x == gb.x && a < b)
                case 1: return ga.y < gb.y || (ga.y == gb.y && a < b)
                case 2: return ga.maxX > gb.maxX || (ga.maxX == gb.maxX && a < b)
                default: return ga.maxY > gb.maxY || (ga.maxY == gb.maxY && a < b)
                }
            }
            // Most lines are drawn in reading order already; checking is cheaper than sorting.
            let inOrder = line.glyphs.indices.dropFirst().allSatisfy { precedes(line.glyphs[$0 - 1], line.glyphs[$0]) }
            let ordered = inOrder ? line.glyphs : line.glyphs.sorted(by: precedes)
            var previous: Glyph?
            for i in ordered {
                let glyph = glyphs[i]
                let isSpace = isWhitespace(glyph.scalar)
                if let last = previous {
                    let gap = distance(from: last.box, to: glyph.box, rotation: line.rotation)
                    if glyph.scalar == last.scalar, abs(start(glyph.box, line.rotation) - start(last.box, line.rotation)) < duplicateDistance * glyph.fontSize {
                        continue
                    }
                    let lastIsSpace = text.scalars.last.map(isWhitespace) ?? true
                    if isSpace {
                        if lastIsSpace { continue }
                    } else if !lastIsSpace, gap > wordBreak * max(glyph.fontSize, last.fontSize) {
                        append(" ", box: spaceBox(from: last.box, to: glyph.box, rotation: line.rotation), glyph: last, to: &text)
                    }
                } else if isSpace {
                    continue
                }
                append(isSpace ? " " : glyph.scalar, box: glyph.box, glyph: glyph, to: &text)
                if !isSpace { glyphCount += 1 }
                previous = glyph
            }
            if lineNumber < lines.count - 1, let last = previous {
                if text.scalars.last == " " {
                    text.scalars.removeLast()
                    text.boxes.removeLast()
                }
                append("\n", box: Box(x: last.box.maxX, y: last.box.maxY, width: 0, height: 0), glyph: last, to: &text)
            }
        }
        while let last = text.scalars.last, isWhitespace(last) {
            text.scalars.removeLast()
            text.boxes.removeLast()
        }
        if let lastRun = text.styles.indices.last, text.styles[lastRun].range.upperBound > text.scalars.count {
            text.styles[lastRun].range = text.styles[lastRun].range.lowerBound..<text.scalars.count
            if text.styles[lastRun].range.isEmpty { text.styles.removeLast() }
        }
        // Only whitespace was appended besides the glyphs counted, and only whitespace removed.
        text.info.glyphCount = glyphCount
        return text
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
                PageText.StyleRun(range: offset..<(offset + 1), fontSize: size, red: glyph.red, green: glyph.green, blue: glyph.blue, renderMode: glyph.renderMode))
        }
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
