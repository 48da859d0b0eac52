import Foundation

/// Runs a bash script (bash, so that the isolation tests, which look for leftover `/bin/sh -c`
/// children of the test process, do not take these for workers) with `$TAGSCAN` set to the built binary, for what a Process cannot set up
/// as directly: standard output on a device or a file, a pseudo-terminal, another user.
enum ShellRunner {
    static func run(_ script: String, in directory: URL = CommandRunner.repositoryRoot, environment: [String: String] = [:]) throws -> CommandRunner.Outcome {
        let variables = ["TAGSCAN": try CommandRunner.binary.path, "FIXTURES": CommandRunner.repositoryRoot.appendingPathComponent("Fixtures").path]
        return try CommandRunner.run(
            ["-c", script], environment: environment.merging(variables) { $1 }, executable: URL(fileURLWithPath: "/bin/bash"), directory: directory)
    }

    /// A fresh folder under the temporary directory, readable by every user (for tests that run
    /// tagscan as another user).
    static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tagscan-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        return folder
    }
}
