/// What the scanner needs from an open document, whichever extraction path produced it. An
/// implementation owns poppler objects and is confined to the thread that opened it.
protocol PageSource: AnyObject {
    var pageCount: Int { get }
    var hasJavaScript: Bool { get }
    /// Page `index` (0-based) as text with one box per scalar. Styles are read, and on the glyph
    /// path the page is laid out at all, only when it holds the `triggers` an anchor needs; a page
    /// without them comes back counted, with no text (``PageText/isLaidOut`` false). Nil when
    /// poppler cannot load the page.
    func pageText(at index: Int, triggers: AnchorTriggers) -> PageText?
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
    /// Each page's /Rotate, for the poppler-glib path.
    var rotations: PageRotations = .unavailable

    func open() throws(DocumentError) -> any PageSource {
        PopplerMessages.install()
        return switch path {
        case .glyphs: try CoreDocumentHandle(source: source, encodedPassword: password)
        default: try GLibPageSource(source: source, encodedPassword: password, rotations: rotations)
        }
    }
}

enum PageSources {
    /// Opens `source` on the requested extraction path, mapping every failure to a stable error code.
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

/// Each page's /Rotate as read through poppler's core API, which poppler-glib does not expose.
enum PageRotations: Sendable, Hashable {
    /// One per page, in page order.
    case read([Int])
    /// The core API is missing (or could not read them): poppler-glib's own page geometry stands.
    case unavailable

    init(_ values: [Int]?) {
        self = values.map(PageRotations.read) ?? .unavailable
    }

    /// The rotation of page `index`, when known.
    subscript(index: Int) -> Int? {
        guard case .read(let values) = self, values.indices.contains(index) else { return nil }
        return values[index]
    }
}

/// poppler-glib's text path, with page rotations read once through the core API when present.
final class GLibPageSource: PageSource {
    private let handle: PDFDocumentHandle
    private let rotations: PageRotations

    let recipe: PageSourceRecipe
    let encryption: EncryptionProbe?

    /// Opens `source`; `rotations` are read through the core API unless a first copy read them.
    init(source: DocumentSource, encodedPassword password: PasswordBytes?, rotations known: PageRotations? = nil) throws(DocumentError) {
        let handle = try PDFDocumentHandle(source: source, encodedPassword: password)
        if let known {
            rotations = known
            encryption = nil
        } else {
            let read = PDFDocumentHandle.pageRotations(source: source, password: password, pageCount: handle.pageCount)
            rotations = PageRotations(read.rotations)
            encryption = read.encryption
        }
        self.handle = handle
        recipe = PageSourceRecipe(source: source, password: password, path: .glib, rotations: rotations)
    }

    var pageCount: Int { handle.pageCount }
    var hasJavaScript: Bool { handle.hasJavaScript }

    func pageText(at index: Int, triggers: AnchorTriggers) -> PageText? {
        handle.pageText(at: index, rotation: rotations[index], triggers: triggers)
    }
}
