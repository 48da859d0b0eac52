/// One document's pages, extracted once and kept in memory as text, so that the anchor search can
/// be run, and timed, apart from poppler.
///
/// For the benchmark suite (`Benchmarks/`, which times the anchor search alone on
/// extracted pages); not part of TagScanKit's supported API, hence the `Benchmarks` SPI. Extraction and
/// search are exactly a scan's per page (``BatchRun``): the same opener, styles read where
/// the scan's ``AnchorTriggers`` ask for them (and on the glyph path only such pages laid out),
/// and `PageScan(_:customRules:)` on each page. What a scan does afterwards (joining pages into a ``DocumentResult``) is left out.
@_spi(Benchmarks) public struct ExtractedPages: Sendable {
    /// Every page in order; nil where poppler could not load the page (a scan reports it unreadable).
    let pages: [PageText?]
    let customRules: [CustomAnchorRule]

    /// The document's page count, as a scan reports it.
    public var pageCount: Int { pages.count }

    /// Opens `source` on `path` and extracts every page. All of poppler's work happens here.
    /// - Throws: the ``DocumentError`` a scan would report for the document.
    public init(_ source: DocumentSource, path: ExtractionPath = .automatic, password: String? = nil, customRules: [CustomAnchorRule] = [])
        throws(DocumentError)
    {
        PopplerWarmUp.ensure()
        let document = try PageSources.open(source, password: password, path: path)
        let triggers = AnchorTriggers(customRules: customRules)
        pages = (0..<document.pageCount).map { document.pageText(at: $0, triggers: triggers) }
        self.customRules = customRules
    }

    /// Runs the anchor search alone on every kept page and returns how many anchors the pages
    /// hold. Without custom rules this equals a scan's `anchors.count` for the document; with
    /// them it counts every match, before a rule's `occurrence` picks among them.
    public func searchAnchors() -> Int {
        pages.reduce(0) { found, page in
            found + (page.map { PageScan($0, customRules: customRules).anchors.count } ?? 0)
        }
    }
}
