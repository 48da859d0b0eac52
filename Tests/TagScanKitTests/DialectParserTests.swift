import Testing
import YotiSignModels
@testable import TagScanKit

/// The grammar of each foreign vendor's tags and its translation to the nearest Yoti field.
@Suite("Foreign tag grammars")
struct DialectParserTests {
    static func success(_ result: Result<ForeignTag, ForeignTag.Failure>, sourceLocation: SourceLocation = #_sourceLocation) throws -> ForeignTag {
        switch result {
        case .success(let tag): return tag
        case .failure(let failure):
            Issue.record("expected a tag, got: \(failure)", sourceLocation: sourceLocation)
            throw failure
        }
    }

    static func failure(_ result: Result<ForeignTag, ForeignTag.Failure>) -> String? {
        if case .failure(let failure) = result { return failure.description }
        return nil
    }

    // MARK: DocuSign

    @Test("DocuSign-style codes: type and recipient number")
    func docusign() throws {
        let cases: [(String, TagType, Int)] = [
            ("s1", .signature, 1), ("SN2", .signature, 2), ("sig12", .signature, 12), ("d1", .dateSignedField, 1),
            ("date3", .dateSignedField, 3), ("i2", .initials, 2), ("init1", .initials, 1), ("t1", .textField, 1),
            ("name4", .textField, 4), ("c2", .checkboxField, 2), ("checkbox1", .checkboxField, 1), ("a1", .attachment, 1),
        ]
        for (body, type, number) in cases {
            let tag = try #require(DocuSignTagParser.parse(body), "\(body)")
            #expect(tag.type == type && tag.recipientNumber == number && tag.recipient == "signer\(number)" && !tag.optional, "\(body)")
            #expect(tag.sizedByTag == false)
        }
        for body in ["s", "1", "s0", "s100", "x1", "s1a", "docs", "or1"] {
            #expect(DocuSignTagParser.parse(body) == nil, "\(body) is not a DocuSign-style code")
        }
    }

    // MARK: Acrobat Sign

    @Test("Acrobat Sign: types, * required, ! read-only, opt types, signerN")
    func acrobat() throws {
        let signature = try Self.success(AcrobatTagParser.parse("Sig_es_:signer1:signature"))
        #expect(signature.type == .signature && !signature.optional && signature.recipientNumber == 1 && signature.name == "Sig")
        let text = try Self.success(AcrobatTagParser.parse("address_es_:signer2"))
        #expect(text.type == .textField && text.optional && text.vendorType == "text" && text.recipient == "signer2")
        let required = try Self.success(AcrobatTagParser.parse("*city_es_:signer1"))
        #expect(required.type == .textField && !required.optional)
        let readonly = try Self.success(AcrobatTagParser.parse("!*price_es_:signer3:text"))
        #expect(readonly.readonly && !readonly.optional && readonly.recipientNumber == 3)
        let optional = try Self.success(AcrobatTagParser.parse("OSig_es_:signer1:optsignature"))
        #expect(optional.type == .signature && optional.optional)
        let initials = try Self.success(AcrobatTagParser.parse("OInt_es_:signer1:optinitials"))
        #expect(initials.type == .initials && initials.optional)
        let date = try Self.success(AcrobatTagParser.parse("date1_es_:signer1:date:format(date, \"mmm dd, yyyy\")"))
        #expect(date.type == .dateSignedField && !date.optional)
        #expect(date.notes == [ForeignTag.Note(.droppedAttribute, "the format(…) directive has no Yoti equivalent and was left out")])
        let radio = try Self.success(AcrobatTagParser.parse("Plan choice_es_:signer1:radio"))
        #expect(radio.type == .radioField && radio.tagGroupName == "Plan choice" && radio.name == nil)
        let dropdown = try Self.success(AcrobatTagParser.parse("department_es_:signer1:dropdown:options(Sales,Marketing,Finance)"))
        #expect(dropdown.type == .textField && dropdown.notes.map(\.kind) == [.unsupportedType, .droppedAttribute])
        let stamp = try Self.success(AcrobatTagParser.parse("SigStamp_es_:signer1:stampimage(25)"))
        #expect(stamp.type == nil && stamp.notes.first?.kind == .unsupportedType)
        let prefill = try Self.success(AcrobatTagParser.parse("Total_es_:prefill"))
        #expect(prefill.type == nil && prefill.recipientNumber == nil)
        let checkbox = try Self.success(AcrobatTagParser.parse("*Agree_es_:signer2:checkbox"))
        #expect(checkbox.type == .checkboxField && !checkbox.optional)
    }

