//! The sequence cue of a carousel slide: its place as `n/N` in the
//! language's digits, and, while slides follow, an arrow toward the next
//! one and a strip of it peeking in at that edge: the right edge in
//! left-to-right languages, the left edge in right-to-left ones, where
//! readers swipe from. And the carousel's slides set as one design: one
//! heading size and one body size on every slide ([`set_slides`]).

use serde::Serialize;
use typst_layout::PagedDocument;

use super::{FitReport, PostData, slide_data, typeset_post};
use crate::diag::{Diagnostics, has_errors};
use crate::layout::probe::fit_reports;
use crate::layout::world::Engine;
use crate::model::Edition;
use crate::model::social::Post;

use crate::layout::geometry::Rect;
use crate::model::social::Preset;
use crate::model::{Digits, Direction};
use crate::prepare::digits;

/// Width of the peeking strip of the next slide, as a share of the shorter
/// side; it stays inside the margin, clear of the text.
const PEEK: f64 = 0.022;

/// Where a slide stands in its carousel, as the template shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SlideCue {
    /// `n/N` in the language's digits.
    pub count: String,
    /// The side the next slide comes from, which the arrow points to:
    /// `right` or `left`; none on the last slide.
    pub toward: Option<&'static str>,
    /// The strip of the next slide at that side, in pixels; none on the
    /// last slide.
    pub peek: Option<Rect>,
}

/// The cue of slide `n` (from 1) of `total` on `preset`.
pub fn cue(preset: &Preset, dir: Direction, digits: Digits, n: usize, total: usize) -> SlideCue {
    let (w, h) = (f64::from(preset.width), f64::from(preset.height));
    let strip = PEEK * w.min(h);
    let more = n < total;
    let (toward, x) = match dir {
        Direction::Ltr => ("right", w - strip),
        Direction::Rtl => ("left", 0.0),
    };
    SlideCue {
        count: digits::convert(&format!("{n}/{total}"), digits),
        toward: more.then_some(toward),
        peek: more.then_some(Rect { x, y: 0.0, w: strip, h }),
    }
}

/// One slide of a carousel as set.
#[derive(Debug)]
pub struct SetSlide {
    /// What the template was given.
    pub data: PostData,
    /// The laid-out slide.
    pub doc: PagedDocument,
    /// What preparing its text found.
    pub warnings: Diagnostics,
}

/// Sets every slide of the carousel `post` in `preset` at one step of the
/// size ranges, the smallest sizes any of its slides needs to fit: a
/// heading repeated on several slides has one size on all of them, and so
/// has the body text, as a reader swiping through expects of one design.
/// A slide whose text cannot be prepared or set comes back as its errors
/// (and a slide that does not fit at all does not shrink the others).
pub fn set_slides(edition: &Edition, engine: &Engine, post: &Post, preset: &Preset) -> Vec<Result<SetSlide, Diagnostics>> {
    let alone: Vec<Result<(SetSlide, Option<f64>), Diagnostics>> = (0..post.slides.len())
        .map(|index| {
            let (data, warnings) = slide_data(edition, engine, post, preset, index);
            if has_errors(&warnings) {
                return Err(warnings);
            }
            let doc = typeset_post(engine, &data)?;
            let step = fitted_step(&doc, post);
            Ok((SetSlide { data, doc, warnings }, step))
        })
        .collect();
    let common = alone.iter().filter_map(|slide| slide.as_ref().ok()?.1).fold(None, |most: Option<f64>, step| Some(most.map_or(step, |m| m.max(step))));
    alone
        .into_iter()
        .map(|slide| {
            let (mut slide, own) = slide?;
            slide.data.step = common;
            if own != common {
                slide.doc = typeset_post(engine, &slide.data)?;
            }
            Ok(slide)
        })
        .collect()
}

/// The step at which the template set a slide of `post` (its heading and
/// body), if they fit.
fn fitted_step(doc: &PagedDocument, post: &Post) -> Option<f64> {
    let reports: Vec<FitReport> = fit_reports(doc, "social post", 1 + usize::from(post.contact.is_some())).ok()?;
    reports.iter().find_map(|r| match r {
        FitReport::Text { fits: true, step, .. } => Some(*step),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cue_points_where_the_next_slide_comes_from() {
        let p = Preset::parse("instagram-square").unwrap();
        let ltr = cue(&p, Direction::Ltr, Digits::Latin, 1, 4);
        assert_eq!((ltr.count.as_str(), ltr.toward), ("1/4", Some("right")));
        assert!(ltr.peek.unwrap().x > 1000.0);
        let rtl = cue(&p, Direction::Rtl, Digits::Persian, 2, 4);
        assert_eq!((rtl.count.as_str(), rtl.toward), ("۲/۴", Some("left")));
        assert_eq!(rtl.peek.unwrap().x, 0.0);
        let last = cue(&p, Direction::Rtl, Digits::Persian, 4, 4);
        assert_eq!((last.toward, last.peek), (None, None));
    }
}
