internal import CPopplerCore

/// Opens a document with the password encoded as its security handler expects, and tells a
/// wrong password from encryption poppler cannot run .
///
/// poppler 22.12 has two silent failures here: a /Filter other than /Standard is reported like
/// a wrong password, and a Standard handler it cannot set up (an unknown /V, /R or crypt filter
/// method) makes it open the file as if it were not encrypted, giving scrambled content and no
/// text. Both become `unsupported-encryption`.
enum PasswordAttempts {
    /// Opens `source` with `opener`, first with the password as typed (UTF-8), then, when
    /// poppler refuses it, encoded for the handler's revision (``PasswordEncoding``).
    ///
    /// `encryption` reads the opened document's encryption when it can (the glyph path's
    /// document can), sparing a second open of the file for the check that follows.
    static func open<Document>(
        _ source: DocumentSource, password: String?, encryption: (Document) -> EncryptionProbe? = { _ in nil },
        with opener: (PasswordBytes?) throws(DocumentError) -> Document
    ) throws(DocumentError) -> Document {
        let typed = password.map(PasswordBytes.init(utf8:))
        let document: Document
        do {
            document = try opener(typed)
        } catch let failure where failure.code == .encrypted || failure.code == .wrongPassword {
            let encryption = EncryptionProbe(source: source, password: typed)
            if let reason = encryption?.unsupportedHandler {
                throw DocumentError(.unsupportedEncryption, "\(source.displayPath): \(reason)")
            }
            guard let password, !password.isEmpty else { throw failure }
            for candidate in PasswordEncoding.candidates(for: password, revision: encryption?.revision) where candidate != typed {
                do {
                    return try opener(candidate)
                } catch let retry where retry.code == .encrypted || retry.code == .wrongPassword {
                    continue
                }
            }
            throw failure
        }
        if let reason = (encryption(document) ?? EncryptionProbe(source: source, password: typed))?.openedWithoutDecrypting {
            throw DocumentError(.unsupportedEncryption, "\(source.displayPath): \(reason)")
        }
        return document
    }

    /// The password bytes that open `source`, trying the same encodings as ``open(_:password:with:)``;
    /// nil when none does (or the document has no password).
    static func workingPassword(for source: DocumentSource, password: String?) -> PasswordBytes? {
        guard let password else { return nil }
        let typed = PasswordBytes(utf8: password)
        let probe = EncryptionProbe(source: source, password: typed)
        guard let probe, probe.openError != 0 else { return typed }
        for candidate in PasswordEncoding.candidates(for: password, revision: probe.revision) where candidate != typed {
            if EncryptionProbe(source: source, password: candidate)?.openError == 0 { return candidate }
        }
        return typed
    }
}

/// What a document's /Encrypt dictionary asks for and what poppler made of it, read through
/// poppler's core API (nil when the core API is missing or the file has no readable xref).
struct EncryptionProbe {
    var present: Bool
    var filter: String
    var version: Int?
    var revision: Int?
    var method: String
    var identity: Bool
    var openError: Int
    var decrypting: Bool

    init?(source: DocumentSource, password: PasswordBytes?) {
        var info = tagscan_encryption()
        let status: Int32 = password.withCString { pw in
            switch source {
            case .file(let path):
                return tagscan_probe_encryption(path, nil, 0, pw, &info)
            case .data(let data, _):
                return data.withUnsafeBytes { tagscan_probe_encryption(nil, $0.baseAddress, $0.count, pw, &info) }
            }
        }
        guard CoreError(status: status) == nil else { return nil }
        self.init(info)
    }

    /// The same, read from a document the glyph path already has open.
    init?(_ document: OpaquePointer) {
        var info = tagscan_encryption()
        guard CoreError(status: tagscan_core_encryption(document, &info)) == nil else { return nil }
        self.init(info)
    }

    init(_ info: tagscan_encryption) {
        present = info.present != 0
        filter = withUnsafeBytes(of: info.filter) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        method = withUnsafeBytes(of: info.method) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        version = info.version >= 0 ? Int(info.version) : nil
        revision = info.revision >= 0 ? Int(info.revision) : nil
        identity = info.identity != 0
        openError = Int(info.open_error)
        decrypting = info.decrypting != 0
    }

    /// Why poppler has no handler for this file, when the /Filter is not /Standard.
    var unsupportedHandler: String? {
        guard present, filter != "Standard" else { return nil }
        let name = filter.isEmpty ? "no /Filter" : "/Filter /\(filter)"
        return "the document is encrypted with \(name); poppler only has the /Standard (password) security handler"
    }

    /// Why a document that opened gives no usable content: it declares Standard encryption that
    /// poppler did not set up, so poppler read the encrypted streams as plain ones.
    var openedWithoutDecrypting: String? {
        guard present, openError == 0, !decrypting, !identity else { return nil }
        if let reason = unsupportedHandler { return reason }
        return "the document is encrypted with \(handlerDescription), which poppler cannot decrypt (it would read the scrambled content as text)"
    }

    var handlerDescription: String {
        var parts = ["/Filter /\(filter)"]
        parts.append("/V \(version.map(String.init) ?? "?")")
        parts.append("/R \(revision.map(String.init) ?? "?")")
        if !method.isEmpty { parts.append("/CFM /\(method)") }
        return parts.joined(separator: " ")
    }
}
