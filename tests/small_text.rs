//! The smallest text of a social image: 28 px at 1080 px wide, in
//! proportion on other widths, times the language's `text_scale`. The
//! samples meet it in every preset and language; text set smaller is a
//! `small-text` release blocker naming the post, preset, part, key and
//! language, and the image is still written.

mod common;

use std::path::PathBuf;

use kalem::diag::{Blocker, Diagnostic, Location};
use kalem::layout::social::{Range, Subject, check_post, post_data, text_boxes, typeset_post};
use kalem::model::social::Preset;
use kalem::pipeline::{self, JobReport, Mode};

use common::{load_with_engine as load, messages};

/// The errors and small-text blockers of a build.
fn findings(reports: &[JobReport]) -> Vec<Diagnostic> {
    let found = reports.iter().flat_map(|r| r.diagnostics.iter());
    found.filter(|d| d.is_error() || d.blocks() == Some(Blocker::SmallText)).cloned().collect()
}

/// A copy of the sample project whose one brochure has these posts (its
/// `social:` list starts on line 8, so the first post's id is at 8:9).
fn with_posts(languages: &str, social: &str) -> tempfile::TempDir {
    let brochure = format!("title: meta.title\nformat: a4-trifold\nlanguages: [{languages}]\npanels:\n  cover:\n    blocks: []\nsocial:\n{social}");
    common::sample_with(&brochure, &[])
}

/// The hotline post on the facebook-link preset.
fn hotline() -> String {
    format!("{}    presets: [facebook-link]\n", common::HOTLINE_POST)
}

#[test]
fn a_link_posts_every_text_is_at_least_the_floor_for_its_width_and_script() {
    // 1200 px wide: 28 × 1200 / 1080 = 31.1 px; Arabic (text_scale 1.12) 34.8 px.
    let (project, engine) = load(&common::repo());
    let brochure = project.brochures.iter().find(|b| b.id == "human-trafficking").expect("the sample brochure");
    let preset = Preset::parse("facebook-link").unwrap();
    for post in brochure.social.iter().filter(|p| p.presets.contains(&preset)) {
        for (lang, floor) in [("tr", 31.1), ("ar", 34.8), ("fa", 31.1)] {
            let edition = common::edition(&project, brochure, lang);
            let (data, _) = post_data(&edition, &engine, post, &preset);
            let document = typeset_post(&engine, &data).unwrap_or_else(|ds| panic!("{}", messages(&ds)));
            let boxes = text_boxes(&document.pages()[0]);
            let smallest = boxes.iter().min_by(|a, b| a.size.total_cmp(&b.size)).expect("text");
            assert!(smallest.size >= floor - 0.05, "{} {lang}: “{}” at {:.1} px, under {floor} px", post.id, smallest.text, smallest.size);
            let brand = boxes.iter().filter(|b| b.bounds.y > data.frames.brand.y - 1.0).map(|b| b.bounds.h).fold(0.0, f64::max);
            assert!(brand >= 0.9 * floor, "{} {lang}: the organisation line's letters are {brand:.1} px high", post.id);
            let found = check_post(&document, &data, &Subject { post, preset: &preset, slide: None, edition });
            assert!(found.is_empty(), "{}", messages(&found));
        }
    }
}

