//! A throw-away kalem project for integration tests: the sample's fonts and
//! configuration, a one-panel brochure and the translations a test gives;
//! and ways to read laid-out pages and PDFs back.

#![allow(dead_code)]

pub mod pdftext;

use std::path::Path;

use kalem::diag::{Diagnostics, has_errors};
use kalem::layout::document::{DocData, document};
use kalem::layout::typeset;
use kalem::layout::world::Engine;
use kalem::load::{Selection, load_project};
use kalem::model::Project;
use kalem::pipeline;
use typst_layout::PagedDocument;

/// The repository, whose `fonts/` and `kalem.yaml` the test projects use.
pub const REPO: &str = env!("CARGO_MANIFEST_DIR");

/// A project in a temporary folder with `cover.title` (a heading with
/// `case`) and `cover.body` (a paragraph) in each given language.
pub struct TestProject {
    /// Holds the folder until the test ends.
    pub dir: tempfile::TempDir,
}

impl TestProject {
    /// Writes the project. `texts` holds (language, translation file).
    pub fn new(case: &str, texts: &[(&str, &str)]) -> TestProject {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("brochures")).unwrap();
        std::fs::create_dir_all(root.join("translations")).unwrap();
        std::fs::create_dir_all(root.join("fonts")).unwrap();
        for entry in std::fs::read_dir(Path::new(REPO).join("fonts")).unwrap() {
            let path = entry.unwrap().path();
            std::fs::copy(&path, root.join("fonts").join(path.file_name().unwrap())).unwrap();
        }
        std::fs::copy(Path::new(REPO).join("kalem.yaml"), root.join("kalem.yaml")).unwrap();
        let langs: Vec<&str> = texts.iter().map(|(l, _)| *l).collect();
        let brochure = format!(
            "title: cover.title\nformat: a4-trifold\nlanguages: [{}]\npanels:\n  inside-1:\n    blocks:\n      - heading: cover.title\n        case: {case}\n      - text: cover.body\n",
            langs.join(", ")
        );
        std::fs::write(root.join("brochures/test.yaml"), brochure).unwrap();
        for (lang, yaml) in texts {
            std::fs::write(root.join(format!("translations/{lang}.yaml")), yaml).unwrap();
        }
        TestProject { dir }
    }

    /// Loads the project; panics with the diagnostics if it does not load.
    pub fn load(&self) -> Project {
        load_project(self.dir.path(), &Selection::default()).unwrap_or_else(|ds| panic!("{ds:#?}"))
    }

    /// The project with its engine.
    pub fn engine(&self) -> (Project, Engine) {
        let project = self.load();
        let engine = pipeline::engine(&project).unwrap_or_else(|d| panic!("{d}"));
        (project, engine)
    }

    /// The document data of one language and what preparing it found.
    pub fn data(&self, lang: &str) -> (DocData, Diagnostics) {
        let (project, engine) = self.engine();
        document(&project, engine.fonts(), &project.brochures[0], lang)
    }

    /// Prepares and typesets one language; panics on errors.
    pub fn typeset(&self, lang: &str) -> PagedDocument {
        let (project, engine) = self.engine();
        let (data, diagnostics) = document(&project, engine.fonts(), &project.brochures[0], lang);
        assert!(!has_errors(&diagnostics), "{diagnostics:#?}");
        typeset(&engine, &data).unwrap_or_else(|ds| panic!("{ds:#?}"))
    }
}

/// The glyphs of a laid-out page as lines, top to bottom, each the text of
/// its glyphs from left to right (visual order).
pub fn frame_lines(page: &typst_layout::Page) -> Vec<Vec<String>> {
    use typst::layout::{Frame, FrameItem, Transform};
    fn walk(frame: &Frame, ts: Transform, out: &mut Vec<(f64, f64, String)>) {
        for (pos, item) in frame.items() {
            match item {
                FrameItem::Group(g) => walk(&g.frame, ts.pre_concat(Transform::translate(pos.x, pos.y)).pre_concat(g.transform), out),
                FrameItem::Text(t) => {
                    let mut x = pos.x;
                    for g in &t.glyphs {
                        let at = typst::layout::Point::new(x + g.x_offset.at(t.size), pos.y).transform(ts);
                        out.push((at.y.to_pt(), at.x.to_pt(), t.text[g.range()].to_string()));
                        x += g.x_advance.at(t.size);
                    }
                }
                _ => {}
            }
        }
    }
    let mut glyphs = Vec::new();
    walk(&page.frame, Transform::identity(), &mut glyphs);
    glyphs.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut lines: Vec<Vec<(f64, String)>> = Vec::new();
    let mut line_y = f64::NEG_INFINITY;
    for (y, x, text) in glyphs {
        if y - line_y > 6.0 || lines.is_empty() {
            lines.push(Vec::new());
            line_y = y;
        }
        lines.last_mut().unwrap().push((x, text));
    }
    lines.into_iter().map(pdftext::trimmed).collect()
}
