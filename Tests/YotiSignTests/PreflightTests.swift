import Testing

@testable import YotiSign
@testable import YotiSignModels

/// The inputs of one preflight run.
struct Scenario: Sendable {
    var options = Fixtures.options
    var documents = [Fixtures.nda]
    var kind = EnvelopeKind.standard

    var problems: [PreflightProblem] { Preflight.check(options, documents: documents, kind: kind) }

    /// The first signer (Ada), read and written in place.
    var signer: Recipient {
        get { options.recipients[0] }
        set { options.recipients[0] = newValue }
    }

    /// Ada's tags.
    var tags: [Tag] {
        get { signer.tags ?? [] }
        set { signer.tags = newValue }
    }

    mutating func dropAllTags() {
        signer.tags = []
        signer.witness = nil
        signer.rules = nil
    }

    static func doc(_ name: String, bytes: Int = 10, pages: Int? = 1) -> DocumentUpload {
        DocumentUpload(fileName: name, bytes: [UInt8](repeating: 0x25, count: bytes), pageCount: pages)
    }
}

/// One preflight rule: a change that breaks it (and nothing else) and a near-miss that passes.
struct RuleCase: Sendable, CustomTestStringConvertible {
    let code: PreflightProblem.Code
    let trigger: @Sendable (inout Scenario) -> Void
    let pass: @Sendable (inout Scenario) -> Void

    var testDescription: String { code.rawValue }

    init(
        _ code: PreflightProblem.Code, trigger: @escaping @Sendable (inout Scenario) -> Void,
        pass: @escaping @Sendable (inout Scenario) -> Void
    ) {
        self.code = code
        self.trigger = trigger
        self.pass = pass
    }
}

extension RuleCase {
    static func longText(_ n: Int) -> String { String(repeating: "a", count: n) }

