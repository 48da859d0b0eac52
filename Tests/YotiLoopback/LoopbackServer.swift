import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// A real HTTP/1.1 server on 127.0.0.1 (an ephemeral port) that plays a script of answers and
/// checks create-envelope requests the way the Yoti docs describe them.
///
/// Each request takes the next scripted ``Action``; once the script runs out, `fallback` is used.
/// A create-envelope request that breaks the documented format is answered 400 with a JSON
/// `message` saying why (and recorded in ``rejections``), whatever the script says.
public final class LoopbackServer: Sendable {
    public indirect enum Action: Sendable {
        case respond(status: Int, body: String = "", headers: [String: String] = [:])
        /// Waits, then performs the next action (used for answers slower than the client timeout).
        case delay(Duration, then: Action)
        /// Closes the connection without answering.
        case drop
        /// Stores the envelope a create request describes (as Yoti would on receiving it), then
        /// performs the next action: what a gateway does when it loses Yoti's answer.
        case store(then: Action)
        /// Stores the envelope and answers as Yoti does: 202 with its id (200 and tokens for an
        /// embedded one).
        case created
    }

    /// An envelope the server holds, as its search reports it.
    public struct Stored: Sendable {
        public var id: String
        public var name: String
        public var createdAt: String
        /// The recipients' addresses, as get-envelope lists them.
        public var emails: [String]

        public init(id: String, name: String, createdAt: String, emails: [String]) {
            self.id = id
            self.name = name
            self.createdAt = createdAt
            self.emails = emails
        }
    }

    public struct Recorded: Sendable {
        public var method: String
        public var uri: String
        public var headers: [(String, String)]
        public var body: [UInt8]

        public func header(_ name: String) -> String? {
            headers.first { $0.0.lowercased() == name.lowercased() }?.1
        }
    }

    public let port: Int
    public let expectedKey: String
    private let channel: any Channel
    private let state: State

    public var baseURL: String { "http://127.0.0.1:\(port)" }
    public var requests: [Recorded] { state.withLock { $0.requests } }
    public var rejections: [String] { state.withLock { $0.rejections } }
    /// The envelopes created so far: what a duplicate would show up in.
    public var stored: [Stored] { state.withLock { $0.stored } }
    /// The requests other than the search and find that the server answers by itself.
    /// The requests answered from the script: not the search, find and get-envelope of stored
    /// envelopes, which the server answers from its store.
    public var scriptedRequests: [Recorded] { state.withLock { $0.scripted } }

    private init(channel: any Channel, port: Int, expectedKey: String, state: State) {
        self.channel = channel
        self.port = port
        self.expectedKey = expectedKey
        self.state = state
    }

