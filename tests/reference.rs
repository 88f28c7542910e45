//! Reference images: every page of every sample brochure in every language
//! (as the print PDF sets it, with its bleed), the A4 variant of the poster
//! and the A5 variant of the handout, and one social image per preset per
//! language, as released, and the first page and first social image of each
//! brochure and language as a draft, with the draft mark, rendered small and compared strictly with committed PNGs that a
//! person looked at: a pixel may differ by at most 2/255 in any channel, and
//! no pixel may differ by more. Enough to catch one changed digit, which
//! [`a_changed_hotline_digit_fails_every_format_and_preset`] proves on a
//! mutated copy of the sample.
//!
//! A failing image is written with a diff beside it (red where pixels
//! differ) under `target/tmp/reference/`. After an intended change, look at
//! those, then re-bless every reference with
//!
//! ```sh
//! KALEM_BLESS=1 cargo test --test reference
//! ```
//!
//! and look at the new PNGs in `tests/reference/` before committing them.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use image::codecs::png::{CompressionType, FilterType, PngEncoder};
use image::{ExtendedColorType, ImageEncoder, Rgb, RgbImage};
use kalem::export::image::render;
use kalem::layout::draft::{self, Mark};
use kalem::layout::social::{post_data, typeset_post};
use kalem::model::{Project, Selection, load_project};
use kalem::pipeline;

/// Pixels per point of a page: about 421 × 298 pixels for a tri-fold side.
const PAGE_SCALE: f64 = 0.5;
/// Pixels per point (= per social pixel) of a social image: 270 px for 1080.
const SOCIAL_SCALE: f64 = 0.25;
/// The largest difference allowed in any channel of any pixel.
const TOLERANCE: u8 = 2;

/// One rendered picture and what it shows.
struct Picture {
    /// File name in `tests/reference/`.
    name: String,
    /// The format (`a4-trifold`, …) or social preset it belongs to.
    group: String,
    /// Its language.
    lang: String,
    /// The pixels.
    image: RgbImage,
}

/// The folder of the committed references.
fn references() -> PathBuf {
    common::repo().join("tests/reference")
}

/// A copy of the sample with the A4 poster and A5 handout variants of its
/// brochures, so every format is covered.
fn sample_with_variants() -> tempfile::TempDir {
    let dir = common::sample_copy();
    let variant = |from: &str, to: &str, format: (&str, &str)| {
        let text = std::fs::read_to_string(dir.path().join("brochures").join(from)).expect("read brochure");
        assert!(text.contains(format.0), "{from} is no longer `{}`", format.0);
        std::fs::write(dir.path().join("brochures").join(to), text.replacen(format.0, format.1, 1)).expect("write variant");
    };
    variant("meeting-poster.yaml", "meeting-poster-a4.yaml", ("\nformat: a3-poster\n", "\nformat: a4-poster\n"));
    variant("training-handout.yaml", "training-handout-a5.yaml", ("\nformat: a4\n", "\nformat: a5\n"));
    dir
}

/// Renders every page of every edition and, per brochure, one image for
/// each preset its posts use (the first post that uses it), per language.
fn pictures(root: &Path) -> Vec<Picture> {
    let project = load_project(root, &Selection::default()).unwrap_or_else(|ds| panic!("sample loads: {ds:#?}"));
    let engine = pipeline::engine(&project).expect("fonts load");
    let mut pictures = Vec::new();
    for brochure in &project.brochures {
        for lang in &brochure.languages {
            let set = pipeline::typeset_edition(&engine, &common::edition(&project, brochure, lang)).unwrap_or_else(|ds| panic!("{} {lang}: {ds:#?}", brochure.id));
            for (i, page) in set.doc.pages().iter().enumerate() {
                let name = format!("{}-{lang}-{}.png", brochure.id, i + 1);
                pictures.push(Picture { name, group: brochure.format.name().into(), lang: lang.clone(), image: render(page, PAGE_SCALE, true) });
            }
            let mark = Mark::of(engine.fonts(), &common::edition(&project, brochure, lang)).expect("the fonts draw the draft mark");
            let mut first = set.doc.pages().first().expect("a page").clone();
            mark.stamp_page(&mut first, &draft::print_ink());
            let name = format!("draft-{}-{lang}-1.png", brochure.id);
            pictures.push(Picture { name, group: format!("draft {}", brochure.format.name()), lang: lang.clone(), image: render(&first, PAGE_SCALE, true) });
            pictures.extend(social_pictures(&project, &engine, brochure, lang));
        }
    }
    pictures
}

