//! The data of a document whose text flows over pages (`a4`, `a5`): page
//! size and margins, the running header, the digits of page numbers, and
//! the blocks in reading order.

use serde::Serialize;

use super::document::{BlockData, Ink, Texts, dir_name, ink};
use crate::fonts::FontSet;
use super::screen::screen_ink;
use crate::diag::Diagnostics;
use crate::model::{Brochure, Cmyk, Project};
use crate::model::colour::Colours;

/// A flowing document, as `flow.typ` reads it.
#[derive(Debug, Clone, Serialize)]
pub struct FlowData {
    /// Language code.
    pub lang: String,
    /// `ltr` or `rtl`.
    pub dir: &'static str,
    /// Font families, first choice first.
    pub fonts: Vec<String>,
    /// Text size factor of the language and format.
    pub scale: f64,
    /// Document title, also the running header.
    pub title: String,
    /// Publisher, in the footer.
    pub organisation: String,
    /// Trim width in mm.
    pub width: f64,
    /// Trim height in mm.
    pub height: f64,
    /// Bleed in mm.
    pub bleed: f64,
    /// Margins from the trim in mm: across, top, bottom.
    pub margins: (f64, f64, f64),
    /// The language's digits 0 to 9, for page numbers.
    pub digits: Vec<String>,
    /// Title of the table of contents when there is one.
    pub toc: Option<String>,
    /// Body text colour.
    pub color: Ink,
    /// Heading colour, also the bar at the top of each page.
    pub heading: Ink,
    /// Callout fill and text colours.
    pub callout: (Ink, Ink),
    /// Factor for gaps and insets given in mm (see
    /// [`super::document::PanelData::spacing`]).
    pub spacing: f64,
    /// Blocks in reading order.
    pub blocks: Vec<BlockData>,
}

/// Builds the data of one edition of a document, with a table of contents
/// if `toc` and the brochure names its title; see
/// [`super::typeset_edition`] for when it gets one.
pub fn flow_document(project: &Project, fonts: &FontSet, brochure: &Brochure, lang: &str, toc: bool) -> (FlowData, Diagnostics) {
    let config = &project.config;
    let language = &config.languages[lang];
    let color = |name: &str| config.colors.get(name).copied().unwrap_or(Cmyk::BLACK);
    let mut texts = Texts::new(project, fonts, lang);
    let (width, height) = brochure.format.trim();
    let m = brochure.format.margins();
    let zero = language.digits.zero() as u32;
    let data = FlowData {
        lang: lang.to_string(),
        dir: dir_name(language.dir),
        fonts: config.fonts[&language.fonts].clone(),
        scale: language.text_scale * brochure.format.type_scale(),
        title: texts.plain(&brochure.title),
        organisation: config.organisation.name.clone(),
        width,
        height,
        bleed: config.print.bleed_mm,
        margins: (m.x, m.top, m.bottom),
        digits: (0..10).filter_map(|d| char::from_u32(zero + d)).map(String::from).collect(),
        toc: brochure.toc.as_ref().filter(|_| toc).map(|key| texts.plain(key)),
        color: ink(Cmyk::BLACK),
        heading: ink(color(&config.theme.heading)),
        callout: (ink(color(&config.theme.callout)), ink(color(&config.theme.callout_text))),
        spacing: brochure.format.type_scale(),
        blocks: brochure.content.iter().map(|b| texts.block(project, &b.kind)).collect(),
    };
    (data, texts.diagnostics)
}

impl FlowData {
    /// The same document for the screen PDF: no bleed, RGB colours.
    pub fn for_screen(mut self, colours: &Colours) -> FlowData {
        self.bleed = 0.0;
        for ink in [&mut self.color, &mut self.heading, &mut self.callout.0, &mut self.callout.1] {
            *ink = screen_ink(*ink, colours);
        }
        self
    }
}
