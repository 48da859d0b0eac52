internal import CPoppler

/// Copies a `GError`'s domain, code and message out and frees it.
struct GLibError: Sendable {
    var isPopplerDomain: Bool
    var code: Int32
    var message: String

    /// Takes ownership of `error` and frees it.
    init(takingOwnershipOf error: UnsafeMutablePointer<GError>) {
        defer { g_error_free(error) }
        isPopplerDomain = error.pointee.domain == poppler_error_quark()
        code = error.pointee.code
        message = error.pointee.message.map { String(cString: $0) } ?? "unknown error"
    }

    var isEncrypted: Bool { isPopplerDomain && code == Int32(POPPLER_ERROR_ENCRYPTED.rawValue) }
}
