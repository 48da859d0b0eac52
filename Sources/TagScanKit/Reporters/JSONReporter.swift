public import Foundation

/// Writes schema-1 JSON (SPEC §4). Keys are sorted and no timestamps or absolute paths are added,
/// so output is byte-stable for golden files and diffs.
public enum JSONReporter {
    /// The whole report, pretty-printed, newline-terminated.
    public static func report(_ report: ScanReport) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = (try? encoder.encode(report)) ?? Data()
        data.append(0x0A)
        return data
    }

    /// One document on one line, newline-terminated: an `ndjson` record.
    public static func line(_ document: DocumentResult) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var data = (try? encoder.encode(document)) ?? Data()
        data.append(0x0A)
        return data
    }
}
