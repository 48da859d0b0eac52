import Foundation
import Synchronization
import TestSupport
import Testing

@testable import TagScanKit

/// Isolated scanning from the library: worker processes (the built `tagscan __worker`), time
/// limits, memory caps, crashes, and no worker left behind. Serialized: the leftover check
/// looks at this process's children.
@Suite("Isolation: documents scanned in worker processes", .serialized)
struct IsolationTests {
    @Test("Good documents give the same results in workers as in process")
    func sameResults() async throws {
        let sources = Self.goodSources
        let inProcess = try await Scanner(options: ScanOptions(jobs: 2)).scan(sources)
        let isolated = try await Scanner(options: try IsolationSupport.options(jobs: 2)).scan(sources)
        #expect(isolated.documents.count == sources.count)
        for (a, b) in zip(isolated.documents, inProcess.documents) {
            #expect(a == b, "\(a.path) differs between isolated and in-process scans")
        }
        #expect(JSONReporter().render(isolated) == JSONReporter().render(inProcess))
        try IsolationSupport.expectNoWorkers()
    }

    @Test("In-memory documents and streamed results work across the process boundary")
    func dataSourcesAndStreaming() async throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: FixtureSupport.path("templates/multi-page.pdf")))
        let sources: [DocumentSource] = [.data(data, fileName: "upload.pdf"), .file(path: FixtureSupport.path("templates/rotated.pdf"))]
        let order = Mutex<[Int]>([])
        let isolated = try await Scanner(options: try IsolationSupport.options(jobs: 2)).scan(sources) { index, _ in
            order.withLock { $0.append(index) }
        }
        let inProcess = try await Scanner(options: ScanOptions(jobs: 2)).scan(sources)
        #expect(isolated == inProcess)
        #expect(order.withLock { $0 } == [0, 1])
        try IsolationSupport.expectNoWorkers()
    }

    @Test("A folder mixing good templates with every hostile fixture: each hostile file gets its code, each good file its tags")
    func mixedFolder() async throws {
        let timeout = 4 * IsolationSupport.slowdown
        let manifest = try HostileManifest.load()
        // Without a memory cap (sanitizer builds) the array bomb would take gigabytes first.
        let hostile = manifest.files.filter { IsolationSupport.memoryCap != nil || $0.expected != "too-large" }
        let good = Self.goodSources
        var sources: [DocumentSource] = []
        for (index, entry) in hostile.enumerated() {
            sources.append(.file(path: FixtureSupport.path("hostile/\(entry.file)")))
            if index < good.count { sources.append(good[index]) }
        }
        sources += good.dropFirst(hostile.count)
        let options = try IsolationSupport.options(jobs: 2, timeout: timeout, password: "secret")
        let clock = ContinuousClock()
        let start = clock.now
        let report = try await Scanner(options: options).scan(sources)
        let elapsed = (clock.now - start) / .seconds(1)
        #expect(elapsed < Double(sources.count) * timeout, "took \(elapsed) s")

        let byPath = Dictionary(uniqueKeysWithValues: report.documents.map { ($0.path, $0) })
        for entry in hostile {
            let result = try #require(byPath[FixtureSupport.path("hostile/\(entry.file)")])
            // The file whose password is not "secret" is the one wrong-password case here.
            let expected = entry.password == nil || entry.password == "secret" ? entry.expected : "wrong-password"
            #expect((result.error?.code.rawValue ?? "ok") == expected, "\(entry.file): \(result.error?.description ?? "ok")")
        }
        // The good files' results are exactly those of a run without hostile neighbours.
        let alone = try await Scanner(options: ScanOptions(password: "secret", jobs: 2)).scan(good)
        for expected in alone.documents {
            #expect(byPath[expected.path] == expected, "\(expected.path) changed beside hostile files")
        }
        try IsolationSupport.expectNoWorkers()
    }

    @Test("A document over the time limit gets timeout and its worker is killed and replaced")
    func timeout() async throws {
        let sources: [DocumentSource] = [
            .file(path: FixtureSupport.path("hostile/content-bomb.pdf")), .file(path: FixtureSupport.path("hostile/good-neighbour.pdf")),
        ]
        let clock = ContinuousClock()
        let start = clock.now
        let timeout = 3 * IsolationSupport.slowdown
        let report = try await Scanner(options: try IsolationSupport.options(jobs: 1, timeout: timeout)).scan(sources)
        let elapsed = (clock.now - start) / .seconds(1)
        #expect(report.documents[0].error?.code == .timeout)
        #expect(report.documents[0].error?.message.contains("longer than \(Int(timeout)) s") == true)
        #expect(report.documents[1].status == .ok)
        #expect(report.documents[1].anchors.map(\.text) == ["|AT|", "|S1SR|"])
        #expect(elapsed < 2 * timeout, "took \(elapsed) s")
        try IsolationSupport.expectNoWorkers()
    }

    @Test(
        "An allocation failure under the memory cap is too-large, not crashed",
        .disabled(if: IsolationSupport.underSanitizer, "sanitizers reserve terabytes of address space; RLIMIT_AS cannot apply"))
    func tooLarge() async throws {
        let sources: [DocumentSource] = [
            .file(path: FixtureSupport.path("hostile/array-bomb.pdf")), .file(path: FixtureSupport.path("hostile/good-neighbour.pdf")),
        ]
        let report = try await Scanner(options: try IsolationSupport.options(jobs: 1, timeout: 30)).scan(sources)
        #expect(report.documents[0].error?.code == .tooLarge, "\(report.documents[0].error?.description ?? "ok")")
        #expect(report.documents[0].error?.message.contains("160 MiB") == true)
        #expect(report.documents[1].status == .ok)
        try IsolationSupport.expectNoWorkers()
    }

    @Test("A worker that dies on a document gets it crashed; a fresh worker takes the next")
    func crashed() async throws {
        let folder = try IsolationSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let good = FixtureSupport.path("hostile/good-neighbour.pdf")
        let crashing = folder.appendingPathComponent("crash-me.pdf").path
        try FileManager.default.copyItem(atPath: good, toPath: crashing)
        // A stand-in worker: dies of SIGSEGV on crash-me.pdf, hands every other request to a
        // real one-shot `tagscan __worker`. (The pattern is quoted so that this script, which
        // travels in every request's options, does not match itself.)
        let script = """
            while IFS= read -r line; do
              case "$line" in *crash"-me".pdf*) kill -SEGV $$ ;; esac
              printf '%s\\n' "$line" | "$1" __worker || exit 1
            done
            """
        var options = ScanOptions(jobs: 1)
        options.isolation = IsolationOptions(
            workerExecutable: "/bin/sh", arguments: ["-c", script, "sh", try IsolationSupport.workerExecutable], timeout: 20, maxMemory: nil)
        let report = try await Scanner(options: options).scan([.file(path: good), .file(path: crashing), .file(path: good)])
        #expect(report.documents.map(\.status) == [.ok, .error, .ok], "\(report.documents.map { $0.error?.description ?? "ok" })")
        #expect(report.documents[1].error?.code == .crashed)
        #expect(report.documents[1].error?.message.contains("SIGSEGV") == true)
        #expect(report.documents[2].anchors == report.documents[0].anchors)
        try IsolationSupport.expectNoWorkers()
    }

    @Test("A worker that cannot start gives crashed for its documents, and the run still ends")
    func missingWorker() async throws {
        var options = ScanOptions(jobs: 1)
        options.isolation = IsolationOptions(workerExecutable: "/nonexistent/tagscan-worker", timeout: 5)
        let report = try await Scanner(options: options).scan([.file(path: FixtureSupport.path("hostile/good-neighbour.pdf"))])
        #expect(report.documents.first?.error?.code == .crashed)
        #expect(report.documents.first?.error?.message.contains("cannot start the worker") == true)
    }

    @Test("poppler's messages are captured per document: five quoted, all counted")
    func messagesBounded() async throws {
        let report = try await Scanner(options: try IsolationSupport.options(jobs: 1)).scan([
            .file(path: FixtureSupport.path("hostile/chatty.pdf")), .file(path: FixtureSupport.path("hostile/good-neighbour.pdf")),
        ])
        let chatty = report.documents[0]
        #expect(chatty.anchors.map(\.text) == ["|AT|", "|S1SR|"])
        let messages = try #require(chatty.diagnostics.first { $0.rule == PopplerMessages.rule })
        #expect(messages.severity == .info)
        #expect(messages.message.hasPrefix("poppler reported 10000 messages (the first 5 shown): Syntax Error ("))
        #expect(messages.message.components(separatedBy: "Unknown operator 'xq1'").count - 1 == 5)
        // The next document on the same worker starts with a clean log.
        #expect(!report.documents[1].diagnostics.contains { $0.rule == PopplerMessages.rule })
    }

    @Test("Cancelling an isolated scan kills its workers at once")
    func cancellation() async throws {
        let options = try IsolationSupport.options(jobs: 2, timeout: 60)
        let bomb = DocumentSource.file(path: FixtureSupport.path("hostile/content-bomb.pdf"))
        let task = Task { try await Scanner(options: options).scan([bomb, bomb]) }
        try await Task.sleep(for: .milliseconds(700))
        let clock = ContinuousClock()
        let start = clock.now
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
        #expect((clock.now - start) < .seconds(5))
        try IsolationSupport.expectNoWorkers()
    }

    @Test("Scan options survive the JSON trip to a worker")
    func optionsRoundTrip() throws {
        var options = ScanOptions(password: "pässwörd", jobs: 3, signGroups: ["Signer 2": 2], textFieldWidth: 0.3, pagesPerUnit: 7, extraction: .glib)
        options.translatedDialects = [.docusign, .acrobat]
        options.roleMap = ["signer1": "Tenant 1"]
        options.dateSignedRequired = false
        options.isolation = IsolationOptions(workerExecutable: "/usr/bin/tagscan", timeout: 2.5, maxMemory: 1 << 28)
        let decoded = try JSONDecoder().decode(ScanOptions.self, from: JSONEncoder().encode(options))
        #expect(decoded == options)
    }

    @Test("A long result's pages, written apart by the worker, decode into the same result", arguments: [0, 3, 256, 257, 1_000])
    func pagesApart(count: Int) throws {
        var result = DocumentResult(path: "/tmp/long.pdf", fileName: "long.pdf", pageCount: count, fileSize: 1234)
        result.pages = (0..<count).map { i in
            var page = PageInfo(pageNumber: i + 1, width: 595.28, height: 841.89, rotation: i % 4 * 90, glyphCount: i * 7)
            if i % 5 == 0 { page.outsideGlyphCount = i }
            return page
        }
        result.diagnostics = [Diagnostic(rule: "page-incomplete", severity: .warning, pageNumber: 1, message: "a message with \"quotes\"")]
        let line = try WorkerJSON.answer(WorkerResponse(id: 9, result: result))
        #expect(line.last == 0x0A && line.dropLast().contains(0x0A) == false, "one line")
        let members = try #require(JSONSerialization.jsonObject(with: line) as? [String: Any])
        #expect((members["pages"] != nil) == (count > WorkerJSON.itemsPerChunk), "pages apart only when there are many")
        let decoded = try JSONDecoder().decode(WorkerResponse.self, from: line)
        #expect(decoded.id == 9)
        #expect(decoded.result == result)
    }

    @Test("A scanned result with hundreds of anchors and pages written apart decodes into itself")
    func scannedResultApart() async throws {
        let data = SyntheticPDF.contract(pages: 300, anchorEvery: 1)
        let result = try await Scanner(options: ScanOptions(jobs: 2)).scan(.data(data, fileName: "long.pdf"))
        #expect(result.anchors.count > WorkerJSON.itemsPerChunk && result.pages.count > WorkerJSON.itemsPerChunk)
        let line = try WorkerJSON.answer(WorkerResponse(id: 0, result: result))
        #expect(try JSONDecoder().decode(WorkerResponse.self, from: line).result == result)
    }

    @Test("A result that carries its pages and pages apart as well is out of protocol")
    func pagesTwice() throws {
        var result = DocumentResult(path: "a.pdf", fileName: "a.pdf", pageCount: 1)
        result.pages = [PageInfo(pageNumber: 1, width: 1, height: 1, rotation: 0)]
        var whole = try WorkerJSON.line(WorkerResponse(id: 1, result: result))
        #expect(try JSONDecoder().decode(WorkerResponse.self, from: whole).result == result)
        // The same answer with the pages written apart as well.
        whole.removeLast(2)  // "}\n"
        whole.append(contentsOf: #","pages":[{"page_number":1,"width":1,"height":1,"rotation":0,"glyph_count":0}]}"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(WorkerResponse.self, from: whole) }
    }

    @Test("A 600-page document crosses the process boundary whole")
    func longDocumentIsolated() async throws {
        let data = SyntheticPDF.contract(pages: 600, anchorEvery: 50)
        let isolated = try await Scanner(options: try IsolationSupport.options(jobs: 2)).scan(.data(data, fileName: "long.pdf"))
        let inProcess = try await Scanner(options: ScanOptions(jobs: 2)).scan(.data(data, fileName: "long.pdf"))
        #expect(isolated.pages.count == 600)
        #expect(isolated == inProcess)
        try IsolationSupport.expectNoWorkers()
    }

    static var goodSources: [DocumentSource] {
        (FixtureSupport.pdfs(in: "templates") + FixtureSupport.pdfs(in: "envelope")).map { .file(path: FixtureSupport.path($0)) }
    }
}

