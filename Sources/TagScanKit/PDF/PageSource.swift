/// What the scanner needs from an open document, whichever extraction path produced it. An
/// implementation owns poppler objects and is confined to the thread that opened it.
protocol PageSource: AnyObject {
    var pageCount: Int { get }
    var hasJavaScript: Bool { get }
    /// Page `index` (0-based) as text with one box per scalar; styles only when `wantsStyles`
    /// says so for the page's scalars. Nil when poppler cannot load the page.
    func pageText(at index: Int, wantsStyles: ([Unicode.Scalar]) -> Bool) -> PageText?
}

enum PageSources {
    /// Opens `source` on the requested extraction path, mapping every failure to a SPEC §4 code.
    /// The password is tried as typed, then encoded for the document's security handler
    /// (``PasswordAttempts``); poppler's messages go to ``PopplerMessages``, never to stderr.
    static func open(_ source: DocumentSource, password: String?, path: ExtractionPath) throws(DocumentError) -> any PageSource {
        PopplerMessages.install()
        return try PasswordAttempts.open(source, password: password) { encoded throws(DocumentError) -> any PageSource in
            switch path.resolved {
            case .glyphs: try CoreDocumentHandle(source: source, encodedPassword: encoded)
            default: try GLibPageSource(source: source, encodedPassword: encoded)
            }
        }
    }
}

/// poppler-glib's text path, with page rotations read once through the core API when present.
final class GLibPageSource: PageSource {
    private let handle: PDFDocumentHandle
    private let rotations: [Int]?

    init(source: DocumentSource, encodedPassword password: PasswordBytes?) throws(DocumentError) {
        handle = try PDFDocumentHandle(source: source, encodedPassword: password)
        rotations = PDFDocumentHandle.pageRotations(source: source, password: password, pageCount: handle.pageCount)
    }

    var pageCount: Int { handle.pageCount }
    var hasJavaScript: Bool { handle.hasJavaScript }

    func pageText(at index: Int, wantsStyles: ([Unicode.Scalar]) -> Bool) -> PageText? {
        handle.pageText(at: index, rotation: rotations?[index], wantsStyles: wantsStyles)
    }
}
