import Foundation
import HTTPTypes
import Hummingbird

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
        let body: [String: ServiceErrorValue] = ["code": .string(code), "message": .string(message), "status": .int(status.code)]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var data = (try? encoder.encode(body)) ?? Data()
        data.append(0x0A)
        var fields = HTTPFields()
        fields[.contentType] = "application/json"
        for (name, value) in headers {
            if let field = HTTPField.Name(name) { fields[field] = value }
        }
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
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
