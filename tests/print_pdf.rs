//! The print and screen PDFs of the sample brochure, read back with lopdf:
//! PDF/X-4 structure, boxes, colour (no RGB colour space declared in any
//! sample print PDF), the printing condition's output intent,
//! determinism, and the build failing on an image too coarse to print.

mod common;

use std::path::PathBuf;
use std::process::Command;

use kalem::export::inspect::{Report, inspect};
use kalem::model::{Selection, load_project};
use kalem::model::Project;
use kalem::pipeline::{self, PrintSetup, Rendered};
use lopdf::{Document, Object};

const LANGS: [&str; 3] = ["tr", "ar", "fa"];

fn render_all(project: &Project, setup: &PrintSetup) -> Vec<(String, Rendered)> {
    let engine = pipeline::engine(project).expect("fonts");
    let brochure = &project.brochures[0];
    LANGS
        .iter()
        .map(|lang| {
            let (edition, diagnostics) = pipeline::render_edition(&engine, setup, &common::edition(project, brochure, lang), pipeline::Status::Release);
            let edition = edition.unwrap_or_else(|| panic!("{lang}: {diagnostics:?}"));
            (lang.to_string(), edition)
        })
        .collect()
}

fn sample() -> (Project, PrintSetup) {
    let project = load_project(&common::repo(), &Selection::default()).expect("the sample project loads");
    let mut setup = pipeline::print_setup(&project).expect("the output profile loads");
    setup.date = Some(kalem::export::stamp::Stamp(1_767_225_600));
    (project, setup)
}

fn xmp(bytes: &[u8]) -> String {
    let doc = Document::load_mem(bytes).unwrap();
    let id = doc.catalog().unwrap().get(b"Metadata").unwrap().as_reference().unwrap();
    let stream = doc.get_object(id).unwrap().as_stream().unwrap();
    String::from_utf8(stream.content.clone()).unwrap()
}

/// The output intent's identifier, condition, registry and embedded
/// profile, read back with lopdf.
fn intent_of(pdf: &[u8]) -> (String, String, String, Vec<u8>) {
    let doc = Document::load_mem(pdf).unwrap();
    let intents = doc.catalog().unwrap().get(b"OutputIntents").unwrap().as_array().unwrap();
    let intent = doc.get_dictionary(intents[0].as_reference().unwrap()).unwrap();
    let text = |key: &[u8]| String::from_utf8(intent.get(key).unwrap().as_str().unwrap().to_vec()).unwrap();
    let profile = doc.get_object(intent.get(b"DestOutputProfile").unwrap().as_reference().unwrap()).unwrap().as_stream().unwrap();
    (text(b"OutputConditionIdentifier"), text(b"OutputCondition"), text(b"RegistryName"), profile.decompressed_content().unwrap_or_else(|_| profile.content.clone()))
}

/// What the FOGRA39 intent must say, with the shipped profile's bytes.
fn fogra39_intent() -> (String, String, String, Vec<u8>) {
    let profile = std::fs::read(common::repo().join("assets/print/fogra39-output-intent.icc")).unwrap();
    let condition = "Offset printing, ISO 12647-2:2004/Amd 1, paper type 1 or 2 (coated), FOGRA39";
    ("FOGRA39".into(), condition.into(), "http://www.color.org".into(), profile)
}

/// Every RGB colour space a PDF declares, used or not: the entries of each
/// page's `/Resources /ColorSpace`, and anywhere in the file a
/// `/DeviceRGB` or `/CalRGB`, or an ICC profile stream with `/N 3`.
fn declared_rgb(pdf: &[u8]) -> Vec<String> {
    let doc = Document::load_mem(pdf).unwrap();
    let mut found = Vec::new();
    for (number, page) in doc.get_pages() {
        let (inline, ids) = doc.get_page_resources(page).unwrap();
        let dicts = inline.into_iter().cloned().chain(ids.into_iter().filter_map(|id| doc.get_dictionary(id).ok().cloned()));
        for resources in dicts {
            let Ok(spaces) = resources.get(b"ColorSpace").and_then(|o| doc.dereference(o)).and_then(|(_, o)| o.as_dict()) else { continue };
            for (name, space) in spaces.iter() {
                let space = doc.dereference(space).map(|(_, o)| o.clone()).unwrap_or(Object::Null);
                let family = space.as_name().ok().or_else(|| space.as_array().ok()?.first()?.as_name().ok()).unwrap_or_default();
                let icc = space.as_array().ok().and_then(|a| doc.dereference(a.get(1)?).ok()?.1.as_stream().ok()?.dict.get(b"N").ok()?.as_i64().ok());
                if family == b"DeviceRGB" || family == b"CalRGB" || (family == b"ICCBased" && icc == Some(3)) {
                    found.push(format!("page {number}: /{} {space:?}", String::from_utf8_lossy(name)));
                }
            }
        }
    }
    fn scan(object: &Object, at: &str, found: &mut Vec<String>) {
        match object {
            Object::Name(n) if n == b"DeviceRGB" || n == b"CalRGB" => found.push(format!("{at}: /{}", String::from_utf8_lossy(n))),
            Object::Array(items) => items.iter().for_each(|o| scan(o, at, found)),
            Object::Dictionary(d) => d.iter().for_each(|(_, o)| scan(o, at, found)),
            Object::Stream(s) => {
                if s.dict.get(b"N").and_then(Object::as_i64).is_ok_and(|n| n == 3) {
                    found.push(format!("{at}: an ICC stream with /N 3"));
                }
                s.dict.iter().for_each(|(_, o)| scan(o, at, found));
            }
            _ => {}
        }
    }
    for (id, object) in &doc.objects {
        scan(object, &format!("object {} {}", id.0, id.1), &mut found);
    }
    found
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 0.05
}

