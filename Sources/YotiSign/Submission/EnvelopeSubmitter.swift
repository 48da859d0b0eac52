import Foundation

/// Creates an envelope at most once per submission.
///
/// Yoti documents no idempotency key, so the submitter keeps its own memory (a
/// ``SubmissionLedger``) and, where that memory holds an unknown outcome, asks Yoti's envelope
/// search:
/// 1. the ledger's last record for the submission's key is `created`: nothing is sent, the
///    recorded envelope is the answer;
/// 2. it is `pending` or `unknown` (an earlier run lost its answer or stopped): the search is
///    asked for an envelope of that name created since the attempt; found, it is the answer;
///    not found, the submitter refuses, since the envelope may still exist;
/// 3. otherwise (never tried, or refused before) the create is sent once, recorded `pending`
///    first and its outcome after. When the outcome is unknown the search is asked at once.
///
/// `allowNewEnvelope` skips steps 1 and 2: the user asks for a second envelope on purpose.
public struct EnvelopeSubmitter: Sendable {
    public var client: YotiSignClient
    public var ledger: SubmissionLedger
    /// How far Yoti's clock may be from ours when matching creation times.
    public var clockSlack: Duration
    public var now: @Sendable () -> Date

    public init(
        client: YotiSignClient, ledger: SubmissionLedger, clockSlack: Duration = .seconds(120),
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.client = client
        self.ledger = ledger
        self.clockSlack = clockSlack
        self.now = now
    }

    /// A create request ready to send, with what the ledger needs to know about it.
    public struct Submission: Sendable, Hashable {
        public var request: EnvelopeRequest
        public var key: SubmissionKey
        public var name: String
        public var kind: EnvelopeKind
        public var files: [String]
        /// Every recipient's address, lower-cased: how a found envelope is told from another of
        /// the same name.
        public var recipientEmails: Set<String>

        /// Preflights and builds the request (as ``YotiSignClient/prepareEnvelope(_:documents:kind:environment:boundary:)``)
        /// and computes its key.
        public init(
            options: EnvelopeOptions, documents: [DocumentUpload], kind: EnvelopeKind, environment: Environment
        ) throws {
            request = try YotiSignClient.prepareEnvelope(options, documents: documents, kind: kind, environment: environment)
            key = try SubmissionKey(documents: documents, options: options, kind: kind, environment: environment)
            name = options.name
            self.kind = kind
            files = documents.map(\.fileName)
            recipientEmails = Self.emails(of: options)
        }

        /// A request built elsewhere (already preflighted), with its key and the options it carries.
        public init(request: EnvelopeRequest, key: SubmissionKey, options: EnvelopeOptions, kind: EnvelopeKind, files: [String]) {
            self.request = request
            self.key = key
            self.name = options.name
            self.kind = kind
            self.files = files
            recipientEmails = Self.emails(of: options)
        }

        static func emails(of options: EnvelopeOptions) -> Set<String> {
            Set(options.recipients.map { $0.email.lowercased() })
        }
    }

