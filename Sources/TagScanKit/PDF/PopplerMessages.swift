internal import CPopplerCore

/// poppler's own error messages, captured instead of printed and bounded.
///
/// poppler reports through one process-wide callback. tagscan installs its own once poppler's
/// global parameters exist; from then on nothing poppler reports reaches stderr. While a
/// capture is open (an isolated worker scanning its one document) the first few messages are
/// kept and the rest counted; otherwise they are counted and dropped.
enum PopplerMessages {
    /// What poppler said while a capture was open.
    struct Capture: Sendable, Hashable {
        /// Every message, kept or not.
        var count: Int
        /// The first few, as "Syntax Error (1234): Illegal character <ff>".
        var lines: [String]

        /// The `poppler-messages` info diagnostic for a document, or nil when poppler said
        /// nothing.
        var diagnostic: Diagnostic? {
            guard count > 0 else { return nil }
            let shown = lines.count < count ? " (the first \(lines.count) shown)" : ""
            let noun = count == 1 ? "message" : "messages"
            return DiagnosticCatalog.popplerMessages.diagnostic(
                page: nil,
                "poppler reported \(count) \(noun)\(shown): " + lines.joined(separator: "; "))
        }
    }

    /// The rule id of the diagnostic that carries poppler's messages.
    static let rule = DiagnosticCatalog.popplerMessages.id

    private static let installed: Void = {
        PopplerWarmUp.ensure()  // poppler-glib sets its own callback when it builds GlobalParams
        tagscan_messages_install()
    }()

    /// Installs the capturing callback (once per process; cheap afterwards).
    static func install() { _ = installed }

    /// Runs `body` with poppler's messages captured process-wide, keeping the first
    /// `keepLines`. Only one capture may be open at a time: it is meant for a worker process
    /// that scans one document at a time.
    static func capturing<R>(keepLines: Int, _ body: () throws -> R) rethrows -> (R, Capture) {
        install()
        tagscan_messages_begin(Int32(clamping: keepLines), 300)
        var lines: UnsafeMutablePointer<CChar>? = nil
        let value: R
        do {
            value = try body()
        } catch {
            _ = tagscan_messages_end(&lines)
            tagscan_core_free(lines)
            throw error
        }
        let count = tagscan_messages_end(&lines)
        defer { tagscan_core_free(lines) }
        let kept = lines.map { String(cString: $0).split(separator: "\n", omittingEmptySubsequences: false).map(String.init) } ?? []
        return (value, Capture(count: Int(count), lines: kept))
    }

    /// Messages poppler reported while no capture was open (never printed).
    static var dropped: Int { Int(tagscan_messages_dropped()) }
}
