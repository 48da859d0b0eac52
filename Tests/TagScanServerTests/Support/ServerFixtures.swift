import Foundation
import TestSupport

/// The repository's fixtures and the `tagscan` binary built with these tests.
enum ServerFixtures {
    static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func url(_ relative: String) -> URL { repositoryRoot.appendingPathComponent("Fixtures").appendingPathComponent(relative) }

    static func data(_ relative: String) throws -> Data { try Data(contentsOf: url(relative)) }

    /// The `tagscan` built next to this test bundle: the server's worker, and the CLI whose
    /// output the service must match.
    static var workerExecutable: String {
        get throws { try TagScanBinary.url.path }
    }

    /// Runs `tagscan arguments…` in `directory` and returns its standard output and status.
    static func tagscan(_ arguments: [String], in directory: URL) throws -> (status: Int32, stdout: Data) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try workerExecutable)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let errReader = Thread { _ = err.fileHandleForReading.readDataToEndOfFile() }
        errReader.start()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, stdout)
    }
}
