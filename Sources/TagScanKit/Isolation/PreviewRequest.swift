/// What a worker process draws after scanning a document (``IsolatedPreview``): one page as PNG,
/// or the HTML report of the pages asked for. Drawing runs poppler and cairo on the document, so a
/// host that takes documents from strangers has it done where the scan is, under the same limits.
public struct PreviewRequest: Sendable, Hashable, Codable {
    public enum Format: String, Sendable, Hashable, Codable, CaseIterable {
        /// One page, with the legend strip under it.
        case png
        /// One self-contained HTML page: the pages asked for, the tags and the diagnostics.
        case html
    }

    public var format: Format
    /// The page a PNG shows (1-based).
    public var pageNumber: Int
    /// The pages an HTML report shows, as ``PageSelection`` parses them (`tagged`, `all`, `1,3-5`).
    public var pages: String
    /// Resolution, clamped to ``PreviewOptions/dpiRange``.
    public var dpi: Double

    /// One page as PNG.
    public static func page(_ pageNumber: Int, dpi: Double = 96) -> PreviewRequest {
        PreviewRequest(format: .png, pageNumber: pageNumber, pages: "\(pageNumber)", dpi: dpi)
    }

    /// The HTML report of `pages`.
    public static func report(pages: PageSelection = .tagged, dpi: Double = 96) -> PreviewRequest {
        PreviewRequest(format: .html, pageNumber: 1, pages: pages.description, dpi: dpi)
    }

    private init(format: Format, pageNumber: Int, pages: String, dpi: Double) {
        self.format = format
        self.pageNumber = pageNumber
        self.pages = pages
        self.dpi = dpi
    }
}
