//! The checks on a set post: every text fits its box (from the template's
//! fit reports), no ink leaves the safe area and no text is too small to
//! read (from the laid-out page).

use serde::Deserialize;
use typst::layout::{FrameItem, Transform};
use typst_layout::{Page, PagedDocument};

use super::PostData;
use super::small_text::small_text;
use crate::diag::{Diagnostic, Diagnostics};
use crate::layout::geometry::Rect;
use crate::layout::probe::fit_reports;
use crate::layout::walk::{bounds, walk};
use crate::model::Edition;
use crate::model::social::{Post, Preset};

/// Largest text leaves this many pixels of ink outside the safe area
/// unreported (anti-aliasing, rounding).
const SAFE_TOLERANCE: f64 = 1.0;

/// What the template chose for one box.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(tag = "box", rename_all = "lowercase")]
pub enum FitReport {
    /// Heading and body.
    Text {
        /// Whether they fit at sizes within the range.
        fits: bool,
        /// The step chosen between the largest sizes (0) and the smallest
        /// (1).
        step: f64,
        /// Heading size chosen, px.
        heading: f64,
        /// Body size chosen, px.
        body: f64,
        /// Height the text needs at the chosen sizes, px.
        need: f64,
        /// Height of the box, px.
        avail: f64,
        /// Height the heading alone needs at its smallest size, px.
        heading_need: f64,
        /// Height the body alone needs at its smallest size, px.
        body_need: f64,
    },
    /// The words beside the number.
    Cta {
        /// Whether they fit.
        fits: bool,
        /// Size chosen, px.
        size: f64,
        /// Height needed, px.
        need: f64,
        /// Height available, px.
        avail: f64,
    },
}

/// Which post, preset and edition a check is about.
#[derive(Clone, Copy)]
pub struct Subject<'a> {
    /// The post.
    pub post: &'a Post,
    /// The preset.
    pub preset: &'a Preset,
    /// The slide (from 0) of a carousel.
    pub slide: Option<usize>,
    /// The edition.
    pub edition: Edition<'a>,
}

/// The translation keys of what a post (or one slide of it) shows.
pub struct Keys<'a> {
    /// The heading.
    pub heading: &'a str,
    /// The paragraph or list under it; the heading's when there is none.
    pub body: &'a str,
    /// The words beside the call to action's number, if there is one.
    pub cta: Option<&'a str>,
}

impl<'a> Subject<'a> {
    /// How messages name it: post `hotline`, or slide 2 of post `signs`.
    pub fn name(&self) -> String {
        match self.slide {
            Some(i) => format!("slide {} of post `{}`", i + 1, self.post.id),
            None => format!("post `{}`", self.post.id),
        }
    }

    /// The keys of the post's heading, body and call to action, those of
    /// the slide for a carousel.
    pub fn keys(&self) -> Keys<'a> {
        let post = self.post;
        let on = self.slide.and_then(|i| post.slides.get(i));
        let (heading, text, list) = on.map_or((&post.heading, &post.text, &post.list), |s| (&s.heading, &s.text, &s.list));
        let body = text.as_deref().or(list.as_deref()).unwrap_or(heading);
        let contact = || post.contact.as_ref().and_then(|id| self.edition.contacts.get(id)).map(|c| c.name.as_str());
        Keys { heading, body, cta: post.cta.as_deref().or_else(contact) }
    }
}

/// Every check of a set post: the template's fit reports (one for the
/// text, one for a call to action), then the ink against the safe area,
/// then the size of every text. Errors stop the image; a
/// [`crate::diag::Blocker::SmallText`] does not.
pub fn check_post(doc: &PagedDocument, data: &PostData, subject: &Subject) -> Diagnostics {
    let expected = 1 + usize::from(subject.post.contact.is_some());
    let reports: Vec<FitReport> = match fit_reports(doc, "social post", expected) {
        Ok(r) => r,
        Err(d) => return vec![d.lang(subject.edition.lang)],
    };
    let found = check_fit(subject, &reports);
    if !found.is_empty() {
        return found;
    }
    let Some(page) = doc.pages().first() else { return vec![Diagnostic::error("the post template made no page")] };
    let boxes = text_boxes(page);
    let stray = check_safe(&boxes, &data.frames.safe, subject);
    stray.into_iter().chain(small_text(&boxes, data, &reports, subject)).collect()
}

