// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "tagscan",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "TagScanKit", targets: ["TagScanKit"]),
        .library(name: "YotiSignModels", targets: ["YotiSignModels"]),
        .library(name: "YotiSign", targets: ["YotiSign"]),
        .library(name: "TagScanServer", targets: ["TagScanServer"]),
        .executable(name: "tagscan", targets: ["tagscan"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        // `swift package generate-documentation`, which Scripts/test.sh runs so the DocC catalog
        // cannot rot; a plugin only, linked into nothing.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        // C: poppler-glib headers only.
        .systemLibrary(
            name: "CPoppler",
            pkgConfig: "poppler-glib",
            providers: [.apt(["libpoppler-glib-dev"]), .brew(["poppler"])]
        ),
        // C++: the few things poppler-glib does not expose (page /Rotate), through poppler's
        // core API when libpoppler-private-dev is installed; compiles to a stub otherwise.
        .target(
            name: "CPopplerCore",
            dependencies: ["CPoppler"],
            linkerSettings: [.linkedLibrary("poppler")]
        ),
        // C: the process plumbing of isolated scanning (spawning, memory caps), apart from
        // poppler.
        .target(name: "CProcessSpawn"),
        // C++: what `tagscan scrub` needs below Swift: poppler's core API to tie each glyph to
        // the operator and bytes that drew it, and qpdf (Apache-2.0) to rewrite those operators.
        // Apart from CPopplerCore so that only this target links qpdf.
        .target(
            name: "CScrubCore",
            dependencies: ["CPoppler"],
            linkerSettings: [.linkedLibrary("poppler"), .linkedLibrary("qpdf")]
        ),

        // Libraries.
        // Yoti Sign's envelope, tag and recipient values and the checks Yoti applies to them:
        // Codable values with no dependencies, so TagScanKit needs no HTTP stack.
        .target(
            name: "YotiSignModels",
            swiftSettings: swiftSettings
        ),
        // The HTTP client and the submitter, over the models.
        .target(
            name: "YotiSign",
            dependencies: [
                "YotiSignModels",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "TagScanKit",
            dependencies: [
                "CPoppler", "CPopplerCore", "CProcessSpawn", "CScrubCore", "YotiSignModels", "Yams",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            swiftSettings: swiftSettings
        ),

        // The HTTP service: a thin layer over the Scanner, in its own target so the library
        // never pulls in a web server.
        .target(
            name: "TagScanServer",
            dependencies: [
                "TagScanKit", "Yams",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("openapi.yaml")],
            swiftSettings: swiftSettings
        ),

        // Executable.
        .executableTarget(
            name: "tagscan",
            dependencies: [
                "TagScanKit", "TagScanServer", "YotiSign", "Yams",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),

        // Tests.
        // What the test targets share: the process table, for the checks that no worker is left.
        .target(
            name: "TestSupport",
            path: "Tests/TestSupport",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TagScanKitTests",
            dependencies: ["TagScanKit", "TestSupport"],
            exclude: ["Snapshots"],
            swiftSettings: swiftSettings
        ),
        // What the YotiSign and CLI tests share: a scripted stand-in of the Yoti Sign API on
        // 127.0.0.1 that stores the envelopes it is sent.
        .target(
            name: "YotiLoopback",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            path: "Tests/YotiLoopback",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "YotiSignTests",
            dependencies: [
                "YotiSign", "YotiSignModels", "YotiLoopback",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TagScanServerTests",
            dependencies: [
                "TagScanServer", "TagScanKit", "TestSupport", "Yams",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TagScanCLITests",
            dependencies: ["TagScanKit", "TestSupport", "YotiLoopback"],
            exclude: ["Snapshots"],
            swiftSettings: swiftSettings
        ),
    ],
    // C++20: poppler 25.03's core headers (Debian 13) use std::span and starts_with.
    cxxLanguageStandard: .cxx20
)

var swiftSettings: [SwiftSetting] {
    [.swiftLanguageMode(.v6), .enableUpcomingFeature("ExistentialAny")]
}