#[test]
fn print_pdfs_are_pdfx4_with_boxes_intent_metadata_and_k_only_text() {
    let (project, setup) = sample();
    for (lang, edition) in render_all(&project, &setup) {
        let report: Report = inspect(&edition.print).unwrap();
        let errors: Vec<_> = report.problems().into_iter().filter(|d| d.is_error()).collect();
        assert!(errors.is_empty(), "{lang}: {errors:?}");
        assert_eq!(report.version, "1.6", "{lang}");
        assert_eq!(report.pdfx.as_deref(), Some("PDF/X-4"));
        assert_eq!(report.trapped.as_deref(), Some("False"));
        assert_eq!(report.pages.len(), 2);
        for page in &report.pages {
            let trim = page.trim.expect("trim box");
            let bleed = page.bleed.expect("bleed box");
            assert!(close(trim[2] - trim[0], 297.0) && close(trim[3] - trim[1], 210.0), "{lang}: trim {trim:?}");
            for k in 0..2 {
                assert!(close(trim[k] - bleed[k], 3.0) && close(bleed[k + 2] - trim[k + 2], 3.0), "{lang}: bleed {bleed:?}");
                assert!(bleed[k] - page.media[k] >= 5.0 && page.media[k + 2] - bleed[k + 2] >= 5.0, "{lang}: no slug for marks");
            }
            assert_eq!(page.annotations, 0);
        }
        let intent = &report.intents[0];
        assert_eq!((intent.subtype.as_str(), intent.condition.as_str(), intent.channels), ("GTS_PDFX", "FOGRA39", Some(4)));
        assert_eq!(intent_of(&edition.print), fogra39_intent(), "{lang}");
        assert!(report.fonts.len() >= 2 && report.fonts.iter().all(|f| f.embedded), "{lang}: {:?}", report.fonts);
        assert!(report.painting.text_colors.contains("DeviceCMYK 0 0 0 1"), "{lang}: body text is 100 % K");
        assert!(report.painting.text_colors.iter().all(|c| c.starts_with("DeviceCMYK")), "{lang}: {:?}", report.painting.text_colors);
        assert!(!report.painting.color_spaces.contains("DeviceRGB") && !report.painting.color_spaces.contains("DeviceGray"));
        assert!(report.declared_spaces.is_empty(), "{lang}: {:?}", report.declared_spaces);
        assert!(!report.scripts && !report.encrypted && report.links.is_empty());

        let xmp = xmp(&edition.print);
        for key in ["xmpMM:DocumentID>uuid:", "xmpMM:InstanceID>uuid:", "xmpMM:VersionID>", "xmpMM:RenditionClass>default", "xmp:CreateDate>2026-01-01T00:00:00Z"] {
            assert!(xmp.contains(key), "{lang}: xmp lacks {key}");
        }
        assert!(xmp.contains(&format!(r#"<rdf:li xml:lang="{lang}">{}</rdf:li>"#, report.title.as_deref().unwrap())), "{lang}: dc:title in its language");
    }
}

#[test]
fn no_sample_print_pdf_declares_an_rgb_colour_space() {
    let (project, setup) = sample();
    let engine = pipeline::engine(&project).expect("fonts");
    for brochure in &project.brochures {
        for lang in &brochure.languages {
            let (edition, diagnostics) = pipeline::render_edition(&engine, &setup, &common::edition(&project, brochure, lang), pipeline::Status::Release);
            let edition = edition.unwrap_or_else(|| panic!("{}-{lang}: {diagnostics:?}", brochure.id));
            assert_eq!(declared_rgb(&edition.print), Vec::<String>::new(), "{}-{lang}", brochure.id);
            assert!(!declared_rgb(&edition.screen).is_empty(), "{}-{lang}: the check sees the screen pdf's RGB", brochure.id);
        }
    }
}

#[test]
fn preflight_reports_an_rgb_colour_space_a_print_pdf_declares_unused() {
    let (project, setup) = sample();
    let engine = pipeline::engine(&project).expect("fonts");
    let (edition, found) = pipeline::render_edition(&engine, &setup, &common::edition(&project, &project.brochures[0], "tr"), pipeline::Status::Release);
    let mut doc = Document::load_mem(&edition.unwrap_or_else(|| panic!("{found:?}")).print).unwrap();
    // What typst declares on every page: an ICC RGB space nothing uses.
    let icc = doc.add_object(lopdf::Stream::new(lopdf::dictionary! { "N" => 3 }, Vec::new()));
    let page = *doc.get_pages().get(&1).unwrap();
    let resources = doc.get_dictionary(page).unwrap().get(b"Resources").unwrap().as_reference().unwrap();
    doc.get_dictionary_mut(resources).unwrap().set("ColorSpace", lopdf::dictionary! { "c1" => vec![Object::from("ICCBased"), icc.into()] });
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).unwrap();
    let report = inspect(&bytes).unwrap();
    assert!(report.to_text().contains("declared colour spaces: ICCBased RGB\n"), "{}", report.to_text());
    let problems: Vec<String> = report.problems().iter().map(ToString::to_string).collect();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].contains("warning: the print PDF declares an RGB colour space (ICCBased RGB) that nothing paints with"), "{problems:?}");
}

