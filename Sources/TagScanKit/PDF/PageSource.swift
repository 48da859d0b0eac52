/// What the scanner needs from an open document, whichever extraction path produced it. An
/// implementation owns poppler objects and is confined to the thread that opened it.
protocol PageSource: AnyObject {
    var pageCount: Int { get }
    var hasJavaScript: Bool { get }
    /// Page `index` (0-based) as text with one box per scalar; styles only when `wantsStyles`
    /// says so for the page's scalars. Nil when poppler cannot load the page.
    func pageText(at index: Int, wantsStyles: ([Unicode.Scalar]) -> Bool) -> PageText?
    /// How other threads open copies of this document.
    var recipe: PageSourceRecipe { get }
    /// What the document's /Encrypt dictionary asks for, when the open already read it (nil:
    /// ``PasswordAttempts`` probes the file itself).
    var encryption: EncryptionProbe? { get }
}

/// How to open more copies of a document that opened once, one per thread: the password bytes
/// that worked and what the first open read that copies can share. Copies skip the password
/// attempts, the encryption probe (a second poppler open) and, on the poppler-glib path, the
/// page-rotation walk, so the threads that share a long document start on it sooner.
struct PageSourceRecipe: Sendable {
    var source: DocumentSource
    var password: PasswordBytes?
    var path: ExtractionPath
    /// Each page's /Rotate, for the poppler-glib path (nil when the core API is missing).
    var rotations: [Int]?

    func open() throws(DocumentError) -> any PageSource {
        PopplerMessages.install()
        return switch path {
        case .glyphs: try CoreDocumentHandle(source: source, encodedPassword: password)
        default: try GLibPageSource(source: source, encodedPassword: password, rotations: rotations)
        }
    }
}

enum PageSources {
    /// Opens `source` on the requested extraction path, mapping every failure to a SPEC §4 code.
    /// The password is tried as typed, then encoded for the document's security handler
    /// (``PasswordAttempts``); poppler's messages go to ``PopplerMessages``, never to stderr.
    static func open(_ source: DocumentSource, password: String?, path: ExtractionPath) throws(DocumentError) -> any PageSource {
        PopplerMessages.install()
        return try PasswordAttempts.open(source, password: password, encryption: { $0.encryption }) {
            encoded throws(DocumentError) -> any PageSource in
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

    let recipe: PageSourceRecipe
    let encryption: EncryptionProbe?

    /// Opens `source`; `rotations` are read through the core API unless a first copy read them.
    init(source: DocumentSource, encodedPassword password: PasswordBytes?, rotations known: [Int]?? = nil) throws(DocumentError) {
        let handle = try PDFDocumentHandle(source: source, encodedPassword: password)
        if let known {
            rotations = known
            encryption = nil
        } else {
            (rotations, encryption) = PDFDocumentHandle.pageRotations(source: source, password: password, pageCount: handle.pageCount)
        }
        self.handle = handle
        recipe = PageSourceRecipe(source: source, password: password, path: .glib, rotations: rotations)
    }

    var pageCount: Int { handle.pageCount }
    var hasJavaScript: Bool { handle.hasJavaScript }

    func pageText(at index: Int, wantsStyles: ([Unicode.Scalar]) -> Bool) -> PageText? {
        handle.pageText(at: index, rotation: rotations?[index], wantsStyles: wantsStyles)
    }
}
