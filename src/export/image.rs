//! Raster export: typst-render draws a page (a social post at one pixel
//! per point), the premultiplied pixels are demultiplied, and the image is
//! encoded as sRGB PNG or JPEG.

use image::RgbImage;
use jpeg_encoder::{ColorType, Encoder, SamplingFactor};
use typst::utils::Scalar;
use typst_layout::Page;
use typst_render::RenderOptions;

use crate::diag::Diagnostic;
use crate::model::social::ImageFormat;

/// Renders a page at `pixel_per_pt` pixels per point, with its bleed or
/// without. The canvas is opaque (the page has a fill), so alpha is dropped
/// after demultiplying, in place: the RGB image reuses the pixmap's buffer.
pub fn render(page: &Page, pixel_per_pt: f64, bleed: bool) -> RgbImage {
    let options = RenderOptions { pixel_per_pt: Scalar::new(pixel_per_pt), render_bleed: bleed };
    let pixmap = typst_render::render(page, &options);
    let (width, height) = (pixmap.width(), pixmap.height());
    // Nearly every pixel is opaque, and an opaque pixel is its own
    // demultiplied colour; the few others are demultiplied first.
    let translucent: Vec<(usize, [u8; 3])> = pixmap
        .pixels()
        .iter()
        .enumerate()
        .filter(|(_, p)| p.alpha() != u8::MAX)
        .map(|(i, p)| {
            let c = p.demultiply();
            (i, [c.red(), c.green(), c.blue()])
        })
        .collect();
    let mut rgb = pixmap.take();
    let pixels = rgb.len() / 4;
    for i in 0..pixels {
        rgb.copy_within(4 * i..4 * i + 3, 3 * i);
    }
    rgb.truncate(3 * pixels);
    for (i, c) in translucent {
        rgb[3 * i..3 * i + 3].copy_from_slice(&c);
    }
    // The buffer has exactly width × height pixels of three bytes.
    RgbImage::from_raw(width, height, rgb).unwrap_or_else(|| unreachable!("pixmap size"))
}

/// Encodes an image: PNG with an sRGB chunk (compressed for speed), or baseline JPEG at `quality`
/// (1 to 100), whose pixels are sRGB by convention.
pub fn encode(image: &RgbImage, format: ImageFormat, quality: u8) -> Result<Vec<u8>, Diagnostic> {
    let mut bytes = Vec::new();
    let fail = |e: &dyn std::fmt::Display| Diagnostic::error(format!("cannot encode the image: {e}"));
    match format {
        ImageFormat::Png => {
            let mut encoder = png::Encoder::new(&mut bytes, image.width(), image.height());
            encoder.set_color(png::ColorType::Rgb);
            encoder.set_depth(png::BitDepth::Eight);
            encoder.set_source_srgb(png::SrgbRenderingIntent::Perceptual);
            // fdeflate: about 20 times faster than zlib's default level on
            // photos, for files about a quarter larger.
            encoder.set_compression(png::Compression::Fast);
            let mut writer = encoder.write_header().map_err(|e| fail(&e))?;
            writer.write_image_data(image.as_raw()).map_err(|e| fail(&e))?;
            writer.finish().map_err(|e| fail(&e))?;
        }
        ImageFormat::Jpeg => {
            // jpeg-encoder: about four times faster than the image crate's
            // encoder (SIMD). No chroma subsampling, so coloured text keeps
            // its edges, as before.
            let side = |v: u32| u16::try_from(v).map_err(|_| fail(&format!("{v} pixels is wider than JPEG allows (65535)")));
            let mut encoder = Encoder::new(&mut bytes, quality);
            encoder.set_sampling_factor(SamplingFactor::F_1_1);
            encoder.encode(image.as_raw(), side(image.width())?, side(image.height())?, ColorType::Rgb).map_err(|e| fail(&e))?;
        }
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn checker() -> RgbImage {
        RgbImage::from_fn(40, 30, |x, y| if (x / 5 + y / 5) % 2 == 0 { image::Rgb([0, 62, 178]) } else { image::Rgb([255, 102, 0]) })
    }

    #[test]
    fn png_round_trips_exactly_and_says_srgb() {
        let bytes = encode(&checker(), ImageFormat::Png, 90).unwrap();
        let decoded = image::load_from_memory(&bytes).unwrap().to_rgb8();
        assert_eq!(decoded, checker());
        let reader = png::Decoder::new(std::io::Cursor::new(&bytes)).read_info().unwrap();
        assert!(reader.info().srgb.is_some(), "no sRGB chunk");
    }

    #[test]
    fn jpeg_keeps_the_size_and_quality_changes_the_bytes() {
        let best = encode(&checker(), ImageFormat::Jpeg, 100).unwrap();
        let small = encode(&checker(), ImageFormat::Jpeg, 20).unwrap();
        let decoded = image::load_from_memory(&small).unwrap();
        assert_eq!((decoded.width(), decoded.height()), (40, 30));
        assert!(small.len() < best.len());
    }
}
