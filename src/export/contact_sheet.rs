//! The contact sheet: every page of every language and every social image of
//! a brochure as labelled thumbnails on one PNG, so a designer reviews a
//! whole campaign at a glance. It is composed from the [`Output`] values the
//! jobs returned: each screen PDF and social image comes with small
//! renderings of its pages, made from the pages the job had just set and
//! written to disk as PNGs ([`crate::export::output::PreviewFile`]), so the
//! build holds no pixels between jobs and a sheet can be made from the
//! outputs of earlier builds or of other shards. typst lays the sheet out; the previews reach it
//! as raw pixels from memory.

use serde::Serialize;
use typst::foundations::Bytes;
use typst_layout::PagedDocument;

use super::image::{encode, render};
use super::output::{Kind, Output, Preview};
use crate::diag::{Diagnostic, Diagnostics};
use crate::layout::world::{Engine, Template};
use crate::model::social::ImageFormat;
use crate::model::{Brochure, Project};

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
    width: u32,
    height: u32,
}

/// The outputs a contact sheet shows, in order: screen PDFs before social
/// images, by language in the brochure's order, then by file.
fn shown<'a>(brochure: &Brochure, outputs: &[&'a Output]) -> Vec<&'a Output> {
    let order = |o: &Output| {
        let lang = o.lang.as_ref().and_then(|l| brochure.languages.iter().position(|b| b == l));
        (lang, o.kind != Kind::ScreenPdf, o.path.clone())
    };
    let mut shown: Vec<&Output> = outputs.iter().copied().filter(|o| o.brochure == brochure.key() && !o.previews.is_empty()).collect();
    shown.sort_by_key(|o| order(o));
    shown
}

/// Lays out and renders the contact sheet of `brochure` from the previews
/// of its `outputs`, grouped by language. None when no output has a preview.
pub fn contact_sheet(project: &Project, engine: &Engine, brochure: &Brochure, outputs: &[&Output]) -> Option<Result<Vec<u8>, Diagnostics>> {
    let mut groups: Vec<Group> = Vec::new();
    let mut previews: Vec<Preview> = Vec::new();
    for output in shown(brochure, outputs) {
        let lang = output.lang.as_deref().unwrap_or_default();
        let label = project.config.languages.get(lang).map_or(lang.to_string(), |l| format!("{lang} · {}", l.name));
        let mut items = Vec::new();
        for file in &output.previews {
            let p = match file.load(&project.root) {
                Ok(p) => p,
                Err(e) => return Some(Err(vec![Diagnostic::error(e).hint("build again with `--force`")])),
            };
            items.push(Item { label: p.label.clone(), path: preview_path(previews.len()), width: p.width, height: p.height });
            previews.push(p);
        }
        match groups.iter_mut().find(|g| g.label == label) {
            Some(group) => group.items.extend(items),
            None => groups.push(Group { label, items }),
        }
    }
    if previews.is_empty() {
        return None;
    }
    let data = SheetData { title: format!("{}: contact sheet", brochure.key()), fonts: project.config.font_families(), height: THUMB_MM, groups };
    Some(typeset(engine, &data, &previews).and_then(|doc| {
        let page = doc.pages().first().ok_or_else(|| vec![Diagnostic::error("the contact sheet has no page")])?;
        encode(&render(page, SCALE, false), ImageFormat::Png, 100).map_err(|d| vec![d])
    }))
}

fn preview_path(index: usize) -> String {
    format!("/.kalem/preview/{index}.rgb")
}

fn typeset(engine: &Engine, data: &SheetData, previews: &[Preview]) -> Result<PagedDocument, Diagnostics> {
    let fail = |what: String| vec![Diagnostic::error(format!("cannot lay out the contact sheet: {what}"))];
    let json = serde_json::to_vec(data).map_err(|e| fail(e.to_string()))?;
    let files = previews.iter().enumerate().map(|(index, preview)| (preview_path(index), Bytes::new(preview.rgb.clone())));
    let world = engine.world(Template::ContactSheet, json).with_files(files).map_err(fail)?;
    typst::compile::<PagedDocument>(&world).output.map_err(|errors| errors.iter().flat_map(|e| fail(e.message.to_string())).collect())
}
