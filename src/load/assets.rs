//! Image files checked before typst decodes them. A file that is cut off,
//! one whose pixels would not fit in memory, or an SVG that reaches for
//! files outside itself is refused here, with a message naming the asset,
//! instead of failing (or exhausting memory) deep inside typesetting.
//!
//! Raster images are decoded once their headers show they fit the limits,
//! so damaged pixel data is named here too; SVGs are parsed with the same
//! usvg typst uses, without fonts and without loading linked files.

use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;
use std::sync::{Arc, Mutex};

use image::{ImageDecoder, ImageFormat, ImageReader};

/// Largest image file kalem reads, in bytes.
pub const MAX_IMAGE_BYTES: u64 = crate::sandbox::MAX_ASSET_BYTES;

/// Most pixels a raster image may have. Decoded, each takes four bytes; an
/// A3 poster at 300 ppi needs about 17 million.
pub const MAX_PIXELS: u64 = 50_000_000;

/// Most bytes a PNG's profile and text chunks may inflate to.
const MAX_CHUNK_BYTES: usize = 16 << 20;

/// Most bytes an image's decoded pixels may take.
pub const MAX_DECODED_BYTES: u64 = 96 << 20;

/// How much of a JPEG's end is searched for its end marker (some cameras
/// append a little data after it).
const JPEG_TAIL: u64 = 4096;

/// The chunk every complete PNG file ends with: length 0, `IEND`, its CRC.
const PNG_END: [u8; 12] = [0, 0, 0, 0, b'I', b'E', b'N', b'D', 0xAE, 0x42, 0x60, 0x82];

/// Why an image is refused: what is wrong with it, and what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    /// Completes "image `path` …": lowercase, no trailing period.
    pub problem: String,
    /// What to do about it.
    pub hint: String,
}

impl Refused {
    fn new(problem: impl Into<String>, hint: impl Into<String>) -> Refused {
        Refused { problem: problem.into(), hint: hint.into() }
    }
}

/// Checks the image file at `path` (already inside the project): its size,
/// and, by its extension, that a PNG or JPEG is what it says, complete and
/// not too many pixels, or that an SVG parses and links no other file.
pub fn check_image(path: &Path) -> Result<(), Refused> {
    let meta = std::fs::metadata(path).map_err(|e| Refused::new(format!("cannot be read: {e}"), "check the file's permissions"))?;
    if !meta.is_file() {
        return Err(Refused::new("is not an ordinary file (a pipe, a device or a folder)", "replace it with the image file itself"));
    }
    let size = meta.len();
    if size > MAX_IMAGE_BYTES {
        return Err(Refused::new(
            format!("is {} MiB, more than the {} MiB kalem reads", size >> 20, MAX_IMAGE_BYTES >> 20),
            "export it smaller: 300 ppi at the printed size is enough",
        ));
    }
    let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("svg") => {
            let data = crate::sandbox::read_bytes(path, MAX_IMAGE_BYTES).map_err(|e| Refused::new(format!("cannot be read: {e}"), "check the file's permissions"))?;
            check_svg(&data)
        }
        Some("png") => check_raster(path, ImageFormat::Png),
        _ => check_raster(path, ImageFormat::Jpeg),
    }
}

/// A PNG or JPEG file: its header, its pixel count and, for PNG, its end.
fn check_raster(path: &Path, expected: ImageFormat) -> Result<(), Refused> {
    let unreadable = |e: &dyn std::fmt::Display| {
        Refused::new(format!("cannot be read as an image: {e}"), "open it in an image editor and save it again as PNG or JPEG")
    };
    let reader = ImageReader::open(path).and_then(ImageReader::with_guessed_format).map_err(|e| unreadable(&e))?;
    match reader.format() {
        Some(found) if found == expected => {}
        Some(found) => {
            let name = format!("{found:?}").to_uppercase();
            return Err(Refused::new(
                format!("is a {name} file with a {} name", format!("{expected:?}").to_uppercase()),
                "save it again as the format its name says, or rename it to the right extension",
            ));
        }
        None => return Err(unreadable(&"not a PNG or JPEG file")),
    }
    if expected == ImageFormat::Png {
        png_chunks(path)?;
    }
    let decoder = reader.into_decoder().map_err(|e| unreadable(&e))?;
    let (width, height) = decoder.dimensions();
    pixel_limit(width, height)?;
    decoded_limit(width, height, decoder.color_type())?;
    let complete = match expected {
        ImageFormat::Png => ends_with(path, &PNG_END),
        _ => jpeg_complete(path),
    };
    if !complete {
        return Err(Refused::new(
            "is cut off: the file ends before the image does",
            "copy or download the image again; the file was not saved completely",
        ));
    }
    // Damaged pixel data passes every check of the file's structure; only
    // decoding finds it, and typst's error would not name the file.
    image::DynamicImage::from_decoder(decoder).map(drop).map_err(|e| unreadable(&e))
}

