/// The schema-1 report: one entry per input document, in input order.
public struct ScanReport: Sendable, Codable, Hashable {
    public var schemaVersion: Int
    public var documents: [DocumentResult]

    public init(documents: [DocumentResult]) {
        self.schemaVersion = 1
        self.documents = documents
    }

    enum CodingKeys: String, CodingKey {
        case schemaVersion = "schema_version"
        case documents
    }
}
