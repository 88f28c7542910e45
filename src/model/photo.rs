//! Photos as backgrounds of panels and posts: how they are written, the
//! validated [`Photo`], and the one cover/contain crop every output uses.
//! A photo is never mirrored; in right-to-left editions only the frame it
//! fills moves.

use std::path::{Path, PathBuf};

use schemars::JsonSchema;
use serde::Deserialize;

use super::Cmyk;

/// A background as written: a colour name from `kalem.yaml`, or a photo.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum BackgroundSpec {
    /// A colour name, e.g. `primary`.
    Colour(String),
    /// A photo that fills the panel or post.
    Photo(PhotoSpec),
}

/// A photo background as written.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PhotoSpec {
    /// A JPEG or PNG inside the project (RGB or CMYK).
    pub image: String,
    /// `cover` (default): fill the frame, cropping what sticks out;
    /// `contain`: show the whole photo.
    #[serde(default)]
    pub fit: PhotoFit,
    /// The point of the photo cropping keeps in view, `[x%, y%]` from its
    /// top-left corner; the centre `[50%, 50%]` when left out.
    #[serde(default)]
    pub focus: Option<[Percent; 2]>,
    /// A colour laid over the photo so text on it keeps its contrast.
    #[serde(default)]
    pub overlay: Option<OverlaySpec>,
    /// Translation key of a description, for a photo behind a panel that
    /// shows something a reader needs; without one the photo is
    /// decoration (an artifact of the screen PDF). A post's photo is
    /// described by the post's `alt:`.
    #[serde(default)]
    pub alt: Option<String>,
}

/// A share as written, `30%`. A bare number is refused: `0.3` and `30`
/// would both be plausible readings of it.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Percent {
    /// A bare number, refused with a hint.
    Number(f64),
    /// Text such as `30%`.
    Text(String),
}

impl Percent {
    /// The share from 0 to 1, if it is written as a percentage from 0% to
    /// 100%.
    pub fn fraction(&self) -> Option<f64> {
        let Percent::Text(t) = self else { return None };
        let value: f64 = t.trim().strip_suffix('%')?.trim().parse().ok()?;
        (0.0..=100.0).contains(&value).then_some(value / 100.0)
    }
}

/// A colour over a photo as written.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OverlaySpec {
    /// Colour name from `kalem.yaml`.
    #[serde(alias = "colour")]
    pub color: String,
    /// From 0 (clear) to 1 (opaque).
    pub opacity: f64,
}

/// How a photo fills its frame.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum PhotoFit {
    /// Fill the frame; what sticks out is cropped around the focus.
    #[default]
    Cover,
    /// Show the whole photo, centred in the frame.
    Contain,
}

/// A colour over a photo.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Overlay {
    /// The colour.
    pub color: Cmyk,
    /// From 0 (clear) to 1 (opaque).
    pub opacity: f64,
}

/// A validated photo.
#[derive(Debug, Clone, PartialEq)]
pub struct Photo {
    /// Path relative to the project root, checked to stay inside it.
    pub path: PathBuf,
    /// Width and height in pixels.
    pub pixels: (u32, u32),
    /// How it fills its frame.
    pub fit: PhotoFit,
    /// The point kept in view, as shares of width and height.
    pub focus: (f64, f64),
    /// The colour over it, if any.
    pub overlay: Option<Overlay>,
    /// Its darkest and lightest tones (sRGB), which text on it must read
    /// against.
    pub tones: [[u8; 3]; 2],
    /// Translation key of its description, if it has one.
    pub alt: Option<String>,
}

/// Where a photo lands relative to the top-left corner of its frame, in
/// the frame's unit; parts outside the frame are clipped.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Crop {
    /// Left edge of the whole photo.
    pub x: f64,
    /// Top edge of the whole photo.
    pub y: f64,
    /// Width of the whole photo as placed.
    pub w: f64,
    /// Height of the whole photo as placed.
    pub h: f64,
}

impl Photo {
    /// Where the photo lands in a frame `w` × `h`: scaled to cover it (or
    /// to fit in it), the focus as near the frame's centre as the photo's
    /// edges allow.
    pub fn crop(&self, w: f64, h: f64) -> Crop {
        let (pw, ph) = (f64::from(self.pixels.0), f64::from(self.pixels.1));
        let scale = match self.fit {
            PhotoFit::Cover => (w / pw).max(h / ph),
            PhotoFit::Contain => (w / pw).min(h / ph),
        };
        let (cw, ch) = (pw * scale, ph * scale);
        let place = |size: f64, frame: f64, focus: f64| {
            if size > frame { (frame / 2.0 - focus * size).clamp(frame - size, 0.0) } else { (frame - size) / 2.0 }
        };
        Crop { x: place(cw, w, self.focus.0), y: place(ch, h, self.focus.1), w: cw, h: ch }
    }

