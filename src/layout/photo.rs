//! A photo background as the templates place it: the frame it fills (into
//! the bleed at sheet edges), where the whole photo lands in it after
//! cropping, and its overlay as one translucent pixel stretched over it.
//! On screens, the part that shows comes already scaled to the pixels it
//! covers ([`screen_photo_data`]).

use std::borrow::Cow;

use fast_image_resize::images::{Image, ImageRef};
use fast_image_resize::{FilterType, PixelType, ResizeAlg, ResizeOptions, Resizer};
use serde::Serialize;
use typst::foundations::Bytes;
use typst::visualize::{ExchangeFormat, RasterImage};

use super::blocks::typst_path;
use super::geometry::Rect;
use super::world::Engine;
use crate::model::colour::Colours;
use crate::model::photo::Photo;

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
    pub bytes: Bytes,
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

/// Places `photo` in `frame` (in pixels, from the origin) as
/// [`photo_data`] does, with the part that shows scaled to the whole pixels
/// it covers, with typst's filters (Catmull-Rom up, Lanczos down): the
/// renderer then draws it one to one instead of resampling the whole photo
/// at its placed size for every image. Or why the photo cannot be read.
pub fn screen_photo_data(engine: &Engine, photo: &Photo, frame: Rect, colours: &Colours) -> Result<PhotoData, String> {
    let mut data = photo_data(photo, frame, Some(colours));
    let c = data.crop;
    let (x0, y0) = (c.x.max(0.0).round(), c.y.max(0.0).round());
    let (x1, y1) = ((c.x + c.w).min(frame.w).round(), (c.y + c.h).min(frame.h).round());
    if x1 <= x0 || y1 <= y0 {
        return Ok(data);
    }
    let bytes = engine.read(&photo.path).map_err(|e| e.to_string())?;
    let format = ExchangeFormat::detect(&bytes).ok_or("is neither PNG nor JPEG")?;
    let image = RasterImage::plain(bytes, format).map_err(|e| e.to_string())?;
    let source = image.dynamic();
    let (encoding, kind, raw): (_, _, Cow<[u8]>) = match &**source {
        image::DynamicImage::ImageRgb8(rgb) => ("rgb8", PixelType::U8x3, Cow::Borrowed(rgb.as_raw())),
        image::DynamicImage::ImageRgba8(rgba) => ("rgba8", PixelType::U8x4, Cow::Borrowed(rgba.as_raw())),
        other if other.color().has_alpha() => ("rgba8", PixelType::U8x4, Cow::Owned(other.to_rgba8().into_raw())),
        other => ("rgb8", PixelType::U8x3, Cow::Owned(other.to_rgb8().into_raw())),
    };
    let src = ImageRef::new(source.width(), source.height(), &raw, kind).map_err(|e| e.to_string())?;
    // Source pixels per frame pixel, and the part of the photo that shows.
    let (sx, sy) = (f64::from(source.width()) / c.w, f64::from(source.height()) / c.h);
    let (width, height) = ((x1 - x0) as u32, (y1 - y0) as u32);
    let filter = if sx < 1.0 { FilterType::CatmullRom } else { FilterType::Lanczos3 };
    let options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(filter)).crop((x0 - c.x) * sx, (y0 - c.y) * sy, (x1 - x0) * sx, (y1 - y0) * sy);
    let mut scaled = Image::new(width, height, kind);
    Resizer::new().resize(&src, &mut scaled, &options).map_err(|e| e.to_string())?;
    data.path = format!("/.kalem/scaled{}.raw", data.path);
    data.crop = Rect { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
    data.pixels = Some(Pixels { encoding, width, height, bytes: Bytes::new(scaled.into_vec()) });
    Ok(data)
}
