/// `anchor-spans-pages`: reported by the scanner when an auto-tag's text starts at the foot of one
/// page and ends at the top of the next.
enum AnchorSpansPagesRule: ScannerReportedRule {
    static let description = DiagnosticCatalog.anchorSpansPages
}

/// `anchor-wraps-line`: reported by the scanner when a line break falls inside an auto-tag.
enum AnchorWrapsLineRule: ScannerReportedRule {
    static let description = DiagnosticCatalog.anchorWrapsLine
}

/// `curly-quotes`: reported by the scanner when auto-tag metadata uses typographic quotes.
enum CurlyQuotesRule: ScannerReportedRule {
    static let description = DiagnosticCatalog.curlyQuotes
}

/// `tag-clamped`: reported by the placer when a field had to be moved to stay within Yoti's range.
enum TagClampedRule: ScannerReportedRule {
    static let description = DiagnosticCatalog.tagClamped
}

/// `spaced-anchor`: reported by the scanner for an auto-tag with spaces typed inside its pipes.
enum SpacedAnchorRule: ScannerReportedRule {
    static let description = DiagnosticCatalog.spacedAnchor
}

/// `anchor-outside-page`: reported by the scanner for an anchor drawn beyond the crop box.
enum AnchorOutsidePageRule: ScannerReportedRule {
    static let description = DiagnosticCatalog.anchorOutsidePage
}

/// `page-incomplete`: reported by the scanner when poppler could not finish drawing a page (an
/// allocation refused under the memory cap, a content stream it gave up on).
enum PageIncompleteRule: ScannerReportedRule {
    static let description = DiagnosticCatalog.pageIncomplete
}
