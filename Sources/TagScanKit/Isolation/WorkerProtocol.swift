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

    private enum CodingKeys: String, CodingKey {
        case id, result, preview, ink
        /// The result's pages and anchors, when the worker wrote them apart
        /// (``WorkerJSON/answer(_:)``).
        case pages, anchors
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(Int.self, forKey: .id)
        result = try c.decodeIfPresent(DocumentResult.self, forKey: .result)
        preview = try c.decodeIfPresent(WorkerPreview.self, forKey: .preview)
        ink = try c.decodeIfPresent([Double?].self, forKey: .ink)
        try Self.takeApart(.pages, \.pages, from: c, into: &result)
        try Self.takeApart(.anchors, \.anchors, from: c, into: &result)
    }

    /// Moves a list written apart from the result (under `key`) into the result, which must be
    /// there and hold none of its own.
    private static func takeApart<Item: Decodable>(
        _ key: CodingKeys, _ list: WritableKeyPath<DocumentResult, [Item]>, from c: KeyedDecodingContainer<CodingKeys>,
        into result: inout DocumentResult?
    ) throws {
        guard let items = try c.decodeIfPresent([Item].self, forKey: key) else { return }
        guard result?[keyPath: list].isEmpty == true else {
            throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "\(key.stringValue) apart from a result that has its own")
        }
        result?[keyPath: list] = items
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encodeIfPresent(result, forKey: .result)
        try c.encodeIfPresent(preview, forKey: .preview)
        try c.encodeIfPresent(ink, forKey: .ink)
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

    /// Pages or anchors encoded at a time in ``answer(_:)``.
    static let itemsPerChunk = 256

    /// A worker's answer as one JSON line, the result's pages and anchors written apart after
    /// the rest, a few hundred at a time, each piece passed to `write` as soon as it is encoded:
    /// the encoder holds a tree of every value it encodes until it writes it out, and the line
    /// itself is megabytes, which for a 10,000-page document put 9 MB on the worker's peak, the
    /// peak of the whole scan's process tree.
    static func answer(_ response: WorkerResponse, write: (Data) throws -> Void) throws {
        guard let result = response.result, max(result.pages.count, result.anchors.count) > itemsPerChunk else {
            try write(line(response))
            return
        }
        var rest = response
        rest.result?.pages = []
        rest.result?.anchors = []
        let encoder = encoder()
        var head = try encoder.encode(rest)
        // The answer is an object: its closing brace makes way for more members.
        guard head.last == UInt8(ascii: "}") else {
            try write(line(response))
            return
        }
        head.removeLast()
        try write(head)
        try writeMember("pages", result.pages, encoder: encoder, write: write)
        try writeMember("anchors", result.anchors, encoder: encoder, write: write)
        try write(Data("}\n".utf8))
    }

    /// ``answer(_:write:)`` collected into one line.
    static func answer(_ response: WorkerResponse) throws -> Data {
        var line = Data()
        try answer(response) { line.append($0) }
        return line
    }

    /// `,"name":[…]`, encoded ``itemsPerChunk`` items at a time.
    private static func writeMember<Item: Encodable>(_ name: String, _ items: [Item], encoder: JSONEncoder, write: (Data) throws -> Void) throws {
        try write(Data(",\"\(name)\":[".utf8))
        for start in stride(from: 0, to: items.count, by: itemsPerChunk) {
            var chunk = try encoder.encode(Array(items[start..<min(start + itemsPerChunk, items.count)]))
            // Without the chunk's own brackets, and after a comma unless it is the first.
            chunk.removeLast()
            chunk[chunk.startIndex] = start > 0 ? UInt8(ascii: ",") : UInt8(ascii: " ")
            try write(start > 0 ? chunk : chunk.dropFirst())
        }
        try write(Data("]".utf8))
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
