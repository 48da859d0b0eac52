import Foundation
import YotiSignModels

/// One self-contained HTML page per document for CI artifacts: the rendered pages embedded as PNG
/// `data:` URIs, a table of tags per recipient, and the diagnostics, each linked to its page.
///
/// The markup is also well-formed XML (XHTML syntax: every element closed, attributes quoted, only
/// XML's predefined entities), so it can be checked with an XML parser as well as in a browser.
public enum PreviewHTMLReport {
    /// The report for `result` with `pages` rendered (by `PreviewRenderer.renderPages`, normally
    /// with `drawsLegend` off: the legend is HTML here). `diagnostics` are shown with the scan's
    /// own, duplicates removed.
    public static func document(
        _ result: DocumentResult, pages: [PagePreview], diagnostics: [Diagnostic] = [], palette: RecipientPalette? = nil
    ) -> String {
        let palette = palette ?? RecipientPalette(results: [result])
        var seen = Set<Diagnostic>()
        let problems = (result.diagnostics + diagnostics).filter { seen.insert($0).inserted }
        let rendered = Set(pages.map(\.pageNumber))
        var html = Markup()

        html.raw("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n")
        html.raw("<meta charset=\"utf-8\" />\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n")
        html.element("title", "tagscan preview: \(result.fileName)")
        html.raw("\n<style>\n\(stylesheet)</style>\n</head>\n<body>\n<header>\n")
        html.element("h1", result.fileName)
        html.element("p", result.path, class: "path")
        html.element("p", summary(result, problems: problems), class: "summary")
        if !rendered.isEmpty {
            html.raw("<nav class=\"pages\">Pages:")
            for page in pages {
                html.raw(" ")
                html.link(to: "#page-\(page.pageNumber)", "\(page.pageNumber)")
            }
            html.raw("</nav>\n")
        }
        html.raw("</header>\n")

        if let error = result.error {
            html.raw("<section id=\"error\" class=\"error\">\n")
            html.element("h2", "Could not read this document")
            html.raw("<p><code>")
            html.text(error.code.rawValue)
            html.raw("</code> ")
            html.text(error.message)
            html.raw("</p>\n</section>\n")
        }

        recipients(result, palette: palette, problems: problems, rendered: rendered, into: &html)
        diagnosticsSection(problems, rendered: rendered, into: &html)

        for page in pages {
            let info = result.pages.first { $0.pageNumber == page.pageNumber }
            html.raw("<section id=\"page-\(page.pageNumber)\" class=\"page\">\n<h2>")
            html.text("Page \(page.pageNumber)")
            if let info {
                html.raw(" <small>")
                html.text("\(number(info.width)) × \(number(info.height)) pt\(info.rotation == 0 ? "" : ", rotated \(info.rotation)°")")
                html.raw("</small>")
            }
            html.raw("</h2>\n")
            let cssWidth = Int((Double(page.pixelWidth) * 96 / page.dpi).rounded())
            let cssHeight = Int((Double(page.pixelHeight) * 96 / page.dpi).rounded())
            html.raw("<img src=\"data:image/png;base64,\(page.png.base64EncodedString())\" width=\"\(cssWidth)\" height=\"\(cssHeight)\" alt=\"")
            html.attribute("Page \(page.pageNumber) of \(result.fileName) with its fields drawn over it")
            html.raw("\" />\n")
            let pageProblems = problems.filter { $0.pageNumber == page.pageNumber }
            if !pageProblems.isEmpty {
                html.raw("<ul class=\"problems\">\n")
                for problem in pageProblems {
                    html.raw("<li class=\"\(problem.severity.rawValue)\">")
                    diagnosticLine(problem, into: &html)
                    html.raw("</li>\n")
                }
                html.raw("</ul>\n")
            }
            html.raw("</section>\n")
        }
        html.raw("<footer>")
        html.text("tagscan \(TagScanVersion.current)")
        html.raw("</footer>\n</body>\n</html>\n")
        return html.output
    }

