/// A rectangle in PDF points on the page as displayed: origin at the top-left of the crop box
/// after `/Rotate`, `x` growing right and `y` growing down.
public struct Box: Sendable, Codable, Hashable {
    public var x: Double
    public var y: Double
    public var width: Double
    public var height: Double

    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    public var maxX: Double { x + width }
    public var maxY: Double { y + height }

    /// The smallest box holding both.
    public func union(_ other: Box) -> Box {
        let minX = Swift.min(x, other.x), minY = Swift.min(y, other.y)
        return Box(
            x: minX, y: minY,
            width: Swift.max(maxX, other.maxX) - minX,
            height: Swift.max(maxY, other.maxY) - minY
        )
    }

    public func intersects(_ other: Box) -> Bool {
        x < other.maxX && other.x < maxX && y < other.maxY && other.y < maxY
    }

    /// Rounded to 0.01 pt, so reports are stable across extraction paths and runs.
    var rounded: Box {
        func r(_ v: Double) -> Double { (v * 100).rounded() / 100 }
        return Box(x: r(x), y: r(y), width: r(width), height: r(height))
    }
}
