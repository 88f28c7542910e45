//! Empty panels: how much of each panel's text area is left as bands with
//! nothing painted in them, measured on the laid-out page from where each
//! block landed ([`super::bounds::placed`]). A panel more than about a
//! third empty looks unfinished; kalem warns about it. The template first
//! lets a panel's blocks spread ([`SPREAD`]), so a panel with a little
//! room to spare reads as set, not as left over.

use super::bounds::placed;
use super::geometry::{self, Rect};
use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::model::Edition;
use typst_layout::PagedDocument;

/// A panel emptier than this share of its text area gets a warning.
pub const MOST_EMPTY: f64 = 0.34;
/// An empty band counts when it is taller than this share of the panel's
/// text area; the space between two paragraphs never is.
pub const HOLE: f64 = 0.08;
/// Each space between two blocks of a panel may grow by this share of the
/// panel's text area, taking up room the blocks leave; what is left goes
/// where the panel's `valign` and spacers put it.
pub const SPREAD: f64 = 0.05;

/// How empty one panel is.
#[derive(Debug, Clone, PartialEq)]
pub struct Emptiness {
    /// Page index, from 0.
    pub page: usize,
    /// Panel name.
    pub panel: &'static str,
    /// Share of the text area's height in empty bands taller than
    /// [`HOLE`].
    pub share: f64,
    /// The tallest empty band, in mm.
    pub tallest_mm: f64,
}

/// The emptiness of every panel of `doc` that has blocks, an edition of a
/// sheet (tri-fold, flyer, poster) in `edition`'s direction.
pub fn emptiness(doc: &PagedDocument, edition: &Edition) -> Vec<Emptiness> {
    let blocks = placed(doc);
    let sheets = geometry::pages(edition.brochure.format, edition.dir(), 0.0);
    let mut out = Vec::new();
    for (page, sheet) in sheets.iter().enumerate() {
        for panel in &sheet.panels {
            let painted: Vec<(f64, f64)> = blocks.iter().filter(|b| b.page == page && b.panel == panel.name).map(|b| (b.rect.y, b.rect.y + b.rect.h)).collect();
            if !painted.is_empty() {
                let bands = empty_bands(panel.content, painted);
                let holes: Vec<f64> = bands.into_iter().filter(|h| *h > HOLE * panel.content.h).collect();
                let tallest_mm = holes.iter().copied().fold(0.0, f64::max);
                out.push(Emptiness { page, panel: panel.name, share: holes.iter().fold(0.0, |sum, h| sum + h) / panel.content.h, tallest_mm });
            }
        }
    }
    out
}

/// The heights of the bands of `area` (mm) that no painted extent
/// `(top, bottom)` covers, from top to bottom.
fn empty_bands(area: Rect, mut painted: Vec<(f64, f64)>) -> Vec<f64> {
    painted.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut bands = Vec::new();
    let mut reached = area.y;
    for (top, bottom) in painted {
        if top > reached {
            bands.push(top.min(area.y + area.h) - reached);
        }
        reached = reached.max(bottom);
    }
    if area.y + area.h > reached {
        bands.push(area.y + area.h - reached);
    }
    bands.into_iter().filter(|h| *h > 0.0).collect()
}

/// A warning for every panel of the edition more than [`MOST_EMPTY`] empty.
pub fn empty_panels(doc: &PagedDocument, edition: &Edition) -> Diagnostics {
    let brochure = edition.brochure;
    emptiness(doc, edition)
        .into_iter()
        .filter(|e| e.share > MOST_EMPTY)
        .map(|e| {
            Diagnostic::warning(format!(
                "panel `{}` of {} is {:.0} % empty (its largest empty band is {:.0} mm tall)",
                e.panel,
                brochure.key(),
                e.share * 100.0,
                e.tallest_mm
            ))
            .at(Location::file(&brochure.file))
            .lang(edition.lang)
            .hint(format!("give panel `{}` more to show: a larger image or callout, a photo, or another block", e.panel))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bands_are_what_no_block_covers() {
        let area = Rect { x: 0.0, y: 10.0, w: 50.0, h: 100.0 };
        let bands = empty_bands(area, vec![(40.0, 60.0), (12.0, 30.0), (25.0, 35.0)]);
        assert_eq!(bands, vec![2.0, 5.0, 50.0]);
        assert_eq!(empty_bands(area, vec![(5.0, 120.0)]), Vec::<f64>::new());
    }
}