    private static func summary(_ result: DocumentResult, problems: [Diagnostic]) -> String {
        func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
        let tags = result.recipients.reduce(0) { $0 + $1.tags.count }
        return [
            count(result.pageCount, "page"), count(result.anchors.count, "anchor"), count(tags, "field"),
            count(result.recipients.count, "recipient"), count(problems.count, "diagnostic"),
        ].joined(separator: " · ")
    }

    private static func recipients(
        _ result: DocumentResult, palette: RecipientPalette, problems: [Diagnostic], rendered: Set<Int>, into html: inout Markup
    ) {
        html.raw("<section id=\"recipients\">\n")
        html.element("h2", "Recipients")
        let placed = result.anchors.filter { $0.tag != nil && $0.role != nil }
        if placed.isEmpty { html.element("p", "No fields were placed.", class: "none") }
        let roles = result.recipients.map(\.role) + Set(placed.compactMap(\.role)).subtracting(result.recipients.map(\.role)).sorted()
        for role in roles {
            let color = palette.color(for: role)
            let anchors = placed.filter { $0.role == role }.sorted { ($0.pageNumber, $0.box.y, $0.box.x) < ($1.pageNumber, $1.box.y, $1.box.x) }
            let signGroup = result.recipients.first { $0.role == role }?.signGroup ?? anchors.first?.signGroup
            html.raw("<h3><span class=\"swatch\" style=\"background-color: \(color.hex)\"></span> ")
            html.text(role)
            if let signGroup {
                html.raw(" <small>")
                html.text("sign group \(signGroup), \(anchors.count) field\(anchors.count == 1 ? "" : "s")")
                html.raw("</small>")
            }
            html.raw("</h3>\n<table class=\"tags\">\n<thead><tr>")
            for heading in ["Page", "Type", "Required", "x", "y", "Width", "Name", "Group", "Anchor", "Problems"] {
                html.element("th", heading)
            }
            html.raw("</tr></thead>\n<tbody>\n")
            for anchor in anchors {
                guard let tag = anchor.tag else { continue }
                let rules = problems.filter { $0.pageNumber == anchor.pageNumber && $0.anchor == anchor.text && $0.severity >= .warning }.map(\.rule)
                html.raw("<tr\(rules.isEmpty ? "" : " class=\"flagged\"")><td>")
                pageReference(tag.pageNumber, rendered: rendered, into: &html)
                html.raw("</td>")
                html.element("td", tag.type.rawValue)
                html.element("td", tag.optional ? "optional" : "required")
                html.element("td", number(tag.x), class: "number")
                html.element("td", number(tag.y), class: "number")
                html.element("td", tag.width.map(number) ?? "", class: "number")
                html.element("td", tag.name ?? "")
                html.element("td", tag.tagGroupName ?? "")
                html.raw("<td><code>")
                html.text(anchor.text)
                html.raw("</code></td>")
                html.element("td", Array(Set(rules)).sorted().joined(separator: ", "), class: "rules")
                html.raw("</tr>\n")
            }
            html.raw("</tbody>\n</table>\n")
        }
        let others = result.anchors.filter { $0.tag == nil }
        if !others.isEmpty {
            html.element("h3", "Anchors that place no field")
            html.raw("<ul>\n")
            for anchor in others {
                html.raw("<li><code>")
                html.text(anchor.text)
                html.raw("</code> on ")
                pageReference(anchor.pageNumber, rendered: rendered, into: &html)
                html.raw("</li>\n")
            }
            html.raw("</ul>\n")
        }
        html.raw("</section>\n")
    }

    private static func diagnosticsSection(_ problems: [Diagnostic], rendered: Set<Int>, into html: inout Markup) {
        html.raw("<section id=\"diagnostics\">\n")
        html.element("h2", "Diagnostics")
        if problems.isEmpty {
            html.element("p", "None.", class: "none")
        } else {
            html.raw("<ul class=\"problems\">\n")
            for problem in problems {
                html.raw("<li class=\"\(problem.severity.rawValue)\">")
                if let page = problem.pageNumber {
                    pageReference(page, rendered: rendered, into: &html)
                    html.raw(": ")
                }
                diagnosticLine(problem, into: &html)
                html.raw("</li>\n")
            }
            html.raw("</ul>\n")
        }
        html.raw("</section>\n")
    }

