//! The data the typst template sets: one edition of a brochure in one
//! language, with geometry decided and text prepared.

use serde::Serialize;

use super::geometry::{self, Rect};
use crate::diag::{Diagnostics, Location};
use crate::fonts::FontSet;
use crate::model::translations::{Entry, Text, Translations};
use crate::model::event::{DATE_FORMAT, EVENT_LABELS, MONTHS, WEEKDAYS};
use crate::model::{Block, BlockKind, Brochure, Case, Cmyk, Direction, Event, Project, VAlign};
use crate::prepare::coverage::{self, FontChain};
use crate::prepare::{Kind, Run, TextContext, prepare_text};

/// Body text size in pt before the language's `text_scale`.
pub const BODY_PT: f64 = 11.5;

/// Step between the text scales tried when a block may shrink.
const SHRINK_STEP: f64 = 0.05;

/// The whole edition, as the template reads it.
#[derive(Debug, Clone, Serialize)]
pub struct DocData {
    /// Language code.
    pub lang: String,
    /// `ltr` or `rtl`.
    pub dir: &'static str,
    /// Font families, first choice first.
    pub fonts: Vec<String>,
    /// Text size factor of the language.
    pub scale: f64,
    /// Body text size in pt, before `scale`.
    pub body: f64,
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
    /// Whether runs link to what they open: on screens, never in print,
    /// where nothing may be interactive.
    pub links: bool,
}

/// A colour as the template sets it: CMYK for print, RGB for screens.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Ink {
    /// Cyan, magenta, yellow, black in percent.
    Cmyk([f64; 4]),
    /// Red, green, blue in percent.
    Rgb([f64; 3]),
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
    pub background: Option<(Rect, Ink)>,
    /// Where text goes.
    pub content: Rect,
    /// `top`, `middle`, `bottom`.
    pub valign: &'static str,
    /// Text colour.
    pub color: Ink,
    /// Heading colour.
    pub heading: Ink,
    /// Callout fill and text colours.
    pub callout: (Ink, Ink),
    /// Text scales for shrinkable blocks, largest first; the template uses
    /// the first with which the panel's content fits. `[1.0]` when no block
    /// may shrink.
    pub scales: Vec<f64>,
    /// Factor for gaps and insets given in mm, so they grow with the type
    /// of large formats.
    pub spacing: f64,
    /// Blocks, top to bottom.
    pub blocks: Vec<PlacedBlock>,
}

/// A block and whether it takes part in shrinking.
#[derive(Debug, Clone, Serialize)]
pub struct PlacedBlock {
    /// The block's content.
    #[serde(flatten)]
    pub data: BlockData,
    /// Set smaller with the panel's chosen scale.
    pub shrink: bool,
}

/// The scales to try for a panel: from 1 down to the smallest a shrinkable
/// block allows.
fn scales(blocks: &[Block]) -> Vec<f64> {
    let Some(min) = blocks.iter().filter_map(|b| b.shrink_to).map(|pt| (pt / BODY_PT).min(1.0)).reduce(f64::max) else {
        return vec![1.0];
    };
    let steps = ((1.0 - min) / SHRINK_STEP).floor() as usize;
    let mut out: Vec<f64> = (0..=steps).map(|i| 1.0 - i as f64 * SHRINK_STEP).collect();
    if out.last().is_some_and(|l| *l > min + 1e-9) {
        out.push(min);
    }
    out
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
    /// A table with a heading row. The template lays columns out in the
    /// text direction, so the first column is on the right in RTL.
    Table {
        /// Column headings.
        columns: Vec<Vec<Run>>,
        /// Rows of cells.
        rows: Vec<Vec<Vec<Run>>>,
        /// Relative widths; empty for equal columns.
        widths: Vec<f64>,
    },
    /// A list with tick boxes.
    Checklist {
        /// Items.
        items: Vec<Vec<Run>>,
    },
    /// A meeting, as label and value pairs.
    Event {
        /// Date, time, venue and organisers, each a label and its lines.
        rows: Vec<EventRow>,
    },
    /// A page break.
    #[serde(rename = "new-page")]
    NewPage,
}

/// One line of a meeting's details: a label and its value.
#[derive(Debug, Clone, Serialize)]
pub struct EventRow {
    /// The label: date, time, venue, organisers.
    pub label: Vec<Run>,
    /// The value's lines.
    pub lines: Vec<Vec<Run>>,
}

/// One contact line.
#[derive(Debug, Clone, Serialize)]
pub struct ContactData {
    /// The number, as dialled.
    pub number: Run,
    /// Name.
    pub name: Vec<Run>,
    /// What it is for.
    pub description: Vec<Run>,
}

