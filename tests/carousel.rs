//! A carousel is one design: read from the laid-out slides of the sample's
//! carousel, in every preset and language, its heading and its body text
//! each have one size on every slide.

mod common;

use kalem::layout::social::{set_slides, text_boxes};

#[test]
fn every_slide_of_a_carousel_sets_its_heading_and_body_at_the_same_sizes() {
    let (project, engine) = common::load_with_engine(&common::repo());
    let brochure = project.brochures.iter().find(|b| b.id == "human-trafficking").expect("the tri-fold");
    let post = brochure.social.iter().find(|p| p.id == "signs").expect("the sample carousel");
    for lang in ["tr", "ar", "fa"] {
        let edition = common::edition(&project, brochure, lang);
        for preset in &post.presets {
            // (heading size, body size) of each slide, in px, from the text
            // set inside the slide's text box.
            let sizes: Vec<(f64, f64)> = set_slides(&edition, &engine, post, preset)
                .into_iter()
                .enumerate()
                .map(|(n, set)| {
                    let set = set.unwrap_or_else(|ds| panic!("{lang} {} slide {}: {}", preset.name, n + 1, common::messages(&ds)));
                    let r = set.data.frames.text;
                    let inside: Vec<f64> = text_boxes(&set.doc.pages()[0])
                        .into_iter()
                        .filter(|b| b.bounds.x >= r.x - 2.0 && b.bounds.x + b.bounds.w <= r.x + r.w + 2.0 && b.bounds.y >= r.y - 2.0 && b.bounds.y + b.bounds.h <= r.y + r.h + 2.0)
                        .map(|b| b.size)
                        .collect();
                    let largest = inside.iter().copied().fold(0.0, f64::max);
                    let smallest = inside.iter().copied().fold(f64::INFINITY, f64::min);
                    (largest, smallest)
                })
                .collect();
            assert_eq!(sizes.len(), post.slides.len(), "{lang} {}", preset.name);
            let (heading, body) = sizes[0];
            for (n, (h, b)) in sizes.iter().enumerate() {
                assert!((h - heading).abs() < 0.05, "{lang} {}: heading of slide {} is {h:.1} px, of slide 1 {heading:.1} px: {sizes:?}", preset.name, n + 1);
                assert!((b - body).abs() < 0.05, "{lang} {}: body of slide {} is {b:.1} px, of slide 1 {body:.1} px: {sizes:?}", preset.name, n + 1);
            }
            eprintln!("{lang} {}: heading {heading:.1} px, body {body:.1} px on every slide", preset.name);
        }
    }
}