    private static func diagnosticLine(_ problem: Diagnostic, into html: inout Markup) {
        html.element("span", problem.severity.rawValue, class: "severity")
        html.raw(" <code class=\"rule\">")
        html.text(problem.rule)
        html.raw("</code> ")
        html.text(problem.message)
    }

    /// "page N", a link when the page is in the report.
    private static func pageReference(_ page: Int, rendered: Set<Int>, into html: inout Markup) {
        if rendered.contains(page) {
            html.link(to: "#page-\(page)", "page \(page)")
        } else {
            html.text("page \(page)")
        }
    }

    private static func number(_ value: Double) -> String {
        let text = String(value)
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }

    private static let stylesheet = """
        body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0 auto; max-width: 1100px; padding: 16px 24px; color: #1d1d1f; background: #fafafa; }
        h1 { margin: 0 0 4px; font-size: 22px; }
        h2 { margin: 28px 0 8px; font-size: 18px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
        h3 { margin: 18px 0 6px; font-size: 15px; }
        small, .path, .none { color: #666; font-weight: normal; }
        .path { margin: 0; font-family: ui-monospace, monospace; font-size: 12px; }
        .summary { margin: 6px 0; }
        nav.pages a { margin-right: 4px; }
        .swatch { display: inline-block; width: 14px; height: 14px; border-radius: 3px; vertical-align: -2px; }
        table.tags { border-collapse: collapse; width: 100%; font-size: 13px; background: #fff; }
        table.tags th, table.tags td { border: 1px solid #ddd; padding: 3px 6px; text-align: left; }
        table.tags th { background: #f0f0f0; }
        td.number { text-align: right; font-variant-numeric: tabular-nums; }
        tr.flagged td { background: #fdecea; }
        td.rules, .error .severity, .warning .severity { color: #d62728; font-weight: 600; }
        .info .severity { color: #595959; font-weight: 600; }
        ul.problems { padding-left: 20px; }
        code { font-family: ui-monospace, monospace; font-size: 12px; }
        section.page img { display: block; max-width: 100%; height: auto; border: 1px solid #ccc; background: #fff; box-shadow: 0 1px 4px rgba(0, 0, 0, 0.15); }
        section.error { border-left: 4px solid #d62728; padding-left: 12px; }
        footer { margin-top: 32px; color: #888; font-size: 12px; }

        """
}

/// Builds escaped markup.
private struct Markup {
    private(set) var output = ""

    mutating func raw(_ markup: String) { output += markup }

    /// Character data: `&`, `<`, `>` escaped (and quotes, so it is safe in attributes too).
    mutating func text(_ string: String) { output += Self.escape(string) }

    mutating func attribute(_ string: String) { output += Self.escape(string) }

    mutating func element(_ name: String, _ content: String, class className: String? = nil) {
        output += "<\(name)\(className.map { " class=\"\($0)\"" } ?? "")>\(Self.escape(content))</\(name)>"
        if ["title", "h1", "h2", "h3", "p"].contains(name) { output += "\n" }
    }

    mutating func link(to href: String, _ content: String) {
        output += "<a href=\"\(Self.escape(href))\">\(Self.escape(content))</a>"
    }

    static func escape(_ string: String) -> String {
        var out = ""
        out.reserveCapacity(string.utf8.count)
        for scalar in string.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            // Control characters other than tab and newlines are not allowed in XML 1.0.
            case "\u{0}"..."\u{8}", "\u{B}", "\u{C}", "\u{E}"..."\u{1F}", "\u{FFFE}", "\u{FFFF}": out += "\u{FFFD}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
