extension Preflight.Checker {
    /// One recipient's (or witness's) tags: count, file and page, position, text-field width,
    /// date-signed, names, groups and text attributes.
    mutating func checkTags(_ tags: [Tag], of recipient: Recipient, who: String, at: String) {
        if tags.count > Preflight.maximumTagsPerRecipient {
            add(
                .tooManyTags,
                "\(who.capitalisingFirst()) has \(tags.count) tags; at most \(Preflight.maximumTagsPerRecipient) are allowed.",
                at: at
            )
        }
        let excluded = Set(recipient.excludedFiles ?? [])
        var names: Set<String> = []
        for (index, tag) in tags.enumerated() {
            let tagAt = "\(at)[\(index)]"
            let what = "\(describe(tag, index: index)) of \(who)"
            checkPlacement(tag, what: what, excluded: excluded, at: tagAt)
            if tag.type == .textField {
                checkTextFieldWidth(tag, what: what, at: tagAt)
            }
            if tag.type == .dateSignedField && tag.optional {
                add(
                    .dateSignedOptional,
                    "\(what.capitalisingFirst()) is a date_signed_field marked optional; it must be required.",
                    at: "\(tagAt).optional"
                )
            }
            if let name = tag.name {
                checkLength(name, in: 1...Preflight.maximumTagNameLength, "The name of \(what)", .tagNameInvalid, at: "\(tagAt).name")
                if !names.insert(name).inserted {
                    add(
                        .duplicateTagName,
                        "The tag name \"\(name)\" is used more than once by \(who); names must be unique per recipient.",
                        at: "\(tagAt).name"
                    )
                }
            }
            checkTextAttributes(tag, what: what, at: tagAt)
        }
        checkGroups(tags, who: who, at: at)
    }

    /// `tag 4 (signature on page 3 of nda.pdf)`.
    private func describe(_ tag: Tag, index: Int) -> String {
        "tag \(index + 1) (\(tag.type.rawValue) on page \(tag.pageNumber) of \(tag.fileName))"
    }

    private mutating func checkPlacement(_ tag: Tag, what: String, excluded: Set<String>, at: String) {
        if let document = documentsByName[tag.fileName] {
            if tag.pageNumber < 1 {
                add(.tagPageOutOfRange, "\(what.capitalisingFirst()) has page_number \(tag.pageNumber); pages start at 1.", at: "\(at).page_number")
            } else if let pages = document.pageCount, tag.pageNumber > pages {
                add(
                    .tagPageOutOfRange,
                    "\(what.capitalisingFirst()) is on page \(tag.pageNumber), but \(tag.fileName) has \(pages) page\(pages == 1 ? "" : "s").",
                    at: "\(at).page_number"
                )
            }
            if excluded.contains(tag.fileName) {
                add(
                    .tagFileExcluded,
                    "\(what.capitalisingFirst()) is in \(tag.fileName), which is in this recipient's excluded_files.",
                    at: "\(at).file_name"
                )
            }
        } else {
            let uploaded = documents.map { "\"\($0.fileName)\"" }.joined(separator: ", ")
            add(
                .tagFileUnknown,
                "\(what.capitalisingFirst()) names file \"\(tag.fileName)\", which is not uploaded (files: \(uploaded.isEmpty ? "none" : uploaded)).",
                at: "\(at).file_name"
            )
        }
        for (axis, value) in [("x", tag.x), ("y", tag.y)] where !Preflight.positionRange.contains(value) {
            add(
                .tagPositionOutOfRange,
                "\(what.capitalisingFirst()) has \(axis) = \(value); it must be within 0 … \(Preflight.positionRange.upperBound).",
                at: "\(at).\(axis)"
            )
        }
    }

    private mutating func checkTextFieldWidth(_ tag: Tag, what: String, at: String) {
        guard let width = tag.width else {
            add(.textFieldWidthMissing, "\(what.capitalisingFirst()) has no width; a text_field needs one.", at: "\(at).width")
            return
        }
        if !width.isFinite || width <= 0 {
            add(.textFieldWidthInvalid, "\(what.capitalisingFirst()) has width \(width); it must be greater than 0.", at: "\(at).width")
        } else if tag.x + width >= 1 {
            add(
                .textFieldTooWide,
                "\(what.capitalisingFirst()) has x + width = \(tag.x) + \(width), which must be less than 1.",
                at: "\(at).width"
            )
        }
    }

    private mutating func checkTextAttributes(_ tag: Tag, what: String, at: String) {
        if let value = tag.prefilledValue {
            checkCharacters(value, "The prefilled_value of \(what)", .prefilledValueInvalid, at: "\(at).prefilled_value")
        }
        if let help = tag.helpText {
            checkLength(help, atMost: Preflight.maximumHelpTextLength, "The help_text of \(what)", .helpTextInvalid, at: "\(at).help_text")
            checkCharacters(help, "The help_text of \(what)", .helpTextInvalid, at: "\(at).help_text")
        }
    }

    /// Tag groups (radio buttons): a valid name, at least two members, one type, and not a mix
    /// of optional and required.
    private mutating func checkGroups(_ tags: [Tag], who: String, at: String) {
        var order: [String] = []
        var members: [String: [Int]] = [:]
        for (index, tag) in tags.enumerated() {
            guard let group = tag.tagGroupName else { continue }
            if members[group] == nil { order.append(group) }
            members[group, default: []].append(index)
        }
        for group in order {
            let indices = members[group] ?? []
            let first = indices[0]
            let groupAt = "\(at)[\(first)].tag_group_name"
            let isWellFormed =
                !group.isEmpty && group.count <= Preflight.maximumTagNameLength
                && group.allSatisfy { $0 == " " || $0.isLetter || $0.isNumber }
                && group.contains { $0.isLetter || $0.isNumber }
            if !isWellFormed {
                add(
                    .tagGroupNameInvalid,
                    "The tag group \"\(group)\" of \(who) must be 1–\(Preflight.maximumTagNameLength) letters, digits or spaces with at least one letter or digit.",
                    at: groupAt
                )
            }
            let groupTags = indices.map { tags[$0] }
            if groupTags.count < 2 {
                add(
                    .tagGroupTooSmall,
                    "The tag group \"\(group)\" of \(who) has only one tag; a group needs at least two.",
                    at: groupAt
                )
            }
            if Set(groupTags.map(\.type)).count > 1 {
                add(.tagGroupMixed, "The tag group \"\(group)\" of \(who) mixes tag types; all its tags must be one type.", at: groupAt)
            }
            if Set(groupTags.map(\.optional)).count > 1 {
                add(.tagGroupMixed, "The tag group \"\(group)\" of \(who) mixes optional and required tags.", at: groupAt)
            }
        }
    }
}
