import Foundation

/// One share of a batch run split over `count` machines (`tagscan scan --shard INDEX/COUNT`):
/// the input list is sorted and shard `index` takes every `count`-th document from position
/// `index`, so the same list always gives every shard the same documents, the shards never
/// overlap, and together they cover the list. `index` is 0-based, as Kubernetes Indexed Jobs
/// (`JOB_COMPLETION_INDEX`) and AWS Batch array jobs (`AWS_BATCH_JOB_ARRAY_INDEX`) number them.
public struct Shard: Sendable, Hashable, Codable, CustomStringConvertible {
    public var index: Int
    public var count: Int

    /// The environment variables an index is taken from when only the count is given, in order.
    public static let indexVariables = ["JOB_COMPLETION_INDEX", "AWS_BATCH_JOB_ARRAY_INDEX"]

    public struct ParseError: Error, Sendable, Hashable, CustomStringConvertible {
        public var description: String
    }

    public init(index: Int, count: Int) throws(ParseError) {
        guard count >= 1 else { throw ParseError(description: "the shard count must be at least 1 (got \(count))") }
        guard (0..<count).contains(index) else {
            throw ParseError(description: "the shard index must be from 0 to \(count - 1) (got \(index))")
        }
        self.index = index
        self.count = count
    }

    /// `INDEX/COUNT`, or `COUNT` alone with the index from `JOB_COMPLETION_INDEX` or
    /// `AWS_BATCH_JOB_ARRAY_INDEX`.
    public init(parsing text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws(ParseError) {
        let fields = text.split(separator: "/", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        let indexText: String
        let countText: String
        switch fields.count {
        case 1:
            countText = fields[0]
            guard let variable = Self.indexVariables.first(where: { environment[$0].map { !$0.isEmpty } ?? false }), let value = environment[variable] else {
                throw ParseError(
                    description: "--shard \(text) gives no index, and neither \(Self.indexVariables.joined(separator: " nor ")) is set (write INDEX/COUNT)")
            }
            indexText = value
        case 2:
            indexText = fields[0]
            countText = fields[1]
        default:
            throw ParseError(description: "--shard takes INDEX/COUNT (e.g. 0/4), not \"\(text)\"")
        }
        guard let count = Int(countText) else { throw ParseError(description: "the shard count must be a whole number, not \"\(countText)\"") }
        guard let index = Int(indexText) else { throw ParseError(description: "the shard index must be a whole number, not \"\(indexText)\"") }
        try self.init(index: index, count: count)
    }

    /// This shard's documents of `sources`, in sorted order (by path, byte for byte, so the
    /// split does not depend on the locale or on the order the list was given in).
    public func select(_ sources: [DocumentSource]) -> [DocumentSource] {
        let sorted = sources.sorted { Array($0.displayPath.utf8).lexicographicallyPrecedes(Array($1.displayPath.utf8)) }
        return sorted.enumerated().filter { $0.offset % count == index }.map(\.element)
    }

    public var description: String { "\(index)/\(count)" }
}
