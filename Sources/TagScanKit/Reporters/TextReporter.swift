public import Foundation

/// A human summary of a scan: per document its status, each recipient's tags, and diagnostics in
/// the `path:page: severity: message [rule]` shape editors can jump to.
public struct TextReporter: Reporter {
    public init() {}

    /// Every document of `report`, one after another.
    public func render(_ report: ScanReport) -> Data {
        Data(report.documents.map(document).joined().utf8)
    }

    public func document(_ document: DocumentResult) -> String {
        var out = ""
        guard document.status == .ok else {
            out +=
                "\(document.path): error: \(document.error?.message(withoutPath: document.path) ?? "unknown error") [\(document.error?.code.rawValue ?? "error")]\n"
            return out
        }
        let tagCount = document.recipients.reduce(0) { $0 + $1.tags.count }
        out +=
            "\(document.path): \(document.pageCount) page\(document.pageCount == 1 ? "" : "s"), \(document.anchors.count) anchor\(document.anchors.count == 1 ? "" : "s"), \(tagCount) tag\(tagCount == 1 ? "" : "s")\n"
        for recipient in document.recipients {
            out += "  \(recipient.role) (sign group \(recipient.signGroup)):\n"
            for tag in recipient.tags {
                var line = "    p\(tag.pageNumber) x=\(Self.format(tag.x)) y=\(Self.format(tag.y)) \(tag.type.rawValue)\(tag.optional ? " optional" : "")"
                if let width = tag.width { line += " width=\(Self.format(width))" }
                if let name = tag.name { line += " name=\(name)" }
                if let group = tag.tagGroupName { line += " group=\"\(group)\"" }
                out += line + "\n"
            }
        }
        for diagnostic in document.diagnostics {
            out +=
                "\(document.path):\(diagnostic.pageNumber.map(String.init) ?? "-"): \(diagnostic.severity.rawValue): \(diagnostic.message) [\(diagnostic.rule)]\n"
        }
        return out
    }

    private static func format(_ value: Double) -> String {
        let s = String(value)
        return s.hasSuffix(".0") ? String(s.dropLast(2)) : s
    }
}
