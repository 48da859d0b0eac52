public import YotiSignModels

/// Every diagnostic tagscan reports, one entry each: the stable id, the default severity, a one-line
/// summary and the help text. The scanner, the lint rules, `tagscan lint --list-rules`, SARIF's
/// rule metadata and the mapping of Yoti's own preflight checks all take them from here, so an id
/// has one severity and one description wherever it shows.
public enum DiagnosticCatalog {
    /// Every entry, sorted by id.
    public static let all: [RuleDescription] = [
        anchorNotFound,
        anchorOutsidePage,
        anchorSpansPages,
        anchorUnremovable,
        anchorWrapsLine,
        curlyQuotes,
        dateRequired,
        duplicateTagName,
        encrypted,
        fileTooLarge,
        forbiddenCharacters,
        foreignTag,
        foreignTagDropped,
        foreignTagMalformed,
        foreignTagUnsupported,
        imageOnlyPage,
        industryType,
        javascript,
        malformedAnchor,
        metadataNotAllowed,
        missingHeader,
        optionalDateSigned,
        pageIncomplete,
        popplerMessages,
        radioGroupMixedRequired,
        radioGroupTooSmall,
        recipientGap,
        scrubProofFailed,
        spacedAnchor,
        tagClamped,
        tagNameTooLong,
        tagsOverlap,
        tinyAnchor,
        tooManyFiles,
        tooManyRecipients,
        tooManyTags,
        unreadable,
        visibleAnchor,
        workerStderr,
    ]

    /// The entry with `id`, if there is one.
    public static func entry(id: String) -> RuleDescription? {
        all.first { $0.id == id }
    }

    public static let anchorNotFound = RuleDescription(
        id: "anchor-not-found", severity: .error,
        summary: "A custom anchor rule matched nothing in the document, so its recipient gets no field from it.",
        details: """
            The rule's anchor text ("Tenant Signature:") is not in the document as poppler reads it: \
            reworded, misspelt, or part of an image. Check the text in the template, or the rule's \
            anchor, case_sensitive and whole_word settings.
            """)

    public static let anchorOutsidePage = RuleDescription(
        id: "anchor-outside-page", severity: .error,
        summary: "An anchor is drawn wholly or partly outside the visible page (the crop box), so no field is placed from it.",
        details: """
            Text beyond the crop box is in the file but not on the page a signer sees, and an anchor \
            cut by the page edge is not whole. tagscan reports it with how far out it lies instead \
            of placing a field at an invisible spot. Move the anchor onto the page, or fix the crop \
            box the producer or a later tool set.
            """,
        reportedByScanner: true)

    public static let anchorSpansPages = RuleDescription(
        id: "anchor-spans-pages", severity: .error,
        summary: "An auto-tag starts on one page and ends on the next, so Yoti cannot find it.",
        details: """
            Yoti reads each page on its own, so an anchor broken by a page break places no field and \
            the envelope goes out without it. Keep every anchor whole on one page: move it, or shorten \
            the text before it.
            """,
        reportedByScanner: true)

    public static let anchorWrapsLine = RuleDescription(
        id: "anchor-wraps-line", severity: .error,
        summary: "An auto-tag is broken across two lines by wrapping, so Yoti cannot find it.",
        details: """
            Word processors wrap long lines wherever they like, and an anchor split over two lines \
            places no field. Keep anchors on a line of their own or in a cell wide enough for them.
            """,
        reportedByScanner: true)

    public static let curlyQuotes = RuleDescription(
        id: "curly-quotes", severity: .warning,
        summary: "Auto-tag metadata is written with curly quotes (Word's autocorrect), which Yoti may not read.",
        details: """
            Metadata such as {"nm":"company"} is JSON and needs straight quotes. tagscan reads curly \
            quotes as straight ones, but Yoti may reject or ignore the metadata. Turn off "smart quotes" \
            and type the quotes again.
            """,
        reportedByScanner: true)

    public static let dateRequired = RuleDescription(
        id: "date-required", severity: .info,
        summary: "A date-signed field was placed as required: Yoti does not allow it to be optional.",
        details: """
            A vendor's tag or a custom rule asked for an optional date-signed field. Yoti fills the \
            date when the recipient signs and rejects optional date-signed tags, so tagscan places \
            it as required.
            """)

    public static let duplicateTagName = RuleDescription(
        id: "duplicate-tag-name", severity: .error,
        summary: "Two fields of one recipient share a name (nm); Yoti requires names unique per recipient.",
        details: """
            Tag names identify fields in conditional rules and in the completed values, so Yoti \
            requires each recipient's names to be unique across the envelope. Different recipients \
            may reuse a name. Rename one of the fields.
            """)

