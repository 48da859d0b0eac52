internal import CPopplerCore

/// A failure the C++ side reported (a `tagscan_status` other than `TAGSCAN_OK`), named here and
/// nowhere else. The C++ side never lets an exception out: an allocation that fails inside
/// poppler or the glyph collector comes back as ``outOfMemory``.
enum CoreError: Error, Hashable {
    /// poppler cannot open the file.
    case cannotOpenFile
    /// poppler cannot read the page catalog.
    case badCatalog
    /// The document is encrypted and the password is missing or wrong.
    case encrypted
    /// Another of poppler's reasons a document does not open (its `ErrorCodes.h` value).
    case poppler(Int32)
    /// What the call answers when its object is missing: a page that does not load, a document
    /// with no usable cross-reference table.
    case failed
    /// Built without poppler's core headers.
    case unavailable
    /// An allocation failed (`std::bad_alloc`).
    case outOfMemory
    /// Any other C++ exception.
    case exception

    /// The failure `status` names, nil for `TAGSCAN_OK`.
    init?(status: Int32) {
        switch tagscan_status(rawValue: status) {
        case TAGSCAN_OK: return nil
        case TAGSCAN_OPEN_FILE: self = .cannotOpenFile
        case TAGSCAN_BAD_CATALOG: self = .badCatalog
        case TAGSCAN_ENCRYPTED: self = .encrypted
        case TAGSCAN_FAILED: self = .failed
        case TAGSCAN_UNAVAILABLE: self = .unavailable
        case TAGSCAN_OUT_OF_MEMORY: self = .outOfMemory
        case TAGSCAN_EXCEPTION: self = .exception
        default: self = status > 0 ? .poppler(status) : .exception
        }
    }

    /// Throws the failure `status` names.
    static func check(_ status: Int32) throws(CoreError) {
        if let error = CoreError(status: status) { throw error }
    }

    /// A call that answers a count (or a flag) on success and a negative status on failure.
    static func count(_ value: Int32) throws(CoreError) -> Int {
        if value < 0 { throw CoreError(status: value) ?? .exception }
        return Int(value)
    }

    /// The error a scan reports for a document that failed to open this way.
    func documentError(_ source: DocumentSource, password: PasswordBytes?) -> DocumentError {
        let name = source.displayPath
        switch self {
        case .cannotOpenFile: return DocumentError(.notFound, "\(name): cannot be opened")
        case .encrypted:
            if let password, !password.isEmpty { return DocumentError(.wrongPassword, "\(name): the password is not correct") }
            return DocumentError(.encrypted, "\(name): the document is encrypted and needs a password")
        case .badCatalog: return DocumentError(.damaged, "\(name): the page catalog cannot be read")
        case .poppler(let code): return DocumentError(.damaged, "\(name): the file is damaged (poppler error \(code))")
        case .failed, .unavailable: return DocumentError(.damaged, "\(name): the file is damaged (poppler could not open it)")
        case .outOfMemory: return DocumentError(.tooLarge, "\(name): an allocation failed while poppler read the document (out of memory)")
        case .exception: return DocumentError(.crashed, "\(name): the PDF engine failed with an unexpected error")
        }
    }
}

/// Test hooks of the C++ boundary.
enum CoreBoundary {
    /// Makes the `count`-th allocation point of the C++ side on this thread throw
    /// `std::bad_alloc`, as a failed allocation would; 0 disarms.
    static func failAllocation(after count: Int) {
        tagscan_test_fail_allocation_after(Int64(count))
    }
}
