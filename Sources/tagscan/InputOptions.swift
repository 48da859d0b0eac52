import ArgumentParser
import Foundation
import TagScanKit

/// The documents to read and how to read them: what every command that reads documents shares.
struct InputOptions: ParsableArguments {
    static let pathsHelp: ArgumentHelp = "PDF files or folders (searched recursively for *.pdf); - reads standard input."

    // No default, so ArgumentParser itself refuses an empty list ("Missing expected argument").
    @Argument(help: InputOptions.pathsHelp)
    var paths: [String]

    @OptionGroup var reading: ReadingOptions

    func validate() throws {
        try reading.validateLimits()
        try reading.validateConfig(paths: paths)
    }

    /// The configuration from `--config`, or found beside the scanned documents; nil when none.
    func loadConfig() throws(ConfigError) -> TagScanConfig? {
        try reading.loadConfig(paths: paths)
    }

    var scanOptions: ScanOptions {
        reading.scanOptions(paths: paths)
    }
}

extension ExtractionPath: ExpressibleByArgument {}
