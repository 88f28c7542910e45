//! Every QR code is read back from the pixels kalem drew: a PDF's from its
//! region rendered alone, a social image's from the image. The samples'
//! codes all read as their brochures ask, and a code tampered with between
//! layout and rendering (in the data typst draws from, in what the
//! read-back expects, or painted over) is an error naming the code's place
//! (panel or post), its `qr:` in the brochure file, the language and both
//! payloads; an edition with one writes no PDF.

mod common;

use kalem::diag::{Diagnostic, Diagnostics};
use kalem::export::image::render;
use kalem::export::qr_read::{QrCheck, read_qr_codes, read_qr_pixels, verify_qr_codes, verify_qr_pixels};
use kalem::blocks::BlockData;
use kalem::blocks::campaign::MIN_MODULE_PX;
use kalem::layout::qr_region::drawn_codes;
use kalem::layout::social::{post_data, typeset_post};
use kalem::layout::walk::map_pages;
use kalem::layout::{EditionData, Set, screen};
use kalem::model::qr::{self, MIN_MODULE_MM};
use kalem::model::{Project, Selection, load_project};
use kalem::pipeline;
use typst::layout::{Abs, FrameItem, Point, Size};
use typst::syntax::Span;
use typst::visualize::{Color, Geometry};

const BROCHURE: &str = "human-trafficking";
const GOC: &str = "https://www.goc.gov.tr";
const EVIL: &str = "https://evil.example";

fn sample() -> Project {
    load_project(&common::repo(), &Selection::default()).expect("sample loads")
}

/// The tri-fold's `back` panel code as the model has it.
fn back_code(project: &Project) -> qr::Expected {
    let brochure = project.brochures.iter().find(|b| b.id == BROCHURE).unwrap();
    qr::printed_codes(brochure).into_iter().find(|c| c.place == "panels.back.qr").expect("a code on the back panel")
}

/// The errors of `found`, as lines.
fn errors(found: &Diagnostics) -> Vec<&Diagnostic> {
    found.iter().filter(|d| d.is_error()).collect()
}

/// Checks that `d` names the back panel's code where the brochure file
/// writes its `qr:` value, in `lang`.
fn names_the_back_code(d: &Diagnostic, project: &Project, lang: &str) {
    let at = d.location.as_ref().expect("a location");
    assert_eq!(at, &back_code(project).payload.at, "{d}");
    let line = std::fs::read_to_string(project.root.join(&at.file)).unwrap().lines().nth(at.line - 1).unwrap().to_string();
    assert!(line.contains("qr: ") && line[at.column - 1..].starts_with(GOC), "{at}: {line}");
    assert_eq!(d.lang.as_deref(), Some(lang), "{d}");
}

#[test]
fn every_qr_code_of_the_samples_reads_back_from_print_and_screen_pages() {
    let project = sample();
    let engine = pipeline::engine(&project).expect("fonts load");
    let mut codes = 0;
    for brochure in &project.brochures {
        let mut asked: Vec<(String, String)> = qr::printed_codes(brochure).into_iter().map(|c| (c.payload.at.to_string(), c.payload.text)).collect();
        asked.sort();
        for lang in &brochure.languages {
            let edition = common::edition_of(&project, &brochure.id, lang);
            let doc = pipeline::typeset_edition(&engine, &edition).expect("typesets").doc;
            for (kind, pages) in [("print", screen::for_print(&doc)), ("screen", screen::for_screen(&doc, engine.colours()))] {
                let read = read_qr_codes(&pages).expect("reports parse");
                assert!(read.iter().all(|r| r.upright), "{} {lang} {kind}: {read:?}", brochure.id);
                let mut got: Vec<(String, String)> = read.into_iter().map(|r| (r.source, r.text.unwrap_or_default())).collect();
                got.sort();
                assert_eq!(got, asked, "{} {lang} {kind}", brochure.id);
                codes += got.len();
            }
        }
    }
    // Two on the tri-fold, one on the flyer, one in the handout; three
    // languages, two PDFs each.
    assert_eq!(codes, 4 * 3 * 2);
}

#[test]
fn a_code_drawn_from_tampered_data_stops_the_edition() {
    let project = sample();
    let engine = pipeline::engine(&project).expect("fonts load");
    let setup = pipeline::print_setup(&project).expect("profile loads");
    let edition = common::edition_of(&project, BROCHURE, "ar");
    let mut set = pipeline::typeset_edition(&engine, &edition).expect("typesets");
    // Between layout and rendering: the back panel's code is redrawn with
    // the modules of another address.
    let EditionData::Panels(data) = &mut set.data else { panic!("a tri-fold has panels") };
    let code = data.pages.iter_mut().flat_map(|p| &mut p.panels).flat_map(|p| &mut p.blocks).find_map(|b| match &mut b.data {
        BlockData::Qr(q) if q.payload == GOC => Some(q),
        _ => None,
    });
    let code = code.expect("the back panel's code");
    let evil = qr::encode(EVIL, code.side, MIN_MODULE_MM).unwrap();
    (code.modules, code.runs) = (evil.modules, evil.runs);
    let doc = set.data.typeset(&engine).expect("typesets");
    let (rendered, found) = pipeline::finish_edition(&engine, &setup, &edition, Set { doc, ..set }, pipeline::Status::Release);
    assert!(rendered.is_none(), "PDFs were made from a wrong code");
    let errors = errors(&found);
    let messages: Vec<&str> = errors.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(messages, [
        format!("the QR code `panels.back.qr` in the print PDF of `{BROCHURE}` reads `{EVIL}` where `{GOC}` was asked for"),
        format!("the QR code `panels.back.qr` in the screen PDF of `{BROCHURE}` reads `{EVIL}` where `{GOC}` was asked for"),
    ]);
    for d in errors {
        names_the_back_code(d, &project, "ar");
    }
}

