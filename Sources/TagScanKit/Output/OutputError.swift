import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Why an output could not be written.
public struct OutputError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The path as given; nil for standard output.
    public var path: String?
    public var reason: String

    public init(path: String?, reason: String) {
        self.path = path
        self.reason = reason
    }

    init(path: String?, errno code: Int32) {
        self.init(path: path, reason: String(cString: strerror(code)))
    }

    public var description: String {
        "cannot write \(path ?? "to standard output"): \(reason)"
    }
}
