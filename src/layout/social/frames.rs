//! Where heading, body, call to action, illustration and organisation go
//! on each preset of a post (in pixels, mirrored for right-to-left
//! languages), and the text sizes that go with them.

use serde::Serialize;

use super::small_text::floor;
use crate::layout::geometry::Rect;
use crate::model::Direction;
use crate::model::social::Preset;

/// Margin around everything, as a share of the shorter side.
const MARGIN: f64 = 0.07;
/// Space between boxes, as a share of the shorter side.
const GAP: f64 = 0.035;
/// Size of the organisation line, as a share of the shorter side, at
/// least the floor of [`floor`].
const BRAND: f64 = 0.026;
/// Height of the organisation line's box, in em of its size: the template
/// sets the line as tall as its ink, which the marks above and below
/// Arabic letters take to 1.3 em.
const BRAND_LINE: f64 = 1.4;
/// The heading's and body's size ranges span at least this factor: on a
/// wide image, whose sizes the floor sets rather than its height, text
/// still grows into the room it has.
const SPREAD: f64 = 1.25;
/// The smallest heading, in times the floor of [`floor`]: a heading set no
/// larger than the text would not read as one.
const HEADING_FLOOR: f64 = 1.2;
/// Height of the illustration band of tall posts, as a share of the width.
const ART: f64 = 0.17;
/// Height of the call-to-action band of tall posts, as a share of the width.
const CTA: f64 = 0.18;
/// Padding of the call-to-action box, as a share of its shorter side.
pub const CTA_PAD: f64 = 0.12;
/// From this width over height on, a post is wide: text beside the call to
/// action instead of above it.
const WIDE: f64 = 1.2;
/// Share of a wide post's width the text column takes.
const TEXT_SHARE: f64 = 0.6;

/// The boxes of one post in one preset, in pixels from the top-left corner.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Frames {
    /// Where text may go at all: inside the margins and out of the story
    /// zones the platform covers.
    pub safe: Rect,
    /// Heading and body.
    pub text: Rect,
    /// The call to action, if the post has one.
    pub cta: Option<Rect>,
    /// Whether the call to action is a row (number beside the words) or a
    /// column (words under the number).
    pub cta_row: bool,
    /// The illustration, if the post has one.
    pub art: Option<Rect>,
    /// The organisation's name.
    pub brand: Rect,
}

/// What a post shows in its art box.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Art {
    /// Nothing: the post has no art box.
    Nothing,
    /// An illustration.
    Plain,
    /// A QR code without a label.
    Code,
    /// A QR code with its label, which a wide post sets under the code.
    LabelledCode,
}

impl Art {
    /// Whether the art is a QR code. A tall post sets a code under its
    /// text, never above the headline: a viewer cannot scan the screen
    /// they read it on, so the code is for the few who see the post on
    /// another screen, and the headline comes first.
    fn is_code(self) -> bool {
        matches!(self, Art::Code | Art::LabelledCode)
    }
}

/// Height a QR code's label takes under it, in lines of the organisation
/// line's size: one line (an address) and the space above it.
pub const QR_LABEL_LINES: f64 = 1.9;

/// Places the boxes of a post in a language whose `text_scale` is `scale`.
/// Tall and square presets stack illustration, text, call to action and
/// organisation (a QR code comes after the text); wide ones put the text column beside the illustration and
/// call to action, over the organisation line. Right-to-left posts are the
/// mirror image.
pub fn frames(preset: &Preset, dir: Direction, scale: f64, cta: bool, art: Art) -> Frames {
    let (w, h) = (f64::from(preset.width), f64::from(preset.height));
    let unit = w.min(h);
    let margin = MARGIN * unit;
    let gap = GAP * unit;
    let (top, bottom) = preset.reserved();
    let safe_top = (top * h).max(margin);
    let safe_bottom = h - (bottom * h).max(margin);
    let safe = Rect { x: margin, y: safe_top, w: w - 2.0 * margin, h: safe_bottom - safe_top };
    let brand_h = brand_size(preset, scale) * BRAND_LINE;
    let label = if art == Art::LabelledCode { QR_LABEL_LINES * brand_size(preset, scale) } else { 0.0 };
    let has_art = art != Art::Nothing;
    let frames = if w > WIDE * h { wide(safe, gap, brand_h, cta, has_art, label) } else { tall(safe, gap, brand_h, unit, cta, art) };
    match dir {
        Direction::Ltr => frames,
        Direction::Rtl => {
            let flip = |r: Rect| Rect { x: w - r.x - r.w, ..r };
            Frames {
                safe: flip(frames.safe),
                text: flip(frames.text),
                cta: frames.cta.map(flip),
                cta_row: frames.cta_row,
                art: frames.art.map(flip),
                brand: flip(frames.brand),
            }
        }
    }
}

