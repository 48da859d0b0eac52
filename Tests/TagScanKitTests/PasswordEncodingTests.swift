import Foundation
import Testing

@testable import TagScanKit

/// SASLprep and PDFDocEncoding, checked against RFC 4013's examples and against Python's
/// `stringprep` tables (the expected values below were computed with them), and against real
/// encrypted files.
@Suite("Passwords: SASLprep for AES-256, PDFDocEncoding for RC4 and AES-128")
struct PasswordEncodingTests {
    @Test("RFC 4013 §3 examples")
    func rfcExamples() {
        #expect(PasswordEncoding.saslPrep("I\u{00AD}X") == "IX")  // soft hyphen mapped to nothing
        #expect(PasswordEncoding.saslPrep("user") == "user")
        #expect(PasswordEncoding.saslPrep("USER") == "USER")  // no case folding
        #expect(PasswordEncoding.saslPrep("\u{00AA}") == "a")  // NFKC
        #expect(PasswordEncoding.saslPrep("\u{2168}") == "IX")  // NFKC
        #expect(PasswordEncoding.saslPrep("\u{0007}") == nil)  // prohibited control character
        #expect(PasswordEncoding.saslPrep("\u{0627}\u{0031}") == nil)  // bidi: must end with RandAL
    }

    @Test("Mapping, normalisation and prohibition beyond the RFC's examples")
    func moreCases() {
        // Non-ASCII spaces become U+0020; zero-width characters go.
        #expect(PasswordEncoding.saslPrep("a\u{00A0}b\u{3000}c") == "a b c")
        #expect(PasswordEncoding.saslPrep("a\u{200B}b\u{FEFF}c\u{2060}d") == "abcd")
        // NFD input comes out composed.
        #expect(PasswordEncoding.saslPrep("pa\u{0308}sswo\u{0308}rd") == "pässwörd")
        // Private use, non-characters, surrogate-free but prohibited change-display characters.
        #expect(PasswordEncoding.saslPrep("a\u{E000}") == nil)
        #expect(PasswordEncoding.saslPrep("a\u{FFFE}") == nil)
        #expect(PasswordEncoding.saslPrep("a\u{200E}") == nil)
        // Right-to-left strings must start and end with a right-to-left letter, and hold no
        // left-to-right letter.
        #expect(PasswordEncoding.saslPrep("\u{05D0}\u{05D1}") == "\u{05D0}\u{05D1}")
        #expect(PasswordEncoding.saslPrep("\u{05D0}a\u{05D1}") == nil)
    }

    @Test("PDFDocEncoding places the euro, quotes and dashes away from Latin-1")
    func pdfDocEncoding() {
        #expect(PasswordEncoding.pdfDocEncoded("café €") == [0x63, 0x61, 0x66, 0xE9, 0x20, 0xA0])
        #expect(PasswordEncoding.pdfDocEncoded("\u{2022}\u{2014}\u{201C}\u{FB01}") == [0x80, 0x84, 0x8D, 0x93])
        #expect(PasswordEncoding.pdfDocEncoded("secret") == Array("secret".utf8))
        #expect(PasswordEncoding.pdfDocEncoded("日本") == nil)
        #expect(PasswordEncoding.pdfDocEncoded("a\u{00AD}") == nil)  // 0xAD is undefined
    }

    @Test("Candidates follow the handler's revision, without duplicates")
    func candidates() {
        let typed = PasswordBytes(utf8: "pa\u{0308}ss")
        let prepared = PasswordBytes(utf8: "päss")
        #expect(PasswordEncoding.candidates(for: "pa\u{0308}ss", revision: 6) == [prepared, typed])
        #expect(PasswordEncoding.candidates(for: "café", revision: 4) == [PasswordBytes([0x63, 0x61, 0x66, 0xE9]), PasswordBytes(utf8: "café")])
        #expect(PasswordEncoding.candidates(for: "secret", revision: nil) == [PasswordBytes(utf8: "secret")])
        // AES-256 passwords are cut to 127 bytes of UTF-8.
        let long = String(repeating: "é", count: 100)
        #expect(PasswordEncoding.candidates(for: long, revision: 6).first?.bytes.count == 127)
    }

    static let unicodeFixture = "broken/encrypted-aes-256-unicode.pdf"

