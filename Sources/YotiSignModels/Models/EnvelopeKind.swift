/// Which create-envelope endpoint a request goes to.
public enum EnvelopeKind: String, Sendable, Codable, Hashable, CaseIterable {
    /// `POST /v2/envelopes`: Yoti emails the recipients; answers 202 `{envelope_id}`.
    case standard
    /// `POST /v2/embedded-envelopes`: the integrator shows the signing page in an iframe;
    /// answers 200 with one token per recipient.
    case embedded

    /// The endpoint path.
    public var path: String {
        switch self {
        case .standard: "/v2/envelopes"
        case .embedded: "/v2/embedded-envelopes"
        }
    }
}
