import Foundation

/// Which pages of a document a preview shows: `tagged` (pages with an anchor or a diagnostic),
/// `all`, or listed page numbers and ranges such as `1,3-5`.
public enum PageSelection: Sendable, Hashable, CustomStringConvertible {
    case tagged
    case all
    /// 1-based page numbers; pages past the end of a document are skipped.
    case numbers([ClosedRange<Int>])

    /// Parses `tagged`, `all` or a comma-separated list of page numbers and ranges (`1,3-5`).
    public init(parsing text: String) throws(PageSelectionError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        switch trimmed.lowercased() {
        case "tagged": self = .tagged
        case "all": self = .all
        default:
            var ranges: [ClosedRange<Int>] = []
            for part in trimmed.split(separator: ",", omittingEmptySubsequences: false) {
                let item = String(part).trimmingCharacters(in: .whitespaces)
                let bounds = item.split(separator: "-", omittingEmptySubsequences: false).map { String($0).trimmingCharacters(in: .whitespaces) }
                guard (1...2).contains(bounds.count), bounds.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isWholeNumber } }),
                    let first = Int(bounds[0]), let last = Int(bounds[bounds.count - 1])
                else {
                    throw PageSelectionError(text: text, reason: "'\(item)' is not a page number or a range like 3-5")
                }
                guard first >= 1 else { throw PageSelectionError(text: text, reason: "pages are numbered from 1") }
                guard first <= last else { throw PageSelectionError(text: text, reason: "'\(item)' ends before it starts") }
                ranges.append(first...last)
            }
            self = .numbers(ranges)
        }
    }

    /// The pages of `result` to show, ascending, without duplicates.
    public func pageNumbers(in result: DocumentResult) -> [Int] {
        switch self {
        case .all:
            return result.pageCount > 0 ? Array(1...result.pageCount) : []
        case .tagged:
            let pages = result.anchors.map(\.pageNumber) + result.diagnostics.compactMap(\.pageNumber)
            return Set(pages.filter { (1...max(result.pageCount, 1)).contains($0) }).sorted()
        case .numbers(let ranges):
            guard result.pageCount > 0 else { return [] }
            var pages = Set<Int>()
            for range in ranges where range.lowerBound <= result.pageCount {
                pages.formUnion(range.clamped(to: 1...result.pageCount))
            }
            return pages.sorted()
        }
    }

    /// The listed pages that `result` does not have, as ranges past its last page (empty for
    /// `tagged` and `all`).
    public func missingPages(in result: DocumentResult) -> [ClosedRange<Int>] {
        guard case .numbers(let ranges) = self else { return [] }
        return ranges.filter { $0.upperBound > result.pageCount }.map { max($0.lowerBound, result.pageCount + 1)...$0.upperBound }
    }

    /// The selection as it would be written on the command line.
    public var description: String {
        switch self {
        case .tagged: "tagged"
        case .all: "all"
        case .numbers(let ranges):
            ranges.map { $0.count == 1 ? "\($0.lowerBound)" : "\($0.lowerBound)-\($0.upperBound)" }.joined(separator: ",")
        }
    }
}

/// A `--pages` value that is not `tagged`, `all` or a list like `1,3-5`.
public struct PageSelectionError: Error, Sendable, Hashable, CustomStringConvertible {
    public var text: String
    public var reason: String

    public var description: String { "invalid page selection '\(text)': \(reason) (use tagged, all or a list like 1,3-5)" }
}
