import YotiSignModels

/// One scanned document as the lint rules see it: the scan result plus what rendering showed.
public struct LintDocument: Sendable, Hashable {
    public var result: DocumentResult
    /// For each of `result.anchors`, the share (0…1) of the anchor's rendered box that carries ink,
    /// or nil when it was not rendered (white anchors, rendering switched off, or it failed).
    public var anchorInk: [Double?]

    public init(result: DocumentResult, anchorInk: [Double?]? = nil) {
        self.result = result
        self.anchorInk = anchorInk ?? Array(repeating: nil, count: result.anchors.count)
    }

    /// Rule ids the document turns off with `|tagscan-disable:…|`.
    public var disabledRules: Set<String> {
        Set((result.directives ?? []).flatMap(\.disabledRules))
    }

    /// Anchors that place a Yoti field, with their tags.
    var taggedAnchors: [(anchor: Anchor, tag: Tag)] {
        result.anchors.compactMap { anchor in anchor.tag.map { (anchor, $0) } }
    }
}

/// The documents sent together in one envelope: they share recipients, and Yoti's per-envelope
/// limits (file count, combined size, tags per recipient) apply to them together.
public struct LintEnvelope: Sendable, Hashable {
    /// The folder the envelope was made from, or the single document's path.
    public var path: String
    public var documents: [LintDocument]

    public init(path: String, documents: [LintDocument]) {
        self.path = path
        self.documents = documents
    }

    /// A single template checked on its own.
    public init(_ document: LintDocument) {
        self.init(path: document.result.path, documents: [document])
    }

    /// True when the envelope is one document: messages then name the file, not the envelope.
    var isSingleDocument: Bool { documents.count == 1 }
}

extension LintEnvelope {
    /// Every anchor that places a field, with its document's index, in document order and then
    /// in each document's anchor order (page, then y, then x).
    var taggedAnchors: [(document: Int, anchor: Anchor, tag: Tag)] {
        documents.enumerated().flatMap { index, document in
            document.result.status == .ok ? document.taggedAnchors.map { (index, $0.anchor, $0.tag) } : []
        }
    }

    /// "page 3" for a single document, "page 3 of nda.pdf" in a larger envelope.
    func place(document: Int, page: Int) -> String {
        isSingleDocument ? "page \(page)" : "page \(page) of \(documents[document].result.fileName)"
    }

    /// "the document" or "envelope templates/lease", for messages.
    var name: String { isSingleDocument ? "the document" : "envelope \(path)" }
}
