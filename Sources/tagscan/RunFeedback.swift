import Foundation
import TagScanKit

/// What a command says on standard error about its run, beside the report: the symlink loops
/// and unreadable folders met, a progress line while a long run goes on (only on a terminal, and
/// not with `--quiet`), and what was skipped on the totals line.
struct RunFeedback: Sendable {
    let expansion: PathExpansion
    private let progress: ProgressLine?

    /// `total`: the documents the run scans, when not all the expansion's (a shard, a resume).
    init(_ expansion: PathExpansion, quiet: Bool, total: Int? = nil) {
        self.expansion = expansion
        for notice in expansion.skipped.compactMap(\.notice) {
            FileHandle.standardError.write(Data("tagscan: warning: \(notice)\n".utf8))
        }
        progress = !quiet && ProgressLine.standardErrorIsTerminal ? ProgressLine(total: total ?? expansion.sources.count) : nil
    }

    /// Counts a document on the progress line.
    func finished(_ document: DocumentResult) {
        progress?.finished(document)
    }

    /// Erases the progress line; call before the totals and any message that follows the run.
    func end() {
        progress?.finish()
    }

    /// "3 documents (1 could not be read); skipped 4 files (3 .docx, 1 .odt)" for `command`'s
    /// totals line, or nil when nothing was skipped (the report then says it all).
    func skippedTotals(_ documents: [DocumentResult]) -> String? {
        guard !expansion.skipped.isEmpty else { return nil }
        let failed = documents.filter { $0.status == .error }.count
        let count = "\(documents.count) document\(documents.count == 1 ? "" : "s")"
        return count + (failed > 0 ? " (\(failed) could not be read)" : "") + expansion.skippedSuffix
    }
}
