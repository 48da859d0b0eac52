/// What a preview draws over one page, in points of the page as displayed (the space
/// poppler renders in after scaling by dpi/72). Built from a scan result here, in plain Swift;
/// painted by the PDF folder's cairo code.
struct PageOverlay: Sendable, Hashable {
    enum Mark: Sendable, Hashable {
        /// A placed field: filled at `opacity`, outlined in the same colour.
        case field(Box, color: PreviewColor, opacity: Double)
        /// An anchor's own glyph box: a thin dashed outline.
        case anchor(Box, color: PreviewColor)
        /// A problem with a field or an anchor: a thick red outline.
        case problem(Box)
        /// A row of text tabs side by side whose top-left is at x, y; widths are measured when
        /// drawn and the row is moved left if it would run off the page, and to `alternateY` if
        /// it would cover a label drawn before it.
        case label([LabelPart], x: Double, y: Double, alternateY: Double?)
    }

    struct LabelPart: Sendable, Hashable {
        var text: String
        var foreground: PreviewColor
        var background: PreviewColor
    }

    /// The strip under the page: recipients with their colours, then notes.
    struct Legend: Sendable, Hashable {
        struct Entry: Sendable, Hashable {
            var text: String
            var color: PreviewColor
        }
        var recipients: [Entry]
        var notes: [Entry]
    }

    /// In drawing order: fields, then anchors, then problems, then labels.
    var marks: [Mark]
    var legend: Legend?

    static let labelFontSize = 7.0
    static let labelHeight = 10.0
    static let problemLineWidth = 1.5
}

extension PageOverlay {
    /// The overlay for page `pageNumber` of `result`: every anchor outlined, every field drawn in
    /// its recipient's colour and labelled with role and type, and every warning or error in
    /// `diagnostics` (the scan's own such as `tag-clamped`, the linter's such as `tags-overlap`)
    /// marked in red with its rule id on the anchor it names. Text that is almost an anchor (a
    /// tag without its closing pipe, one cut by the page edge) is outlined in red at its own box
    /// with its rule id; every problem that names no placed anchor also goes to the legend's
    /// notes with its message. Nil when the result does not describe the page.
    init?(result: DocumentResult, pageNumber: Int, diagnostics: [Diagnostic], options: PreviewOptions) {
        guard let page = result.pages.first(where: { $0.pageNumber == pageNumber }) else { return nil }
        let palette = options.palette ?? RecipientPalette(results: [result])
        let anchors = result.anchors.filter { $0.pageNumber == pageNumber }
        let fieldBoxes: [Box?] = anchors.map { options.fieldBox(for: $0, on: page) }

        // Problems per anchor, in the order the diagnostics came.
        var rules = [[String]](repeating: [], count: anchors.count)
        var notes: [Legend.Entry] = []
        var nearMisses: [(box: Box, rule: String)] = []
        var seen = Set<Diagnostic>()
        for diagnostic in diagnostics where seen.insert(diagnostic).inserted {
            let onThisPage = diagnostic.pageNumber == pageNumber || (diagnostic.pageNumber == nil && pageNumber == 1)
            guard onThisPage else { continue }
            let matching = anchors.indices.filter { diagnostic.anchor != nil && anchors[$0].text == diagnostic.anchor }
            if diagnostic.severity >= .warning, !matching.isEmpty {
                for index in matching where !rules[index].contains(diagnostic.rule) { rules[index].append(diagnostic.rule) }
            } else {
                if diagnostic.severity >= .warning, let box = diagnostic.box, diagnostic.pageNumber == pageNumber {
                    nearMisses.append((box, diagnostic.rule))
                }
                notes.append(
                    Legend.Entry(
                        text: "\(diagnostic.severity.rawValue) [\(diagnostic.rule)] \(diagnostic.message)",
                        color: diagnostic.severity >= .warning ? RecipientPalette.problem : RecipientPalette.neutral))
            }
        }
        var fills: [Mark] = [], outlines: [Mark] = [], problems: [Mark] = [], labels: [Mark] = []
        for (index, anchor) in anchors.enumerated() {
            let color = anchor.role.map(palette.color(for:)) ?? RecipientPalette.neutral
            outlines.append(.anchor(anchor.box, color: color))
            // One row of labels above the field (or the anchor, when it places none): role and
            // type in the recipient's colour, then the rule ids in red; under it when there is
            // no room above.
            var parts: [LabelPart] = []
            var marked = anchor.box
            if let field = fieldBoxes[index], let tag = anchor.tag {
                fills.append(.field(field, color: color, opacity: options.fieldOpacity))
                marked = field
                var text = "\(anchor.role ?? "?") · \(tag.type.rawValue)"
                if tag.optional { text += " · optional" }
                parts.append(LabelPart(text: text, foreground: color.contrastingText, background: color))
            }
            if !rules[index].isEmpty {
                problems.append(.problem(marked))
                parts.append(
                    LabelPart(
                        text: rules[index].joined(separator: ", "), foreground: RecipientPalette.problem.contrastingText,
                        background: RecipientPalette.problem))
            }
            if !parts.isEmpty {
                let gap = rules[index].isEmpty ? 0 : Self.problemLineWidth * 1.5
                let above = marked.y - gap - Self.labelHeight, below = marked.maxY + gap
                labels.append(.label(parts, x: marked.x - gap, y: above >= 0 ? above : below, alternateY: above >= 0 ? below : nil))
            }
        }

        for miss in nearMisses {
            problems.append(.problem(miss.box))
            let gap = Self.problemLineWidth * 1.5
            let above = miss.box.y - gap - Self.labelHeight, below = miss.box.maxY + gap
            let part = LabelPart(text: miss.rule, foreground: RecipientPalette.problem.contrastingText, background: RecipientPalette.problem)
            labels.append(.label([part], x: miss.box.x - gap, y: above >= 0 ? above : below, alternateY: above >= 0 ? below : nil))
        }

        marks = options.drawsOverlays ? fills + outlines + problems + labels : []
        if options.drawsLegend {
            let roles = Set(result.recipients.map(\.role) + result.anchors.compactMap(\.role))
            let known = palette.entries.filter { roles.contains($0.role) }.map(\.role)
            let others = roles.subtracting(known).sorted(by: DocumentAssembler.roleOrder)
            legend = Legend(
                recipients: (known + others).map { Legend.Entry(text: $0, color: palette.color(for: $0)) },
                notes: options.drawsOverlays ? notes : [])
        } else {
            legend = nil
        }
    }
}
