//! The contact sheet: every page of every language and every social image of
//! a brochure as labelled thumbnails on one PNG, so a designer reviews a
//! whole campaign at a glance. typst lays it out from the files the build
//! just wrote (PDF pages are placed as images), so it shows exactly what
//! was written.

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::image::{encode, render};
use crate::diag::{Diagnostic, Diagnostics};
use crate::layout::typeset;
use crate::layout::world::{Engine, Template};
use crate::model::Project;
use crate::model::social::ImageFormat;
use super::output::Output;

/// Height of a thumbnail in mm on the sheet.
const THUMB_MM: f64 = 45.0;
/// Pixels per point of the rendered sheet (the sheet is 420 mm wide).
const SCALE: f64 = 1.4;

#[derive(Serialize)]
struct SheetData {
    title: String,
    fonts: Vec<String>,
    height: f64,
    groups: Vec<Group>,
}

#[derive(Serialize)]
struct Group {
    label: String,
    items: Vec<Item>,
}

#[derive(Serialize)]
struct Item {
    label: String,
    path: String,
    page: Option<usize>,
}

/// Where a brochure's contact sheet goes, relative to the project root.
pub fn contact_sheet_path(brochure: &str) -> PathBuf {
    Path::new("output").join(brochure).join("contact-sheet.png")
}

/// Lays out and renders the contact sheet of `brochure` from its written
/// `outputs` (screen PDFs and social images), grouped by language.
pub fn contact_sheet(project: &Project, engine: &Engine, brochure: &str, outputs: &[(&str, &Output)]) -> Result<Vec<u8>, Diagnostics> {
    let mut groups: Vec<Group> = Vec::new();
    for (lang, output) in outputs {
        let name = output.path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        let path = format!("/{}", output.path.to_string_lossy().replace('\\', "/"));
        let items: Vec<Item> = if name.ends_with("-screen.pdf") {
            (1..=output.pages).map(|page| Item { label: format!("page {page}"), path: path.clone(), page: Some(page) }).collect()
        } else if name.ends_with(".png") || name.ends_with(".jpg") {
            let label = name.rsplit_once('.').map_or(name, |(stem, _)| stem).to_string();
            vec![Item { label, path, page: None }]
        } else {
            continue;
        };
        let label = project.config.languages.get(*lang).map_or(lang.to_string(), |l| format!("{lang} · {}", l.name));
        match groups.iter_mut().find(|g| g.label == label) {
            Some(group) => group.items.extend(items),
            None => groups.push(Group { label, items }),
        }
    }
    let fonts = project.config.fonts.values().flatten().fold(Vec::<String>::new(), |mut all, f| {
        if !all.contains(f) {
            all.push(f.clone());
        }
        all
    });
    let data = SheetData { title: format!("{brochure}: contact sheet"), fonts, height: THUMB_MM, groups };
    let doc = typeset(engine, Template::ContactSheet, &data, &project.config.source_language)?;
    let page = doc.pages().first().ok_or_else(|| vec![Diagnostic::error("the contact sheet has no page")])?;
    encode(&render(page, SCALE, false), ImageFormat::Png, 100).map_err(|d| vec![d])
}
