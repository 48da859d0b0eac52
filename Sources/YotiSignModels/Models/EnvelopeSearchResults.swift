/// The answer of the organisation's envelope search or find: `{"envelopes": […], "total": n}`
/// (find leaves out `total`).
public struct EnvelopeSearchResults: Sendable, Codable, Hashable {
    public var envelopes: [EnvelopeSummary]
    public var total: Int?

    public init(envelopes: [EnvelopeSummary], total: Int? = nil) {
        self.envelopes = envelopes
        self.total = total
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        envelopes = try c.decodeIfPresent([EnvelopeSummary].self, forKey: .envelopes) ?? []
        total = try c.decodeLenientIntIfPresent(forKey: .total)
    }

    enum CodingKeys: String, CodingKey {
        case envelopes, total
    }
}
