public import Foundation

/// Writes a report in one output format. Every format of `scan` and `lint` is one of these, so a
/// host picks a reporter (``LintFormat/reporter(failingAt:baseDirectory:)`` for lint) and calls
/// ``render(_:)``, whatever the format.
public protocol Reporter<Report>: Sendable {
    associatedtype Report
    /// The whole report, as the bytes to write.
    func render(_ report: Report) -> Data
}
