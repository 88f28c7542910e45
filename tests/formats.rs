//! Every format in every language, built from the samples and read back
//! from the PDFs: trim and bleed sizes, page counts, and the table of
//! contents that long documents get.

mod common;

use std::path::Path;

use common::page_box_mm;
use lopdf::Document;

const BLEED: f64 = 3.0;

/// Opens an edition's print PDF.
fn print_pdf(dir: &Path, id: &str, lang: &str) -> Document {
    let path = dir.join(format!("output/{id}/{lang}/{id}-{lang}-print.pdf"));
    Document::load(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// Checks every page's trim and media boxes and returns the page count.
fn check_sizes(doc: &Document, what: &str, trim: (f64, f64)) -> usize {
    let pages = doc.get_pages();
    for (n, id) in &pages {
        let (tw, th) = page_box_mm(doc, *id, b"TrimBox");
        assert!((tw - trim.0).abs() < 0.2 && (th - trim.1).abs() < 0.2, "{what} page {n}: TrimBox {tw:.1} × {th:.1} mm, want {trim:?}");
        let (mw, mh) = page_box_mm(doc, *id, b"MediaBox");
        assert!(mw >= trim.0 + 2.0 * BLEED - 0.2 && mh >= trim.1 + 2.0 * BLEED - 0.2, "{what} page {n}: MediaBox {mw:.1} × {mh:.1} mm has no {BLEED} mm bleed");
    }
    pages.len()
}

#[test]
fn every_sample_format_builds_in_every_language_with_its_size_and_pages() {
    let dir = common::sample_copy();
    let out = common::kalem(dir.path(), &["build"]);
    assert!(out.status.success(), "build failed:\n{}", common::stderr(&out));
    // (brochure, trim in mm, fewest and most pages)
    let samples = [
        ("human-trafficking", (297.0, 210.0), 2, 2),
        ("outreach-flyer", (99.0, 210.0), 2, 2),
        ("meeting-poster", (297.0, 420.0), 1, 1),
        ("training-handout", (210.0, 297.0), 4, 8),
    ];
    for (id, trim, fewest, most) in samples {
        for lang in ["tr", "ar", "fa"] {
            let what = format!("{id} [{lang}]");
            let pages = check_sizes(&print_pdf(dir.path(), id, lang), &what, trim);
            assert!((fewest..=most).contains(&pages), "{what}: {pages} pages, want {fewest} to {most}");
        }
    }
}

#[test]
fn the_same_content_builds_as_a5_and_a4_poster_and_a_long_document_gets_contents() {
    let dir = common::sample_copy();
    common::edit(dir.path(), "brochures/training-handout.yaml", "format: a4", "format: a5");
    common::edit(dir.path(), "brochures/meeting-poster.yaml", "format: a3-poster", "format: a4-poster");
    for id in ["training-handout", "meeting-poster"] {
        let out = common::kalem(dir.path(), &["build", "--brochure", id]);
        assert!(out.status.success(), "{id} failed:\n{}", common::stderr(&out));
    }
    let contents = [("tr", "İçindekiler"), ("ar", "المحتويات"), ("fa", "فهرست مطالب")];
    for (lang, title) in contents {
        let poster = print_pdf(dir.path(), "meeting-poster", lang);
        assert_eq!(check_sizes(&poster, &format!("a4 poster [{lang}]"), (210.0, 297.0)), 1);
        let handout = print_pdf(dir.path(), "training-handout", lang);
        let pages = check_sizes(&handout, &format!("a5 handout [{lang}]"), (148.0, 210.0));
        assert!(pages > 4, "a5 handout [{lang}]: only {pages} pages");
        let text = common::logical_text(&handout);
        assert!(text.contains(title), "a5 handout [{lang}] of {pages} pages has no table of contents `{title}`");
    }
}

#[test]
fn a_document_of_four_pages_has_no_table_of_contents() {
    let dir = common::sample_copy();
    let out = common::kalem(dir.path(), &["build", "--brochure", "training-handout", "--lang", "tr"]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let doc = print_pdf(dir.path(), "training-handout", "tr");
    assert!(doc.get_pages().len() <= 4, "the A4 handout grew; pick another document for this test");
    assert!(!common::logical_text(&doc).contains("İçindekiler"));
}
