import Foundation

/// The id of one request in the logs and the `X-Request-ID` response header: the caller's own
/// when it sent a usable one (so a trace crosses the load balancer), a fresh UUID otherwise.
enum RequestIdentifier {
    static func make(incoming: String?) -> String {
        if let incoming, (1...128).contains(incoming.utf8.count),
            incoming.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") })
        {
            return incoming
        }
        return UUID().uuidString.lowercased()
    }
}
