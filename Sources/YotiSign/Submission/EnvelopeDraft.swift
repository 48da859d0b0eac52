/// Envelope options built from a recipients file and scanned tags, with the problems the join
/// found (tags for a role no recipient has, two recipients with one role).
///
/// The draft is not yet checked against the API's rules; run ``Preflight/check(_:documents:kind:)``
/// on `options` (``YotiSignClient/prepareEnvelope(_:documents:kind:environment:boundary:)`` does).
public struct EnvelopeDraft: Sendable, Hashable {
    public var options: EnvelopeOptions
    public var problems: [PreflightProblem]

    public init(options: EnvelopeOptions, problems: [PreflightProblem] = []) {
        self.options = options
        self.problems = problems
    }
}

extension RecipientsFile {
    /// The create-envelope options: this file's recipients and options, each signer given the
    /// tags scanned for its `role` in every document (in document order, after any tags the file
    /// already lists).
    ///
    /// - A signer without a `sign_group` takes the scanned one when every document agrees.
    /// - Every signer gets a `tags` list, empty if nothing was found.
    /// - The envelope name is the file's `name`, else `defaultName`.
    ///
    /// The tagging mode is explicit: by default (coordinate mode) the scanned tags are sent and
    /// `autotagging` is left out. With `autotagging` (or the file's own `autotagging`) Yoti places
    /// the fields from the anchors itself: every signer's `tags` is `[]`, the scanned tags serve
    /// only to check that each anchor's role has a recipient.
    public func envelopeOptions(
        joining documents: [ScannedDocument], defaultName: String, autotagging: Autotagging? = nil
    ) -> EnvelopeDraft {
        let mode = autotagging ?? self.autotagging
        var problems: [PreflightProblem] = []
        var recipients = self.recipients
        if let autotagging, let fileMode = self.autotagging, autotagging != fileMode {
            problems.append(
                PreflightProblem(
                    .autotaggingIndustryMismatch,
                    "The recipients file asks for autotagging \(fileMode.rawValue) and the command line for \(autotagging.rawValue); choose one.",
                    at: "autotagging"))
        }

        var indexByRole: [String: Int] = [:]
        for (index, recipient) in recipients.enumerated() {
            guard recipient.type == .signer, let role = recipient.role else { continue }
            if let first = indexByRole[role] {
                problems.append(
                    PreflightProblem(
                        .duplicateRole,
                        "Recipients \(first + 1) and \(index + 1) both have role \"\(role)\"; scanned tags could not be assigned to one of them.",
                        at: "recipients[\(index)].role"
                    )
                )
            } else {
                indexByRole[role] = index
            }
        }

        var scannedGroups: [Int: Set<Int>] = [:]
        for document in documents {
            for entry in document.recipients where !entry.tags.isEmpty {
                guard let index = indexByRole[entry.role] else {
                    problems.append(unknownRole(entry, in: document))
                    continue
                }
                if mode == nil { recipients[index].tags = (recipients[index].tags ?? []) + entry.tags }
                if let group = entry.signGroup { scannedGroups[index, default: []].insert(group) }
            }
        }
        for index in recipients.indices where recipients[index].type == .signer {
            if recipients[index].tags == nil { recipients[index].tags = [] }
            if recipients[index].signGroup == nil, let groups = scannedGroups[index], groups.count == 1 {
                recipients[index].signGroup = groups.first
            }
        }

        var emails = self.emails
        if let message = invitationMessage {
            emails = emails ?? Emails()
            emails?.invitation = Emails.Invitation(message: message)
        }
        if let reminders {
            emails = emails ?? Emails()
            emails?.reminders = reminders
        }
        let options = EnvelopeOptions(
            name: name ?? defaultName, emails: emails, sender: sender, hasEnvelopeOTPs: hasEnvelopeOTPs,
            autotagging: mode, recipients: recipients, notifications: notifications, branding: branding,
            parentRedirectURLs: parentRedirectURLs
        )
        return EnvelopeDraft(options: options, problems: problems)
    }

    private func unknownRole(_ entry: ScannedDocument.RoleTags, in document: ScannedDocument) -> PreflightProblem {
        let count = entry.tags.count
        var message = "\(document.fileName) has \(count) tag\(count == 1 ? "" : "s") for role \"\(entry.role)\", but "
        if recipients.contains(where: { $0.type == .cc && $0.role == entry.role }) {
            message += "that role belongs to a CC recipient, who cannot sign."
        } else {
            let roles = recipients.filter { $0.type == .signer }.compactMap(\.role)
            message += "no signer in the recipients file has that role"
            if let near = roles.first(where: { $0.lowercased() == entry.role.lowercased() }) {
                message += " (did you mean \"\(near)\"?)"
            }
            message += roles.isEmpty ? "." : "; its roles are \(roles.map { "\"\($0)\"" }.joined(separator: ", "))."
        }
        return PreflightProblem(.unknownRole, message, at: document.fileName)
    }
}
