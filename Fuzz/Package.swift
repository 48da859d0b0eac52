// swift-tools-version:6.1
// The libFuzzer target over tagscan's PDF layer and anchor parsers (issue 6). A package of its
// own, because it is built with `-sanitize=fuzzer`, which supplies `main`. Run it with
// Scripts/fuzz.sh; see README.md "Fuzzing".
import Foundation
import PackageDescription

// The parent package's identity is its folder's name, whatever the clone is called.
let parent = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()

let package = Package(
    name: "tagscan-fuzz",
    dependencies: [.package(path: parent.path)],
    targets: [
        .executableTarget(
            name: "TagScanFuzz",
            dependencies: [.product(name: "TagScanKit", package: parent.lastPathComponent.lowercased())],
            // No `main`: libFuzzer's comes with -sanitize=fuzzer.
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        )
    ]
)
