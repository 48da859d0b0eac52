/// One line of the submissions ledger: what became of one attempt at one submission.
///
/// A submission's records are read in file order and the last one wins: `pending` is written
/// just before the create is sent, then `created`, `failed` or `unknown` once it is known.
public struct LedgerRecord: Sendable, Codable, Hashable {
    public enum Outcome: String, Sendable, Codable, Hashable, CaseIterable {
        /// The create was about to be sent; a run that stopped here left its outcome unknown.
        case pending
        /// An envelope exists; `envelopeID` names it.
        case created
        /// Yoti refused the create, or it never reached Yoti: no envelope.
        case failed
        /// The create may have reached Yoti and no usable answer came back.
        case unknown
    }

    public var key: SubmissionKey
    public var outcome: Outcome
    public var envelopeID: String?
    /// The envelope's name, which the search matches on.
    public var name: String
    public var kind: EnvelopeKind
    /// The API host the create went to.
    public var baseURL: String
    public var files: [String]
    /// When the create was sent (ISO 8601, UTC); the search looks for envelopes from then on.
    public var attemptedAt: String
    /// When this line was written.
    public var recordedAt: String
    /// How the envelope id became known: `answer` (Yoti's reply) or `search`.
    public var foundBy: String?
    /// Why it failed, or why the outcome is unknown.
    public var detail: String?

    public init(
        key: SubmissionKey, outcome: Outcome, envelopeID: String? = nil, name: String, kind: EnvelopeKind, baseURL: String,
        files: [String], attemptedAt: String, recordedAt: String, foundBy: String? = nil, detail: String? = nil
    ) {
        self.key = key
        self.outcome = outcome
        self.envelopeID = envelopeID
        self.name = name
        self.kind = kind
        self.baseURL = baseURL
        self.files = files
        self.attemptedAt = attemptedAt
        self.recordedAt = recordedAt
        self.foundBy = foundBy
        self.detail = detail
    }

    enum CodingKeys: String, CodingKey {
        case key, outcome
        case envelopeID = "envelope_id"
        case name, kind
        case baseURL = "base_url"
        case files
        case attemptedAt = "attempted_at"
        case recordedAt = "recorded_at"
        case foundBy = "found_by"
        case detail
    }
}
