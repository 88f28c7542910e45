//! Print checks before anything is written: the effective resolution of
//! every placed image and the total ink of the brochure's colours, and, once
//! an edition is set, that only background art reaches into the bleed and
//! that everything else keeps the safe distance from trim and folds.

use typst_layout::PagedDocument;

use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::layout::bounds::placed;
use crate::layout::geometry::{self, Rect};
use crate::model::photo::Photo;
use crate::model::{Block, BlockKind, Brochure, CONTENT, Cmyk, Edition, Project};

/// Below this effective resolution an image gets a warning.
pub const GOOD_PPI: f64 = 300.0;
/// Below this effective resolution an image stops the build.
pub const MIN_PPI: f64 = 150.0;
/// Most total ink (C+M+Y+K, percent) a colour may have on coated paper,
/// unless `print.max_ink` says otherwise.
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

/// Checks the resolution of every raster image at its printed size, in
/// panels and documents alike. Vector images (SVG) have none to check.
pub fn images(project: &Project, brochure: &Brochure) -> Diagnostics {
    let mut found = Vec::new();
    for (place, block) in brochure.placed_blocks() {
        let BlockKind::Image { path, height, cover, .. } = &block.kind else { continue };
        if let Some(photo) = cover {
            let what = format!("photo `{}` {}", path.display(), place_name(place));
            found.extend(cropped(photo, &what, column_width(project, brochure, place), *height, &brochure.file));
            continue;
        }
        if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("svg")) {
            continue;
        }
        let shown = path.display();
        let place = place_name(place);
        let at = Location::file(&brochure.file);
        let (_, pixels_high) = match crate::model::photo::upright_dimensions(&project.root.join(path)) {
            Ok(size) => size,
            Err(e) => {
                found.push(Diagnostic::error(format!("cannot read image `{shown}` {place}: {e}")).at(at).hint("save it again as PNG or JPEG"));
                continue;
            }
        };
        let printed = format!("at its printed height of {height} mm");
        let need = (GOOD_PPI * height / MM_PER_INCH).ceil();
        let at_most = f64::from(pixels_high) / GOOD_PPI * MM_PER_INCH;
        let hint = format!("use a version at least {need} px high, or print it at most {at_most:.0} mm high (for {GOOD_PPI} ppi)");
        found.extend(resolution(&format!("image `{shown}` {place}"), effective_ppi(pixels_high, *height), &printed, hint, at));
    }
    found.extend(photos(project, brochure));
    found
}

/// Checks each background photo at the size it is printed after cropping
/// to its panel's area (bleed included): what the reader sees is the
/// photo enlarged to cover, not the whole photo in the panel.
fn photos(project: &Project, brochure: &Brochure) -> Diagnostics {
    let bleed = project.config.print.bleed_mm;
    let slots = geometry::pages(brochure.format, crate::model::Direction::Ltr, bleed);
    let mut found = Vec::new();
    for slot in slots.iter().flat_map(|p| &p.panels) {
        let Some(photo) = brochure.panels.get(slot.name).and_then(|p| p.photo.as_ref()) else { continue };
        let what = format!("background photo `{}` of panel `{}`", photo.path.display(), slot.name);
        found.extend(cropped(photo, &what, slot.background.w, slot.background.h, &brochure.file));
    }
    found
}

/// The resolution check of `photo` cropped to fill `w` × `h` mm.
fn cropped(photo: &Photo, what: &str, w: f64, h: f64, file: &std::path::Path) -> Option<Diagnostic> {
    let crop = photo.crop(w, h);
    let printed = format!("cropped to {w:.0} × {h:.0} mm (the whole photo printed {:.0} mm wide)", crop.w);
    let need = (GOOD_PPI * crop.w / MM_PER_INCH).ceil();
    let hint = format!("use a version at least {need} px wide (for {GOOD_PPI} ppi), or move the photo to a smaller area");
    resolution(what, photo.ppi(&crop), &printed, hint, Location::file(file))
}

/// The width in mm of the column a block stands in: its panel's text
/// area, or a document page's.
fn column_width(project: &Project, brochure: &Brochure, place: &str) -> f64 {
    let format = brochure.format;
    let pages = geometry::pages(format, crate::model::Direction::Ltr, project.config.print.bleed_mm);
    let panel = pages.iter().flat_map(|p| &p.panels).find(|p| p.name == place);
    panel.map_or(format.trim().0 - 2.0 * format.margins().x, |p| p.content.w)
}

/// A warning under [`GOOD_PPI`], an error under [`MIN_PPI`], for `what`
/// printed as `printed` says.
fn resolution(what: &str, ppi: f64, printed: &str, hint: String, at: Location) -> Option<Diagnostic> {
    if ppi >= GOOD_PPI {
        return None;
    }
    let diagnostic = if ppi < MIN_PPI {
        Diagnostic::error(format!("{what} has {ppi:.0} ppi {printed}; print needs at least {MIN_PPI} ppi ({GOOD_PPI} recommended)"))
    } else {
        Diagnostic::warning(format!("{what} has {ppi:.0} ppi {printed}; {GOOD_PPI} ppi are recommended for print"))
    };
    Some(diagnostic.at(at).hint(hint))
}