    /// - Parameter port: 0 for an ephemeral port; a given one lets a test bring a server up
    ///   where a client was refused a moment ago.
    /// - Parameter searchFailures: how many search requests are answered 503 before the search
    ///   works (a search that lags behind, or is down, when an answer was lost).
    public static func start(
        port requestedPort: Int = 0, expectedKey: String = "test-key-123", script: [Action],
        fallback: Action = .respond(status: 500, body: #"{"message":"script exhausted"}"#), searchFailures: Int = 0,
        stored: [Stored] = []
    ) async throws -> LoopbackServer {
        let state = State(script: script, fallback: fallback)
        state.withLock {
            $0.searchFailures = searchFailures
            $0.stored = stored
        }
        let bootstrap = ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 16)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(Handler(state: state, expectedKey: expectedKey))
                }
            }
        let channel = try await bootstrap.bind(host: "127.0.0.1", port: requestedPort).get()
        guard let port = channel.localAddress?.port else { throw ChannelError.unknownLocalAddress }
        return LoopbackServer(channel: channel, port: port, expectedKey: expectedKey, state: state)
    }

    public func shutdown() async {
        try? await channel.close()
    }

    /// Starts a server, runs `body`, and always closes the server.
    public static func with<T>(
        expectedKey: String = "test-key-123", script: [Action], searchFailures: Int = 0, stored: [Stored] = [],
        _ body: (LoopbackServer) async throws -> T
    ) async throws -> T {
        let server = try await start(expectedKey: expectedKey, script: script, searchFailures: searchFailures, stored: stored)
        do {
            let result = try await body(server)
            await server.shutdown()
            return result
        } catch {
            await server.shutdown()
            throw error
        }
    }

    // MARK: - State

    /// The script and the record of requests, shared by the connections' handlers.
    /// `@unchecked Sendable`: every access goes through `lock`.
    final class State: @unchecked Sendable {
        struct Contents {
            var script: [Action]
            var fallback: Action
            var requests: [Recorded] = []
            var rejections: [String] = []
            var stored: [Stored] = []
            var scripted: [Recorded] = []
            var searchFailures = 0
        }

        private let lock = NSLock()
        private var contents: Contents

        init(script: [Action], fallback: Action) {
            contents = Contents(script: script, fallback: fallback)
        }

        func withLock<T>(_ body: (inout Contents) -> T) -> T {
            lock.lock()
            defer { lock.unlock() }
            return body(&contents)
        }

        func record(_ request: Recorded, rejection: String?) -> Action {
            withLock { contents in
                contents.requests.append(request)
                if let rejection {
                    contents.rejections.append(rejection)
                    let body = try? JSONSerialization.data(withJSONObject: ["message": rejection])
                    return .respond(status: 400, body: String(decoding: body ?? Data(), as: UTF8.self))
                }
                // The organisation's search and find answer from the store, outside the script.
                if request.uri.hasPrefix("/v2/organisations/envelopes/search") {
                    if contents.searchFailures > 0 {
                        contents.searchFailures -= 1
                        return .respond(status: 503, body: #"{"message":"search unavailable"}"#)
                    }
                    let list = contents.stored.map { ["envelope_id": $0.id, "envelope": $0.name, "status": "ACTIVE", "created_at": $0.createdAt] }
                    let body = try? JSONSerialization.data(withJSONObject: ["envelopes": list, "total": list.count])
                    return .respond(status: 200, body: String(decoding: body ?? Data(), as: UTF8.self))
                }
                if request.uri == "/v2/organisations/envelopes/find" {
                    let ids = ((try? JSONSerialization.jsonObject(with: Data(request.body))) as? [String: Any])?["envelope_ids"] as? [String] ?? []
                    let list = contents.stored.filter { ids.contains($0.id) }
                        .map { ["envelope_id": $0.id, "envelope": $0.name, "status": "ACTIVE", "created_at": $0.createdAt] }
                    let body = try? JSONSerialization.data(withJSONObject: ["envelopes": list])
                    return .respond(status: 200, body: String(decoding: body ?? Data(), as: UTF8.self))
                }
                if request.method == "GET", request.uri.hasPrefix("/v2/envelopes/"),
                    let envelope = contents.stored.first(where: { request.uri == "/v2/envelopes/\($0.id)" })
                {
                    let recipients = envelope.emails.map { ["email": $0, "sign_status": "UNSIGNED"] }
                    let object: [String: Any] = [
                        "envelope_id": envelope.id, "status": "ACTIVE", "details": ["recipients": recipients],
                    ]
                    let body = try? JSONSerialization.data(withJSONObject: object)
                    return .respond(status: 200, body: String(decoding: body ?? Data(), as: UTF8.self))
                }
                contents.scripted.append(request)
                var action = contents.script.isEmpty ? contents.fallback : contents.script.removeFirst()
                while true {
                    switch action {
                    case .store(let next):
                        Self.store(request, in: &contents)
                        action = next
                        continue
                    case .created:
                        let id = Self.store(request, in: &contents)
                        if request.uri == "/v2/embedded-envelopes" {
                            return .respond(status: 200, body: #"{"envelope_id":"\#(id)","recipients":[{"token":"tok-\#(id)","email":"ada@example.com"}]}"#)
                        }
                        return .respond(status: 202, body: #"{"envelope_id":"\#(id)"}"#)
                    default:
                        return action
                    }
                }
            }
        }

        /// Keeps the envelope a create request describes, named as its options say.
        @discardableResult
        private static func store(_ request: Recorded, in contents: inout Contents) -> String {
            var name = "?"
            var emails: [String] = []
            if let contentType = request.header("Content-Type"),
                let boundary = try? MultipartParser.boundary(fromContentType: contentType),
                let parts = try? MultipartParser.parse(request.body, boundary: boundary),
                let options = parts.first(where: { $0.name == "options" }),
                let json = (try? JSONSerialization.jsonObject(with: Data(options.bytes))) as? [String: Any],
                let text = json["name"] as? String
            {
                name = text
                emails = (json["recipients"] as? [[String: Any]] ?? []).compactMap { $0["email"] as? String }
            }
            let id = "env-\(contents.stored.count + 1)"
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            contents.stored.append(Stored(id: id, name: name, createdAt: formatter.string(from: Date()), emails: emails))
            return id
        }
    }

    // MARK: - Handler

    private final class Handler: ChannelInboundHandler {
        typealias InboundIn = HTTPServerRequestPart
        typealias OutboundOut = HTTPServerResponsePart

        let state: State
        let expectedKey: String
        var head: HTTPRequestHead?
        var body: [UInt8] = []

        init(state: State, expectedKey: String) {
            self.state = state
            self.expectedKey = expectedKey
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            switch unwrapInboundIn(data) {
            case .head(let head):
                self.head = head
                body = []
            case .body(var buffer):
                body += buffer.readBytes(length: buffer.readableBytes) ?? []
            case .end:
                guard let head else { return }
                let recorded = Recorded(
                    method: head.method.rawValue, uri: head.uri,
                    headers: head.headers.map { ($0.name, $0.value) }, body: body
                )
                let rejection = RequestChecker.rejection(of: recorded, expectedKey: expectedKey)
                perform(state.record(recorded, rejection: rejection), context: context)
            }
        }

        func perform(_ action: Action, context: ChannelHandlerContext) {
            switch action {
            case .drop:
                context.close(promise: nil)
            case .delay(let duration, let next):
                let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
                let nanoseconds = duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000
                context.eventLoop.scheduleTask(in: .nanoseconds(nanoseconds)) {
                    let (handler, context) = bound.value
                    handler.perform(next, context: context)
                }
            case .store, .created:
                // Resolved into a plain action when the request is recorded.
                context.close(promise: nil)
            case .respond(let status, let text, let extraHeaders):
                var headers = HTTPHeaders()
                let looksLikeJSON = text.hasPrefix("{") || text.hasPrefix("[") || text.isEmpty
                headers.add(name: "Content-Type", value: looksLikeJSON ? "application/json" : "text/html")
                headers.add(name: "Content-Length", value: String(text.utf8.count))
                headers.add(name: "Connection", value: "close")
                for (name, value) in extraHeaders { headers.add(name: name, value: value) }
                let head = HTTPResponseHead(
                    version: .http1_1, status: HTTPResponseStatus(statusCode: status), headers: headers
                )
                context.write(wrapOutboundOut(.head(head)), promise: nil)
                if !text.isEmpty {
                    context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: text)))), promise: nil)
                }
                context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in
                    context.close(promise: nil)
                }
            }
        }

        func errorCaught(context: ChannelHandlerContext, error: any Error) {
            context.close(promise: nil)
        }
    }
}