#[test]
fn a_project_printing_to_gracol_gets_its_intent_and_its_screen_colours() {
    let dir = common::sample_copy();
    common::edit(dir.path(), "kalem.yaml", "condition: fogra39", "condition: gracol2006");
    let selection = Selection { brochure: Some("human-trafficking".into()), languages: Some(vec!["tr".into()]) };
    let project = load_project(dir.path(), &selection).unwrap_or_else(|ds| panic!("{ds:?}"));
    let resources = pipeline::resources(&project).unwrap_or_else(|d| panic!("{d}"));
    let (edition, found) = pipeline::render_edition(&resources.engine, &resources.setup, &common::edition(&project, &project.brochures[0], "tr"), pipeline::Status::Release);
    let (identifier, condition, registry, profile) = intent_of(&edition.unwrap_or_else(|| panic!("{found:?}")).print);
    assert_eq!((identifier.as_str(), registry.as_str()), ("CGATS TR 006", "http://www.color.org"));
    assert!(condition.contains("GRACoL 2006"), "{condition}");
    assert!(profile == std::fs::read(common::repo().join("assets/print/cmyk-output-intent.icc")).unwrap(), "the GRACoL profile is embedded");
    // Screens follow the condition: the navy as littleCMS renders it on
    // GRACoL (0, 66, 125); FOGRA39 gives (0, 67, 129).
    let navy = resources.engine.colours().srgb(project.config.colors["primary"]);
    assert!(navy[0] == 0 && navy[1].abs_diff(66) <= 1 && navy[2].abs_diff(125) <= 1, "{navy:?}");
}

#[test]
fn a_custom_condition_brings_its_profile_and_a_missing_profile_is_named() {
    let dir = common::sample_copy();
    let custom = "condition:\n    custom:\n      profile: assets/print/shop.icc\n      identifier: FOGRA39 (shop)";
    common::edit(dir.path(), "kalem.yaml", "condition: fogra39", custom);
    std::fs::rename(dir.path().join("assets/print/fogra39-output-intent.icc"), dir.path().join("assets/print/shop.icc")).unwrap();
    let project = load_project(dir.path(), &Selection::default()).unwrap_or_else(|ds| panic!("{ds:?}"));
    let profile = pipeline::print_setup(&project).unwrap_or_else(|d| panic!("{d}")).profile;
    assert_eq!((profile.condition.identifier(), profile.condition.text(), profile.condition.registry()), ("FOGRA39 (shop)", "FOGRA39 (shop)", "http://www.color.org"));
    assert!(*profile.bytes == fogra39_intent().3);

    let dir = common::sample_copy();
    std::fs::remove_file(dir.path().join("assets/print/fogra39-output-intent.icc")).unwrap();
    let project = load_project(dir.path(), &Selection::default()).unwrap_or_else(|ds| panic!("{ds:?}"));
    let error = pipeline::print_setup(&project).unwrap_err().to_string();
    assert!(error.contains("the output profile `assets/print/fogra39-output-intent.icc` of printing condition FOGRA39 does not exist"), "{error}");
    assert!(error.contains("copy kalem's assets/print/ folder"), "{error}");
}

