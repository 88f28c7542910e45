//! Overflow: typst has no signal for text that does not fit its box, so the
//! template reports each panel's measured content height and this module
//! turns a panel whose content is taller than its box into an error naming
//! the brochure, language, panel and key.

use serde::Deserialize;
use typst_layout::PagedDocument;

use super::probe::fit_reports;
use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::model::Edition;

/// Content may stand this much (mm) over its box before it counts: rounding
/// in the measurement, never visible.
const TOLERANCE_MM: f64 = 0.2;

/// What the template reports for each panel.
#[derive(Debug, Clone, Deserialize)]
pub struct PanelFit {
    /// Page name.
    pub page: String,
    /// Panel name.
    pub panel: String,
    /// The text scale chosen for shrinkable blocks.
    pub scale: f64,
    /// Height available for content, in mm.
    pub available: f64,
    /// Content height after each block, in mm.
    pub heights: Vec<f64>,
}

impl PanelFit {
    /// How far the content stands over its box, in mm, if it does.
    pub fn overflow(&self) -> Option<f64> {
        let total = self.heights.last().copied().unwrap_or(0.0);
        (total > self.available + TOLERANCE_MM).then_some(total - self.available)
    }

    /// Index of the first block that does not fit.
    fn first_outside(&self) -> Option<usize> {
        self.heights.iter().position(|h| *h > self.available + TOLERANCE_MM)
    }
}

/// An error for every panel of the edition whose content does not fit, or
/// one error when the template's reports cannot be read.
pub fn check_overflow(doc: &PagedDocument, edition: &Edition) -> Diagnostics {
    let (brochure, table) = (edition.brochure, edition.table);
    let panels = brochure.format.pages().iter().map(|p| p.slots.len()).sum();
    let fits: Vec<PanelFit> = match fit_reports(doc, "panel", panels) {
        Ok(fits) => fits,
        Err(d) => return vec![d.lang(edition.lang)],
    };
    fits.iter()
        .filter_map(|fit| {
            let over = fit.overflow()?;
            let blocks = brochure.panels.get(&fit.panel).map(|p| p.blocks.as_slice()).unwrap_or_default();
            let index = fit.first_outside().unwrap_or(0);
            let block = blocks.get(index);
            let key = block.and_then(|b| b.key());
            let shrinking = blocks.iter().any(|b| b.shrink_to.is_some());
            let mut d = Diagnostic::error(format!(
                "text does not fit panel `{}` ({} side) in {}: it is {over:.1} mm too tall",
                fit.panel, fit.page, brochure.key()
            ))
            .lang(edition.lang);
            let location = key.and_then(|k| table.location(k)).unwrap_or_else(|| Location::file(&brochure.file));
            d = d.at(location);
            let hint = match key {
                Some(k) if shrinking => format!("shorten `{k}` in {}; the panel is already set at its smallest allowed size", table.file.display()),
                Some(k) => format!(
                    "shorten `{k}` in {}, or add `fit: shrink` to a block of panel `{}` in {}",
                    table.file.display(),
                    fit.panel,
                    brochure.file.display()
                ),
                None => format!("remove or shorten a block of panel `{}` in {}", fit.panel, brochure.file.display()),
            };
            d = d.hint(hint);
            if let Some(k) = key {
                d = d.key(k);
            }
            Some(d)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overflow_names_the_first_block_outside_the_box() {
        let fit = PanelFit { page: "inside".into(), panel: "inside-1".into(), scale: 1.0, available: 100.0, heights: vec![40.0, 90.0, 130.0] };
        assert!((fit.overflow().unwrap() - 30.0).abs() < 1e-9);
        assert_eq!(fit.first_outside(), Some(2));
        let fits = PanelFit { heights: vec![40.0, 100.1], ..fit };
        assert_eq!(fits.overflow(), None);
    }
}
