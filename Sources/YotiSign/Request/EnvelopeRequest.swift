import Foundation

/// One HTTP request to the Yoti Sign API: method, URL, headers and body, built before anything is
/// sent so that it can be inspected, printed for `--dry-run`, and then sent unchanged.
///
/// The API key is not part of the value. ``YotiSignClient`` adds `Authorization: Bearer …` when
/// it sends the request, and ``serialized(authorization:)`` prints `Bearer <redacted>` unless it
/// is handed the key.
public struct EnvelopeRequest: Sendable, Hashable, CustomStringConvertible {
    public struct Header: Sendable, Hashable {
        public var name: String
        public var value: String

        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    /// `GET`, `POST` or `PATCH`.
    public var method: String
    /// Whether sending the request twice has the same effect as sending it once. A create or a
    /// send-reminder is not: Yoti documents no idempotency key, so a repeat after an answer was
    /// lost makes a second envelope or a second email. Such a request is retried only when it
    /// cannot have reached Yoti (see ``RetryPolicy``).
    public var isIdempotent: Bool
    /// The absolute URL.
    public var url: String
    /// Every header except `Authorization`, `Host` and `Content-Length`, which depend on the
    /// key, the URL and the body.
    public var headers: [Header]
    public var body: [UInt8]?

    /// - Parameter isIdempotent: by default true for everything but `POST`.
    public init(method: String, url: String, headers: [Header] = [], body: [UInt8]? = nil, isIdempotent: Bool? = nil) {
        self.method = method
        self.isIdempotent = isIdempotent ?? (method != "POST")
        self.url = url
        self.headers = headers
        self.body = body
    }

    /// The `User-Agent` every request carries.
    public static let userAgent = "tagscan-yotisign/1.0"

    // MARK: - Building

    /// `POST /v2/envelopes` (or `/v2/embedded-envelopes`) as `multipart/form-data`: one `file`
    /// part per document, in order, with its file name and content type, then one `options` part
    /// holding the JSON.
    ///
    /// This does not run ``Preflight``; ``YotiSignClient`` does, and so should any caller that
    /// sends the request by other means.
    ///
    /// - Parameter boundary: the multipart boundary; random by default.
    /// - Throws: ``YotiSignError/invalidConfiguration(_:)`` if a document's type is unsupported
    ///   or the options cannot be encoded.
    public static func createEnvelope(
        _ options: EnvelopeOptions, documents: [DocumentUpload], kind: EnvelopeKind = .standard,
        environment: Environment, boundary: String = MultipartBody.randomBoundary()
    ) throws -> EnvelopeRequest {
        var body = MultipartBody(boundary: boundary)
        for document in documents {
            guard let contentType = document.contentType else {
                throw YotiSignError.invalidConfiguration(
                    "\"\(document.fileName)\" is not a PDF or Word file; only .pdf, .doc and .docx are accepted."
                )
            }
            body.append(name: "file", fileName: document.fileName, contentType: contentType, bytes: document.bytes)
        }
        let json: [UInt8]
        do {
            json = try YotiJSON.encode(options)
        } catch {
            throw YotiSignError.invalidConfiguration("The envelope options could not be encoded as JSON: \(error)")
        }
        body.append(name: "options", contentType: "application/json", bytes: json)
        guard body.isUnambiguous else {
            throw YotiSignError.invalidConfiguration(
                "The multipart boundary \"\(boundary)\" occurs inside a document; choose another boundary."
            )
        }
        return EnvelopeRequest(
            method: "POST",
            url: environment.baseURL + kind.path,
            headers: [
                Header("Accept", "application/json"),
                Header("Content-Type", body.contentType),
                Header("User-Agent", userAgent),
            ],
            body: body.encoded()
        )
    }

    /// `GET /v2/envelopes/{id}`.
    public static func getEnvelope(id: String, environment: Environment) -> EnvelopeRequest {
        simple("GET", environment, "/v2/envelopes/\(pathSegment(id))")
    }

    /// `GET /v2/envelopes/{id}/status`.
    public static func envelopeStatus(id: String, environment: Environment) -> EnvelopeRequest {
        simple("GET", environment, "/v2/envelopes/\(pathSegment(id))/status")
    }

    /// `PATCH /v2/envelopes/{id}`, which archives (cancels) an incomplete envelope.
    public static func archiveEnvelope(id: String, environment: Environment) -> EnvelopeRequest {
        simple("PATCH", environment, "/v2/envelopes/\(pathSegment(id))")
    }

