//! Reference images: every page of the sample in every language, rendered
//! small and compared with committed PNGs that a person looked at. A layout
//! change shows up here; bless new references with `KALEM_BLESS=1 cargo test
//! --test reference` and look at them before committing.

mod common;

use std::path::PathBuf;

use image::{Rgba, RgbaImage};
use kalem::model::{Selection, load_project};
use kalem::pipeline;
use typst::layout::Abs;

/// Pixels per point: 0.5 gives about 430 × 306 pixels for a tri-fold side.
const SCALE: f32 = 0.5;

fn render(page: &typst_layout::Page) -> RgbaImage {
    let options = typst_render::RenderOptions { pixel_per_pt: typst::utils::Scalar::new(SCALE as f64), render_bleed: true };
    let pixmap = typst_render::render(page, &options);
    let mut img = RgbaImage::new(pixmap.width(), pixmap.height());
    for (dst, src) in img.pixels_mut().zip(pixmap.pixels()) {
        let c = src.demultiply();
        *dst = Rgba([c.red(), c.green(), c.blue(), c.alpha()]);
    }
    img
}

/// Share of pixels that differ by more than a faint anti-aliasing change.
fn differing_share(a: &RgbaImage, b: &RgbaImage) -> f64 {
    let differing = a
        .pixels()
        .zip(b.pixels())
        .filter(|(p, q)| p.0.iter().zip(q.0.iter()).any(|(x, y)| x.abs_diff(*y) > 64))
        .count();
    differing as f64 / (a.width() * a.height()) as f64
}

#[test]
fn sample_pages_match_their_reference_images() {
    let project = load_project(&common::repo(), &Selection::default()).expect("sample loads");
    let engine = pipeline::engine(&project).expect("fonts load");
    let brochure = project.brochures.iter().find(|b| b.id == "human-trafficking").expect("sample brochure");
    let bless = std::env::var_os("KALEM_BLESS").is_some();
    let mut failures = Vec::new();
    for lang in ["tr", "ar", "fa"] {
        let doc = pipeline::typeset_edition(&engine, &common::edition(&project, brochure, lang)).expect("typesets").doc;
        for (i, page) in doc.pages().iter().enumerate() {
            assert!(page.frame.width() > Abs::zero());
            let actual = render(page);
            let name = format!("human-trafficking-{lang}-{}.png", i + 1);
            let path = common::repo().join("tests/reference").join(&name);
            if bless {
                actual.save(&path).expect("save reference");
                continue;
            }
            let Ok(expected) = image::open(&path).map(|i| i.to_rgba8()) else {
                failures.push(format!("{name}: no reference; run with KALEM_BLESS=1 and look at it"));
                continue;
            };
            let share = if expected.dimensions() == actual.dimensions() { differing_share(&expected, &actual) } else { 1.0 };
            if share > 0.002 {
                let dump = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(&name);
                actual.save(&dump).ok();
                failures.push(format!("{name}: {:.2} % of pixels differ; actual image: {}", share * 100.0, dump.display()));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
