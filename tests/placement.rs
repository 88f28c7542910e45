//! Where blocks land after typesetting: every block of the sample stays in
//! its panel's text area, and a block pushed beyond the trim stops the build
//! naming it.

mod common;

use std::path::Path;

use kalem::layout::bounds::placed;
use kalem::layout::{geometry, typeset_edition};
use kalem::model::{Selection, load_project};
use kalem::model::{BlockKind, Project};
use kalem::pipeline;

fn sample() -> Project {
    load_project(Path::new(env!("CARGO_MANIFEST_DIR")), &Selection::default()).unwrap()
}

#[test]
fn every_sample_block_lands_inside_its_panel_text_area() {
    let project = sample();
    let engine = pipeline::engine(&project).unwrap();
    let brochure = &project.brochures[0];
    for lang in ["tr", "ar", "fa"] {
        let doc = typeset_edition(&engine, &common::edition(&project, brochure, lang)).unwrap().doc;
        let found = placed(&doc);
        // A spacer is empty room, with nothing to find.
        let blocks = brochure.panels.values().flat_map(|p| &p.blocks).filter(|b| b.kind != BlockKind::Spacer).count();
        assert_eq!(found.len(), blocks, "{lang}: every block but the spacers is found once");
        let pages = geometry::pages(brochure.format, project.config.languages[lang].rules.dir, 3.0);
        for item in &found {
            let area = pages[item.page].panels.iter().find(|p| p.name == item.panel).unwrap().content;
            let r = item.rect;
            assert!(r.w > 1.0 && r.h > 1.0, "{lang}: {item:?}");
            // Accents such as the dot of İ rise above the cap height typst
            // aligns the first line by.
            let accents = 1.5;
            assert!(
                r.x >= area.x - 0.5 && r.x + r.w <= area.x + area.w + 0.5 && r.y >= area.y - accents && r.y + r.h <= area.y + area.h + 0.5,
                "{lang}: {item:?} outside {area:?}"
            );
        }
    }
}

#[test]
fn a_block_beyond_the_trim_is_an_error_naming_it() {
    let mut project = sample();
    let mut brochure = project.brochures[0].clone();
    // The emblem is 200 × 120: at 120 mm high it is 200 mm wide, twice its panel.
    let cover = brochure.panels.get_mut("cover").unwrap();
    let BlockKind::Image { height, .. } = &mut cover.blocks[0].kind else { panic!("the cover starts with the emblem") };
    *height = 120.0;
    project.brochures[0] = brochure.clone();
    let engine = pipeline::engine(&project).unwrap();
    let setup = pipeline::print_setup(&project).unwrap();
    let (edition, diagnostics) = pipeline::render_edition(&engine, &setup, &common::edition(&project, &brochure, "tr"), pipeline::Status::Release);
    assert!(edition.is_none(), "nothing is written");
    let error = diagnostics.iter().find(|d| d.is_error()).expect("an error");
    assert!(error.message.contains("image `assets/emblem.svg` on panel `cover`") && error.message.contains("beyond the trim"), "{}", error.message);
}

#[test]
fn a_block_near_a_fold_is_a_warning() {
    let mut project = sample();
    project.config.print.safe_mm = 8.0;
    let engine = pipeline::engine(&project).unwrap();
    let setup = pipeline::print_setup(&project).unwrap();
    let brochure = project.brochures[0].clone();
    let (edition, diagnostics) = pipeline::render_edition(&engine, &setup, &common::edition(&project, &brochure, "ar"), pipeline::Status::Release);
    assert!(edition.is_some(), "{diagnostics:?}");
    let near: Vec<_> = diagnostics.iter().filter(|d| d.message.contains("comes within")).collect();
    assert!(!near.is_empty(), "text 7 mm from the folds is closer than 8 mm");
    assert!(near.iter().any(|d| d.message.contains("of a fold") && d.key.is_some() && d.lang.as_deref() == Some("ar")), "{near:?}");
}