    /// `POST /v2/envelopes/{id}/recipients/{recipient_id}/send-reminder`: not idempotent (each
    /// one sends an email).
    public static func sendReminder(envelopeID: String, recipientID: String, environment: Environment) -> EnvelopeRequest {
        simple(
            "POST", environment,
            "/v2/envelopes/\(pathSegment(envelopeID))/recipients/\(pathSegment(recipientID))/send-reminder"
        )
    }

    /// `GET /v2/envelopes/{id}/completed-documents`: the zip of the signed documents.
    public static func completedDocuments(id: String, environment: Environment) -> EnvelopeRequest {
        simple("GET", environment, "/v2/envelopes/\(pathSegment(id))/completed-documents", accept: "application/zip, application/json")
    }

    /// `GET /v2/organisations/envelopes/search?…`.
    public static func searchEnvelopes(_ query: EnvelopeSearchQuery, environment: Environment) -> EnvelopeRequest {
        simple("GET", environment, "/v2/organisations/envelopes/search?" + query.queryString)
    }

    /// `POST /v2/organisations/envelopes/find` with `{"envelope_ids": […]}`. A read, so safe to
    /// repeat although it is a POST.
    public static func findEnvelopes(ids: [String], environment: Environment) -> EnvelopeRequest {
        var request = simple("POST", environment, "/v2/organisations/envelopes/find")
        request.headers.append(Header("Content-Type", "application/json"))
        request.body = (try? YotiJSON.encode(["envelope_ids": ids])) ?? []
        request.isIdempotent = true
        return request
    }

    private static func simple(
        _ method: String, _ environment: Environment, _ path: String, accept: String = "application/json"
    ) -> EnvelopeRequest {
        EnvelopeRequest(
            method: method,
            url: environment.baseURL + path,
            headers: [Header("Accept", accept), Header("User-Agent", userAgent)]
        )
    }

    /// `POST /v2/envelopes`: the method and path, for messages.
    public var summary: String { "\(method) \(target.path)" }

    /// Percent-encodes everything but RFC 3986 unreserved characters, so an id can never change
    /// the path.
    static func pathSegment(_ text: String) -> String {
        PercentEncoding.encode(text)
    }

    // MARK: - Printing

    /// What to put after `Authorization: Bearer`.
    public enum Authorization: Sendable {
        /// `<redacted>`.
        case redacted
        /// The real key, for sending the bytes yourself.
        case key(APIKey)
    }

    /// The URL split into what the request line and `Host` header need.
    var target: (host: String, path: String) {
        let afterScheme = url.range(of: "://").map { url[$0.upperBound...] } ?? Substring(url)
        let slash = afterScheme.firstIndex(of: "/") ?? afterScheme.endIndex
        let path = afterScheme[slash...]
        return (String(afterScheme[..<slash]), path.isEmpty ? "/" : String(path))
    }

    /// The request exactly as HTTP/1.1 puts it on the wire: request line, `Host`,
    /// `Authorization`, the headers, `Content-Length`, a blank line and the body bytes.
    ///
    /// With the key supplied, these bytes can be sent over a socket as they are.
    public func serialized(authorization: Authorization = .redacted) -> [UInt8] {
        Array(head(authorization: authorization).utf8) + (body ?? [])
    }

    /// The request line and headers, ending with the blank line.
    public func head(authorization: Authorization = .redacted) -> String {
        var head = "\(method) \(target.path) HTTP/1.1\r\n"
        head += "Host: \(target.host)\r\n"
        switch authorization {
        case .redacted: head += "Authorization: Bearer <redacted>\r\n"
        case .key(let key): head += "Authorization: \(key.bearer)\r\n"
        }
        for header in headers {
            head += "\(header.name): \(header.value)\r\n"
        }
        if let body {
            head += "Content-Length: \(body.count)\r\n"
        } else if method == "POST" || method == "PATCH" {
            head += "Content-Length: 0\r\n"
        }
        return head + "\r\n"
    }

    /// The head with the key redacted and the body summarised, for logs and `print`.
    public var description: String {
        let head = head(authorization: .redacted).replacingOccurrences(of: "\r\n", with: "\n")
        return head + "<\(body?.count ?? 0) bytes of body>"
    }
}
