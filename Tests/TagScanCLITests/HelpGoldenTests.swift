import Foundation
import TestSupport
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

    static func assertMatches(_ actual: String, file name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try GoldenFile.assertMatches(actual, at: folder.appendingPathComponent(name), name: name, sourceLocation: sourceLocation)
    }
}