    @Test("Acrobat Sign: malformed tags are reported, not guessed")
    func acrobatMalformed() {
        #expect(Self.failure(AcrobatTagParser.parse("Sig_es_:signerX:signature"))?.contains("unknown role 'signerX'") == true)
        #expect(Self.failure(AcrobatTagParser.parse("Sig_es_:signer0:signature"))?.contains("unknown role") == true)
        #expect(Self.failure(AcrobatTagParser.parse("Sig_es_"))?.contains("no role") == true)
        #expect(Self.failure(AcrobatTagParser.parse("_es_:signer1"))?.contains("no field name") == true)
        #expect(Self.failure(AcrobatTagParser.parse("Sig_es_:signer1:hologram"))?.contains("unknown field type 'hologram'") == true)
    }

    // MARK: Dropbox Sign

    @Test("Dropbox Sign: parts, req/noreq, label, id, validation")
    func dropbox() throws {
        let sig = try Self.success(DropboxTagParser.parse("sig|req|signer1"))
        #expect(sig.type == .signature && !sig.optional && sig.recipientNumber == 1 && sig.sizedByTag)
        let text = try Self.success(DropboxTagParser.parse("text|noreq|signer2|Company name|company_id"))
        #expect(text.type == .textField && text.optional && text.helpText == "Company name" && text.name == "company_id")
        let phone = try Self.success(DropboxTagParser.parse("text|req|signer1|Phone||phone_number"))
        #expect(phone.validation?.regex == "^\\+?[0-9 ()-]{7,20}$" && phone.name == nil)
        let skipped = try Self.success(DropboxTagParser.parse("text|req|signer1||||firstName"))
        #expect(skipped.notes.map(\.kind) == [.droppedAttribute] && skipped.helpText == nil)
        let other = try Self.success(DropboxTagParser.parse("check|whatever|signer3"))
        #expect(other.type == .checkboxField && !other.optional, "anything but noreq is required")
        let date = try Self.success(DropboxTagParser.parse("date|req|signer1"))
        #expect(date.type == .dateSignedField)
        let initial = try Self.success(DropboxTagParser.parse("initial|req|signer2"))
        #expect(initial.type == .initials)
        let merge = try Self.success(DropboxTagParser.parse("text-merge|req|sender|Deal|deal_id"))
        #expect(merge.type == nil && merge.notes.first?.kind == .unsupportedType)
        let custom = try Self.success(DropboxTagParser.parse("text|req|signer1|Code|code|custom_regex"))
        #expect(custom.validation == nil && custom.notes.first?.message.contains("validation_custom_regex") == true)
        #expect(DropboxTagParser.recognises("sig|req|signer1") && DropboxTagParser.recognises("Text | req | signer1"))
        #expect(!DropboxTagParser.recognises("a|b") && !DropboxTagParser.recognises("3") && !DropboxTagParser.recognises("sig"))
        #expect(Self.failure(DropboxTagParser.parse("sig|req|signerA"))?.contains("unknown signer") == true)
        #expect(Self.failure(DropboxTagParser.parse("sig|req"))?.contains("at least type|req|signerN") == true)
    }

    // MARK: DocuSeal