/// Errors for every box whose text does not fit even at its smallest size,
/// naming the post, preset, language and the translation key to shorten.
pub fn check_fit(subject: &Subject, reports: &[FitReport]) -> Diagnostics {
    let Subject { preset, edition, .. } = *subject;
    let (table, lang) = (edition.table, edition.lang);
    let (name, keys) = (subject.name(), subject.keys());
    reports
        .iter()
        .filter_map(|report| match report {
            FitReport::Text { fits: false, heading, body, need, avail, heading_need, body_need, .. } => {
                let (what, key) = if heading_need >= body_need { ("heading", keys.heading) } else { ("text", keys.body) };
                let message = format!(
                    "the {what} of {name} does not fit preset `{}` even at the smallest sizes (heading {heading:.0} px, text {body:.0} px): it needs {need:.0} px, the box has {avail:.0} px",
                    preset.name
                );
                Some((message, key))
            }
            FitReport::Cta { fits: false, size, need, avail } => {
                let message = format!(
                    "the call to action of {name} does not fit preset `{}` even at the smallest size ({size:.0} px): it needs {need:.0} px, the box has {avail:.0} px",
                    preset.name
                );
                Some((message, keys.cta.unwrap_or_default()))
            }
            _ => None,
        })
        .map(|(message, key)| {
            let location = table.location(key);
            let file = table.file.display();
            Diagnostic::error(message)
                .at_opt(location)
                .hint(format!("shorten `{key}` in {file}, or leave `{}` out of the post's `presets:`", preset.name))
                .key(key)
                .lang(lang)
        })
        .collect()
}

/// A piece of text as set on the page: its characters, its size and the
/// box its ink covers, in pixels from the top-left corner.
#[derive(Debug, Clone, PartialEq)]
pub struct TextBox {
    /// The characters.
    pub text: String,
    /// The font size as shown: after the scales of the groups around it.
    pub size: f64,
    /// How far down its baseline is: the same for every piece of a line.
    pub baseline: f64,
    /// The ink's bounds.
    pub bounds: Rect,
}

/// Every piece of text on a page with its size and where its ink is.
pub fn text_boxes(page: &Page) -> Vec<TextBox> {
    let mut out = Vec::new();
    walk(&page.frame, Transform::identity(), &mut |ts, item| {
        if let FrameItem::Text(text) = item
            && !text.glyphs.is_empty()
        {
            let b = text.bbox();
            // The length the item's vertical unit has on the page: its
            // letters' height grows with it whatever else the groups do.
            let scale = ts.kx.get().hypot(ts.sy.get());
            let size = text.size.to_pt() * scale;
            out.push(TextBox { text: text.text.to_string(), size, baseline: ts.ty.to_pt(), bounds: bounds(ts, b.min, b.max) });
        }
    });
    out
}

/// Text whose ink leaves `safe`.
pub fn outside(boxes: &[TextBox], safe: &Rect) -> Vec<TextBox> {
    let t = SAFE_TOLERANCE;
    boxes
        .iter()
        .filter(|b| {
            let r = &b.bounds;
            r.x < safe.x - t || r.y < safe.y - t || r.x + r.w > safe.x + safe.w + t || r.y + r.h > safe.y + safe.h + t
        })
        .cloned()
        .collect()
}

/// An error when any text of the page leaves the safe area: a word too long
/// for its box, or a box that does not fit.
pub fn check_safe(boxes: &[TextBox], safe: &Rect, subject: &Subject) -> Option<Diagnostic> {
    let stray = outside(boxes, safe);
    let first = stray.first()?;
    Some(
        Diagnostic::error(format!(
            "text of {} leaves the safe area of preset `{}`: “{}”",
            subject.name(), subject.preset.name, first.text
        ))
        .lang(subject.edition.lang)
        .hint("shorten the longest word or line of this post in this language, or leave the preset out of the post's `presets:`"),
    )
}

