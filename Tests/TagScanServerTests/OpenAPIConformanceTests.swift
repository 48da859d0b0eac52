import Foundation
import NIOHTTP1
@testable import TagScanServer
import Testing
import Yams

/// The committed OpenAPI description is the service's contract: every route, status and content
/// type the server answers must be in it, and the JSON answers must carry what its schemas require.
@Suite(.serialized)
struct OpenAPIConformanceTests {
    static let specURL = ServerFixtures.repositoryRoot.appendingPathComponent("Sources/TagScanServer/openapi.yaml")

    @Test func theSpecIsOpenAPI31AndListsEveryRoute() throws {
        let spec = try OpenAPISpec(url: Self.specURL)
        #expect(spec.root["openapi"] as? String == "3.1.0")
        #expect(Set(spec.paths.keys) == ServiceEndpoints.routes)
    }

    @Test func everyAnswerOfTheServerIsInTheSpec() async throws {
        let pdf = try ServerFixtures.data("templates/edges.pdf")
        let bomb = try ServerFixtures.data("hostile/content-bomb.pdf")
        let encrypted = try ServerFixtures.data("hostile/encrypted-aes-128.pdf")
        let auth = [("Authorization", "Bearer t0ken")]
        try await LiveServer.with({
            $0.token = "t0ken"
            $0.workers = 1
            $0.queueSize = 0
            $0.maxBodyBytes = 1 << 20
            $0.requestTimeout = 3
            $0.documentTimeout = 30
        }) { server in
            var seen: [(String, String, HTTPAnswer)] = []
            for path in ["/healthz", "/readyz", "/metrics", "/openapi.yaml"] {
                seen.append(("get", path, try await HTTP.get(server.base + path)))
            }
            seen.append(("post", "/v1/scan", try await HTTP.postPDF(server.base + "/v1/scan", pdf, headers: auth)))
            seen.append(("post", "/v1/scan", try await HTTP.postPDF(server.base + "/v1/scan?format=ndjson", pdf, headers: auth)))
            for format in ["json", "sarif", "junit"] {
                seen.append(("post", "/v1/lint", try await HTTP.postPDF(server.base + "/v1/lint?format=\(format)", pdf, headers: auth)))
            }
            seen.append(("post", "/v1/lint", try await HTTP.postPDF(server.base + "/v1/lint?format=yaml", pdf, headers: auth)))  // 400
            seen.append(("post", "/v1/scan", try await HTTP.postPDF(server.base + "/v1/scan", pdf)))  // 401
            seen.append(("post", "/v1/lint", try await HTTP.postPDF(server.base + "/v1/lint", Data(count: 2 << 20), headers: auth)))  // 413
            // 415
            seen.append(("post", "/v1/scan", try await HTTP.send(.POST, server.base + "/v1/scan", headers: auth + [("Content-Type", "image/png")], body: pdf)))
            let preview = server.base + "/v1/preview"
            seen.append(("post", "/v1/preview", try await HTTP.postPDF(preview + "?page=1", pdf, headers: auth)))  // 200 PNG
            seen.append(("post", "/v1/preview", try await HTTP.postPDF(preview + "?format=html", pdf, headers: auth)))  // 200 HTML
            seen.append(("post", "/v1/preview", try await HTTP.postPDF(preview + "?page=1", encrypted, headers: auth)))  // 200 report
            seen.append(("post", "/v1/preview", try await HTTP.postPDF(preview + "?page=7", pdf, headers: auth)))  // 400
            seen.append(("post", "/v1/preview", try await HTTP.postPDF(preview + "?page=1", pdf)))  // 401
            seen.append(("post", "/v1/preview", try await HTTP.postPDF(preview + "?page=1", Data(count: 2 << 20), headers: auth)))  // 413
            // 415
            seen.append(("post", "/v1/preview", try await HTTP.send(.POST, preview + "?page=1", headers: auth + [("Content-Type", "text/plain")], body: pdf)))
            seen.append(("post", "/v1/preview", try await HTTP.postPDF(preview + "?page=1&dpi=600", PreviewEndpointTests.hugePagePDF, headers: auth)))  // 422
            // The bomb holds the only worker past the 3 s deadline (503); meanwhile another
            // request finds the queue full (429) and the replica not ready (503).
            async let held = HTTP.postPDF(server.base + "/v1/scan", bomb, headers: auth)
            try await LimitsTests.waitForBusyWorker(server)
            seen.append(("post", "/v1/scan", try await HTTP.postPDF(server.base + "/v1/scan", pdf, headers: auth)))
            seen.append(("post", "/v1/preview", try await HTTP.postPDF(preview + "?page=1", pdf, headers: auth)))  // 429
            seen.append(("get", "/readyz", try await HTTP.get(server.base + "/readyz")))
            seen.append(("post", "/v1/scan", try await held))
            // The bomb again, drawn this time: past the deadline too (503).
            seen.append(("post", "/v1/preview", try await HTTP.postPDF(preview + "?page=1", bomb, headers: auth)))

            let statuses = Set(seen.map { "\($0.1) \($0.2.status)" })
            var expected = ["/v1/scan 200", "/v1/scan 401", "/v1/scan 415", "/v1/scan 429", "/v1/scan 503", "/v1/lint 400", "/v1/lint 413", "/readyz 503"]
            expected += ["200", "400", "401", "413", "415", "422", "429", "503"].map { "/v1/preview \($0)" }
            let contentTypes = Set(seen.filter { $0.1 == "/v1/preview" && $0.2.status == 200 }.compactMap(\.2.contentType))
            #expect(contentTypes == ["image/png", "text/html; charset=utf-8", "application/json"])
            for expected in expected {
                #expect(statuses.contains(expected), "not exercised: \(expected); seen \(statuses.sorted())")
            }
            let spec = try OpenAPISpec(url: Self.specURL)
            for (method, path, answer) in seen {
                try spec.check(method: method, path: path, answer: answer)
            }
            // What is served is what is committed.
            #expect(seen.first { $0.1 == "/openapi.yaml" }?.2.body == (try Data(contentsOf: Self.specURL)))
        }
    }
}

