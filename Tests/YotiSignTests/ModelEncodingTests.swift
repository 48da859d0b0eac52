import Foundation
import Testing

@testable import YotiSign
@testable import YotiSignModels

@Suite("Model encoding")
struct ModelEncodingTests {
    /// Options with every documented field set, to pin every key's spelling.
    static let everything = EnvelopeOptions(
        name: "Lease",
        emails: Emails(
            invitation: Emails.Invitation(message: "Please sign."), replyTo: "agent@example.com", name: "Acme Lettings",
            reminders: Reminders(frequency: 2)
        ),
        sender: Sender(eventNotifications: [.envelopeCompletion]),
        hasEnvelopeOTPs: true,
        autotagging: .realEstate,
        recipients: [
            Recipient(
                type: .signer, name: "Tess Tenant", email: "tess@example.com", role: "Tenant 1", authType: .idv,
                yotiAttributes: ["full_name"], signGroup: 1, activeForSeconds: 86400, timeZoneName: "Europe/London",
                eventNotifications: [.signerInvitation, .signerInvitationSMS, .envelopeCompletion],
                excludedFiles: ["annex.pdf"], isoCountryCode: "GB", mobileNumber: "7999999999",
                verification: Verification(
                    idv: .init(sessionConfigName: "Real Estate", when: "before_viewing", sessionLimit: 3, blocksSigning: ["deadend_errors"]),
                    age: .init(ageEstimation: .init(allowed: true))
                ),
                tags: [
                    Tag(
                        pageNumber: 1, x: 0.25, y: 0.5, type: .textField, optional: true, fileName: "lease.pdf",
                        width: 0.3, name: "rent", tagGroupName: nil, prefilledValue: "1000", helpText: "Monthly rent",
                        readonly: false, disableResize: true,
                        validation: Tag.Validation(regex: "^[0-9]*$", errorMessage: "Numbers only", flags: "gm")
                    )
                ],
                witness: Witness(authType: .noAuth, tags: [Tag(pageNumber: 2, x: 0.1, y: 0.9, type: .signature, optional: false, fileName: "lease.pdf")]),
                rules: [
                    Rule(
                        action: .makeOptional, conditions: [.init(triggerTagName: "rent", criteria: .noValue)],
                        affectedTagNames: ["a"], affectedTagGroupNames: ["b"], affectedTagNamesOtherRecipients: ["c"],
                        affectedTagGroupNamesOtherRecipients: ["d"]
                    )
                ]
            )
        ],
        notifications: Notifications(destination: "https://hooks.example.com", subscriptions: ["envelope_completion"]),
        branding: Branding(
            logoOptions: .init(logoChoice: .brandPoweredByYoti, logoBase64: "iVBORw0KGgo="), primaryColor: "#000",
            primaryColorHover: "#111", onPrimaryColor: "#fff", secondaryColor: "#222", secondaryColorHover: "#333"
        ),
        parentRedirectURLs: ParentRedirectURLs(success: "https://example.com/ok", failure: "https://example.com/no")
    )

    static func json(_ value: some Encodable) throws -> String {
        String(decoding: try YotiJSON.encode(value), as: UTF8.self)
    }
}