fn social_pictures(project: &Project, engine: &kalem::layout::world::Engine, brochure: &kalem::model::Brochure, lang: &str) -> Vec<Picture> {
    let mut seen = BTreeSet::new();
    let mut pictures = Vec::new();
    for post in &brochure.social {
        for preset in post.presets.iter().filter(|p| seen.insert(p.name.clone())) {
            let (data, found) = post_data(&common::edition(project, brochure, lang), engine, post, preset);
            assert!(!kalem::diag::has_errors(&found), "{} {lang}: {found:#?}", post.id);
            let doc = typeset_post(engine, &data).unwrap_or_else(|ds| panic!("{} {lang}: {ds:#?}", post.id));
            let page = doc.pages().first().expect("a post has a page");
            if pictures.is_empty() {
                let mark = Mark::of(engine.fonts(), &common::edition(project, brochure, lang)).expect("the fonts draw the draft mark");
                let mut marked = page.clone();
                mark.stamp_page(&mut marked, &draft::screen_ink());
                let name = format!("draft-{}-{}-{}-{lang}.png", brochure.id, post.id, preset.name);
                pictures.push(Picture { name, group: format!("draft social {}", preset.name), lang: lang.into(), image: render(&marked, SOCIAL_SCALE, false) });
            }
            let name = format!("{}-{}-{}-{lang}.png", brochure.id, post.id, preset.name);
            pictures.push(Picture { name, group: format!("social {}", preset.name), lang: lang.into(), image: render(page, SOCIAL_SCALE, false) });
        }
    }
    pictures
}

/// How an image differs from its reference: the pixels beyond
/// [`TOLERANCE`] and a picture of where they are.
struct Mismatch {
    pixels: usize,
    diff: RgbImage,
}

/// Compares strictly; none when every channel of every pixel is within
/// [`TOLERANCE`]. Images of different sizes differ everywhere.
fn compare(expected: &RgbImage, actual: &RgbImage) -> Option<Mismatch> {
    if expected.dimensions() != actual.dimensions() {
        return Some(Mismatch { pixels: (actual.width() * actual.height()) as usize, diff: actual.clone() });
    }
    let mut pixels = 0;
    let diff = RgbImage::from_fn(actual.width(), actual.height(), |x, y| {
        let (e, a) = (expected.get_pixel(x, y), actual.get_pixel(x, y));
        if e.0.iter().zip(a.0).any(|(p, q)| p.abs_diff(q) > TOLERANCE) {
            pixels += 1;
            Rgb([255, 0, 0])
        } else {
            // The unchanged picture, faded, so the red stands out.
            Rgb(e.0.map(|c| 191 + c / 4))
        }
    });
    (pixels > 0).then_some(Mismatch { pixels, diff })
}

/// Compares a picture with its committed reference in `folder`; the
/// message says why it does not match.
fn check(picture: &Picture, folder: &Path) -> Result<(), String> {
    let path = folder.join(&picture.name);
    let expected = image::open(&path).map_err(|e| format!("{}: no reference ({e}); bless with KALEM_BLESS=1 and look at it", picture.name))?;
    match compare(&expected.to_rgb8(), &picture.image) {
        None => Ok(()),
        Some(m) => Err(format!("{}: {} pixel(s) differ by more than {TOLERANCE}/255", picture.name, m.pixels)),
    }
}

/// Writes a failing picture and its diff (against its reference in
/// `folder`) under `target/tmp/reference/`.
fn dump(picture: &Picture, folder: &Path) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("reference");
    std::fs::create_dir_all(&dir).expect("create dump folder");
    let actual = dir.join(&picture.name);
    picture.image.save(&actual).expect("save actual");
    if let Ok(expected) = image::open(folder.join(&picture.name)) {
        if let Some(m) = compare(&expected.to_rgb8(), &picture.image) {
            m.diff.save(dir.join(picture.name.replace(".png", "-diff.png"))).expect("save diff");
        }
    }
    actual
}

/// Saves a reference PNG at the best compression, to keep the repository small.
fn save_small(image: &RgbImage, path: &Path) {
    let file = std::io::BufWriter::new(std::fs::File::create(path).expect("create reference"));
    PngEncoder::new_with_quality(file, CompressionType::Best, FilterType::Adaptive)
        .write_image(image.as_raw(), image.width(), image.height(), ExtendedColorType::Rgb8)
        .expect("save reference");
}

fn blessing() -> bool {
    std::env::var_os("KALEM_BLESS").is_some()
}

