/// Output formats of `tagscan scan` / `convert`.
public enum ScanFormat: String, Sendable, CaseIterable {
    /// One schema-1 object for the whole run.
    case json
    /// One document object per line, in input order, as each finishes.
    case ndjson
    /// A human summary.
    case text
}
