//! Hostile images: a PNG cut off in the middle, a PNG whose header claims
//! 30000 × 30000 pixels, a JPEG named `.png`, SVGs that link files outside
//! themselves or embed a pixel bomb, an XML entity bomb: each is refused
//! when the project loads, with a message naming the image and the line of
//! the brochure that places it, before typst decodes anything; so are cut
//! JPEGs, PNGs whose colour profile inflates to gigabytes or whose 16-bit
//! pixels would, and SVGs whose dashes, strokes or filters would take the
//! rasteriser minutes. An SVG with
//! a huge `viewBox` is harmless: it is scaled to its printed size.

mod common;

use std::io::Cursor;
use std::path::Path;

use kalem::model::{Selection, load_project};

const BROCHURE: &str = "brochures/human-trafficking.yaml";

/// A small, complete PNG.
fn png(width: u32, height: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(width, height, |x, y| image::Rgb([x as u8, y as u8, 128]));
    let mut bytes = Vec::new();
    img.write_to(&mut Cursor::new(&mut bytes), image::ImageFormat::Png).expect("encode png");
    bytes
}

/// A 1 × 1 PNG whose header claims `width` × `height` pixels: what a
/// decompression bomb looks like before it is decoded.
fn png_header(width: u32, height: u32) -> Vec<u8> {
    let mut bytes = png(1, 1);
    // Signature (8), IHDR length and type (8), then width and height; the
    // chunk's CRC covers type and data (17 bytes) and follows them.
    bytes[16..20].copy_from_slice(&width.to_be_bytes());
    bytes[20..24].copy_from_slice(&height.to_be_bytes());
    let crc = crc32(&bytes[12..29]);
    bytes[29..33].copy_from_slice(&crc.to_be_bytes());
    bytes
}

/// The CRC-32 of PNG chunks.
fn crc32(data: &[u8]) -> u32 {
    !data.iter().fold(!0u32, |crc, byte| (0..8).fold(crc ^ u32::from(*byte), |c, _| if c & 1 == 1 { 0xedb8_8320 ^ (c >> 1) } else { c >> 1 }))
}

fn jpeg() -> Vec<u8> {
    let img = image::RgbImage::from_pixel(16, 16, image::Rgb([200, 10, 10]));
    let mut bytes = Vec::new();
    img.write_to(&mut Cursor::new(&mut bytes), image::ImageFormat::Jpeg).expect("encode jpeg");
    bytes
}

fn svg(body: &str) -> Vec<u8> {
    format!("<svg xmlns='http://www.w3.org/2000/svg' xmlns:xlink='http://www.w3.org/1999/xlink' width='100' height='100'>{body}</svg>").into_bytes()
}

/// An SVG whose entities expand to a billion `lol`s.
fn entity_bomb() -> Vec<u8> {
    let mut dtd = String::from("<!ENTITY l0 \"lol\">");
    for i in 1..10 {
        dtd.push_str(&format!("<!ENTITY l{i} \"{}\">", format!("&l{};", i - 1).repeat(10)));
    }
    format!("<?xml version='1.0'?><!DOCTYPE svg [{dtd}]><svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'><text>&l9;</text></svg>").into_bytes()
}

/// Places `bytes` as `assets/<name>` on the cover instead of the emblem and
/// returns the errors of loading the project, as text.
fn load_with_image(name: &str, bytes: &[u8]) -> String {
    let dir = common::sample_copy();
    std::fs::write(dir.path().join("assets").join(name), bytes).expect("write image");
    common::edit(dir.path(), BROCHURE, "assets/emblem.svg", &format!("assets/{name}"));
    match load_project(dir.path(), &Selection::default()) {
        Ok(_) => String::new(),
        Err(found) => found.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"),
    }
}

