/// Which Yoti Sign host requests go to.
///
/// Sandbox and production keys are different; a key only works against its own environment.
public enum Environment: Sendable, Hashable, CustomStringConvertible {
    /// `https://demo.api.yotisign.com`.
    case sandbox
    /// `https://api.yotisign.com`.
    case production
    /// Another base URL (a mock server, a proxy, a test server on loopback), such as
    /// `http://127.0.0.1:8080`. A trailing slash is ignored, and so is a trailing `/v2`: Yoti's
    /// own demos configure the base URL as `https://api.yotisign.com/v2`, and every path here
    /// already starts with `/v2`.
    case custom(String)

    /// The base URL without a trailing slash or `/v2`.
    public var baseURL: String {
        switch self {
        case .sandbox: return "https://demo.api.yotisign.com"
        case .production: return "https://api.yotisign.com"
        case .custom(let url):
            var trimmed = Substring(url)
            while trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
            if trimmed.lowercased().hasSuffix("/v2") { trimmed = trimmed.dropLast(3) }
            while trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
            return String(trimmed)
        }
    }

    /// The page that shows an embedded envelope's signing UI for one recipient token, for an
    /// `<iframe>`. A custom environment uses its own base URL.
    public func embeddedSigningURL(token: String) -> String {
        switch self {
        case .sandbox: "https://demo.www.yotisign.com/embedded/sign/\(token)"
        case .production: "https://www.yotisign.com/embedded/sign/\(token)"
        case .custom: "\(baseURL)/embedded/sign/\(token)"
        }
    }

    public var description: String {
        switch self {
        case .sandbox: "sandbox (\(baseURL))"
        case .production: "production (\(baseURL))"
        case .custom: baseURL
        }
    }
}
