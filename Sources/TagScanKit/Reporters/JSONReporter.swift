public import Foundation

/// Writes schema-1 JSON. Keys are sorted and no timestamps or absolute paths are added,
/// so output is byte-stable for golden files and diffs.
public struct JSONReporter: Reporter {
    public init() {}

    /// The whole report, pretty-printed, newline-terminated.
    public func render(_ report: ScanReport) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = (try? encoder.encode(report)) ?? Data()
        data.append(0x0A)
        return data
    }

    /// One document on one line, newline-terminated: an `ndjson` record.
    public func line(_ document: DocumentResult) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var data = (try? encoder.encode(document)) ?? Data()
        data.append(0x0A)
        return data
    }
}
