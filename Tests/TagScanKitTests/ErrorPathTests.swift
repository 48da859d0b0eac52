import Foundation
import Testing
@testable import TagScanKit

/// Bad input gets its stable error code and a message naming the file; the other files of the same
/// run still come out, in input order.
@Suite("Error paths")
struct ErrorPathTests {
    @Test(
        "each broken input gets its code",
        arguments: [
            ("broken/does-not-exist.pdf", nil, DocumentError.Code.notFound),
            ("broken/not-a-pdf.pdf", nil, .notAPDF),
            ("broken/empty.pdf", nil, .notAPDF),
            ("broken/truncated.pdf", nil, .damaged),
            ("broken/encrypted-rc4-40.pdf", nil, .encrypted),
            ("broken/encrypted-rc4-128.pdf", nil, .encrypted),
            ("broken/encrypted-aes-128.pdf", nil, .encrypted),
            ("broken/encrypted-aes-256.pdf", nil, .encrypted),
            ("broken/encrypted-rc4-128.pdf", "wrong", .wrongPassword),
            ("broken/encrypted-aes-256.pdf", "wrong", .wrongPassword),
            ("templates", nil, .notAPDF),
        ] as [(String, String?, DocumentError.Code)], FixturePositionTests.paths)
    func code(input: (relative: String, password: String?, code: DocumentError.Code), extraction: ExtractionPath) async throws {
        let (relative, password, code) = input
        let path = FixtureSupport.path(relative)
        let result = try await Scanner(options: ScanOptions(password: password, extraction: extraction)).scan(.file(path: path))
        #expect(result.status == .error)
        #expect(result.error?.code == code, "\(relative): \(result.error?.description ?? "no error")")
        #expect(result.error?.message.contains(path) == true, "the message names the file: \(result.error?.message ?? "")")
        #expect(result.anchors.isEmpty && result.recipients.isEmpty)
    }

    @Test("the generator's broken files get the code it expects", arguments: FixtureManifest.failingFixtures(in: ["broken"]))
    func generatorExpectation(relative: String) async throws {
        let manifest = try #require(try FixtureManifest.load(for: relative))
        let result = try await Scanner().scan(.file(path: FixtureSupport.path(relative)))
        #expect(result.error?.code.rawValue == manifest.expected_error)
    }

    @Test("a wrong password on in-memory data is an error, not a crash", arguments: FixturePositionTests.paths)
    func wrongPasswordFromData(extraction: ExtractionPath) async throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: FixtureSupport.path("broken/encrypted-aes-128.pdf")))
        let result = try await Scanner(options: ScanOptions(password: "wrong", extraction: extraction)).scan(.data(data, fileName: "upload.pdf"))
        #expect(result.error?.code == .wrongPassword)
        let opened = try await Scanner(options: ScanOptions(password: "secret", extraction: extraction)).scan(.data(data, fileName: "upload.pdf"))
        #expect(opened.status == .ok)
        #expect(opened.recipients.first?.tags.first?.fileName == "upload.pdf")
    }

    @Test("the right password opens every handler", arguments: ["rc4-40", "rc4-128", "aes-128", "aes-256"], FixturePositionTests.paths)
    func password(handler: String, extraction: ExtractionPath) async throws {
        for password in ["secret", "owner"] {
            let result = try await Scanner(options: ScanOptions(password: password, extraction: extraction)).scan(
                .file(path: FixtureSupport.path("broken/encrypted-\(handler).pdf")))
            #expect(result.status == .ok, "\(handler) with \(password): \(result.error?.description ?? "")")
            #expect(result.recipients.map(\.role) == ["Signer 1"])
        }
    }

    @Test("good files in a run with broken ones still come out, in input order")
    func mixedRun() async throws {
        let relatives = [
            "templates/multi-page.pdf", "broken/not-a-pdf.pdf", "envelope/nda.pdf", "broken/missing.pdf",
            "broken/truncated.pdf", "broken/encrypted-aes-128.pdf", "envelope/annex.pdf",
        ]
        let report = try await Scanner(options: ScanOptions(jobs: 3)).scan(relatives.map { .file(path: FixtureSupport.path($0)) })
        #expect(report.documents.map(\.path) == relatives.map(FixtureSupport.path))
        #expect(report.documents.map(\.status) == [.ok, .error, .ok, .error, .error, .error, .ok])
        #expect(report.documents.compactMap(\.error?.code) == [.notAPDF, .notFound, .damaged, .encrypted])

        let alone = try await Scanner().scan(.file(path: FixtureSupport.path("envelope/nda.pdf")))
        #expect(report.documents[2].anchors == alone.anchors, "a broken neighbour does not change a good file's result")
    }
}
