/// What makes two submissions the same: the files' names and bytes, the envelope options (the
/// recipients, their tags, the name, the mode), the endpoint and the host. A hash of those, so the
/// ledger can tell a re-run of one submission from a new one without keeping the documents.
public struct SubmissionKey: Sendable, Codable, Hashable, CustomStringConvertible {
    /// `sha256:` and 64 hex digits.
    public var rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    public init(documents: [DocumentUpload], options: EnvelopeOptions, kind: EnvelopeKind, environment: Environment) throws {
        var hash = SHA256()
        func field(_ bytes: some Collection<UInt8>) {
            // Length-prefixed, so no two different inputs run together into the same bytes.
            hash.update(Array("\(bytes.count):".utf8))
            hash.update(bytes)
        }
        field(Array("tagscan-submission-1".utf8))
        field(Array(kind.rawValue.utf8))
        field(Array(environment.baseURL.utf8))
        for document in documents {
            field(Array(document.fileName.utf8))
            field(document.bytes)
        }
        do {
            field(try YotiJSON.encode(options))
        } catch {
            throw YotiSignError.invalidConfiguration("The envelope options could not be encoded as JSON: \(error)")
        }
        rawValue = "sha256:" + hash.hexDigest()
    }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }

    public var description: String { rawValue }
}