fn tall(safe: Rect, gap: f64, brand_h: f64, unit: f64, cta: bool, art: Art) -> Frames {
    let band = |y: f64| Rect { x: safe.x, y, w: safe.w, h: ART * unit };
    let mut top = safe.y;
    let above = (art == Art::Plain).then(|| {
        let r = band(top);
        top += r.h + gap;
        r
    });
    let brand = Rect { x: safe.x, y: safe.y + safe.h - brand_h, w: safe.w, h: brand_h };
    let mut bottom = brand.y - gap;
    let cta = cta.then(|| {
        let r = Rect { x: safe.x, y: bottom - CTA * unit, w: safe.w, h: CTA * unit };
        bottom = r.y - gap;
        r
    });
    let below = art.is_code().then(|| {
        let r = band(bottom - ART * unit);
        bottom = r.y - gap;
        r
    });
    Frames { safe, text: Rect { x: safe.x, y: top, w: safe.w, h: bottom - top }, cta, cta_row: true, art: above.or(below), brand }
}

/// A wide post; `label` is the room a QR code's label takes under it.
fn wide(safe: Rect, gap: f64, brand_h: f64, cta: bool, art: bool, label: f64) -> Frames {
    let text_w = if cta || art { (safe.w - gap) * TEXT_SHARE } else { safe.w };
    let brand = Rect { x: safe.x, y: safe.y + safe.h - brand_h, w: safe.w, h: brand_h };
    let text = Rect { x: safe.x, y: safe.y, w: text_w, h: brand.y - gap - safe.y };
    let side = Rect { x: safe.x + text_w + gap, w: safe.w - text_w - gap, ..text };
    let (art, cta) = match (art, cta) {
        (true, true) => {
            let art_h = side.h * 0.36 + label;
            (Some(Rect { h: art_h, ..side }), Some(Rect { y: side.y + art_h + gap, h: side.h - art_h - gap, ..side }))
        }
        (true, false) => (Some(side), None),
        (false, true) => (None, Some(side)),
        (false, false) => (None, None),
    };
    Frames { safe, text, cta, cta_row: false, art, brand }
}

/// The size of the organisation line, in px, in a language whose
/// `text_scale` is `scale`.
fn brand_size(preset: &Preset, scale: f64) -> f64 {
    (BRAND * f64::from(preset.width.min(preset.height)) * scale).max(floor(f64::from(preset.width), scale))
}

/// A size range in pixels.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Range {
    /// Largest size.
    pub max: f64,
    /// Smallest size; below it the text does not fit.
    pub min: f64,
}

/// Text sizes of a post, in pixels: scaled to the shorter side and the
/// language's `text_scale`, none under the floor of [`floor`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Sizes {
    /// Heading.
    pub heading: Range,
    /// Paragraph and list.
    pub body: Range,
    /// Words beside the number.
    pub cta: Range,
    /// The number, at most.
    pub number: f64,
    /// Organisation line.
    pub brand: f64,
    /// Space between heading lines, in em.
    pub heading_leading: f64,
    /// Space between body lines, in em.
    pub body_leading: f64,
    /// Padding of the call-to-action box, as a share of its shorter side.
    pub cta_pad: f64,
}

