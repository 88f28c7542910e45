//! `brochures/<id>.yaml`: one publication, its format, and its blocks: in
//! named panels, or as content flowing over pages.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Deserialize;

use super::format::Format;

/// A brochure file as written.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BrochureFile {
    /// Translation key of the document title.
    pub title: String,
    /// The print format.
    pub format: Format,
    /// Languages to build, codes from `kalem.yaml`; without it, every
    /// language of `kalem.yaml` (the source language first).
    #[serde(default)]
    pub languages: Vec<String>,
    /// Panel name → its content; the names come from the format. Formats
    /// with panels only.
    #[serde(default)]
    pub panels: BTreeMap<String, Panel>,
    /// Social-media posts of the campaign.
    #[serde(default)]
    pub social: Vec<super::social::PostSpec>,
    /// Blocks that flow from page to page. Documents (`a4`, `a5`) only.
    #[serde(default)]
    pub content: Vec<BlockSpec>,
    /// Translation key of the title of the table of contents, which
    /// documents of more than four pages get.
    #[serde(default)]
    pub toc: Option<String>,    /// A data table (`data/<name>.csv`) with one row per variant: the
    /// brochure is made once per row, into `output/<id>/<variant>/`.
    #[serde(default)]
    pub variants: Option<String>,
}

/// One panel (or page) of a publication.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Panel {
    /// Background: a colour name from `kalem.yaml`, or a photo
    /// (`{image: assets/x.jpg, focus: [50%, 30%], overlay: {color: primary,
    /// opacity: 0.6}}`); runs into the bleed at the sheet's edges.
    #[serde(default)]
    pub background: Option<super::photo::BackgroundSpec>,
    /// Text colour name; body text is 100 % K otherwise.
    #[serde(default)]
    pub color: Option<String>,
    /// Where the blocks sit vertically.
    #[serde(default)]
    pub valign: VAlign,
    /// Where the blocks' lines sit across: `start` (the language's side,
    /// the default) or `center` (a certificate's).
    #[serde(default)]
    pub align: HAlign,
    /// The content, top to bottom.
    #[serde(default)]
    pub blocks: Vec<BlockSpec>,
}

/// Vertical placement of a panel's blocks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum VAlign {
    /// From the top.
    #[default]
    Top,
    /// Centred.
    Middle,
    /// At the bottom.
    Bottom,
}

/// Horizontal placement of a panel's lines.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum HAlign {
    /// On the side the language starts its lines: left, or right in
    /// right-to-left languages.
    #[default]
    Start,
    /// Centred.
    Center,
}

/// Letter case applied to a block's text, with the language's rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Case {
    /// UPPER CASE (Turkish: i → İ).
    Upper,
    /// lower case (Turkish: I → ı).
    Lower,
    /// Title Case.
    Title,
}

