//! Every QR code kalem draws is read back from the pixels it drew and must
//! give the payload the brochure asked for. A PDF's codes are read from
//! their regions rendered at [`PX_PER_MODULE`] pixels per module (a whole
//! A3 page at that resolution would cost seconds); a social image's from
//! the image itself, before it is encoded. The decoder is `rqrr`, a pure
//! Rust port of quirc that is independent of the `qrcode` crate kalem
//! encodes with, so an encoding fault is not hidden by its own mirror
//! image.

use image::RgbImage;
use typst_layout::PagedDocument;

use super::image::render;
use crate::diag::{Diagnostic, Diagnostics};
use crate::layout::qr_region::{DrawnQr, drawn_codes, region_page};
use crate::model::qr::Expected;

/// Pixels per module a PDF's codes are rendered at; decoders want at least
/// four.
pub const PX_PER_MODULE: f64 = 6.0;

/// The codes an output must show, and how to name it.
#[derive(Debug, Clone, PartialEq)]
pub struct QrCheck {
    /// The output, as messages name it: "the print PDF of
    /// `human-trafficking`".
    pub output: String,
    /// Its language.
    pub lang: String,
    /// The codes the brochure asks for, from the model.
    pub codes: Vec<Expected>,
}

/// What one drawn code read as.
#[derive(Debug, Clone, PartialEq)]
pub struct Read {
    /// Page index, from 0.
    pub page: usize,
    /// Where the brochure asks for it, as the template reported.
    pub source: String,
    /// Its text; none when no code could be read.
    pub text: Option<String>,
    /// Whether its first finder pattern is at the top left, as printed
    /// codes must be (a mirrored code reads in some apps, not in others).
    pub upright: bool,
}

/// Reads every code of `doc`, each from its region rendered alone.
pub fn read_qr_codes(doc: &PagedDocument) -> Result<Vec<Read>, Diagnostic> {
    let codes = drawn_codes(doc)?;
    Ok(codes
        .iter()
        .filter_map(|code| {
            let page = doc.pages().get(code.page)?;
            let scale = PX_PER_MODULE * code.report.modules as f64 / code.region.w;
            Some(read(code, &render(&region_page(page, code), scale, false)))
        })
        .collect())
}

/// Reads every code of the one-page `doc` from `pixels`, the page as
/// rendered at `pixel_per_pt`.
pub fn read_qr_pixels(doc: &PagedDocument, pixels: &RgbImage, pixel_per_pt: f64) -> Result<Vec<Read>, Diagnostic> {
    let px = |pt: f64, max: u32| ((pt * pixel_per_pt).round().max(0.0) as u32).min(max);
    Ok(drawn_codes(doc)?
        .iter()
        .filter(|code| code.page == 0)
        .map(|code| {
            let r = code.region;
            let (x0, y0) = (px(r.x, pixels.width()), px(r.y, pixels.height()));
            let (x1, y1) = (px(r.x + r.w, pixels.width()), px(r.y + r.h, pixels.height()));
            read(code, &image::imageops::crop_imm(pixels, x0, y0, x1 - x0, y1 - y0).to_image())
        })
        .collect())
}

/// Checks the codes of `doc` against `want`, rendering each code's region.
pub fn verify_qr_codes(doc: &PagedDocument, want: &QrCheck) -> Diagnostics {
    compare(want, read_qr_codes(doc))
}

/// Checks the codes of the one-page `doc`, rendered at `pixel_per_pt` as
/// `pixels`, against `want`.
pub fn verify_qr_pixels(doc: &PagedDocument, pixels: &RgbImage, pixel_per_pt: f64, want: &QrCheck) -> Diagnostics {
    compare(want, read_qr_pixels(doc, pixels, pixel_per_pt))
}

/// What the code in `pixels` (its region) reads as.
fn read(code: &DrawnQr, pixels: &RgbImage) -> Read {
    let grey = |x: usize, y: usize| {
        let [r, g, b] = pixels.get_pixel(x as u32, y as u32).0.map(f64::from);
        (0.2126 * r + 0.7152 * g + 0.0722 * b).round() as u8
    };
    let mut prepared = rqrr::PreparedImage::prepare_from_greyscale(pixels.width() as usize, pixels.height() as usize, grey);
    let found = prepared.detect_grids().into_iter().find_map(|grid| {
        let [tl, tr, _, bl] = grid.bounds;
        grid.decode().ok().map(|(_, text)| (text, tl.x < tr.x && tl.y < bl.y))
    });
    let (text, upright) = found.map_or((None, true), |(t, u)| (Some(t), u));
    Read { page: code.page, source: code.report.source.clone(), text, upright }
}

