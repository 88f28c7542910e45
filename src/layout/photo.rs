//! A photo background as the templates place it: the frame it fills (into
//! the bleed at sheet edges), where the whole photo lands in it after
//! cropping, and its overlay as one translucent pixel stretched over it.

use serde::Serialize;

use super::blocks::typst_path;
use super::geometry::Rect;
use crate::model::colour::Colours;
use crate::model::photo::Photo;

/// A placed photo, in the template's unit (mm on paper, px on screens).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PhotoData {
    /// Absolute path inside the project, as typst reads it.
    pub path: String,
    /// The frame it fills; what lies outside is clipped.
    pub frame: Rect,
    /// The whole photo, relative to the frame's top-left corner.
    pub crop: Rect,
    /// The overlay as one sRGB pixel with alpha (red, green, blue,
    /// opacity, 0 to 255), if any. typst has no translucent CMYK; in print
    /// the pixel is converted to the output condition like any RGB image.
    pub overlay: Option<[u8; 4]>,
}

/// Places `photo` in `frame`; its overlay, if any, through `colours`
/// (photos without one need none).
pub fn photo_data(photo: &Photo, frame: Rect, colours: Option<&Colours>) -> PhotoData {
    let c = photo.crop(frame.w, frame.h);
    let overlay = photo.overlay.zip(colours).map(|(o, colours)| {
        let [r, g, b] = colours.srgb(o.color);
        [r, g, b, (o.opacity * 255.0).round() as u8]
    });
    PhotoData { path: typst_path(&photo.path), frame, crop: Rect { x: c.x, y: c.y, w: c.w, h: c.h }, overlay }
}
