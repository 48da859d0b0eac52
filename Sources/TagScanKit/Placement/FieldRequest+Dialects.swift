import YotiSignModels

// Each anchor dialect describes the field it asks for as a `FieldRequest`; only the placer makes
// tags from them.

extension AutoTag {
    /// The field an auto-tag asks for at its anchor's `box`.
    func fieldRequest(at box: Box) -> FieldRequest {
        FieldRequest(
            source: .autoTag, type: type, role: roleName, optional: optional, position: box,
            name: metadata?.nm, tagGroupName: radioGroup.map { "Radio group \($0)" },
            helpText: metadata?.ph, prefilledValue: metadata?.pf)
    }
}

extension CustomAnchorRule {
    /// The field this rule places for a match whose glyphs span `box` on `page`: at the rule's
    /// reference point plus its offsets.
    func fieldRequest(forMatchAt box: Box, fontSize: Double?, on page: PageInfo) -> FieldRequest {
        let point = referencePoint(for: box, on: page, fontSize: fontSize)
        return FieldRequest(
            source: .customRule(displayName), type: type, role: role, optional: !required,
            position: Box(x: point.x, y: point.y, width: 0, height: 0),
            width: width.map { .fraction(TagPlacer.round4($0.fraction(pageExtent: page.width))) } ?? .standard,
            name: name, helpText: helpText, prefilledValue: prefilledValue, validation: validation)
    }
}

extension ForeignTag {
    /// The Yoti field a translated tag places for `role` at its anchor's `box`; nil when the
    /// vendor's type has no Yoti equivalent.
    func fieldRequest(role: String, at box: Box, on page: PageInfo) -> FieldRequest? {
        guard let type else { return nil }
        var width = FieldRequest.Width.standard
        if sizedByTag, page.width > 0 {
            // The vendor sizes the field from the tag; Yoti's v1 docs give 0.05 as the least width.
            width = .fraction(max(0.05, TagPlacer.round4(box.width / page.width)))
        }
        return FieldRequest(
            source: .foreignTag(dialect), type: type, role: role, optional: optional, position: box, width: width,
            name: name, tagGroupName: tagGroupName, helpText: helpText, prefilledValue: prefilledValue,
            readonly: readonly, validation: validation)
    }
}