impl Sizes {
    /// Sizes for a preset whose call to action is `cta` (if any), in a
    /// language whose `text_scale` is `scale`. Lines are measured from
    /// ascender to descender; Arabic-script fonts have tall ones (room for
    /// marks), so right-to-left text gets less leading.
    pub fn for_preset(preset: &Preset, dir: Direction, scale: f64, cta: Option<&Rect>, cta_row: bool) -> Sizes {
        let side = f64::from(preset.width.min(preset.height)) * scale;
        let least = floor(f64::from(preset.width), scale);
        let range = |max: f64, min: f64, least: f64, spread: f64| {
            let min = (min * side).max(least);
            Range { max: (max * side).max(min * spread), min }
        };
        let number = cta.map_or(0.0, |r| {
            let inner_h = r.h - 2.0 * CTA_PAD * r.w.min(r.h);
            if cta_row { inner_h * 0.75 } else { inner_h * 0.35 }
        });
        Sizes {
            heading: range(0.085, 0.036, least * HEADING_FLOOR, SPREAD),
            body: range(0.048, 0.026, least, SPREAD),
            // Not spread: on a wide image the call to action's words
            // would outgrow the heading.
            cta: range(0.05, 0.024, least, 1.0),
            number,
            brand: brand_size(preset, scale),
            heading_leading: if dir == Direction::Rtl { 0.08 } else { 0.22 },
            body_leading: if dir == Direction::Rtl { 0.12 } else { 0.3 },
            cta_pad: CTA_PAD,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn preset(name: &str) -> Preset {
        Preset::parse(name).unwrap()
    }

    fn inside(inner: &Rect, outer: &Rect) -> bool {
        inner.x >= outer.x - 1e-9
            && inner.y >= outer.y - 1e-9
            && inner.x + inner.w <= outer.x + outer.w + 1e-9
            && inner.y + inner.h <= outer.y + outer.h + 1e-9
    }

    #[test]
    fn every_box_lies_in_the_safe_area_of_every_preset() {
        for p in Preset::all() {
            for dir in [Direction::Ltr, Direction::Rtl] {
                let f = frames(&p, dir, 1.0, true, Art::Plain);
                for r in [Some(f.text), f.cta, f.art, Some(f.brand)].into_iter().flatten() {
                    assert!(inside(&r, &f.safe), "{} {dir:?}: {r:?} outside {:?}", p.name, f.safe);
                    assert!(r.w > 0.0 && r.h > 0.0, "{} {dir:?}: empty {r:?}", p.name);
                }
            }
        }
    }

    #[test]
    fn no_size_is_under_the_floor_and_the_heading_stays_larger() {
        let mut presets = Preset::all();
        presets.extend(["400x400", "2400x600", "720x1280"].map(preset));
        for p in presets {
            for scale in [1.0, 1.12] {
                let least = floor(f64::from(p.width), scale);
                let f = frames(&p, Direction::Rtl, scale, true, Art::Plain);
                let s = Sizes::for_preset(&p, Direction::Rtl, scale, f.cta.as_ref(), f.cta_row);
                for (what, size) in [("heading", s.heading.min), ("body", s.body.min), ("cta", s.cta.min), ("brand", s.brand)] {
                    assert!(size >= least, "{} × {scale}: {what} {size:.1} px under the floor {least:.1} px", p.name);
                }
                assert!(s.heading.min >= 1.2 * s.body.min - 1e-9, "{}: heading {:?}, body {:?}", p.name, s.heading, s.body);
                for r in [s.heading, s.body, s.cta] {
                    assert!(r.max >= r.min, "{}: {r:?}", p.name);
                }
                assert!(f.brand.h >= s.brand * 1.3, "{}: the organisation line's box is lower than its ink", p.name);
            }
        }
        // The link post's sizes grow with the image's width, not its height.
        let link = frames(&preset("facebook-link"), Direction::Ltr, 1.0, true, Art::Plain);
        let sizes = Sizes::for_preset(&preset("facebook-link"), Direction::Ltr, 1.0, link.cta.as_ref(), link.cta_row);
        assert!((sizes.body.min - 28.0 * 1200.0 / 1080.0).abs() < 1e-9 && sizes.brand == sizes.body.min, "{sizes:?}");
        assert_eq!(link.brand.w, link.safe.w, "the organisation line spans a wide post");
    }

    #[test]
    fn story_safe_area_leaves_the_platform_zones_free() {
        let f = frames(&preset("instagram-story"), Direction::Ltr, 1.0, true, Art::Plain);
        assert!(f.safe.y >= 0.14 * 1920.0);
        assert!(f.safe.y + f.safe.h <= 0.80 * 1920.0);
    }

    #[test]
    fn rtl_frames_are_the_mirror_image() {
        for p in Preset::all() {
            let ltr = frames(&p, Direction::Ltr, 1.0, true, Art::Plain);
            let rtl = frames(&p, Direction::Rtl, 1.0, true, Art::Plain);
            let w = f64::from(p.width);
            let mirror = |r: Rect| Rect { x: w - r.x - r.w, ..r };
            assert_eq!(rtl.text, mirror(ltr.text), "{}", p.name);
            assert_eq!(rtl.cta, ltr.cta.map(mirror), "{}", p.name);
            assert_eq!(rtl.brand, mirror(ltr.brand), "{}", p.name);
        }
        let wide = frames(&preset("facebook-link"), Direction::Rtl, 1.0, true, Art::Nothing);
        assert!(wide.cta.unwrap().x < wide.text.x, "the call to action is on the left of an RTL link post");
    }
}
