import Foundation
import TagScanKit
import Testing

struct ShardTests {
    static let names = (0..<10).map { "docs/\($0).pdf" }.shuffled()

    @Test func shardsCoverTheListOnceWhateverItsOrder() throws {
        let sources = Self.names.map { DocumentSource.file(path: $0) }
        var seen: [String] = []
        for index in 0..<3 {
            let share = try Shard(index: index, count: 3).select(sources).map(\.displayPath)
            // The same share from the list in another order.
            #expect(try Shard(index: index, count: 3).select(sources.reversed()).map(\.displayPath) == share)
            #expect(share == share.sorted())
            seen += share
        }
        #expect(seen.sorted() == Self.names.sorted())
        #expect(Set(seen).count == seen.count)
        #expect(try Shard(index: 0, count: 3).select(sources).map(\.displayPath) == ["docs/0.pdf", "docs/3.pdf", "docs/6.pdf", "docs/9.pdf"])
    }

    @Test func parsingAndTheIndexFromTheBatchEnvironment() throws {
        #expect(try Shard(parsing: "2/5") == Shard(index: 2, count: 5))
        #expect(try Shard(parsing: "5", environment: ["JOB_COMPLETION_INDEX": "4"]) == Shard(index: 4, count: 5))
        #expect(try Shard(parsing: "5", environment: ["AWS_BATCH_JOB_ARRAY_INDEX": "1"]) == Shard(index: 1, count: 5))
        #expect(try Shard(parsing: "5", environment: ["JOB_COMPLETION_INDEX": "0", "AWS_BATCH_JOB_ARRAY_INDEX": "3"]) == Shard(index: 0, count: 5))
        for bad in ["5/5", "-1/2", "1/0", "a/2", "1/2/3", "1/x"] {
            #expect(throws: Shard.ParseError.self, "\(bad)") { try Shard(parsing: bad, environment: [:]) }
        }
        #expect(throws: Shard.ParseError.self) { try Shard(parsing: "4", environment: [:]) }
    }

    @Test func fileListsAreOnePathALine() throws {
        #expect(FileList.paths(in: "a.pdf\n\nb c.pdf\r\n d.pdf \n") == ["a.pdf", "b c.pdf", " d.pdf "])
        #expect(FileList.paths(in: "") == [])
        #expect(throws: FileList.ReadError.self) { try FileList.read("/nonexistent/list.txt") }
        #expect(try FileList.read("-", standardInput: { Data("x.pdf\ny.pdf".utf8) }) == ["x.pdf", "y.pdf"])
    }

    @Test func resumeReadsCompleteLinesAndCutsAPartialOne() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tagscan-resume-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("report.ndjson").path
        let none = try NDJSONResume.prepare(path: path)
        #expect(none.donePaths.isEmpty && none.droppedBytes == 0)
        let complete = #"{"path":"a.pdf","status":"ok"}"# + "\n" + #"{"path":"b.pdf","status":"error"}"# + "\n"
        try Data((complete + #"{"path":"c.pd"#).utf8).write(to: URL(fileURLWithPath: path))
        let resume = try NDJSONResume.prepare(path: path)
        #expect(resume.donePaths == ["a.pdf", "b.pdf"])
        #expect(resume.droppedBytes == 13)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == complete)
        let left = resume.remaining([.file(path: "a.pdf"), .file(path: "c.pdf"), .file(path: "b.pdf")]).map(\.displayPath)
        #expect(left == ["c.pdf"])
        #expect(throws: OutputError.self) { try NDJSONResume.prepare(path: folder.path) }
    }
}
