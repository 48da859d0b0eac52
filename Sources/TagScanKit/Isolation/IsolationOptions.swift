/// How an isolated scan runs its documents: each in a worker process with a wall-clock limit
/// and an address-space cap, so a hostile file costs at most `timeout` and `maxMemory`, and can
/// neither hang nor take down the process that scans it.
///
/// The worker is an executable that runs ``IsolationWorker/main()``: `tagscan __worker`
/// (the CLI's hidden subcommand), or a few lines of your own:
///
/// ```swift
/// // Sources/tagscan-worker/main.swift, an executable target that depends on TagScanKit
/// import TagScanKit
/// IsolationWorker.main()
/// ```
///
/// ```swift
/// var options = ScanOptions(jobs: 4)
/// options.isolation = IsolationOptions(workerExecutable: "/usr/local/bin/tagscan-worker", arguments: [])
/// let report = try await Scanner(options: options).scan(paths: ["uploads/"])
/// ```
///
/// The worker must be built from the same TagScanKit as the caller (requests and results are
/// JSON of this version's types).
public struct IsolationOptions: Sendable, Hashable, Codable {
    /// Absolute path of the worker executable.
    public var workerExecutable: String
    /// Arguments placed before the ones the scanner adds (`--max-memory`, `--parent-pid`);
    /// `["__worker"]` for the `tagscan` binary.
    public var arguments: [String]
    /// Wall-clock limit per document in seconds, from sending it to the worker to its result;
    /// past it the worker is killed and the document gets `timeout`.
    public var timeout: Double
    /// Address-space cap of each worker in bytes (`RLIMIT_AS`), nil for none. A document whose
    /// scan fails to allocate under it gets `too-large`.
    public var maxMemory: Int?
    /// How many of poppler's messages per document the `poppler-messages` diagnostic quotes
    /// (all are counted).
    public var messageLines: Int

    public static let defaultTimeout = 30.0
    public static let defaultMaxMemory = 1 << 30

    public init(
        workerExecutable: String, arguments: [String] = ["__worker"], timeout: Double = IsolationOptions.defaultTimeout,
        maxMemory: Int? = IsolationOptions.defaultMaxMemory, messageLines: Int = 5
    ) {
        self.workerExecutable = workerExecutable
        self.arguments = arguments
        self.timeout = timeout
        self.maxMemory = maxMemory
        self.messageLines = max(0, messageLines)
    }
}
