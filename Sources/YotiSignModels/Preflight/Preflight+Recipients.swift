extension Preflight.Checker {
    /// Counts, sign groups, and each recipient's own fields, witness, rules and tags.
    mutating func checkRecipients() {
        let recipients = options.recipients
        let signers = recipients.filter { $0.type == .signer }
        let ccs = recipients.filter { $0.type == .cc }
        if recipients.isEmpty {
            add(.noRecipients, "The envelope has no recipients.", at: "recipients")
        } else if signers.isEmpty {
            add(.noSigners, "The envelope has no SIGNER recipients; at least one person must sign.", at: "recipients")
        }
        if signers.count > Preflight.maximumSigners {
            add(
                .tooManySigners,
                "The envelope has \(signers.count) signers; at most \(Preflight.maximumSigners) are allowed.",
                at: "recipients"
            )
        }
        if ccs.count > Preflight.maximumCC {
            add(
                .tooManyCC,
                "The envelope has \(ccs.count) CC recipients; at most \(Preflight.maximumCC) are allowed.",
                at: "recipients"
            )
        }
        checkSignGroups()

        var ccEmails: Set<String> = []
        for (index, recipient) in recipients.enumerated() {
            let at = "recipients[\(index)]"
            let who = describe(recipient, index: index)
            checkIdentity(recipient, who: who, at: at)
            if recipient.type == .cc {
                if !ccEmails.insert(recipient.email.lowercased()).inserted {
                    add(.duplicateCCEmail, "The CC address \(recipient.email) appears more than once.", at: "\(at).email")
                }
                // The recipient-object page allows a CC recipient only a name and an email.
                var extras: [String] = []
                if recipient.role != nil { extras.append("role") }
                if recipient.authType != nil { extras.append("auth_type") }
                if recipient.yotiAttributes != nil { extras.append("yoti_attributes") }
                if recipient.signGroup != nil { extras.append("sign_group") }
                if recipient.activeForSeconds != nil { extras.append("active_for_seconds") }
                if recipient.timeZoneName != nil { extras.append("time_zone_name") }
                if recipient.eventNotifications != nil { extras.append("event_notifications") }
                if recipient.excludedFiles != nil { extras.append("excluded_files") }
                if recipient.isoCountryCode != nil { extras.append("iso_country_code") }
                if recipient.mobileNumber != nil { extras.append("mobile_number") }
                if recipient.verification != nil { extras.append("verification") }
                if recipient.tags != nil { extras.append("tags") }
                if recipient.witness != nil { extras.append("witness") }
                if recipient.rules != nil { extras.append("rules") }
                if !extras.isEmpty {
                    add(
                        .ccFieldsNotAllowed,
                        "CC \(who) has \(extras.joined(separator: ", ")); a CC recipient may only have a name and an email (they only receive the completed documents).",
                        at: at
                    )
                }
                continue
            }
            checkSignerOptions(recipient, who: who, at: at)
            let tags = recipient.tags ?? []
            if options.autotagging == nil && tags.isEmpty {
                let role = recipient.role.map { "role \"\($0)\"" } ?? "no role, so no scanned field could be joined to them"
                add(
                    .signerWithoutFields,
                    "\(who.capitalisingFirst()) has \(role) and no field in any document; they would be invited to sign with nothing to sign. Add their anchors to a template, or use --autotagging if Yoti should place the fields.",
                    at: "\(at).tags"
                )
            }
            checkTags(tags, of: recipient, who: who, at: "\(at).tags")
            checkRules(recipient.rules ?? [], tags: tags, who: who, at: "\(at).rules")
            if let witness = recipient.witness {
                let witnessTags = witness.tags ?? []
                // With auto-tagging the witness's fields come from the anchors, like everyone's.
                if witnessTags.isEmpty && kind == .standard && options.autotagging == nil {
                    add(
                        .witnessWithoutTags,
                        "The witness of \(who) has no tags; Yoti requires at least one tag for a witness.",
                        at: "\(at).witness.tags"
                    )
                }
                checkTags(witnessTags, of: recipient, who: "the witness of \(who)", at: "\(at).witness.tags")
            }
        }
    }

    /// Signers' groups must be exactly 1, 2, … n.
    private mutating func checkSignGroups() {
        let groups = Set(options.recipients.filter { $0.type == .signer }.map(\.effectiveSignGroup))
        guard let highest = groups.max() else { return }
        let invalid = groups.filter { $0 < 1 }.sorted()
        let missing = highest >= 1 ? (1...highest).filter { !groups.contains($0) } : []
        if !invalid.isEmpty || !missing.isEmpty {
            var message = "Sign groups must run 1, 2, 3… with no gaps; the signers use \(Preflight.list(groups.sorted()))"
            if !missing.isEmpty { message += " (no signer is in group \(Preflight.list(missing)))" }
            add(.signGroupsNotSequential, message + ".", at: "recipients")
        }
    }

    /// Name, email and role: lengths and characters.
    private mutating func checkIdentity(_ recipient: Recipient, who: String, at: String) {
        let name = recipient.name
        checkLength(name, in: Preflight.recipientNameLength, "The name of \(who)", .recipientNameInvalid, at: "\(at).name")
        checkCharacters(name, "The name of \(who)", .recipientNameInvalid, at: "\(at).name")
        if !Preflight.isPlausibleEmail(recipient.email) {
            add(.emailInvalid, "The email \"\(recipient.email)\" of \(who) is not a valid address.", at: "\(at).email")
        }
        if let role = recipient.role {
            checkLength(role, atMost: Preflight.maximumRoleLength, "The role of \(who)", .roleInvalid, at: "\(at).role")
            checkCharacters(role, "The role \"\(role)\" of \(who)", .roleInvalid, at: "\(at).role")
        }
    }

    /// Notifications, SMS and OTP numbers, IDV, token lifetime and excluded files.
    private mutating func checkSignerOptions(_ recipient: Recipient, who: String, at: String) {
        let notifications = recipient.eventNotifications
        if kind == .embedded && notifications == nil {
            add(
                .eventNotificationsMissing,
                "\(who.capitalisingFirst()) needs event_notifications in an embedded envelope (it may be []).",
                at: "\(at).event_notifications"
            )
        }
        let wantsSMS = notifications?.contains(.signerInvitationSMS) ?? false
        if wantsSMS && kind == .embedded {
            add(
                .eventNotificationsInvalid,
                "\(who.capitalisingFirst()) asks for signer_invitation_sms, which embedded envelopes do not send.",
                at: "\(at).event_notifications"
            )
        } else if wantsSMS && !(notifications?.contains(.signerInvitation) ?? false) {
            add(
                .eventNotificationsInvalid,
                "\(who.capitalisingFirst()) asks for signer_invitation_sms without signer_invitation; the SMS needs the email too.",
                at: "\(at).event_notifications"
            )
        }
        let needsMobile = wantsSMS || options.hasEnvelopeOTPs == true
        if needsMobile && (isBlank(recipient.mobileNumber) || isBlank(recipient.isoCountryCode)) {
            let reason = wantsSMS ? "SMS invitations" : "envelope OTPs"
            add(
                .mobileNumberMissing,
                "\(who.capitalisingFirst()) needs mobile_number and iso_country_code for \(reason).",
                at: at
            )
        }
        if recipient.authType == .idv && recipient.verification?.idv == nil {
            add(
                .idvVerificationMissing,
                "\(who.capitalisingFirst()) uses auth_type \"idv\" but has no verification.idv session settings.",
                at: "\(at).verification"
            )
        }
        if let seconds = recipient.activeForSeconds, !(1...Preflight.maximumActiveForSeconds).contains(seconds) {
            add(
                .activeForSecondsInvalid,
                "active_for_seconds of \(who) is \(seconds); it must be between 1 and \(Preflight.maximumActiveForSeconds) (one year).",
                at: "\(at).active_for_seconds"
            )
        }
        for (index, file) in (recipient.excludedFiles ?? []).enumerated() where documentsByName[file] == nil {
            add(
                .excludedFileUnknown,
                "\(who.capitalisingFirst()) excludes \"\(file)\", which is not one of the uploaded files.",
                at: "\(at).excluded_files[\(index)]"
            )
        }
    }

    /// Conditional rules: triggers and affected names must be the recipient's own tags.
    private mutating func checkRules(_ rules: [Rule], tags: [Tag], who: String, at: String) {
        let tagsByName = Dictionary(tags.compactMap { tag in tag.name.map { ($0, tag) } }, uniquingKeysWith: { a, _ in a })
        let groupNames = Set(tags.compactMap(\.tagGroupName))
        for (index, rule) in rules.enumerated() {
            let ruleAt = "\(at)[\(index)]"
            var complaints: [String] = []
            if rule.conditions.isEmpty { complaints.append("it has no conditions") }
            var triggers: Set<String> = []
            for condition in rule.conditions {
                let name = condition.triggerTagName
                if !triggers.insert(name).inserted {
                    complaints.append("the trigger \"\(name)\" is repeated")
                } else if let tag = tagsByName[name] {
                    if tag.type == .dateSignedField {
                        complaints.append("the trigger \"\(name)\" is a date_signed_field")
                    }
                } else {
                    complaints.append("the trigger \"\(name)\" is not one of this recipient's tag names")
                }
            }
            for (names, known, noun) in [
                (rule.affectedTagNames ?? [], Set(tagsByName.keys), "tag"),
                (rule.affectedTagGroupNames ?? [], groupNames, "tag group"),
            ] {
                var seen: Set<String> = []
                for name in names {
                    if !seen.insert(name).inserted {
                        complaints.append("the affected \(noun) \"\(name)\" is repeated")
                    } else if triggers.contains(name) {
                        complaints.append("the affected \(noun) \"\(name)\" is also its trigger")
                    } else if !known.contains(name) {
                        complaints.append("the affected \(noun) \"\(name)\" does not exist on this recipient")
                    }
                }
            }
            if !complaints.isEmpty {
                add(
                    .ruleInvalid,
                    "Rule \(index + 1) of \(who) is invalid: \(complaints.joined(separator: "; ")).",
                    at: ruleAt
                )
            }
        }
    }

    private func isBlank(_ text: String?) -> Bool {
        text?.trimmingWhitespace().isEmpty ?? true
    }
}