#[test]
fn an_unknown_condition_names_its_line_and_the_known_ones() {
    let dir = common::sample_copy();
    common::edit(dir.path(), "kalem.yaml", "condition: fogra39", "condition: fogra51");
    let line = std::fs::read_to_string(dir.path().join("kalem.yaml")).unwrap().lines().position(|l| l.contains("fogra51")).unwrap() + 1;
    let errors = load_project(dir.path(), &Selection::default()).unwrap_err();
    let shown: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert_eq!(shown.len(), 1, "{shown:?}");
    assert!(shown[0].starts_with(&format!("kalem.yaml:{line}:14: error: unknown value `fogra51` (in `print.condition`)")), "{}", shown[0]);
    assert!(shown[0].contains("did you mean `fogra39`? allowed values here: `fogra39`, `gracol2006`, `custom`"), "{}", shown[0]);
}

#[test]
fn titles_are_in_the_edition_language() {
    let (project, setup) = sample();
    let titles: Vec<String> = render_all(&project, &setup).iter().map(|(_, e)| inspect(&e.print).unwrap().title.unwrap()).collect();
    assert_eq!(titles[0], "İnsan Ticaretine Karşı Birlikte");
    for title in &titles[1..] {
        assert!(title.chars().filter(|c| ('\u{0600}'..='\u{06FF}').contains(c)).count() > 5, "{title}");
    }
    assert_ne!(titles[1], titles[2], "Arabic and Farsi titles differ");
}

#[test]
fn rebuilding_gives_byte_identical_pdfs() {
    let (project, setup) = sample();
    let first = render_all(&project, &setup);
    let second = render_all(&project, &setup);
    for ((lang, a), (_, b)) in first.iter().zip(&second) {
        assert!(a.print == b.print, "{lang}: print pdf differs between builds");
        assert!(a.screen == b.screen, "{lang}: screen pdf differs between builds");
    }
    let editions: Vec<_> = first.iter().map(|(_, e)| inspect(&e.print).unwrap()).collect();
    assert_ne!(first[0].1.print, first[1].1.print);
    assert_eq!(editions[0].pages[0].media, editions[1].pages[0].media);
}

#[test]
fn without_marks_the_media_box_is_the_bleed_box() {
    let (mut project, setup) = sample();
    project.config.print.marks = false;
    let (_, edition) = render_all(&project, &setup).remove(0);
    let report = inspect(&edition.print).unwrap();
    for page in &report.pages {
        assert_eq!(page.bleed, Some(page.media));
    }
}

#[test]
fn screen_pdfs_are_trim_size_rgb_tagged_with_language_and_phone_links() {
    let (project, setup) = sample();
    for (lang, edition) in render_all(&project, &setup) {
        let report = inspect(&edition.screen).unwrap();
        // One page a panel, cover first (widths in the tri-fold's reading order).
        let sizes: Vec<(f64, f64)> = report.pages.iter().map(|p| (p.media[2] - p.media[0], p.media[3] - p.media[1])).collect();
        assert_eq!(sizes.len(), 6, "{lang}: {sizes:?}");
        for ((w, h), want) in sizes.iter().zip([100.0, 97.0, 100.0, 100.0, 97.0, 100.0]) {
            assert!(close(*w, want) && close(*h, 210.0), "{lang}: {sizes:?}");
        }
        assert!(!report.painting.color_spaces.iter().any(|c| c.contains("CMYK")), "{lang}: {:?}", report.painting.color_spaces);
        assert!(report.tagged, "{lang}");
        assert_eq!(report.lang.as_deref(), Some(lang.as_str()));
        for number in ["tel:157", "tel:112", "tel:183"] {
            assert!(report.links.iter().any(|l| l == number), "{lang}: no link {number} in {:?}", report.links);
        }
        assert!(edition.screen.len() < edition.print.len() / 2, "{lang}: the screen pdf is small");
    }
}

/// The letters of a text, without spaces, punctuation and the bidi marks
/// poppler adds, to find a text in what `pdftotext` reads.
fn letters(text: &str) -> String {
    text.chars().filter(|c| c.is_alphabetic()).collect()
}

