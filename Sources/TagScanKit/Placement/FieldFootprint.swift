public import YotiSignModels

/// The area a placed field is taken to cover on the page, in points: one model for everything
/// that reasons about a field's extent, so the overlaps the preview draws are the ones the
/// `tags-overlap` rule reports.
///
/// Yoti documents no field size but a text field's `width`, so tagscan invents none: a field is
/// taken to start at its tag's x/y, as wide as its tag's `width` (text fields) or else its
/// anchor, and as high as its anchor. Template authors size anchors to the space they leave for
/// a field, so fields whose anchors touch, or an anchor under a text field's width, are what
/// overlaps.
public enum FieldFootprint {
    /// Where the field placed as `tag` from an anchor spanning `anchorBox` lies on `page`.
    public static func box(for tag: Tag, anchorBox: Box, on page: PageInfo) -> Box {
        let width = tag.width.map { $0 * page.width } ?? anchorBox.width
        return Box(x: tag.x * page.width, y: tag.y * page.height, width: width, height: anchorBox.height)
    }

    /// The field `anchor` placed, if it placed one.
    public static func box(for anchor: Anchor, on page: PageInfo) -> Box? {
        anchor.tag.map { box(for: $0, anchorBox: anchor.box, on: page) }
    }
}
