import Foundation

/// The `tagscan` executable the tests run: the one built beside the test bundle, in the same scratch
/// path and configuration, so `swift test` always tests the binary it just built. There is no
/// fallback to another build folder, where a stale binary could pass the tests.
public enum TagScanBinary {
    public struct NotBuilt: Error, CustomStringConvertible {
        public var description: String
    }

    public static var url: URL {
        get throws {
            var directory = Bundle.main.bundleURL
            for _ in 0..<4 {
                let candidate = directory.appendingPathComponent("tagscan")
                if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
                directory = directory.deletingLastPathComponent()
            }
            throw NotBuilt(
                description:
                    "no tagscan binary beside the test bundle \(Bundle.main.bundleURL.path): build it with the tests (swift build --build-tests, or swift test)"
            )
        }
    }
}
