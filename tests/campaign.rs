//! QR codes and the funders' row on the sample: the codes on the printed
//! tri-fold and on a social image scan back to exactly their payload in
//! every language (a mirrored code would not), a code too small to scan
//! and an EU emblem under 10 mm are errors, and the EU statement and
//! disclaimer are printed in each language.

mod common;

use kalem::layout::social::{post_data, typeset_post};
use kalem::layout::walk::walk;
use kalem::model::{Selection, load_project};
use kalem::pipeline;
use typst::layout::{FrameItem, Transform};

const GOC: &str = "https://www.goc.gov.tr";
const BROCHURE: &str = "brochures/human-trafficking.yaml";
/// The resolution a printed page is scanned at: a phone camera at arm's
/// length sees about as much detail as a 300 dpi scan.
const PRINT_DPI: f64 = 300.0;

/// Renders a page at `scale` pixels per point, in grey.
fn render(page: &typst_layout::Page, scale: f64) -> image::GrayImage {
    let options = typst_render::RenderOptions { pixel_per_pt: typst::utils::Scalar::new(scale), render_bleed: false };
    let pixmap = typst_render::render(page, &options);
    let rgba = image::RgbaImage::from_fn(pixmap.width(), pixmap.height(), |x, y| {
        let c = pixmap.pixel(x, y).map(|p| p.demultiply()).unwrap();
        image::Rgba([c.red(), c.green(), c.blue(), c.alpha()])
    });
    image::DynamicImage::ImageRgba8(rgba).to_luma8()
}

/// What every QR code found in `img` decodes to, with an independent
/// decoder; panics if a code is found upright-mirrored (its first finder
/// corner must be top left).
fn scan(img: image::GrayImage) -> Vec<String> {
    let mut prepared = rqrr::PreparedImage::prepare(img);
    prepared
        .detect_grids()
        .into_iter()
        .filter_map(|g| {
            let [tl, tr, _, bl] = g.bounds;
            let decoded = g.decode().ok().map(|(_, text)| text);
            if decoded.is_some() {
                assert!(tl.x < tr.x && tl.y < bl.y, "the code is mirrored or turned: {:?}", g.bounds);
            }
            decoded
        })
        .collect()
}

#[test]
fn the_printed_code_scans_to_its_payload_in_every_language() {
    let project = load_project(&common::repo(), &Selection::default()).expect("sample loads");
    let engine = pipeline::engine(&project).expect("fonts load");
    for lang in ["tr", "ar", "fa"] {
        let edition = common::edition_of(&project, "human-trafficking", lang);
        let doc = pipeline::typeset_edition(&engine, &edition).expect("typesets").doc;
        // The outside of the sheet: the back panel's web address and the
        // flap's number to dial.
        let mut found = scan(render(&doc.pages()[0], PRINT_DPI / 72.0));
        found.sort();
        assert_eq!(found, vec![GOC.to_string(), "tel:157".to_string()], "{lang}");
    }
}

#[test]
fn the_code_on_a_social_image_scans_to_its_payload_in_every_language() {
    let project = load_project(&common::repo(), &Selection::default()).expect("sample loads");
    let engine = pipeline::engine(&project).expect("fonts load");
    for lang in ["tr", "ar", "fa"] {
        let edition = common::edition_of(&project, "human-trafficking", lang);
        let post = edition.brochure.social.iter().find(|p| p.qr.is_some()).expect("a post with a QR code");
        for preset in &post.presets {
            let (data, diagnostics) = post_data(&edition, &engine, post, preset);
            assert!(diagnostics.is_empty(), "{diagnostics:?}");
            let doc = typeset_post(&engine, &data).expect("typesets");
            assert_eq!(scan(render(&doc.pages()[0], 1.0)), vec![GOC.to_string()], "{lang} {}", preset.name);
        }
    }
}

/// Runs `kalem check` on a copy of the sample with `from` replaced by `to`
/// in the tri-fold; returns standard error after checking it failed.
fn check_fails(from: &str, to: &str) -> String {
    let dir = common::sample_copy();
    common::edit(dir.path(), BROCHURE, from, to);
    let out = common::kalem(dir.path(), &["check"]);
    let err = common::stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    err
}

#[test]
fn a_code_too_small_to_scan_is_an_error_naming_the_block() {
    let err = check_fails("- qr: https://www.goc.gov.tr\n        height: 17", "- qr: https://www.goc.gov.tr\n        height: 8");
    assert!(err.contains("QR code `https://www.goc.gov.tr` of 8 mm"), "{err}");
    assert!(err.contains("under 0.4 mm"), "{err}");
    assert!(err.contains(&format!("{BROCHURE}:")), "{err}");
    assert!(err.contains("hint: give the block `height: "), "{err}");
}

#[test]
fn an_eu_emblem_under_10_mm_is_an_error() {
    let err = check_fails("disclaimer: eu.disclaimer\n        height: 11", "disclaimer: eu.disclaimer\n        height: 9");
    assert!(err.contains("the EU emblem is 9 mm high"), "{err}");
    assert!(err.contains("at least 10 mm"), "{err}");
}

/// The logical text of every text item on a page.
fn texts(page: &typst_layout::Page) -> Vec<String> {
    let mut out = Vec::new();
    walk(&page.frame, Transform::identity(), &mut |_, item| {
        if let FrameItem::Text(t) = item {
            out.push(t.text.to_string());
        }
    });
    out
}

#[test]
fn the_eu_statement_and_disclaimer_are_printed_in_each_language() {
    let project = load_project(&common::repo(), &Selection::default()).expect("sample loads");
    let engine = pipeline::engine(&project).expect("fonts load");
    let expected = [
        ("tr", "Avrupa Birliği tarafından finanse edilmektedir", "sorumluluğu"),
        ("ar", "بتمويل من الاتحاد الأوروبي", "مسؤولية"),
        ("fa", "با حمایت مالی اتحادیهٔ اروپا", "مسئولیت"),
    ];
    for (lang, statement, word) in expected {
        let edition = common::edition_of(&project, "human-trafficking", lang);
        let doc = pipeline::typeset_edition(&engine, &edition).expect("typesets").doc;
        let printed = texts(&doc.pages()[0]);
        let joined: String = printed.concat().split_whitespace().collect();
        let wanted: String = statement.split_whitespace().collect();
        assert!(joined.contains(&wanted), "{lang}: no statement in {printed:?}");
        assert!(printed.iter().any(|t| t.contains(word)), "{lang}: no disclaimer in {printed:?}");
    }
}
