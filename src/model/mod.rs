//! The validated project: configuration, brochures with resolved blocks, and
//! one translation table per language. Everything here has been checked;
//! later stages need no more error paths for user data.

pub mod brochure;
pub mod colour;
pub mod condition;
pub mod config;
pub mod contrast;
pub mod coverage;
pub mod edition;
pub mod event;
pub mod exchange;
pub mod format;
pub mod locale;
pub mod lock;
pub mod open;
pub mod photo;
pub mod placeholders;
pub mod qr;
pub mod rules;
pub mod schema;
pub mod social;
pub mod staleness;
pub mod translations;
pub mod units;
pub mod usage;
pub mod variant;
mod validate;

use std::collections::BTreeMap;
use std::path::PathBuf;

pub use brochure::{Case, HAlign, VAlign};
pub use config::{Cmyk, Config, Digits, Direction};
pub use edition::Edition;
pub use event::Event;
pub use format::Format;
pub use open::{BrochureSource, Selection, Sources, load_project, read_sources, validate};
pub use translations::Translations;
pub use validate::validate_brochure;

/// The project file's name.
pub use crate::load::CONFIG_FILE;

/// A loaded, validated project.
#[derive(Debug, Clone)]
pub struct Project {
    /// The project folder, canonical.
    pub root: PathBuf,
    /// `kalem.yaml`.
    pub config: Config,
    /// Brochures by id (file stem), sorted.
    pub brochures: Vec<Brochure>,
    /// Translations by language code.
    pub translations: BTreeMap<String, Translations>,
    /// What each language's translations were made from (every language
    /// but the source language), by language code.
    pub locks: BTreeMap<String, lock::Lock>,
}

/// A brochure ready to lay out.
#[derive(Debug, Clone)]
pub struct Brochure {
    /// The id: the file name without `.yaml`.
    pub id: String,
    /// The file, relative to the project root.
    pub file: PathBuf,
    /// Translation key of the title.
    pub title: String,
    /// Print format.
    pub format: Format,
    /// Languages to build.
    pub languages: Vec<String>,
    /// Panel name → panel (formats with panels).
    pub panels: BTreeMap<String, Panel>,
    /// Social-media posts.
    pub social: Vec<social::Post>,
    /// Blocks flowing over pages (documents).
    pub content: Vec<Block>,
    /// Translation key of the table of contents' title, if any.
    pub toc: Option<String>,
    /// Where its blocks are listed (`panels:` or `content:`), for findings
    /// about the brochure as a whole.
    pub blocks_at: crate::diag::Location,
    /// Every translation key the brochure's outputs print.
    pub used_keys: std::collections::BTreeSet<String>,    /// The variant this brochure is made as, if it is made from a
    /// variant table.
    pub variant: Option<std::sync::Arc<variant::Variant>>,
}

/// The name the blocks of a flowing document are placed under, where a
/// sheet's blocks are placed under their panel's name.
pub const CONTENT: &str = "content";

/// The project's folder of data tables (variant tables).
pub const DATA_DIR: &str = "data";

impl Brochure {
    /// The variant's id, if any.
    pub fn variant_id(&self) -> Option<&str> {
        self.variant.as_deref().map(|v| v.id.as_str())
    }

    /// What names its outputs: the id, or `<id>/<variant>` for a variant
    /// (its output folder, and its name in reports).
    pub fn key(&self) -> String {
        variant::key(&self.id, self.variant_id())
    }

    /// Every block of the brochure: its panels' in panel-name order, then
    /// its content's.
    pub fn blocks(&self) -> impl Iterator<Item = &Block> {
        self.placed_blocks().map(|(_, b)| b)
    }

    /// Every block with the name of the panel it stands on, or
    /// [`CONTENT`] for a document's blocks.
    pub fn placed_blocks(&self) -> impl Iterator<Item = (&str, &Block)> {
        self.panels
            .iter()
            .flat_map(|(name, p)| p.blocks.iter().map(move |b| (name.as_str(), b)))
            .chain(self.content.iter().map(|b| (CONTENT, b)))
    }
}

