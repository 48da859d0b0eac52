public import YotiSignModels

/// Turns an anchor box into a Yoti tag position: the field's top-left at the anchor's
/// top-left, as fractions of the displayed page, rounded to 4 decimals and kept inside Yoti's
/// 0 … 0.949 range; a text field's width keeps x + width below 1. Every adjustment is reported.
public struct TagPlacer: Sendable {
    /// Yoti's largest accepted x or y.
    public static let maximumCoordinate = 0.949
    public var textFieldWidth: Double

    public init(textFieldWidth: Double = 0.2) {
        self.textFieldWidth = textFieldWidth
    }

    public struct Placement: Sendable {
        public var x: Double
        public var y: Double
        public var width: Double?
        public var diagnostics: [Diagnostic]
    }

    public func place(_ box: Box, on page: PageInfo, type: TagType, anchor: String) -> Placement {
        var diagnostics: [Diagnostic] = []
        func clamp(_ value: Double, _ axis: String) -> Double {
            let clamped = min(max(value, 0), Self.maximumCoordinate)
            if clamped != value {
                diagnostics.append(
                    DiagnosticCatalog.tagClamped.diagnostic(
                        page: page.pageNumber,
                        "\(anchor) sits at \(axis) = \(value) of the page; the field was moved to \(clamped), inside Yoti's 0…0.949",
                        anchor: anchor))
            }
            return clamped
        }
        let x = clamp(Self.round4(box.x / page.width), "x")
        let y = clamp(Self.round4(box.y / page.height), "y")
        var width: Double?
        if type == .textField {
            var w = textFieldWidth
            if x + w >= 1 {
                // Largest 4-decimal width that keeps x + width < 1.
                w = ((1 - x) * 10_000 - 1).rounded(.down) / 10_000
                diagnostics.append(
                    DiagnosticCatalog.tagClamped.diagnostic(
                        page: page.pageNumber,
                        "\(anchor) text field at x = \(x) cannot be \(textFieldWidth) wide (x + width must stay below 1); width set to \(w)",
                        anchor: anchor))
            }
            width = w
        }
        return Placement(x: x, y: y, width: width, diagnostics: diagnostics)
    }

    static func round4(_ value: Double) -> Double { (value * 10_000).rounded() / 10_000 }
}
