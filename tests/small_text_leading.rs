//! Small text is set with the leading of body text: the EU funding
//! disclaimer, read from the laid-out pages of every sample in every
//! language.

mod common;

use kalem::layout::typeset_edition;
use kalem::layout::walk::walk;
use typst::layout::{FrameItem, Point, Transform};

/// The baselines (y, pt) and sizes (pt) of the text items of `page` whose
/// text is part of `text`.
fn lines_of(page: &typst_layout::Page, text: &str) -> Vec<(f64, f64)> {
    let text = text.replace('\u{A0}', " ");
    let mut out: Vec<(f64, f64)> = Vec::new();
    walk(&page.frame, Transform::identity(), &mut |ts, item| {
        if let FrameItem::Text(t) = item
            && t.text.chars().count() >= 8
            && text.contains(t.text.replace("\u{A0}", " ").as_str())
        {
            let y = Point::zero().transform(ts).y.to_pt();
            if out.iter().all(|(other, _)| (other - y).abs() > 0.5) {
                out.push((y, t.size.to_pt()));
            }
        }
    });
    // The disclaimer is the smallest text among them (the statement beside
    // the emblem says some of its words).
    let smallest = out.iter().map(|(_, size)| *size).fold(f64::INFINITY, f64::min);
    out.retain(|(_, size)| (size - smallest).abs() < 0.05);
    out.sort_by(|a, b| a.0.total_cmp(&b.0));
    out
}

#[test]
fn the_disclaimer_is_set_with_body_leading_in_every_language() {
    let (project, engine) = common::load_with_engine(&common::repo());
    let mut loose = Vec::new();
    let mut measured = 0;
    for brochure in &project.brochures {
        for lang in &brochure.languages {
            let edition = common::edition(&project, brochure, lang);
            let Some(disclaimer) = edition.table.entries.get("eu.disclaimer").and_then(|e| e.all_texts().first().map(|t| t.text.clone())) else { continue };
            let doc = typeset_edition(&engine, &edition).unwrap_or_else(|ds| panic!("{}", common::messages(&ds))).doc;
            for (p, page) in doc.pages().iter().enumerate() {
                let lines = lines_of(page, &disclaimer);
                for pair in lines.windows(2) {
                    let ((y0, size), (y1, _)) = (pair[0], pair[1]);
                    let ratio = (y1 - y0) / size;
                    measured += 1;
                    eprintln!("{} {lang} page {p}: {ratio:.2} at {size:.1} pt", brochure.id);
                    if ratio > 1.5 {
                        loose.push(format!("{} {lang} page {p}: lines {:.1} pt apart at {size:.1} pt ({ratio:.2} × the size)", brochure.id, y1 - y0));
                    }
                }
            }
        }
    }
    assert!(measured > 6, "disclaimers of several lines are found ({measured})");
    assert!(loose.is_empty(), "{}", loose.join("\n"));
}
