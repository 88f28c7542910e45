//! The data of a sheet divided into panels (tri-fold, flyer, poster): the
//! edition's geometry decided, each panel a named group of blocks.

use serde::Serialize;

use crate::blocks::{BODY_PT, PlacedBlock, outline_levels, scales};
use super::contract::{Common, Ink, Metrics, Palette, theme_palette};
use super::geometry::{self, Rect};
use crate::blocks::photo::{PhotoData, photo_data};
use crate::blocks::texts::Texts;
use super::world::Engine;
use crate::diag::Diagnostics;
use crate::model::colour::Colours;
use crate::model::{Cmyk, Edition, HAlign, VAlign, contrast};

/// A sheet of panels, as `template.typ` reads it.
#[derive(Debug, Clone, Serialize)]
pub struct PanelsData {
    /// What every template reads.
    #[serde(flatten)]
    pub common: Common,
    /// Sides of the sheet.
    pub pages: Vec<PageData>,
    /// How much each space between two blocks of a panel may grow, as a
    /// share of the panel's height ([`super::empty::SPREAD`]).
    pub spread: f64,
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
    /// Background area (into the bleed at sheet edges), if the panel has a
    /// background colour (the palette's `paper`).
    pub background: Option<Rect>,
    /// The background photo, filling the same area (set or not a colour).
    pub photo: Option<PhotoData>,
    /// The photo's description, when it has one.
    pub photo_alt: Option<String>,
    /// Where text goes.
    pub content: Rect,
    /// `top`, `middle`, `bottom`.
    pub valign: &'static str,
    /// `start` or `center`.
    pub align: &'static str,
    /// The panel's colours.
    pub palette: Palette,
    /// Text scales for shrinkable blocks, largest first; the template uses
    /// the first with which the panel's content fits. `[1.0]` when no block
    /// may shrink.
    pub scales: Vec<f64>,
    /// Blocks, top to bottom.
    pub blocks: Vec<PlacedBlock>,
}

/// Builds the data of one edition of a sheet. Text is prepared here and
/// checked against the language's fonts; what that finds comes back with
/// the data.
pub fn panels(edition: &Edition, engine: &Engine) -> (PanelsData, Diagnostics) {
    let brochure = edition.brochure;
    let theme = theme_palette(edition);
    let mut texts = Texts::new(*edition, engine.fonts());
    let mut pages: Vec<PageData> = geometry::pages(brochure.format, edition.dir(), edition.project.config.print.bleed_mm)
        .into_iter()
        .map(|page| PageData {
            name: page.name,
            panels: page
                .panels
                .iter()
                .map(|slot| {
                    let panel = brochure.panels.get(slot.name);
                    let blocks = panel.map(|p| p.blocks.as_slice()).unwrap_or_default();
                    let background = panel.and_then(|p| p.background);
                    let text = panel.map_or(theme.text, |p| Ink::from(p.color));
                    PanelData {
                        name: slot.name,
                        background: background.map(|_| slot.background),
                        photo: panel.and_then(|p| p.photo.as_ref()).map(|p| photo_data(p, slot.background, Some(engine.colours()))),
                        photo_alt: panel.and_then(|p| p.photo.as_ref()?.alt.as_deref()).map(|k| texts.plain(k)),
                        content: slot.content,
                        valign: match panel.map_or(VAlign::Top, |p| p.valign) {
                            VAlign::Top => "top",
                            VAlign::Middle => "middle",
                            VAlign::Bottom => "bottom",
                        },
                        align: match panel.map_or(HAlign::Start, |p| p.align) {
                            HAlign::Start => "start",
                            HAlign::Center => "center",
                        },
                        palette: Palette { text, heading: heading_on(engine.colours(), theme.heading, background, text), paper: background.map_or(theme.paper, Ink::from), ..theme },
                        scales: scales(blocks),
                        blocks: blocks.iter().map(|b| PlacedBlock { data: texts.block(&b.kind, slot.content.w), shrink: b.shrink_to.is_some() }).collect(),
                    }
                })
                .collect(),
        })
        .collect();
    outline_levels(pages.iter_mut().flat_map(|p| &mut p.panels).flat_map(|p| &mut p.blocks).map(|b| &mut b.data));
    let title = texts.plain(&brochure.title);
    let data = PanelsData { common: Common::new(edition, title, brochure.format.trim(), theme, Metrics::printed(edition, engine.fonts(), BODY_PT)), pages, spread: super::empty::SPREAD };
    (data, texts.diagnostics)
}

/// The one rule for heading colours: the theme's heading colour wherever
/// it reads as large text on the panel's background (paper, a tint), else
/// the panel's text colour (white on the brand colour, say).
fn heading_on(colours: &Colours, heading: Ink, background: Option<Cmyk>, text: Ink) -> Ink {
    let paper = background.unwrap_or(Cmyk::WHITE);
    match heading {
        Ink::Cmyk(c) if contrast::ratio(colours.srgb(Cmyk(c)), colours.srgb(paper)) < contrast::LARGE => text,
        _ => heading,
    }
}