#[test]
fn text_set_under_the_floor_is_a_blocker_naming_post_preset_part_key_and_language() {
    let dir = with_posts("tr, ar", &hotline());
    let (project, engine) = load(dir.path());
    let (brochure, preset) = (&project.brochures[0], Preset::parse("facebook-link").unwrap());
    let post = &brochure.social[0];
    let edition = common::edition(&project, brochure, "ar");
    let subject = Subject { post, preset: &preset, slide: None, edition };
    let (mut data, _) = post_data(&edition, &engine, post, &preset);
    data.sizes.cta = Range { max: 12.0, min: 12.0 };
    let found = check_post(&typeset_post(&engine, &data).unwrap(), &data, &subject);
    assert_eq!(found.len(), 1, "{}", messages(&found));
    let blocker = &found[0];
    assert_eq!(blocker.blocks(), Some(Blocker::SmallText));
    assert_eq!((blocker.key.as_deref(), blocker.lang.as_deref()), (Some("social.hotline.cta"), Some("ar")));
    assert_eq!(blocker.location, Some(Location::at("brochures/test.yaml", 8, 9)), "at the post's id");
    let message = &blocker.message;
    for part in ["the call to action (`social.hotline.cta`) of post `hotline`", "12.0 px", "preset `facebook-link` (1200×630 px)", "under the 34.8 px", "text_scale 1.12"] {
        assert!(message.contains(part), "no `{part}` in: {message}");
    }
    assert!(blocker.hint.as_deref().unwrap().starts_with("shorten `social.hotline.cta` in translations/ar.yaml"), "{blocker}");

    // One blocker per image, for its smallest text, quoted whole: the
    // organisation line, then the body.
    data.sizes.brand = 10.0;
    let found = check_post(&typeset_post(&engine, &data).unwrap(), &data, &subject);
    assert_eq!(found.len(), 1, "{}", messages(&found));
    assert_eq!(found[0].key.as_deref(), Some("organisation.name"));
    let message = &found[0].message;
    assert!(message.starts_with("the organisation line (`organisation.name`) of post `hotline` is set at 10.0 px"), "{message}");
    assert!(message.ends_with("“مديرية الخدمات الاجتماعية في بلدية سِنير”"), "{message}");
    data.sizes.body = Range { max: 8.0, min: 8.0 };
    let found = check_post(&typeset_post(&engine, &data).unwrap(), &data, &subject);
    assert_eq!(found[0].key.as_deref(), Some("social.hotline.body"), "{}", messages(&found));
    assert!(found[0].message.starts_with("the text (`social.hotline.body`) of post `hotline` is set at 8.0 px"), "{}", found[0].message);
}

#[test]
fn a_number_too_long_for_its_box_is_a_blocker_and_the_image_is_still_written() {
    // A wide image with little room beside the text: the call to action's
    // column is 0.26 of the width, and fifteen digits do not fit it at the
    // floor of 33.7 px (37.7 px in Arabic).
    let post = hotline().replace("yimer157", "long").replace("    cta: social.hotline.cta\n", "").replace("facebook-link", "1300x1080");
    let dir = with_posts("tr, ar", &post);
    let config = dir.path().join("kalem.yaml");
    let long = "contacts:\n  long:\n    number: \"+90 342 000 000 000 0\"\n    name: contacts.yimer157.name\n    description: contacts.yimer157.description\n";
    std::fs::write(&config, std::fs::read_to_string(&config).unwrap().replacen("contacts:\n", long, 1)).unwrap();
    let (project, engine) = load(dir.path());
    for mode in [Mode::Check, Mode::Build] {
        let found = findings(&pipeline::social::build(&project, &engine, mode, pipeline::Status::Clean));
        assert!(found.iter().all(|d| !d.is_error()), "{}", messages(&found));
        let ar = found.iter().find(|d| d.lang.as_deref() == Some("ar")).unwrap_or_else(|| panic!("no blocker in Arabic: {}", messages(&found)));
        assert!(ar.message.starts_with("the call to action's number of post `hotline`"), "{}", ar.message);
        assert_eq!(ar.key, None, "the number is no translation");
        assert!(ar.hint.as_deref().unwrap().contains("shorter number"), "{ar}");
    }
    let image = PathBuf::from("output/test/ar/social/hotline-1300x1080.png");
    assert!(dir.path().join(image).exists(), "a blocker does not stop the image");
}

#[test]
fn no_sample_image_has_text_under_the_floor() {
    let (project, engine) = load(&common::repo());
    let found = findings(&pipeline::social::build(&project, &engine, pipeline::Mode::Check, pipeline::Status::Release));
    assert!(found.is_empty(), "{}", messages(&found));
}
