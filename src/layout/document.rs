//! The data the typst template sets: one edition of a brochure in one
//! language, with geometry decided and text prepared.

use serde::Serialize;

use super::geometry::{self, Rect};
use crate::diag::{Diagnostics, Location};
use crate::load::translations::{Entry, Text, Translations};
use crate::model::event::{DATE_FORMAT, EVENT_LABELS, MONTHS, WEEKDAYS};
use crate::model::{Block, Brochure, Case, Cmyk, Direction, Event, Project, VAlign};
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
    /// Text size factor of the language.
    pub scale: f64,
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
    /// Factor for gaps and insets given in mm, so they grow with the type
    /// of large formats.
    pub spacing: f64,
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
    pub number: String,
    /// Name.
    pub name: Vec<Run>,
    /// What it is for.
    pub description: Vec<Run>,
}

/// A colour as the template reads it: CMYK percentages.
pub(super) fn ink(c: Cmyk) -> [f64; 4] {
    c.0
}

/// A direction as the template reads it.
pub(super) fn dir_name(dir: Direction) -> &'static str {
    match dir {
        Direction::Ltr => "ltr",
        Direction::Rtl => "rtl",
    }
}

/// Builds the data of one edition. Text is prepared here; what preparing
/// finds comes back with the data.
pub fn document(project: &Project, brochure: &Brochure, lang: &str) -> (DocData, Diagnostics) {
    let config = &project.config;
    let language = &config.languages[lang];
    let mut texts = Texts::new(project, lang);
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
                        spacing: brochure.format.type_scale(),
                        blocks: panel.blocks.iter().map(|b| texts.block(project, b)).collect(),
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
        title: texts.plain(&brochure.title),
        width,
        height,
        bleed: config.print.bleed_mm,
        pages,
    };
    (data, texts.diagnostics)
}

/// Looks up and prepares the strings of one language.
pub(super) struct Texts<'a> {
    table: &'a Translations,
    lang: &'a str,
    dir: Direction,
    digits: crate::model::Digits,
    /// What preparing found so far.
    pub(super) diagnostics: Diagnostics,
}

impl<'a> Texts<'a> {
    /// The texts of `lang`, which must be a language of the project.
    pub(super) fn new(project: &'a Project, lang: &'a str) -> Texts<'a> {
        let language = &project.config.languages[lang];
        let table = &project.translations[lang];
        Texts { table, lang, dir: language.dir, digits: language.digits, diagnostics: Vec::new() }
    }

    fn prepare(&mut self, key: &str, text: &crate::load::translations::Text, case: Option<Case>) -> Vec<Run> {
        let ctx = TextContext {
            lang: self.lang,
            dir: self.dir,
            digits: self.digits,
            case,
            key,
            location: Location::at(&self.table.file, text.line, text.column),
        };
        let prepared = prepare_text(&text.text, &ctx);
        self.diagnostics.extend(prepared.diagnostics);
        prepared.runs
    }

    /// The runs of a text key. Validation made sure it exists.
    fn runs(&mut self, key: &str, case: Option<Case>) -> Vec<Run> {
        match self.table.entries.get(key) {
            Some(Entry::Text(t)) => self.prepare(key, t, case),
            _ => Vec::new(),
        }
    }

    /// The runs of each item of a list key. Validation made sure it exists.
    fn items(&mut self, key: &str) -> Vec<Vec<Run>> {
        match self.table.entries.get(key) {
            Some(Entry::List(items)) => items.iter().map(|t| self.prepare(key, t, None)).collect(),
            _ => Vec::new(),
        }
    }

    /// The strings of a list key, unprepared.
    fn raw_items(&self, key: &str) -> Vec<String> {
        match self.table.entries.get(key) {
            Some(Entry::List(items)) => items.iter().map(|t| t.text.clone()).collect(),
            _ => Vec::new(),
        }
    }

    /// The text of a key as one plain string, for metadata.
    pub(super) fn plain(&mut self, key: &str) -> String {
        self.runs(key, None).into_iter().map(|r| r.text).collect()
    }

    /// The data of one block.
    pub(super) fn block(&mut self, project: &Project, block: &Block) -> BlockData {
        match block {
            Block::Heading { key, level, case } => BlockData::Heading { level: *level, runs: self.runs(key, *case) },
            Block::Text { key, case } => BlockData::Text { runs: self.runs(key, *case) },
            Block::Callout { key } => BlockData::Callout { runs: self.runs(key, None) },
            Block::List { key } => BlockData::List { items: self.items(key) },
            Block::Checklist { key } => BlockData::Checklist { items: self.items(key) },
            Block::Table { columns, rows, widths } => {
                let cells = match self.table.entries.get(rows) {
                    Some(Entry::Rows(cells)) => cells.clone(),
                    _ => Vec::new(),
                };
                BlockData::Table {
                    columns: self.items(columns),
                    rows: cells.iter().map(|row| row.iter().map(|t| self.prepare(rows, t, None)).collect()).collect(),
                    widths: widths.clone(),
                }
            }
            Block::Event(event) => self.event(event),
            Block::NewPage => BlockData::NewPage,
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
            EventRow { label: self.runs(time, None), lines: vec![vec![Run { ltr: true, ..Run::plain(event.hours()) }]] },
            EventRow { label: self.runs(venue, None), lines: vec![self.runs(&event.venue, None)] },
            EventRow {
                label: self.runs(organisers, None),
                lines: event.organisers.iter().map(|k| self.runs(k, None)).collect(),
            },
        ];
        BlockData::Event { rows: rows.into_iter().filter(|r| !r.lines.is_empty()).collect() }
    }
}
