//! Print checks of a brochure before anything is written: the effective
//! resolution of every placed image and the total ink of its colours.

use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::model::{Block, Brochure, Cmyk, Project};

/// Below this effective resolution an image gets a warning.
pub const GOOD_PPI: f64 = 300.0;
/// Below this effective resolution an image stops the build.
pub const MIN_PPI: f64 = 150.0;
/// Most total ink (C+M+Y+K, percent) a colour should have on coated paper.
pub const MAX_TAC: f64 = 300.0;

/// Millimetres per inch.
const MM_PER_INCH: f64 = 25.4;

/// Every print check of one brochure.
pub fn brochure(project: &Project, brochure: &Brochure) -> Diagnostics {
    let mut found = images(project, brochure);
    found.extend(inks(project, brochure));
    found
}

/// The effective resolution of an image `pixels_high` pixels high printed
/// `height_mm` high.
pub fn effective_ppi(pixels_high: u32, height_mm: f64) -> f64 {
    f64::from(pixels_high) / (height_mm / MM_PER_INCH)
}

/// Checks the resolution of every raster image at its printed size. Vector
/// images (SVG) have none to check.
pub fn images(project: &Project, brochure: &Brochure) -> Diagnostics {
    let mut found = Vec::new();
    for (panel_name, panel) in &brochure.panels {
        for block in &panel.blocks {
            let Block::Image { path, height, .. } = block else { continue };
            if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("svg")) {
                continue;
            }
            let shown = path.display();
            let at = Location::file(&brochure.file);
            let (_, pixels_high) = match image::image_dimensions(project.root.join(path)) {
                Ok(size) => size,
                Err(e) => {
                    found.push(Diagnostic::error(format!("cannot read image `{shown}` on panel `{panel_name}`: {e}")).at(at).hint("save it again as PNG or JPEG"));
                    continue;
                }
            };
            let ppi = effective_ppi(pixels_high, *height);
            if ppi >= GOOD_PPI {
                continue;
            }
            let need = (GOOD_PPI * height / MM_PER_INCH).ceil();
            let at_most = f64::from(pixels_high) / GOOD_PPI * MM_PER_INCH;
            let hint = format!("use a version at least {need} px high, or print it at most {at_most:.0} mm high (for {GOOD_PPI} ppi)");
            let diagnostic = if ppi < MIN_PPI {
                Diagnostic::error(format!(
                    "image `{shown}` on panel `{panel_name}` has {ppi:.0} ppi at its printed height of {height} mm; print needs at least {MIN_PPI} ppi ({GOOD_PPI} recommended)"
                ))
            } else {
                Diagnostic::warning(format!(
                    "image `{shown}` on panel `{panel_name}` has {ppi:.0} ppi at its printed height of {height} mm; {GOOD_PPI} ppi are recommended for print"
                ))
            };
            found.push(diagnostic.at(at).hint(hint));
        }
    }
    found
}

/// Warns about colours the brochure uses whose total ink is above
/// [`MAX_TAC`]: they dry badly and smear.
pub fn inks(project: &Project, brochure: &Brochure) -> Diagnostics {
    let config = &project.config;
    let mut used: Vec<Cmyk> = brochure.panels.values().flat_map(|p| p.background.into_iter().chain([p.color])).collect();
    used.extend(config.theme.roles().iter().filter_map(|(_, name)| config.colors.get(*name).copied()));
    let mut found = Vec::new();
    for (name, color) in &config.colors {
        if color.total() > MAX_TAC && used.contains(color) {
            let [c, m, y, k] = color.0;
            found.push(
                Diagnostic::warning(format!("colour `{name}` [{c}, {m}, {y}, {k}] has {:.0} % total ink, above the {MAX_TAC} % coated paper takes", color.total()))
                    .at(Location::file(crate::load::CONFIG_FILE))
                    .hint("lower cyan, magenta or yellow; a rich black such as [60, 40, 40, 100] has 240 %"),
            );
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn effective_ppi_follows_printed_height() {
        assert_eq!(effective_ppi(300, 25.4), 300.0);
        assert!((effective_ppi(544, 192.0) - 72.0).abs() < 0.1);
    }
}