/// A colour as the template reads it: CMYK percentages for print.
pub(super) fn ink(c: Cmyk) -> Ink {
    Ink::Cmyk(c.0)
}

/// A direction as the template reads it.
pub(crate) fn dir_name(dir: Direction) -> &'static str {
    match dir {
        Direction::Ltr => "ltr",
        Direction::Rtl => "rtl",
    }
}

/// Builds the data of one edition. Text is prepared here and checked
/// against the language's fonts; what that finds comes back with the data.
pub fn document(project: &Project, fonts: &FontSet, brochure: &Brochure, lang: &str) -> (DocData, Diagnostics) {
    let config = &project.config;
    let language = &config.languages[lang];
    let mut texts = Texts::new(project, fonts, lang);
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
                        scales: scales(&panel.blocks),
                        spacing: brochure.format.type_scale(),
                        blocks: panel
                            .blocks
                            .iter()
                            .map(|b| PlacedBlock { data: texts.block(project, &b.kind), shrink: b.shrink_to.is_some() })
                            .collect(),
                    }
                })
                .collect(),
        })
        .collect();

    let (width, height) = brochure.format.trim();
    let data = DocData {
        lang: lang.to_string(),
        dir: dir_name(language.dir),
        fonts: config.fonts[&language.fonts].clone(),
        scale: language.text_scale * brochure.format.type_scale(),
        body: BODY_PT,
        title: texts.plain(&brochure.title),
        width,
        height,
        bleed: config.print.bleed_mm,
        pages,
        links: false,
    };
    (data, texts.diagnostics)
}

/// Looks up, prepares and checks the strings of one language.
pub(crate) struct Texts<'a> {
    table: &'a Translations,
    lang: &'a str,
    dir: Direction,
    digits: crate::model::Digits,
    chain: Option<FontChain<'a>>,
    phones: Vec<String>,
    /// What preparing found so far.
    pub(crate) diagnostics: Diagnostics,
}

impl<'a> Texts<'a> {
    /// Texts of `lang`, which validation made sure the project has, checked
    /// against the language's font chain in `fonts`.
    pub(crate) fn new(project: &'a Project, fonts: &'a FontSet, lang: &'a str) -> Texts<'a> {
        let language = &project.config.languages[lang];
        let chain = FontChain::new(fonts, &language.fonts, &project.config.fonts[&language.fonts]);
        Texts { chain: Some(chain), ..Texts::unset(project, lang) }
    }

    /// Texts of `lang` for plain-text files (alt text, captions), which no
    /// font of kalem's sets, so their glyphs are not checked.
    pub(crate) fn unset(project: &'a Project, lang: &'a str) -> Texts<'a> {
        let config = &project.config;
        let language = &config.languages[lang];
        Texts {
            table: &project.translations[lang],
            lang,
            dir: language.dir,
            digits: language.digits,
            chain: None,
            phones: config.contacts.values().map(|c| c.number.clone()).collect(),
            diagnostics: Vec::new(),
        }
    }

    /// Prepares one printed string of the table and checks its glyphs.
    pub(crate) fn prepare(&mut self, key: &str, text: &Text, case: Option<Case>) -> Vec<Run> {
        self.prepare_checked(key, text, case, true)
    }

    /// Prepares a string; printed strings are also checked against the
    /// fonts (metadata such as titles and image descriptions is not set).
    fn prepare_checked(&mut self, key: &str, text: &Text, case: Option<Case>, printed: bool) -> Vec<Run> {
        let ctx = TextContext {
            lang: self.lang,
            dir: self.dir,
            digits: self.digits,
            case,
            key,
            location: Location::at(&self.table.file, text.line, text.column),
            phones: &self.phones,
        };
        let prepared = prepare_text(&text.text, &ctx);
        self.diagnostics.extend(prepared.diagnostics);
        if let Some(chain) = self.chain.as_ref().filter(|_| printed) {
            self.diagnostics.extend(coverage::check(&prepared.runs, chain, &ctx));
        }
        prepared.runs
    }

    /// The runs of a text key. Validation made sure it exists.
    pub(crate) fn runs(&mut self, key: &str, case: Option<Case>) -> Vec<Run> {
        match self.table.entries.get(key) {
            Some(Entry::Text(t)) => self.prepare(key, t, case),
            _ => Vec::new(),
        }
    }

    /// The items of a list key, each prepared. Validation made sure it
    /// exists.
    pub(crate) fn list(&mut self, key: &str) -> Vec<Vec<Run>> {
        let items = match self.table.entries.get(key) {
            Some(Entry::List(items)) => items.clone(),
            _ => Vec::new(),
        };
        items.iter().map(|t| self.prepare(key, t, None)).collect()
    }

