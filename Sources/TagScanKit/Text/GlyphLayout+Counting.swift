/// What the layout reads of a drawn glyph, so that a page can be counted straight from the
/// extractor's own buffer without copying it first.
protocol DrawnGlyph {
    /// The Unicode scalar value as drawn (0 or an invalid value: no character).
    var scalarValue: UInt32 { get }
    var minX: Double { get }
    var minY: Double { get }
    var maxX: Double { get }
    var maxY: Double { get }
    var baseline: Double { get }
    var size: Double { get }
    var quarterTurns: Int { get }
}

extension GlyphLayout {
    /// What counting a page without laying it out came to.
    enum Counting: Equatable {
        /// The page holds a character an anchor needs: it must be laid out and searched.
        case mayHoldAnchor
        /// Its lines are not each drawn in one run in reading order, so only the layout can tell
        /// which glyphs are duplicates (fake bold): it must be laid out to be counted.
        case needsLayout
        /// No anchor can be on the page; these are the counts ``pageText(_:info:)`` would give.
        case counted(inside: Int, outside: Int)
    }

    /// Counts a page's glyphs as ``pageText(_:info:)`` would, without building its text, when the
    /// page cannot hold an anchor of `triggers`.
    ///
    /// The counts equal the layout's because the pass takes them only where the layout's result
    /// is known without sorting: each line (glyphs on one baseline, found with the layout's own
    /// rule) is drawn in one run and in reading order. Then the layout's order is the drawing
    /// order, and a glyph the layout drops as a duplicate (the same character less than
    /// `duplicateDistance` after the glyph kept before it) is the same glyph here. A line cut into
    /// segments changes nothing: a cut needs a gap wider than any duplicate's offset.
    static func count<G: DrawnGlyph>(_ glyphs: UnsafeBufferPointer<G>, info: PageInfo, triggers: AnchorTriggers) -> Counting {
        if triggers.everyPage { return .mayHoldAnchor }
        var tally = AnchorTriggers.Tally(triggers)
        var lineStarts: [Int: Double] = [:]
        var line: (rotation: Int, base: Double)?
        // The glyph the layout kept last on the current line: character, start along the text,
        // and whether it was a space.
        var prior: (value: UInt32, start: Double, isSpace: Bool)?
        var lastStart = -Double.infinity
        var inside = 0, outside = 0
        for glyph in glyphs {
            let value = glyph.scalarValue
            guard value != 0, let scalar = Unicode.Scalar(value) else { continue }
            if tally.add(value) { return .mayHoldAnchor }
            // The box as ``Glyph`` holds it (origin and size), so its far edges round alike.
            let minX = glyph.minX, minY = glyph.minY, width = glyph.maxX - minX, height = glyph.maxY - minY
            guard width.isFinite, height.isFinite else { continue }
            let maxX = minX + width, maxY = minY + height
            let rotation = glyph.quarterTurns, base = glyph.baseline, size = glyph.size
            let tolerance = max(0.5, 0.05 * size)
            if let current = line, current.rotation == rotation, abs(current.base - base) <= tolerance {
                // Reading order within the line is the drawing order only if no glyph starts before
                // the one drawn before it (ties keep drawing order, as the layout's sort does).
                let start = start(rotation, minX, minY, maxX, maxY)
                if start < lastStart { return .needsLayout }
                lastStart = start
            } else {
                // A new line: one the layout would join to an earlier line means that line is
                // drawn in more than one run.
                let bucket = Int((base * 2).rounded())
                for candidate in [bucket, bucket - 1, bucket + 1] {
                    if let other = lineStarts[candidate &* 4 &+ rotation], abs(other - base) <= tolerance { return .needsLayout }
                }
                lineStarts[bucket &* 4 &+ rotation] = base
                line = (rotation, base)
                prior = nil
                lastStart = start(rotation, minX, minY, maxX, maxY)
            }
            let start = lastStart
            let isSpace = isWhitespace(scalar)
            if let kept = prior, kept.value == value, abs(start - kept.start) < duplicateDistance * size { continue }
            if isSpace {
                // The layout keeps a space only after a kept glyph that is not one.
                if let kept = prior, !kept.isSpace { prior = (value, start, true) }
                continue
            }
            prior = (value, start, false)
            let out: Bool
            switch rotation {
            case 0, 2: out = maxX < 0 || minX > info.width || base < 0 || base > info.height
            default: out = maxY < 0 || minY > info.height || base < 0 || base > info.width
            }
            if out { outside += 1 } else { inside += 1 }
        }
        return .counted(inside: inside, outside: outside)
    }

    @inline(__always)
    private static func start(_ rotation: Int, _ minX: Double, _ minY: Double, _ maxX: Double, _ maxY: Double) -> Double {
        switch rotation {
        case 0: minX
        case 1: minY
        case 2: -maxX
        default: -maxY
        }
    }
}
