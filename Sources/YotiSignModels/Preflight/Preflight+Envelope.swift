extension Preflight.Checker {
    /// The envelope-wide options: name, emails, reminders, sender, webhooks, branding, redirects.
    mutating func checkEnvelope() {
        let name = options.name
        checkLength(name, in: Preflight.envelopeNameLength, "The envelope name", .envelopeNameInvalid, at: "name")
        checkCharacters(name, "The envelope name \"\(name)\"", .envelopeNameInvalid, at: "name", refusing: Preflight.forbiddenInEnvelopeName)

        let emails = options.emails
        if let message = emails?.invitation?.body.message {
            checkLength(
                message, in: Preflight.invitationMessageLength, "The invitation message", .invitationMessageInvalid,
                at: "emails.invitation.body.message")
        } else if let invited = firstInvitedSigner() {
            add(
                .invitationMessageMissing,
                "\(invited) is sent an invitation email, so the envelope needs an invitation message (emails.invitation.body.message).",
                at: "emails.invitation"
            )
        }
        if let senderName = emails?.name {
            checkCharacters(senderName, "The sender name \"\(senderName)\"", .senderNameInvalid, at: "emails.name")
        }
        if let replyTo = emails?.replyTo, !Preflight.isPlausibleEmail(replyTo) {
            add(.replyToInvalid, "The reply-to address \"\(replyTo)\" is not a valid email address.", at: "emails.reply_to")
        }
        if let frequency = emails?.reminders?.frequency, !Reminders.allowedFrequencies.contains(frequency) {
            add(
                .reminderFrequencyInvalid,
                "The reminder frequency \(frequency) is not one of 0, 1, 2 or 7 days.",
                at: "emails.reminders.frequency"
            )
        }
        for notification in options.sender?.eventNotifications ?? [] where notification != .envelopeCompletion {
            add(
                .senderNotificationInvalid,
                "The sender can only be sent \"envelope_completion\", not \"\(notification.rawValue)\".",
                at: "sender.event_notifications"
            )
        }
        if let destination = options.notifications?.destination, !Preflight.isHTTPSURL(destination) {
            add(
                .notificationDestinationInvalid,
                "The webhook destination \"\(destination)\" must be an https:// URL.",
                at: "notifications.destination"
            )
        }
        for (index, name) in (options.notifications?.subscriptions ?? []).enumerated() where WebhookEvent(rawValue: name) == nil {
            var message = "The webhook subscription \"\(name)\" is not an event Yoti sends"
            if let near = WebhookEvent.allCases.first(where: { $0.rawValue == name.lowercased() || $0.rawValue + "s" == name || $0.rawValue == name + "s" }) {
                message += " (did you mean \"\(near.rawValue)\"?)"
            }
            add(.webhookEventUnknown, message + ".", at: "notifications.subscriptions[\(index)]")
        }
        checkTaggingMode()
        if let redirects = options.parentRedirectURLs {
            for (key, url) in [("success", redirects.success), ("failure", redirects.failure)]
            where !Preflight.isHTTPSURL(url) {
                add(
                    .redirectURLInvalid,
                    "The \(key) redirect \"\(url)\" must be an https:// URL.",
                    at: "parent_redirect_urls.\(key)"
                )
            }
        }
        if let logo = options.branding?.logoOptions?.logoBase64 {
            let bytes = Preflight.decodedBase64Length(logo)
            if bytes > Preflight.maximumLogoBytes {
                add(
                    .logoTooLarge,
                    "The branding logo is \(bytes / 1000) kB; at most \(Preflight.maximumLogoBytes / 1000) kB are allowed.",
                    at: "branding.logo_options.logo_base64"
                )
            }
        }
    }

    /// Auto-tagging wants every recipient's `tags` empty and an industry type whose matrix has
    /// the recipients' roles; coordinate mode (no `autotagging`) wants a field for every signer,
    /// which ``checkRecipients()`` checks.
    private mutating func checkTaggingMode() {
        guard let industry = options.autotagging else { return }
        for (index, recipient) in options.recipients.enumerated() {
            let count = (recipient.tags ?? []).count + (recipient.witness?.tags ?? []).count
            if count > 0 {
                add(
                    .autotaggingWithTags,
                    "\(describe(recipient, index: index).capitalisingFirst()) has \(count) explicit tag\(count == 1 ? "" : "s") while autotagging is \(industry.rawValue); Yoti places auto-tagged fields itself and wants \"tags\": [], so each field could be placed twice.",
                    at: "recipients[\(index)].tags")
            }
        }
        guard industry != .all else { return }
        var needed: [String] = []
        for recipient in options.recipients where recipient.type == .signer {
            guard let role = recipient.role, let word = role.split(separator: " ").first.map(String.init),
                let wanted = Self.industryOfRole[word.lowercased()], wanted != industry,
                !needed.contains(role)
            else { continue }
            needed.append(role)
        }
        if !needed.isEmpty {
            let roles = needed.map { "\"\($0)\"" }.joined(separator: ", ")
            let other = industry == .general ? "REAL_ESTATE" : "GENERAL"
            add(
                .autotaggingIndustryMismatch,
                "autotagging is \(industry.rawValue), whose matrix has no anchors for \(roles); use \(other) (or ALL for a mix of Signer and real-estate roles).",
                at: "autotagging")
        }
    }

    /// Which matrix holds each auto-tag role (by the role's first word, as in "Tenant 1").
    static let industryOfRole: [String: Autotagging] = [
        "signer": .general, "tenant": .realEstate, "landlord": .realEstate, "agent": .realEstate,
        "guarantor": .realEstate, "contractor": .realEstate,
    ]

    /// The first signer who will get an invitation email, described for a message. On a standard
    /// envelope that is the default when `event_notifications` is omitted; an embedded envelope
    /// sends it only when asked, and then needs the message just the same.
    private func firstInvitedSigner() -> String? {
        for (index, recipient) in options.recipients.enumerated() where recipient.type == .signer {
            let notifications = recipient.eventNotifications ?? (kind == .standard ? [.signerInvitation] : [])
            if notifications.contains(.signerInvitation) {
                return describe(recipient, index: index).capitalisingFirst()
            }
        }
        return nil
    }

    /// `recipient 2 "Ada Lovelace" (Signer 1)`: how messages name a recipient.
    func describe(_ recipient: Recipient, index: Int) -> String {
        var text = "recipient \(index + 1) \"\(recipient.name)\""
        if let role = recipient.role, !role.isEmpty { text += " (\(role))" }
        return text
    }
}

extension String {
    func capitalisingFirst() -> String {
        guard let first else { return self }
        return first.uppercased() + dropFirst()
    }
}
