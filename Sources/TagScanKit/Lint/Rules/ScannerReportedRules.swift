/// `anchor-spans-pages`: reported by the scanner when an auto-tag's text starts at the foot of one
/// page and ends at the top of the next.
public enum AnchorSpansPagesRule: ScannerReportedRule {
    public static let description = RuleDescription(
        id: "anchor-spans-pages", severity: .error,
        summary: "An auto-tag starts on one page and ends on the next, so Yoti cannot find it.",
        details: """
            Yoti reads each page on its own, so an anchor broken by a page break places no field and \
            the envelope goes out without it. Keep every anchor whole on one page: move it, or shorten \
            the text before it.
            """,
        reportedByScanner: true)
}

/// `anchor-wraps-line`: reported by the scanner when a line break falls inside an auto-tag.
public enum AnchorWrapsLineRule: ScannerReportedRule {
    public static let description = RuleDescription(
        id: "anchor-wraps-line", severity: .error,
        summary: "An auto-tag is broken across two lines by wrapping, so Yoti cannot find it.",
        details: """
            Word processors wrap long lines wherever they like, and an anchor split over two lines \
            places no field. Keep anchors on a line of their own or in a cell wide enough for them.
            """,
        reportedByScanner: true)
}

/// `curly-quotes`: reported by the scanner when auto-tag metadata uses typographic quotes.
public enum CurlyQuotesRule: ScannerReportedRule {
    public static let description = RuleDescription(
        id: "curly-quotes", severity: .warning,
        summary: "Auto-tag metadata is written with curly quotes (Word's autocorrect), which Yoti may not read.",
        details: """
            Metadata such as {"nm":"company"} is JSON and needs straight quotes. tagscan reads curly \
            quotes as straight ones, but Yoti may reject or ignore the metadata. Turn off "smart quotes" \
            and type the quotes again.
            """,
        reportedByScanner: true)
}

/// `tag-clamped`: reported by the placer when a field had to be moved to stay within Yoti's range.
public enum TagClampedRule: ScannerReportedRule {
    public static let description = RuleDescription(
        id: "tag-clamped", severity: .warning,
        summary: "A field had to be moved to stay inside Yoti's 0…0.949 range or keep x + width below 1.",
        details: """
            Yoti rejects tags whose x or y is above 0.949 of the page, and text fields whose x + width \
            reaches 1. tagscan moves such fields inside the range, so they no longer sit exactly at \
            their anchors. Move the anchor away from the right or bottom edge of the page.
            """,
        reportedByScanner: true)
}

/// `page-incomplete`: reported by the scanner when poppler could not finish drawing a page (an
/// allocation refused under the memory cap, a content stream it gave up on).
public enum PageIncompleteRule: ScannerReportedRule {
    public static let description = RuleDescription(
        id: "page-incomplete", severity: .error,
        summary: "poppler could not finish drawing a page, so text and anchors on it may be missing.",
        details: """
            An allocation failed under the memory cap, or poppler stopped reading one of the page's \
            content streams (a damaged or hostile image or stream). The page's text is what was drawn \
            before that, and an anchor in the rest places no field. Re-export the PDF from its source; \
            when the cap was the cause, a larger --max-memory may let the page finish.
            """,
        reportedByScanner: true)
}
