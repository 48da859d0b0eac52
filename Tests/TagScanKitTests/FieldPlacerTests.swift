import Testing
import YotiSignModels
@testable import TagScanKit

/// One placer makes every tag, whichever dialect asked for it: one sign-group rule, one rule for
/// optional dates, and text-only attributes kept for text fields only.
@Suite("field placement")
struct FieldPlacerTests {
    let page = PageInfo(pageNumber: 2, width: 600, height: 800, rotation: 0)
    let anchorBox = Box(x: 60, y: 400, width: 40, height: 10)

    func placer(signGroups: [String: Int] = [:], rules: [CustomAnchorRule] = []) -> FieldPlacer {
        var options = ScanOptions(signGroups: signGroups)
        options.customRules = rules
        return FieldPlacer(options: options, fileName: "nda.pdf")
    }

    @Test("a role's sign group: the configuration's recipient, else its first rule's, else 1")
    func signGroupPrecedence() {
        let rules = [
            CustomAnchorRule(anchor: "Buyer:", role: "Signer 2", signGroup: 3, type: .signature),
            CustomAnchorRule(anchor: "Buyer date:", role: "Signer 2", signGroup: 4, type: .dateSignedField),
        ]
        #expect(placer(rules: rules).signGroup(for: "Signer 2") == 3)
        #expect(placer(signGroups: ["Signer 2": 2], rules: rules).signGroup(for: "Signer 2") == 2)
        #expect(placer(rules: rules).signGroup(for: "Signer 1") == 1)
    }

    @Test("every field of a role gets the role's sign group, whichever rule placed it")
    func sameGroupForEveryRule() {
        let rules = [
            CustomAnchorRule(anchor: "Buyer:", role: "Signer 2", signGroup: 3, type: .signature),
            CustomAnchorRule(anchor: "Buyer date:", role: "Signer 2", signGroup: 4, type: .dateSignedField),
        ]
        let placer = placer(rules: rules)
        let groups = rules.map { rule in
            placer.place(rule.fieldRequest(forMatchAt: anchorBox, fontSize: 10, on: page), anchor: rule.anchor, on: page).signGroup
        }
        #expect(groups == [3, 3])
    }

    @Test("an optional date from a rule is made required and reported; an auto-tag's is placed as written")
    func optionalDates() {
        let rule = CustomAnchorRule(anchor: "Date:", role: "Signer 1", type: .dateSignedField, required: false)
        let fromRule = placer(rules: [rule]).place(rule.fieldRequest(forMatchAt: anchorBox, fontSize: 10, on: page), anchor: "Date:", on: page)
        #expect(fromRule.tag.optional == false)
        #expect(fromRule.diagnostics.map(\.rule) == ["date-required"])

        let autoTag = AutoTag(role: .signer, number: 1, type: .dateSignedField, optional: true)
        let fromTag = placer().place(autoTag.fieldRequest(at: anchorBox), anchor: "|S1DSO|", on: page)
        #expect(fromTag.tag.optional == true)
        #expect(fromTag.diagnostics.isEmpty)
    }

    @Test("text attributes reach text fields only")
    func textOnlyAttributes() {
        var request = FieldRequest(
            source: .foreignTag(.docuseal), type: .signature, role: "Signer 1", optional: false, position: anchorBox,
            name: "buyer", tagGroupName: "Group 1", helpText: "Sign here", prefilledValue: "x", readonly: true,
            validation: YotiSignModels.Tag.Validation(regex: "^[0-9]+$"))
        let signature = placer().place(request, anchor: "{{sig}}", on: page).tag
        #expect(signature.name == "buyer")
        #expect(signature.tagGroupName == "Group 1")
        #expect(signature.helpText == nil && signature.prefilledValue == nil && signature.readonly == nil && signature.validation == nil)

        request.type = .textField
        let text = placer().place(request, anchor: "{{text}}", on: page).tag
        #expect(text.helpText == "Sign here" && text.prefilledValue == "x" && text.readonly == true && text.validation != nil)
        #expect(text.width == 0.2)
    }

    @Test("positions in points: the field's top-left at the request's position")
    func positions() {
        let placed = placer().place(
            AutoTag(role: .signer, number: 1, type: .signature, optional: false).fieldRequest(at: anchorBox), anchor: "|S1SR|", on: page)
        #expect(placed.tag.x * page.width == 60)
        #expect(placed.tag.y * page.height == 400)
        #expect(placed.tag.pageNumber == 2)
        #expect(placed.tag.fileName == "nda.pdf")
    }

    @Test("a vendor that sizes fields from the tag gives a text field the tag's width, at least 0.05")
    func foreignWidth() {
        let tag = ForeignTag(dialect: .dropbox, vendorType: "text", recipient: "signer1", recipientNumber: 1, type: .textField, sizedByTag: true)
        let wide = tag.fieldRequest(role: "Signer 1", at: Box(x: 60, y: 400, width: 150, height: 10), on: page)
        #expect(wide?.width == .fraction(0.25))
        let narrow = tag.fieldRequest(role: "Signer 1", at: Box(x: 60, y: 400, width: 6, height: 10), on: page)
        #expect(narrow?.width == .fraction(0.05))
        var untyped = tag
        untyped.type = nil
        #expect(untyped.fieldRequest(role: "Signer 1", at: anchorBox, on: page) == nil)
    }
}

/// The preview and `tags-overlap` measure a field the same way, so what one shows the other says.
@Suite("field footprint")
struct FieldFootprintTests {
    let page = PageInfo(pageNumber: 1, width: 600, height: 800, rotation: 0)

    func anchor(_ text: String, _ tag: YotiSignModels.Tag, width: Double = 30) -> Anchor {
        Anchor(
            text: text, dialect: .yoti, pageNumber: 1, box: Box(x: tag.x * 600, y: tag.y * 800, width: width, height: 8),
            role: "Signer \(text.contains("2") ? 2 : 1)", signGroup: 1, tag: tag)
    }

    func overlaps(_ anchors: [Anchor]) -> [Diagnostic] {
        let document = LintDocument(result: DocumentResult(path: "a.pdf", fileName: "a.pdf", pageCount: 1, pages: [page], anchors: anchors))
        return TagsOverlapRule.check(document, options: LintOptions())
    }

    @Test("a text field 0.2 of the page wide covers a signature 100 pt to its right, and the preview draws it so")
    func textFieldWidth() throws {
        let text = anchor("|S1TR|", YotiSignModels.Tag(pageNumber: 1, x: 0.1, y: 0.5, type: .textField, optional: false, fileName: "a.pdf", width: 0.2))
        let signature = anchor("|S2SR|", YotiSignModels.Tag(pageNumber: 1, x: (60 + 100) / 600.0, y: 0.5, type: .signature, optional: false, fileName: "a.pdf"))
        let far = anchor("|S2SR|", YotiSignModels.Tag(pageNumber: 1, x: (60 + 130) / 600.0, y: 0.5, type: .signature, optional: false, fileName: "a.pdf"))
        #expect(overlaps([text, signature]).count == 1)
        #expect(overlaps([text, far]).isEmpty)
        let drawn = try #require(PreviewOptions().fieldBox(for: text, on: page))
        let drawnSignature = try #require(PreviewOptions().fieldBox(for: signature, on: page))
        let drawnFar = try #require(PreviewOptions().fieldBox(for: far, on: page))
        #expect(drawn == Box(x: 60, y: 400, width: 120, height: 8))
        #expect(drawn.intersects(drawnSignature) && !drawn.intersects(drawnFar))
    }
}