/// The text `pdftotext` reads on page `n` (from 1) of a PDF, whitespace
/// folded.
fn poppler_page_text(pdf: &[u8], n: usize) -> String {
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(file.path(), pdf).unwrap();
    let page = n.to_string();
    let out = Command::new("pdftotext").args(["-f", &page, "-l", &page, "-enc", "UTF-8"]).arg(file.path()).arg("-").output().expect("pdftotext runs");
    String::from_utf8_lossy(&out.stdout).split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn a_trifolds_screen_pdf_shows_one_panel_a_page_in_reading_order_and_print_stays_imposed() {
    let (project, setup) = sample();
    // Each panel's heading, in the order a reader opens the leaflet.
    let order = [("cover", "cover.lead"), ("flap", "rights.title"), ("inside-1", "what.title"), ("inside-2", "signs.title"), ("inside-3", "children.title"), ("back", "help.title")];
    for (lang, edition) in render_all(&project, &setup) {
        let table = &project.translations[lang.as_str()].entries;
        let words = |key: &str| {
            let Some(kalem::model::translations::Entry::Text(t)) = table.get(key) else { panic!("{lang}: no text {key}") };
            letters(&t.text)
        };
        let pages = inspect(&edition.screen).unwrap().pages.len();
        assert_eq!(pages, order.len(), "{lang}: one screen page a panel");
        for (n, (panel, key)) in order.iter().enumerate() {
            let text = letters(&poppler_page_text(&edition.screen, n + 1));
            let word = words(key);
            assert!(text.contains(&word), "{lang}: screen page {} is not the {panel} ({word:?} missing): {text}", n + 1);
            // No other panel's heading shows on the page (the imposed sheet
            // had three).
            for (other, other_key) in order.iter().filter(|(p, _)| p != panel && *p != "cover") {
                let heading = words(other_key);
                assert!(!text.contains(&heading), "{lang}: the {other}'s {heading:?} on the {panel} page: {text}");
            }
        }
        let print = inspect(&edition.print).unwrap();
        assert_eq!(print.pages.len(), 2, "{lang}: print stays two imposed sides");
    }
}

#[test]
fn a_72_ppi_image_placed_full_page_fails_the_build_naming_it() {
    let dir = common::sample_copy();
    // 192 mm is the full height of a panel's text area; 544 px over it is 72 ppi.
    image::RgbImage::from_pixel(300, 544, image::Rgb([200, 40, 40])).save(dir.path().join("assets/photo.png")).unwrap();
    let brochure = dir.path().join("brochures/human-trafficking.yaml");
    let text = std::fs::read_to_string(&brochure).unwrap();
    let text = text.replace("  inside-1:\n    blocks:\n", "  inside-1:\n    blocks:\n      - image: assets/photo.png\n        height: 192\n");
    std::fs::write(&brochure, text).unwrap();

    let out = common::kalem_dated(dir.path(), &["build"], None);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("assets/photo.png") && stderr.contains("72 ppi") && stderr.contains("150 ppi"), "{stderr}");
    assert!(stderr.contains("inside-1"), "names the panel: {stderr}");
    // No PDF of the brochure is written; its social posts do not depend on it.
    let pdfs: Vec<PathBuf> = common::files_below(&dir.path().join("output")).into_iter().filter(|p| p.starts_with("human-trafficking") && p.extension().is_some_and(|e| e == "pdf")).collect();
    assert!(pdfs.is_empty(), "no PDF is written: {pdfs:?}");
}

#[test]
fn source_date_epoch_dates_the_print_pdf() {
    let dir = common::sample_copy();
    let out = common::kalem_dated(dir.path(), &["build", "--lang", "tr"], Some("1767225600"));
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let bytes = std::fs::read(dir.path().join("output/human-trafficking/tr/human-trafficking-tr-print.pdf")).unwrap();
    let doc = Document::load_mem(&bytes).unwrap();
    let info = doc.get_dictionary(doc.trailer.get(b"Info").unwrap().as_reference().unwrap()).unwrap();
    assert_eq!(info.get(b"CreationDate").unwrap().as_str().unwrap(), b"D:20260101000000Z");

    let preflight = Command::new(env!("CARGO_BIN_EXE_kalem"))
        .arg("preflight")
        .arg(dir.path().join("output/human-trafficking/tr/human-trafficking-tr-print.pdf"))
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&preflight.stdout);
    assert_eq!(preflight.status.code(), Some(0), "{report}");
    assert!(report.contains("PDF/X-4") && report.contains("trim  297.0 × 210.0 mm"), "{report}");
}
