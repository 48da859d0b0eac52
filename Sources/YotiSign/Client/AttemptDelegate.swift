import AsyncHTTPClient
import Synchronization
import NIOCore
import NIOHTTP1

/// Collects one attempt's answer, and notes whether any of the request was handed to the
/// connection: the line between a failure that cannot have reached Yoti (safe to repeat for any
/// request) and one that may have (not safe for a create).
///
/// AHC calls `didSendRequestHead` as soon as it writes the head to the channel, before the write
/// completes, so "sent" errs towards "may have reached Yoti".
final class AttemptDelegate: HTTPClientResponseDelegate, Sendable {
    struct Answer: Sendable {
        var status: Int
        var headers: [(name: String, value: String)]
        var body: [UInt8]
    }

    struct TooLarge: Error {
        var status: Int
    }

    private struct State {
        var sent = false
        var status = 0
        var headers: [(name: String, value: String)] = []
        var body: [UInt8] = []
    }

    private let state = Mutex(State())
    private let maximumBytes: Int

    init(maximumBytes: Int) {
        self.maximumBytes = maximumBytes
    }

    /// Whether any byte of the request may have been written.
    var requestWasSent: Bool { state.withLock { $0.sent } }

    func didSendRequestHead(task: HTTPClient.Task<Answer>, _ head: HTTPRequestHead) {
        state.withLock { $0.sent = true }
    }

    func didSendRequestPart(task: HTTPClient.Task<Answer>, _ part: IOData) {
        state.withLock { $0.sent = true }
    }

    func didReceiveHead(task: HTTPClient.Task<Answer>, _ head: HTTPResponseHead) -> EventLoopFuture<Void> {
        state.withLock { s in
            // An answer at all means the request reached the server.
            s.sent = true
            s.status = Int(head.status.code)
            s.headers = head.headers.map { ($0.name, $0.value) }
        }
        return task.eventLoop.makeSucceededVoidFuture()
    }

    func didReceiveBodyPart(task: HTTPClient.Task<Answer>, _ buffer: ByteBuffer) -> EventLoopFuture<Void> {
        let status: Int? = state.withLock { s in
            guard s.body.count + buffer.readableBytes <= maximumBytes else { return s.status }
            s.body += buffer.readableBytesView
            return nil
        }
        if let status { return task.eventLoop.makeFailedFuture(TooLarge(status: status)) }
        return task.eventLoop.makeSucceededVoidFuture()
    }

    func didFinishRequest(task: HTTPClient.Task<Answer>) throws -> Answer {
        state.withLock { Answer(status: $0.status, headers: $0.headers, body: $0.body) }
    }
}
