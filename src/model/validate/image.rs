//! An image path of a block, checked to name a readable image inside the
//! project, and photo backgrounds.

use std::path::{Path, PathBuf};

use super::{Ctx, MAX_PATH_BYTES, Want};
use crate::model::BlockKind;
use crate::model::brochure::{BlockSpec, Fit};
use crate::load::assets;
use crate::model::Cmyk;
use crate::model::photo::{BackgroundSpec, Overlay, Photo, PhotoFit, PhotoSpec, tones, upright_dimensions};
use crate::load::marked::Step;
use crate::sandbox::{self, Refusal};

/// The project-relative path of an image named `raw`, checked to lie inside
/// the project and to be an image kalem reads; none after reporting why not.
pub(super) fn image_path(ctx: &mut Ctx, at: &[Step], raw: &str) -> Option<PathBuf> {
    if raw.len() > MAX_PATH_BYTES || raw.split('/').any(|part| part.len() > 255) {
        let shown: String = raw.chars().take(40).collect();
        ctx.error(at, format!("image path `{shown}…` is {} characters long, longer than file systems allow", raw.chars().count()), "give the image a short name in assets/, e.g. `assets/cover.jpg`");
        return None;
    }
    let relative = Path::new(raw);
    match sandbox::resolve(ctx.root, relative) {
        Ok(canonical) => {
            let ext = canonical.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
            if !matches!(ext.as_deref(), Some("svg" | "png" | "jpg" | "jpeg")) {
                ctx.error(at, format!("`{raw}` is not an image kalem can place"), "use an SVG, PNG or JPEG file");
                return None;
            }
            if let Err(refused) = assets::check_image(&canonical) {
                ctx.error(at, format!("image `{raw}` {}", refused.problem), refused.hint);
                return None;
            }
            canonical.strip_prefix(ctx.root).ok().map(Path::to_path_buf)
        }
        Err(Refusal::Outside) => {
            ctx.error(at, format!("image `{raw}` is outside the project folder"), "copy the file into assets/ and write its path relative to the project, e.g. `assets/logo.svg`");
            None
        }
        Err(Refusal::Missing) => {
            ctx.error(at, format!("image `{raw}` does not exist"), "check the spelling; paths are relative to the project folder, e.g. `assets/logo.svg`");
            None
        }
        Err(other) => {
            ctx.error(at, format!("image `{raw}` {}", other.what()), "replace the link with the image file itself, in assets/");
            None
        }
    }
}

/// Default height of images, in mm.
const DEFAULT_IMAGE_HEIGHT: f64 = 40.0;

/// An `image:` block: its file, height, description and, with
/// `fit: cover`, the photo cropped to the column.
pub(super) fn image_block(ctx: &mut Ctx, at: &[Step], spec: &BlockSpec) -> Option<BlockKind> {
    let sub = |key: &'static str| -> Vec<Step> { at.iter().copied().chain([Step::Key(key)]).collect() };
    let raw = spec.image.clone()?;
    let path = image_path(ctx, &sub("image"), &raw)?;
    if let Some(alt) = &spec.alt {
        ctx.key(&sub("alt"), alt, Want::Text);
    }
    let height = spec.height.unwrap_or(DEFAULT_IMAGE_HEIGHT);
    if !(1.0..=400.0).contains(&height) {
        ctx.error(&sub("height"), format!("image height {height} mm is out of range (1 to 400 mm)"), "give a height in mm between 1 and 400");
    }
    if spec.fit == Some(Fit::Shrink) {
        ctx.error(&sub("fit"), "an image does not shrink with its text", "use `fit: cover` to fill the column with the photo, cropped, or `fit: contain` (the default)");
    }
    let cover = match spec.fit {
        Some(Fit::Cover) => Some(photo(ctx, at, &PhotoSpec { image: raw, fit: PhotoFit::Cover, focus: spec.focus.clone(), overlay: None, alt: None })?),
        _ => {
            if spec.focus.is_some() {
                ctx.error(&sub("focus"), "`focus` only applies with `fit: cover`", "add `fit: cover` to crop the photo around its focus, or remove `focus`");
            }
            None
        }
    };
    Some(BlockKind::Image { path, height, alt: spec.alt.clone(), cover })
}

/// A background as written: a colour, or a photo (whose overlay colour,
/// if any, is returned as the colour the text stands on).
pub(super) fn background(ctx: &mut Ctx, at: &[Step], spec: &BackgroundSpec) -> (Option<Cmyk>, Option<Photo>) {
    match spec {
        BackgroundSpec::Colour(name) => (ctx.color(at, name), None),
        BackgroundSpec::Photo(p) => {
            let photo = photo(ctx, at, p);
            (photo.as_ref().and_then(|p| p.overlay).map(|o| o.color), photo)
        }
    }
}

/// A photo background, checked: a JPEG or PNG inside the project, a focus
/// within it, an overlay colour that exists at an opacity from 0 to 1.
fn photo(ctx: &mut Ctx, at: &[Step], spec: &PhotoSpec) -> Option<Photo> {
    let sub = |key: &'static str| -> Vec<Step> { at.iter().copied().chain([Step::Key(key)]).collect() };
    let path = image_path(ctx, &sub("image"), &spec.image)?;
    if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("svg")) {
        ctx.error(&sub("image"), format!("`{}` is a drawing, not a photo", spec.image), "use a JPEG or PNG photo; place drawings with an `image:` block");
        return None;
    }
    let full = ctx.root.join(&path);
    let read = upright_dimensions(&full).and_then(|px| Ok((px, tones(&full)?)));
    let (pixels, tones) = match read {
        Ok(found) => found,
        Err(e) => {
            ctx.error(&sub("image"), format!("cannot read photo `{}`: {e}", spec.image), "save it again as JPEG or PNG");
            return None;
        }
    };
    let focus = match &spec.focus {
        None => Some((0.5, 0.5)),
        Some([x, y]) => x.fraction().zip(y.fraction()),
    };
    if focus.is_none() {
        ctx.error(&sub("focus"), "the focus must be two percentages from 0% to 100%, each with its `%`", "write the point to keep in view as `[x%, y%]` from the photo's top-left corner, e.g. `focus: [50%, 30%]`");
    }
    let overlay = spec.overlay.as_ref().and_then(|o| {
        let color = ctx.color(&sub("overlay"), &o.color);
        if !(0.0..=1.0).contains(&o.opacity) {
            ctx.error(&sub("overlay"), format!("overlay opacity {} is out of range", o.opacity), "give an opacity from 0 (clear) to 1 (opaque), e.g. `opacity: 0.6`");
        }
        color.map(|color| Overlay { color, opacity: o.opacity.clamp(0.0, 1.0) })
    });
    if let Some(alt) = &spec.alt {
        ctx.key(&sub("alt"), alt, Want::Text);
    }
    Some(Photo { path, pixels, fit: spec.fit, focus: focus?, overlay, tones, alt: spec.alt.clone() })
}