    /// The effective resolution when placed by `crop` in millimetres.
    pub fn ppi(&self, crop: &Crop) -> f64 {
        f64::from(self.pixels.0) / (crop.w / 25.4)
    }
}

/// The width and height of an image as it is shown: upright, as typst
/// turns it by its EXIF orientation (a phone's portrait photo is stored
/// lying on its side), or why it cannot be read.
pub fn upright_dimensions(path: &Path) -> Result<(u32, u32), String> {
    use image::{ImageDecoder, metadata::Orientation};
    let reader = image::ImageReader::open(path).and_then(image::ImageReader::with_guessed_format).map_err(|e| e.to_string())?;
    let mut decoder = reader.into_decoder().map_err(|e| e.to_string())?;
    let (width, height) = decoder.dimensions();
    let turned = matches!(decoder.orientation(), Ok(Orientation::Rotate90 | Orientation::Rotate270 | Orientation::Rotate90FlipH | Orientation::Rotate270FlipH));
    Ok(if turned { (height, width) } else { (width, height) })
}

/// The darkest and lightest tones of an image (2nd and 98th percentile of
/// luminance, so a speck does not decide), or why it cannot be read.
pub fn tones(path: &Path) -> Result<[[u8; 3]; 2], String> {
    let image = image::open(path).map_err(|e| e.to_string())?;
    let mut pixels: Vec<[u8; 3]> = image.thumbnail(96, 96).to_rgb8().pixels().map(|p| p.0).collect();
    if pixels.is_empty() {
        return Err("has no pixels".into());
    }
    pixels.sort_by(|a, b| super::contrast::luminance(*a).total_cmp(&super::contrast::luminance(*b)));
    let at = |share: f64| pixels[((pixels.len() - 1) as f64 * share).round() as usize];
    Ok([at(0.02), at(0.98)])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn photo(pixels: (u32, u32), fit: PhotoFit, focus: (f64, f64)) -> Photo {
        Photo { path: PathBuf::from("p.jpg"), pixels, fit, focus, overlay: None, tones: [[0; 3], [255; 3]], alt: None }
    }

    #[test]
    fn cover_keeps_the_focus_in_view_and_stops_at_the_edges() {
        // 600 × 400 px into a tall 100 × 200 frame: 300 × 200 as placed.
        let centre = photo((600, 400), PhotoFit::Cover, (0.5, 0.5)).crop(100.0, 200.0);
        assert_eq!((centre.w, centre.h), (300.0, 200.0));
        assert_eq!((centre.x, centre.y), (-100.0, 0.0));
        let right = photo((600, 400), PhotoFit::Cover, (0.8, 0.5)).crop(100.0, 200.0);
        assert!(((right.x + 0.8 * 300.0) - 50.0).abs() < 1e-9, "the focus in the middle of the frame: {right:?}");
        let edge = photo((600, 400), PhotoFit::Cover, (1.0, 0.5)).crop(100.0, 200.0);
        assert_eq!(edge.x, -200.0, "never past the photo's edge");
    }

    #[test]
    fn contain_shows_all_of_it_centred() {
        let c = photo((600, 400), PhotoFit::Contain, (0.9, 0.1)).crop(100.0, 200.0);
        assert!((c.w - 100.0).abs() < 1e-9 && (c.h - 100.0 * 400.0 / 600.0).abs() < 1e-9, "{c:?}");
        assert!(c.x.abs() < 1e-9, "{c:?}");
        assert!((c.y - (200.0 - c.h) / 2.0).abs() < 1e-9);
    }

    #[test]
    fn ppi_is_of_the_cropped_printed_size() {
        // 600 px across a photo placed 300 mm wide (of which 100 show).
        let p = photo((600, 400), PhotoFit::Cover, (0.5, 0.5));
        assert!((p.ppi(&p.crop(100.0, 200.0)) - 600.0 / (300.0 / 25.4)).abs() < 1e-9);
    }

    #[test]
    fn percentages_need_their_sign() {
        assert_eq!(Percent::Text("30%".into()).fraction(), Some(0.3));
        assert_eq!(Percent::Text(" 100 %".into()).fraction(), Some(1.0));
        assert_eq!(Percent::Number(0.3).fraction(), None, "0.3 or 30 %?");
        assert_eq!(Percent::Text("30".into()).fraction(), None);
        assert_eq!(Percent::Text("120%".into()).fraction(), None);
        assert_eq!(Percent::Text("left".into()).fraction(), None);
    }
}
