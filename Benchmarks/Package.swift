// swift-tools-version:6.1
// tagscan's benchmarks: a package of their own, so that package-benchmark and its
// malloc interposer stay out of the library's dependency graph. Run from this folder:
//
//     swift package benchmark                       # all suites; the corpus is generated first
//     swift package benchmark --filter '.*2,000.*'  # one group (the filter matches whole names)
//
// The documents come from Generator/make_corpus.py (reportlab, LibreOffice) into .corpus/.
import PackageDescription

let package = Package(
    name: "tagscan-benchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "tagscan", path: "../"),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "ScanBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "TagScanKit", package: "tagscan"),
            ],
            path: "Benchmarks/ScanBenchmarks",
            swiftSettings: [.swiftLanguageMode(.v6)],
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        )
    ]
)