    @Test("DocuSeal: name, type, role, required, readonly, default and what has no Yoti field")
    func docuseal() throws {
        let signature = try Self.success(DocuSealTagParser.parse("Client Signature;type=signature;role=First Party"))
        #expect(signature.type == .signature && signature.name == "Client Signature" && signature.recipient == "First Party")
        #expect(signature.recipientNumber == 1 && !signature.optional)
        let text = try Self.success(DocuSealTagParser.parse("Company;role=Second Party;required=false;default=ACME Ltd;readonly=true"))
        #expect(text.type == .textField && text.optional && text.prefilledValue == "ACME Ltd" && text.readonly && text.recipientNumber == 2)
        let keys = try Self.success(DocuSealTagParser.parse("Signed;Type=DateNow;ROLE=Buyer"))
        #expect(keys.type == .dateSignedField && keys.recipient == "Buyer" && keys.recipientNumber == nil)
        let defaultRole = try Self.success(DocuSealTagParser.parse("type=initials"))
        #expect(defaultRole.type == .initials && defaultRole.recipient == "First Party" && defaultRole.name == nil)
        let phone = try Self.success(DocuSealTagParser.parse("Phone;type=phone;font-size=9"))
        #expect(
            phone.validation != nil && phone.notes == [ForeignTag.Note(.droppedAttribute, "the font_size attribute has no Yoti equivalent and was left out")])
        let payment = try Self.success(DocuSealTagParser.parse("Fee;type=payment;price=100"))
        #expect(payment.type == nil)
        let select = try Self.success(DocuSealTagParser.parse("Plan;type=select;options=A,B"))
        #expect(select.type == .textField && select.notes.map(\.kind) == [.unsupportedType, .droppedAttribute])
        #expect(DocuSealTagParser.recognises("Name;role=A") && DocuSealTagParser.recognises("type=text"))
        #expect(!DocuSealTagParser.recognises("customer_name") && !DocuSealTagParser.recognises("a=b"))
        #expect(Self.failure(DocuSealTagParser.parse("Thing;type=hologram"))?.contains("unknown field type 'hologram'") == true)
    }

    // MARK: Documenso

    @Test("Documenso: types and aliases, rN, meta keys and aliases")
    func documenso() throws {
        let signature = try Self.success(DocumensoTagParser.parse("signature,r1"))
        #expect(signature.type == .signature && signature.recipientNumber == 1 && signature.recipient == "r1" && !signature.optional)
        let alias = try Self.success(DocumensoTagParser.parse("S, R2"))
        #expect(alias.type == .signature && alias.recipientNumber == 2 && alias.vendorType == "signature")
        let text = try Self.success(DocumensoTagParser.parse("text,r2,required=true,label=Company_name,id=company"))
        #expect(text.type == .textField && !text.optional && text.helpText == "Company name" && text.name == "company")
        let optionalText = try Self.success(DocumensoTagParser.parse("t,r1,r:f,ro=t,v=ACME"))
        #expect(optionalText.optional && optionalText.readonly && optionalText.prefilledValue == "ACME")
        let date = try Self.success(DocumensoTagParser.parse("d,r1"))
        #expect(date.type == .dateSignedField && !date.optional)
        let number = try Self.success(DocumensoTagParser.parse("num,r1,fontSize=9"))
        #expect(number.validation?.regex == "^[0-9]*$" && number.notes.map(\.kind) == [.droppedAttribute])
        let dropdown = try Self.success(DocumensoTagParser.parse("dd,r3"))
        #expect(dropdown.type == .textField && dropdown.optional && dropdown.notes.first?.kind == .unsupportedType)
        #expect(DocumensoTagParser.recognises("cb,r1") && !DocumensoTagParser.recognises("customer_name"))
        #expect(Self.failure(DocumensoTagParser.parse("signature"))?.contains("no recipient") == true)
        #expect(Self.failure(DocumensoTagParser.parse("signature,x1"))?.contains("'x1' is not a recipient") == true)
        #expect(Self.failure(DocumensoTagParser.parse("signature,r0"))?.contains("is not a recipient") == true)
    }

    // MARK: Roles

    @Test("foreign recipients map to Yoti roles: Signer N by default, configurable")
    func roles() {
        #expect(RoleMapping.role(for: "signer2", number: 2, map: [:]) == "Signer 2")
        #expect(RoleMapping.role(for: "r3", number: 3, map: [:]) == "Signer 3")
        #expect(RoleMapping.role(for: "Second Party", number: 2, map: [:]) == "Signer 2")
        #expect(RoleMapping.role(for: "Witness", number: nil, map: [:]) == "Witness")
        #expect(RoleMapping.role(for: "sender", number: nil, map: [:]) == nil)
        let map = ["Signer1": "Tenant 1", "r2": "Landlord 1", "first  party": "Buyer 1", "Witness": "Guarantor 1"]
        #expect(RoleMapping.role(for: "signer1", number: 1, map: map) == "Tenant 1")
        #expect(RoleMapping.role(for: "r1", number: 1, map: map) == "Tenant 1", "a signerN key applies to rN")
        #expect(RoleMapping.role(for: "signer2", number: 2, map: map) == "Landlord 1", "and an rN key to signerN")
        #expect(RoleMapping.role(for: "First Party", number: 1, map: map) == "Buyer 1", "the exact name wins")
        #expect(RoleMapping.role(for: "witness", number: nil, map: map) == "Guarantor 1")
    }

    // MARK: Lengths

    @Test("lengths parse with their units and convert to points")
    func lengths() throws {
        #expect(try Length.parse("12pt") == .points(12))
        #expect(try Length.parse("-5 mm") == .millimetres(-5))
        #expect(abs(try Length.parse("1.5cm").points(pageExtent: 0) - 1.5 * 72 / 2.54) < 1e-9)
        #expect(try Length.parse("0.5in").points(pageExtent: 0) == 36)
        #expect(try Length.parse("0.1page").points(pageExtent: 600) == 60)
        #expect(try Length.parse("5%").points(pageExtent: 600) == 30)
        #expect(try Length.parse("7") == .points(7))
        #expect(try Length.parse("0.3", bareUnit: .page) == .pageFraction(0.3))
        for bad in ["", "mm", "5 furlongs", "1e3pt", "five"] {
            #expect(throws: Length.ParseError.self, "\(bad)") { try Length.parse(bad) }
        }
    }
}
