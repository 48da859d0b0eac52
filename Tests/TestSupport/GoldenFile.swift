import Foundation
import Testing

/// Golden files: output compared with a file committed beside the tests.
public enum GoldenFile {
    /// Compares `actual` with the golden file at `url` (`name` in messages); writes it instead when
    /// `RECORD_SNAPSHOTS=1` or when it does not exist yet (the test then fails, so a new golden
    /// file is always looked at before it is committed).
    public static func assertMatches(_ actual: String, at url: URL, name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
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