/// An error for every code of `want` that is missing, unreadable, reads
/// otherwise or is turned, and for every code nothing asked for.
fn compare(want: &QrCheck, read: Result<Vec<Read>, Diagnostic>) -> Diagnostics {
    let read = match read {
        Ok(read) => read,
        Err(d) => return vec![d.lang(want.lang.as_str())],
    };
    let hint = "kalem reads every code back from the pixels it drew and wrote nothing for this output: look for anything that overlaps the code; if nothing does, please report it with this brochure";
    let output = &want.output;
    let mut found = Vec::new();
    for code in &want.codes {
        let (place, asked) = (&code.place, &code.payload.text);
        let source = code.payload.at.to_string();
        let drawn: Vec<&Read> = read.iter().filter(|r| r.source == source).collect();
        let mut problems: Vec<String> = drawn
            .iter()
            .filter_map(|r| match &r.text {
                None => Some(format!("no QR code could be read back from `{place}` in {output}, where `{asked}` was asked for")),
                Some(text) if text != asked => Some(format!("the QR code `{place}` in {output} reads `{text}` where `{asked}` was asked for")),
                Some(_) if !r.upright => Some(format!("the QR code `{place}` in {output} is drawn mirrored or turned")),
                Some(_) => None,
            })
            .collect();
        if drawn.is_empty() {
            problems.push(format!("the QR code `{place}` is missing from {output}, where `{asked}` was asked for"));
        }
        found.extend(problems.into_iter().map(|m| Diagnostic::error(m).at(code.payload.at.clone()).lang(want.lang.as_str()).hint(hint)));
    }
    for r in read.iter().filter(|r| !want.codes.iter().any(|c| c.payload.at.to_string() == r.source)) {
        let text = r.text.as_deref().unwrap_or("nothing readable");
        found.push(Diagnostic::error(format!("{output} shows a QR code on page {} that no `qr:` asks for (it reads `{text}`)", r.page + 1)).lang(want.lang.as_str()).hint(hint));
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Location;
    use crate::layout::geometry::Rect;
    use crate::layout::probe::QrReport;
    use crate::model::qr::{Payload, encode};

    const GOC: &str = "https://www.goc.gov.tr";

    /// `payload` drawn black on white at `px` pixels per module, mirrored
    /// left to right if asked.
    fn drawn(payload: &str, px: u32, mirrored: bool) -> RgbImage {
        let m = encode(payload, 100.0, 0.1).unwrap();
        let side = m.modules as u32 * px;
        RgbImage::from_fn(side, side, |x, y| {
            let (col, row) = (((if mirrored { side - 1 - x } else { x }) / px) as usize, (y / px) as usize);
            let dark = m.runs.iter().any(|&[x0, y0, len]| y0 == row && (x0..x0 + len).contains(&col));
            image::Rgb(if dark { [0; 3] } else { [255; 3] })
        })
    }

    fn code(source: &str) -> DrawnQr {
        DrawnQr { page: 0, nth: 0, region: Rect { x: 0.0, y: 0.0, w: 1.0, h: 1.0 }, report: QrReport { source: source.into(), modules: 1, side: 1.0 } }
    }

    fn check(asked: &str) -> QrCheck {
        let at = Location::at("brochures/b.yaml", 35, 9);
        let codes = vec![Expected { place: "panels.back.qr".into(), payload: Payload { text: asked.into(), at } }];
        QrCheck { output: "the print PDF of `b`".into(), lang: "ar".into(), codes }
    }

    #[test]
    fn a_drawn_qr_code_reads_back_upright_or_mirrored() {
        let upright = read(&code("s"), &drawn(GOC, 4, false));
        assert_eq!((upright.text.as_deref(), upright.upright), (Some(GOC), true));
        let mirrored = read(&code("s"), &drawn(GOC, 4, true));
        assert!(mirrored.text.is_none() || !mirrored.upright, "{mirrored:?}");
        assert_eq!(read(&code("s"), &RgbImage::from_pixel(40, 40, image::Rgb([255; 3]))).text, None);
    }

    #[test]
    fn a_qr_code_that_reads_otherwise_names_place_source_language_and_both_payloads() {
        let read = |text: Option<&str>, source: &str| Read { page: 0, source: source.into(), text: text.map(Into::into), upright: true };
        let want = check(GOC);
        assert!(compare(&want, Ok(vec![read(Some(GOC), "brochures/b.yaml:35:9")])).is_empty());
        let found = compare(&want, Ok(vec![read(Some("https://evil.example"), "brochures/b.yaml:35:9")]));
        let [d] = found.as_slice() else { panic!("{found:?}") };
        assert_eq!(d.message, format!("the QR code `panels.back.qr` in the print PDF of `b` reads `https://evil.example` where `{GOC}` was asked for"));
        assert_eq!((d.location.as_ref().map(ToString::to_string), d.lang.as_deref()), (Some("brochures/b.yaml:35:9".into()), Some("ar")));
        let unreadable = compare(&want, Ok(vec![read(None, "brochures/b.yaml:35:9")]));
        assert!(unreadable[0].message.starts_with("no QR code could be read back from `panels.back.qr`"), "{unreadable:?}");
        let stray = compare(&want, Ok(vec![read(Some("tel:157"), "elsewhere")]));
        let messages: Vec<&str> = stray.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(messages, [
            format!("the QR code `panels.back.qr` is missing from the print PDF of `b`, where `{GOC}` was asked for").as_str(),
            "the print PDF of `b` shows a QR code on page 1 that no `qr:` asks for (it reads `tel:157`)",
        ]);
    }
}
