//! A photo as the blocks carry it: the frame it fills, where the whole
//! photo lands in it after cropping, and its overlay. Layout places it in
//! print and on screens; the site shows the same photo.

use std::sync::Arc;

use serde::Serialize;

use super::typst_path;
use crate::model::colour::Colours;
use crate::model::format::Margins;
use crate::model::photo::Photo;

/// A rectangle in mm; the origin is the top-left corner of the trim box, so
/// the bleed has negative coordinates.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Rect {
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
}

impl Rect {
    /// The rectangle shrunk by the margins: `x` left and right, `top` and
    /// `bottom`.
    pub fn inset(self, m: Margins) -> Rect {
        Rect { x: self.x + m.x, y: self.y + m.top, w: self.w - 2.0 * m.x, h: self.h - m.top - m.bottom }
    }
}

/// A placed photo, in the template's unit (mm on paper, px on screens).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PhotoData {
    /// Absolute path inside the project, as typst reads it.
    pub path: String,
    /// The frame it fills; what lies outside is clipped.
    pub frame: Rect,
    /// The whole photo, relative to the frame's top-left corner; with
    /// `pixels`, the part of it that shows.
    pub crop: Rect,
    /// The overlay as one sRGB pixel with alpha (red, green, blue,
    /// opacity, 0 to 255), if any. typst has no translucent CMYK; in print
    /// the pixel is converted to the output condition like any RGB image.
    pub overlay: Option<[u8; 4]>,
    /// The pre-scaled pixels `path` holds in memory, if any (on screens,
    /// where the overlay is then drawn as a translucent fill).
    pub pixels: Option<Pixels>,
}

/// Raw pixels as typst's `image(format: ..)` reads them; the bytes reach
/// typst as an in-memory file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pixels {
    /// `rgb8`, or `rgba8` for a photo with transparency.
    pub encoding: &'static str,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// The pixels, row by row.
    #[serde(skip)]
    pub bytes: Arc<[u8]>,
}

/// Places `photo` in `frame`; its overlay, if any, through `colours`
/// (photos without one need none).
pub fn photo_data(photo: &Photo, frame: Rect, colours: Option<&Colours>) -> PhotoData {
    let c = photo.crop(frame.w, frame.h);
    let overlay = photo.overlay.zip(colours).map(|(o, colours)| {
        let [r, g, b] = colours.srgb(o.color);
        [r, g, b, (o.opacity * 255.0).round() as u8]
    });
    PhotoData { path: typst_path(&photo.path), frame, crop: Rect { x: c.x, y: c.y, w: c.w, h: c.h }, overlay, pixels: None }
}