/// The colour profile (iCCP) of a PNG, inflated with a memory limit: one
/// that would inflate to gigabytes is refused. (The png crate drops a
/// profile it cannot inflate; typst's decoder, without the limit, would
/// not.)
fn png_chunks(path: &Path) -> Result<(), Refused> {
    let file = File::open(path).map_err(|e| Refused::new(format!("cannot be read: {e}"), "check the file's permissions"))?;
    let decoder = png::Decoder::new_with_limits(std::io::BufReader::new(file), png::Limits { bytes: MAX_CHUNK_BYTES });
    let reader = decoder.read_info().map_err(|e| Refused::new(format!("cannot be read as an image: {e}"), "open it in an image editor and save it again as PNG or JPEG"))?;
    if reader.info().icc_profile.is_none() && has_profile(path) {
        return Err(Refused::new(
            format!("has a colour profile (iCCP) that is broken or inflates to more than {} MiB", MAX_CHUNK_BYTES >> 20),
            "save it again in an image editor with an sRGB profile, or without one",
        ));
    }
    Ok(())
}

/// Whether a PNG has an iCCP chunk before its pixels; reads chunk headers
/// only.
fn has_profile(path: &Path) -> bool {
    let Ok(mut file) = File::open(path) else { return false };
    let mut at = 8u64;
    let mut header = [0u8; 8];
    while file.seek(SeekFrom::Start(at)).is_ok() && file.read_exact(&mut header).is_ok() {
        let (length, kind) = header.split_at(4);
        match kind {
            b"iCCP" => return true,
            b"IDAT" | b"IEND" => return false,
            _ => at += 12 + u64::from(u32::from_be_bytes([length[0], length[1], length[2], length[3]])),
        }
    }
    false
}

/// Refuses images whose decoded pixels would take more than
/// [`MAX_DECODED_BYTES`]; typst holds at least four bytes a pixel.
fn decoded_limit(width: u32, height: u32, color: image::ColorType) -> Result<(), Refused> {
    let per_pixel = u64::from(color.bytes_per_pixel()).max(4);
    let bytes = u64::from(width) * u64::from(height) * per_pixel;
    if bytes > MAX_DECODED_BYTES {
        return Err(Refused::new(
            format!("is {width} × {height} pixels of {} bytes each: {} MiB decoded, more than the {} MiB kalem decodes", color.bytes_per_pixel(), bytes >> 20, MAX_DECODED_BYTES >> 20),
            "export it with 8 bits per channel, and scale it down to 300 ppi at the printed size",
        ));
    }
    Ok(())
}

/// Whether a JPEG file's end holds its end-of-image marker (compressed data
/// never contains it): a cut-off JPEG decodes with a grey band where data
/// is missing.
fn jpeg_complete(path: &Path) -> bool {
    let read = || -> std::io::Result<Vec<u8>> {
        let mut file = File::open(path)?;
        let len = file.metadata()?.len();
        file.seek(SeekFrom::Start(len.saturating_sub(JPEG_TAIL)))?;
        let mut tail = Vec::new();
        file.read_to_end(&mut tail)?;
        Ok(tail)
    };
    read().is_ok_and(|tail| tail.windows(2).any(|w| w == [0xFF, 0xD9]))
}

/// Refuses more than [`MAX_PIXELS`] pixels.
fn pixel_limit(width: u32, height: u32) -> Result<(), Refused> {
    let pixels = u64::from(width) * u64::from(height);
    if pixels > MAX_PIXELS {
        return Err(Refused::new(
            format!("is {width} × {height} pixels, more than the {} million kalem decodes", MAX_PIXELS / 1_000_000),
            "scale it down: 300 ppi at the printed size is enough (an A3 poster needs 3508 × 4961 pixels)",
        ));
    }
    Ok(())
}

