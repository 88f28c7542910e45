//! The sequence cue of a carousel slide: its place as `n/N` in the
//! language's digits and a row of dots, the slide's own filled, and no
//! arrow. Which way a viewer swipes depends on the language of their app,
//! not of the post (many Arabic and Farsi readers in Türkiye use Instagram
//! in Turkish or English), so a cue that points would point the wrong way
//! for some of them; a number is right for all.
//!
//! And the carousel's slides set as one design: one
//! heading size and one body size on every slide ([`set_slides`]).

use serde::Serialize;
use typst_layout::PagedDocument;

use super::{FitReport, PostData, slide_data, typeset_post};
use crate::diag::{Diagnostics, has_errors};
use crate::layout::probe::fit_reports;
use crate::layout::world::Engine;
use crate::model::Edition;
use crate::model::social::Post;

use crate::model::Digits;
use crate::model::social::Preset;
use crate::prepare::digits;

/// Where a slide stands in its carousel, as the template shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SlideCue {
    /// `n/N` in the language's digits.
    pub count: String,
    /// The slide's place, from 1: its dot is the filled one.
    pub current: usize,
    /// How many slides (and dots) there are.
    pub total: usize,
}

/// The cue of slide `n` (from 1) of `total`.
pub fn cue(digits: Digits, n: usize, total: usize) -> SlideCue {
    SlideCue { count: digits::convert(&format!("{n}/{total}"), digits), current: n, total }
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
    fn the_cue_counts_in_the_languages_digits() {
        let persian = cue(Digits::Persian, 2, 4);
        assert_eq!((persian.count.as_str(), persian.current, persian.total), ("۲/۴", 2, 4));
        assert_eq!(cue(Digits::Latin, 4, 4).count, "4/4");
    }
}
