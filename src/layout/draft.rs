//! The draft mark: a word across every page and image of an output built
//! while a release blocker stands, in the edition's own language, so that
//! nobody prints or posts it without noticing.
//!
//! The word is shaped by rustybuzz and drawn as outlines, not as text: it
//! stays out of the text layer (copy-paste and screen readers do not read
//! it), and being hollow it never hides what it lies over.

use rustybuzz::{Direction as BuzzDirection, UnicodeBuffer};
use ttf_parser::OutlineBuilder;
use typst::layout::{Abs, Angle, Frame, FrameItem, GroupItem, Point, Ratio, Size, Transform};
use typst::visualize::{Color, Curve, CurveItem, FillRule, ProcessColor, FixedStroke, Geometry, LineCap, LineJoin, Paint, Shape};
use typst::model::Document;
use typst_layout::{Page, PagedDocument};


use crate::diag::Diagnostic;
use crate::fonts::{FontFace, FontSet};
use crate::model::Direction;

/// How much of the page's diagonal the word spans.
const SPAN: f64 = 0.62;
/// The outline's width, as a share of the text size.
const STROKE: f64 = 0.022;

/// The word for "draft" in a language (by its primary subtag); English
/// for a language kalem does not know the word in.
pub fn word(lang: &str) -> &'static str {
    match lang.split(['-', '_']).next().unwrap_or(lang) {
        "tr" | "az" => "TASLAK",
        "ar" => "مسودة",
        "fa" | "prs" => "پیش‌نویس",
        "ru" => "ЧЕРНОВИК",
        "de" => "ENTWURF",
        "fr" => "BROUILLON",
        _ => "DRAFT",
    }
}

/// A document title marked as a draft's, in the language's word.
pub fn titled(title: &str, lang: &str) -> String {
    format!("{}: {title}", word(lang))
}

/// The ink of the mark in print: process magenta, an ink no brand colour of
/// the samples uses alone, so the mark stands out on paper and navy alike.
pub fn print_ink() -> Paint {
    Paint::Solid(Color::Process(ProcessColor::Cmyk(typst::visualize::Cmyk { c: 0.0, m: 1.0, y: 0.0, k: 0.0 })))
}

/// The ink of the mark on screens: the sRGB magenta.
pub fn screen_ink() -> Paint {
    Paint::Solid(Color::Process(ProcessColor::Rgb(typst::visualize::Rgb::new(0.93, 0.0, 0.55, 1.0))))
}

/// The error when an edition's fonts cannot draw its draft mark.
pub fn unmarkable(edition: &crate::model::Edition) -> Diagnostic {
    Diagnostic::error(format!("the fonts of language {} cannot draw the draft mark `{}`", edition.lang, word(edition.lang)))
        .lang(edition.lang)
        .hint("add a font with these letters to the language's font chain in kalem.yaml")
}

/// The word of a language, shaped in the first face of `families` that has
/// every letter of it, as one outline in font units (y up) with its width.
pub struct Mark {
    lang: String,
    curve: Curve,
    /// Width and height of the outline's box, in font units.
    extent: (f64, f64),
    units_per_em: f64,
}

impl Mark {
    /// Shapes the word of `lang` with the bold face of the first family in
    /// `families` that covers it; `None` when no face does.
    pub fn new(fonts: &FontSet, families: &[String], lang: &str, dir: Direction) -> Option<Mark> {
        let text = word(lang);
        let face = families.iter().filter_map(|f| fonts.select(f, 700)).find(|f| text.chars().all(|c| c == '\u{200c}' || f.has_char(c)))?;
        shape(face, text, dir).map(|mark| Mark { lang: lang.to_string(), ..mark })
    }

    /// `doc` with the mark drawn across each page, on top, in `paint`.
    pub fn stamp(&self, doc: &PagedDocument, paint: &Paint) -> PagedDocument {
        let pages = doc.pages().iter().map(|page| {
            let mut page = page.clone();
            self.stamp_page(&mut page, paint);
            page
        });
        let mut info = doc.info().clone();
        info.title = Some(titled(info.title.as_deref().unwrap_or_default(), &self.lang).into());
        PagedDocument::new(pages.collect(), info)
    }

    /// The mark of an edition, in its language and fonts; `None` when its
    /// fonts lack a letter of the word.
    pub fn of(fonts: &FontSet, edition: &crate::model::Edition) -> Option<Mark> {
        Mark::new(fonts, edition.fonts, edition.lang, edition.dir())
    }

    /// Draws the mark across one page, on top of everything.
    pub fn stamp_page(&self, page: &mut Page, paint: &Paint) {
        let size = page.frame.size();
        let (w, h) = (size.x.to_pt(), size.y.to_pt());
        let diagonal = w.hypot(h);
        let scale = SPAN * diagonal / self.extent.0.max(1.0);
        let em = scale * self.units_per_em;
        let (ew, eh) = (self.extent.0 * scale, self.extent.1 * scale);
        let mut frame = Frame::soft(Size::new(Abs::pt(ew), Abs::pt(eh)));
        let stroke = FixedStroke {
            paint: paint.clone(),
            thickness: Abs::pt(em * STROKE),
            cap: LineCap::Round,
            join: LineJoin::Round,
            dash: None,
            miter_limit: Ratio::new(4.0),
        };
        let glyphs = Shape { geometry: Geometry::Curve(self.scaled(scale)), fill: None, fill_rule: FillRule::NonZero, stroke: Some(stroke) };
        frame.push(Point::zero(), FrameItem::Shape(glyphs, typst::syntax::Span::detached()));
        // Rise from the bottom-left corner to the top-right one, centred.
        let angle = Angle::rad(-(h.atan2(w)));
        let transform = Transform::translate(Abs::pt(w / 2.0), Abs::pt(h / 2.0))
            .pre_concat(Transform::rotate(angle))
            .pre_concat(Transform::translate(Abs::pt(-ew / 2.0), Abs::pt(-eh / 2.0)));
        let mut group = GroupItem::new(frame);
        group.transform = transform;
        page.frame.push(Point::zero(), FrameItem::Group(group));
    }