/// Whether the file ends with `tail`.
fn ends_with(path: &Path, tail: &[u8]) -> bool {
    let read = || -> std::io::Result<Vec<u8>> {
        let mut file = File::open(path)?;
        file.seek(SeekFrom::End(-(tail.len() as i64)))?;
        let mut end = Vec::new();
        file.read_to_end(&mut end)?;
        Ok(end)
    };
    read().is_ok_and(|end| end == tail)
}

/// An SVG: it must parse, embedded raster images must respect the pixel
/// limit, and it must not link other files (typst would look for them in
/// the project, usvg elsewhere: either way the picture depends on a file
/// kalem does not know about).
fn check_svg(data: &[u8]) -> Result<(), Refused> {
    let linked: Mutex<Vec<String>> = Mutex::new(Vec::new());
    let embedded: Mutex<Option<Refused>> = Mutex::new(None);
    let options = usvg::Options {
        image_href_resolver: usvg::ImageHrefResolver {
            resolve_data: Box::new(|mime, bytes: Arc<Vec<u8>>, opts| {
                let size = ImageReader::new(std::io::Cursor::new(bytes.as_slice())).with_guessed_format().ok().and_then(|r| r.into_dimensions().ok());
                if let Some(Err(refused)) = size.map(|(w, h)| pixel_limit(w, h))
                    && let Ok(mut slot) = embedded.lock()
                {
                    slot.get_or_insert(Refused::new(format!("embeds an image of {}", refused.problem.trim_start_matches("is ")), refused.hint));
                }
                (usvg::ImageHrefResolver::default_data_resolver())(mime, bytes, opts)
            }),
            resolve_string: Box::new(|href, _| {
                if let Ok(mut found) = linked.lock() {
                    found.push(href.to_string());
                }
                None
            }),
        },
        ..usvg::Options::default()
    };
    let parsed = usvg::Tree::from_data(data, &options);
    drop(options);
    if let Some(href) = linked.into_inner().ok().and_then(|found| found.into_iter().next()) {
        let shown: String = href.chars().take(80).collect();
        return Err(Refused::new(
            format!("links the file `{shown}` instead of containing it"),
            "embed the linked picture in the SVG when you export it, or place it as its own image block",
        ));
    }
    if let Some(refused) = embedded.into_inner().ok().flatten() {
        return Err(refused);
    }
    let tree = parsed.map_err(|e| {
        Refused::new(format!("is not an SVG kalem can read: {}", e.to_string().to_lowercase().trim_end_matches('.')), "open it in a vector editor and export it again as plain SVG")
    })?;
    match super::svg::too_much_text(data).or_else(|| super::svg::too_costly(&tree)) {
        Some(problem) => Err(Refused::new(problem, "simplify it in a vector editor (fewer points, filters and effects; text converted to outlines), or export it as a PNG at the printed size")),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pixel_limit_allows_a_poster_and_refuses_a_bomb() {
        assert!(pixel_limit(3508, 4961).is_ok());
        let refused = pixel_limit(30_000, 30_000).unwrap_err();
        assert!(refused.problem.contains("30000 × 30000 pixels"), "{refused:?}");
    }

    #[test]
    fn svg_links_are_refused_and_plain_svg_passes() {
        let svg = |body: &str| format!("<svg xmlns='http://www.w3.org/2000/svg' xmlns:xlink='http://www.w3.org/1999/xlink' width='10' height='10'>{body}</svg>");
        assert_eq!(check_svg(svg("<rect width='5' height='5'/>").as_bytes()), Ok(()));
        for href in ["/etc/passwd", "file:///etc/passwd", "../secret.png", "https://example.org/a.png"] {
            let refused = check_svg(svg(&format!("<image href='{href}' width='5' height='5'/>")).as_bytes()).unwrap_err();
            assert!(refused.problem.contains(href), "{href}: {refused:?}");
        }
        let refused = check_svg(b"<svg").unwrap_err();
        assert!(refused.problem.starts_with("is not an SVG"), "{refused:?}");
    }
}
