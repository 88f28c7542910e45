//! Social-media posts: where heading, body, call to action, illustration and
//! organisation go on each preset (in pixels, mirrored for right-to-left
//! languages), the data the post template reads, and the checks on what
//! typst set: every text fits its box and stays inside the safe area.

use serde::{Deserialize, Serialize};
use typst::foundations::{Label, Selector};
use typst::introspection::{Introspector, MetadataElem};
use typst::layout::{Frame, FrameItem, Point, Transform};
use typst::utils::PicoStr;
use typst_layout::{Page, PagedDocument};

use super::document::{Texts, dir_name};
use crate::fonts::FontSet;
use super::geometry::Rect;
use super::world::{Engine, Template};
use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::model::social::{Post, Preset};
use crate::model::{Cmyk, Direction, Project};
use crate::model::colour::Colours;
use crate::prepare::{Kind, Run, TextContext, prepare_text};

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
/// From this width over height on, a post is wide: text beside the call to
/// action instead of above it.
const WIDE: f64 = 1.2;
/// Share of a wide post's width the text column takes.
const TEXT_SHARE: f64 = 0.6;
/// Largest text leaves this many pixels of ink outside the safe area
/// unreported (anti-aliasing, rounding).
const SAFE_TOLERANCE: f64 = 1.0;

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
}