/// A panel with resolved colours and blocks.
#[derive(Debug, Clone)]
pub struct Panel {
    /// Background colour, if any; over a photo, its overlay's colour.
    pub background: Option<Cmyk>,
    /// Background photo, if any: over the colour, under the text.
    pub photo: Option<photo::Photo>,
    /// Text colour.
    pub color: Cmyk,
    /// Vertical placement.
    pub valign: VAlign,
    /// Horizontal placement of its lines.
    pub align: HAlign,
    /// Blocks, top to bottom.
    pub blocks: Vec<Block>,
}

/// A resolved block: what it shows and how it may be fitted.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    /// What the block shows.
    pub kind: BlockKind,
    /// With `fit: shrink`, the smallest text size in pt the block may be
    /// set in so that its panel's content fits.
    pub shrink_to: Option<f64>,
    /// Whether its picture or logos are marked as placeholders.
    pub placeholder: bool,
    /// Where the block stands in its brochure file.
    pub at: crate::diag::Location,
}

impl Block {
    /// The translation key holding the block's text, if it has one.
    pub fn key(&self) -> Option<&str> {
        match &self.kind {
            BlockKind::Heading { key, .. }
            | BlockKind::Text { key, .. }
            | BlockKind::List { key }
            | BlockKind::Callout { key }
            | BlockKind::Name { key }
            | BlockKind::Checklist { key } => Some(key),
            BlockKind::Table { rows, .. } => Some(rows),
            BlockKind::Contacts { .. }
            | BlockKind::Image { .. }
            | BlockKind::Event(_)
            | BlockKind::NewPage
            | BlockKind::Qr { .. }
            | BlockKind::Partners(_)
            | BlockKind::Spacer => None,
        }
    }
}

/// The kinds of block.
#[derive(Debug, Clone, PartialEq)]
pub enum BlockKind {
    /// A heading.
    Heading {
        /// Translation key.
        key: String,
        /// 1 to 3.
        level: u8,
        /// Letter case, if any.
        case: Option<Case>,
    },
    /// A paragraph.
    Text {
        /// Translation key.
        key: String,
        /// Letter case, if any.
        case: Option<Case>,
    },
    /// A bulleted list; the key holds a list.
    List {
        /// Translation key.
        key: String,
    },
    /// A highlighted box.
    Callout {
        /// Translation key.
        key: String,
    },
    /// A person's name, set in its own script and direction.
    Name {
        /// Translation key.
        key: String,
    },
    /// Contacts from `kalem.yaml`, in order.
    Contacts {
        /// Contact ids.
        ids: Vec<String>,
    },
    /// An image or SVG.
    Image {
        /// Path relative to the project root, checked to stay inside it.
        path: PathBuf,
        /// Height in mm.
        height: f64,
        /// Translation key of the description, if any.
        alt: Option<String>,
        /// With `fit: cover`, the photo, which fills the column's width at
        /// `height`, cropped around its focus.
        cover: Option<photo::Photo>,
    },
    /// A table; both keys hold lists, the rows a list of lists of cells.
    Table {
        /// Translation key of the column headings.
        columns: String,
        /// Translation key of the rows.
        rows: String,
        /// Relative column widths, one per column.
        widths: Vec<f64>,
    },
    /// A list with tick boxes; the key holds a list.
    Checklist {
        /// Translation key.
        key: String,
    },
    /// A meeting: date, time, venue and organisers.
    Event(Event),
    /// What follows starts on a new page.
    NewPage,
    /// A QR code, drawn as vector squares and never mirrored.
    Qr {
        /// What it encodes: a web address or a `tel:` number.
        payload: qr::Payload,
        /// Side in mm, quiet zone included.
        side: f64,
    },
    /// Funders' and partners' logos, the EU emblem and a disclaimer.
    Partners(Partners),
    /// Pushes the blocks after it to the bottom of the panel.
    Spacer,
}

/// Translation key of "Funded by the European Union", set beside the EU
/// emblem.
pub const EU_STATEMENT: &str = "eu.funded";

/// A row of funders and partners.
#[derive(Debug, Clone, PartialEq)]
pub struct Partners {
    /// Whether the EU emblem and its statement lead the row.
    pub eu: bool,
    /// Logo paths relative to the project root, checked to stay inside it.
    pub logos: Vec<PathBuf>,
    /// Translation keys of the logos' descriptions, one per logo.
    pub alt: Vec<String>,
    /// Height in mm of the emblem and of every logo.
    pub height: f64,
    /// Translation key of the disclaimer, if any.
    pub disclaimer: Option<String>,
}