    /// The outline in points at `scale` points per font unit, y down, its
    /// box's top-left corner at the origin.
    fn scaled(&self, scale: f64) -> Curve {
        let top = self.extent.1;
        let at = |p: Point| Point::new(Abs::pt(p.x.to_raw() * scale), Abs::pt((top - p.y.to_raw()) * scale));
        let items = self.curve.0.iter().map(|item| match *item {
            CurveItem::Move(p) => CurveItem::Move(at(p)),
            CurveItem::Line(p) => CurveItem::Line(at(p)),
            CurveItem::Cubic(a, b, c) => CurveItem::Cubic(at(a), at(b), at(c)),
            CurveItem::Close => CurveItem::Close,
        });
        Curve(items.collect())
    }
}

/// Shapes `text` in `face` and collects its glyphs' outlines, each moved to
/// its pen position, in font units relative to the text's box.
fn shape(face: &FontFace, text: &str, dir: Direction) -> Option<Mark> {
    let ttf = face.parse()?;
    let buzz = rustybuzz::Face::from_slice(&face.data, face.index)?;
    let mut buffer = UnicodeBuffer::new();
    buffer.push_str(text);
    buffer.set_direction(if dir == Direction::Rtl { BuzzDirection::RightToLeft } else { BuzzDirection::LeftToRight });
    let shaped = rustybuzz::shape(&buzz, &[], buffer);
    let mut pen = Pen { items: Vec::new(), x: 0.0, y: 0.0 };
    let mut advance = 0.0;
    // Glyphs come in visual order, left to right, for either direction.
    for (info, pos) in shaped.glyph_infos().iter().zip(shaped.glyph_positions()) {
        pen.x = advance + f64::from(pos.x_offset);
        pen.y = f64::from(pos.y_offset);
        ttf.outline_glyph(ttf_parser::GlyphId(info.glyph_id as u16), &mut pen);
        advance += f64::from(pos.x_advance);
    }
    let (ascender, descender) = (f64::from(ttf.ascender()), f64::from(ttf.descender()));
    // Lift the outline so that its box runs from the descender up.
    let lifted = pen.items.into_iter().map(|item| lift(item, -descender)).collect();
    Some(Mark { lang: String::new(), curve: Curve(lifted), extent: (advance, ascender - descender), units_per_em: f64::from(ttf.units_per_em()) })
}

fn lift(item: CurveItem, dy: f64) -> CurveItem {
    let up = |p: Point| Point::new(p.x, Abs::raw(p.y.to_raw() + dy));
    match item {
        CurveItem::Move(p) => CurveItem::Move(up(p)),
        CurveItem::Line(p) => CurveItem::Line(up(p)),
        CurveItem::Cubic(a, b, c) => CurveItem::Cubic(up(a), up(b), up(c)),
        CurveItem::Close => CurveItem::Close,
    }
}

/// Collects glyph outlines as curve items in font units, offset by the pen.
struct Pen {
    items: Vec<CurveItem>,
    x: f64,
    y: f64,
}

impl Pen {
    fn at(&self, x: f32, y: f32) -> Point {
        Point::new(Abs::raw(self.x + f64::from(x)), Abs::raw(self.y + f64::from(y)))
    }
}

impl OutlineBuilder for Pen {
    fn move_to(&mut self, x: f32, y: f32) {
        let p = self.at(x, y);
        self.items.push(CurveItem::Move(p));
    }

    fn line_to(&mut self, x: f32, y: f32) {
        let p = self.at(x, y);
        self.items.push(CurveItem::Line(p));
    }

    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        // A quadratic as the cubic of the same curve.
        let last = match self.items.last() {
            Some(CurveItem::Move(p) | CurveItem::Line(p) | CurveItem::Cubic(_, _, p)) => *p,
            _ => self.at(0.0, 0.0),
        };
        let (c, end) = (self.at(x1, y1), self.at(x, y));
        let third = |a: Point, b: Point| Point::new(Abs::raw(a.x.to_raw() + (b.x.to_raw() - a.x.to_raw()) * 2.0 / 3.0), Abs::raw(a.y.to_raw() + (b.y.to_raw() - a.y.to_raw()) * 2.0 / 3.0));
        self.items.push(CurveItem::Cubic(third(last, c), third(end, c), end));
    }

    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        let (a, b, end) = (self.at(x1, y1), self.at(x2, y2), self.at(x, y));
        self.items.push(CurveItem::Cubic(a, b, end));
    }

    fn close(&mut self) {
        self.items.push(CurveItem::Close);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_language_has_its_word() {
        assert_eq!(word("tr"), "TASLAK");
        assert_eq!(word("ar"), "مسودة");
        assert_eq!(word("fa-AF"), "پیش‌نویس");
        assert_eq!(word("xx"), "DRAFT");
    }
}
