import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// What every request goes through: a request id, the bearer token on the `/v1/` endpoints, the
/// errors the endpoints throw turned into their JSON answers, one log line and the request
/// metrics. The log line carries counts and sizes, never a document's text or name.
struct ServiceMiddleware: RouterMiddleware {
    typealias Context = ServiceRequestContext

    let state: ServerState
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        let id = RequestIdentifier.make(incoming: request.headers[HTTPField.Name("X-Request-ID")!])
        let path = request.uri.path
        let route = ServiceEndpoints.routes.contains(path) ? path : "other"
        var response: Response
        if path.hasPrefix("/v1/"), let token = state.token, !token.accepts(authorization: request.headers[.authorization]) {
            response = ServiceError.unauthorized.response
        } else {
            do {
                response = try await next(request, context)
            } catch let error as ServiceError where error.status == .contentTooLarge {
                // The client may still be sending; the rest of its body is not read.
                response = error.response(closing: context.channel)
            } catch let error as ServiceError {
                response = error.response
            } catch let error as HTTPError where error.status == .notFound {
                response = ServiceError.notFound.response
            } catch let error as HTTPError where error.status == .methodNotAllowed {
                response = ServiceError(status: .methodNotAllowed, code: "method-not-allowed", message: "\(request.method) is not allowed on \(path)").response
            } catch is CancellationError {
                response = ServiceError(status: .serviceUnavailable, code: "shutting-down", message: "the server is shutting down").response
            } catch {
                logger.error("request failed", metadata: ["request_id": .string(id), "error": .string(String(describing: type(of: error)))])
                response = ServiceError(status: .internalServerError, code: "internal", message: "internal error").response
            }
        }
        response.headers[HTTPField.Name("X-Request-ID")!] = id
        let seconds = (ContinuousClock.now - started) / .seconds(1)
        state.metrics.request(route: route, method: request.method.rawValue, status: Int(response.status.code), seconds: seconds)
        var metadata: Logger.Metadata = [
            "request_id": .string(id), "method": .string(request.method.rawValue), "route": .string(route),
            "status": .stringConvertible(response.status.code), "duration_ms": .stringConvertible(Int((seconds * 1000).rounded())),
        ]
        if let length = request.headers[.contentLength] { metadata["request_bytes"] = .string(length) }
        if let documents = response.headers[HTTPField.Name("X-TagScan-Documents")!] { metadata["documents"] = .string(documents) }
        logger.info("request", metadata: metadata)
        return response
    }
}