/// Loads, expects one error naming the image and the brochure line placing
/// it, with `problem` in its message.
fn refused(name: &str, bytes: &[u8], problem: &str) {
    let err = load_with_image(name, bytes);
    let line = std::fs::read_to_string(common::repo().join(BROCHURE)).expect("read").lines().position(|l| l.contains("assets/emblem.svg")).expect("emblem") + 1;
    assert!(err.contains(&format!("image `assets/{name}` {problem}")), "{name}: expected `{problem}`, got:\n{err}");
    assert!(err.contains(&format!("{BROCHURE}:{line}:")), "{name}: no place:\n{err}");
    assert!(err.contains("hint:"), "{name}: no hint:\n{err}");
}

/// A PNG whose compressed pixels are damaged, with checksums that still
/// agree: only decoding the pixels finds it.
fn damaged_png() -> Vec<u8> {
    let mut bytes = png(64, 64);
    let at = bytes.windows(4).position(|w| w == b"IDAT").expect("an IDAT chunk");
    let len = u32::from_be_bytes(bytes[at - 4..at].try_into().unwrap()) as usize;
    bytes[at + 4 + len / 2..at + 4 + len / 2 + 8].fill(0xFF);
    let crc = crc32(&bytes[at..at + 4 + len]);
    bytes[at + 4 + len..at + 8 + len].copy_from_slice(&crc.to_be_bytes());
    bytes
}

#[test]
fn broken_and_oversized_raster_images_are_refused() {
    let good = png(64, 64);
    assert_eq!(load_with_image("good.png", &good), "", "a complete PNG loads");
    refused("cut.png", &good[..good.len() / 2], "is cut off");
    refused("stub.png", &good[..20], "cannot be read as an image");
    refused("huge.png", &png_header(30_000, 30_000), "is 30000 × 30000 pixels, more than the 50 million kalem decodes");
    refused("photo.png", &jpeg(), "is a JPEG file with a PNG name");
    refused("text.jpg", b"not an image at all", "cannot be read as an image");
    refused("damaged.png", &damaged_png(), "cannot be read as an image");
}

/// A 2 × 2 PNG whose iCCP chunk (colour profile) inflates to `bytes`.
fn png_with_profile(bytes: usize) -> Vec<u8> {
    let mut info = png::Info::with_size(2, 2);
    info.color_type = png::ColorType::Rgb;
    info.icc_profile = Some(vec![0u8; bytes].into());
    let mut out = Vec::new();
    let mut writer = png::Encoder::with_info(&mut out, info).expect("encoder").write_header().expect("header");
    writer.write_image_data(&[7u8; 12]).expect("data");
    writer.finish().expect("finish");
    out
}

#[test]
fn cut_off_jpegs_profile_bombs_and_deep_pixels_are_refused() {
    let noise = image::RgbImage::from_fn(256, 256, |x, y| image::Rgb([(x * 7 ^ y * 13) as u8, (x * y) as u8, (x + y) as u8]));
    let mut photo = Vec::new();
    noise.write_to(&mut Cursor::new(&mut photo), image::ImageFormat::Jpeg).expect("encode jpeg");
    assert_eq!(load_with_image("photo.jpg", &photo), "", "a complete JPEG loads");
    refused("cut.jpg", &photo[..photo.len() * 2 / 3], "is cut off");
    assert_eq!(load_with_image("profiled.png", &png_with_profile(3000)), "", "a PNG with a small profile loads");
    refused("profile.png", &png_with_profile(32 << 20), "has a colour profile (iCCP) that is broken or inflates to more than 16 MiB");
    let mut deep = png_header(7000, 7000);
    // Bit depth 16, colour type 6 (RGBA): eight bytes a pixel.
    deep[24..26].copy_from_slice(&[16, 6]);
    let crc = crc32(&deep[12..29]);
    deep[29..33].copy_from_slice(&crc.to_be_bytes());
    refused("deep.png", &deep, "is 7000 × 7000 pixels of 8 bytes each: 373 MiB decoded, more than the 96 MiB kalem decodes");
}

