//! A photo background as the templates place it: the frame it fills (into
//! the bleed at sheet edges), where the whole photo lands in it after
//! cropping, and its overlay as one translucent pixel stretched over it.
//! On screens, the part that shows comes already scaled to the pixels it
//! covers ([`screen_photo_data`]).

use std::borrow::Cow;

use fast_image_resize::images::{Image, ImageRef};
use fast_image_resize::{FilterType, PixelType, ResizeAlg, ResizeOptions, Resizer};
use typst::visualize::{ExchangeFormat, RasterImage};

use crate::blocks::photo::{Pixels, PhotoData, Rect, photo_data};
use super::world::Engine;
use crate::model::colour::Colours;
use crate::model::photo::Photo;

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
    data.pixels = Some(Pixels { encoding, width, height, bytes: scaled.into_vec().into() });
    Ok(data)
}