    static let all: [RuleCase] = [
        // Files.
        // Auto-tagging, so that a signer without tags is not a problem of its own.
        RuleCase(
            .noFiles,
            trigger: {
                $0.documents = []; $0.dropAllTags(); $0.options.autotagging = .general
            },
            pass: {
                $0.dropAllTags(); $0.options.autotagging = .general
            }
        ),
        RuleCase(
            .tooManyFiles, trigger: { $0.documents += (1...20).map { Scenario.doc("extra\($0).pdf") } },
            pass: { $0.documents += (1...19).map { Scenario.doc("extra\($0).pdf") } }
        ),
        RuleCase(
            .filesTooLarge,
            trigger: { $0.documents += [Scenario.doc("big.pdf", bytes: 20_000_001 - Fixtures.pdfBytes.count)] },
            pass: { $0.documents += [Scenario.doc("big.pdf", bytes: 20_000_000 - Fixtures.pdfBytes.count)] }
        ),
        RuleCase(
            .unsupportedFileType, trigger: { $0.documents.append(Scenario.doc("notes.txt")) },
            pass: { $0.documents += [Scenario.doc("notes.docx", pages: nil), Scenario.doc("old.DOC", pages: nil)] }
        ),
        RuleCase(
            .emptyFile, trigger: { $0.documents.append(Scenario.doc("empty.pdf", bytes: 0)) }, pass: { $0.documents.append(Scenario.doc("one.pdf", bytes: 1)) }),
        RuleCase(
            .fileNameInvalid, trigger: { $0.documents.append(Scenario.doc("a\"b.pdf")) },
            pass: { $0.documents.append(Scenario.doc("Contract – Ünïcode (v2).pdf")) }
        ),
        RuleCase(
            .duplicateFileName, trigger: { $0.documents.append(Fixtures.nda) },
            pass: { $0.documents.append(Scenario.doc("nda-2.pdf")) }
        ),
        // Envelope options.
        RuleCase(.envelopeNameInvalid, trigger: { $0.options.name = "NDA: Acme" }, pass: { $0.options.name = "NDA / Acme" }),
        RuleCase(
            .envelopeNameInvalid, trigger: { $0.options.name = longText(126) }, pass: { $0.options.name = longText(125) }
        ),
        RuleCase(.envelopeNameInvalid, trigger: { $0.options.name = "" }, pass: { $0.options.name = "N" }),
        RuleCase(
            .invitationMessageMissing, trigger: { $0.options.emails = nil },
            pass: {
                $0.options.emails = nil; $0.signer.eventNotifications = [.envelopeCompletion]
            }
        ),
        RuleCase(
            .invitationMessageInvalid, trigger: { $0.options.emails = Emails(invitationMessage: longText(601)) },
            pass: { $0.options.emails = Emails(invitationMessage: longText(600)) }
        ),
        RuleCase(.senderNameInvalid, trigger: { $0.options.emails?.name = "Acme|Legal" }, pass: { $0.options.emails?.name = "Acme Legal" }),
        RuleCase(.replyToInvalid, trigger: { $0.options.emails?.replyTo = "legal at acme" }, pass: { $0.options.emails?.replyTo = "legal@acme.example" }),
        RuleCase(
            .reminderFrequencyInvalid, trigger: { $0.options.emails?.reminders = Reminders(frequency: 3) },
            pass: { $0.options.emails?.reminders = Reminders(frequency: 7) }
        ),
        RuleCase(
            .senderNotificationInvalid, trigger: { $0.options.sender = Sender(eventNotifications: [.signerInvitation]) },
            pass: { $0.options.sender = Sender(eventNotifications: [.envelopeCompletion]) }
        ),
        RuleCase(
            .notificationDestinationInvalid,
            trigger: { $0.options.notifications = Notifications(destination: "http://hooks.example.com/yoti", subscriptions: ["envelope_completion"]) },
            pass: { $0.options.notifications = Notifications(destination: "https://hooks.example.com/yoti", subscriptions: ["envelope_completion"]) }
        ),
        RuleCase(
            .redirectURLInvalid,
            trigger: { $0.options.parentRedirectURLs = ParentRedirectURLs(success: "http://example.com/ok", failure: "https://example.com/no") },
            pass: { $0.options.parentRedirectURLs = ParentRedirectURLs(success: "https://example.com/ok", failure: "https://example.com/no") }
        ),
        RuleCase(
            .logoTooLarge,
            trigger: { $0.options.branding = Branding(logoOptions: .init(logoBase64: String(repeating: "A", count: 266_668))) },
            pass: { $0.options.branding = Branding(logoOptions: .init(logoBase64: String(repeating: "A", count: 266_664) + "==")) }
        ),
        // Recipients.
        RuleCase(.noRecipients, trigger: { $0.options.recipients = [] }, pass: { $0.options.recipients.removeLast() }),
        RuleCase(.noSigners, trigger: { $0.options.recipients.removeFirst() }, pass: { $0.options.recipients.removeLast() }),
        RuleCase(
            .tooManySigners, trigger: { $0.options.recipients = Fixtures.signers(31) },
            pass: { $0.options.recipients = Fixtures.signers(30) + Fixtures.ccs(30) }
        ),
        RuleCase(
            .tooManyCC, trigger: { $0.options.recipients = Fixtures.signers(1) + Fixtures.ccs(31) },
            pass: { $0.options.recipients = Fixtures.signers(1) + Fixtures.ccs(30) }
        ),
        RuleCase(.recipientNameInvalid, trigger: { $0.signer.name = "Ada/Lovelace" }, pass: { $0.signer.name = "Ada O'Lovelace-Byron" }),
        RuleCase(.recipientNameInvalid, trigger: { $0.signer.name = longText(101) }, pass: { $0.signer.name = longText(100) }),
        RuleCase(.roleInvalid, trigger: { $0.signer.role = longText(51) }, pass: { $0.signer.role = longText(50) }),
        RuleCase(.roleInvalid, trigger: { $0.signer.role = "Signer?1" }, pass: { $0.signer.role = "Signer (1)" }),
        RuleCase(.emailInvalid, trigger: { $0.signer.email = "ada@example" }, pass: { $0.signer.email = "ada.lovelace+nda@mail.example.co.uk" }),
        RuleCase(.emailInvalid, trigger: { $0.signer.email = "ada lovelace@example.com" }, pass: { $0.signer.email = "a@b.io" }),
        RuleCase(
            .duplicateCCEmail, trigger: { $0.options.recipients.append(Recipient(type: .cc, name: "Legal 2", email: "LEGAL@example.com")) },
            pass: { $0.options.recipients.append(Recipient(type: .cc, name: "Legal 2", email: "legal2@example.com")) }
        ),
        RuleCase(
            .ccFieldsNotAllowed, trigger: { $0.options.recipients[1].tags = [Fixtures.signature()] },
            pass: { $0.options.recipients[1].tags = nil }
        ),
        // The recipient-object page: a CC recipient carries only name and email.
        RuleCase(.ccFieldsNotAllowed, trigger: { $0.options.recipients[1].role = "Legal" }, pass: { $0.options.recipients[1].name = "Legal team" }),
        RuleCase(.ccFieldsNotAllowed, trigger: { $0.options.recipients[1].signGroup = 1 }, pass: { $0.options.recipients[1].email = "law@example.com" }),
        RuleCase(.ccFieldsNotAllowed, trigger: { $0.options.recipients[1].authType = .noAuth }, pass: { $0.signer.authType = .noAuth }),
        RuleCase(
            .ccFieldsNotAllowed, trigger: { $0.options.recipients[1].eventNotifications = [.envelopeCompletion] },
            pass: { $0.signer.eventNotifications = [.signerInvitation, .envelopeCompletion] }
        ),
        // Coordinate mode: a signer must have something to sign.
        RuleCase(
            .signerWithoutFields,
            trigger: { $0.options.recipients.append(Recipient(name: "Bob", email: "bob@example.com", role: "Signer 2", tags: [])) },
            pass: { $0.options.recipients.append(Recipient(name: "Bob", email: "bob@example.com", role: "Signer 2", tags: [Fixtures.signature(y: 0.3)])) }
        ),
        // Auto-tagging mode: no explicit tags, and an industry type that has the roles.
        RuleCase(
            .autotaggingWithTags,
            trigger: {
                $0.options.autotagging = .general; $0.signer.rules = nil; $0.signer.witness = nil
            },
            pass: {
                $0.options.autotagging = .general; $0.dropAllTags(); $0.signer.witness = Witness(tags: [])
            }
        ),
        RuleCase(
            .autotaggingIndustryMismatch,
            trigger: {
                $0.options.autotagging = .general; $0.dropAllTags(); $0.signer.role = "Tenant 1"
            },
            pass: {
                $0.options.autotagging = .realEstate; $0.dropAllTags(); $0.signer.role = "Tenant 1"
            }
        ),
        RuleCase(
            .autotaggingIndustryMismatch,
            trigger: {
                $0.options.autotagging = .realEstate; $0.dropAllTags()
            },
            pass: {
                $0.options.autotagging = .all; $0.dropAllTags()
            }
        ),
        // Webhook event names as the notifications page lists them.
        RuleCase(
            .webhookEventUnknown,
            trigger: { $0.options.notifications = Notifications(destination: "https://hooks.example.com/yoti", subscriptions: ["upload_error"]) },
            pass: {
                $0.options.notifications = Notifications(destination: "https://hooks.example.com/yoti", subscriptions: WebhookEvent.allCases.map(\.rawValue))
            }
        ),
        // An embedded envelope that sends invitations needs the message as a standard one does.
        RuleCase(
            .invitationMessageMissing,
            trigger: {
                $0.kind = .embedded; $0.options.emails = nil; $0.signer.eventNotifications = [.signerInvitation]
            },
            pass: {
                $0.kind = .embedded; $0.signer.eventNotifications = [.signerInvitation]
            }
        ),
        RuleCase(
            .signGroupsNotSequential,
            trigger: {
                $0.options.recipients.append(Recipient(name: "Bob", email: "bob@example.com", role: "Signer 2", signGroup: 3, tags: [Fixtures.signature()]))
            },
            pass: {
                $0.options.recipients.append(Recipient(name: "Bob", email: "bob@example.com", role: "Signer 2", signGroup: 2, tags: [Fixtures.signature()]))
            }
        ),
        RuleCase(
            .signGroupsNotSequential, trigger: { $0.signer.signGroup = 2 }, pass: { $0.signer.signGroup = nil }
        ),
        RuleCase(
            .eventNotificationsMissing, trigger: { $0.kind = .embedded },
            pass: {
                $0.kind = .embedded; $0.signer.eventNotifications = []; $0.options.emails = nil
            }
        ),
        RuleCase(
            .eventNotificationsInvalid,
            trigger: {
                $0.signer.eventNotifications = [.signerInvitationSMS]; $0.signer.mobileNumber = "7999999999"; $0.signer.isoCountryCode = "GB"
            },
            pass: {
                $0.signer.eventNotifications = [.signerInvitation, .signerInvitationSMS]; $0.signer.mobileNumber = "7999999999"; $0.signer.isoCountryCode = "GB"
            }
        ),
        RuleCase(
            .mobileNumberMissing, trigger: { $0.options.hasEnvelopeOTPs = true },
            pass: {
                $0.options.hasEnvelopeOTPs = true; $0.signer.mobileNumber = "7999999999"; $0.signer.isoCountryCode = "GB"
            }
        ),
        RuleCase(
            .idvVerificationMissing, trigger: { $0.signer.authType = .idv },
            pass: {
                $0.signer.authType = .idv; $0.signer.verification = Verification(idv: .init(sessionConfigName: "HR"))
            }
        ),
        RuleCase(
            .activeForSecondsInvalid, trigger: { $0.signer.activeForSeconds = 31_536_001 },
            pass: { $0.signer.activeForSeconds = 31_536_000 }
        ),
        RuleCase(
            .excludedFileUnknown, trigger: { $0.signer.excludedFiles = ["other.pdf"] },
            pass: {
                $0.documents.append(Scenario.doc("other.pdf")); $0.signer.excludedFiles = ["other.pdf"]
            }
        ),
        RuleCase(
            .witnessWithoutTags, trigger: { $0.signer.witness = Witness() },
            pass: {
                $0.kind = .embedded; $0.signer.eventNotifications = []; $0.signer.witness = Witness()
            }
        ),
        RuleCase(
            .ruleInvalid, trigger: { $0.signer.rules?[0].conditions[0].triggerTagName = "nope" },
            pass: { $0.signer.rules?[0].affectedTagGroupNames = ["Plan"] }
        ),
        RuleCase(
            .ruleInvalid, trigger: { $0.signer.rules?[0].affectedTagNames = ["company"] },
            pass: { $0.signer.rules?[0].action = .hide }
        ),
        // Tags.
        RuleCase(
            .tooManyTags,
            trigger: {
                $0.signer.rules = nil; $0.tags = Array(repeating: Fixtures.signature(), count: 201)
            },
            pass: {
                $0.signer.rules = nil; $0.tags = Array(repeating: Fixtures.signature(), count: 200)
            }
        ),
        RuleCase(.tagFileUnknown, trigger: { $0.tags[0].fileName = "NDA.pdf" }, pass: { $0.tags[0].fileName = "nda.pdf" }),
        RuleCase(
            .tagFileExcluded, trigger: { $0.signer.excludedFiles = ["nda.pdf"] },
            pass: {
                $0.documents.append(Scenario.doc("other.pdf")); $0.signer.excludedFiles = ["other.pdf"]
            }
        ),
        RuleCase(.tagPageOutOfRange, trigger: { $0.tags[0].pageNumber = 3 }, pass: { $0.tags[0].pageNumber = 1 }),
        RuleCase(
            .tagPageOutOfRange, trigger: { $0.tags[0].pageNumber = 0 },
            pass: {
                $0.documents[0].pageCount = nil; $0.tags[0].pageNumber = 99
            }),
        RuleCase(.tagPositionOutOfRange, trigger: { $0.tags[0].x = 0.95 }, pass: { $0.tags[0].x = 0.949 }),
        RuleCase(.tagPositionOutOfRange, trigger: { $0.tags[0].y = -0.01 }, pass: { $0.tags[0].y = 0 }),
        RuleCase(.tagPositionOutOfRange, trigger: { $0.tags[0].y = .nan }, pass: { $0.tags[0].y = 0.949 }),
        RuleCase(.textFieldWidthMissing, trigger: { $0.tags[2].width = nil }, pass: { $0.tags[2].width = 0.05 }),
        RuleCase(.textFieldWidthInvalid, trigger: { $0.tags[2].width = 0 }, pass: { $0.tags[2].width = 0.01 }),
        RuleCase(
            .textFieldTooWide,
            trigger: {
                $0.tags[2].x = 0.6; $0.tags[2].width = 0.4
            },
            pass: {
                $0.tags[2].x = 0.6; $0.tags[2].width = 0.39
            }
        ),
        RuleCase(.dateSignedOptional, trigger: { $0.tags[1].optional = true }, pass: { $0.tags[1].optional = false }),
        RuleCase(
            .tagNameInvalid, trigger: { $0.tags[0].name = longText(51) }, pass: { $0.tags[0].name = longText(50) }
        ),
        RuleCase(.duplicateTagName, trigger: { $0.tags[0].name = "company" }, pass: { $0.tags[0].name = "company signature" }),
        RuleCase(
            .tagGroupTooSmall, trigger: { $0.tags.removeLast() },
            pass: { $0.tags.append(Tag(pageNumber: 1, x: 0.5, y: 0.7, type: .radioField, optional: false, fileName: "nda.pdf", tagGroupName: "Plan")) }
        ),
        RuleCase(
            .tagGroupNameInvalid,
            trigger: {
                $0.tags[4].tagGroupName = "Plan-A"; $0.tags[5].tagGroupName = "Plan-A"; $0.signer.rules = nil
            },
            pass: {
                $0.tags[4].tagGroupName = "Plan A 2"; $0.tags[5].tagGroupName = "Plan A 2"
            }
        ),
        RuleCase(
            .tagGroupMixed, trigger: { $0.tags[4].optional = true },
            pass: {
                $0.tags[4].optional = true; $0.tags[5].optional = true
            }
        ),
        RuleCase(
            .tagGroupMixed, trigger: { $0.tags[4].type = .checkboxField },
            pass: {
                $0.tags[4].type = .checkboxField; $0.tags[5].type = .checkboxField
            }
        ),
        RuleCase(.prefilledValueInvalid, trigger: { $0.tags[2].prefilledValue = "Acme/Ltd" }, pass: { $0.tags[2].prefilledValue = "Acme & Co. Ltd" }),
        RuleCase(.helpTextInvalid, trigger: { $0.tags[2].helpText = "Type: here" }, pass: { $0.tags[2].helpText = longText(255) }),
        RuleCase(.helpTextInvalid, trigger: { $0.tags[2].helpText = longText(256) }, pass: { $0.tags[2].helpText = nil }),
    ]
}

