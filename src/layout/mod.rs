//! Layout: Rust owns the geometry, typst sets the text inside it.

pub mod document;
pub mod fonts;
pub mod geometry;
pub mod marks;
pub mod world;

use typst_layout::PagedDocument;

use crate::diag::{Diagnostic, Diagnostics};
use document::DocData;
use world::Engine;

/// Sets one edition with typst, with harakat rejoined to their letters
/// ([`marks`]). Errors typst reports are turned into diagnostics naming the
/// edition; they point at kalem's template, not at the user's files, except
/// for images, which name the asset.
pub fn typeset(engine: &Engine, data: &DocData) -> Result<PagedDocument, Diagnostics> {
    let json = serde_json::to_vec(data).map_err(|e| vec![Diagnostic::error(format!("cannot encode the document data: {e}"))])?;
    let world = engine.world(json);
    let result = typst::compile::<PagedDocument>(&world);
    result.output.map(marks::rejoin).map_err(|errors| {
        errors
            .iter()
            .map(|e| {
                let mut d = Diagnostic::error(format!("typesetting failed: {}", e.message.to_lowercase())).lang(&data.lang);
                if let Some(hint) = e.hints.first() {
                    d = d.hint(hint.v.to_string());
                }
                d
            })
            .collect()
    })
}
