public import Foundation

/// SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.
///
/// One run; every rule that ran is in `tool.driver.rules` with its summary, details and default
/// level, and each result points at it by `ruleId` and `ruleIndex`. A result's location is the PDF
/// as a relative URI; PDFs have no text lines, so the region is line 1 (GitHub requires a start
/// line) and the page number goes in the result's `properties.page`. Each result has a
/// `partialFingerprints` entry built from the path, rule, page and anchor or message, so alerts
/// stay matched across runs without GitHub reading the PDF as text. Keys are sorted and no
/// timestamps are written, so the output is byte-stable.
public struct SARIFReporter: Reporter {
    public static let schemaURI = "https://json.schemastore.org/sarif-2.1.0.json"
    /// The `partialFingerprints` key; bump its version only if the recipe changes.
    public static let fingerprintKey = "tagscanFinding/v1"

    /// Absolute paths below it are written relative to it; other absolute paths become `file://`
    /// URIs.
    public var baseDirectory: String?

    public init(baseDirectory: String? = nil) {
        self.baseDirectory = baseDirectory
    }

    public func render(_ report: LintReport) -> Data {
        let rules = report.rules
        let index = Dictionary(rules.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        var results: [Result] = []
        var seen: [String: Int] = [:]
        for document in report.documents {
            let uri = Self.uri(for: document.path, baseDirectory: baseDirectory)
            for diagnostic in document.diagnostics {
                let identity = [uri, diagnostic.rule, diagnostic.pageNumber.map(String.init) ?? "", diagnostic.anchor ?? diagnostic.message]
                    .joined(separator: "\u{0}")
                let occurrence = seen[identity, default: 0]
                seen[identity] = occurrence + 1
                var properties: [String: PropertyValue] = [:]
                if let page = diagnostic.pageNumber { properties["page"] = .int(page) }
                if let anchor = diagnostic.anchor { properties["anchor"] = .string(anchor) }
                results.append(
                    Result(
                        ruleId: diagnostic.rule, ruleIndex: index[diagnostic.rule] ?? -1, level: Self.level(diagnostic.severity),
                        message: Message(text: diagnostic.message),
                        locations: [
                            Location(
                                physicalLocation: PhysicalLocation(
                                    artifactLocation: ArtifactLocation(uri: uri), region: Region(startLine: 1)))
                        ],
                        partialFingerprints: [Self.fingerprintKey: "\(Self.fnv1a(identity)):\(occurrence)"],
                        properties: properties.isEmpty ? nil : properties))
            }
        }
        let log = Log(
            schema: Self.schemaURI, version: "2.1.0",
            runs: [
                Run(
                    tool: Tool(
                        driver: Driver(
                            name: "tagscan", semanticVersion: TagScanVersion.current,
                            rules: rules.map { rule in
                                ReportingDescriptor(
                                    id: rule.id, shortDescription: Message(text: rule.summary), fullDescription: Message(text: rule.details),
                                    help: Message(text: "\(rule.summary) \(rule.details)"),
                                    defaultConfiguration: Configuration(level: Self.level(rule.severity)),
                                    properties: RuleProperties(reportedByScanner: rule.reportedByScanner))
                            })),
                    results: results)
            ])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = (try? encoder.encode(log)) ?? Data()
        data.append(0x0A)
        return data
    }

    /// SARIF's result levels.
    static func level(_ severity: Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .info: "note"
        }
    }

    /// A relative, percent-encoded URI reference for `path` (or a `file://` URI when it is absolute
    /// and outside `baseDirectory`).
    static func uri(for path: String, baseDirectory: String?) -> String {
        var path = path
        if path.hasPrefix("/"), let base = baseDirectory {
            let prefix = base.hasSuffix("/") ? base : base + "/"
            if path.hasPrefix(prefix) { path = String(path.dropFirst(prefix.count)) }
        }
        while path.hasPrefix("./") { path.removeFirst(2) }
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: ";?#[]@!$&'()*+,=:")
        let encoded = path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path
        return path.hasPrefix("/") ? "file://" + encoded : encoded
    }

    /// 64-bit FNV-1a of the UTF-8 bytes, as 16 hex digits: stable across runs and platforms.
    static func fnv1a(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    // MARK: - The SARIF subset written

    struct Log: Encodable {
        var schema: String
        var version: String
        var runs: [Run]
        enum CodingKeys: String, CodingKey {
            case schema = "$schema"
            case version, runs
        }
    }

    struct Run: Encodable {
        var tool: Tool
        var results: [Result]
    }

    struct Tool: Encodable { var driver: Driver }

    struct Driver: Encodable {
        var name: String
        var semanticVersion: String
        var rules: [ReportingDescriptor]
    }

    struct ReportingDescriptor: Encodable {
        var id: String
        var shortDescription: Message
        var fullDescription: Message
        var help: Message
        var defaultConfiguration: Configuration
        var properties: RuleProperties
    }

    struct RuleProperties: Encodable {
        var reportedByScanner: Bool
    }

    struct Configuration: Encodable { var level: String }

    struct Message: Encodable { var text: String }

    struct Result: Encodable {
        var ruleId: String
        var ruleIndex: Int
        var level: String
        var message: Message
        var locations: [Location]
        var partialFingerprints: [String: String]
        var properties: [String: PropertyValue]?
    }

    struct Location: Encodable { var physicalLocation: PhysicalLocation }

    struct PhysicalLocation: Encodable {
        var artifactLocation: ArtifactLocation
        var region: Region
    }

    struct ArtifactLocation: Encodable { var uri: String }

    struct Region: Encodable { var startLine: Int }

    enum PropertyValue: Encodable {
        case int(Int)
        case string(String)

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .int(let value): try container.encode(value)
            case .string(let value): try container.encode(value)
            }
        }
    }
}