    /// Creates the submission's envelope, or reports the one it already has.
    ///
    /// - Throws: ``YotiSignError/outcomeUnknown(request:reason:attempts:)`` when the create may
    ///   have reached Yoti and the search did not find its envelope;
    ///   ``YotiSignError/previousOutcomeUnknown(name:attemptedAt:ledger:)`` when an earlier
    ///   attempt is unsettled; the client's errors otherwise (recorded as `failed`).
    public func submit(_ submission: Submission, allowNewEnvelope: Bool = false) async throws -> SubmissionOutcome {
        if !allowNewEnvelope, let previous = try ledger.latest(for: submission.key) {
            switch previous.outcome {
            case .created:
                if let id = previous.envelopeID { return SubmissionOutcome(envelopeID: id, source: .ledger) }
            case .pending, .unknown:
                let since = Self.parse(previous.attemptedAt) ?? now()
                let found = try await search(for: submission, name: previous.name, since: since)
                guard let first = found.first else {
                    throw YotiSignError.previousOutcomeUnknown(name: previous.name, attemptedAt: previous.attemptedAt, ledger: ledger.path)
                }
                try record(submission, .created, attemptedAt: previous.attemptedAt, envelopeID: first.envelopeID, foundBy: "search")
                return SubmissionOutcome(
                    envelopeID: first.envelopeID, source: .search,
                    otherCandidates: found.count > 1 ? found.dropFirst().map(\.envelopeID) : nil)
            case .failed:
                break
            }
        }

        let attemptedAt = Self.format(now())
        try record(submission, .pending, attemptedAt: attemptedAt)
        do {
            var outcome: SubmissionOutcome
            switch submission.kind {
            case .standard:
                let created = try await client.create(submission.request, EnvelopeCreated.self)
                outcome = SubmissionOutcome(envelopeID: created.envelopeID, source: .created)
            case .embedded:
                let created = try await client.create(submission.request, EmbeddedEnvelopeCreated.self)
                outcome = SubmissionOutcome(envelopeID: created.envelopeID, source: .created, recipients: created.recipients)
            }
            // The envelope exists whatever happens to the ledger now. A record that cannot be
            // written leaves `pending` last, so a re-run searches before it creates anything.
            do {
                try record(submission, .created, attemptedAt: attemptedAt, envelopeID: outcome.envelopeID, foundBy: "answer")
            } catch {
                outcome.ledgerProblem = "\(error)"
            }
            return outcome
        } catch let error as YotiSignError {
            guard case .outcomeUnknown = error else {
                try? record(submission, .failed, attemptedAt: attemptedAt, detail: error.description)
                throw error
            }
            try record(submission, .unknown, attemptedAt: attemptedAt, detail: error.description)
            // Find out for the caller: an envelope of this name created since the attempt is
            // this submission's. A failing search leaves the error as it was.
            let found = (try? await search(for: submission, name: submission.name, since: Self.parse(attemptedAt) ?? now())) ?? []
            guard let first = found.first else { throw error }
            try record(submission, .created, attemptedAt: attemptedAt, envelopeID: first.envelopeID, foundBy: "search")
            return SubmissionOutcome(
                envelopeID: first.envelopeID, source: .search,
                otherCandidates: found.count > 1 ? found.dropFirst().map(\.envelopeID) : nil)
        } catch {
            // Cancelled (or anything else) while the create may have been on its way.
            try? record(submission, .unknown, attemptedAt: attemptedAt, detail: "\(error)")
            throw error
        }
    }

    /// The envelopes that can be this submission's, oldest first: named `name`, created from
    /// `since` (less the clock slack) on, not recorded in the ledger as another submission's, and,
    /// where Yoti's details list recipients, sent to the same addresses. An envelope whose creation
    /// time or recipients cannot be read is kept: it cannot be ruled out.
    public func search(for submission: Submission, name: String, since: Date) async throws -> [EnvelopeSummary] {
        let slack = Double(clockSlack.components.seconds)
        let earliest = since.addingTimeInterval(-slack)
        let query = EnvelopeSearchQuery(
            fromDate: EnvelopeSearchQuery.day(of: earliest),
            toDate: EnvelopeSearchQuery.day(of: now().addingTimeInterval(86_400)))
        let others = Set(try ledger.records().filter { $0.key != submission.key }.compactMap(\.envelopeID))
        let named = try await client.searchAllEnvelopes(query).filter { summary in
            guard summary.name == name, !others.contains(summary.envelopeID) else { return false }
            guard let created = summary.createdDate else { return true }
            return created >= earliest
        }
        var matching: [EnvelopeSummary] = []
        for summary in named {
            // A read; a failure leaves the candidate in.
            if let details = try? await client.envelope(id: summary.envelopeID),
                let recipients = details.details?.recipients, !recipients.isEmpty
            {
                let emails = Set(recipients.filter { $0.type?.uppercased() != "WITNESS" }.compactMap { $0.email?.lowercased() })
                if !emails.isEmpty && emails != submission.recipientEmails { continue }
            }
            matching.append(summary)
        }
        return matching.sorted { ($0.createdDate ?? .distantPast) < ($1.createdDate ?? .distantPast) }
    }

    private func record(
        _ submission: Submission, _ outcome: LedgerRecord.Outcome, attemptedAt: String, envelopeID: String? = nil,
        foundBy: String? = nil, detail: String? = nil
    ) throws {
        try ledger.append(
            LedgerRecord(
                key: submission.key, outcome: outcome, envelopeID: envelopeID, name: submission.name, kind: submission.kind,
                baseURL: client.environment.baseURL, files: submission.files, attemptedAt: attemptedAt,
                recordedAt: Self.format(now()), foundBy: foundBy, detail: detail.map { client.apiKey.redact($0) }))
    }

    static func format(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }

    static func parse(_ text: String) -> Date? {
        EnvelopeSummary.parseTimestamp(text)
    }
}
