//! The release gate: a build with a blocker writes drafts marked on every
//! page and image (read from the pixels), `kalem release` refuses naming
//! each blocker, and a project without blockers releases clean outputs
//! with a manifest whose hashes match the files.

mod common;

use std::path::Path;

use serde_json::Value;

/// 2026-12-05, the day these tests were written: the sample meeting of
/// 2027-07-30 is ahead of it.
const TODAY: &str = "1796428800";

/// Renders a PDF's pages small with poppler and counts, per page, the
/// pixels in the draft mark's magenta.
fn marked_pixels_per_page(pdf: &Path) -> Vec<usize> {
    let dir = tempfile::tempdir().unwrap();
    let status = std::process::Command::new("pdftoppm").args(["-r", "24", "-png"]).arg(pdf).arg(dir.path().join("p")).status().expect("pdftoppm (poppler-utils) runs");
    assert!(status.success(), "pdftoppm failed on {}", pdf.display());
    let mut pages: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().path()).collect();
    pages.sort();
    pages.iter().map(|p| magenta(&image::open(p).unwrap().to_rgb8())).collect()
}

/// Pixels in the mark's magenta: strong red and blue, little green.
fn magenta(pixels: &image::RgbImage) -> usize {
    pixels.pixels().filter(|p| p[0] > 170 && p[1] < 90 && p[2] > 100 && i32::from(p[0]) - i32::from(p[1]) > 120).count()
}

/// Every print and screen PDF and social image under `output/` (not the
/// proof, which says draft in words).
fn outputs(root: &Path) -> (Vec<std::path::PathBuf>, Vec<std::path::PathBuf>) {
    let files = common::files_below(&root.join("output"));
    let pdfs = files.iter().filter(|f| f.extension().is_some_and(|e| e == "pdf") && !f.ends_with("proof.pdf")).map(|f| root.join("output").join(f)).collect();
    let images = files.iter().filter(|f| f.extension().is_some_and(|e| e == "png" || e == "jpg") && f.components().any(|c| c.as_os_str() == "social")).map(|f| root.join("output").join(f)).collect();
    (pdfs, images)
}

fn check_json(dir: &Path, epoch: &str) -> Value {
    let out = common::kalem_dated(dir, &["check", "--format", "json"], Some(epoch));
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {}", common::stderr(&out)))
}

fn blockers<'a>(json: &'a Value, kind: &str) -> Vec<&'a Value> {
    json["diagnostics"].as_array().unwrap().iter().filter(|d| d["blocker"] == kind).collect()
}

/// The sample with every placeholder replaced by a plausible real value
/// (the changed translations reviewed) and the stand-in logo's mark
/// removed.
fn finished_sample() -> tempfile::TempDir {
    let dir = common::sample_copy();
    let root = dir.path();
    for lang in ["tr", "ar", "fa"] {
        let file = format!("translations/{lang}.yaml");
        let text = std::fs::read_to_string(root.join(&file)).unwrap();
        let real = text.replace("+90 342 123 45 67", "+90 342 215 10 10").replace("destek@example.org", "destek@sinir.bel.tr").replace("www.example.org/destek", "www.sinir.bel.tr/destek");
        std::fs::write(root.join(&file), real).unwrap();
    }
    common::edit(root, "kalem.yaml", "website: www.example.org", "website: www.sinir.bel.tr");
    for lang in ["ar", "fa"] {
        let reviewed = common::kalem(root, &["translations", "review", lang, "--by", "Test"]);
        assert_eq!(reviewed.status.code(), Some(0), "{}", common::stderr(&reviewed));
    }
    for brochure in ["human-trafficking", "outreach-flyer", "training-handout"] {
        let file = format!("brochures/{brochure}.yaml");
        let text = std::fs::read_to_string(root.join(&file)).unwrap();
        std::fs::write(root.join(&file), text.replace("placeholder: true", "placeholder: false")).unwrap();
    }
    dir
}

