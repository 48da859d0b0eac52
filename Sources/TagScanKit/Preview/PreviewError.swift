/// Why a preview could not be drawn.
public enum PreviewError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The document could not be opened (its error code and message).
    case document(DocumentError)
    /// The page number is not in the document.
    case pageOutOfRange(pageNumber: Int, pageCount: Int)
    /// cairo could not create, draw or encode the image (too large, out of memory).
    case renderFailed(String)
    /// The bytes are not a PNG cairo can read.
    case invalidPNG(String)
    /// The calling task was cancelled before every page was drawn.
    case cancelled

    public var description: String {
        switch self {
        case .document(let error): error.description
        case .pageOutOfRange(let page, let count): "page \(page) is not in the document (it has \(count) page\(count == 1 ? "" : "s"))"
        case .renderFailed(let message): "rendering failed: \(message)"
        case .invalidPNG(let message): "not a readable PNG: \(message)"
        case .cancelled: "cancelled"
        }
    }
}
