//! Where heading, body, call to action, illustration and organisation go
//! on each preset of a post (in pixels, mirrored for right-to-left
//! languages), and the text sizes that go with them.

use serde::Serialize;

use crate::layout::geometry::Rect;
use crate::model::Direction;
use crate::model::social::Preset;

/// Margin around everything, as a share of the shorter side.
const MARGIN: f64 = 0.07;
/// Space between boxes, as a share of the shorter side.
const GAP: f64 = 0.035;
/// Height of the organisation line, as a share of the shorter side.
const BRAND: f64 = 0.045;
/// Height of the illustration band of tall posts, as a share of the width.
const ART: f64 = 0.17;
/// Height of the call-to-action band of tall posts, as a share of the width.
const CTA: f64 = 0.2;
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

/// Places the boxes of a post. Tall and square presets stack illustration,
/// text, call to action and organisation; wide ones put the text column
/// beside the illustration and call to action. Right-to-left posts are the
/// mirror image.
pub fn frames(preset: &Preset, dir: Direction, cta: bool, art: bool) -> Frames {
    let (w, h) = (f64::from(preset.width), f64::from(preset.height));
    let unit = w.min(h);
    let margin = MARGIN * unit;
    let gap = GAP * unit;
    let (top, bottom) = preset.reserved();
    let safe_top = (top * h).max(margin);
    let safe_bottom = h - (bottom * h).max(margin);
    let safe = Rect { x: margin, y: safe_top, w: w - 2.0 * margin, h: safe_bottom - safe_top };
    let brand_h = BRAND * unit;
    let frames = if w > WIDE * h { wide(safe, gap, brand_h, cta, art) } else { tall(safe, gap, brand_h, unit, cta, art) };
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

fn tall(safe: Rect, gap: f64, brand_h: f64, unit: f64, cta: bool, art: bool) -> Frames {
    let mut top = safe.y;
    let art = art.then(|| {
        let r = Rect { x: safe.x, y: top, w: safe.w, h: ART * unit };
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
    Frames { safe, text: Rect { x: safe.x, y: top, w: safe.w, h: bottom - top }, cta, cta_row: true, art, brand }
}

fn wide(safe: Rect, gap: f64, brand_h: f64, cta: bool, art: bool) -> Frames {
    let text_w = if cta || art { (safe.w - gap) * TEXT_SHARE } else { safe.w };
    let brand = Rect { x: safe.x, y: safe.y + safe.h - brand_h, w: text_w, h: brand_h };
    let text = Rect { x: safe.x, y: safe.y, w: text_w, h: brand.y - gap - safe.y };
    let side = Rect { x: safe.x + text_w + gap, y: safe.y, w: safe.w - text_w - gap, h: safe.h };
    let (art, cta) = match (art, cta) {
        (true, true) => {
            let art_h = side.h * 0.36;
            (Some(Rect { h: art_h, ..side }), Some(Rect { y: side.y + art_h + gap, h: side.h - art_h - gap, ..side }))
        }
        (true, false) => (Some(side), None),
        (false, true) => (None, Some(side)),
        (false, false) => (None, None),
    };
    Frames { safe, text, cta, cta_row: false, art, brand }
}

/// A size range in pixels.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Range {
    /// Largest size.
    pub max: f64,
    /// Smallest size; below it the text does not fit.
    pub min: f64,
}

/// Text sizes of a post, in pixels, scaled to the shorter side.
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
    /// Sizes for a preset whose call to action is `cta` (if any). Lines are
    /// measured from ascender to descender; Arabic-script fonts have tall
    /// ones (room for marks), so right-to-left text gets less leading.
    pub fn for_preset(preset: &Preset, dir: Direction, cta: Option<&Rect>, cta_row: bool) -> Sizes {
        let unit = f64::from(preset.width.min(preset.height));
        let number = cta.map_or(0.0, |r| {
            let inner_h = r.h - 2.0 * CTA_PAD * r.w.min(r.h);
            if cta_row { inner_h * 0.75 } else { inner_h * 0.35 }
        });
        Sizes {
            heading: Range { max: 0.085 * unit, min: 0.042 * unit },
            body: Range { max: 0.048 * unit, min: 0.026 * unit },
            cta: Range { max: 0.05 * unit, min: 0.024 * unit },
            number,
            brand: 0.026 * unit,
            heading_leading: if dir == Direction::Rtl { 0.08 } else { 0.22 },
            body_leading: if dir == Direction::Rtl { 0.22 } else { 0.4 },
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
                let f = frames(&p, dir, true, true);
                for r in [Some(f.text), f.cta, f.art, Some(f.brand)].into_iter().flatten() {
                    assert!(inside(&r, &f.safe), "{} {dir:?}: {r:?} outside {:?}", p.name, f.safe);
                    assert!(r.w > 0.0 && r.h > 0.0, "{} {dir:?}: empty {r:?}", p.name);
                }
            }
        }
    }

    #[test]
    fn story_safe_area_leaves_the_platform_zones_free() {
        let f = frames(&preset("instagram-story"), Direction::Ltr, true, true);
        assert!(f.safe.y >= 0.14 * 1920.0);
        assert!(f.safe.y + f.safe.h <= 0.80 * 1920.0);
    }

    #[test]
    fn rtl_frames_are_the_mirror_image() {
        for p in Preset::all() {
            let ltr = frames(&p, Direction::Ltr, true, true);
            let rtl = frames(&p, Direction::Rtl, true, true);
            let w = f64::from(p.width);
            let mirror = |r: Rect| Rect { x: w - r.x - r.w, ..r };
            assert_eq!(rtl.text, mirror(ltr.text), "{}", p.name);
            assert_eq!(rtl.cta, ltr.cta.map(mirror), "{}", p.name);
            assert_eq!(rtl.brand, mirror(ltr.brand), "{}", p.name);
        }
        let wide = frames(&preset("facebook-link"), Direction::Rtl, true, false);
        assert!(wide.cta.unwrap().x < wide.text.x, "the call to action is on the left of an RTL link post");
    }
}
