import Foundation

/// One line on a worker's stdin: a document to scan and how. JSON, one object per line.
struct WorkerRequest: Codable, Sendable {
    var id: Int
    /// A file to open (`DocumentSource.file`), or
    var path: String?
    /// the document's bytes (`DocumentSource.data`, base64 in JSON) with its file name.
    var data: Data?
    var fileName: String
    /// The scan options, with `isolation` removed and `jobs` set to the worker's share.
    var options: ScanOptions
    /// Set when the worker is to draw the scanned document as well (``IsolatedPreview``).
    var preview: PreviewRequest? = nil
    /// Set when the worker is to draw pages of a document the caller already scanned, with the
    /// caller's preview options (`tagscan preview` under isolation).
    var pages: PagesRequest? = nil
    /// Anchors to render and measure (``AnchorVisibility``) instead of scanning; answered with
    /// ``WorkerResponse/ink``.
    var ink: [AnchorVisibility.Probe]?

    init(id: Int, source: DocumentSource, options: ScanOptions) {
        self.id = id
        switch source {
        case .file(let path):
            self.path = path
            fileName = source.fileName
        case .data(let bytes, let name):
            data = bytes
            fileName = name
        }
        self.options = options
    }

    var source: DocumentSource? {
        if let path { return .file(path: path) }
        if let data { return .data(data, fileName: fileName) }
        return nil
    }
}

/// One line on a worker's stdout: the answer to the request with the same `id`.
struct WorkerResponse: Codable, Sendable {
    var id: Int
    /// The scan's result, for a scan or preview request.
    var result: DocumentResult?
    /// What the worker drew, when the request asked for a preview.
    var preview: WorkerPreview? = nil
    /// Each probe's ink, for a request with ``WorkerRequest/ink``.
    var ink: [Double?]?

    init(id: Int, result: DocumentResult, preview: WorkerPreview? = nil) {
        self.id = id
        self.result = result
        self.preview = preview
    }

    init(id: Int, ink: [Double?]) {
        self.id = id
        self.ink = ink
    }
}

enum WorkerJSON {
    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        // No sorted keys: nobody reads these lines but the other side, and sorting every
        // object's keys was a measurable share of a small document's cost in a worker.
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return encoder
    }

    /// `value` as one JSON line (JSON never contains a raw newline).
    static func line(_ value: some Encodable) throws -> Data {
        var data = try encoder().encode(value)
        data.append(0x0A)
        return data
    }
}

/// Pages of an already scanned document to draw, as the caller would have drawn them itself.
struct PagesRequest: Codable, Sendable {
    /// A ``PageSelection``, as it parses and prints.
    var selection: String
    var options: PreviewOptions
    /// The caller's scan of the document: drawn as it is, so the preview shows that scan.
    var result: DocumentResult
}

/// What a worker drew for a preview request: the PNG or HTML, or why there is none. A
/// ``PreviewError`` crosses the pipe as this mirror of its cases.
struct WorkerPreview: Codable, Sendable {
    enum Failure: Codable, Sendable {
        case document(DocumentError)
        case pageOutOfRange(pageNumber: Int, pageCount: Int)
        case renderFailed(String)
        case invalidPNG(String)
        case cancelled

        init(_ error: PreviewError) {
            switch error {
            case .document(let error): self = .document(error)
            case .pageOutOfRange(let page, let count): self = .pageOutOfRange(pageNumber: page, pageCount: count)
            case .renderFailed(let message): self = .renderFailed(message)
            case .invalidPNG(let message): self = .invalidPNG(message)
            case .cancelled: self = .cancelled
            }
        }

        var error: PreviewError {
            switch self {
            case .document(let error): .document(error)
            case .pageOutOfRange(let page, let count): .pageOutOfRange(pageNumber: page, pageCount: count)
            case .renderFailed(let message): .renderFailed(message)
            case .invalidPNG(let message): .invalidPNG(message)
            case .cancelled: .cancelled
            }
        }
    }

    var output: Data?
    var failure: Failure?
}
