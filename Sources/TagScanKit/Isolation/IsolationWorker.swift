import Foundation
internal import CProcessSpawn

/// The worker side of isolated scanning: reads one `WorkerRequest` per line on stdin, scans
/// the document (or renders its anchors, or draws a preview) in this process, writes one
/// `WorkerResponse` per line on stdout, until stdin closes. Run it from a worker executable (see
/// ``IsolationOptions``).
public enum IsolationWorker {
    /// Parses `--max-memory BYTES` and `--parent-pid PID` from the process's arguments (as the
    /// scanner passes them) and runs the worker loop; exits the process when stdin closes.
    public static func main() -> Never {
        var maxMemory: Int?
        var parent: Int32?
        var arguments = CommandLine.arguments.dropFirst()[...]
        while let argument = arguments.popFirst() {
            switch argument {
            case "--max-memory": maxMemory = arguments.popFirst().flatMap { Int($0) }
            case "--parent-pid": parent = arguments.popFirst().flatMap { Int32($0) }
            default: continue
            }
        }
        exit(run(maxMemory: maxMemory, parentPID: parent))
    }

    /// Caps this process's address space at `maxMemory` bytes, ties its life to `parentPID`,
    /// and serves requests until stdin closes. Returns the exit status (0, or 70 when the
    /// protocol cannot run).
    public static func run(maxMemory: Int?, parentPID: Int32?) -> Int32 {
        let prepared = tagscan_worker_prepare(Int64(maxMemory ?? 0), parentPID ?? 0)
        if prepared != 0 {
            FileHandle.standardError.write(Data("tagscan worker: cannot cap memory (errno \(prepared))\n".utf8))
            return 70
        }
        let protocolOut = tagscan_worker_take_stdout()
        guard protocolOut >= 0 else {
            FileHandle.standardError.write(Data("tagscan worker: cannot set up its output\n".utf8))
            return 70
        }
        PopplerMessages.install()
        let output = FileHandle(fileDescriptor: protocolOut, closeOnDealloc: true)
        let decoder = JSONDecoder()
        while let line = readLine(strippingNewline: true) {
            if line.isEmpty { continue }
            let response: WorkerResponse
            do {
                let request = try decoder.decode(WorkerRequest.self, from: Data(line.utf8))
                if let preview = request.preview {
                    response = IsolatedPreview.respond(to: request, preview: preview)
                } else if let pages = request.pages {
                    response = IsolatedPreview.respond(to: request, pages: pages)
                } else if request.ink != nil {
                    response = WorkerResponse(id: request.id, ink: measure(request))
                } else {
                    response = WorkerResponse(id: request.id, result: scan(request))
                }
            } catch {
                FileHandle.standardError.write(Data("tagscan worker: bad request: \(error)\n".utf8))
                return 70
            }
            // A long document's scan leaves its freed pages with the allocator; handed back
            // before its answer is encoded, they are not counted twice at the worker's peak.
            if (response.result?.pages.count ?? 0) > WorkerJSON.itemsPerChunk { tagscan_worker_release_free_memory() }
            do {
                try WorkerJSON.answer(response) { try output.write(contentsOf: $0) }
            } catch {
                return 70
            }
        }
        return 0
    }

    /// Renders one request's anchors in this process and measures their ink.
    static func measure(_ request: WorkerRequest) -> [Double?] {
        let probes = request.ink ?? []
        guard let source = request.source else { return Array(repeating: nil, count: probes.count) }
        PopplerWarmUp.ensure()
        return AnchorVisibility.inkCoverage(source: source, password: request.options.password, probes: probes)
    }

    /// Scans one request's document in this process, with poppler's messages captured.
    static func scan(_ request: WorkerRequest) -> DocumentResult {
        guard let source = request.source else {
            return .failed(path: request.fileName, fileName: request.fileName, DocumentError(.notFound, "\(request.fileName): no path and no data"))
        }
        var options = request.options
        let keep = options.isolation?.messageLines ?? 5
        options.isolation = nil
        let (report, messages) = PopplerMessages.capturing(keepLines: keep) {
            Scanner(options: options).scanBlocking([source])
        }
        var result = report.documents.first ?? .failed(path: source.displayPath, fileName: source.fileName, DocumentError(.crashed, "no result"))
        if let diagnostic = messages.diagnostic { result.diagnostics.append(diagnostic) }
        return result
    }
}
