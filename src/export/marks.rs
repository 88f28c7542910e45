//! Printer's marks of the print PDF: crop marks at the corners and dashed
//! fold marks at each fold, all in the slug outside the bleed, drawn as
//! hairlines in registration black (all four inks).

use crate::layout::geometry;
use crate::model::config::PrintSettings;
use crate::model::{Direction, Format};

/// Points per millimetre.
pub const PT_PER_MM: f64 = 72.0 / 25.4;
/// Length of a crop or fold mark, in mm.
pub const MARK_LENGTH_MM: f64 = 5.0;
/// Least distance of a mark from the trim, in mm (domain-facts: about 3 mm).
pub const MARK_OFFSET_MM: f64 = 3.0;
/// Paper left beyond the end of the marks, in mm.
const SLUG_SPARE_MM: f64 = 1.5;
/// Line width of the marks, in points: a hairline that still prints.
const HAIRLINE_PT: f64 = 0.25;

/// One side of the sheet as the print shop sees it, in mm.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    /// Trim width.
    pub width: f64,
    /// Trim height.
    pub height: f64,
    /// Bleed on every side.
    pub bleed: f64,
    /// x of each fold from the left trim edge.
    pub folds: Vec<f64>,
    /// Whether to draw marks (and leave a slug for them).
    pub marks: bool,
}

/// A straight mark from one point to another, in mm from the bottom-left
/// corner of the trim, y upwards (PDF's orientation).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Segment {
    /// Start.
    pub from: (f64, f64),
    /// End.
    pub to: (f64, f64),
    /// A fold mark (dashed) rather than a crop mark.
    pub fold: bool,
}

impl Sheet {
    /// The sheets of every page of an edition, with the folds where the
    /// layout puts them.
    pub fn all(format: Format, dir: Direction, print: &PrintSettings, pages: usize) -> Vec<Sheet> {
        let (width, height) = format.trim();
        let sheet = |folds: Vec<f64>| Sheet { width, height, bleed: print.bleed_mm, folds, marks: print.marks };
        if format.is_flow() {
            return (0..pages).map(|_| sheet(Vec::new())).collect();
        }
        geometry::pages(format, dir, print.bleed_mm).into_iter().map(|page| sheet(page.folds)).collect()
    }

    /// Distance of the marks from the trim: outside the bleed.
    fn offset(&self) -> f64 {
        self.bleed.max(MARK_OFFSET_MM)
    }

    /// Distance from the trim to the edge of the media box, in mm.
    pub fn margin(&self) -> f64 {
        if self.marks { self.offset() + MARK_LENGTH_MM + SLUG_SPARE_MM } else { self.bleed }
    }

    /// The marks of this sheet; none when marks are off.
    pub fn segments(&self) -> Vec<Segment> {
        if !self.marks {
            return Vec::new();
        }
        let (w, h, o, l) = (self.width, self.height, self.offset(), MARK_LENGTH_MM);
        let mut out = Vec::new();
        for (x, outward_x) in [(0.0, -1.0), (w, 1.0)] {
            for (y, outward_y) in [(0.0, -1.0), (h, 1.0)] {
                // The horizontal mark continues the top or bottom trim edge,
                // the vertical one the left or right edge.
                out.push(Segment { from: (x + outward_x * o, y), to: (x + outward_x * (o + l), y), fold: false });
                out.push(Segment { from: (x, y + outward_y * o), to: (x, y + outward_y * (o + l)), fold: false });
            }
        }
        for &x in &self.folds {
            out.push(Segment { from: (x, h + o), to: (x, h + o + l), fold: true });
            out.push(Segment { from: (x, -o), to: (x, -o - l), fold: true });
        }
        out
    }

    /// The content stream that draws the marks on a page whose media box
    /// starts `margin()` outside the trim.
    pub fn content(&self) -> Vec<u8> {
        let segments = self.segments();
        if segments.is_empty() {
            return Vec::new();
        }
        let shift = self.margin();
        let pt = |v: f64| (v + shift) * PT_PER_MM;
        let mut s = format!("/Artifact BMC\nq\n{HAIRLINE_PT} w 0 J 1 1 1 1 K\n");
        for fold in [false, true] {
            s.push_str(if fold { "[3 2] 0 d\n" } else { "[] 0 d\n" });
            for seg in segments.iter().filter(|seg| seg.fold == fold) {
                s.push_str(&format!("{:.3} {:.3} m {:.3} {:.3} l S\n", pt(seg.from.0), pt(seg.from.1), pt(seg.to.0), pt(seg.to.1)));
            }
        }
        s.push_str("Q\nEMC\n");
        s.into_bytes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn trifold() -> Sheet {
        Sheet { width: 297.0, height: 210.0, bleed: 3.0, folds: vec![97.0, 197.0], marks: true }
    }

    fn inside(rect: (f64, f64, f64, f64), p: (f64, f64)) -> bool {
        p.0 > rect.0 && p.0 < rect.2 && p.1 > rect.1 && p.1 < rect.3
    }

    #[test]
    fn marks_stay_between_the_bleed_and_the_media_edge() {
        let sheet = trifold();
        let (b, m) = (sheet.bleed, sheet.margin());
        let bleed_box = (-b, -b, sheet.width + b, sheet.height + b);
        let media_box = (-m, -m, sheet.width + m, sheet.height + m);
        let segments = sheet.segments();
        assert_eq!(segments.len(), 8 + 4, "two crop marks per corner, two fold marks per fold");
        for seg in &segments {
            for p in [seg.from, seg.to] {
                assert!(!inside(bleed_box, p), "{p:?} reaches into the bleed");
                assert!(inside(media_box, p), "{p:?} is off the sheet");
            }
        }
    }

    #[test]
    fn fold_marks_sit_on_the_folds_above_and_below() {
        let folds: Vec<(f64, bool)> =
            trifold().segments().iter().filter(|s| s.fold).map(|s| (s.from.0, s.from.1 > 0.0)).collect();
        assert_eq!(folds, vec![(97.0, true), (97.0, false), (197.0, true), (197.0, false)]);
    }

    #[test]
    fn without_marks_there_is_no_slug() {
        let sheet = Sheet { marks: false, ..trifold() };
        assert_eq!(sheet.margin(), 3.0);
        assert!(sheet.content().is_empty());
    }

    #[test]
    fn content_draws_registration_hairlines_with_dashed_folds() {
        let text = String::from_utf8(trifold().content()).unwrap();
        assert!(text.contains("1 1 1 1 K"));
        assert!(text.contains("[3 2] 0 d"));
        assert_eq!(text.matches(" S\n").count(), 12);
    }
}
