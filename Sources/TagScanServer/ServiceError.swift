import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// A request the service refuses: its HTTP status, a stable code clients can switch on, and a
/// message for people. Answered as `{"code": …, "message": …, "status": …}`.
struct ServiceError: Error, Sendable, Hashable {
    var status: HTTPResponse.Status
    var code: String
    var message: String
    /// Extra headers (Retry-After, WWW-Authenticate).
    var headers: [String: String] = [:]

    static func badRequest(_ message: String) -> ServiceError { ServiceError(status: .badRequest, code: "bad-request", message: message) }

    static func tooLarge(limit: Int) -> ServiceError {
        ServiceError(status: .contentTooLarge, code: "body-too-large", message: "the request body is larger than the limit of \(limit) bytes")
    }

    static func unsupportedMediaType(_ type: String?) -> ServiceError {
        ServiceError(
            status: .unsupportedMediaType, code: "unsupported-media-type",
            message: "send application/pdf or multipart/form-data (got \(type.map { "\"\($0)\"" } ?? "no Content-Type"))")
    }

    static func queueFull(retryAfter: Int) -> ServiceError {
        ServiceError(
            status: .tooManyRequests, code: "queue-full", message: "every worker is busy and the queue is full; retry later",
            headers: ["Retry-After": String(retryAfter)])
    }

    static func deadline(seconds: Double) -> ServiceError {
        ServiceError(
            status: .serviceUnavailable, code: "deadline-exceeded",
            message: "the request took longer than the \(seconds.formatted(.number.precision(.fractionLength(0...1)))) s deadline and was stopped")
    }

    static let unauthorized = ServiceError(
        status: .unauthorized, code: "unauthorized", message: "this service needs an Authorization: Bearer token",
        headers: ["WWW-Authenticate": "Bearer"])

    static let notFound = ServiceError(status: .notFound, code: "not-found", message: "no such endpoint")

    var response: Response {
        Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// The answer, then the connection closed: for a refusal sent while the client is still
    /// sending a body the server will not read. Keeping the connection would mean reading (and
    /// throwing away) the rest of it first, up to the whole announced length.
    func response(closing channel: any Channel) -> Response {
        var fields = fields
        fields[.connection] = "close"
        let buffer = ByteBuffer(bytes: body)
        return Response(
            status: status, headers: fields,
            body: ResponseBody(contentLength: buffer.readableBytes) { writer in
                try await writer.write(buffer)
                try await writer.finish(nil)
                // Queued on the connection's event loop after the answer's own writes, so the
                // answer goes out before the close.
                channel.close(promise: nil)
            })
    }

    private var body: Data {
        let body: [String: ServiceErrorValue] = ["code": .string(code), "message": .string(message), "status": .int(status.code)]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var data = (try? encoder.encode(body)) ?? Data()
        data.append(0x0A)
        return data
    }

    private var fields: HTTPFields {
        var fields = HTTPFields()
        fields[.contentType] = "application/json"
        for (name, value) in headers {
            if let field = HTTPField.Name(name) { fields[field] = value }
        }
        return fields
    }
}

/// A value of the error body: a string or a number.
enum ServiceErrorValue: Encodable, Hashable {
    case string(String)
    case int(Int)

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let value): try container.encode(value)
        case .int(let value): try container.encode(value)
        }
    }
}
