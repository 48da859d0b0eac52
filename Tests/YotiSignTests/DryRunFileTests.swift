import Foundation
import Testing
import YotiLoopback

/// Replays a request printed by `tagscan submit --dry-run > request.http` against the loopback
/// server, with the redacted key filled in. Opt-in: set `TAGSCAN_DRY_RUN_REQUEST` to the file.
///
/// ```
/// tagscan submit Fixtures/envelope/ --recipients recipients.yml --dry-run > /tmp/request.http
/// TAGSCAN_DRY_RUN_REQUEST=/tmp/request.http swift test --filter DryRunFileTests
/// ```
private let dryRunRequestPath = ProcessInfo.processInfo.environment["TAGSCAN_DRY_RUN_REQUEST"]

@Suite("Dry-run file replay", .enabled(if: dryRunRequestPath != nil), .timeLimit(.minutes(1)))
struct DryRunFileTests {

    @Test("the printed request is accepted when sent for real")
    func replay() async throws {
        let path = try #require(dryRunRequestPath)
        let printed = try #require(FileManager.default.contents(atPath: path), "cannot read \(path)")
        let redacted = Array("Authorization: Bearer <redacted>\r\n".utf8)
        let start = try #require(MultipartParser.find(redacted, in: Array(printed), from: 0), "no redacted Authorization header")
        let bytes =
            Array(printed[..<start]) + Array("Authorization: Bearer \(Fixtures.key)\r\n".utf8)
            + Array(printed[(start + redacted.count)...])
        try await LoopbackServer.with(expectedKey: Fixtures.key, script: [.respond(status: 202, body: ClientTests.created)]) { server in
            let answer = try await RawHTTPClient.send(bytes, toPort: server.port)
            #expect(server.rejections == [])
            #expect(answer.hasPrefix("HTTP/1.1 202"), "\(answer)")
            #expect(server.requests.count == 1)
        }
    }
}
