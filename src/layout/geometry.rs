//! Geometry in millimetres: where each panel sits on each side of the sheet,
//! mirrored for right-to-left editions, with backgrounds running into the
//! bleed at the sheet's edges.

use crate::model::{Direction, Format};

pub use crate::blocks::photo::Rect;

/// A panel's place on its page.
#[derive(Debug, Clone, PartialEq)]
pub struct PanelBox {
    /// The panel's name in the format.
    pub name: &'static str,
    /// The panel within the trim.
    pub rect: Rect,
    /// The panel extended into the bleed where it meets the sheet's edge.
    pub background: Rect,
    /// Where text may go.
    pub content: Rect,
}

/// One side of the sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct PageBox {
    /// `outside`, `inside`.
    pub name: &'static str,
    /// Panels in the format's reading order (not left to right).
    pub panels: Vec<PanelBox>,
    /// x positions of the folds, in mm from the left trim edge.
    pub folds: Vec<f64>,
}

/// Lays out the format's panels for an edition written in `dir`. A
/// right-to-left edition mirrors the sheet: the panel that is leftmost in
/// a left-to-right edition is rightmost.
pub fn pages(format: Format, dir: Direction, bleed: f64) -> Vec<PageBox> {
    let (trim_w, trim_h) = format.trim();
    format
        .pages()
        .into_iter()
        .map(|page| {
            let mut x = 0.0;
            let mut panels = Vec::new();
            let mut folds = Vec::new();
            for (i, slot) in page.slots.iter().enumerate() {
                let left = match dir {
                    Direction::Ltr => x,
                    Direction::Rtl => trim_w - x - slot.width,
                };
                let rect = Rect { x: left, y: 0.0, w: slot.width, h: trim_h };
                let at_left = left <= 0.0;
                let at_right = left + slot.width >= trim_w;
                let background = Rect {
                    x: if at_left { -bleed } else { left },
                    y: -bleed,
                    w: slot.width + if at_left { bleed } else { 0.0 } + if at_right { bleed } else { 0.0 },
                    h: trim_h + 2.0 * bleed,
                };
                panels.push(PanelBox { name: slot.name, rect, background, content: rect.inset(format.margins()) });
                x += slot.width;
                if i + 1 < page.slots.len() {
                    folds.push(match dir {
                        Direction::Ltr => x,
                        Direction::Rtl => trim_w - x,
                    });
                }
            }
            folds.sort_by(f64::total_cmp);
            let reading = format.reading_order();
            panels.sort_by_key(|p| reading.iter().position(|name| *name == p.name));
            PageBox { name: page.name, panels, folds }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find<'a>(page: &'a PageBox, name: &str) -> &'a PanelBox {
        page.panels.iter().find(|p| p.name == name).unwrap()
    }

    #[test]
    fn ltr_trifold_has_the_cover_on_the_right_of_the_outside() {
        let pages = pages(Format::A4Trifold, Direction::Ltr, 3.0);
        let outside = &pages[0];
        assert_eq!(find(outside, "flap").rect.x, 0.0);
        assert_eq!(find(outside, "cover").rect.x, 197.0);
        assert_eq!(outside.folds, vec![97.0, 197.0]);
        assert_eq!(pages[1].folds, vec![100.0, 200.0]);
    }

    #[test]
    fn panels_come_in_reading_order_in_both_directions() {
        for dir in [Direction::Ltr, Direction::Rtl] {
            let names: Vec<Vec<&str>> = pages(Format::A4Trifold, dir, 3.0).iter().map(|p| p.panels.iter().map(|p| p.name).collect()).collect();
            assert_eq!(names, [vec!["cover", "flap", "back"], vec!["inside-1", "inside-2", "inside-3"]], "{dir:?}");
        }
    }

    #[test]
    fn rtl_trifold_mirrors_the_sheet() {
        let pages = pages(Format::A4Trifold, Direction::Rtl, 3.0);
        let outside = &pages[0];
        let cover = find(outside, "cover");
        assert_eq!(cover.rect.x, 0.0, "cover on the left");
        assert_eq!(find(outside, "flap").rect.x, 200.0);
        assert_eq!(outside.folds, vec![100.0, 200.0]);
        assert_eq!(find(&pages[1], "inside-1").rect.x, 197.0, "first inside panel on the right");
    }

    #[test]
    fn backgrounds_run_into_the_bleed_only_at_sheet_edges() {
        let pages = pages(Format::A4Trifold, Direction::Ltr, 3.0);
        let flap = find(&pages[0], "flap");
        assert_eq!((flap.background.x, flap.background.w), (-3.0, 100.0));
        let back = find(&pages[0], "back");
        assert_eq!((back.background.x, back.background.w), (97.0, 100.0));
        assert_eq!((back.background.y, back.background.h), (-3.0, 216.0));
    }
}
