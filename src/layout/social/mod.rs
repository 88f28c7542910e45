//! Social-media posts: the data the post template reads, built from the
//! same blocks and data contract as panels and documents, with the boxes
//! of [`frames`] and the checks of [`checks`] and [`small_text`].

pub mod carousel;
pub mod checks;
pub mod frames;
pub mod small_text;

use serde::Serialize;
use typst::foundations::Bytes;
use typst_layout::PagedDocument;

use crate::blocks::{BlockData, typst_path};
use crate::blocks::campaign::{MIN_MODULE_PX, QrData, darker, qr_data};
use super::geometry::Rect;
use super::photo::screen_photo_data;
use crate::blocks::photo::{PhotoData, photo_data};
use super::contract::{Common, HEADING_EM, Ink, Metrics, Palette, line_top};
use super::screen::screen_ink;
use crate::blocks::texts::Texts;
use super::world::{Engine, Template};
use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::model::Edition;
use crate::model::photo::Photo;
use crate::model::qr::Payload;
use crate::model::social::{Post, Preset};
use crate::prepare::{Kind, Run};
pub use carousel::{SetSlide, SlideCue, set_slides};
pub use checks::{FitReport, Subject, TextBox, check_post, outside, text_boxes};
pub use frames::{Art, Frames, QR_LABEL_LINES, Range, Sizes, frames};

/// The call to action.
#[derive(Debug, Clone, Serialize)]
pub struct CtaData {
    /// The number as dialled.
    pub number: Run,
    /// The words beside it.
    pub label: Vec<Run>,
}

/// One post in one preset and edition, as the template reads it.
#[derive(Debug, Clone, Serialize)]
pub struct PostData {
    /// What every template reads; sizes are in pixels, the palette sRGB.
    #[serde(flatten)]
    pub common: Common,
    /// Boxes.
    pub frames: Frames,
    /// Text sizes.
    pub sizes: Sizes,
    /// Heading.
    pub heading: Vec<Run>,
    /// The heading's words, whose widest must fit the text box.
    pub heading_words: Vec<String>,
    /// Paragraph and list under the heading, as blocks.
    pub body: Vec<BlockData>,
    /// Call to action.
    pub cta: Option<CtaData>,
    /// Illustration, an absolute path inside the project as typst reads it.
    pub image: Option<String>,
    /// A QR code in the illustration's place, in the text colour.
    pub qr: Option<QrData>,
    /// What the QR code opens, set at the organisation line's size beside
    /// the code in a wide art box, under it otherwise.
    pub qr_label: Vec<Run>,
    /// Whether the label stands beside the code.
    pub qr_label_beside: bool,
    /// A photo filling the image, under everything.
    pub photo: Option<PhotoData>,
    /// A carousel slide's place in the sequence.
    pub cue: Option<SlideCue>,
    /// The step between the largest text sizes (0) and the smallest (1)
    /// at which the template sets heading and body; none lets it take the
    /// largest that fits. A carousel's slides share one
    /// ([`carousel::set_slides`]).
    pub step: Option<f64>,
    /// The organisation's name.
    pub brand: Vec<Run>,
}

/// Builds the data of one post in one preset and edition (of a carousel,
/// its first slide); what preparing the text finds comes back with it.
pub fn post_data(edition: &Edition, engine: &Engine, post: &Post, preset: &Preset) -> (PostData, Diagnostics) {
    slide_data(edition, engine, post, preset, 0)
}

/// Builds the data of slide `index` (from 0) of a carousel post; of the
/// post itself if it has no slides.
pub fn slide_data(edition: &Edition, engine: &Engine, post: &Post, preset: &Preset, index: usize) -> (PostData, Diagnostics) {
    slide_data_with(edition, engine, post, preset, index, true)
}

/// [`slide_data`] with the photo placed but not read or scaled: what the
/// image is made from, cheaply, for a build's fingerprint of it.
pub fn slide_inputs(edition: &Edition, engine: &Engine, post: &Post, preset: &Preset, index: usize) -> PostData {
    slide_data_with(edition, engine, post, preset, index, false).0
}

