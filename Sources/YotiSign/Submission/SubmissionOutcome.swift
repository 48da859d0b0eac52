/// What `submit` ended with: the envelope of this submission, and how it is known.
public struct SubmissionOutcome: Sendable, Codable, Hashable {
    public enum Source: String, Sendable, Codable, Hashable {
        /// Created now; Yoti's answer named it.
        case created
        /// Created by an earlier run, as the ledger records; nothing was sent.
        case ledger
        /// Yoti's envelope search found it after an answer was lost.
        case search
    }

    public var envelopeID: String
    public var source: Source
    /// Embedded envelopes created now: each recipient's signing token (never kept in the ledger,
    /// so a re-run cannot show them again).
    public var recipients: [EmbeddedEnvelopeCreated.RecipientToken]?
    /// Other envelopes the search matched, when it found more than one candidate.
    public var otherCandidates: [String]?
    /// Why the ledger could not record the envelope just created (it still exists; a re-run
    /// finds it with the search).
    public var ledgerProblem: String?

    public init(
        envelopeID: String, source: Source, recipients: [EmbeddedEnvelopeCreated.RecipientToken]? = nil,
        otherCandidates: [String]? = nil
    ) {
        self.envelopeID = envelopeID
        self.source = source
        self.recipients = recipients
        self.otherCandidates = otherCandidates
    }

    enum CodingKeys: String, CodingKey {
        case envelopeID = "envelope_id"
        case source, recipients
        case otherCandidates = "other_candidates"
        case ledgerProblem = "ledger_problem"
    }
}
