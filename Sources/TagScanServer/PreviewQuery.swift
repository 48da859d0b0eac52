import TagScanKit

/// The query of `/v1/preview`: `format` (png, the default, or html), `page` (the page a PNG
/// shows, from 1; required for png), `dpi` (18–600, default 96) and `pages` (what an HTML report
/// shows: tagged, all or a list like 1,3-5; default tagged).
enum PreviewQuery {
    /// - Throws: ``ServiceError`` 400 with what is wrong.
    static func parse(format: String?, page: String?, dpi: String?, pages: String?) throws -> PreviewRequest {
        let resolution: Double
        if let dpi {
            guard let value = Double(dpi), value.isFinite, PreviewOptions.dpiRange.contains(value) else {
                throw ServiceError.badRequest(
                    "dpi must be a number from \(Int(PreviewOptions.dpiRange.lowerBound)) to \(Int(PreviewOptions.dpiRange.upperBound)) (got \"\(dpi)\")")
            }
            resolution = value
        } else {
            resolution = 96
        }
        switch format ?? "png" {
        case "png":
            guard let page else { throw ServiceError.badRequest("a PNG preview needs page=N, the page to draw (from 1)") }
            guard let number = Int(page), number >= 1 else { throw ServiceError.badRequest("page must be a page number from 1 (got \"\(page)\")") }
            return .page(number, dpi: resolution)
        case "html":
            let selection: PageSelection
            do {
                selection = try PageSelection(parsing: pages ?? "tagged")
            } catch {
                throw ServiceError.badRequest(error.description)
            }
            return .report(pages: selection, dpi: resolution)
        case let other:
            throw ServiceError.badRequest("format must be png or html (got \"\(other)\")")
        }
    }
}