    /// The strings of a list key, unprepared.
    fn raw_items(&self, key: &str) -> Vec<String> {
        match self.table.entries.get(key) {
            Some(Entry::List(items)) => items.iter().map(|t| t.text.clone()).collect(),
            _ => Vec::new(),
        }
    }

    /// Where a key stands in the translation file.
    pub(crate) fn location(&self, key: &str) -> Option<Location> {
        self.table.location(key)
    }

    /// The text of a key as one plain string, for metadata (not checked
    /// against the fonts: it is not set).
    pub(crate) fn plain(&mut self, key: &str) -> String {
        match self.table.entries.get(key) {
            Some(Entry::Text(t)) => self.prepare_checked(key, t, None, false).into_iter().map(|r| r.text).collect(),
            _ => String::new(),
        }
    }

    /// The data of one block.
    pub(crate) fn block(&mut self, project: &Project, block: &BlockKind) -> BlockData {
        match block {
            BlockKind::Heading { key, level, case } => BlockData::Heading { level: *level, runs: self.runs(key, *case) },
            BlockKind::Text { key, case } => BlockData::Text { runs: self.runs(key, *case) },
            BlockKind::Callout { key } => BlockData::Callout { runs: self.runs(key, None) },
            BlockKind::List { key } => BlockData::List { items: self.list(key) },
            BlockKind::Checklist { key } => BlockData::Checklist { items: self.list(key) },
            BlockKind::Table { columns, rows, widths } => {
                let cells = match self.table.entries.get(rows) {
                    Some(Entry::Rows(cells)) => cells.clone(),
                    _ => Vec::new(),
                };
                BlockData::Table {
                    columns: self.list(columns),
                    rows: cells.iter().map(|row| row.iter().map(|t| self.prepare(rows, t, None)).collect()).collect(),
                    widths: widths.clone(),
                }
            }
            BlockKind::Event(event) => self.event(event),
            BlockKind::NewPage => BlockData::NewPage,
            BlockKind::Contacts { ids } => BlockData::Contacts {
                items: ids
                    .iter()
                    .filter_map(|id| project.config.contacts.get(id))
                    .map(|c| ContactData {
                        number: Run::of(Kind::Phone, c.number.clone()),
                        name: self.runs(&c.name, None),
                        description: self.runs(&c.description, None),
                    })
                    .collect(),
            },
            BlockKind::Image { path, height, alt } => BlockData::Image {
                path: format!("/{}", path.to_string_lossy().replace('\\', "/")),
                height: *height,
                alt: alt.as_ref().map(|k| self.plain(k)),
            },
        }
    }

    /// A meeting's details; the date is written with the language's
    /// pattern, month and weekday names, then prepared like any text.
    fn event(&mut self, event: &Event) -> BlockData {
        let [date, time, venue, organisers] = EVENT_LABELS;
        let pattern = match self.table.entries.get(DATE_FORMAT) {
            Some(Entry::Text(t)) => t.clone(),
            _ => return BlockData::Event { rows: Vec::new() },
        };
        let written = Text { text: event.date.format(&pattern.text, &self.raw_items(MONTHS), &self.raw_items(WEEKDAYS)), ..pattern };
        let rows = vec![
            EventRow { label: self.runs(date, None), lines: vec![self.prepare(DATE_FORMAT, &written, None)] },
            EventRow { label: self.runs(time, None), lines: vec![vec![crate::prepare::numbers::hours(&event.hours(), self.digits)]] },
            EventRow { label: self.runs(venue, None), lines: vec![self.runs(&event.venue, None)] },
            EventRow {
                label: self.runs(organisers, None),
                lines: event.organisers.iter().map(|k| self.runs(k, None)).collect(),
            },
        ];
        BlockData::Event { rows: rows.into_iter().filter(|r| !r.lines.is_empty()).collect() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_block(shrink_to: Option<f64>) -> Block {
        Block { kind: BlockKind::Text { key: "k".into(), case: None }, shrink_to }
    }

    #[test]
    fn panels_without_shrinkable_blocks_keep_their_size() {
        assert_eq!(scales(&[text_block(None)]), vec![1.0]);
    }

    #[test]
    fn shrink_scales_step_down_to_the_minimum_size() {
        let s = scales(&[text_block(None), text_block(Some(10.35))]);
        assert_eq!(s.first(), Some(&1.0));
        assert!((s.last().unwrap() - 0.9).abs() < 1e-9, "{s:?}");
        assert!(s.windows(2).all(|w| w[0] > w[1]), "{s:?}");
    }
}
