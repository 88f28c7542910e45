//! The block vocabulary every renderer sets: headings, paragraphs, lists,
//! callouts, contacts, images, tables, checklists, meetings. Panels,
//! documents, social posts and the site's pages are all made of these
//! blocks, resolved and prepared once here; typst's templates
//! (`layout`) and the HTML pages (`site`) only render them.

pub mod campaign;
pub mod photo;
pub mod texts;

use serde::Serialize;

use campaign::{PartnersData, QrData};
use photo::{PhotoData, Rect, photo_data};
use texts::Texts;
use crate::model::event::{DATE_FORMAT, EVENT_LABELS, MONTHS, WEEKDAYS};
use crate::model::translations::Text;
use crate::model::{Block, BlockKind, Cmyk, Event};
use crate::prepare::{Kind, Run};

/// A direction as the templates (typst's and the site's) read it.
pub fn dir_name(dir: crate::model::Direction) -> &'static str {
    match dir {
        crate::model::Direction::Ltr => "ltr",
        crate::model::Direction::Rtl => "rtl",
    }
}

/// Body text size in pt before the language's `text_scale`.
pub const BODY_PT: f64 = 11.5;

/// Step between the text scales tried when a block may shrink.
const SHRINK_STEP: f64 = 0.05;

/// A block as the template sets it.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum BlockData {
    /// A heading of level 1 to 3.
    Heading {
        /// Level, which sets its size.
        level: u8,
        /// Level in the document's outline, what screen readers announce:
        /// see [`outline_levels`].
        outline: u8,
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
    /// A person's name, in its own script and direction.
    Name {
        /// Text.
        runs: Vec<Run>,
        /// The name's direction, `ltr` or `rtl`: its letters'.
        dir: &'static str,
        /// The font families of a language whose fonts set all of it.
        fonts: Vec<String>,
        /// That language, as typst takes it (shaping and line breaking).
        lang: String,
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
        /// With `fit: cover`, the photo filling the column's width at
        /// `height`, in mm from the block's top-left corner.
        photo: Option<PhotoData>,
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
        /// The start, machine-readable (ISO 8601, [`Event::iso_start`]).
        start: String,
    },
    /// A page break.
    #[serde(rename = "new-page")]
    NewPage,
    /// A QR code.
    Qr(QrData),
    /// Funders' and partners' logos, the EU emblem and a disclaimer.
    Partners(PartnersData),
    /// Pushes what follows to the bottom of the panel.
    Spacer,
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

impl From<Cmyk> for Ink {
    fn from(c: Cmyk) -> Ink {
        Ink::Cmyk(c.0)
    }
}

impl BlockData {
    /// Every run of the block, in order.
    pub fn runs(&self) -> Vec<&Run> {
        match self {
            BlockData::Heading { runs, .. } | BlockData::Text { runs } | BlockData::Callout { runs } | BlockData::Name { runs, .. } => runs.iter().collect(),
            BlockData::List { items } | BlockData::Checklist { items } => items.iter().flatten().collect(),
            BlockData::Table { columns, rows, .. } => columns.iter().chain(rows.iter().flatten()).flatten().collect(),
            BlockData::Event { rows, .. } => rows.iter().flat_map(|r| r.label.iter().chain(r.lines.iter().flatten())).collect(),
            BlockData::Contacts { items } => items.iter().flat_map(|c| [&c.number].into_iter().chain(&c.name).chain(&c.description)).collect(),
            BlockData::Partners(p) => p.statement.iter().chain(&p.disclaimer).collect(),
            BlockData::Image { .. } | BlockData::NewPage | BlockData::Qr(_) | BlockData::Spacer => Vec::new(),
        }
    }
}

/// Numbers the headings of a document, in reading order, for its outline:
/// the first is level 1 and none is more than one below the one before
/// (PDF/UA-1 asks for both), keeping the design's steps where it can. A
/// flyer whose first heading is a level 2 has outline levels 1, 2, 2 for
/// headings of levels 2, 3, 3.
pub fn outline_levels<'a>(blocks: impl IntoIterator<Item = &'a mut BlockData>) {
    let mut first = None;
    let mut previous = 0;
    for block in blocks {
        if let BlockData::Heading { level, outline, .. } = block {
            let shift = *first.get_or_insert(*level - 1);
            *outline = level.saturating_sub(shift).clamp(1, previous + 1);
            previous = *outline;
        }
    }
}

/// One line of a meeting's details: a label and its value.
#[derive(Debug, Clone, Serialize)]
pub struct EventRow {
    /// The label: date, time, venue, organisers.
    pub label: Vec<Run>,
    /// The value's lines.
    pub lines: Vec<Vec<Run>>,
    /// The value's size, in em of the text: an event's date and time are
    /// what a passer-by must read first.
    pub size: f64,
}

/// Size of an event's date and time, in em of the text.
const EVENT_DISPLAY: f64 = 1.5;
/// Size of an event's venue, in em of the text.
const EVENT_VENUE: f64 = 1.25;

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

