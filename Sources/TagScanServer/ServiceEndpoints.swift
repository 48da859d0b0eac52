import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Synchronization
import TagScanKit

/// The endpoints. Each is thin: read the request, hand the documents to the Scanner or the
/// Linter in a worker slot, and answer the same bytes the CLI prints, with the CLI's exit code
/// in `X-TagScan-Exit-Code` (0 clean, 1 lint findings at or above the threshold, 2 some
/// document could not be read, which the body says per document).
struct ServiceEndpoints: Sendable {
    let state: ServerState
    let configuration: ServerConfiguration
    /// Handed to the Scanner, whose debug lines show when the server logs at debug.
    let logger: Logger

    /// Every route; metrics label anything else "other", so a client probing random paths
    /// cannot grow the label set.
    static let routes: Set<String> = ["/v1/scan", "/v1/lint", "/v1/preview", "/healthz", "/readyz", "/metrics", "/openapi.yaml"]

    static let exitCodeHeader = HTTPField.Name("X-TagScan-Exit-Code")!
    static let documentsHeader = HTTPField.Name("X-TagScan-Documents")!

    func register(on router: Router<ServiceRequestContext>) {
        router.get("/healthz") { _, _ in Self.json(.ok, #"{"status":"ok"}"#) }
        router.get("/readyz") { _, _ in readiness() }
        router.get("/metrics") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: state.metrics.exposition())))
        }
        router.get("/openapi.yaml") { _, _ in
            guard let spec = OpenAPIDocument.data else { throw ServiceError.notFound }
            return Response(status: .ok, headers: [.contentType: "application/yaml"], body: ResponseBody(byteBuffer: ByteBuffer(bytes: spec)))
        }
        router.post("/v1/scan") { request, _ in try await scan(request) }
        router.post("/v1/lint") { request, _ in try await lint(request) }
        router.post("/v1/preview") { request, _ in try await preview(request) }
    }

    /// Ready while the worker executable is there, the queue has room and no shutdown has begun;
    /// a load balancer then sends new requests to other replicas.
    func readiness() -> Response {
        var reason: String?
        if state.isShuttingDown {
            reason = "shutting down"
        } else if !configuration.inProcess && !FileManager.default.isExecutableFile(atPath: configuration.workerExecutable) {
            reason = "the worker executable is missing"
        } else if !state.slots.hasRoom {
            reason = "every worker is busy and the queue is full"
        }
        guard let reason else { return Self.json(.ok, #"{"status":"ready"}"#) }
        return ServiceError(status: .serviceUnavailable, code: "not-ready", message: reason).response
    }

    func scan(_ request: Request) async throws -> Response {
        let format = request.uri.queryParameters["format"].map(String.init) ?? "json"
        guard format == "json" || format == "ndjson" else {
            throw ServiceError.badRequest("format must be json or ndjson (got \"\(format)\")")
        }
        let results = try await withDeadline {
            let upload = try await ScanUpload.read(request, limit: configuration.maxBodyBytes)
            return try await scanned(upload, route: "/v1/scan")
        }
        let body: Data
        if format == "ndjson" {
            body = results.reduce(into: Data()) { $0.append(JSONReporter().line($1)) }
        } else {
            body = JSONReporter().render(ScanReport(documents: results))
        }
        var headers: HTTPFields = [.contentType: format == "ndjson" ? "application/x-ndjson" : "application/json"]
        headers[Self.exitCodeHeader] = results.contains { $0.status == .error } ? "2" : "0"
        headers[Self.documentsHeader] = String(results.count)
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }

    func lint(_ request: Request) async throws -> Response {
        let query = request.uri.queryParameters
        let formatName = query["format"].map(String.init) ?? "json"
        let formats: [String: (LintFormat, String)] = [
            "json": (.json, "application/json"), "sarif": (.sarif, "application/sarif+json"), "junit": (.junit, "application/xml"),
        ]
        guard let (format, contentType) = formats[formatName] else {
            throw ServiceError.badRequest("format must be json, sarif or junit (got \"\(formatName)\")")
        }
        let strict = query["strict"].map { $0 == "true" || $0 == "1" } ?? false
        let disabled = Set(
            query[values: "disable"].flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty })
        let unknown = LintRules.unknown(disabled)
        guard unknown.isEmpty else { throw ServiceError.badRequest("unknown rule\(unknown.count == 1 ? "" : "s") \(unknown.joined(separator: ", "))") }
        let envelope = query["envelope"].map { $0 == "true" || $0 == "1" } ?? false
        let report = try await withDeadline {
            let upload = try await ScanUpload.read(request, limit: configuration.maxBodyBytes)
            // Anchors are not rendered: that would run poppler in this process, outside the
            // workers' limits. visible-anchor then trusts the colour alone, as with --no-render.
            let options = LintOptions(
                scan: configuration.scanOptions(upload.config), disabledRules: disabled.union(upload.config?.disabledRules ?? []), rendersAnchors: false)
            let envelopes =
                envelope
                ? [Linter.EnvelopeSources(path: "envelope", sources: upload.sources)]
                : upload.sources.map { Linter.EnvelopeSources(path: $0.displayPath, sources: [$0]) }
            return try await inSlot(route: "/v1/lint") {
                try await Linter(options: options, workerPool: state.workers).lint(envelopes)
            }
        }
        let threshold: Severity = strict ? .warning : .error
        var headers: HTTPFields = [.contentType: contentType]
        headers[Self.exitCodeHeader] = String(report.exitCode(failingAt: threshold))
        headers[Self.documentsHeader] = String(report.documents.count)
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: format.render(report, failingAt: threshold))))
    }

    /// One document drawn: a page as PNG (`page`, `dpi`) or the HTML report (`format=html`,
    /// `pages`). Scanned and drawn in a worker process, even with `--in-process`: drawing runs
    /// poppler and cairo over the whole page. A document that cannot be read is answered as
    /// `/v1/scan` answers it: its schema-1 report, exit code 2.
    func preview(_ request: Request) async throws -> Response {
        let query = request.uri.queryParameters
        let previewRequest = try PreviewQuery.parse(
            format: query["format"].map(String.init), page: query["page"].map(String.init), dpi: query["dpi"].map(String.init),
            pages: query["pages"].map(String.init))
        let outcome = try await withDeadline {
            let upload = try await ScanUpload.read(request, limit: configuration.maxBodyBytes)
            guard upload.sources.count == 1 else {
                throw ServiceError.badRequest("a preview is of one document; the request has \(upload.sources.count)")
            }
            var scanOptions = configuration.scanOptions(upload.config)
            let isolation =
                scanOptions.isolation
                ?? IsolationOptions(
                    workerExecutable: configuration.workerExecutable, timeout: configuration.documentTimeout, maxMemory: configuration.maxMemory)
            scanOptions.isolation = nil
            let options = scanOptions
            return try await inSlot(route: "/v1/preview") {
                try await IsolatedPreview.render(
                    upload.sources[0], request: previewRequest, options: options, isolation: isolation, pool: state.workers, logger: logger)
            }
        }
        var headers: HTTPFields = [:]
        headers[Self.documentsHeader] = "1"
        switch outcome.output {
        case .success(let output):
            headers[.contentType] = previewRequest.format == .png ? "image/png" : "text/html; charset=utf-8"
            headers[Self.exitCodeHeader] = "0"
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: output)))
        case .failure(.document):
            headers[.contentType] = "application/json"
            headers[Self.exitCodeHeader] = "2"
            return Response(
                status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: JSONReporter().render(ScanReport(documents: [outcome.result]))))
            )
        case .failure(let error):
            if case .pageOutOfRange = error { throw ServiceError.badRequest(error.description) }
            throw ServiceError(status: .unprocessableContent, code: "render-failed", message: error.description)
        }
    }

    private func scanned(_ upload: ScanUpload, route: String) async throws -> [DocumentResult] {
        let options = configuration.scanOptions(upload.config)
        return try await inSlot(route: route) {
            try await Scanner(options: options, workerPool: state.workers, logger: logger).scan(upload.sources).documents
        }
    }

    /// `body` in a worker slot, its documents counted in the metrics; 429 when the queue is full.
    private func inSlot<T: Sendable>(route: String, _ body: @Sendable () async throws -> T) async throws -> T {
        do {
            return try await state.inSlot {
                let started = ContinuousClock.now
                let value = try await body()
                let seconds = (ContinuousClock.now - started) / .seconds(1)
                if let results = value as? [DocumentResult] {
                    state.metrics.scanned(results, seconds: seconds, route: route)
                } else if let report = value as? LintReport {
                    state.metrics.scanned(report.documents, seconds: seconds, route: route)
                } else if let preview = value as? IsolatedPreview.Outcome {
                    state.metrics.scanned([preview.result], seconds: seconds, route: route)
                }
                return value
            }
        } catch is WorkerSlots.Full {
            state.metrics.rejected()
            throw ServiceError.queueFull(retryAfter: 1)
        }
    }

    /// `body`, or 503 once the request has taken `requestTimeout` seconds (the scan is cancelled
    /// and its worker processes killed). The deadline is a dispatch timer, cancelled when the
    /// body ends first. It was a sleeping child task, cancelled on every request that beat it,
    /// and a cancelled `Task.sleep` leaks its allocation in the Swift runtime on Linux (770
    /// bytes each, measured): the server's memory grew with every request.
    private func withDeadline<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) async throws -> T {
        let seconds = configuration.requestTimeout
        let work = Task { try await body() }
        let expired = DeadlineFlag()
        let timer = DispatchSource.makeTimerSource(queue: .global())
        timer.schedule(deadline: .now() + seconds)
        timer.setEventHandler {
            expired.fire()
            work.cancel()
        }
        timer.resume()
        defer { timer.cancel() }
        do {
            return try await withTaskCancellationHandler {
                try await work.value
            } onCancel: {
                work.cancel()
            }
        } catch {
            if expired.hasFired { throw ServiceError.deadline(seconds: seconds) }
            throw error
        }
    }

    static func json(_ status: HTTPResponse.Status, _ text: String) -> Response {
        Response(status: status, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(string: text + "\n")))
    }
}

/// Whether a request's deadline has passed.
private final class DeadlineFlag: Sendable {
    private let fired = Atomic<Bool>(false)

    func fire() { fired.store(true, ordering: .relaxed) }
    var hasFired: Bool { fired.load(ordering: .relaxed) }
}

/// The OpenAPI description of the service, as committed beside the sources.
enum OpenAPIDocument {
    static let data: Data? = Bundle.module.url(forResource: "openapi", withExtension: "yaml").flatMap { try? Data(contentsOf: $0) }
}
