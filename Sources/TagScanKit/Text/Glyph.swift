/// One Unicode scalar as drawn, in content-stream order: what the glyph-level extraction path
/// reports before any layout.
struct Glyph: Sendable {
    var scalar: Unicode.Scalar
    var box: Box
    /// Baseline: y for rotation 0 and 2, x for 1 and 3.
    var base: Double
    var fontSize: Double
    /// Direction of the text on the displayed page, in quarter turns; 0 reads left to right.
    var rotation: Int
    var renderMode: Int
    var red: UInt8, green: UInt8, blue: UInt8
}

extension Glyph: DrawnGlyph {
    var scalarValue: UInt32 { scalar.value }
    var minX: Double { box.x }
    var minY: Double { box.y }
    var maxX: Double { box.maxX }
    var maxY: Double { box.maxY }
    var baseline: Double { base }
    var size: Double { fontSize }
    var quarterTurns: Int { rotation }
}
