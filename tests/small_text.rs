//! The smallest text of a social image: 28 px at 1080 px wide, in
//! proportion on other widths, times the language's `text_scale`. Text set
//! smaller is a `small-text` release blocker naming the post, preset,
//! part, key and language.

mod common;

use std::path::Path;

use kalem::diag::{Blocker, Diagnostic, Location};
use kalem::layout::social::{Range, Subject, check_post, post_data, typeset_post};
use kalem::layout::world::Engine;
use kalem::model::social::Preset;
use kalem::model::{Project, Selection, load_project};
use kalem::pipeline;

fn load(root: &Path) -> (Project, Engine) {
    let project = load_project(root, &Selection::default()).unwrap_or_else(|ds| panic!("{}", messages(&ds)));
    let engine = pipeline::engine(&project).unwrap();
    (project, engine)
}

fn messages(ds: &[Diagnostic]) -> String {
    ds.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n")
}

/// A copy of the sample project whose one brochure has these posts (its
/// `social:` list starts on line 8, so the first post's id is at 8:9).
fn with_posts(languages: &str, social: &str) -> tempfile::TempDir {
    let brochure = format!("title: meta.title\nformat: a4-trifold\nlanguages: [{languages}]\npanels:\n  cover:\n    blocks: []\nsocial:\n{social}");
    common::sample_with(&brochure, &[])
}

const HOTLINE: &str = "  - id: hotline
    heading: social.hotline.heading
    text: social.hotline.body
    contact: yimer157
    cta: social.hotline.cta
    image: assets/emblem.svg
    alt: social.hotline.alt
    caption: social.hotline.caption
    presets: [facebook-link]
";

#[test]
fn text_set_under_the_floor_is_a_blocker_naming_post_preset_part_key_and_language() {
    let dir = with_posts("tr, ar", HOTLINE);
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

