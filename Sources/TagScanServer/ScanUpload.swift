import Foundation
import Hummingbird
import TagScanKit

/// The documents of one `/v1/scan` or `/v1/lint` request and the configuration sent with them:
/// one PDF as the whole body (`application/pdf`), or several as `multipart/form-data` parts, with
/// an optional `config` part in `tagscan.yml`'s YAML or JSON.
struct ScanUpload: Sendable {
    var sources: [DocumentSource]
    var config: TagScanConfig?

    /// What a document is called when the request does not name it.
    static let defaultFileName = "document.pdf"

    /// Reads and splits the request body.
    /// - Throws: ``ServiceError``: 413 past `limit` (before the rest is read), 415 for another
    ///   content type, 400 for a malformed multipart body or configuration.
    static func read(_ request: Request, limit: Int) async throws -> ScanUpload {
        let contentType = request.headers[.contentType]
        let mediaType = contentType.map { String($0.split(separator: ";").first ?? "").trimmingCharacters(in: .whitespaces).lowercased() }
        let boundary = contentType.flatMap(MultipartForm.boundary(of:))
        guard mediaType == "application/pdf" || mediaType == "application/octet-stream" || mediaType == "multipart/form-data" else {
            throw ServiceError.unsupportedMediaType(contentType)
        }
        if mediaType == "multipart/form-data" && boundary == nil {
            throw ServiceError.badRequest("multipart/form-data needs a boundary parameter of 1 to 70 characters")
        }
        let body = try await collect(request, limit: limit)
        guard let boundary else {
            let name = fileName(request.uri.queryParameters["file_name"].map(String.init)) ?? defaultFileName
            return ScanUpload(sources: [.data(body, fileName: name)], config: nil)
        }
        let form: MultipartForm
        do {
            form = try MultipartForm(parsing: body, boundary: boundary)
        } catch {
            throw ServiceError.badRequest("malformed multipart body: \(error.description)")
        }
        var sources: [DocumentSource] = []
        var config: TagScanConfig?
        for (index, part) in form.parts.enumerated() {
            if part.name == "config" {
                guard config == nil else { throw ServiceError.badRequest("more than one config part") }
                guard let text = String(data: part.body, encoding: .utf8) else { throw ServiceError.badRequest("the config part is not UTF-8 text") }
                do {
                    config = try ConfigLoader.parse(text, file: part.fileName.flatMap { fileName($0) } ?? "config")
                } catch {
                    throw ServiceError.badRequest("the config part was refused: \(error.description)")
                }
                continue
            }
            guard let name = part.fileName.flatMap({ fileName($0) }) else {
                throw ServiceError.badRequest("part \(index + 1) (\"\(part.name)\") is neither a config part nor a file with a filename")
            }
            sources.append(.data(part.body, fileName: name))
        }
        guard !sources.isEmpty else { throw ServiceError.badRequest("the multipart body has no document part (a part with a filename)") }
        return ScanUpload(sources: sources, config: config)
    }

    /// The body, refused with 413 as soon as it is known to be over `limit`: at once when its
    /// Content-Length says so, otherwise once that many bytes have arrived.
    static func collect(_ request: Request, limit: Int) async throws -> Data {
        if let declared = request.headers[.contentLength].flatMap({ Int($0) }), declared > limit {
            throw ServiceError.tooLarge(limit: limit)
        }
        var data = Data()
        for try await chunk in request.body {
            guard data.count + chunk.readableBytes <= limit else { throw ServiceError.tooLarge(limit: limit) }
            data.append(contentsOf: chunk.readableBytesView)
        }
        return data
    }

    /// The last path component of a client's file name, so no directory the client sent ends up
    /// in a report; nil when nothing is left.
    static func fileName(_ given: String?) -> String? {
        guard let given else { return nil }
        let last = given.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let trimmed = last.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty || trimmed == "." || trimmed == ".." ? nil : trimmed
    }
}
