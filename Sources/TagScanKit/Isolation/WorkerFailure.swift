import Foundation
internal import CProcessSpawn

/// What a worker's failure on a document becomes: the error for a worker that died, and the
/// diagnostic for one that wrote on stderr and still answered.
enum WorkerFailure {
    /// Why a worker died on `source`, from its wait status and its last words on stderr.
    static func death(of source: DocumentSource, status: Int32, stderr: BoundedLines, isolation: IsolationOptions) -> DocumentError {
        let signal = status & 0x7F
        let exitCode = (status >> 8) & 0xFF
        let detail = stderr.last.map { " (\($0))" } ?? ""
        let cap = isolation.maxMemory.map { " of \(formatBytes($0))" } ?? ""
        if signal == 0 && exitCode == TAGSCAN_WORKER_EXIT_OUT_OF_MEMORY || (signal != 0 && stderr.reportsOutOfMemory) {
            return DocumentError(.tooLarge, "\(source.displayPath): the scan ran out of memory under the cap\(cap)\(detail)")
        }
        if signal != 0 {
            return DocumentError(.crashed, "\(source.displayPath): the PDF engine died with \(signalName(signal))\(detail)")
        }
        return DocumentError(.crashed, "\(source.displayPath): the worker exited with status \(exitCode) without a result\(detail)")
    }

    /// A `worker-stderr` info diagnostic when a worker wrote on stderr while scanning a document
    /// it then answered (poppler's own messages go to `poppler-messages` instead).
    static func stderrDiagnostic(_ stderr: BoundedLines) -> Diagnostic? {
        guard stderr.count > 0 else { return nil }
        let shown = stderr.lines.count < stderr.count ? " (the first \(stderr.lines.count) shown)" : ""
        return DiagnosticCatalog.workerStderr.diagnostic(
            page: nil,
            "the worker wrote \(stderr.count) line\(stderr.count == 1 ? "" : "s") on stderr\(shown): " + stderr.lines.joined(separator: "; "))
    }

    static func signalName(_ signal: Int32) -> String {
        switch signal {
        case SIGSEGV: "SIGSEGV (segmentation fault)"
        case SIGABRT: "SIGABRT (abort)"
        case SIGBUS: "SIGBUS (bus error)"
        case SIGILL: "SIGILL (illegal instruction)"
        case SIGTRAP: "SIGTRAP (trap)"
        case SIGFPE: "SIGFPE (arithmetic error)"
        case SIGKILL: "SIGKILL (killed)"
        case SIGTERM: "SIGTERM (terminated)"
        default: "signal \(signal)"
        }
    }

    static func formatBytes(_ bytes: Int) -> String {
        if bytes >= 1 << 30, bytes % (1 << 30) == 0 { return "\(bytes >> 30) GiB" }
        if bytes >= 1 << 20, bytes % (1 << 20) == 0 { return "\(bytes >> 20) MiB" }
        return "\(bytes) bytes"
    }
}