    public static let encrypted = RuleDescription(
        id: "encrypted", severity: .error,
        summary: "The PDF is password-protected; Yoti rejects encrypted files.",
        details: """
            Yoti cannot open password-protected PDFs and errors the envelope (PASSWORD_PROTECTED). \
            Save the template without a password. tagscan reads it with --password, but Yoti cannot.
            """)

    public static let fileTooLarge = RuleDescription(
        id: "file-too-large", severity: .error,
        summary: "A file, or an envelope's files together, is over Yoti's 20 MB limit.",
        details: """
            Yoti refuses a create-envelope request whose files add up to more than 20 MB (413). \
            Compress images in the template, or send the documents in several envelopes.
            """)

    public static let forbiddenCharacters = RuleDescription(
        id: "forbidden-characters", severity: .error,
        summary: "A placeholder (ph) or pre-filled value (pf) contains one of / \\ : * ? < > |, which Yoti refuses.",
        details: """
            Yoti rejects help_text and prefilled_value containing any of / \\ : * ? < > |. Reword the \
            value in the anchor's metadata without them (for example "Ref no. 12" for "Ref: 12").
            """)

    public static let foreignTag = RuleDescription(
        id: "foreign-tag", severity: .warning,
        summary: "Another vendor's tag (DocuSign, Acrobat Sign, Dropbox Sign, DocuSeal, Documenso) is left in the template.",
        details: """
            Templates moved from another e-signature service often keep that service's tags, such as \
            {{Sig_es_:signer1:signature}} or [sig|req|signer1]. Yoti ignores them, so they place no \
            field and stay on the signed document as text. Replace them with Yoti auto-tags (tagscan \
            convert translates them) or delete them.
            """,
        reportedByScanner: true)

    public static let foreignTagMalformed = RuleDescription(
        id: "foreign-tag-malformed", severity: .error,
        summary: "Text looks like another vendor's tag but does not parse as one.",
        details: """
            A tag in DocuSign, Acrobat Sign, Dropbox Sign, DocuSeal or Documenso syntax with a \
            mistake in it places no field when `tagscan convert` translates that vendor (an error \
            then; a warning on a plain scan, where vendors' tags place nothing). The message says \
            what is wrong.
            """)

    public static let foreignTagUnsupported = RuleDescription(
        id: "foreign-tag-unsupported", severity: .warning,
        summary: "A vendor's tag being converted asks for a field type Yoti does not have.",
        details: """
            `tagscan convert` places Yoti fields at other vendors' tags. A field type with no Yoti \
            equivalent (a dropdown, a formula) cannot be placed; the message names it. Replace it in \
            the template with a field Yoti supports, or fill it in before sending.
            """)

    public static let foreignTagDropped = RuleDescription(
        id: "foreign-tag-dropped", severity: .info,
        summary: "A vendor's tag being converted has an attribute Yoti's tags cannot carry; it was left out.",
        details: """
            Other vendors' tags carry settings (a width, a validation, a font) that Yoti's tags do \
            not have. The field is placed without them; the message names what was dropped.
            """)

    public static let imageOnlyPage = RuleDescription(
        id: "image-only-page", severity: .warning,
        summary: "A page has no text (a scan or an image) in a document whose other pages have anchors.",
        details: """
            Anchors on a scanned or flattened page are pictures of text: neither tagscan nor Yoti can \
            find them. If the page should carry fields, rebuild it from the source document rather \
            than a scan.
            """)

    public static let industryType = RuleDescription(
        id: "industry-type", severity: .info,
        summary: "Which autotagging value (GENERAL, REAL_ESTATE or ALL) the auto-tags' roles need.",
        details: """
            Yoti searches auto-tags with the matrix named by the envelope's "autotagging" option: \
            Signer (S) is GENERAL; Tenant, Landlord, Agent, Guarantor and Contractor are REAL_ESTATE; \
            a mix needs ALL. Anchors whose role the chosen matrix lacks place no field.
            """)

    public static let javascript = RuleDescription(
        id: "javascript", severity: .error,
        summary: "The PDF carries JavaScript; Yoti rejects such files.",
        details: """
            Yoti treats a PDF with JavaScript as unsafe and errors the envelope (MALICIOUS_PDF). \
            Form tools and some exporters add scripts for calculations or printing; export the \
            template again without them (for example print it to PDF).
            """)

