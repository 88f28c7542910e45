//! QR codes as laid out in the samples: each says what it opens in text
//! beside it, and on a tall post (story, portrait, square) the code stands
//! under the headline, never above it: the viewer cannot scan the screen
//! they read the post on.

mod common;

use kalem::layout::geometry::Rect;
use kalem::layout::qr_region::{DrawnQr, drawn_codes};
use kalem::layout::social::{post_data, text_boxes, typeset_post};
use kalem::layout::typeset_edition;
use kalem::model::qr::{Expected, post_code, printed_codes};
use typst_layout::PagedDocument;

/// What a reader must find written beside a code: the number it dials or
/// the site it opens, without `www.`.
fn name(payload: &str) -> String {
    let bare = payload.trim_start_matches("tel:").trim_start_matches("https://").trim_start_matches("http://");
    bare.trim_start_matches("www.").trim_end_matches('/').to_string()
}

/// The text set within one side of the code's region above or under it,
/// or two sides beside it, without spaces.
fn text_near(doc: &PagedDocument, code: &DrawnQr) -> String {
    let r = code.region;
    let near = Rect { x: r.x - 2.0 * r.w, y: r.y - r.h, w: 5.0 * r.w, h: 3.0 * r.h };
    text_boxes(&doc.pages()[code.page])
        .into_iter()
        .filter(|b| b.bounds.x + b.bounds.w >= near.x && b.bounds.x <= near.x + near.w && b.bounds.y + b.bounds.h >= near.y && b.bounds.y <= near.y + near.h)
        .map(|b| b.text)
        .collect::<String>()
        .split_whitespace()
        .collect()
}

/// Checks that every code drawn in `doc` has its name written near it.
fn labelled(doc: &PagedDocument, wanted: &[Expected], what: &str) -> usize {
    let codes = drawn_codes(doc).expect("codes report");
    assert_eq!(codes.len(), wanted.len(), "{what}");
    for code in &codes {
        let want = wanted.iter().find(|e| e.payload.at.to_string() == code.report.source).unwrap_or_else(|| panic!("{what}: {}", code.report.source));
        let name = name(&want.payload.text);
        let near = text_near(doc, code);
        assert!(near.contains(&name), "{what}: the code of {} has no {name:?} beside it: {near}", want.place);
    }
    codes.len()
}

#[test]
fn every_sample_qr_code_says_what_it_opens_beside_it() {
    let (project, engine) = common::load_with_engine(&common::repo());
    let mut seen = 0;
    for brochure in &project.brochures {
        for lang in ["tr", "ar", "fa"] {
            let edition = common::edition(&project, brochure, lang);
            let set = typeset_edition(&engine, &edition).unwrap_or_else(|ds| panic!("{} {lang}: {}", brochure.id, common::messages(&ds)));
            seen += labelled(&set.doc, &printed_codes(brochure), &format!("{} {lang}", brochure.id));
            for post in brochure.social.iter().filter(|p| p.qr.is_some()) {
                for preset in &post.presets {
                    let (data, _) = post_data(&edition, &engine, post, preset);
                    let doc = typeset_post(&engine, &data).unwrap_or_else(|ds| panic!("{}: {}", post.id, common::messages(&ds)));
                    seen += labelled(&doc, &post_code(post).into_iter().collect::<Vec<_>>(), &format!("{} {} {lang}", post.id, preset.name));
                }
            }
        }
    }
    assert!(seen >= 3 * (4 + 6), "the samples' codes were found: {seen}");
}

#[test]
fn on_a_tall_post_the_qr_code_stands_under_the_headline() {
    let (project, engine) = common::load_with_engine(&common::repo());
    let mut tall = 0;
    for brochure in &project.brochures {
        for post in brochure.social.iter().filter(|p| p.qr.is_some()) {
            for lang in ["tr", "ar", "fa"] {
                let edition = common::edition(&project, brochure, lang);
                for preset in post.presets.iter().filter(|p| p.height >= p.width) {
                    let (data, _) = post_data(&edition, &engine, post, preset);
                    let doc = typeset_post(&engine, &data).unwrap_or_else(|ds| panic!("{}: {}", post.id, common::messages(&ds)));
                    let t = data.frames.text;
                    let boxes: Vec<_> = text_boxes(&doc.pages()[0]).into_iter().filter(|b| b.bounds.y >= t.y - 1.0 && b.bounds.y + b.bounds.h <= t.y + t.h + 1.0).collect();
                    let heading = boxes.iter().map(|b| b.size).fold(0.0, f64::max);
                    let headline_foot = boxes.iter().filter(|b| b.size > heading - 0.01).map(|b| b.bounds.y + b.bounds.h).fold(0.0, f64::max);
                    let code = drawn_codes(&doc).expect("codes report").remove(0);
                    assert!(code.region.y >= headline_foot, "{} {} {lang}: the code's top at {:.0} px, the headline's foot at {headline_foot:.0} px", post.id, preset.name, code.region.y);
                    tall += 1;
                }
            }
        }
    }
    assert!(tall >= 9, "the sample's tall posts with a code: {tall}");
}
