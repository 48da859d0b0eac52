internal import CPoppler

/// Paints a `PageOverlay` with cairo, in page points (the context is already scaled by dpi/72).
struct OverlayPainter {
    let cr: OpaquePointer
    let pageWidth: Double
    let pageHeight: Double

    private static let fieldLineWidth = 0.8
    private static let anchorLineWidth = 0.6
    private static let labelPadding = 2.0

    /// Draws the marks in order; returns the boxes the labels took, in points.
    func paint(_ marks: [PageOverlay.Mark]) -> [Box] {
        var labels: [Box] = []
        for mark in marks {
            cairo_save(cr)
            defer { cairo_restore(cr) }
            switch mark {
            case .field(let box, let color, let opacity):
                rectangle(box)
                setColor(color, alpha: opacity)
                cairo_fill_preserve(cr)
                setColor(color)
                cairo_set_line_width(cr, Self.fieldLineWidth)
                cairo_stroke(cr)
            case .anchor(let box, let color):
                rectangle(box)
                setColor(color)
                cairo_set_line_width(cr, Self.anchorLineWidth)
                let dashes: [Double] = [2, 1.5]
                cairo_set_dash(cr, dashes, Int32(dashes.count), 0)
                cairo_stroke(cr)
            case .problem(let box):
                let inset = -PageOverlay.problemLineWidth
                rectangle(Box(x: box.x + inset, y: box.y + inset, width: box.width - 2 * inset, height: box.height - 2 * inset))
                setColor(RecipientPalette.problem)
                cairo_set_line_width(cr, PageOverlay.problemLineWidth)
                cairo_stroke(cr)
            case .label(let parts, let x, let y, let alternateY):
                var row = label(parts, x: x, y: y, measureOnly: true)
                if let alternateY, labels.contains(where: row.intersects) {
                    let alternate = label(parts, x: x, y: alternateY, measureOnly: true)
                    if !labels.contains(where: alternate.intersects) { row = alternate }
                }
                labels.append(label(parts, x: row.x, y: row.y, measureOnly: false))
            }
        }
        return labels
    }

    /// Tabs of bold text side by side, the row kept inside the page; returns the row's box.
    private func label(_ parts: [PageOverlay.LabelPart], x: Double, y: Double, measureOnly: Bool) -> Box {
        setFont(size: PageOverlay.labelFontSize, bold: true)
        let widths = parts.map { advance($0.text) + 2 * Self.labelPadding }
        let total = widths.reduce(0, +)
        let height = PageOverlay.labelHeight
        let row = Box(x: max(0, min(x, pageWidth - total)), y: max(0, min(y, pageHeight - height)), width: total, height: height)
        if measureOnly { return row }
        var left = row.x
        for (part, width) in zip(parts, widths) {
            rectangle(Box(x: left, y: row.y, width: width, height: height))
            setColor(part.background)
            cairo_fill(cr)
            setColor(part.foreground)
            cairo_move_to(cr, left + Self.labelPadding, row.y + height - 2.6)
            cairo_show_text(cr, part.text)
            left += width
        }
        return row
    }

    // MARK: Legend

    private static let legendPadding = 8.0
    private static let legendLineHeight = 12.0
    private static let legendFontSize = 8.0
    private static let swatchWidth = 10.0
    private static let swatchHeight = 8.0

    private enum LegendItem {
        case swatch(Box, PreviewColor)
        case text(String, x: Double, baseline: Double, color: PreviewColor)
    }