    public static let malformedAnchor = RuleDescription(
        id: "malformed-anchor", severity: .error,
        summary: "Text shaped like an auto-tag does not parse: unknown role or type, number outside 1–30, no R/O, bad metadata.",
        details: """
            Yoti silently ignores an anchor it cannot parse, so the recipient gets no field there. \
            The message says which part is wrong and what was expected: the grammar is \
            |<role S T L A G C><number 1–30><type S T CB DS RG<n> A IN><R or O>[{"nm":…}]|. \
            A |tagscan-disable:…| directive that names an unknown rule is reported here too.
            """,
        reportedByScanner: true)

    public static let metadataNotAllowed = RuleDescription(
        id: "metadata-not-allowed", severity: .error,
        summary: "ph or pf metadata on a field that is not a text field.",
        details: """
            Placeholders (ph) and pre-filled values (pf) only exist for text fields; on a signature, \
            checkbox or other field Yoti drops them or refuses the tag. Remove them, or make the \
            anchor a text field (T). nm works on every type.
            """)

    public static let missingHeader = RuleDescription(
        id: "missing-header", severity: .error,
        summary: "The document has auto-tags but no |AT| header on page 1.",
        details: """
            Yoti only looks for auto-tags in documents that carry the |AT| header tag on their first \
            page; without it every anchor is ignored. Put |AT| (in white) anywhere on page 1.
            """)

    public static let optionalDateSigned = RuleDescription(
        id: "optional-date-signed", severity: .error,
        summary: "A date-signed field is marked optional (DS…O); Yoti requires it to be required.",
        details: """
            Yoti fills date_signed_field itself when the recipient signs and refuses it with \
            optional: true. Write the anchor with R, as in |S1DSR|.
            """)

    public static let pageIncomplete = RuleDescription(
        id: "page-incomplete", severity: .error,
        summary: "poppler could not finish drawing a page, so text and anchors on it may be missing.",
        details: """
            An allocation failed under the memory cap, or poppler stopped reading one of the page's \
            content streams (a damaged or hostile image or stream). The page's text is what was drawn \
            before that, and an anchor in the rest places no field. Re-export the PDF from its source; \
            when the cap was the cause, a larger --max-memory may let the page finish.
            """,
        reportedByScanner: true)

    public static let popplerMessages = RuleDescription(
        id: "poppler-messages", severity: .info,
        summary: "poppler reported problems while reading the document.",
        details: """
            poppler's own warnings and errors (a damaged stream, a missing font, a broken cross-reference \
            table) are collected per document instead of being printed. They explain other \
            diagnostics, such as missing text.
            """)

    public static let radioGroupMixedRequired = RuleDescription(
        id: "radio-group-mixed-required", severity: .error,
        summary: "A radio group mixes required (R) and optional (O) buttons, which Yoti refuses.",
        details: """
            Yoti does not allow optional and required tags in one tag group. Write every button of \
            the group with the same R or O, as in |S1RG1R| … |S1RG1R|.
            """)

    public static let radioGroupTooSmall = RuleDescription(
        id: "radio-group-too-small", severity: .error,
        summary: "A radio group (RG<n>) has fewer than 2 buttons; Yoti needs at least 2 per group.",
        details: """
            The n in RG<n> groups one recipient's radio buttons, and Yoti refuses a tag group with a \
            single member. Add the other choices with the same RG<n>, or use a checkbox (CB) for a \
            single yes/no.
            """)

    public static let recipientGap = RuleDescription(
        id: "recipient-gap", severity: .warning,
        summary: "Recipients of one role are numbered with a gap (S1 and S3 but no S2): a typo in an anchor?",
        details: """
            Each auto-tag's number picks its recipient, and the envelope's recipients must have the \
            matching roles. A gap usually means a mistyped anchor, which would give a field to the \
            wrong person. Check the numbers, or add the missing recipient's fields.
            """)

    public static let spacedAnchor = RuleDescription(
        id: "spaced-anchor", severity: .warning,
        summary: "An auto-tag has spaces typed inside its pipes (| S5SR |, |S4 SR|); tagscan places it, Yoti's own auto-tagging may not.",
        details: """
            tagscan reads the tag without the spaces and sends its field as an explicit tag, so the \
            envelope is right. Yoti's auto-tagging reads the text itself and may not recognise a tag \
            with spaces in it, and OCR output often has them. Remove the spaces.
            """,
        reportedByScanner: true)

    public static let tagClamped = RuleDescription(
        id: "tag-clamped", severity: .warning,
        summary: "A field had to be moved to stay inside Yoti's 0…0.949 range or keep x + width below 1.",
        details: """
            Yoti rejects tags whose x or y is above 0.949 of the page, and text fields whose x + width \
            reaches 1. tagscan moves such fields inside the range, so they no longer sit exactly at \
            their anchors. Move the anchor away from the right or bottom edge of the page.
            """,
        reportedByScanner: true)