/// Where a block stands, for messages: `on panel `cover`` or `in the
/// document`.
fn place_name(place: &str) -> String {
    if place == CONTENT { "in the document".to_string() } else { format!("on panel `{place}`") }
}

/// Refuses colours the brochure uses whose total ink is above
/// `print.max_ink`: they dry badly, smear and set off.
pub fn inks(project: &Project, brochure: &Brochure) -> Diagnostics {
    let config = &project.config;
    let mut used: Vec<Cmyk> = brochure.panels.values().flat_map(|p| p.background.into_iter().chain([p.color])).collect();
    used.extend(config.theme.roles().iter().filter_map(|(_, name)| config.colors.get(*name).copied()));
    let mut found = Vec::new();
    let limit = config.print.max_ink;
    for (name, color) in &config.colors {
        if color.total() > limit && used.contains(color) {
            let [c, m, y, k] = color.0;
            found.push(
                Diagnostic::error(format!("colour `{name}` [{c}, {m}, {y}, {k}] has {:.0} % total ink, above the {limit} % the printing condition takes", color.total()))
                    .at(Location::file(crate::model::CONFIG_FILE))
                    .key(format!("colors.{name}"))
                    .hint(format!("lower cyan, magenta or yellow until the four add up to at most {limit} %; a rich black such as [60, 40, 40, 100] has 240 %")),
            );
        }
    }
    found
}

/// Distances below this (mm) are rounding, not a problem.
const TOLERANCE_MM: f64 = 0.1;

/// How a block is named in messages: its translation key, its image or its
/// contacts.
fn block_name(block: &Block) -> (String, Option<&str>) {
    match (&block.kind, block.key()) {
        (_, Some(key)) => (format!("`{key}`"), Some(key)),
        (BlockKind::Contacts { ids }, None) => (format!("contact list {}", ids.join(", ")), None),
        (BlockKind::Image { path, .. }, None) => (format!("image `{}`", path.display()), None),
        (_, None) => ("a block".to_string(), None),
    }
}

/// Checks where the blocks of a set edition landed: beyond the trim is an
/// error (it is cut off), closer than `print.safe_mm` to the trim or a fold
/// a warning. In a document, the page is the panel.
pub fn placement(edition: &Edition, doc: &PagedDocument) -> Diagnostics {
    let (brochure, print) = (edition.brochure, &edition.project.config.print);
    let (width, height) = brochure.format.trim();
    let pages = geometry::pages(brochure.format, edition.dir(), print.bleed_mm);
    let page = Rect { x: 0.0, y: 0.0, w: width, h: height };
    let mut found = Vec::new();
    for item in placed(doc) {
        let (panel, area, block) = if item.panel == CONTENT {
            (page, page.inset(brochure.format.margins()), brochure.content.get(item.block))
        } else {
            let Some(slot) = pages.get(item.page).and_then(|p| p.panels.iter().find(|s| s.name == item.panel)) else { continue };
            (slot.rect, slot.content, brochure.panels.get(&item.panel).and_then(|p| p.blocks.get(item.block)))
        };
        let Some(block) = block else { continue };
        let (name, key) = block_name(block);
        let place = place_name(&item.panel);
        let r = item.rect;
        let beyond = [-r.x, r.x + r.w - width, -r.y, r.y + r.h - height].into_iter().fold(0.0, f64::max);
        let d = if beyond > TOLERANCE_MM {
            Diagnostic::error(format!("{name} {place} reaches {beyond:.1} mm beyond the trim, where it is cut off; only backgrounds may run into the bleed"))
                .hint("shorten the text (a long word or address cannot be broken) or make the image smaller so that it fits")
        } else {
            let side = |edge: f64| if edge > TOLERANCE_MM && edge < width - TOLERANCE_MM { "a fold" } else { "the trim" };
            let gaps = [
                (r.x - panel.x, side(panel.x)),
                (panel.x + panel.w - (r.x + r.w), side(panel.x + panel.w)),
                (r.y - panel.y, "the trim"),
                (panel.y + panel.h - (r.y + r.h), "the trim"),
            ];
            let Some((gap, edge)) = gaps.into_iter().filter(|(g, _)| *g < print.safe_mm - TOLERANCE_MM).min_by(|a, b| a.0.total_cmp(&b.0)) else { continue };
            let in_area = r.x >= area.x - TOLERANCE_MM && r.x + r.w <= area.x + area.w + TOLERANCE_MM && r.y + r.h <= area.y + area.h + TOLERANCE_MM;
            let hint = if in_area {
                let margins = brochure.format.margins();
                format!("text areas keep {} mm from folds and {} mm from the trim; `print.safe_mm` in kalem.yaml asks for more", margins.x, margins.top)
            } else {
                "shorten the text or make the image smaller so that it fits".to_string()
            };
            Diagnostic::warning(format!(
                "{name} {place} comes within {:.1} mm of {edge}; keep {} mm so nothing is cut or lost in the fold",
                gap.max(0.0),
                print.safe_mm
            ))
            .hint(hint)
        };
        let d = d.at(Location::file(&brochure.file)).lang(edition.lang);
        found.push(if let Some(key) = key { d.key(key) } else { d });
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
