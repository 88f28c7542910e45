//! Tied words copy as words. kalem ties words with no-break spaces
//! ([`crate::prepare::ties`]), which PDF readers do not read as spaces: to
//! the bidi algorithm a no-break space is a separator of numbers (class
//! CS), and beside a phone number in Arabic a reader turned
//! `بالرقم +90 312 123 45 67` into `بالرقم 76 +90 312 123 45`. The lines are
//! broken by then, so in the text layer every no-break space becomes an
//! ordinary space; the glyphs stay as they are.

use typst::layout::FrameItem;
use typst::text::TextItem;
use typst_layout::{Page, PagedDocument};

use super::walk::{map_items, map_pages};
use crate::prepare::numbers::NO_BREAK;

/// The document with its no-break spaces read as spaces.
pub fn plain(document: &PagedDocument) -> PagedDocument {
    let mut spaced = |item: &FrameItem| match item {
        FrameItem::Text(text) if text.text.contains(NO_BREAK) => Some(FrameItem::Text(spaced(text))),
        other => Some(other.clone()),
    };
    map_pages(document, |page| Page { frame: map_items(&page.frame, &mut spaced), ..page.clone() })
}

/// The item with each no-break space of its text a space, its glyphs
/// pointing at the same characters.
fn spaced(item: &TextItem) -> TextItem {
    let starts: Vec<usize> = item.text.match_indices(NO_BREAK).map(|(at, _)| at).collect();
    // A no-break space takes two bytes, a space one.
    let moved = |at: u16| at - starts.iter().filter(|&&s| s < usize::from(at)).count() as u16;
    let glyphs = item.glyphs.iter().map(|g| typst::text::Glyph { range: moved(g.range.start)..moved(g.range.end), ..g.clone() }).collect();
    TextItem { text: item.text.as_str().replace(NO_BREAK, " ").into(), glyphs, ..item.clone() }
}
