//! A multi-page document with a table, set in Turkish and in Arabic: the
//! Arabic edition mirrors the table's column order, the running header and
//! the page numbers, which come in the digits `kalem.yaml` chooses; the
//! Turkish one does not. Positions are read from typst's laid-out pages.

mod common;

use kalem::model::{Selection, load_project};
use kalem::pipeline;
use kalem::layout::walk::walk;
use typst::layout::{FrameItem, Transform};
use typst_layout::PagedDocument;

/// A piece of text on a page: its text, left edge, baseline and width in mm.
#[derive(Debug, Clone)]
struct Placed {
    text: String,
    x: f64,
    y: f64,
    w: f64,
}

/// The texts of one page (from 1) and the page's width in mm.
fn page_texts(doc: &PagedDocument, page: usize) -> (Vec<Placed>, f64) {
    let frame = &doc.pages()[page - 1].frame;
    let mut out = Vec::new();
    walk(frame, Transform::identity(), &mut |here, item| {
        if let FrameItem::Text(text) = item {
            let p = typst::layout::Point::zero().transform(here);
            out.push(Placed { text: text.text.to_string(), x: p.x.to_mm(), y: p.y.to_mm(), w: text.width().to_mm() });
        }
    });
    (out, frame.width().to_mm())
}

/// The training handout in `lang`, with Arabic set in Arabic-Indic digits.
fn handout(lang: &str) -> PagedDocument {
    let dir = common::sample_copy();
    common::edit(dir.path(), "kalem.yaml", "fonts: arabic, digits: latin", "fonts: arabic, digits: arabic-indic");
    let project = load_project(dir.path(), &Selection::default()).expect("sample loads");
    let engine = pipeline::engine(&project).expect("fonts load");
    let brochure = project.brochures.iter().find(|b| b.id == "training-handout").expect("handout");
    pipeline::typeset_edition(&engine, &common::edition(&project, brochure, lang)).expect("typesets").doc
}

/// The left edges of the first items whose text is exactly each heading,
/// checked to stand on one row.
fn header_row(texts: &[Placed], headings: [&str; 3]) -> [f64; 3] {
    let find = |h: &str| texts.iter().find(|t| t.text.trim() == h).unwrap_or_else(|| panic!("no table heading {h:?}"));
    let cells = headings.map(find);
    assert!(cells.iter().all(|c| (c.y - cells[0].y).abs() < 1.0), "headings not on one row: {cells:?}");
    cells.map(|c| c.x)
}

/// The page number in the footer of `page` and the running header's title.
fn footer_number_and_header<'a>(texts: &'a [Placed], number: &str, title_word: &str) -> (&'a Placed, &'a Placed) {
    let bottom = texts.iter().map(|t| t.y).fold(0.0, f64::max);
    let number = texts.iter().find(|t| t.text == number && t.y > bottom - 5.0).unwrap_or_else(|| panic!("no page number {number:?} in the footer"));
    let title = texts.iter().find(|t| t.text.contains(title_word) && t.y < 24.0).unwrap_or_else(|| panic!("no running header with {title_word:?}"));
    (number, title)
}

#[test]
fn turkish_flows_left_to_right() {
    let doc = handout("tr");
    assert!(doc.pages().len() >= 2, "one page only");
    let (first, _) = page_texts(&doc, 1);
    let [a, b, c] = header_row(&first, ["Konu", "İnsan ticareti", "Göçmen kaçakçılığı"]);
    assert!(a < b && b < c, "Turkish columns should run left to right: {a:.1}, {b:.1}, {c:.1}");

    let (second, width) = page_texts(&doc, 2);
    let (number, title) = footer_number_and_header(&second, "2", "Belirtiler");
    assert!(number.x > width / 2.0, "page number should be on the right: {number:?}");
    assert!(title.x < width / 2.0, "running header should start on the left: {title:?}");
}

#[test]
fn arabic_mirrors_table_columns_header_and_page_numbers() {
    let doc = handout("ar");
    assert!(doc.pages().len() >= 2, "one page only");
    let (first, _) = page_texts(&doc, 1);
    let [a, b, c] = header_row(&first, ["المسألة", "الاتجار بالبشر", "تهريب المهاجرين"]);
    assert!(a > b && b > c, "Arabic columns should run right to left: {a:.1}, {b:.1}, {c:.1}");

    let (second, width) = page_texts(&doc, 2);
    let (number, title) = footer_number_and_header(&second, "٢", "المؤشرات");
    assert!(number.x + number.w < width / 2.0, "page number should be on the left: {number:?}");
    assert!(title.x + title.w > width / 2.0, "running header should start on the right: {title:?}");
    let bottom = second.iter().map(|t| t.y).fold(0.0, f64::max);
    assert!(!second.iter().any(|t| t.text == "2" && t.y > bottom - 5.0), "page number left in Latin digits");
}

/// The document's title, set large above the text, does not leave a word
/// alone on its last line (the Turkish handout's title broke before
/// `Yönlendirme`).
#[test]
fn the_title_leaves_no_word_alone_on_its_last_line() {
    let doc = handout("tr");
    let (texts, _) = page_texts(&doc, 1);
    let last = texts.iter().filter(|t| t.text.contains("Yönlendirme") && t.y > 24.0).map(|t| t.y).fold(f64::NAN, f64::min);
    let line: Vec<&str> = texts.iter().filter(|t| (t.y - last).abs() < 0.5).flat_map(|t| t.text.split_whitespace()).collect();
    assert!(line.len() >= 2, "the title's last line is {line:?}");
}

/// The title holds each cluster once: typst set a raised mark of a
/// balanced title apart and gave both pieces the cluster's text, and a
/// title string's text had no place in the source that would show they
/// belong together, so copy-paste read `فورًاًا` for `فوراً`.
#[test]
fn a_title_with_a_raised_mark_holds_the_mark_once() {
    let brochure = "title: m.title\nformat: a4\nlanguages: [ar]\ncontent:\n  - text: m.body\n";
    let texts: Vec<(&str, String)> = ["tr", "ar", "fa"].into_iter().map(|l| (l, "m:\n  title: \"فوراً لا\"\n  body: \"الدعم مجاني\"\n".to_string())).collect();
    let dir = common::sample_with(brochure, &texts);
    let project = load_project(dir.path(), &Selection::default()).expect("project loads");
    let engine = pipeline::engine(&project).expect("fonts load");
    let doc = pipeline::typeset_edition(&engine, &common::edition(&project, &project.brochures[0], "ar")).expect("typesets").doc;
    let mut drawn = String::new();
    walk(&doc.pages()[0].frame, Transform::identity(), &mut |_, item| {
        if let FrameItem::Text(t) = item {
            t.glyphs.iter().for_each(|g| drawn += &t.text[g.range()]);
        }
    });
    assert_eq!(drawn.matches('\u{64B}').count(), 1, "the fathatan is written {} times: {drawn:?}", drawn.matches('\u{64B}').count());
}
