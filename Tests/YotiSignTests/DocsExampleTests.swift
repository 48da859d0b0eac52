import Foundation
import Testing

@testable import YotiSign
@testable import YotiSignModels

/// The example bodies of Yoti's docs, as the docs print them (the two that are not valid JSON
/// as printed have the missing comma restored, and nothing else changed).
@Suite("The docs' example bodies")
struct DocsExampleTests {
    /// get-envelope, "Completed" tab: `"was_optional": "<true/false>"` (a comma after
    /// `"id": "uuid"` is missing in the docs).
    static let getEnvelopeCompleted = #"""
        {
          "envelope_id": "<envelopeId>",
          "status": "COMPLETE",
          "details": {
            "recipients": [
              {
                "id": "uuid",
                "sign_status": "SIGNED",
                "name": "name1",
                "email": "email1@gmail.com",
                "auth_type": "no-auth",
                "role": "Signee",
                "signed_at": "YYYY-MM-DD Thh:mm:ss.ssssZ",
                "invitation_email_queued_at": "YYYY-MM-DD Thh:mm:ss.ssssZ",
                "sign_group_order": 1,
                "ip_address": "1.2.3.4",
                "last_email_status": "SENT",
                "tags": [
                  {
                    "name": "first1",
                    "tag_group_name": "",
                    "was_optional": "<true/false>",
                    "value": "true"
                  }
                ]
              }
            ],
            "completed_at": "YYYY-MM-DD Thh:mm:ss.ssssZ"
          }
        }
        """#

    /// notifications-object, `envelope_completion`: a CC recipient with `"sign_group_order": ""`.
    static let envelopeCompletion = #"""
        {
          "envelope_id": "10aecb06-d50d-4f54-9e99-a85b63639837",
          "status": "COMPLETE",
          "platform": {
            "type": "API"
          },
          "marked_for_deletion": false,
          "details": {
            "recipients": [
              {
                "id": "73a527f5-e217-4fa8-a47f-4c829892f722",
                "name": "User3",
                "email": "example3@gmail.com",
                "type": "CC",
                "tags": [],
                "invitation_email_queued_at": "",
                "sign_group_order": "",
                "last_email_status": "SENT"
              },
              {
                "id": "5b449856-c56d-464a-8fd4-32fe383a9745",
                "sign_status": "SIGNED",
                "name": "User2",
                "email": "example2@gmail.com",
                "auth_type": "no-auth",
                "type": "WITNESS",
                "tags": [
                  {
                    "name": "6f8313c1-f43f-4b6b-acab-4a1eda523604",
                    "tag_group_name": "",
                    "was_optional": false,
                    "value": "true"
                  }
                ],
                "invitation_email_queued_at": "",
                "sign_group_order": 1,
                "role": "Witness",
                "signed_at": "2024-12-18T11:52:43.475Z",
                "ip_address": "83.217.238.208",
                "signer_id": "b8d4c176-9bf5-4c9c-a7c1-e7d41557bdb5",
                "last_email_status": "SENT"
              },
              {
                "id": "b8d4c176-9bf5-4c9c-a7c1-e7d41557bdb5",
                "sign_status": "SIGNED",
                "name": "User1",
                "email": "example@gmail.com",
                "auth_type": "no-auth",
                "type": "SIGNER",
                "tags": [
                  {
                    "name": "29784733-b0de-4a1c-9e84-bee7b2ddce0f",
                    "tag_group_name": "",
                    "was_optional": false,
                    "value": "d"
                  },
                  {
                    "name": "1a71be9c-05cd-4c8e-999c-5b2d55504053",
                    "tag_group_name": "",
                    "was_optional": false,
                    "value": "true"
                  }
                ],
                "invitation_email_queued_at": "",
                "sign_group_order": 1,
                "role": "Tenant 1",
                "signed_at": "2024-12-18T11:52:18.710Z",
                "ip_address": "83.217.238.208",
                "last_email_status": "SENT"
              }
            ],
            "completed_at": "2024-12-18T11:52:43.475Z",
            "files": [
              {
                "id": "357e8d9c-9b9f-4057-9c84-42a322d059d1",
                "name": "blankPDF.pdf"
              }
            ]
          },
          "subscription_name": "envelope_completion",
          "envelope_name": "Example-Envelope"
        }
        """#

    static let uploadErrors = #"""
        {
          "envelope_id": "<UUID>",
          "subscription_name": "upload_errors",
          "status": "ERRORED",
          "details": {
            "errors": [
              {
                "file_name": "sample.pdf",
                "code": "<ERROR MESSAGE>"
              }
            ]
          }
        }
        """#

    static let envelopeReady = #"""
        {
          "envelope_id": "<UUID>",
          "subscription_name": "envelope_ready",
          "recipients": [
            {
              "Token": "<UUID>",
              "Email": "example3@gmail.com"
            }
          ],
          "envelope_name": "Example-Envelope"
        }
        """#

    /// `signer_completion` (the docs miss the comma after `"subscription_name": "signer_completion"`).
    static let signerCompletion = #"""
        {
            "envelope_id": "<UUID>",
            "subscription_name": "signer_completion",
            "status": "ACTIVE",
            "details":
            {
                "recipients":
                [
                    {
                        "id": "<UUID>",
                        "sign_status": "SIGNED",
                        "name": "User 1",
                        "email": "example@yoti.com",
                        "auth_type": "no-auth",
                        "role": "just a role",
                        "signed_at": "2021-01-01T00:00:00.000Z"
                    }
                ],
                "completed_at": "2021-06-14T12:22:12.264Z",
                "files": [
                {
                  "id": "<UUID>",
                  "name": "sample.pdf"
                }
              ]
            }
        }
        """#

    @Test("get-envelope's completed example decodes; \"<true/false>\" reads as unknown, not a failure")
    func getEnvelope() throws {
        let envelope = try YotiJSON.decode(Envelope.self, from: Array(Self.getEnvelopeCompleted.utf8))
        #expect(envelope.status.isComplete)
        let recipient = try #require(envelope.details?.recipients?.first)
        #expect(recipient.signGroupOrder == 1)
        #expect(recipient.tags == [Envelope.TagValue(name: "first1", tagGroupName: "", wasOptional: nil, value: .string("true"))])
    }

    @Test("the envelope_completion example decodes, the CC's \"sign_group_order\": \"\" included")
    func envelopeCompletionWebhook() throws {
        let notification = try WebhookNotification.decode(Array(Self.envelopeCompletion.utf8))
        guard case .envelopeCompletion(let done) = notification else {
            Issue.record("expected envelopeCompletion, got \(notification)")
            return
        }
        #expect(notification.event == "envelope_completion")
        #expect(notification.envelopeID == "10aecb06-d50d-4f54-9e99-a85b63639837")
        #expect(done.status == .complete && done.platform?.type == "API" && done.markedForDeletion == false)
        #expect(done.envelopeName == "Example-Envelope")
        let recipients = try #require(done.details?.recipients)
        #expect(recipients.map(\.type) == ["CC", "WITNESS", "SIGNER"])
        #expect(recipients.map(\.signGroupOrder) == [nil, 1, 1])
        #expect(recipients[1].signerID == recipients[2].id)
        #expect(recipients[2].tags?.map(\.wasOptional) == [false, false])
        #expect(done.details?.files == [Envelope.File(id: "357e8d9c-9b9f-4057-9c84-42a322d059d1", name: "blankPDF.pdf")])
    }

    @Test("the upload_errors, envelope_ready and signer_completion examples decode to their types")
    func otherWebhooks() throws {
        guard case .uploadErrors(let errors) = try WebhookNotification.decode(Array(Self.uploadErrors.utf8)) else {
            Issue.record("expected uploadErrors")
            return
        }
        #expect(errors.status == .errored)
        #expect(errors.details?.errors == [Envelope.FileError(fileName: "sample.pdf", code: "<ERROR MESSAGE>")])

        guard case .envelopeReady(let ready) = try WebhookNotification.decode(Array(Self.envelopeReady.utf8)) else {
            Issue.record("expected envelopeReady")
            return
        }
        #expect(ready.recipients == [.init(token: "<UUID>", email: "example3@gmail.com")])
        #expect(ready.event == .envelopeReady && ready.envelopeName == "Example-Envelope")

        let alias = Self.envelopeReady.replacingOccurrences(of: "envelope_ready", with: "envelope_created")
        guard case .envelopeReady(let created) = try WebhookNotification.decode(Array(alias.utf8)) else {
            Issue.record("expected envelopeReady for the alias")
            return
        }
        #expect(created.event == .envelopeCreated)

        guard case .signerCompletion(let signed) = try WebhookNotification.decode(Array(Self.signerCompletion.utf8)) else {
            Issue.record("expected signerCompletion")
            return
        }
        #expect(signed.status == .active && signed.details?.recipients?.first?.signStatus == "SIGNED")
    }

    @Test("an event without a documented body, and a body without subscription_name")
    func undocumented() throws {
        let body = #"{"envelope_id":"e1","subscription_name":"idv_session_completion","session_id":"s1"}"#
        let notification = try WebhookNotification.decode(Array(body.utf8))
        guard case .other(let event, let id, .object(let object)) = notification else {
            Issue.record("expected other, got \(notification)")
            return
        }
        #expect(event == "idv_session_completion" && id == "e1" && object["session_id"] == .string("s1"))
        #expect(throws: YotiSignError.self) { try WebhookNotification.decode(Array(#"{"envelope_id":"e1"}"#.utf8)) }
    }

    @Test(
        "the ten documented event names and the alias",
        arguments: [
            "envelope_completion", "envelope_ready", "envelope_created", "signer_completion", "upload_errors",
            "sign_offline_upload_errors", "idv_resource_update", "idv_session_completion", "idv_check_completion",
            "idv_task_completion", "idv_session_limit_reached",
        ])
    func eventNames(_ name: String) {
        #expect(WebhookEvent(rawValue: name) != nil)
    }

    @Test("lenient numbers and flags: strings, numbers and placeholders")
    func lenient() throws {
        struct Probe: Decodable {
            var order: Int?
            var flag: Bool?
            enum CodingKeys: String, CodingKey { case order, flag }
            init(from decoder: any Decoder) throws {
                let c = try decoder.container(keyedBy: CodingKeys.self)
                order = try c.decodeLenientIntIfPresent(forKey: .order)
                flag = try c.decodeLenientBoolIfPresent(forKey: .flag)
            }
        }
        func probe(_ json: String) throws -> (Int?, Bool?) {
            let value = try YotiJSON.decode(Probe.self, from: Array(json.utf8))
            return (value.order, value.flag)
        }
        #expect(try probe(#"{"order":"2","flag":"true"}"#) == (2, true))
        #expect(try probe(#"{"order":"","flag":"false"}"#) == (nil, false))
        #expect(try probe(#"{"order":null,"flag":"<true/false>"}"#) == (nil, nil))
        #expect(try probe(#"{}"#) == (nil, nil))
        #expect(throws: DecodingError.self) { try probe(#"{"order":"two"}"#) }
    }

    @Test(
        "a base URL ending in /v2 (as Yoti's demos write it) is accepted, with or without a slash",
        arguments: [
            "https://api.example.com/v2", "https://api.example.com/v2/", "https://api.example.com", "https://api.example.com/",
        ])
    func baseURLWithV2(_ url: String) {
        let environment = Environment.custom(url)
        #expect(environment.baseURL == "https://api.example.com")
        #expect(EnvelopeRequest.getEnvelope(id: "e1", environment: environment).url == "https://api.example.com/v2/envelopes/e1")
    }
}