#[test]
fn every_format_language_and_preset_matches_its_reference() {
    let sample = sample_with_variants();
    let pictures = pictures(sample.path());
    let names: BTreeSet<String> = pictures.iter().map(|p| p.name.clone()).collect();
    let committed: BTreeSet<String> = std::fs::read_dir(references())
        .expect("tests/reference")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".png"))
        .collect();
    if blessing() {
        for stale in committed.difference(&names) {
            std::fs::remove_file(references().join(stale)).expect("remove stale reference");
        }
        for picture in &pictures {
            save_small(&picture.image, &references().join(&picture.name));
        }
        return;
    }
    let mut failures: Vec<String> = committed.difference(&names).map(|n| format!("{n}: no longer rendered; bless to remove it")).collect();
    for picture in &pictures {
        if let Err(why) = check(picture, &references()) {
            failures.push(format!("{why}; actual and diff: {}", dump(picture, &references()).display()));
        }
    }
    let groups: BTreeSet<&str> = pictures.iter().map(|p| p.group.as_str()).collect();
    for format in ["a4-trifold", "dl-flyer", "a3-poster", "a4-poster", "a4", "a5"] {
        assert!(groups.contains(format), "no reference covers {format}: {groups:?}");
    }
    assert!(failures.is_empty(), "{} of {} reference images differ:\n{}", failures.len(), pictures.len(), failures.join("\n"));
}

/// The comparison is strict enough to notice one digit: with the YİMER
/// hotline changed from 157 to 158 in `kalem.yaml`, some picture of every
/// format and every social preset, in every language, fails.
#[test]
fn a_changed_hotline_digit_fails_every_format_and_preset() {
    if blessing() {
        return; // the other test is rewriting the references
    }
    let sample = sample_with_variants();
    common::edit(sample.path(), "kalem.yaml", "number: \"157\"", "number: \"158\"");
    let pictures = pictures(sample.path());
    // A draft's first page is its release twin with the mark: the twin's
    // group answers for it (a handout's first page has no hotline).
    let all: BTreeSet<(&str, &str)> = pictures.iter().filter(|p| !p.group.starts_with("draft")).map(|p| (p.group.as_str(), p.lang.as_str())).collect();
    let caught: BTreeSet<(&str, &str)> = pictures.iter().filter(|p| check(p, &references()).is_err()).map(|p| (p.group.as_str(), p.lang.as_str())).collect();
    let missed: Vec<_> = all.difference(&caught).collect();
    assert!(all.len() >= 6 * 3, "too few formats and presets rendered: {all:?}");
    assert!(missed.is_empty(), "158 in place of 157 went unnoticed in {missed:?}");
}

/// The first page of `examples/national`'s tri-fold in each language the
/// sample has not (English, Russian, Dari), against `tests/reference/national/`:
/// Cyrillic and Latin text, hyphenation, Dari's words, Persian digits in
/// running text and phone numbers as dialled. Bless these alone with
/// `KALEM_BLESS=1 cargo test --test reference national`.
#[test]
fn the_national_example_in_its_new_languages_matches_its_references() {
    let folder = references().join("national");
    let root = common::repo().join("examples/national");
    let project = load_project(&root, &Selection::default()).unwrap_or_else(|ds| panic!("the example loads: {ds:#?}"));
    let engine = pipeline::engine(&project).expect("fonts load");
    let brochure = project.brochures.iter().find(|b| b.id == "human-trafficking").expect("the tri-fold");
    let mut failures = Vec::new();
    for lang in ["en", "ru", "fa-AF"] {
        let set = pipeline::typeset_edition(&engine, &common::edition(&project, brochure, lang)).unwrap_or_else(|ds| panic!("{lang}: {ds:#?}"));
        let page = set.doc.pages().first().expect("a page");
        let picture = Picture { name: format!("{}-{lang}-1.png", brochure.id), group: brochure.format.name().into(), lang: lang.into(), image: render(page, PAGE_SCALE, true) };
        if blessing() {
            std::fs::create_dir_all(&folder).expect("tests/reference/national");
            save_small(&picture.image, &folder.join(&picture.name));
        } else if let Err(why) = check(&picture, &folder) {
            failures.push(format!("{why}; actual and diff: {}", dump(&picture, &folder).display()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_comparison_allows_two_levels_and_no_more() {
    let base = RgbImage::from_pixel(4, 4, Rgb([100, 150, 200]));
    let mut faint = base.clone();
    faint.put_pixel(1, 1, Rgb([102, 148, 200]));
    assert!(compare(&base, &faint).is_none());
    let mut changed = base.clone();
    changed.put_pixel(2, 3, Rgb([100, 153, 200]));
    let mismatch = compare(&base, &changed).expect("three levels differ");
    assert_eq!(mismatch.pixels, 1);
    assert_eq!(*mismatch.diff.get_pixel(2, 3), Rgb([255, 0, 0]));
    assert!(compare(&base, &RgbImage::new(4, 5)).is_some(), "a different size differs");
}
