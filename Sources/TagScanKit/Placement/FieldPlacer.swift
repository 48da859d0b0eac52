import YotiSignModels

/// Turns field requests into tags: the one place a `Tag` is made, whichever dialect asked for it.
///
/// A sign group belongs to a recipient, not to a field, so a role's group is the same for every
/// field of the role, whichever dialect placed it, and for its recipient entry. It is the first of:
/// 1. the role's group in `ScanOptions.signGroups` (the configuration's recipients, and for roles
///    no recipient names, the configuration's first rule that gives one);
/// 2. the group the first custom rule for the role gives;
/// 3. 1, Yoti's default.
struct FieldPlacer {
    var options: ScanOptions
    var fileName: String

    struct Placed {
        var tag: Tag
        var signGroup: Int
        var diagnostics: [Diagnostic]
    }

    func place(_ request: FieldRequest, anchor text: String, on page: PageInfo) -> Placed {
        var diagnostics: [Diagnostic] = []
        let width: Double
        switch request.width {
        case .standard: width = options.textFieldWidth
        case .fraction(let fraction): width = fraction
        }
        let placement = TagPlacer(textFieldWidth: width).place(request.position, on: page, type: request.type, anchor: text)
        diagnostics += placement.diagnostics

        var optional = request.optional
        if optional, request.type == .dateSignedField, options.dateSignedRequired, request.source != .autoTag {
            // Yoti requires date_signed_field tags. An auto-tag is placed as written (the
            // `optional-date-signed` lint rule reports it); a field tagscan composes from a rule
            // or a translation is made required unless the configuration says otherwise.
            optional = false
            diagnostics.append(
                DiagnosticCatalog.dateRequired.diagnostic(
                    page: page.pageNumber,
                    "\(text) asks for an optional date_signed_field; Yoti requires date_signed_field tags, so it was made required",
                    anchor: text))
        }

        let isText = request.type == .textField
        let tag = Tag(
            pageNumber: page.pageNumber, x: placement.x, y: placement.y, type: request.type,
            optional: optional, fileName: fileName, width: placement.width, name: request.name,
            tagGroupName: request.tagGroupName,
            prefilledValue: isText ? request.prefilledValue : nil, helpText: isText ? request.helpText : nil,
            readonly: isText && request.readonly ? true : nil, validation: isText ? request.validation : nil)
        return Placed(tag: tag, signGroup: signGroup(for: request.role), diagnostics: diagnostics)
    }

    /// The sign group of `role`, by the precedence above.
    func signGroup(for role: String) -> Int {
        options.signGroups[role] ?? options.customRules.first { $0.role == role && $0.signGroup != nil }?.signGroup ?? 1
    }
}
