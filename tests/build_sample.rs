//! Builds the sample brochure and reads the PDFs back: pages, sizes, fonts
//! and the text a reader would copy out of them.

mod common;

use common::media_box_mm;
use lopdf::{Document, Object};

/// Font dictionaries of every page embed a font file.
fn all_fonts_embedded(doc: &Document) -> Vec<String> {
    let mut names = Vec::new();
    for (_, page) in doc.get_pages() {
        for (_, font) in doc.get_page_fonts(page).expect("fonts") {
            let name = String::from_utf8_lossy(font.get(b"BaseFont").and_then(Object::as_name).expect("BaseFont")).into_owned();
            let descendant = font
                .get(b"DescendantFonts")
                .and_then(Object::as_array)
                .ok()
                .and_then(|a| a.first())
                .and_then(|o| o.as_reference().ok())
                .and_then(|id| doc.get_dictionary(id).ok());
            let dict = descendant.unwrap_or(font);
            let descriptor = dict.get(b"FontDescriptor").and_then(Object::as_reference).and_then(|id| doc.get_dictionary(id)).expect("FontDescriptor");
            let embedded = [b"FontFile".as_slice(), b"FontFile2", b"FontFile3"].iter().any(|k| descriptor.get(k).is_ok());
            assert!(embedded, "font {name} is not embedded");
            names.push(name);
        }
    }
    names
}

#[test]
fn sample_builds_in_every_language_with_right_pages_sizes_fonts_and_text() {
    let dir = common::sample_copy();
    let out = common::kalem(dir.path(), &["build"]);
    assert!(out.status.success(), "build failed:\n{}", common::stderr(&out));

    // (language, words that must come back out of the text layer, font family)
    let cases = [
        ("tr", ["İnsan ticareti nedir?", "Haklarınız", "157"], "NotoSans"),
        ("ar", ["ما هو الاتجار بالبشر؟", "حقوقك", "157"], "NotoNaskhArabic"),
        ("fa", ["قاچاق انسان چیست؟", "حقوق شما", "157"], "Vazirmatn"),
    ];
    for (lang, words, family) in cases {
        let path = dir.path().join(format!("output/human-trafficking/{lang}/human-trafficking-{lang}-print.pdf"));
        let doc = Document::load(&path).unwrap_or_else(|e| panic!("{lang}: cannot read {}: {e}", path.display()));
        let pages = doc.get_pages();
        assert_eq!(pages.len(), 2, "{lang}: outside and inside");
        for (_, page) in &pages {
            let (w, h) = media_box_mm(&doc, *page);
            // MediaBox is at least trim plus 3 mm bleed on every side.
            assert!(w >= 302.9 && h >= 215.9, "{lang}: MediaBox {w:.1} × {h:.1} mm");
        }
        let fonts = all_fonts_embedded(&doc);
        assert!(fonts.iter().any(|f| f.contains(family)), "{lang}: {family} not used, fonts: {fonts:?}");
        let flat = common::logical_text(&doc);
        for word in words {
            assert!(flat.contains(word), "{lang}: {word:?} not in extracted text:\n{flat}");
        }
    }
    // Nothing but the PDFs was written.
    let written = common::files_below(&dir.path().join("output"));
    assert!(written.iter().all(|p| !p.to_string_lossy().contains(".part")), "leftover temporary files: {written:?}");
}

#[test]
fn one_language_can_be_built_alone() {
    let dir = common::sample_copy();
    let out = common::kalem(dir.path(), &["build", "--brochure", "human-trafficking", "--lang", "fa"]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let written = common::files_below(&dir.path().join("output"));
    let sheet = std::path::Path::new("human-trafficking/contact-sheet.png");
    assert!(written.iter().all(|p| p.starts_with("human-trafficking/fa") || p.starts_with(".kalem") || p == sheet || p == std::path::Path::new("proof.pdf") || p == std::path::Path::new("report.json")), "{written:?}");
    // The contact sheet shows what was built: one language here.
    let sheet = image::open(dir.path().join("output").join(sheet)).expect("contact sheet decodes");
    assert!(sheet.width() > 1000 && sheet.height() > 300, "{}×{}", sheet.width(), sheet.height());
    assert!(!written.is_empty());
}
