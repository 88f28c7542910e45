//! Hostile images: a PNG cut off in the middle, a PNG whose header claims
//! 30000 × 30000 pixels, a JPEG named `.png`, SVGs that link files outside
//! themselves or embed a pixel bomb, an XML entity bomb: each is refused
//! when the project loads, with a message naming the image and the line of
//! the brochure that places it, before typst decodes anything. An SVG with
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

#[test]
fn broken_and_oversized_raster_images_are_refused() {
    let good = png(64, 64);
    assert_eq!(load_with_image("good.png", &good), "", "a complete PNG loads");
    refused("cut.png", &good[..good.len() / 2], "is cut off");
    refused("stub.png", &good[..20], "cannot be read as an image");
    refused("huge.png", &png_header(30_000, 30_000), "is 30000 × 30000 pixels, more than the 50 million kalem decodes");
    refused("photo.png", &jpeg(), "is a JPEG file with a PNG name");
    refused("text.jpg", b"not an image at all", "cannot be read as an image");
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