/// The create-envelope request format as the Yoti docs describe it (§3.2, §3.3).
public enum RequestChecker {
    static let fileTypes: [String: Set<String>] = [
        "pdf": ["application/pdf"],
        "doc": ["application/msword"],
        // The docs print the .dotx type; the registered .docx type is accepted too.
        "docx": [
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.template",
        ],
    ]

    /// Why the request would be refused, or `nil`.
    public static func rejection(of request: LoopbackServer.Recorded, expectedKey: String) -> String? {
        guard request.header("Authorization") == "Bearer \(expectedKey)" else {
            return "missing or wrong Authorization bearer token"
        }
        let path = request.uri.split(separator: "?").first.map(String.init) ?? request.uri
        guard request.method == "POST", path == "/v2/envelopes" || path == "/v2/embedded-envelopes" else { return nil }
        guard let contentType = request.header("Content-Type") else { return "no Content-Type" }
        let parts: [ParsedPart]
        do {
            let boundary = try MultipartParser.boundary(fromContentType: contentType)
            parts = try MultipartParser.parse(request.body, boundary: boundary)
        } catch {
            return "\(error)"
        }
        let files = parts.filter { $0.name == "file" }
        let options = parts.filter { $0.name == "options" }
        if let other = parts.first(where: { $0.name != "file" && $0.name != "options" }) {
            return "unexpected part \(other.name ?? "without a name")"
        }
        guard (1...20).contains(files.count) else { return "expected 1–20 file parts, got \(files.count)" }
        guard files.reduce(0, { $0 + $1.bytes.count }) <= 20_000_000 else { return "files exceed 20MB" }
        var fileNames: Set<String> = []
        for file in files {
            guard let name = file.fileName, !name.isEmpty else { return "a file part has no filename" }
            let ext = name.split(separator: ".").last.map { $0.lowercased() } ?? ""
            guard let allowed = fileTypes[ext] else { return "\(name): unsupported file type" }
            guard let type = file.contentType, allowed.contains(type) else {
                return "\(name): wrong Content-Type \(file.contentType ?? "none")"
            }
            fileNames.insert(name)
        }
        guard options.count == 1, let part = options.first else { return "expected one options part, got \(options.count)" }
        guard part.fileName == nil else { return "the options part must not be a file" }
        guard part.contentType == "application/json" else { return "options Content-Type is \(part.contentType ?? "none")" }
        guard let json = try? JSONSerialization.jsonObject(with: Data(part.bytes)) as? [String: Any] else {
            return "options is not a JSON object"
        }
        guard let name = json["name"] as? String, !name.isEmpty else { return "options.name is missing" }
        guard let recipients = json["recipients"] as? [[String: Any]], !recipients.isEmpty else {
            return "options.recipients is missing"
        }
        for (index, recipient) in recipients.enumerated() {
            guard recipient["name"] is String, recipient["email"] is String else {
                return "recipients[\(index)] needs name and email"
            }
            let tags = (recipient["tags"] as? [[String: Any]] ?? []) + ((recipient["witness"] as? [String: Any])?["tags"] as? [[String: Any]] ?? [])
            for tag in tags {
                guard let file = tag["file_name"] as? String, fileNames.contains(file) else {
                    return "recipients[\(index)]: a tag names a file that was not uploaded"
                }
                for key in ["x", "y"] {
                    guard let value = tag[key] as? Double, (0...0.949).contains(value) else {
                        return "recipients[\(index)]: tag \(key) out of range"
                    }
                }
                guard tag["page_number"] is Int, tag["type"] is String else {
                    return "recipients[\(index)]: tag without page_number or type"
                }
            }
        }
        return nil
    }
}