/// Finds the worker executable and checks this process's children.
enum IsolationSupport {
    /// The `tagscan` built next to this test bundle; its `__worker` subcommand is the worker.
    static var workerExecutable: String {
        get throws { try TagScanBinary.url.path }
    }

    /// True when this test process (and so the worker built with it) runs under ASan or TSan.
    static let underSanitizer: Bool = dlsym(nil, "__asan_init") != nil || dlsym(nil, "__tsan_init") != nil

    /// Time limits in tests are multiplied by this: sanitized workers run several times slower.
    static var slowdown: Double { underSanitizer ? 4 : 1 }

    /// 160 MiB: twice what a debug worker needs to scan the templates (glibc reserves less
    /// under a cap), small enough for the array bomb to reach it in about a second; none under
    /// sanitizers. The cap is on address space, which the binary's own mapping counts against:
    /// since the tagscan binary carries the HTTP server and qpdf too, 144 MiB left a worker that
    /// had already scanned a template too little room to run the JBIG2 bomb to its time limit
    /// (its allocations failed first, a page-incomplete page instead of a timeout).
    static var memoryCap: Int? { underSanitizer ? nil : 160 << 20 }

    static func options(jobs: Int, timeout: Double = 20, password: String? = nil) throws -> ScanOptions {
        var options = ScanOptions(password: password, jobs: jobs)
        options.isolation = IsolationOptions(workerExecutable: try workerExecutable, timeout: timeout, maxMemory: memoryCap)
        return options
    }

    /// This process's children that are workers or zombies (started and never reaped).
    static func leftoverChildren() -> [String] {
        let me = getpid()
        return ProcessTable.entries().compactMap { process in
            guard process.parentPID == me else { return nil }
            let command = process.arguments.joined(separator: " ")
            guard process.state == "Z" || command.contains("__worker") || command.hasPrefix("/bin/sh -c") else { return nil }
            return "\(process.pid) \(process.state) \(command)"
        }
    }

    static func expectNoWorkers(sourceLocation: SourceLocation = #_sourceLocation) throws {
        // A zombie shows no command line, so one of another suite's processes (a CLI run, a
        // server), which Foundation reaps moments after it exits, looks like a worker left
        // unreaped: only what is still there after a short wait counts.
        var left = leftoverChildren()
        let deadline = Date().addingTimeInterval(2)
        while !left.isEmpty && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.05)
            left = leftoverChildren()
        }
        #expect(left.isEmpty, "workers left behind: \(left)", sourceLocation: sourceLocation)
    }

    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tagscan-isolation-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