fn slide_data_with(edition: &Edition, engine: &Engine, post: &Post, preset: &Preset, index: usize, scale_photo: bool) -> (PostData, Diagnostics) {
    let slide = post.slides.get(index);
    let mut texts = Texts::new(*edition, engine.fonts());
    let screen = |c: crate::model::Cmyk| screen_ink(Ink::from(c), engine.colours());
    let contact = post.contact.as_ref().and_then(|id| edition.contacts.get(id));
    let scale = edition.language.text_scale;
    let art = match (&post.image, &post.qr, &post.qr_label) {
        (None, None, _) => Art::Nothing,
        (None, Some(_), Some(_)) => Art::LabelledCode,
        (None, Some(_), None) => Art::Code,
        _ => Art::Plain,
    };
    let frames = frames(preset, edition.dir(), scale, contact.is_some(), art);
    let sizes = Sizes::for_preset(preset, edition.dir(), scale, frames.cta.as_ref(), frames.cta_row);
    let heading = texts.runs(slide.map_or(&post.heading, |s| &s.heading), None);
    let heading_words = heading.iter().flat_map(|r| r.text.split_whitespace().map(str::to_string).collect::<Vec<_>>()).collect();
    let cta = contact.map(|c| CtaData {
        number: Run::of(Kind::Phone, c.number.clone()),
        label: texts.runs(post.cta.as_deref().unwrap_or(&c.name), None),
    });
    let (paragraph, list) = slide.map_or((&post.text, &post.list), |s| (&s.text, &s.list));
    let mut body: Vec<BlockData> = paragraph.iter().map(|k| BlockData::Text { runs: texts.runs(k, None) }).collect();
    body.extend(list.iter().map(|k| {
        let mut items = texts.list(k);
        if let Some(range) = slide.and_then(|s| s.items.clone()) {
            items = items.into_iter().take(range.end).skip(range.start).collect();
        }
        BlockData::List { items }
    }));
    let cue = slide.map(|_| carousel::cue(edition.digits(), index + 1, post.slides.len()));
    let text = screen(post.color);
    let palette = Palette { text, heading: text, callout: screen(post.accent), callout_text: text, accent: screen(post.accent), paper: screen(post.background) };
    let metrics = Metrics { body: sizes.body.max, scale: 1.0, heading: HEADING_EM, spacing: 1.0, line_top: line_top(edition, engine.fonts()) };
    let qr_label = post.qr_label.as_deref().map(|k| texts.runs(k, None)).unwrap_or_default();
    let qr_label_beside = frames.art.as_ref().is_some_and(|a| a.w > WIDE_ART * a.h);
    let label_room = if qr_label.is_empty() || qr_label_beside { 0.0 } else { QR_LABEL_LINES * sizes.brand };
    let qr = post.qr.as_ref().and_then(|payload| post_qr(&mut texts, post, &frames, label_room, payload, &palette));
    let title = texts.plain(&post.alt);
    let mut common = Common::new(edition, title, (f64::from(preset.width), f64::from(preset.height)), palette, metrics);
    (common.bleed, common.links) = (0.0, false);
    let data = PostData {
        common,
        frames,
        sizes,
        heading,
        heading_words,
        body,
        cta,
        image: post.image.as_deref().map(typst_path),
        qr,
        qr_label,
        qr_label_beside,
        photo: post.photo.as_ref().map(|p| if scale_photo { post_photo(&mut texts, engine, p, preset) } else { photo_data(p, preset_frame(preset), Some(engine.colours())) }),
        brand: texts.organisation(),
        cue,
        step: None,
    };
    (data, texts.diagnostics)
}

/// The post's photo filling the image, its visible part pre-scaled to the
/// preset's pixels; an error naming the photo if it cannot be read.
fn post_photo(texts: &mut Texts, engine: &Engine, photo: &Photo, preset: &Preset) -> PhotoData {
    let frame = preset_frame(preset);
    screen_photo_data(engine, photo, frame, engine.colours()).unwrap_or_else(|e| {
        let file = &texts.edition().brochure.file;
        texts.diagnostics.push(Diagnostic::error(format!("cannot scale the photo `{}`: {e}", photo.path.display())).at(Location::file(file)));
        photo_data(photo, frame, Some(engine.colours()))
    })
}

/// The whole image of a preset, in pixels.
fn preset_frame(preset: &Preset) -> Rect {
    Rect { x: 0.0, y: 0.0, w: f64::from(preset.width), h: f64::from(preset.height) }
}

/// From this width over height on, an art box sets a QR code's label
/// beside the code rather than under it.
const WIDE_ART: f64 = 3.0;

/// The post's QR code in its text and background colours, the darker as
/// modules (a light-on-dark code does not scan everywhere), as large as
/// its art frame allows with `label_room` pixels under it; an error naming
/// the post if its modules would be under [`MIN_MODULE_PX`].
fn post_qr(texts: &mut Texts, post: &Post, frames: &Frames, label_room: f64, payload: &Payload, palette: &Palette) -> Option<QrData> {
    let art = frames.art.as_ref()?;
    let side = art.w.min(art.h - label_room).floor();
    let (dark, light) = if darker(palette.text, palette.paper) { (palette.text, palette.paper) } else { (palette.paper, palette.text) };
    qr_data(payload, side, MIN_MODULE_PX, dark, light)
        .map_err(|_| {
            texts.diagnostics.push(
                Diagnostic::error(format!("the QR code of post `{}` does not fit its image with modules of {MIN_MODULE_PX} px", post.id))
                    .at(payload.at.clone())
                    .hint("encode a shorter address, or choose a larger preset"),
            );
        })
        .ok()
}

/// Sets one post with typst.
pub fn typeset_post(engine: &Engine, data: &PostData) -> Result<PagedDocument, Diagnostics> {
    let scaled = data.photo.iter().filter_map(|p| p.pixels.as_ref().map(|px| (p.path.as_str(), Bytes::new(px.bytes.clone()))));
    super::typeset_with(engine, Template::Social, data, &data.common.lang, scaled)
}