impl Sizes {
    /// Sizes for a preset whose call to action is `cta` (if any). Lines are
    /// measured from ascender to descender; Arabic-script fonts have tall
    /// ones (room for marks), so right-to-left text gets less leading.
    pub fn for_preset(preset: &Preset, dir: Direction, cta: Option<&Rect>, cta_row: bool) -> Sizes {
        let unit = f64::from(preset.width.min(preset.height));
        // The template pads the box by 12 % of its shorter side.
        let number = cta.map_or(0.0, |r| {
            let inner_h = r.h - 0.24 * r.w.min(r.h);
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
        }
    }
}

/// sRGB colours as `#rrggbb`.
#[derive(Debug, Clone, Serialize)]
pub struct Colors {
    /// Background.
    pub background: String,
    /// Text.
    pub text: String,
    /// Accent: call-to-action box, rule under the heading, list markers.
    pub accent: String,
    /// Text on the accent.
    pub accent_text: String,
}

/// The call to action.
#[derive(Debug, Clone, Serialize)]
pub struct CtaData {
    /// The number as dialled.
    pub number: Run,
    /// The words beside it.
    pub label: Vec<Run>,
}

/// One post in one preset and language, as the template reads it.
#[derive(Debug, Clone, Serialize)]
pub struct PostData {
    /// Language code.
    pub lang: String,
    /// `ltr` or `rtl`.
    pub dir: &'static str,
    /// Font families, first choice first.
    pub fonts: Vec<String>,
    /// Document title: the alt text.
    pub title: String,
    /// Width in pixels.
    pub width: f64,
    /// Height in pixels.
    pub height: f64,
    /// Colours.
    pub colors: Colors,
    /// Boxes.
    pub frames: Frames,
    /// Text sizes.
    pub sizes: Sizes,
    /// Heading.
    pub heading: Vec<Run>,
    /// The heading's words, whose widest must fit the text box.
    pub heading_words: Vec<String>,
    /// Paragraph; empty when the post has none.
    pub body: Vec<Run>,
    /// List items; empty when the post has none.
    pub items: Vec<Vec<Run>>,
    /// Call to action.
    pub cta: Option<CtaData>,
    /// Illustration, an absolute path inside the project as typst reads it.
    pub image: Option<String>,
    /// The organisation's name.
    pub brand: Vec<Run>,
}

/// The sRGB colour a CMYK colour shows as on screen, as the output profile
/// prints it.
pub fn srgb(colours: &Colours, c: Cmyk) -> String {
    let [r, g, b] = colours.srgb(c);
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// Builds the data of one post in one preset and language; what preparing
/// the text finds comes back with it.
pub fn post_data(project: &Project, fonts: &FontSet, colours: &Colours, post: &Post, preset: &Preset, lang: &str) -> (PostData, Diagnostics) {
    let config = &project.config;
    let language = &config.languages[lang];
    let mut texts = Texts::new(project, fonts, lang);
    let contact = post.contact.as_ref().and_then(|id| config.contacts.get(id));
    let frames = frames(preset, language.dir, contact.is_some(), post.image.is_some());
    let sizes = Sizes::for_preset(preset, language.dir, frames.cta.as_ref(), frames.cta_row);
    let heading = texts.runs(&post.heading, None);
    let heading_words = heading.iter().flat_map(|r| r.text.split_whitespace().map(str::to_string).collect::<Vec<_>>()).collect();
    let cta = contact.map(|c| CtaData {
        number: Run::of(Kind::Phone, c.number.clone()),
        label: texts.runs(post.cta.as_deref().unwrap_or(&c.name), None),
    });
    let brand_ctx = TextContext {
        lang,
        dir: language.dir,
        digits: language.digits,
        case: None,
        key: "organisation.name",
        location: Location::file(crate::model::CONFIG_FILE),
        phones: &[],
    };
    let brand = prepare_text(&config.organisation.name, &brand_ctx);
    texts.diagnostics.extend(brand.diagnostics);
    let data = PostData {
        lang: lang.to_string(),
        dir: dir_name(language.dir),
        fonts: config.fonts[&language.fonts].clone(),
        title: texts.plain(&post.alt),
        width: f64::from(preset.width),
        height: f64::from(preset.height),
        colors: Colors {
            background: srgb(colours, post.background),
            text: srgb(colours, post.color),
            accent: srgb(colours, post.accent),
            accent_text: srgb(colours, post.color),
        },
        frames,
        sizes,
        heading,
        heading_words,
        body: post.text.as_deref().map(|k| texts.runs(k, None)).unwrap_or_default(),
        items: post.list.as_deref().map(|k| texts.list(k)).unwrap_or_default(),
        cta,
        image: post.image.as_ref().map(|p| format!("/{}", p.to_string_lossy().replace('\\', "/"))),
        brand: brand.runs,
    };
    (data, texts.diagnostics)
}

/// Sets one post with typst.
pub fn typeset_post(engine: &Engine, data: &PostData) -> Result<PagedDocument, Diagnostics> {
    let json = serde_json::to_vec(data).map_err(|e| vec![Diagnostic::error(format!("cannot encode the post data: {e}"))])?;
    super::compile(&engine.world(Template::Social, json), &data.lang)
}

/// What the template chose for one box.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(tag = "box", rename_all = "lowercase")]
pub enum FitReport {
    /// Heading and body.
    Text {
        /// Whether they fit at sizes within the range.
        fits: bool,
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

/// The sizes the template chose, one report per box.
pub fn fit_reports(document: &PagedDocument) -> Vec<FitReport> {
    let Some(label) = Label::new(PicoStr::intern("kalem-fit")) else { return Vec::new() };
    document
        .introspector()
        .query(&Selector::Label(label))
        .iter()
        .filter_map(|content| content.to_packed::<MetadataElem>())
        .filter_map(|meta| serde_json::to_value(&meta.value).ok())
        .filter_map(|value| serde_json::from_value(value).ok())
        .collect()
}

/// Which post, preset and language a check is about.
pub struct Subject<'a> {
    /// The post.
    pub post: &'a Post,
    /// The preset.
    pub preset: &'a Preset,
    /// The language.
    pub lang: &'a str,
}

/// Errors for every box whose text does not fit even at its smallest size,
/// naming the post, preset, language and the translation key to shorten.
pub fn check_fit(project: &Project, subject: &Subject, reports: &[FitReport]) -> Diagnostics {
    let Subject { post, preset, lang } = *subject;
    let table = &project.translations[lang];
    let body_key = post.text.as_deref().or(post.list.as_deref()).unwrap_or(&post.heading);
    let cta_key = post.cta.clone().or_else(|| post.contact.as_ref().and_then(|id| project.config.contacts.get(id)).map(|c| c.name.clone()));
    reports
        .iter()
        .filter_map(|report| match report {
            FitReport::Text { fits: false, heading, body, need, avail, heading_need, body_need } => {
                let (what, key) = if heading_need >= body_need { ("heading", post.heading.as_str()) } else { ("text", body_key) };
                let message = format!(
                    "the {what} of post `{}` does not fit preset `{}` even at the smallest sizes (heading {heading:.0} px, text {body:.0} px): it needs {need:.0} px, the box has {avail:.0} px",
                    post.id, preset.name
                );
                Some((message, key.to_string()))
            }
            FitReport::Cta { fits: false, size, need, avail } => {
                let key = cta_key.clone().unwrap_or_default();
                let message = format!(
                    "the call to action of post `{}` does not fit preset `{}` even at the smallest size ({size:.0} px): it needs {need:.0} px, the box has {avail:.0} px",
                    post.id, preset.name
                );
                Some((message, key))
            }
            _ => None,
        })
        .map(|(message, key)| {
            let location = table.location(&key);
            let file = location.as_ref().map_or_else(|| format!("translations/{lang}.yaml"), |l| l.file.display().to_string());
            Diagnostic::error(message)
                .at_opt(location)
                .hint(format!("shorten `{key}` in {file}, or leave `{}` out of the post's `presets:`", preset.name))
                .key(key)
                .lang(lang)
        })
        .collect()
}

/// A piece of text as set on the page: its characters and the box its ink
/// covers, in pixels from the top-left corner.
#[derive(Debug, Clone, PartialEq)]
pub struct TextBox {
    /// The characters.
    pub text: String,
    /// The ink's bounds.
    pub bounds: Rect,
}

/// Every piece of text on a page with where its ink is.
pub fn text_boxes(page: &Page) -> Vec<TextBox> {
    let mut out = Vec::new();
    collect(&page.frame, Transform::identity(), &mut out);
    out
}

fn collect(frame: &Frame, ts: Transform, out: &mut Vec<TextBox>) {
    for (pos, item) in frame.items() {
        let here = ts.pre_concat(Transform::translate(pos.x, pos.y));
        match item {
            FrameItem::Group(group) => collect(&group.frame, here.pre_concat(group.transform), out),
            FrameItem::Text(text) if !text.glyphs.is_empty() => {
                let b = text.bbox();
                let corners = [b.min, b.max, Point::new(b.min.x, b.max.y), Point::new(b.max.x, b.min.y)].map(|p| p.transform(here));
                let (x0, x1) = min_max(corners.iter().map(|p| p.x.to_pt()));
                let (y0, y1) = min_max(corners.iter().map(|p| p.y.to_pt()));
                out.push(TextBox { text: text.text.to_string(), bounds: Rect { x: x0, y: y0, w: x1 - x0, h: y1 - y0 } });
            }
            _ => {}
        }
    }
}

fn min_max(values: impl Iterator<Item = f64>) -> (f64, f64) {
    values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| (lo.min(v), hi.max(v)))
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
pub fn check_safe(page: &Page, safe: &Rect, subject: &Subject) -> Option<Diagnostic> {
    let stray = outside(&text_boxes(page), safe);
    let first = stray.first()?;
    Some(
        Diagnostic::error(format!(
            "text of post `{}` leaves the safe area of preset `{}`: “{}”",
            subject.post.id, subject.preset.name, first.text
        ))
        .lang(subject.lang)
        .hint("shorten the longest word or line of this post in this language, or leave the preset out of the post's `presets:`"),
    )
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

    #[test]
    fn colours_convert_through_the_output_profile() {
        let colours = crate::model::colour::sample();
        assert_eq!(srgb(&colours, Cmyk([0.0, 0.0, 0.0, 0.0])), "#ffffff");
        assert_eq!(srgb(&colours, Cmyk([0.0, 0.0, 0.0, 100.0])), "#1d1c1b");
        assert_eq!(srgb(&colours, Cmyk([0.0, 60.0, 100.0, 0.0])), "#f17e08");
    }
}
