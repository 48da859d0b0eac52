/// The answer to a standard create-envelope request: `202 {"envelope_id": …}`.
///
/// The envelope starts `QUEUED`; file or tag errors found later arrive as status `ERRORED` or an
/// `upload_errors` webhook.
public struct EnvelopeCreated: Sendable, Codable, Hashable {
    public var envelopeID: String

    public init(envelopeID: String) {
        self.envelopeID = envelopeID
    }

    enum CodingKeys: String, CodingKey {
        case envelopeID = "envelope_id"
    }
}
