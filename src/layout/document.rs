//! The data the typst template sets: one edition of a brochure in one
//! language, with geometry decided and text prepared.

use serde::Serialize;

use super::fonts::FontSet;
use super::geometry::{self, Rect};
use crate::diag::{Diagnostics, Location};
use crate::load::translations::{Entry, Translations};
use crate::model::{Block, Brochure, Case, Cmyk, Direction, Project, VAlign};
use crate::prepare::coverage::{self, FontChain};
use crate::prepare::{Run, TextContext, prepare_text};

/// The whole edition, as the template reads it.
#[derive(Debug, Clone, Serialize)]
pub struct DocData {
    /// Language code.
    pub lang: String,
    /// `ltr` or `rtl`.
    pub dir: &'static str,
    /// Font families, first choice first.
    pub fonts: Vec<String>,
    /// Document title.
    pub title: String,
    /// Trim width in mm.
    pub width: f64,
    /// Trim height in mm.
    pub height: f64,
    /// Bleed in mm.
    pub bleed: f64,
    /// Sides of the sheet.
    pub pages: Vec<PageData>,
}

/// One side of the sheet.
#[derive(Debug, Clone, Serialize)]
pub struct PageData {
    /// `outside`, `inside`.
    pub name: &'static str,
    /// Panels.
    pub panels: Vec<PanelData>,
}

/// One panel as the template places it.
#[derive(Debug, Clone, Serialize)]
pub struct PanelData {
    /// Panel name.
    pub name: &'static str,
    /// Background area (into the bleed at sheet edges) and its colour.
    pub background: Option<(Rect, [f64; 4])>,
    /// Where text goes.
    pub content: Rect,
    /// `top`, `middle`, `bottom`.
    pub valign: &'static str,
    /// Text colour.
    pub color: [f64; 4],
    /// Heading colour.
    pub heading: [f64; 4],
    /// Callout fill and text colours.
    pub callout: ([f64; 4], [f64; 4]),
    /// Blocks, top to bottom.
    pub blocks: Vec<BlockData>,
}

/// A block as the template sets it.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum BlockData {
    /// A heading of level 1 to 3.
    Heading {
        /// Level.
        level: u8,
        /// Text.
        runs: Vec<Run>,
    },
    /// A paragraph.
    Text {
        /// Text.
        runs: Vec<Run>,
    },
    /// A bulleted list.
    List {
        /// Items.
        items: Vec<Vec<Run>>,
    },
    /// A highlighted box.
    Callout {
        /// Text.
        runs: Vec<Run>,
    },
    /// Hotlines.
    Contacts {
        /// One per contact.
        items: Vec<ContactData>,
    },
    /// An image from the project.
    Image {
        /// Absolute path inside the project, as typst reads it.
        path: String,
        /// Height in mm.
        height: f64,
        /// Description for readers of the PDF.
        alt: Option<String>,
    },
}

/// One contact line.
#[derive(Debug, Clone, Serialize)]
pub struct ContactData {
    /// The number, as dialled.
    pub number: String,
    /// Name.
    pub name: Vec<Run>,
    /// What it is for.
    pub description: Vec<Run>,
}

fn ink(c: Cmyk) -> [f64; 4] {
    c.0
}

