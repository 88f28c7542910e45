//! The data contract from Rust to typst: what every template reads, the
//! same for panels, documents and social posts. A template's own data
//! flattens a [`Common`] into it, so `data.lang`, `data.palette.heading` and
//! `data.metrics.heading` mean the same in every template.

use serde::Serialize;

use crate::fonts::FontSet;
use crate::model::{Cmyk, Edition};

pub use crate::blocks::Ink;

/// The colours a group of blocks is set in.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Palette {
    /// Running text.
    pub text: Ink,
    /// Headings, rules, table heads, labels.
    pub heading: Ink,
    /// Fill of callouts and of the number boxes of contacts.
    pub callout: Ink,
    /// Text on that fill.
    pub callout_text: Ink,
    /// Accent: markers, the rule under a post's heading, a post's call to
    /// action.
    pub accent: Ink,
    /// What the blocks stand on: the paper, a panel's or a post's background.
    pub paper: Ink,
}

/// Sizes and gaps both Rust and the templates need, given once here.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Metrics {
    /// Body text size in pt, before `scale`.
    pub body: f64,
    /// Text size factor of the language and format.
    pub scale: f64,
    /// Heading sizes of levels 1 to 3, in em of the body text.
    pub heading: [f64; 3],
    /// Factor for gaps and insets given in mm, so they grow with the type
    /// of large formats.
    pub spacing: f64,
    /// Where a line's box starts above the baseline, in em
    /// ([`crate::fonts::FontSet::line_top`] of the edition's first font).
    pub line_top: f64,
}

/// Heading sizes of levels 1 to 3 in em of the body text.
pub const HEADING_EM: [f64; 3] = [2.26, 1.48, 1.17];

impl Metrics {
    /// The metrics of a printed edition with body text of `body` pt: scaled
    /// by the language's `text_scale` and the format's type scale.
    pub fn printed(edition: &Edition, fonts: &FontSet, body: f64) -> Metrics {
        let format = edition.brochure.format;
        let (scale, spacing) = (edition.language.text_scale * format.type_scale(), format.type_scale());
        Metrics { body, scale, heading: HEADING_EM, spacing, line_top: line_top(edition, fonts) }
    }
}

/// The line top of the edition's first font.
pub fn line_top(edition: &Edition, fonts: &FontSet) -> f64 {
    edition.fonts.first().map_or(crate::fonts::LINE_TOP_EM, |family| fonts.line_top(family))
}

/// What every template reads.
#[derive(Debug, Clone, Serialize)]
pub struct Common {
    /// Language code, as `kalem.yaml` names the language.
    pub lang: String,
    /// The ISO 639 language typst sets the text in (`fa` for `fa-AF`): its
    /// hyphenation patterns and its PDF's language.
    pub text_lang: String,
    /// The region typst sets the text in (`AF`), if the code has one.
    pub region: Option<String>,
    /// Whether running text is hyphenated (never headings, callouts or
    /// contacts).
    pub hyphenate: bool,
    /// `ltr` or `rtl`.
    pub dir: &'static str,
    /// Font families, first choice first.
    pub fonts: Vec<String>,
    /// Document title, in the edition's language.
    pub title: String,
    /// Width, in mm (print) or px (social).
    pub width: f64,
    /// Height, in mm (print) or px (social).
    pub height: f64,
    /// Bleed in mm; 0 on screens.
    pub bleed: f64,
    /// Whether runs link to what they open: editions are laid out with
    /// their links, which print leaves out ([`super::screen::for_print`]);
    /// social images have none.
    pub links: bool,
    /// The document's colours.
    pub palette: Palette,
    /// Sizes and gaps.
    pub metrics: Metrics,
}

impl Common {
    /// The common data of `edition` at `size` with `palette` and `metrics`,
    /// with the print's bleed and with links.
    pub fn new(edition: &Edition, title: String, size: (f64, f64), palette: Palette, metrics: Metrics) -> Common {
        let rules = &edition.language.rules;
        Common {
            lang: edition.lang.to_string(),
            text_lang: rules.locale.language.clone(),
            region: rules.locale.region.clone(),
            hyphenate: rules.hyphenate,
            dir: crate::blocks::dir_name(edition.dir()),
            fonts: edition.fonts.to_vec(),
            title,
            width: size.0,
            height: size.1,
            bleed: edition.project.config.print.bleed_mm,
            links: true,
            palette,
            metrics,
        }
    }
}

/// The theme's palette of an edition, on paper.
pub fn theme_palette(edition: &Edition) -> Palette {
    let config = &edition.project.config;
    let color = |name: &str| Ink::from(config.colors.get(name).copied().unwrap_or(Cmyk::BLACK));
    Palette {
        text: Ink::from(Cmyk::BLACK),
        heading: color(&config.theme.heading),
        callout: color(&config.theme.callout),
        callout_text: color(&config.theme.callout_text),
        accent: color(&config.theme.callout),
        paper: Ink::from(Cmyk::WHITE),
    }
}