/// A block and whether it takes part in shrinking.
#[derive(Debug, Clone, Serialize)]
pub struct PlacedBlock {
    /// The block's content.
    #[serde(flatten)]
    pub data: BlockData,
    /// Set smaller with the group's chosen scale.
    pub shrink: bool,
}

/// The scales to try for a group of blocks: from 1 down to the smallest a
/// shrinkable block allows.
pub fn scales(blocks: &[Block]) -> Vec<f64> {
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

/// The path of a project file as typst reads it.
pub fn typst_path(path: &std::path::Path) -> String {
    format!("/{}", path.to_string_lossy().replace('\\', "/"))
}

impl Texts<'_> {
    /// The data of one block in a column `width` mm wide.
    pub fn block(&mut self, block: &BlockKind, width: f64) -> BlockData {
        match block {
            BlockKind::Heading { key, level, case } => BlockData::Heading { level: *level, outline: *level, runs: self.runs(key, *case) },
            BlockKind::Text { key, case } => BlockData::Text { runs: self.runs(key, *case) },
            BlockKind::Callout { key } => BlockData::Callout { runs: self.runs(key, None) },
            BlockKind::Name { key } => self.name(key),
            BlockKind::List { key } => BlockData::List { items: self.list(key) },
            BlockKind::Checklist { key } => BlockData::Checklist { items: self.list(key) },
            BlockKind::Table { columns, rows, widths } => BlockData::Table { columns: self.list(columns), rows: self.rows(rows), widths: widths.clone() },
            BlockKind::Event(event) => self.event(event),
            BlockKind::NewPage => BlockData::NewPage,
            BlockKind::Qr { payload, side } => self.qr(payload, *side),
            BlockKind::Partners(p) => self.partners(p),
            BlockKind::Spacer => BlockData::Spacer,
            BlockKind::Contacts { ids } => {
                let contacts = self.edition().contacts;
                BlockData::Contacts {
                    items: ids
                        .iter()
                        .filter_map(|id| contacts.get(id))
                        .map(|c| ContactData {
                            number: Run::of(Kind::Phone, c.number.clone()),
                            name: self.runs(&c.name, None),
                            description: self.runs(&c.description, None),
                        })
                        .collect(),
                }
            }
            BlockKind::Image { path, height, alt, cover } => BlockData::Image {
                path: typst_path(path),
                height: *height,
                alt: alt.as_ref().map(|k| self.plain(k)),
                photo: cover.as_ref().map(|p| photo_data(p, Rect { x: 0.0, y: 0.0, w: width, h: *height }, None)),
            },
        }
    }

    /// A meeting's details; the date is written with the language's
    /// pattern, month and weekday names, then prepared like any text.
    fn event(&mut self, event: &Event) -> BlockData {
        let [date, time, venue, organisers] = EVENT_LABELS;
        let Some(pattern) = self.raw(DATE_FORMAT) else { return BlockData::Event { rows: Vec::new(), start: event.iso_start() } };
        let written = Text { text: event.date.format(&pattern.text, &self.raw_items(MONTHS), &self.raw_items(WEEKDAYS)), ..pattern.clone() };
        let rows = vec![
            EventRow { label: self.runs(date, None), lines: vec![self.prepare(DATE_FORMAT, &written, None)], size: EVENT_DISPLAY },
            EventRow { label: self.runs(time, None), lines: vec![vec![crate::prepare::numbers::hours(&event.hours(), self.edition().digits())]], size: EVENT_DISPLAY },
            EventRow { label: self.runs(venue, None), lines: vec![self.runs(&event.venue, None)], size: EVENT_VENUE },
            EventRow { label: self.runs(organisers, None), lines: event.organisers.iter().map(|k| self.runs(k, None)).collect(), size: 1.0 },
        ];
        BlockData::Event { rows: rows.into_iter().filter(|r| !r.lines.is_empty()).collect(), start: event.iso_start() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_block(shrink_to: Option<f64>) -> Block {
        Block { kind: BlockKind::Text { key: "k".into(), case: None }, shrink_to, placeholder: false, at: crate::diag::Location::file("b.yaml") }
    }

    fn outline_of(levels: &[u8]) -> Vec<u8> {
        let mut blocks: Vec<BlockData> = levels.iter().map(|&level| BlockData::Heading { level, outline: level, runs: Vec::new() }).collect();
        outline_levels(&mut blocks);
        blocks.iter().map(|b| if let BlockData::Heading { outline, .. } = b { *outline } else { 0 }).collect()
    }

    #[test]
    fn outlines_start_at_level_one_and_skip_none() {
        assert_eq!(outline_of(&[2, 3, 3]), vec![1, 2, 2]);
        assert_eq!(outline_of(&[1, 3, 2, 1]), vec![1, 2, 2, 1]);
        assert_eq!(outline_of(&[2, 1, 2]), vec![1, 1, 1]);
    }

    #[test]
    fn groups_without_shrinkable_blocks_keep_their_size() {
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