/// Builds the data of one edition. Text is prepared here and checked
/// against the language's fonts; what that finds comes back with the data.
pub fn document(project: &Project, fonts: &FontSet, brochure: &Brochure, lang: &str) -> (DocData, Diagnostics) {
    let config = &project.config;
    let language = &config.languages[lang];
    let table = &project.translations[lang];
    let chain = FontChain::new(fonts, &language.fonts, &config.fonts[&language.fonts]);
    let phones: Vec<String> = config.contacts.values().map(|c| c.number.clone()).collect();
    let mut texts =
        Texts { table, lang, dir: language.dir, digits: language.digits, chain, phones: &phones, diagnostics: Vec::new() };
    let color = |name: &str| config.colors.get(name).copied().unwrap_or(Cmyk::BLACK);
    let callout = (ink(color(&config.theme.callout)), ink(color(&config.theme.callout_text)));

    let pages = geometry::pages(brochure.format, language.dir, config.print.bleed_mm)
        .into_iter()
        .map(|page| PageData {
            name: page.name,
            panels: page
                .panels
                .iter()
                .map(|slot| {
                    let panel = brochure.panels.get(slot.name).cloned().unwrap_or_else(|| crate::model::Panel {
                        background: None,
                        color: Cmyk::BLACK,
                        valign: VAlign::Top,
                        blocks: Vec::new(),
                    });
                    let heading = if panel.background.is_some() { panel.color } else { color(&config.theme.heading) };
                    PanelData {
                        name: slot.name,
                        background: panel.background.map(|c| (slot.background, ink(c))),
                        content: slot.content,
                        valign: match panel.valign {
                            VAlign::Top => "top",
                            VAlign::Middle => "middle",
                            VAlign::Bottom => "bottom",
                        },
                        color: ink(panel.color),
                        heading: ink(heading),
                        callout,
                        blocks: panel.blocks.iter().map(|b| texts.block(project, b)).collect(),
                    }
                })
                .collect(),
        })
        .collect();

    let (width, height) = brochure.format.trim();
    let data = DocData {
        lang: lang.to_string(),
        dir: match language.dir {
            Direction::Ltr => "ltr",
            Direction::Rtl => "rtl",
        },
        fonts: config.fonts[&language.fonts].clone(),
        title: texts.plain(&brochure.title),
        width,
        height,
        bleed: config.print.bleed_mm,
        pages,
    };
    (data, texts.diagnostics)
}

/// Looks up, prepares and checks the strings of one language.
struct Texts<'a> {
    table: &'a Translations,
    lang: &'a str,
    dir: Direction,
    digits: crate::model::Digits,
    chain: FontChain<'a>,
    phones: &'a [String],
    diagnostics: Diagnostics,
}

impl Texts<'_> {
    /// Prepares a string; printed strings are also checked against the
    /// fonts (metadata such as titles and image descriptions is not set).
    fn prepare(&mut self, key: &str, text: &crate::load::translations::Text, case: Option<Case>, printed: bool) -> Vec<Run> {
        let ctx = TextContext {
            lang: self.lang,
            dir: self.dir,
            digits: self.digits,
            case,
            key,
            location: Location::at(&self.table.file, text.line, text.column),
            phones: self.phones,
        };
        let prepared = prepare_text(&text.text, &ctx);
        self.diagnostics.extend(prepared.diagnostics);
        if printed {
            self.diagnostics.extend(coverage::check(&prepared.runs, &self.chain, &ctx));
        }
        prepared.runs
    }

    /// The runs of a printed text key. Validation made sure it exists.
    fn runs(&mut self, key: &str, case: Option<Case>) -> Vec<Run> {
        match self.table.entries.get(key) {
            Some(Entry::Text(t)) => self.prepare(key, t, case, true),
            _ => Vec::new(),
        }
    }

    /// The text of a key as one plain string, for metadata.
    fn plain(&mut self, key: &str) -> String {
        match self.table.entries.get(key) {
            Some(Entry::Text(t)) => self.prepare(key, t, None, false).into_iter().map(|r| r.text).collect(),
            _ => String::new(),
        }
    }

    fn block(&mut self, project: &Project, block: &Block) -> BlockData {
        match block {
            Block::Heading { key, level, case } => BlockData::Heading { level: *level, runs: self.runs(key, *case) },
            Block::Text { key, case } => BlockData::Text { runs: self.runs(key, *case) },
            Block::Callout { key } => BlockData::Callout { runs: self.runs(key, None) },
            Block::List { key } => {
                let items = match self.table.entries.get(key) {
                    Some(Entry::List(items)) => items.clone(),
                    _ => Vec::new(),
                };
                BlockData::List { items: items.iter().map(|t| self.prepare(key, t, None, true)).collect() }
            }
            Block::Contacts { ids } => BlockData::Contacts {
                items: ids
                    .iter()
                    .filter_map(|id| project.config.contacts.get(id))
                    .map(|c| ContactData {
                        number: c.number.clone(),
                        name: self.runs(&c.name, None),
                        description: self.runs(&c.description, None),
                    })
                    .collect(),
            },
            Block::Image { path, height, alt } => BlockData::Image {
                path: format!("/{}", path.to_string_lossy().replace('\\', "/")),
                height: *height,
                alt: alt.as_ref().map(|k| self.plain(k)),
            },
        }
    }
}