#[test]
fn the_fresh_sample_is_a_draft_on_every_page_and_image_and_release_names_each_blocker() {
    let dir = common::sample_copy();
    let root = dir.path();
    let out = common::kalem_dated(root, &["build"], Some(TODAY));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{}", common::stderr(&out));
    assert!(stdout.contains("DRAFT:") && stdout.contains("release blocker"), "{stdout}");
    let (pdfs, images) = outputs(root);
    assert!(pdfs.len() >= 24 && images.len() > 50, "{} pdfs, {} images", pdfs.len(), images.len());
    for pdf in &pdfs {
        for (i, count) in marked_pixels_per_page(pdf).into_iter().enumerate() {
            assert!(count > 50, "page {} of {} has no draft mark ({count} px)", i + 1, pdf.display());
        }
    }
    for path in &images {
        assert!(magenta(&image::open(path).unwrap().to_rgb8()) > 500, "{} has no draft mark", path.display());
    }
    let screen = std::fs::read(root.join("output/human-trafficking/tr/human-trafficking-tr-screen.pdf")).unwrap();
    assert!(!common::logical_text(&lopdf::Document::load_mem(&screen).unwrap()).contains("TASLAK"), "the mark is not text");
    assert!(pdf_title(&screen).starts_with("TASLAK: "), "the title says draft: {}", pdf_title(&screen));
    let print = std::fs::read(root.join("output/meeting-poster/ar/meeting-poster-ar-print.pdf")).unwrap();
    assert!(String::from_utf8_lossy(&print).contains("<xmpMM:RenditionClass>draft</xmpMM:RenditionClass>"));

    let before = std::fs::read(root.join("output/human-trafficking/tr/human-trafficking-tr-print.pdf")).unwrap();
    let out = common::kalem_dated(root, &["release", "--by", "Test"], Some(TODAY));
    let err = common::stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("kalem release refused"), "{err}");
    for line in ["placeholder    translations/tr.yaml:", "`help.local` [tr]: placeholder `+90 342 123 45 67`", "placeholder    kalem.yaml `organisation.website`", "`assets/logo.svg` is marked as a placeholder"] {
        assert!(err.contains(line), "{line} missing from:\n{err}");
    }
    assert!(err.contains("what to do: replace it with the real address or number"), "{err}");
    assert!(!root.join("output/release.json").exists(), "a refused release writes no manifest");
    assert_eq!(std::fs::read(root.join("output/human-trafficking/tr/human-trafficking-tr-print.pdf")).unwrap(), before, "nor any output");
}

/// The document title from a PDF's information dictionary.
fn pdf_title(pdf: &[u8]) -> String {
    let doc = lopdf::Document::load_mem(pdf).unwrap();
    let info = doc.trailer.get(b"Info").and_then(|i| i.as_reference()).and_then(|r| doc.get_dictionary(r)).unwrap();
    lopdf::decode_text_string(info.get(b"Title").unwrap()).unwrap()
}

#[test]
fn without_blockers_release_writes_clean_outputs_and_a_manifest_that_matches_them() {
    let dir = finished_sample();
    let root = dir.path();
    let out = common::kalem_dated(root, &["release", "--by", "Ayşe Coordinator"], Some(TODAY));
    assert_eq!(out.status.code(), Some(0), "{}\n{}", common::stderr(&out), String::from_utf8_lossy(&out.stdout));
    let manifest: Value = serde_json::from_slice(&std::fs::read(root.join("output/release.json")).unwrap()).unwrap();
    assert_eq!(manifest["released_by"], "Ayşe Coordinator");
    assert_eq!(manifest["date"], "2026-12-05");
    let files = manifest["files"].as_array().unwrap();
    assert!(files.len() > 150, "{}", files.len());
    for f in files {
        let bytes = std::fs::read(root.join(f["path"].as_str().unwrap())).unwrap();
        assert_eq!(f["size"], bytes.len() as u64);
        assert_eq!(f["sha256"].as_str().unwrap(), sha256(&bytes), "{}", f["path"]);
    }
    let inputs: Vec<&str> = manifest["inputs"].as_array().unwrap().iter().map(|i| i["path"].as_str().unwrap()).collect();
    for input in ["kalem.yaml", "brochures/human-trafficking.yaml", "translations/fa.yaml", "fonts/Vazirmatn-Regular.ttf"] {
        assert!(inputs.contains(&input), "{input} not in {inputs:?}");
    }
    let (pdfs, images) = outputs(root);
    for pdf in pdfs.iter().filter(|p| p.to_string_lossy().contains("human-trafficking") || p.to_string_lossy().contains("outreach")) {
        assert!(marked_pixels_per_page(pdf).iter().all(|c| *c == 0), "{} carries a mark", pdf.display());
    }
    for path in images.iter().filter(|p| p.to_string_lossy().contains("square")) {
        assert_eq!(magenta(&image::open(path).unwrap().to_rgb8()), 0, "{} carries a mark", path.display());
    }
    let again = common::kalem_dated(root, &["release", "--by", "Ayşe Coordinator"], Some(TODAY));
    assert_eq!(again.status.code(), Some(0));
    let second: Value = serde_json::from_slice(&std::fs::read(root.join("output/release.json")).unwrap()).unwrap();
    assert_eq!(second, manifest, "the same inputs give the same manifest");
}

fn sha256(bytes: &[u8]) -> String {
    kalem::export::manifest::sha256(bytes)
}

