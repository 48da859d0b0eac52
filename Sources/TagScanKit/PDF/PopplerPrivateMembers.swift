import Foundation
internal import CPopplerCore

/// What poppler's private members that the glyph path reads held on a known document (the
/// members and the poppler versions they were checked against are listed in
/// `CPopplerCore/PopplerPrivate.cc`). A poppler whose members changed meaning under the same
/// names reads differently here, and the test that compares these with known-good values fails.
struct PopplerPrivateMembers: Hashable {
    /// `Catalog::pages`: slots once every page was asked for, and whether the first one holds the
    /// page `getPage(1)` built.
    var catalogPageSlots: Int
    var catalogSlotOwnsPage: Bool
    /// `PDFDoc::pageCache`: pages held (none for a document that is not linearized).
    var pageCacheEntries: Int
    /// `Gfx::mcStack` and `Gfx::ignoreUndef` after a page that leaves a BDC and a BX open, and
    /// whether the Gfx then counts as clean.
    var markedContentAfterOpenBDC: Bool
    var ignoreUndefinedAfterOpenBX: Int
    var cleanAfterOpenSections: Bool
    /// The same after a page that closes what it opens.
    var markedContentAfterClosedPage: Bool
    var ignoreUndefinedAfterClosedPage: Int
    var cleanAfterClosedPage: Bool
    /// Whether `getPage(1)` answers null once page 1 was released through the members.
    var releasedPageGone: Bool

    /// Reads the members on `document`: two pages or more, page 1 leaving a BDC and a BX open,
    /// page 2 closing everything it opens.
    static func read(_ document: Data) throws(CoreError) -> PopplerPrivateMembers {
        PopplerWarmUp.ensure()
        var readings = tagscan_private_readings()
        let status = document.withUnsafeBytes { tagscan_core_check_private_members($0.baseAddress, $0.count, &readings) }
        try CoreError.check(status)
        return PopplerPrivateMembers(
            catalogPageSlots: Int(readings.catalog_page_slots), catalogSlotOwnsPage: readings.catalog_slot_owns_page != 0,
            pageCacheEntries: Int(readings.page_cache_entries),
            markedContentAfterOpenBDC: readings.dirty_marked_content != 0, ignoreUndefinedAfterOpenBX: Int(readings.dirty_ignore_undefined),
            cleanAfterOpenSections: readings.dirty_left_clean != 0,
            markedContentAfterClosedPage: readings.clean_marked_content != 0,
            ignoreUndefinedAfterClosedPage: Int(readings.clean_ignore_undefined), cleanAfterClosedPage: readings.clean_left_clean != 0,
            releasedPageGone: readings.released_page_gone != 0)
    }
}
