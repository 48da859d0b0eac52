public import Foundation
import Synchronization

/// Writes the schema-1 JSON report one document at a time, as documents finish, so a folder's
/// report starts at once and is never held whole in memory. The bytes are exactly those of
/// ``JSONReporter/report(_:)`` for the same documents in the same order.
///
/// ```swift
/// let stream = JSONReportStream { data in FileHandle.standardOutput.write(data) }
/// _ = try await scanner.scan(paths: paths) { _, document in stream.add(document) }
/// stream.finish()
/// ```
///
/// Call ``add(_:)`` in input order (``Scanner``'s `onDocument` does) and ``finish()`` once.
public final class JSONReportStream: Sendable {
    private let write: @Sendable (Data) -> Void
    private let written = Mutex(0)

    /// `{ "documents" : [` as the pretty printer writes it: what comes before the first document.
    /// (Computed, not stored: a stored `Data` lives until exit and LeakSanitizer reports it.)
    static var opening: Data { Data("{\n  \"documents\" : [\n".utf8) }

    public init(write: @escaping @Sendable (Data) -> Void) {
        self.write = write
    }

    /// Writes `document` as the next element of `documents`.
    public func add(_ document: DocumentResult) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let encoded = (try? encoder.encode(document)) ?? Data("{\n\n}".utf8)
        // Nested two levels deep, every line is indented by four more spaces, except the empty
        // line the pretty printer puts inside an empty array; JSON strings hold no raw line
        // breaks, so splitting at "\n" never cuts a value.
        var element = Data()
        element.reserveCapacity(encoded.count + encoded.count / 8 + 8)
        let first = written.withLock { count in
            defer { count += 1 }
            return count == 0
        }
        element.append(contentsOf: first ? Self.opening : Data(",\n".utf8))
        var lineStart = true
        for byte in encoded {
            if lineStart && byte != 0x0A { element.append(contentsOf: "    ".utf8) }
            element.append(byte)
            lineStart = byte == 0x0A
        }
        write(element)
    }

    /// Closes the report (writing an empty one when no document was added).
    public func finish() {
        let none = written.withLock { $0 == 0 }
        write(none ? JSONReporter.report(ScanReport(documents: [])) : Self.closing)
    }

    /// What follows the last document.
    static var closing: Data { Data("\n  ],\n  \"schema_version\" : 1\n}\n".utf8) }
}