extension ModelEncodingTests {
    @Test("the fixture envelope encodes to the golden wire JSON")
    func goldenFixture() throws {
        let golden = #"""
            {"emails":{"invitation":{"body":{"message":"Please sign the NDA."}}},"name":"NDA for Acme","recipients":[\#
            {"email":"ada@example.com","name":"Ada Lovelace","role":"Signer 1","rules":[{"action":"make_required",\#
            "affected_tag_names":["phone"],"conditions":[{"criteria":"has_value","trigger_tag_name":"company"}]}],\#
            "sign_group":1,"tags":[\#
            {"file_name":"nda.pdf","optional":false,"page_number":2,"type":"signature","x":0.1,"y":0.8},\#
            {"file_name":"nda.pdf","optional":false,"page_number":2,"type":"date_signed_field","x":0.5,"y":0.8},\#
            {"file_name":"nda.pdf","help_text":"Company name","name":"company","optional":true,"page_number":1,\#
            "prefilled_value":"Acme Ltd","type":"text_field","width":0.4,"x":0.1,"y":0.5},\#
            {"file_name":"nda.pdf","name":"phone","optional":true,"page_number":1,"type":"text_field","width":0.3,"x":0.1,"y":0.6},\#
            {"file_name":"nda.pdf","optional":false,"page_number":1,"tag_group_name":"Plan","type":"radio_field","x":0.1,"y":0.7},\#
            {"file_name":"nda.pdf","optional":false,"page_number":1,"tag_group_name":"Plan","type":"radio_field","x":0.3,"y":0.7}],\#
            "type":"SIGNER","witness":{"tags":[{"file_name":"nda.pdf","optional":false,"page_number":2,"type":"signature","x":0.1,"y":0.9}]}},\#
            {"email":"legal@example.com","name":"Legal","type":"CC"}]}
            """#
        #expect(try Self.json(Fixtures.options) == golden)
    }

    @Test("every documented field encodes under the API's snake_case key")
    func goldenEverything() throws {
        let golden = #"""
            {
              "name": "Lease",
              "emails": {
                "invitation": { "body": { "message": "Please sign." } },
                "reply_to": "agent@example.com", "name": "Acme Lettings", "reminders": { "frequency": 2 }
              },
              "sender": { "event_notifications": ["envelope_completion"] },
              "has_envelope_otps": true,
              "autotagging": "REAL_ESTATE",
              "recipients": [{
                "type": "SIGNER", "name": "Tess Tenant", "email": "tess@example.com", "role": "Tenant 1",
                "auth_type": "idv", "yoti_attributes": ["full_name"], "sign_group": 1, "active_for_seconds": 86400,
                "time_zone_name": "Europe/London",
                "event_notifications": ["signer_invitation", "signer_invitation_sms", "envelope_completion"],
                "excluded_files": ["annex.pdf"], "iso_country_code": "GB", "mobile_number": "7999999999",
                "verification": {
                  "idv": { "session_config_name": "Real Estate", "when": "before_viewing", "session_limit": 3,
                           "blocks_signing": ["deadend_errors"] },
                  "age": { "age_estimation": { "allowed": true } }
                },
                "tags": [{
                  "page_number": 1, "x": 0.25, "y": 0.5, "type": "text_field", "optional": true, "file_name": "lease.pdf",
                  "width": 0.3, "name": "rent", "prefilled_value": "1000", "help_text": "Monthly rent", "readonly": false,
                  "disable_resize": true,
                  "validation": { "regex": "^[0-9]*$", "error_message": "Numbers only", "flags": "gm" }
                }],
                "witness": { "auth_type": "no-auth", "tags": [
                  { "page_number": 2, "x": 0.1, "y": 0.9, "type": "signature", "optional": false, "file_name": "lease.pdf" }
                ] },
                "rules": [{
                  "action": "make_optional",
                  "conditions": [{ "trigger_tag_name": "rent", "criteria": "no_value" }],
                  "affected_tag_names": ["a"], "affected_tag_group_names": ["b"],
                  "affected_tag_names_other_recipients": ["c"], "affected_tag_group_names_other_recipients": ["d"]
                }]
              }],
              "notifications": { "destination": "https://hooks.example.com", "subscriptions": ["envelope_completion"] },
              "branding": {
                "logo_options": { "logo_choice": "brand_powered_by_yoti", "logo_base64": "iVBORw0KGgo=" },
                "primary_color": "#000", "primary_color_hover": "#111", "on_primary_color": "#fff",
                "secondary_color": "#222", "secondary_color_hover": "#333"
              },
              "parent_redirect_urls": { "success": "https://example.com/ok", "failure": "https://example.com/no" }
            }
            """#
        let encoded = try JSONSerialization.jsonObject(with: Data(YotiJSON.encode(Self.everything))) as? NSDictionary
        let expected = try JSONSerialization.jsonObject(with: Data(golden.utf8)) as? NSDictionary
        #expect(encoded != nil && encoded == expected)
    }

    @Test("options survive an encode/decode round trip")
    func roundTrip() throws {
        for options in [Fixtures.options, Self.everything] {
            let decoded = try YotiJSON.decode(EnvelopeOptions.self, from: YotiJSON.encode(options))
            #expect(decoded == options)
        }
    }

    @Test("a decoded recipient defaults to SIGNER and accepts a numeric mobile number")
    func recipientDecoding() throws {
        let json = #"{"name":"Ada","email":"ada@example.com","mobile_number":7999999999,"iso_country_code":"GB"}"#
        let recipient = try YotiJSON.decode(Recipient.self, from: Array(json.utf8))
        #expect(recipient.type == .signer)
        #expect(recipient.mobileNumber == "7999999999")
        #expect(recipient.tags == nil)
        #expect(try Self.json(recipient).contains(#""mobile_number":"7999999999""#))
    }

    @Test("an embedded witness without tags encodes as {}")
    func emptyWitness() throws {
        #expect(try Self.json(Witness()) == "{}")
    }

    @Test("create answers decode: 202 envelope id and embedded tokens")
    func createAnswers() throws {
        let created = try YotiJSON.decode(EnvelopeCreated.self, from: Array(#"{"envelope_id":"a1b2"}"#.utf8))
        #expect(created.envelopeID == "a1b2")
        let embedded = try YotiJSON.decode(
            EmbeddedEnvelopeCreated.self,
            from: Array(#"{"envelope_id":"e1","recipients":[{"token":"t1","email":"ada@example.com"}]}"#.utf8)
        )
        #expect(embedded == EmbeddedEnvelopeCreated(envelopeID: "e1", recipients: [.init(token: "t1", email: "ada@example.com")]))
        #expect(Environment.sandbox.embeddedSigningURL(token: "t1") == "https://demo.www.yotisign.com/embedded/sign/t1")
    }

    @Test("get-envelope answers decode leniently, unknown fields and states included")
    func envelopeDetails() throws {
        let json = #"""
            {"status":"ERRORED","unknown_field":1,"details":{"completed_at":null,"errors":[{"file_name":"nda.pdf","code":"NO_PAGE_FOR_TAG_ERROR"}],
             "recipients":[{"id":"r1","sign_status":"SIGNED","sign_group_order":1,"role":"Signer 1",
               "tags":[{"name":"company","was_optional":true,"value":"Acme"},{"name":"agree","value":true}]}]}}
            """#
        let envelope = try YotiJSON.decode(Envelope.self, from: Array(json.utf8))
        #expect(envelope.status == .errored)
        #expect(envelope.details?.errors == [Envelope.FileError(fileName: "nda.pdf", code: "NO_PAGE_FOR_TAG_ERROR")])
        #expect(envelope.details?.recipients?.first?.tags?.map(\.value) == [.string("Acme"), .bool(true)])
        let status = try YotiJSON.decode(Envelope.self, from: Array(#"{"status":"COMPLETED"}"#.utf8))
        #expect(status.status.isComplete)
        #expect(EnvelopeStatus.complete.isComplete)
    }

    @Test("the API key never shows in description, interpolation, debug output or dump")
    func keyIsRedacted() {
        let key = APIKey("  sk_live_secret\n")
        #expect(key.value == "sk_live_secret")
        var dumped = ""
        dump(key, to: &dumped)
        for text in [key.description, "\(key)", String(reflecting: key), dumped] {
            #expect(!text.contains("sk_live_secret"), "\(text)")
        }
        #expect(key.redact("echo sk_live_secret back") == "echo <redacted> back")
    }

    @Test("environments have the documented base URLs")
    func environments() {
        #expect(Environment.sandbox.baseURL == "https://demo.api.yotisign.com")
        #expect(Environment.production.baseURL == "https://api.yotisign.com")
        #expect(Environment.custom("http://127.0.0.1:8080/").baseURL == "http://127.0.0.1:8080")
    }
}
