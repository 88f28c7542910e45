//! The data of a document whose text flows over pages (`a4`, `a5`): page
//! size and margins, the running header and footer, the digits of page
//! numbers, and the blocks in reading order.

use serde::Serialize;

use crate::blocks::BlockData;
use super::contract::{Common, Metrics, theme_palette};
use crate::blocks::texts::Texts;
use crate::diag::Diagnostics;
use crate::fonts::FontSet;
use crate::model::Edition;
use crate::prepare::Run;

/// Body text size of documents in pt, before `scale`.
pub const FLOW_BODY_PT: f64 = 11.0;

/// A flowing document, as `flow.typ` reads it.
#[derive(Debug, Clone, Serialize)]
pub struct FlowData {
    /// What every template reads.
    #[serde(flatten)]
    pub common: Common,
    /// Publisher, in the footer.
    pub organisation: Vec<Run>,
    /// Margins from the trim in mm: across, top, bottom.
    pub margins: (f64, f64, f64),
    /// The language's digits 0 to 9, for page numbers.
    pub digits: Vec<String>,
    /// Title of the table of contents when there is one.
    pub toc: Option<String>,
    /// Blocks in reading order.
    pub blocks: Vec<BlockData>,
}

/// Builds the data of one edition of a document, with a table of contents
/// if `toc` and the brochure names its title; see
/// [`super::typeset_edition`] for when it gets one.
pub fn flow_document(edition: &Edition, fonts: &FontSet, toc: bool) -> (FlowData, Diagnostics) {
    let brochure = edition.brochure;
    let mut texts = Texts::new(*edition, fonts);
    let m = brochure.format.margins();
    let zero = edition.digits().zero() as u32;
    let title = texts.plain(&brochure.title);
    let data = FlowData {
        common: Common::new(edition, title, brochure.format.trim(), theme_palette(edition), Metrics::printed(edition, fonts, FLOW_BODY_PT)),
        organisation: texts.organisation(),
        margins: (m.x, m.top, m.bottom),
        digits: (0..10).filter_map(|d| char::from_u32(zero + d)).map(String::from).collect(),
        toc: brochure.toc.as_ref().filter(|_| toc).map(|key| texts.plain(key)),
        blocks: texts.blocks(&brochure.content, brochure.format.trim().0 - 2.0 * m.x),
    };
    (data, texts.diagnostics)
}
