//! Keep with next, read from laid-out pages: a heading, and a paragraph
//! that leads in to a table or a list, start on the page where what they
//! introduce starts.

mod common;

use kalem::layout::bounds::placed;
use kalem::layout::typeset_edition;
use kalem::model::{BlockKind, Selection, load_project};
use kalem::pipeline;

/// Whether a block of this kind is introduced by the paragraph before it.
fn introduced(kind: &BlockKind) -> bool {
    matches!(kind, BlockKind::Table { .. } | BlockKind::List { .. } | BlockKind::Checklist { .. } | BlockKind::Contacts { .. })
}

/// A document of the handout's sections again and again, after one to four
/// paragraphs each, so that page breaks fall at every place of a section.
fn document() -> String {
    let mut content = String::new();
    for k in 0..18 {
        content.push_str(&"  - text: handout.definitions.trafficking\n".repeat(k % 4 + 1));
        content.push_str("  - heading: handout.signs.title\n  - text: handout.signs.intro\n");
        if k % 2 == 0 {
            content.push_str("  - table: handout.signs.rows\n    columns: handout.signs.columns\n    widths: [2, 3, 3]\n");
        } else {
            content.push_str("  - list: handout.referral.steps\n");
        }
    }
    format!("title: handout.title\nformat: a4\nlanguages: [tr, ar, fa]\ncontent:\n{content}")
}

#[test]
fn headings_and_lead_ins_stand_on_the_page_of_what_they_introduce() {
    let dir = common::sample_with(&document(), &[]);
    let project = load_project(dir.path(), &Selection::default()).unwrap_or_else(|ds| panic!("{}", common::messages(&ds)));
    let engine = pipeline::engine(&project).unwrap_or_else(|d| panic!("{d}"));
    let brochure = &project.brochures[0];
    let mut apart = Vec::new();
    for lang in &brochure.languages {
        let doc = typeset_edition(&engine, &common::edition(&project, brochure, lang)).unwrap_or_else(|ds| panic!("{}", common::messages(&ds))).doc;
        assert!(doc.pages().len() > 12, "{lang}: many pages ({})", doc.pages().len());
        let found = placed(&doc);
        // The page each block starts on.
        let page = |i: usize| found.iter().filter(|p| p.panel == "content" && p.block == i).map(|p| p.page).min();
        for (i, pair) in brochure.content.windows(2).enumerate() {
            let keeps = match (&pair[0].kind, &pair[1].kind) {
                (BlockKind::Heading { .. }, _) => true,
                (BlockKind::Text { .. }, next) => introduced(next),
                _ => false,
            };
            if keeps && page(i) != page(i + 1) {
                apart.push(format!("{lang}: block {i} on page {:?}, block {} on page {:?}", page(i), i + 1, page(i + 1)));
            }
        }
    }
    assert!(apart.is_empty(), "{}", apart.join("\n"));
}
