//! Layout: Rust owns the geometry, typst sets the text inside it. Every
//! format is made of the same [`blocks`], read by the templates through
//! the same data contract ([`contract`]) and reported back through the same
//! probe ([`probe`]).

pub mod bounds;
pub mod contract;
pub mod draft;
pub mod empty;
pub mod fit;
pub mod flow;
pub mod geometry;
pub mod glyph_text;
pub mod harakat;
pub mod numbers;
pub mod panels;
pub mod photo;
pub mod probe;
pub mod qr_region;
pub mod screen;
mod show_order;
pub mod social;
pub mod spaces;
pub mod text_map;
pub mod unfold;
pub mod walk;
pub mod world;

use serde::Serialize;
use typst::foundations::Bytes;
use typst_layout::PagedDocument;

use crate::diag::{Diagnostic, Diagnostics, Location, has_errors};
use crate::model::Edition;
use contract::Common;
use flow::FlowData;
use panels::PanelsData;
use world::{Engine, Template};

/// Documents with more pages than this get a table of contents.
pub const TOC_AFTER_PAGES: usize = 4;

/// What an edition is set from: a sheet of panels or a flowing document.
#[derive(Debug, Clone)]
pub enum EditionData {
    /// Tri-fold, flyer, poster.
    Panels(PanelsData),
    /// A4 and A5 documents.
    Flow(FlowData),
}

impl EditionData {
    /// What every template reads.
    pub fn common(&self) -> &Common {
        match self {
            EditionData::Panels(d) => &d.common,
            EditionData::Flow(d) => &d.common,
        }
    }

    /// The document title, in the edition's language.
    pub fn title(&self) -> &str {
        &self.common().title
    }

    /// Sets the data with its template.
    pub fn typeset(&self, engine: &Engine) -> Result<PagedDocument, Diagnostics> {
        match self {
            EditionData::Panels(d) => typeset(engine, Template::Panels, d, &d.common.lang),
            EditionData::Flow(d) => typeset(engine, Template::Flow, d, &d.common.lang),
        }
    }
}

/// A typeset edition with the data it was set from.
#[derive(Debug)]
pub struct Set {
    /// The laid-out pages.
    pub doc: PagedDocument,
    /// What the template was given.
    pub data: EditionData,
    /// Warnings found on the way.
    pub warnings: Diagnostics,
}

/// Prepares and typesets one edition. Warnings come back with the document;
/// errors (text preparation, overflow of a panel) instead of it. The pages
/// carry the text layer the PDFs need ([`harakat`], [`text_map`]).
///
/// A flowing document is set once; when it runs over
/// [`TOC_AFTER_PAGES`] pages it is set again with a table of contents.
pub fn typeset_edition(engine: &Engine, edition: &Edition) -> Result<Set, Diagnostics> {
    let set = laid_out(engine, edition)?;
    Ok(Set { doc: text_map::narrow(harakat::rejoin(set.doc)), ..set })
}

fn laid_out(engine: &Engine, edition: &Edition) -> Result<Set, Diagnostics> {
    let brochure = edition.brochure;
    if !brochure.format.is_flow() {
        let (data, mut warnings) = panels::panels(edition, engine);
        if has_errors(&warnings) {
            return Err(warnings);
        }
        let doc = typeset(engine, Template::Panels, &data, edition.lang)?;
        let overflow = fit::check_overflow(&doc, edition);
        if !overflow.is_empty() {
            warnings.extend(overflow);
            return Err(warnings);
        }
        warnings.extend(empty::empty_panels(&doc, edition));
        return Ok(Set { doc, data: EditionData::Panels(data), warnings });
    }
    let (data, mut warnings) = flow::flow_document(edition, engine.fonts(), false);
    if has_errors(&warnings) {
        return Err(warnings);
    }
    let doc = typeset(engine, Template::Flow, &data, edition.lang)?;
    let pages = doc.pages().len();
    if pages <= TOC_AFTER_PAGES {
        return Ok(Set { doc, data: EditionData::Flow(data), warnings });
    }
    if brochure.toc.is_none() {
        warnings.push(
            Diagnostic::warning(format!("this document has {pages} pages but no table of contents"))
                .at(Location::file(&brochure.file))
                .lang(edition.lang)
                .hint("add `toc: key` naming the translation of its title, e.g. `toc: handout.contents`"),
        );
        return Ok(Set { doc, data: EditionData::Flow(data), warnings });
    }
    let (data, _) = flow::flow_document(edition, engine.fonts(), true);
    let doc = typeset(engine, Template::Flow, &data, edition.lang)?;
    Ok(Set { doc, data: EditionData::Flow(data), warnings })
}

/// Sets data with a template. Errors typst reports are turned into
/// diagnostics naming the edition; they point at kalem's template, not at
/// the user's files, except for images, which name the asset.
pub fn typeset(engine: &Engine, template: Template, data: &impl Serialize, lang: &str) -> Result<PagedDocument, Diagnostics> {
    typeset_with(engine, template, data, lang, [])
}

/// Typesets `data` with `template` as [`typeset`] does, with in-memory
/// files (absolute path, bytes) the data refers to.
pub fn typeset_with<'a>(engine: &Engine, template: Template, data: &impl Serialize, lang: &str, files: impl IntoIterator<Item = (&'a str, Bytes)>) -> Result<PagedDocument, Diagnostics> {
    let fail = |what: String| vec![Diagnostic::error(what).lang(lang)];
    let json = serde_json::to_vec(data).map_err(|e| fail(format!("cannot encode the document data: {e}")))?;
    let world = engine.world(template, json).with_files(files).map_err(|e| fail(format!("cannot hand typst the file {e}")))?;
    compile(&world, lang)
}

/// Compiles a world, turning typst's errors into diagnostics in `lang`.
pub fn compile(world: &world::KalemWorld, lang: &str) -> Result<PagedDocument, Diagnostics> {
    let result = typst::compile::<PagedDocument>(world);
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