#[test]
fn a_code_that_reads_otherwise_than_the_model_asks_is_an_error() {
    let project = sample();
    let engine = pipeline::engine(&project).expect("fonts load");
    let edition = common::edition_of(&project, BROCHURE, "fa");
    let doc = screen::for_print(&pipeline::typeset_edition(&engine, &edition).expect("typesets").doc);
    let mut codes = qr::printed_codes(edition.brochure);
    let want = QrCheck { output: format!("the print PDF of `{BROCHURE}`"), lang: "fa".into(), codes: codes.clone() };
    assert!(verify_qr_codes(&doc, &want).is_empty());
    // The read-back now expects another address for the back panel.
    let back = codes.iter_mut().find(|c| c.place == "panels.back.qr").unwrap();
    back.payload.text = EVIL.into();
    let found = verify_qr_codes(&doc, &QrCheck { codes, ..want });
    let [d] = found.as_slice() else { panic!("{found:?}") };
    assert_eq!(d.message, format!("the QR code `panels.back.qr` in the print PDF of `{BROCHURE}` reads `{GOC}` where `{EVIL}` was asked for"));
    names_the_back_code(d, &project, "fa");
    assert!(d.hint.as_deref().is_some_and(|h| h.contains("wrote nothing")), "{d}");
}

#[test]
fn a_shape_painted_over_a_code_stops_the_edition() {
    let project = sample();
    let engine = pipeline::engine(&project).expect("fonts load");
    let setup = pipeline::print_setup(&project).expect("profile loads");
    let edition = common::edition_of(&project, BROCHURE, "tr");
    let set = pipeline::typeset_edition(&engine, &edition).expect("typesets");
    let source = back_code(&project).payload.at.to_string();
    let code = drawn_codes(&set.doc).unwrap().into_iter().find(|c| c.report.source == source).expect("the back panel's code is drawn");
    // Something white painted after the code over its top-left finder
    // pattern, as a misplaced box would be.
    let r = code.region;
    let cover = Geometry::Rect(Size::new(Abs::pt(r.w / 2.0), Abs::pt(r.h / 2.0))).filled(Color::WHITE);
    let mut index = 0;
    let doc = map_pages(&set.doc, |page| {
        let mut page = page.clone();
        if index == code.page {
            page.frame.push(Point::new(Abs::pt(r.x), Abs::pt(r.y)), FrameItem::Shape(cover.clone(), Span::detached()));
        }
        index += 1;
        page
    });
    let (rendered, found) = pipeline::finish_edition(&engine, &setup, &edition, Set { doc, ..set }, pipeline::Status::Release);
    assert!(rendered.is_none(), "PDFs were made with an unreadable code");
    let errors = errors(&found);
    assert_eq!(errors.len(), 2, "{found:?}");
    assert_eq!(errors[0].message, format!("no QR code could be read back from `panels.back.qr` in the print PDF of `{BROCHURE}`, where `{GOC}` was asked for"));
    names_the_back_code(errors[0], &project, "tr");
}

#[test]
fn the_sample_posts_code_reads_back_from_its_pixels_in_every_preset_and_language() {
    let project = sample();
    let engine = pipeline::engine(&project).expect("fonts load");
    for lang in ["tr", "ar", "fa"] {
        let edition = common::edition_of(&project, BROCHURE, lang);
        let post = edition.brochure.social.iter().find(|p| p.qr.is_some()).expect("a post with a QR code");
        let want = QrCheck { output: format!("the post `{}`", post.id), lang: lang.into(), codes: qr::post_code(post).into_iter().collect() };
        for preset in &post.presets {
            let (mut data, _) = post_data(&edition, &engine, post, preset);
            let doc = typeset_post(&engine, &data).expect("typesets");
            let pixels = render(&doc.pages()[0], 1.0, false);
            let read = read_qr_pixels(&doc, &pixels, 1.0).expect("reports parse");
            let texts: Vec<Option<&str>> = read.iter().map(|r| r.text.as_deref()).collect();
            assert_eq!(texts, [Some(GOC)], "{lang} {}", preset.name);
            // `kalem check` renders the code's region only.
            assert!(verify_qr_codes(&doc, &want).is_empty(), "{lang} {}", preset.name);
            assert!(verify_qr_pixels(&doc, &pixels, 1.0, &want).is_empty(), "{lang} {}", preset.name);
            if preset.name != "instagram-story" {
                continue;
            }
            // The same post drawn from tampered data.
            let code = data.qr.as_mut().unwrap();
            let evil = qr::encode(EVIL, code.side, MIN_MODULE_PX).unwrap();
            (code.modules, code.runs) = (evil.modules, evil.runs);
            let doc = typeset_post(&engine, &data).expect("typesets");
            let found = verify_qr_pixels(&doc, &render(&doc.pages()[0], 1.0, false), 1.0, &want);
            let [d] = found.as_slice() else { panic!("{found:?}") };
            assert_eq!(d.message, format!("the QR code `social.your-rights.qr` in the post `your-rights` reads `{EVIL}` where `{GOC}` was asked for"));
            assert_eq!((d.location.as_ref(), d.lang.as_deref()), (Some(&post.qr.as_ref().unwrap().at), Some(lang)));
        }
    }
}
