import Foundation
@testable import TagScanServer
import Testing

struct MultipartFormTests {
    static let boundary = "XyZ"

    static func body(_ text: String) -> Data { Data(text.replacingOccurrences(of: "\n", with: "\r\n").utf8) }

    @Test func partsFileNamesAndTypes() throws {
        let form = try MultipartForm(
            parsing: Self.body(
                """
                --XyZ
                Content-Disposition: form-data; name="file"; filename="a \\"quoted\\".pdf"
                Content-Type: application/pdf

                %PDF-1
                --XyZ
                Content-Disposition: form-data; name=config

                rules: []
                --XyZ--

                """), boundary: Self.boundary)
        #expect(form.parts.map(\.name) == ["file", "config"])
        #expect(form.parts[0].fileName == "a \"quoted\".pdf")
        #expect(form.parts[0].contentType == "application/pdf")
        #expect(form.parts[0].body == Data("%PDF-1".utf8))
        #expect(form.parts[1].fileName == nil)
        #expect(form.parts[1].body == Data("rules: []".utf8))
    }

    @Test(arguments: [
        ("no boundary at all", "no boundary line"),
        ("--XyZ\nContent-Disposition: form-data; name=\"a\"\n\nbody", "closing boundary"),
        ("--XyZ\nContent-Disposition: form-data; name=\"a\"\nbody", "blank line"),
        ("--XyZ\nContent-Type: text/plain\n\nx\n--XyZ--", "no Content-Disposition"),
        ("--XyZ\nContent-Disposition: attachment; name=\"a\"\n\nx\n--XyZ--", "form-data with a name"),
        ("--XyZ--", "no parts"),
    ])
    func malformedBodiesAreRefusedWithAReason(text: String, reason: String) {
        #expect {
            _ = try MultipartForm(parsing: Self.body(text), boundary: Self.boundary)
        } throws: { error in
            "\(error)".contains(reason)
        }
    }

    @Test func boundaryFromTheContentType() {
        #expect(MultipartForm.boundary(of: "multipart/form-data; boundary=abc") == "abc")
        #expect(MultipartForm.boundary(of: "Multipart/Form-Data; charset=utf-8; BOUNDARY=\"a b\"") == "a b")
        #expect(MultipartForm.boundary(of: "multipart/form-data") == nil)
        #expect(MultipartForm.boundary(of: "application/pdf; boundary=abc") == nil)
        #expect(MultipartForm.boundary(of: "multipart/form-data; boundary=" + String(repeating: "x", count: 71)) == nil)
    }

    @Test func fileNamesLoseTheClientsDirectories() {
        #expect(ScanUpload.fileName("C:\\Users\\me\\nda.pdf") == "nda.pdf")
        #expect(ScanUpload.fileName("../../etc/nda.pdf") == "nda.pdf")
        #expect(ScanUpload.fileName("..") == nil)
        #expect(ScanUpload.fileName("  ") == nil)
    }

    @Test func bearerTokensCompareWholly() {
        let token = BearerToken("abc")
        #expect(token.accepts(authorization: "Bearer abc"))
        #expect(token.accepts(authorization: "bearer abc"))
        #expect(!token.accepts(authorization: "Bearer abd"))
        #expect(!token.accepts(authorization: "Bearer ab"))
        #expect(!token.accepts(authorization: "Bearer abcd"))
        #expect(!token.accepts(authorization: "Basic abc"))
        #expect(!token.accepts(authorization: nil))
        #expect("\(token)" == "BearerToken(redacted)")
    }
}
