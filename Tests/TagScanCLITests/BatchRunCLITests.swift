import Foundation
import Testing

/// `tagscan scan` as a batch job: an input list from a file or standard input, shards of it, and
/// an NDJSON report that a retried job completes instead of starting over.
@Suite("tagscan scan batch runs")
struct BatchRunCLITests {
    static func names(_ ndjson: Data) throws -> [String] {
        try ndjson.split(separator: 0x0A).map { line in
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])
            return try #require(object["path"] as? String)
        }
    }

    static func scratch() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tagscan-batch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test("shards of a list from standard input cover it once, whatever the index source")
    func shardsFromStandardInput() throws {
        let list = [
            "Fixtures/templates/rotated.pdf", "Fixtures/envelope/nda.pdf", "Fixtures/templates/edges.pdf", "Fixtures/envelope/annex.pdf",
            "Fixtures/templates/bidi.pdf",
        ]
        let stdin = Data(list.joined(separator: "\n").utf8)
        var all: [String] = []
        for index in 0..<2 {
            let explicit = try CommandRunner.run(["scan", "--files-from", "-", "--shard", "\(index)/2", "--format", "ndjson", "-q"], stdin: stdin)
            #expect(explicit.status == 0, "\(explicit.stderr)")
            let kubernetes = try CommandRunner.run(
                ["scan", "--files-from", "-", "--shard", "2", "--format", "ndjson", "-q"], stdin: stdin, environment: ["JOB_COMPLETION_INDEX": "\(index)"])
            let aws = try CommandRunner.run(
                ["scan", "--files-from", "-", "--shard", "2", "--format", "ndjson", "-q"], stdin: stdin, environment: ["AWS_BATCH_JOB_ARRAY_INDEX": "\(index)"])
            #expect(kubernetes.stdoutData == explicit.stdoutData)
            #expect(aws.stdoutData == explicit.stdoutData)
            all += try Self.names(explicit.stdoutData)
        }
        #expect(all.sorted() == list.sorted())
        let sorted = list.sorted()
        #expect(
            try Self.names(try CommandRunner.run(["scan", "--shard", "0/2", "--format", "ndjson", "-q"] + list).stdoutData) == [
                sorted[0], sorted[2], sorted[4],
            ])
    }

    @Test("--resume appends what a killed run did not write, ending with the full report")
    func resume() throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let full = folder.appendingPathComponent("full.ndjson").path
        let report = folder.appendingPathComponent("report.ndjson").path
        let first = try CommandRunner.run(["scan", "Fixtures/templates", "--format", "ndjson", "-o", full, "-q"])
        #expect(first.status == 0, "\(first.stderr)")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: full))
        let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
        // Three documents written and a fourth cut off mid-line, as a killed pod leaves it.
        let kept = lines.prefix(3).map { Data($0) + Data([0x0A]) }.reduce(Data(), +) + Data(lines[3].prefix(40))
        try kept.write(to: URL(fileURLWithPath: report))
        let resumed = try CommandRunner.run(["scan", "Fixtures/templates", "--format", "ndjson", "-o", report, "--resume", "-q"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: report)) == bytes)
        // Nothing left to do: the report stays as it is.
        _ = try CommandRunner.run(["scan", "Fixtures/templates", "--format", "ndjson", "-o", report, "--resume", "-q"])
        #expect(try Data(contentsOf: URL(fileURLWithPath: report)) == bytes)
    }

    @Test("usage errors: --resume without ndjson output, a shard with no index, a missing list")
    func usageErrors() throws {
        #expect(try CommandRunner.run(["scan", "--resume", "Fixtures/templates"]).status == 64)
        let noIndex = try CommandRunner.run(
            ["scan", "--shard", "3", "Fixtures/templates"], environment: ["JOB_COMPLETION_INDEX": "", "AWS_BATCH_JOB_ARRAY_INDEX": ""])
        #expect(noIndex.status == 64)
        #expect(noIndex.stderr.contains("JOB_COMPLETION_INDEX"))
        #expect(try CommandRunner.run(["scan", "--shard", "3/3", "Fixtures/templates"]).status == 64)
        let missing = try CommandRunner.run(["scan", "--files-from", "no-such-list.txt"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("cannot read the file list no-such-list.txt"))
        #expect(try CommandRunner.run(["scan"]).status == 64)
    }
}
