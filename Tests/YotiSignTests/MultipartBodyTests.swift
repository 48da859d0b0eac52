import Testing
import YotiLoopback

@testable import YotiSign
@testable import YotiSignModels

@Suite("Multipart body and request")
struct MultipartBodyTests {
    @Test("the body is RFC 7578 byte for byte")
    func exactBytes() {
        var body = MultipartBody(boundary: "BOUNDARY")
        body.append(name: "file", fileName: "a.pdf", contentType: "application/pdf", bytes: [0x25, 0x50, 0x00, 0xFF])
        body.append(name: "options", contentType: "application/json", bytes: Array(#"{"name":"x"}"#.utf8))
        let expected: [UInt8] =
            Array("--BOUNDARY\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\nContent-Type: application/pdf\r\n\r\n".utf8)
            + [0x25, 0x50, 0x00, 0xFF]
            + Array(
                "\r\n--BOUNDARY\r\nContent-Disposition: form-data; name=\"options\"\r\nContent-Type: application/json\r\n\r\n{\"name\":\"x\"}\r\n--BOUNDARY--\r\n"
                    .utf8)
        #expect(body.encoded() == expected)
        #expect(body.contentType == "multipart/form-data; boundary=BOUNDARY")
    }

    @Test("an empty body is just the close delimiter")
    func emptyBody() {
        #expect(MultipartBody(boundary: "b").encoded() == Array("--b--\r\n".utf8))
    }

    @Test(
        "names are quoted the way browsers do",
        arguments: [
            ("plain.pdf", "plain.pdf"), ("say \"hi\".pdf", "say %22hi%22.pdf"), ("a\r\nb.pdf", "a%0D%0Ab.pdf"),
            ("Vertrag – Müller.pdf", "Vertrag – Müller.pdf"),
        ]
    )
    func quoting(_ name: String, _ quoted: String) {
        #expect(MultipartBody.quoted(name) == quoted)
    }

    @Test("random boundaries are valid and differ")
    func randomBoundaries() {
        let a = MultipartBody.randomBoundary()
        let b = MultipartBody.randomBoundary()
        #expect(a != b)
        #expect(MultipartBody.isValidBoundary(a))
        #expect(a.hasPrefix("tagscan-") && a.count == 40)
        #expect(!MultipartBody.isValidBoundary(String(repeating: "x", count: 71)))
        #expect(!MultipartBody.isValidBoundary("has\"quote"))
        #expect(!MultipartBody.isValidBoundary(""))
    }

    @Test("the encoded body parses back into the same parts")
    func parsesBack() throws {
        var body = MultipartBody(boundary: "tagscan-XYZ")
        let binary = (0...255).map { UInt8($0) } + Array("\r\n--tagscan-XY\r\n".utf8)
        body.append(name: "file", fileName: "one.pdf", contentType: "application/pdf", bytes: binary)
        body.append(name: "file", fileName: "two.docx", contentType: "application/msword", bytes: [])
        let parts = try MultipartParser.parse(body.encoded(), boundary: "tagscan-XYZ")
        #expect(parts.map(\.fileName) == ["one.pdf", "two.docx"])
        #expect(parts[0].bytes == binary)
        #expect(parts[1].bytes.isEmpty)
        #expect(body.isUnambiguous)
        body.append(name: "x", bytes: Array("--tagscan-XYZ".utf8))
        #expect(!body.isUnambiguous)
    }

    @Test("the create request has one file part per document, then the options JSON")
    func createRequest() throws {
        let docx = DocumentUpload(fileName: "annex.docx", bytes: [1, 2, 3])
        let request = try EnvelopeRequest.createEnvelope(
            Fixtures.options, documents: [Fixtures.nda, docx], environment: .sandbox, boundary: "B0UNDARY"
        )
        #expect(request.method == "POST")
        #expect(request.url == "https://demo.api.yotisign.com/v2/envelopes")
        #expect(request.headers.contains(.init("Content-Type", "multipart/form-data; boundary=B0UNDARY")))
        #expect(!request.headers.contains { $0.name.lowercased() == "authorization" })
        let parts = try MultipartParser.parse(request.body ?? [], boundary: "B0UNDARY")
        #expect(parts.map(\.name) == ["file", "file", "options"])
        #expect(parts.map(\.fileName) == ["nda.pdf", "annex.docx", nil])
        #expect(
            parts.map(\.contentType) == [
                "application/pdf", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                "application/json",
            ]
        )
        #expect(parts[0].bytes == Fixtures.pdfBytes)
        #expect(try YotiJSON.decode(EnvelopeOptions.self, from: parts[2].bytes) == Fixtures.options)

        let embedded = try EnvelopeRequest.createEnvelope(
            Fixtures.options, documents: [Fixtures.nda], kind: .embedded, environment: .production
        )
        #expect(embedded.url == "https://api.yotisign.com/v2/embedded-envelopes")
    }

    @Test("an unsupported file is refused when building the request")
    func unsupportedFile() {
        #expect(throws: YotiSignError.self) {
            try EnvelopeRequest.createEnvelope(
                Fixtures.options, documents: [DocumentUpload(fileName: "a.txt", bytes: [1])], environment: .sandbox
            )
        }
    }

    @Test("the serialised request is exact HTTP/1.1 with the key redacted unless given")
    func serialisation() throws {
        let request = try EnvelopeRequest.createEnvelope(
            Fixtures.options, documents: [Fixtures.nda], environment: .custom("http://127.0.0.1:9999/proxy/"),
            boundary: "B"
        )
        let body = try #require(request.body)
        let redacted = request.serialized()
        let head = String(decoding: redacted.prefix(redacted.count - body.count), as: UTF8.self)
        #expect(
            head == """
                POST /proxy/v2/envelopes HTTP/1.1\r
                Host: 127.0.0.1:9999\r
                Authorization: Bearer <redacted>\r
                Accept: application/json\r
                Content-Type: multipart/form-data; boundary=B\r
                User-Agent: \(EnvelopeRequest.userAgent)\r
                Content-Length: \(body.count)\r
                \r

                """
        )
        #expect(Array(redacted.suffix(body.count)) == body)
        let revealed = String(decoding: request.serialized(authorization: .key(APIKey("k3y"))), as: UTF8.self)
        #expect(revealed.contains("Authorization: Bearer k3y\r\n"))
        #expect(request.description.contains("Bearer <redacted>"))
        #expect(request.description.hasSuffix("<\(body.count) bytes of body>"))
    }

    @Test("ids are percent-encoded into the path")
    func otherEndpoints() {
        let environment = Environment.sandbox
        #expect(EnvelopeRequest.getEnvelope(id: "abc-123", environment: environment).url == "https://demo.api.yotisign.com/v2/envelopes/abc-123")
        #expect(EnvelopeRequest.envelopeStatus(id: "a/../b", environment: environment).url.hasSuffix("/v2/envelopes/a%2F..%2Fb/status"))
        let archive = EnvelopeRequest.archiveEnvelope(id: "e1", environment: environment)
        #expect(archive.method == "PATCH" && archive.body == nil)
        let remind = EnvelopeRequest.sendReminder(envelopeID: "e1", recipientID: "r 1", environment: environment)
        #expect(remind.method == "POST" && remind.url.hasSuffix("/v2/envelopes/e1/recipients/r%201/send-reminder"))
        #expect(String(decoding: archive.serialized(), as: UTF8.self).contains("Content-Length: 0\r\n"))
    }
}
