import Foundation

/// The optional bearer token of the service. The comparison takes the same time wherever the
/// first difference is, so the token cannot be guessed byte by byte from response times.
struct BearerToken: Sendable, Hashable, CustomStringConvertible {
    private let expected: [UInt8]

    init(_ token: String) {
        expected = Array(token.utf8)
    }

    /// Whether an `Authorization` header value carries the token.
    func accepts(authorization: String?) -> Bool {
        guard let authorization else { return false }
        let scheme = "bearer "
        guard authorization.count > scheme.count, authorization.prefix(scheme.count).lowercased() == scheme else { return false }
        let given = Array(authorization.dropFirst(scheme.count).trimmingCharacters(in: .whitespaces).utf8)
        return Self.constantTimeEqual(given, expected)
    }

    /// Equal bytes, in time that depends on the lengths only.
    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        var difference = UInt8(a.count == b.count ? 0 : 1)
        let count = max(a.count, b.count)
        for index in 0..<count {
            let x = index < a.count ? a[index] : 0
            let y = index < b.count ? b[index] : 0
            difference |= x ^ y
        }
        return difference == 0
    }

    // Never the token itself, whoever prints the configuration.
    var description: String { "BearerToken(redacted)" }
}
