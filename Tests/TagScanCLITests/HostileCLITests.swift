import Foundation
import TestSupport
import Testing

/// `tagscan scan` over hostile files: worker processes, time limit, memory cap,
/// bounded poppler chatter, and no worker outliving the run, checked on the built binary.
@Suite("tagscan scan: hostile files", .serialized)
struct HostileCLITests {
    struct Manifest: Decodable {
        struct Entry: Decodable {
            var file: String
            var expected: String
            var password: String?
            /// The file only fails as described under a memory cap, which sanitizers rule out.
            var needs_memory_cap: Bool?
        }
        var files: [Entry]
    }

    static let fixtures = CommandRunner.repositoryRoot.appendingPathComponent("Fixtures")

    /// ASan and TSan reserve terabytes of address space: no memory cap can apply under them.
    static let underSanitizer: Bool = dlsym(nil, "__asan_init") != nil || dlsym(nil, "__tsan_init") != nil

    @Test("A folder of good templates and every hostile file: codes, unchanged tags, bounded time and stderr, no worker left")
    func mixedFolder() throws {
        let manifest = try JSONDecoder().decode(Manifest.self, from: Data(contentsOf: Self.fixtures.appendingPathComponent("hostile/manifest.json")))
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let hostile = manifest.files.filter { !Self.underSanitizer || ($0.expected != "too-large" && $0.needs_memory_cap != true) }
        for entry in hostile {
            try FileManager.default.copyItem(
                at: Self.fixtures.appendingPathComponent("hostile/\(entry.file)"), to: folder.appendingPathComponent("hostile-\(entry.file)"))
        }
        let templates = try FileManager.default.contentsOfDirectory(atPath: Self.fixtures.appendingPathComponent("templates").path)
            .filter { $0.hasSuffix(".pdf") }.sorted()
        for name in templates {
            try FileManager.default.copyItem(
                at: Self.fixtures.appendingPathComponent("templates/\(name)"), to: folder.appendingPathComponent("good-\(name)"))
        }
        // Sanitized builds run several times slower.
        let timeout = Self.underSanitizer ? 16.0 : 4.0
        // On address space, which the binary's own mapping (HTTP server included) counts against.
        let memory = Self.underSanitizer ? "none" : "160M"
        let clock = ContinuousClock()
        let start = clock.now
        let run = try Self.run(["scan", "--timeout", String(timeout), "--max-memory", memory, "--jobs", "2", "--password", "secret", folder.path])
        let elapsed = (clock.now - start) / .seconds(1)
        let files = hostile.count + templates.count
        #expect(elapsed < Double(files) * timeout, "took \(elapsed) s for \(files) files")
        #expect(run.status == 2)

        let report = try Self.documents(run.stdout)
        #expect(report.count == files)
        for entry in hostile {
            let document = try #require(report[folder.appendingPathComponent("hostile-\(entry.file)").path])
            let code = (document["error"] as? [String: Any])?["code"] as? String ?? "ok"
            let expected = entry.password == nil || entry.password == "secret" ? entry.expected : "wrong-password"
            #expect(code == expected, "\(entry.file): \(document["error"] ?? "ok")")
        }
        // Each good file's result is what a run over the good files alone gives, byte for byte.
        let goodPaths = templates.map { folder.appendingPathComponent("good-\($0)").path }
        let alone = try Self.run(["scan", "--password", "secret", "--jobs", "2"] + goodPaths)
        #expect(alone.status == 0, "\(alone.stderr)")
        let aloneReport = try Self.documents(alone.stdout)
        for path in goodPaths {
            let mixed = try JSONSerialization.data(withJSONObject: try #require(report[path]), options: [.sortedKeys])
            let single = try JSONSerialization.data(withJSONObject: try #require(aloneReport[path]), options: [.sortedKeys])
            #expect(mixed == single, "\(path) changed beside hostile files")
        }
        // poppler's millions of messages stay out of stderr.
        #expect(!run.stderr.contains("Syntax Error"), "\(run.stderr.prefix(500))")
        #expect(run.stderr.split(separator: "\n").count < 10, "\(run.stderr.prefix(500))")
        #expect(Self.workers(of: run.pid).isEmpty)
    }

    @Test("The chatty file's messages are five quotes and a count in its diagnostics, nothing on stderr")
    func chatter() throws {
        let path = Self.fixtures.appendingPathComponent("hostile/chatty.pdf").path
        let run = try Self.run(["scan", "--format", "ndjson", path])
        #expect(run.status == 0)
        #expect(run.stderr.isEmpty, "\(run.stderr.prefix(300))")
        #expect(String(decoding: run.stdout, as: UTF8.self).contains("poppler reported 10000 messages (the first 5 shown)"))
        let inProcess = try Self.run(["scan", "--in-process", "--format", "ndjson", path])
        #expect(inProcess.status == 0)
        #expect(inProcess.stderr.isEmpty, "\(inProcess.stderr.prefix(300))")
        #expect(!String(decoding: inProcess.stdout, as: UTF8.self).contains("poppler reported"))
    }

    @Test("Killing tagscan kills its workers: none outlives it")
    func parentKilled() throws {
        let process = Process()
        process.executableURL = try CommandRunner.binary
        process.arguments = ["scan", "--timeout", "120", Self.fixtures.appendingPathComponent("hostile/content-bomb.pdf").path]
        // A file, not /dev/null: no test points tagscan's output at a device it could harm.
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("tagscan-killed-\(UUID().uuidString).log")
        #expect(FileManager.default.createFile(atPath: log.path, contents: nil))
        defer { try? FileManager.default.removeItem(at: log) }
        let output = try FileHandle(forWritingTo: log)
        defer { try? output.close() }
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let pid = process.processIdentifier
        var seen: [Int32] = []
        for _ in 0..<200 where seen.isEmpty {
            Thread.sleep(forTimeInterval: 0.05)
            seen = Self.workers(of: pid)
        }
        #expect(!seen.isEmpty, "no worker started")
        kill(pid, SIGKILL)
        process.waitUntilExit()
        var left = Self.workers(of: pid)
        for _ in 0..<100 where !left.isEmpty {
            Thread.sleep(forTimeInterval: 0.05)
            left = Self.workers(of: pid)
        }
        #expect(left.isEmpty, "workers \(left) outlived tagscan")
    }

    @Test(
        "Bad --timeout and --max-memory values are usage errors",
        arguments: [["--timeout", "0"], ["--timeout", "-3"], ["--max-memory", "lots"], ["--max-memory", "12X"]])
    func usage(arguments: [String]) throws {
        let run = try Self.run(["scan"] + arguments + [Self.fixtures.appendingPathComponent("hostile/good-neighbour.pdf").path])
        #expect(run.status == 64, "\(run.stderr)")
    }

    @Test("--max-memory takes K, M and G suffixes")
    func memorySizes() throws {
        for size in ["1G", "512MiB", "786432K", "1073741824", "none"] {
            let run = try Self.run(["scan", "--max-memory", size, Self.fixtures.appendingPathComponent("hostile/good-neighbour.pdf").path])
            #expect(run.status == 0, "\(size): \(run.stderr)")
        }
    }

    // MARK: Support

    struct Run {
        var status: Int32
        var stdout: Data
        var stderr: String
        var pid: Int32
    }

    /// Runs the built tagscan, keeping its pid for the leftover-worker check.
    static func run(_ arguments: [String]) throws -> Run {
        let process = Process()
        process.executableURL = try CommandRunner.binary
        process.arguments = arguments
        process.currentDirectoryURL = CommandRunner.repositoryRoot
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let errData = Locked(Data())
        let reader = Thread { errData.set(err.fileHandleForReading.readDataToEndOfFile()) }
        reader.start()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !errData.isSet { Thread.sleep(forTimeInterval: 0.01) }
        return Run(status: process.terminationStatus, stdout: outData, stderr: String(decoding: errData.value, as: UTF8.self), pid: process.processIdentifier)
    }

    /// The report's documents by path.
    static func documents(_ json: Data) throws -> [String: [String: Any]] {
        let object = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        let documents = try #require(object["documents"] as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: documents.map { ($0["path"] as? String ?? "", $0) })
    }

    /// Live `tagscan __worker` processes started by the tagscan with pid `parent` (they carry
    /// `--parent-pid`, so they are found even after being reparented).
    static func workers(of parent: Int32) -> [Int32] {
        ProcessTable.entries().compactMap { process -> Int32? in
            let arguments = process.arguments
            guard arguments.contains("__worker"), let flag = arguments.firstIndex(of: "--parent-pid"), flag + 1 < arguments.count,
                arguments[flag + 1] == String(parent)
            else { return nil }
            // A zombie has no command line; one still listed is alive.
            return process.pid
        }
    }

    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tagscan-hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