#[test]
fn a_past_event_blocks_with_its_place_and_allow_lets_it_pass_on_purpose() {
    let dir = finished_sample();
    let root = dir.path();
    // 2027-08-01: the sample meeting of 30 July 2027 is over.
    let later = "1817078400";
    let json = check_json(root, later);
    let past = blockers(&json, "past-event");
    assert_eq!(past.len(), 1, "{json}");
    assert_eq!(past[0]["file"], "brochures/meeting-poster.yaml");
    assert!(past[0]["line"].as_u64().unwrap() > 0);
    assert!(past[0]["message"].as_str().unwrap().contains("the event of 2027-07-30 (14:00–16:30) is over before the build date 2027-08-01"), "{}", past[0]);
    assert!(past[0]["hint"].as_str().unwrap().contains("`date`"));
    let refused = common::kalem_dated(root, &["release", "--by", "T", "--brochure", "meeting-poster"], Some(later));
    assert_eq!(refused.status.code(), Some(1));
    assert!(common::stderr(&refused).contains("past-event     brochures/meeting-poster.yaml:"), "{}", common::stderr(&refused));
    let allowed = common::kalem_dated(root, &["release", "--by", "T", "--brochure", "meeting-poster", "--allow", "past-event"], Some(later));
    assert_eq!(allowed.status.code(), Some(0), "{}", common::stderr(&allowed));
    let manifest: Value = serde_json::from_slice(&std::fs::read(root.join("output/release.json")).unwrap()).unwrap();
    assert_eq!(manifest["allowed"], serde_json::json!(["past-event"]));
}

#[test]
fn a_brochure_without_the_funder_block_and_a_caption_without_the_statement_block() {
    let dir = common::sample_copy();
    let root = dir.path();
    common::edit(root, "brochures/meeting-poster.yaml", "          disclaimer: eu.disclaimer\n", "");
    common::edit(root, "translations/fa.yaml", "این برنامه با حمایت مالی اتحادیهٔ اروپا اجرا می‌شود.", "");
    let json = check_json(root, TODAY);
    let found = blockers(&json, "funding");
    let poster = found.iter().find(|d| d["message"].as_str().unwrap().contains("`meeting-poster`")).unwrap_or_else(|| panic!("{found:?}"));
    assert_eq!(poster["file"], "brochures/meeting-poster.yaml");
    assert!(poster["hint"].as_str().unwrap().contains("disclaimer: eu.disclaimer"));
    let caption = found.iter().find(|d| d["lang"] == "fa").unwrap_or_else(|| panic!("{found:?}"));
    assert_eq!(caption["file"], "translations/fa.yaml");
    assert!(caption["key"].as_str().unwrap().starts_with("social."), "{caption}");
    assert!(caption["line"].as_u64().unwrap() > 0);
}

#[test]
fn a_qr_code_without_a_label_naming_what_it_opens_blocks_per_language() {
    let brochure = "title: meta.title\nformat: dl-flyer\nlanguages: [tr, ar]\npanels:\n  front:\n    blocks:\n      - text: cover.lead\n      - qr: https://www.goc.gov.tr\n        height: 20\n";
    let dir = common::sample_with(brochure, &[]);
    let json = check_json(dir.path(), TODAY);
    let found = blockers(&json, "qr-label");
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!(found[0]["file"], "brochures/test.yaml");
    assert_eq!(found[0]["line"], 8);
    assert!(found[0]["message"].as_str().unwrap().contains("naming `goc.gov.tr`"));
    assert!(found[0]["hint"].as_str().unwrap().contains("`text:` block right before or after"));
    let labelled = brochure.replace("text: cover.lead", "text: qr.goc");
    let dir = common::sample_with(&labelled, &[]);
    assert_eq!(blockers(&check_json(dir.path(), TODAY), "qr-label").len(), 0);
}

#[test]
fn a_photo_enlarged_on_a_post_blocks() {
    let brochure = "title: meta.title\nformat: dl-flyer\nlanguages: [tr]\npanels:\n  front:\n    blocks:\n      - text: cover.lead\nsocial:\n  - id: small-photo\n    presets: [instagram-square]\n    heading: social.hotline.heading\n    text: social.hotline.body\n    background:\n      image: assets/photos/small.png\n      overlay: { color: primary, opacity: 0.8 }\n    alt: social.hotline.alt\n    caption: social.hotline.caption\n";
    let dir = common::sample_with(brochure, &[]);
    std::fs::create_dir_all(dir.path().join("assets/photos")).unwrap();
    image::RgbImage::from_fn(400, 300, |x, y| image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])).save(dir.path().join("assets/photos/small.png")).unwrap();
    let json = check_json(dir.path(), TODAY);
    let found = blockers(&json, "upscaled");
    assert_eq!(found.len(), 1, "{json}");
    assert!(found[0]["message"].as_str().unwrap().contains("post `small-photo` enlarges its 400 × 300 photo 3.6 times on instagram-square"), "{}", found[0]);
    assert_eq!(found[0]["file"], "brochures/test.yaml");
    assert!(found[0]["hint"].as_str().unwrap().contains("at least 960 px wide"), "{}", found[0]);
}
