//! Captions over a platform's limit: a release blocker that names the post,
//! the platform, the count and the limit at the caption's line, and the
//! caption written all the same.

mod common;

use serde_json::Value;

/// An Arabic sentence with nothing that X weighs 2 (no URL, emoji or
/// character above U+10FF), so its X count is its number of characters.
const SENTENCE: &str = "الاتجار بالبشر جريمة والضحايا ليسوا مجرمين. ";

/// A one-brochure copy of the sample whose post `long` is built for X, with
/// `caption` as its Arabic caption (key `test.caption`); and the caption
/// key's line in `translations/ar.yaml`.
fn project(caption: &str) -> (tempfile::TempDir, usize) {
    let brochure = "title: meta.title\nformat: a4-trifold\nlanguages: [ar]\npanels:\n  cover:\n    blocks: []\nsocial:\n  - id: long\n    presets: [x-post]\n    heading: social.hotline.heading\n    alt: social.hotline.alt\n    caption: test.caption\n";
    let dir = common::sample_with(brochure, &[("ar", format!("test:\n  caption: \"{caption}\"\n"))]);
    let source = std::fs::read_to_string(dir.path().join("translations/ar.yaml")).expect("ar.yaml");
    let line = source.lines().position(|l| l.starts_with("  caption: \"الاتجار")).expect("the caption's line") + 1;
    (dir, line)
}

#[test]
fn a_caption_over_x_limit_blocks_release_at_its_line_and_is_still_written() {
    let caption = SENTENCE.repeat(7).trim().to_string();
    let count = caption.chars().count();
    assert!(count > 280, "the test caption must be over X's limit: {count}");
    let (dir, line) = project(&caption);

    let out = common::kalem(dir.path(), &["check", "--format", "json"]);
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let json: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}):\n{text}"));
    let blockers: Vec<&Value> = json["diagnostics"].as_array().expect("diagnostics").iter().filter(|d| d["blocker"] == "caption-length").collect();
    assert_eq!(blockers.len(), 1, "{json:#}");
    let blocker = blockers[0];
    assert_eq!(blocker["message"], format!("caption of post `long` is {count} of X's 280 (weighted as X counts)"));
    assert!(blocker["file"].as_str().is_some_and(|f| f.ends_with("translations/ar.yaml")), "{blocker}");
    assert_eq!(blocker["line"], line);
    assert_eq!(blocker["key"], "test.caption");
    assert_eq!(blocker["lang"], "ar");
    let hint = blocker["hint"].as_str().expect("a hint");
    assert!(hint.contains(&format!("shorten it by {}", count - 280)) && hint.contains("x-post"), "{hint}");

    let out = common::kalem(dir.path(), &["build"]);
    let stderr = common::stderr(&out);
    assert!(stderr.contains("blocker (caption-length)") || stderr.contains("blocker: caption-length"), "{stderr}");
    let written = std::fs::read_to_string(dir.path().join("output/test/ar/social/long.caption.txt")).expect("the caption is written");
    assert_eq!(written, format!("{caption}\n"));
}

#[test]
fn a_caption_within_the_limit_has_no_blocker() {
    let caption = SENTENCE.repeat(6);
    assert!(caption.trim().chars().count() <= 280);
    let (dir, _) = project(caption.trim());
    let out = common::kalem(dir.path(), &["check", "--format", "json"]);
    let json: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let blockers = json["diagnostics"].as_array().expect("diagnostics").iter().filter(|d| d["blocker"] == "caption-length").count();
    assert_eq!(blockers, 0, "{json:#}");
}

/// The bidi marks in `text`.
fn marks(text: &str) -> usize {
    text.chars().filter(|&c| matches!(c, '\u{200E}' | '\u{200F}' | '\u{2066}'..='\u{2069}')).count()
}

#[test]
fn the_sample_captions_and_alt_texts_carry_fewer_marks_than_one_isolate_per_unit() {
    use kalem::export::caption::plain_text;
    use kalem::blocks::texts::Texts;
    use kalem::model::{Selection, load_project};

    let project = load_project(&common::repo(), &Selection::default()).unwrap_or_else(|ds| panic!("{ds:?}"));
    let (mut isolated, mut kept) = (0, 0);
    for brochure in &project.brochures {
        for lang in ["ar", "fa"].into_iter().filter(|l| brochure.languages.iter().any(|b| b == l)) {
            let edition = common::edition(&project, brochure, lang);
            for post in &brochure.social {
                let keys = std::iter::once(&post.caption).chain(std::iter::once(&post.alt)).chain(post.slides.iter().map(|s| &s.alt));
                for key in keys {
                    let runs = Texts::unset(edition).runs(key, None);
                    // What every left-to-right unit cost before: LRI and PDI.
                    let before = 2 * runs.iter().filter(|r| r.is_unit() && !r.joined).count();
                    let after = marks(&plain_text(&runs, edition.dir()));
                    eprintln!("{}/{lang}/{}: {key}: {before} → {after}", brochure.id, post.id);
                    assert!(after <= before, "{key} in {lang}");
                    (isolated, kept) = (isolated + before, kept + after);
                }
            }
        }
    }
    eprintln!("marks in the samples' Arabic and Farsi captions and alt texts: {isolated} → {kept}");
    assert!(kept < isolated, "{isolated} → {kept}");
}