#[test]
fn svgs_that_would_take_forever_to_draw_are_refused() {
    let line = |attrs: &str| svg(&format!("<path d='M0 0 L100 100' stroke='red' {attrs}/>"));
    refused("dashes.svg", &line("stroke-dasharray='.00001'"), "has dashed strokes of more than 1000000 dashes");
    refused("wide.svg", &line("stroke-width='1e30'"), "has a stroke 1e28 times as wide as the picture");
    let blur = svg("<filter id='f' filterUnits='userSpaceOnUse' x='-1e6' y='-1e6' width='2e6' height='2e6'><feGaussianBlur stdDeviation='9'/></filter><rect width='9' height='9' filter='url(#f)'/>");
    refused("blur.svg", &blur, "has a filter region 20000 times the size of the picture");
}

#[test]
fn svgs_linking_files_or_bombs_are_refused() {
    for href in ["/etc/passwd", "file:///etc/passwd", "../kalem.yaml", "https://example.org/x.png"] {
        refused("link.svg", &svg(&format!("<image href='{href}' width='10' height='10'/>")), &format!("links the file `{href}`"));
    }
    refused("xlink.svg", &svg("<image xlink:href='emblem.svg' width='10' height='10'/>"), "links the file `emblem.svg`");
    refused("filter.svg", &svg("<filter id='f'><feImage href='/etc/hostname'/></filter><rect width='9' height='9' filter='url(#f)'/>"), "links the file `/etc/hostname`");
    let bomb = base64(&png_header(30_000, 30_000));
    refused("embedded.svg", &svg(&format!("<image href='data:image/png;base64,{bomb}' width='10' height='10'/>")), "embeds an image of 30000 × 30000 pixels");
    refused("laughs.svg", &entity_bomb(), "is not an SVG kalem can read");
    refused("broken.svg", b"<svg xmlns='http://www.w3.org/2000/svg'", "is not an SVG kalem can read");
    refused("deep.svg", &svg(&("<g>".repeat(100_000) + &"</g>".repeat(100_000))), "is not an SVG kalem can read");
}

/// A viewBox of 10³⁰ units is scaled to the 42 mm the cover prints it at:
/// it loads and typesets like any other picture.
#[test]
fn a_huge_viewbox_is_scaled_to_its_printed_size() {
    let huge = b"<svg xmlns='http://www.w3.org/2000/svg' width='1e9' height='1e9' viewBox='0 0 1e30 1e30'><circle cx='5e29' cy='5e29' r='4e29' fill='red'/></svg>";
    let project = common::TestProject::new("upper", &[("tr", "cover:\n  title: Başlık\n  body: Metin\n")]);
    let root = project.dir.path();
    std::fs::create_dir_all(root.join("assets")).expect("assets");
    std::fs::write(root.join("assets/huge.svg"), huge).expect("write");
    common::edit(root, "brochures/test.yaml", "      - text: cover.body\n", "      - text: cover.body\n      - image: assets/huge.svg\n        height: 20\n");
    let doc = project.typeset("tr");
    assert_eq!(doc.pages().len(), 2);
}

/// Standard base64, for a data URL.
fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..4 {
            out.push(if i <= chunk.len() { ABC[(n >> (18 - 6 * i) & 63) as usize] as char } else { '=' });
        }
    }
    out
}

#[test]
fn an_oversized_image_is_named_by_the_build_too() {
    let dir = common::sample_copy();
    std::fs::write(dir.path().join("assets/huge.png"), png_header(30_000, 30_000)).expect("write");
    common::edit(dir.path(), BROCHURE, "assets/emblem.svg", "assets/huge.png");
    let out = common::kalem(dir.path(), &["build"]);
    let err = common::stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("image `assets/huge.png` is 30000 × 30000 pixels"), "{err}");
    assert!(!Path::new(&dir.path().join("output")).exists() || common::files_below(&dir.path().join("output")).is_empty(), "{err}");
}
