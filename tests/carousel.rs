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

/// The dots of a slide's cue, in the organisation line's box, left to
/// right: (x of the centre, diameter) in px.
fn dots(page: &typst_layout::Page, line: kalem::layout::geometry::Rect) -> Vec<(f64, f64)> {
    use typst::layout::{FrameItem, Transform};
    let mut out = Vec::new();
    kalem::layout::walk::walk(&page.frame, Transform::identity(), &mut |ts, item| {
        if let FrameItem::Shape(..) = item
            && let Some(r) = kalem::layout::bounds::ink(ts, item)
            && r.x >= line.x
            && r.x + r.w <= line.x + line.w
            && r.y >= line.y - 1.0
            && r.y + r.h <= line.y + line.h + 1.0
            && (r.w - r.h).abs() < 0.5
        {
            out.push((r.x + r.w / 2.0, r.w));
        }
    });
    out.sort_by(|a, b| a.0.total_cmp(&b.0));
    out
}

#[test]
fn the_cue_is_a_count_and_dots_that_point_nowhere() {
    let (project, engine) = common::load_with_engine(&common::repo());
    let brochure = project.brochures.iter().find(|b| b.id == "human-trafficking").expect("the tri-fold");
    let post = brochure.social.iter().find(|p| p.id == "signs").expect("the sample carousel");
    let total = post.slides.len();
    for (lang, digits) in [("tr", "0123456789"), ("ar", "٠١٢٣٤٥٦٧٨٩"), ("fa", "۰۱۲۳۴۵۶۷۸۹")] {
        let edition = common::edition(&project, brochure, lang);
        let digit = |n: usize| digits.chars().nth(n).unwrap();
        let preset = &post.presets[0];
        for (i, set) in set_slides(&edition, &engine, post, preset).into_iter().enumerate() {
            let set = set.unwrap_or_else(|ds| panic!("{lang}: {}", common::messages(&ds)));
            let page = &set.doc.pages()[0];
            let n = i + 1;
            let text: String = common::glyphs(page).into_iter().map(|g| g.2).collect();
            let count = format!("{}/{}", digit(n), digit(total));
            let count = if edition.digits() == kalem::model::Digits::Latin { format!("{n}/{total}") } else { count };
            assert!(text.contains(&count), "{lang} slide {n}: no {count} in {text}");
            // One dot a slide; the slide's own is the large one, n-th in
            // the edition's reading order.
            let found = dots(page, set.data.frames.brand);
            assert_eq!(found.len(), total, "{lang} slide {n}: {found:?}");
            let largest = found.iter().map(|d| d.1).fold(0.0, f64::max);
            let mut big: Vec<usize> = found.iter().enumerate().filter(|(_, d)| d.1 > largest - 0.5).map(|(k, _)| k + 1).collect();
            if edition.dir() == kalem::model::Direction::Rtl {
                big = big.into_iter().map(|k| total + 1 - k).collect();
            }
            assert_eq!(big, vec![n], "{lang} slide {n}: {found:?}");
            // Nothing at the edges points to a side to swipe to.
            let img = kalem::export::image::render(page, 1.0, false);
            let accent = |x: u32| {
                let [r, g, b] = img.get_pixel(x, img.height() / 2).0;
                r > 150 && g < 120 && b < 60
            };
            assert!(!accent(2) && !accent(img.width() - 3), "{lang} slide {n}: a strip at an edge points the way");
        }
    }
}