    @Test(
        "AES-256 R6: the NFD and soft-hyphen forms of the password open the file encrypted with its NFC form",
        arguments: ExtractionPath.allCases.filter { $0 != .automatic },
        ["pässwörd", "pa\u{0308}sswo\u{0308}rd", "päss\u{00AD}wörd", "p\u{00E4}ss\u{200B}w\u{00F6}rd"])
    func saslPrepOpensR6(path: ExtractionPath, password: String) async throws {
        let result = try await scan(FixtureSupport.path(Self.unicodeFixture), password: password, extraction: path)
        #expect(result.status == .ok, "\(result.error?.description ?? "")")
        #expect(result.anchors.map(\.text) == ["|AT|", "|S1SR|"])
    }

    @Test("A wrong password is wrong-password, no password is encrypted, never damaged", arguments: ExtractionPath.allCases.filter { $0 != .automatic })
    func wrongPassword(path: ExtractionPath) async throws {
        for file in ["broken/encrypted-aes-256-unicode.pdf", "hostile/encrypted-rc4-40.pdf", "hostile/encrypted-aes-256-r5.pdf"] {
            let wrong = try await scan(FixtureSupport.path(file), password: "paesswoerd", extraction: path)
            #expect(wrong.error?.code == .wrongPassword, "\(file): \(wrong.error?.description ?? "opened")")
            let none = try await scan(FixtureSupport.path(file), password: nil, extraction: path)
            #expect(none.error?.code == .encrypted, "\(file): \(none.error?.description ?? "opened")")
        }
    }

    @Test(
        "Every handler poppler supports opens with its password and gives the anchors",
        arguments: ExtractionPath.allCases.filter { $0 != .automatic },
        [
            ("encrypted-rc4-40.pdf", "secret"), ("encrypted-rc4-128.pdf", "secret"), ("encrypted-aes-128.pdf", "secret"),
            ("encrypted-aes-256-r5.pdf", "secret"), ("encrypted-aes-256-r6.pdf", "secret"),
            // The user password is the PDFDocEncoding bytes 63 61 66 e9 20 a0.
            ("encrypted-aes-128-pdfdoc.pdf", "café €"),
        ])
    func everyHandler(path: ExtractionPath, file: (String, String)) async throws {
        let result = try await scan(FixtureSupport.path("hostile/\(file.0)"), password: file.1, extraction: path)
        #expect(result.status == .ok, "\(file.0): \(result.error?.description ?? "")")
        #expect(result.anchors.map(\.text) == ["|AT|", "|S1SR|"])
        let box = try #require(result.anchors.last?.box)
        // "Sign here: " in 12 pt Helvetica starts the anchor at x = 72 + 58.032 pt; the baseline
        // is at 792 - 640 = 152 pt, the box top 0.718 × 12 pt above it.
        #expect(abs(box.x - 130.03) < 0.5 && abs(box.y - 143.38) < 0.5)
    }

    @Test("In-memory documents get the same password handling", arguments: ExtractionPath.allCases.filter { $0 != .automatic })
    func inMemory(path: ExtractionPath) async throws {
        for (file, password) in [("hostile/encrypted-aes-128-pdfdoc.pdf", "café €"), (Self.unicodeFixture, "pa\u{0308}sswo\u{0308}rd")] {
            let data = try Data(contentsOf: URL(fileURLWithPath: FixtureSupport.path(file)))
            let scanner = Scanner(options: ScanOptions(password: password, jobs: 1, extraction: path))
            let opened = try await scanner.scan(.data(data, fileName: "upload.pdf"))
            #expect(opened.status == .ok, "\(file): \(opened.error?.description ?? "")")
            #expect(opened.anchors.map(\.text) == ["|AT|", "|S1SR|"])
            let wrong = try await Scanner(options: ScanOptions(password: "nope", jobs: 1, extraction: path)).scan(.data(data, fileName: "upload.pdf"))
            #expect(wrong.error?.code == .wrongPassword)
        }
    }

    private func scan(_ file: String, password: String?, extraction: ExtractionPath) async throws -> DocumentResult {
        try await Scanner(options: ScanOptions(password: password, jobs: 1, extraction: extraction)).scan(.file(path: file))
    }
}
