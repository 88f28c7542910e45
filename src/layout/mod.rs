//! Layout: Rust owns the geometry, typst sets the text inside it.

pub mod document;
pub mod flow;
pub mod fonts;
pub mod geometry;
pub mod world;

use serde::Serialize;
use typst_layout::PagedDocument;

use crate::diag::{Diagnostic, Diagnostics, has_errors};
use crate::model::{Brochure, Project};
use world::{Engine, Template};

/// Documents with more pages than this get a table of contents.
pub const TOC_AFTER_PAGES: usize = 4;

/// Prepares and typesets one edition. Warnings come back with the document;
/// errors (including those found while preparing text) instead of it.
///
/// A flowing document is set once; when it runs over
/// [`TOC_AFTER_PAGES`] pages it is set again with a table of contents.
pub fn typeset_edition(
    engine: &Engine,
    project: &Project,
    brochure: &Brochure,
    lang: &str,
) -> Result<(PagedDocument, Diagnostics), Diagnostics> {
    if !brochure.format.is_flow() {
        let (data, found) = document::document(project, brochure, lang);
        if has_errors(&found) {
            return Err(found);
        }
        return Ok((typeset(engine, Template::Panels, &data, lang)?, found));
    }
    let (data, mut found) = flow::flow_document(project, brochure, lang, false);
    if has_errors(&found) {
        return Err(found);
    }
    let doc = typeset(engine, Template::Flow, &data, lang)?;
    let pages = doc.pages().len();
    if pages <= TOC_AFTER_PAGES {
        return Ok((doc, found));
    }
    if brochure.toc.is_none() {
        found.push(
            Diagnostic::warning(format!("this document has {pages} pages but no table of contents"))
                .at(crate::diag::Location::file(&brochure.file))
                .lang(lang)
                .hint("add `toc: key` naming the translation of its title, e.g. `toc: handout.contents`"),
        );
        return Ok((doc, found));
    }
    let (data, _) = flow::flow_document(project, brochure, lang, true);
    Ok((typeset(engine, Template::Flow, &data, lang)?, found))
}

/// Sets data with a template. Errors typst reports are turned into
/// diagnostics naming the edition; they point at kalem's template, not at
/// the user's files, except for images, which name the asset.
fn typeset(engine: &Engine, template: Template, data: &impl Serialize, lang: &str) -> Result<PagedDocument, Diagnostics> {
    let json = serde_json::to_vec(data).map_err(|e| vec![Diagnostic::error(format!("cannot encode the document data: {e}"))])?;
    let world = engine.world(template, json);
    let result = typst::compile::<PagedDocument>(&world);
    result.output.map_err(|errors| {
        errors
            .iter()
            .map(|e| {
                let mut d = Diagnostic::error(format!("typesetting failed: {}", e.message.to_lowercase())).lang(lang);
                if let Some(hint) = e.hints.first() {
                    d = d.hint(hint.v.to_string());
                }
                d
            })
            .collect()
    })
}
