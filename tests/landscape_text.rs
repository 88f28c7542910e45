//! Footers and calls to action on the landscape presets (facebook-link,
//! x-post, linkedin), read from the laid-out images of every sample post
//! in every language: the organisation line, the call to action's words
//! and its number are at least the readable floor of `small_text`.

mod common;

use kalem::layout::social::small_text::floor;
use kalem::layout::social::{post_data, text_boxes, typeset_post};

#[test]
fn footers_and_calls_to_action_of_landscape_posts_meet_the_floor() {
    let (project, engine) = common::load_with_engine(&common::repo());
    let mut seen = 0;
    for brochure in &project.brochures {
        for post in brochure.social.iter().filter(|p| p.slides.is_empty()) {
            for preset in post.presets.iter().filter(|p| p.width > p.height) {
                for lang in brochure.languages.iter().map(String::as_str) {
                    let edition = common::edition(&project, brochure, lang);
                    let least = floor(f64::from(preset.width), edition.language.text_scale);
                    let (data, _) = post_data(&edition, &engine, post, preset);
                    let doc = typeset_post(&engine, &data).unwrap_or_else(|ds| panic!("{}: {}", post.id, common::messages(&ds)));
                    let boxes = text_boxes(&doc.pages()[0]);
                    let within = |r: kalem::layout::geometry::Rect| {
                        boxes.iter().filter(move |b| {
                            let (x, y) = (b.bounds.x + b.bounds.w / 2.0, b.bounds.y + b.bounds.h / 2.0);
                            x >= r.x && x <= r.x + r.w && y >= r.y && y <= r.y + r.h
                        })
                    };
                    let mut parts = vec![("organisation line", data.frames.brand)];
                    parts.extend(data.frames.cta.map(|r| ("call to action", r)));
                    for (part, r) in parts {
                        let smallest = within(r).map(|b| b.size).fold(f64::INFINITY, f64::min);
                        assert!(smallest.is_finite(), "{} {} {lang}: no text in the {part}", post.id, preset.name);
                        assert!(smallest >= least - 0.05, "{} {} {lang}: the {part} at {smallest:.1} px, under the floor {least:.1} px", post.id, preset.name);
                        eprintln!("{} {} {lang}: {part} {smallest:.1} px (floor {least:.1})", post.id, preset.name);
                        seen += 1;
                    }
                }
            }
        }
    }
    assert!(seen >= 3 * 3 * 2, "landscape footers and calls to action checked: {seen}");
}