    public static let tagNameTooLong = RuleDescription(
        id: "tag-name-too-long", severity: .error,
        summary: "A tag name (nm) is longer than the 50 characters Yoti accepts.",
        details: """
            A tag's name identifies it in conditional rules and in the completed values, and Yoti \
            limits it to 50 characters. Shorten the "nm" value in the anchor's metadata.
            """)

    public static let tagsOverlap = RuleDescription(
        id: "tags-overlap", severity: .warning,
        summary: "Two fields (of any recipients) overlap on the page.",
        details: """
            Overlapping fields hide each other and confuse signers; a text field also stretches to \
            the right of its anchor by its width. Move the anchors apart, or put them on separate lines.
            """)

    public static let tinyAnchor = RuleDescription(
        id: "tiny-anchor", severity: .warning,
        summary: "An anchor is set below 4 pt; some text extractors drop such small text.",
        details: """
            Hiding anchors by making them tiny is common, but extractors differ on very small text: \
            DocuSign's, for one, misses 1 pt anchors that other tools find. Keep anchors at 4 pt or \
            more and hide them with white colour instead.
            """)

    public static let tooManyFiles = RuleDescription(
        id: "too-many-files", severity: .error,
        summary: "An envelope (a folder with --envelope) holds more than 20 files; Yoti accepts at most 20.",
        details: """
            A create-envelope request carries 1 to 20 files. With --envelope each folder given is \
            one envelope; split a larger folder into several envelopes or merge documents.
            """,
        triggeringFixture: "too-many-files/trigger", cleanFixture: "too-many-files/clean")

    public static let tooManyRecipients = RuleDescription(
        id: "too-many-recipients", severity: .error,
        summary: "The anchors name more than 30 signing recipients; Yoti accepts at most 30 per envelope.",
        details: """
            Every distinct role in the anchors (Signer 1, Tenant 2, …) becomes one signing recipient, \
            and an envelope may have at most 30. Split the document into envelopes or merge roles.
            """)

    public static let tooManyTags = RuleDescription(
        id: "too-many-tags", severity: .error,
        summary: "One recipient has more than 200 fields; Yoti accepts at most 200 tags per recipient.",
        details: """
            Yoti limits each recipient to 200 tags across the envelope. Merge fields (one text field \
            instead of several), or give the fields to another recipient or envelope.
            """)

    public static let unreadable = RuleDescription(
        id: "unreadable", severity: .error,
        summary: "The file could not be read: not a PDF, damaged, missing, or a page poppler cannot load.",
        details: """
            A file tagscan cannot read is one Yoti is likely to reject too (PDF_READER), and its \
            anchors cannot be checked. The message gives the reason; re-export the PDF from its source.
            """)

    public static let visibleAnchor = RuleDescription(
        id: "visible-anchor", severity: .warning,
        summary: "An anchor will show on the signed document: it is neither white nor invisible text.",
        details: """
            Yoti does not say that it removes or covers an anchor's text, so a black |S1SR| can show \
            next to the signature on the completed document. Colour anchors white (or use invisible \
            text) and keep them at a normal size.
            """)

    public static let workerStderr = RuleDescription(
        id: "worker-stderr", severity: .info,
        summary: "The worker process that read the document wrote to its standard error.",
        details: """
            What a worker prints (poppler or the C library, usually about damaged content) is kept \
            with the document it was reading, so a batch run's output is not interleaved. It often \
            explains a document's other problems.
            """)
}

extension DiagnosticCatalog {
    /// The lint rule that checks the same rule of Yoti's as a preflight code, for the codes where
    /// `tagscan lint` finds the problem in the template before anything is sent. Preflight codes
    /// keep their own names (they check the request, not the PDF, and are stable), and this is
    /// the one place that says which diagnostic each one is.
    public static func entry(forPreflight code: PreflightProblem.Code) -> RuleDescription? {
        switch code {
        case .tooManyFiles: tooManyFiles
        case .filesTooLarge: fileTooLarge
        case .tooManySigners: tooManyRecipients
        case .tooManyTags: tooManyTags
        case .dateSignedOptional: optionalDateSigned
        case .tagNameInvalid: tagNameTooLong
        case .duplicateTagName: duplicateTagName
        case .tagGroupTooSmall: radioGroupTooSmall
        case .tagGroupMixed: radioGroupMixedRequired
        case .prefilledValueInvalid, .helpTextInvalid: forbiddenCharacters
        default: nil
        }
    }
}