@Suite("Preflight")
struct PreflightTests {
    @Test("the baseline envelope is clean")
    func baselineIsClean() {
        #expect(Scenario().problems == [])
    }

    @Test("a rule's near miss passes", arguments: RuleCase.all)
    func nearMissPasses(_ rule: RuleCase) {
        var scenario = Scenario()
        rule.pass(&scenario)
        #expect(scenario.problems == [])
    }

    @Test("a rule's trigger reports exactly that rule", arguments: RuleCase.all)
    func triggerReportsTheRule(_ rule: RuleCase) {
        var scenario = Scenario()
        rule.trigger(&scenario)
        let problems = scenario.problems
        #expect(Set(problems.map(\.code)) == [rule.code], "\(problems)")
        #expect(problems.allSatisfy { !$0.message.isEmpty })
    }

    @Test("every preflight code has a triggering and a clean case")
    func everyCodeIsCovered() {
        let joinCodes: Set<PreflightProblem.Code> = [.unknownRole, .duplicateRole]
        let covered = Set(RuleCase.all.map(\.code))
        let missing = Set(PreflightProblem.Code.allCases).subtracting(covered).subtracting(joinCodes)
        #expect(missing.isEmpty, "no RuleCase for \(missing.map(\.rawValue).sorted())")
    }

