public import Foundation
import Synchronization

/// Writes the schema-1 JSON report one document at a time, as documents finish, so a folder's
/// report starts at once and is never held whole in memory. The bytes are exactly those of
/// ``JSONReporter/render(_:)`` for the same documents in the same order.
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

    public init(write: @escaping @Sendable (Data) -> Void) {
        self.write = write
    }

    /// Writes `document` as the next element of `documents`.
    ///
    /// The document is encoded as the only one of a report, so the pretty printer indents it
    /// for its place in the array; the report's opening and closing lines are cut off. (Computed
    /// bytes, not stored ones: a stored `Data` lives until exit and LeakSanitizer reports it.)
    public func add(_ document: DocumentResult) {
        let first = written.withLock { count in
            defer { count += 1 }
            return count == 0
        }
        let alone = JSONReporter().render(ScanReport(documents: [document]))
        let opening = Self.opening, closing = Self.closing
        // Always true for schema 1 (keys are sorted: "documents" before "schema_version").
        guard alone.starts(with: opening), alone.count >= opening.count + closing.count,
            alone.suffix(closing.count).elementsEqual(closing)
        else {
            preconditionFailure("JSONReporter's layout changed; JSONReportStream must follow it")
        }
        write(first ? opening : Data(",\n".utf8))
        // A slice shares the encoded bytes: the document is not copied again.
        write(alone[(alone.startIndex + opening.count)..<(alone.endIndex - closing.count)])
    }

    /// Closes the report (writing an empty one when no document was added).
    public func finish() {
        let none = written.withLock { $0 == 0 }
        write(none ? JSONReporter().render(ScanReport(documents: [])) : Self.closing)
    }

    /// `{ "documents" : [` as the pretty printer writes it: what comes before the first document.
    static var opening: Data { Data("{\n  \"documents\" : [\n".utf8) }

    /// What follows the last document.
    static var closing: Data { Data("\n  ],\n  \"schema_version\" : 1\n}\n".utf8) }
}
