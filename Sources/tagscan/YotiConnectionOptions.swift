import ArgumentParser
import Foundation
import YotiSign

/// What every command that talks to Yoti Sign shares: the environment (sandbox, production or a
/// base URL), the per-attempt time limit, the API key from the environment, and the output
/// format. One place, so `submit` and `envelope …` handle keys, hosts and limits alike.
struct YotiConnectionOptions: ParsableArguments {
    @Flag(exclusivity: .exclusive, help: "Which Yoti Sign environment to use (default: --sandbox).")
    var target: Target?

    @Option(
        name: .customLong("base-url"),
        help: ArgumentHelp(
            "Send to another host (a mock server, a proxy); or set \(Self.baseURLVariable). A trailing /v2 is accepted.",
            valueName: "url")
    )
    var baseURL: String?

    // Not `--timeout`: in `submit` that is the per-document scan limit of the shared input options.
    @Option(help: ArgumentHelp("Seconds to wait for each HTTP attempt's answer.", valueName: "seconds"))
    var requestTimeout: Int = 120

    static let baseURLVariable = "YOTI_SIGN_BASE_URL"

    enum Target: String, EnumerableFlag {
        case sandbox, production
    }

    func validate() throws {
        if baseURL != nil && target != nil {
            throw ValidationError("--base-url and --\(target?.rawValue ?? "sandbox") cannot be used together")
        }
        if let baseURL, !Self.isHTTPURL(baseURL) {
            throw ValidationError("--base-url must be an http:// or https:// URL, not \"\(baseURL)\"")
        }
        if requestTimeout < 1 { throw ValidationError("--request-timeout must be at least 1 second") }
    }

    /// `--base-url`, else `YOTI_SIGN_BASE_URL` (unless --sandbox/--production is given), else the
    /// chosen environment, sandbox by default.
    func environment() throws -> YotiSign.Environment {
        if let baseURL { return Self.custom(baseURL) }
        if target == nil, let fromEnvironment = ProcessInfo.processInfo.environment[Self.baseURLVariable],
            !fromEnvironment.isEmpty
        {
            guard Self.isHTTPURL(fromEnvironment) else {
                stderrLine("\(Self.baseURLVariable) must be an http:// or https:// URL, not \"\(fromEnvironment)\"")
                throw ExitCode(64)
            }
            return Self.custom(fromEnvironment)
        }
        return target == .production ? .production : .sandbox
    }

    /// The key from `YOTI_SIGN_API_KEY`, never from a flag, so it stays out of shell history.
    func apiKey() throws -> APIKey {
        let rawKey = ProcessInfo.processInfo.environment[APIKey.environmentVariable] ?? ""
        let key = APIKey(rawKey)
        guard key.isWellFormed else {
            stderrLine(
                rawKey.isEmpty
                    ? "set \(APIKey.environmentVariable) to your Yoti Sign API key (it is never taken from a flag, to keep it out of shell history)"
                    : "\(APIKey.environmentVariable) contains spaces or control characters; check the key"
            )
            throw ExitCode(64)
        }
        return key
    }

    /// The client settings: the time limit, and every retry told on standard error.
    var configuration: YotiSignClient.Configuration {
        YotiSignClient.Configuration(timeout: .seconds(requestTimeout), onRetry: { stderrLine("\($0)") })
    }

    /// Runs `body` with a client for these options; a ``YotiSignError`` is printed and becomes
    /// exit 1, or 3 when the outcome is unknown.
    func withClient<T: Sendable>(_ body: (YotiSignClient) async throws -> T) async throws -> T {
        let key = try apiKey()
        let environment = try environment()
        do {
            return try await YotiSignClient.withClient(apiKey: key, environment: environment, configuration: configuration, body)
        } catch let error as YotiSignError {
            stderrLine("\(error)")
            throw ExitCode(Self.exitCode(for: error))
        }
    }

    /// 3 when Yoti may have acted on the request, 1 for every other failure.
    static func exitCode(for error: YotiSignError) -> Int32 {
        switch error {
        case .outcomeUnknown, .previousOutcomeUnknown: 3
        default: 1
        }
    }

    private static func custom(_ url: String) -> YotiSign.Environment {
        let lower = url.lowercased()
        let isLoopback = ["http://127.0.0.1", "http://localhost", "http://[::1]"].contains { lower.hasPrefix($0) }
        if lower.hasPrefix("http://") && !isLoopback {
            stderrLine("warning: \(url) is not HTTPS; the API key would travel unencrypted")
        }
        return .custom(url)
    }

    static func isHTTPURL(_ text: String) -> Bool {
        let lower = text.lowercased()
        return (lower.hasPrefix("http://") || lower.hasPrefix("https://")) && !text.contains(where: \.isWhitespace)
    }
}