/// The parts of an OpenAPI 3.1 document the conformance test reads.
struct OpenAPISpec {
    let root: [String: Any]

    init(url: URL) throws {
        let text = try String(contentsOf: url, encoding: .utf8)
        guard let root = try Yams.load(yaml: text) as? [String: Any] else { throw ServerTestError(description: "openapi.yaml is not a map") }
        self.root = root
    }

    var paths: [String: Any] { root["paths"] as? [String: Any] ?? [:] }

    /// `value`, or what its `$ref` points to inside this document.
    func resolve(_ value: Any?) -> [String: Any]? {
        guard let map = value as? [String: Any] else { return nil }
        guard let ref = map["$ref"] as? String, ref.hasPrefix("#/") else { return map }
        var node: Any? = root
        for key in ref.dropFirst(2).split(separator: "/") { node = (node as? [String: Any])?[String(key)] }
        return resolve(node)
    }

    /// Records an issue unless the spec declares `answer`'s status and content type for the
    /// operation, and a JSON answer has the properties its schema requires.
    func check(method: String, path: String, answer: HTTPAnswer, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let operation = resolve((paths[path] as? [String: Any])?[method])
        guard let responses = operation?["responses"] as? [String: Any] else {
            Issue.record("\(method) \(path) is not in the spec", sourceLocation: sourceLocation)
            return
        }
        guard let response = resolve(responses[String(answer.status)]) else {
            Issue.record("\(method) \(path) answered \(answer.status), which the spec does not list", sourceLocation: sourceLocation)
            return
        }
        let content = response["content"] as? [String: Any] ?? [:]
        let mediaType = answer.contentType.map { String($0.split(separator: ";")[0]).trimmingCharacters(in: .whitespaces) } ?? ""
        guard let media = content[mediaType] as? [String: Any] else {
            Issue.record("\(method) \(path) \(answer.status) answered \(mediaType), the spec lists \(content.keys.sorted())", sourceLocation: sourceLocation)
            return
        }
        for (name, _) in response["headers"] as? [String: Any] ?? [:] where ["retry-after", "www-authenticate"].contains(name.lowercased()) {
            #expect(answer.headers[name.lowercased()] != nil, "\(method) \(path) \(answer.status) lacks \(name)", sourceLocation: sourceLocation)
        }
        guard let schema = resolve(media["schema"]) else { return }
        if mediaType == "application/x-ndjson" {
            // The schema is that of each line.
            for (index, line) in answer.body.split(separator: 0x0A).enumerated() {
                validate(try JSONSerialization.jsonObject(with: Data(line)), schema, at: "\(method) \(path) line \(index + 1)", sourceLocation: sourceLocation)
            }
        } else if mediaType == "application/json" || mediaType.hasSuffix("+json") {
            let object = try JSONSerialization.jsonObject(with: answer.body)
            validate(object, schema, at: "\(method) \(path) \(answer.status)", sourceLocation: sourceLocation)
        }
    }

    /// Types, required properties, `const` and `enum`, recursively: enough of JSON Schema for
    /// this document's schemas.
    func validate(_ value: Any, _ schema: [String: Any], at place: String, sourceLocation: SourceLocation) {
        if let constant = schema["const"] {
            #expect("\(constant)" == "\(value)", "\(place): \(value) is not \(constant)", sourceLocation: sourceLocation)
        }
        if let allowed = schema["enum"] as? [Any] {
            #expect(allowed.contains { "\($0)" == "\(value)" }, "\(place): \(value) is not one of \(allowed)", sourceLocation: sourceLocation)
        }
        switch schema["type"] as? String {
        case "object":
            guard let object = value as? [String: Any] else {
                Issue.record("\(place): not an object", sourceLocation: sourceLocation)
                return
            }
            for key in schema["required"] as? [String] ?? [] {
                #expect(object[key] != nil, "\(place): no \(key)", sourceLocation: sourceLocation)
            }
            for (key, property) in schema["properties"] as? [String: Any] ?? [:] {
                if let member = object[key], let propertySchema = resolve(property) {
                    validate(member, propertySchema, at: "\(place).\(key)", sourceLocation: sourceLocation)
                }
            }
        case "array":
            guard let array = value as? [Any] else {
                Issue.record("\(place): not an array", sourceLocation: sourceLocation)
                return
            }
            if let items = resolve(schema["items"]) {
                for (index, item) in array.enumerated() { validate(item, items, at: "\(place)[\(index)]", sourceLocation: sourceLocation) }
            }
        case "string": #expect(value is String, "\(place): not a string", sourceLocation: sourceLocation)
        case "integer": #expect(value is NSNumber, "\(place): not a number", sourceLocation: sourceLocation)
        default: break
        }
    }
}