    /// Height in points of the strip `legend` needs under a page `pageWidth` wide.
    static func legendHeight(_ legend: PageOverlay.Legend, pageWidth: Double, scale: Double) -> Double {
        // Text is measured on a scratch context scaled like the real one, so hinting matches.
        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 1, 1) else { return 0 }
        defer { cairo_surface_destroy(surface) }
        guard let cr = cairo_create(surface) else { return 0 }
        defer { cairo_destroy(cr) }
        cairo_scale(cr, scale, scale)
        return OverlayPainter(cr: cr, pageWidth: pageWidth, pageHeight: 0).layoutLegend(legend).height
    }

    /// Draws `legend` in a strip `height` points tall under the page, with a rule above it.
    func paintLegend(_ legend: PageOverlay.Legend, height: Double) {
        cairo_save(cr)
        defer { cairo_restore(cr) }
        cairo_rectangle(cr, 0, pageHeight, pageWidth, height)
        cairo_set_source_rgb(cr, 0.96, 0.96, 0.96)
        cairo_fill(cr)
        cairo_move_to(cr, 0, pageHeight + 0.25)
        cairo_line_to(cr, pageWidth, pageHeight + 0.25)
        cairo_set_source_rgb(cr, 0.6, 0.6, 0.6)
        cairo_set_line_width(cr, 0.5)
        cairo_stroke(cr)
        for item in layoutLegend(legend).items {
            switch item {
            case .swatch(let box, let color):
                rectangle(Box(x: box.x, y: pageHeight + box.y, width: box.width, height: box.height))
                setColor(color)
                cairo_fill(cr)
            case .text(let text, let x, let baseline, let color):
                setFont(size: Self.legendFontSize, bold: false)
                setColor(color)
                cairo_move_to(cr, x, pageHeight + baseline)
                cairo_show_text(cr, text)
            }
        }
    }

    /// Recipients flow left to right and wrap; each note takes a line, cut to the page width.
    /// Positions are relative to the top of the strip.
    private func layoutLegend(_ legend: PageOverlay.Legend) -> (items: [LegendItem], height: Double) {
        setFont(size: Self.legendFontSize, bold: false)
        let left = Self.legendPadding, right = pageWidth - Self.legendPadding
        var items: [LegendItem] = []
        var line = 0
        func baseline(_ line: Int) -> Double { Self.legendPadding + Double(line) * Self.legendLineHeight + 8 }

        var x = left
        let title = legend.recipients.isEmpty ? "No recipients" : "Recipients:"
        items.append(.text(title, x: x, baseline: baseline(line), color: RecipientPalette.neutral))
        x += advance(title) + 6
        for entry in legend.recipients {
            let width = Self.swatchWidth + 3 + advance(entry.text)
            if x + width > right, x > left { line += 1; x = left }
            items.append(.swatch(Box(x: x, y: baseline(line) - Self.swatchHeight + 0.5, width: Self.swatchWidth, height: Self.swatchHeight), entry.color))
            items.append(.text(entry.text, x: x + Self.swatchWidth + 3, baseline: baseline(line), color: .black))
            x += width + 12
        }
        for note in legend.notes {
            line += 1
            items.append(.text(fitted(note.text, width: right - left), x: left, baseline: baseline(line), color: note.color))
        }
        return (items, baseline(line) + 4 + Self.legendPadding - 2)
    }

    /// `text`, cut short with an ellipsis if it is wider than `width` in the current font.
    private func fitted(_ text: String, width: Double) -> String {
        guard advance(text) > width else { return text }
        var characters = Array(text)
        while !characters.isEmpty, advance(String(characters) + "…") > width {
            characters.removeLast(max(1, characters.count / 20))
        }
        return String(characters) + "…"
    }

    // MARK: cairo helpers

    private func rectangle(_ box: Box) {
        cairo_rectangle(cr, box.x, box.y, box.width, box.height)
    }

    private func setColor(_ color: PreviewColor, alpha: Double = 1) {
        cairo_set_source_rgba(cr, Double(color.red) / 255, Double(color.green) / 255, Double(color.blue) / 255, alpha)
    }

    private func setFont(size: Double, bold: Bool) {
        cairo_select_font_face(cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL)
        cairo_set_font_size(cr, size)
    }

    private func advance(_ text: String) -> Double {
        var extents = cairo_text_extents_t()
        cairo_text_extents(cr, text, &extents)
        return extents.x_advance
    }
}
