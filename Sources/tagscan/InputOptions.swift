import ArgumentParser
import Foundation
import TagScanKit

/// Options every command that reads documents shares.
struct InputOptions: ParsableArguments {
    @Argument(help: "PDF files or folders (searched recursively for *.pdf); - reads standard input.")
    var paths: [String]

    @Option(name: .shortAndLong, help: "Worker threads (default: the machine's cores).")
    var jobs: Int = ScanOptions.defaultJobs

    @Option(help: "Text extraction: glyphs (poppler core, fast), glib (poppler-glib) or automatic.")
    var extraction: ExtractionPath = .automatic

    @Option(help: "Password for encrypted documents (or set TAGSCAN_PASSWORD).")
    var password: String?

    func validate() throws {
        if paths.isEmpty { throw ValidationError("give at least one PDF file or folder") }
        if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    var scanOptions: ScanOptions {
        ScanOptions(password: password ?? ProcessInfo.processInfo.environment["TAGSCAN_PASSWORD"], jobs: jobs, extraction: extraction)
    }
}

extension ExtractionPath: ExpressibleByArgument {}
