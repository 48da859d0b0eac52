import Foundation
import Testing

/// Every command's help, as a user reads it on a 100-column terminal, against a golden file: a
/// changed option, default or paragraph shows up in review as a diff of the help itself.
@Suite("help golden files")
struct HelpGoldenTests {
    static let commands: [[String]] = [
        [], ["scan"], ["lint"], ["convert"], ["preview"], ["scrub"], ["submit"], ["serve"],
        ["envelope"], ["envelope", "status"], ["envelope", "archive"], ["envelope", "remind"],
        ["envelope", "download"], ["envelope", "list"],
    ]

    @Test("help matches its golden file", arguments: commands)
    func help(_ command: [String]) throws {
        let outcome = try CommandRunner.run(command + ["--help"], environment: ["COLUMNS": "100"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let name = (["tagscan"] + command).joined(separator: "-") + ".txt"
        try Golden.assertMatches(outcome.stdout, file: "help/\(name)")
    }
}

/// Golden files under `Tests/TagScanCLITests/Snapshots/`.
enum Golden {
    static let folder = CommandRunner.repositoryRoot.appendingPathComponent("Tests/TagScanCLITests/Snapshots")

    /// Compares `actual` with the golden file; writes it instead when `RECORD_SNAPSHOTS=1` or when
    /// it does not exist yet (the test then fails, so a new golden file is looked at before it is
    /// committed).
    static func assertMatches(_ actual: String, file name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = folder.appendingPathComponent(name)
        let record = ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1"
        if record || !FileManager.default.fileExists(atPath: url.path) {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try actual.write(to: url, atomically: true, encoding: .utf8)
            if !record { Issue.record("recorded new golden file \(name); check it and re-run", sourceLocation: sourceLocation) }
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(actual == expected, "output differs from golden file \(name) (RECORD_SNAPSHOTS=1 re-records)", sourceLocation: sourceLocation)
    }
}
