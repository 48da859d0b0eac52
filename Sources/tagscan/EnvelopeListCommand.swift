import ArgumentParser
import YotiSign

/// `tagscan envelope list`: the organisation's envelopes (GET /v2/organisations/envelopes/search).
struct EnvelopeListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the organisation's envelopes by date and status (Yoti's default: the last three months).")

    @Option(help: ArgumentHelp("Only envelopes with this status (repeatable): active, complete, archived, …", valueName: "status"))
    var status: [String] = []
    @Option(help: ArgumentHelp("From this day (YYYY-MM-DD).", valueName: "date")) var from: String?
    @Option(help: ArgumentHelp("Up to this day (YYYY-MM-DD).", valueName: "date")) var to: String?
    @Option(help: ArgumentHelp("At most this many pages of 100.", valueName: "n")) var pages: Int = 20
    @OptionGroup var connection: YotiConnectionOptions
    @Option(help: "Output format: json or text.") var format: EnvelopeOutputFormat = .json

    func validate() throws {
        for date in [from, to].compactMap({ $0 }) where !Self.isDay(date) {
            throw ValidationError("dates are YYYY-MM-DD, not \"\(date)\"")
        }
        if pages < 1 { throw ValidationError("--pages must be at least 1") }
    }

    func run() async throws {
        let query = EnvelopeSearchQuery(fromDate: from, toDate: to, statuses: status)
        let envelopes = try await connection.withClient { try await $0.searchAllEnvelopes(query, maximumPages: pages) }
        switch format {
        case .json: try stdoutJSON(EnvelopeSearchResults(envelopes: envelopes, total: envelopes.count))
        case .text:
            stdoutText(
                envelopes.isEmpty
                    ? "no envelopes"
                    : envelopes.map { "\($0.envelopeID)  \($0.status?.rawValue ?? "?")  \($0.createdAt ?? "?")  \($0.name ?? "")" }
                        .joined(separator: "\n"))
        }
    }

    static func isDay(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        return parts.count == 3 && parts.map(\.count) == [4, 2, 2] && parts.allSatisfy { $0.allSatisfy(\.isNumber) }
    }
}