/// A block as written: exactly one of the kind keys (see [`BLOCK_KINDS`])
/// and its options.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BlockSpec {
    /// A heading: translation key.
    pub heading: Option<String>,
    /// A paragraph: translation key.
    pub text: Option<String>,
    /// A bulleted list: translation key of a list.
    pub list: Option<String>,
    /// A highlighted box: translation key.
    pub callout: Option<String>,
    /// A person's name (a certificate's participant): translation key,
    /// usually a column of the variant table. Set large, centred, in its
    /// own script and direction whatever the edition's language.
    pub name: Option<String>,
    /// Contact ids from `kalem.yaml`.
    pub contacts: Option<Vec<String>>,
    /// An image or SVG logo, a path inside `assets/`.
    pub image: Option<String>,
    /// A table: translation key of a list of rows, each a list of cells.
    pub table: Option<String>,
    /// A list with tick boxes: translation key of a list.
    pub checklist: Option<String>,
    /// A meeting's date, time, venue and organisers.
    pub event: Option<EventSpec>,
    /// `true`: what follows starts on a new page (documents only).
    pub new_page: Option<bool>,
    /// A QR code of a web address (`https://…`), a number to dial
    /// (`tel:157`) or a contact id from `kalem.yaml`.
    pub qr: Option<String>,
    /// Logos of funders and partners, and the EU emblem with its statement.
    pub partners: Option<PartnersSpec>,
    /// `true`: the blocks after it are pushed to the bottom of the panel.
    pub spacer: Option<bool>,
    /// Translation key of a table's column headings, a list.
    pub columns: Option<String>,
    /// Relative widths of a table's columns, e.g. `[1, 2, 2]`.
    pub widths: Option<Vec<f64>>,
    /// Heading level, 1 (largest) to 3.
    pub level: Option<u8>,
    /// Letter case for headings and text.
    pub case: Option<Case>,
    /// Height in mm of an image, of a QR code (its side, quiet zone
    /// included) or of a partners row's logos.
    pub height: Option<f64>,
    /// Translation key of an image's description, what screen readers say
    /// for it; an image without one is taken as decoration and skipped.
    pub alt: Option<String>,
    /// `shrink`: set the block smaller when its panel's content does not
    /// fit. For a photo (`image:` JPEG or PNG): `cover` fills the column's
    /// width at `height`, cropped around `focus`; `contain` (the default)
    /// shows all of it at `height`.
    pub fit: Option<Fit>,
    /// With `fit: cover`, the point of the photo kept in view, `[x%, y%]`
    /// from its top-left corner; the centre when left out.
    pub focus: Option<[super::photo::Percent; 2]>,
    /// With `fit: shrink`, the smallest text size in pt (default 8).
    pub min_size: Option<f64>,
    /// `true` on an `image:` or `partners:` block whose picture or logos
    /// stand in for the real ones: outputs are drafts until it is replaced.
    pub placeholder: Option<bool>,
}

/// How a block is fitted into its panel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Fit {
    /// Shrink the text, down to `min_size`.
    Shrink,
    /// A photo fills the column's width at its height, cropped.
    Cover,
    /// A photo is shown whole at its height.
    Contain,
}

/// The kind keys of a block, in the order they are checked.
pub const BLOCK_KINDS: [&str; 14] = [
    "heading", "text", "list", "callout", "name", "contacts", "image", "table", "checklist", "event", "new_page", "qr", "partners", "spacer",
];

impl BlockSpec {
    /// The kind keys that are set.
    pub fn kinds(&self) -> Vec<&'static str> {
        let set = [
            self.heading.is_some(),
            self.text.is_some(),
            self.list.is_some(),
            self.callout.is_some(),
            self.name.is_some(),
            self.contacts.is_some(),
            self.image.is_some(),
            self.table.is_some(),
            self.checklist.is_some(),
            self.event.is_some(),
            self.new_page.is_some(),
            self.qr.is_some(),
            self.partners.is_some(),
            self.spacer.is_some(),
        ];
        BLOCK_KINDS.iter().zip(set).filter(|(_, s)| *s).map(|(k, _)| *k).collect()
    }
}

/// A meeting as written: change these and the poster announces the next
/// one.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EventSpec {
    /// The day, `YYYY-MM-DD`.
    pub date: String,
    /// When it starts, `HH:MM` (24 hours).
    pub start: String,
    /// When it ends, `HH:MM`, if announced.
    #[serde(default)]
    pub end: Option<String>,
    /// Translation key of the venue.
    pub venue: String,
    /// Translation keys of the organisers, in order.
    #[serde(default)]
    pub organisers: Vec<String>,
}

/// A row of funders' and partners' logos as written.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PartnersSpec {
    /// `true`: the EU emblem, drawn by kalem, with "Funded by the European
    /// Union" (translation key `eu.funded`) beside it, first in the row.
    #[serde(default)]
    pub eu: bool,
    /// Logos (SVG, PNG, JPEG) inside `assets/`, in order.
    #[serde(default)]
    pub logos: Vec<String>,
    /// Translation keys describing each logo, in the order of `logos`: what
    /// screen readers say for it (the screen PDF is PDF/UA-1).
    #[serde(default)]
    pub alt: Vec<String>,
    /// Translation key of the disclaimer printed under the row.
    #[serde(default)]
    pub disclaimer: Option<String>,
}

/// Named panels as written.
pub type Panels = BTreeMap<String, Panel>;