    @Test("codes are unique, kebab-case, stable strings")
    func codesAreStable() {
        let raw = PreflightProblem.Code.allCases.map(\.rawValue)
        #expect(Set(raw).count == raw.count)
        #expect(raw.allSatisfy { $0.allSatisfy { $0.isLowercase || $0 == "-" } })
        #expect(PreflightProblem.Code.tagPositionOutOfRange.rawValue == "tag-position-out-of-range")
    }

    @Test("messages name the recipient, the tag, the file and the location")
    func messagesNameTheirSubject() throws {
        var scenario = Scenario()
        scenario.tags[0].pageNumber = 5
        let problem = try #require(scenario.problems.first)
        #expect(problem.location == "recipients[0].tags[0].page_number")
        #expect(problem.message.hasPrefix("Tag 1 (signature on page 5 of nda.pdf) of recipient 1"))
        #expect(problem.message.contains("\"Ada Lovelace\" (Signer 1)"))
        #expect(problem.message.contains("nda.pdf has 2 pages"))
        #expect(problem.description.hasSuffix("[tag-page-out-of-range]"))
    }

    @Test("witness tags are checked and named as the witness's")
    func witnessTagsAreChecked() throws {
        var scenario = Scenario()
        scenario.signer.witness = Witness(tags: [Fixtures.signature(x: 1.2)])
        let problem = try #require(scenario.problems.first)
        #expect(problem.code == .tagPositionOutOfRange)
        #expect(problem.location == "recipients[0].witness.tags[0].x")
        #expect(problem.message.contains("the witness of recipient 1"))
    }

    @Test("every problem is reported, not just the first")
    func reportsAllProblems() {
        var scenario = Scenario()
        scenario.options.name = "a:b"
        scenario.tags[0].x = 2
        scenario.tags[1].optional = true
        scenario.documents.append(Scenario.doc("x.txt"))
        #expect(
            scenario.problems.map(\.code)
                == [.unsupportedFileType, .envelopeNameInvalid, .tagPositionOutOfRange, .dateSignedOptional]
        )
    }

    @Test(
        "email plausibility",
        arguments: [
            ("ada@example.com", true), ("a.b+c@sub.example.co.uk", true), ("ada@example", false),
            ("@example.com", false), ("ada@", false), ("ada@@example.com", false), ("ada@exa mple.com", false),
            ("ada@.example.com", false), ("ada@example..com", false), ("", false),
        ]
    )
    func emailPlausibility(_ email: String, _ valid: Bool) {
        #expect(Preflight.isPlausibleEmail(email) == valid)
    }
}
