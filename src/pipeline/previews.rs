//! In-context previews for translators: for every block of every edition
//! of a language that shows a translation key, a small PNG cut from
//! kalem's own rendering of the page around the block, the block framed,
//! so that a translator sees the sentence where it stands on the leaflet.
//! Panels and pages only; social posts are not cut (yet).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use image::{Rgb, RgbImage};

use super::{Resources, typeset_edition};
use crate::diag::Diagnostics;
use crate::export::image::{encode, render};
use crate::layout::bounds::placed;
use crate::layout::geometry::Rect;
use crate::model::social::ImageFormat;
use crate::model::{CONTENT, Edition, Project};

/// Pixels per point of the page renderings: about 100 pixels per inch.
const SCALE: f64 = 1.4;
/// Room shown around a block, in mm.
const AROUND_MM: f64 = 10.0;
/// The frame's colour: the draft mark's magenta, which no brand colour is.
const FRAME: Rgb<u8> = Rgb([226, 0, 116]);
/// The frame's width in pixels.
const FRAME_PX: u32 = 3;

/// One preview: where it goes (relative to the folder it is written to)
/// and its PNG bytes.
#[derive(Debug, Clone)]
pub struct Cut {
    /// File name within the previews folder.
    pub name: PathBuf,
    /// The PNG.
    pub png: Vec<u8>,
}

/// Every preview of `lang`, by translation key, and the problems of the
/// editions that could not be set.
pub fn previews(project: &Project, resources: &Resources, lang: &str) -> (BTreeMap<String, Vec<Cut>>, Diagnostics) {
    let mut out: BTreeMap<String, Vec<Cut>> = BTreeMap::new();
    let mut problems = Vec::new();
    for brochure in project.brochures.iter().filter(|b| b.languages.iter().any(|l| l == lang)) {
        let Some(edition) = Edition::new(project, brochure, lang) else { continue };
        let set = match typeset_edition(&resources.engine, &edition) {
            Ok(set) => set,
            Err(found) => {
                problems.extend(found);
                continue;
            }
        };
        let mut pages: BTreeMap<usize, RgbImage> = BTreeMap::new();
        for item in placed(&set.doc) {
            let block = if item.panel == CONTENT { brochure.content.get(item.block) } else { brochure.panels.get(&item.panel).and_then(|p| p.blocks.get(item.block)) };
            let (Some(key), Some(page)) = (block.and_then(|b| b.key()), set.doc.pages().get(item.page)) else { continue };
            let image = pages.entry(item.page).or_insert_with(|| render(page, SCALE, false));
            let cut = framed(image, item.rect);
            let place = if item.panel == CONTENT { format!("page-{}", item.page + 1) } else { item.panel.clone() };
            let mut name = Path::new(lang).join(format!("{key}--{}--{place}.png", crate::model::variant::file_stem(&brochure.key())));
            let stem = name.with_extension("").to_string_lossy().into_owned();
            let taken = out.get(key).map_or(0, |cuts| cuts.iter().filter(|c| c.name.to_string_lossy().starts_with(&stem)).count());
            if taken > 0 {
                name = Path::new(lang).join(format!("{key}--{}--{place}-{}.png", crate::model::variant::file_stem(&brochure.key()), taken + 1));
            }
            match encode(&cut, ImageFormat::Png, 0) {
                Ok(png) => out.entry(key.to_string()).or_default().push(Cut { name, png }),
                Err(d) => problems.push(d),
            }
        }
    }
    (out, problems)
}

/// The part of `page` around `rect` (mm from the trim's corner), with
/// `rect` framed.
fn framed(page: &RgbImage, rect: Rect) -> RgbImage {
    let px = |mm: f64| (mm / 25.4 * 72.0 * SCALE).round().max(0.0) as u32;
    let (w, h) = (page.width(), page.height());
    let clamp = |v: u32, max: u32| v.min(max.saturating_sub(1));
    let (x0, y0) = (clamp(px(rect.x - AROUND_MM), w), clamp(px(rect.y - AROUND_MM), h));
    let (x1, y1) = (clamp(px(rect.x + rect.w + AROUND_MM), w).max(x0 + 1), clamp(px(rect.y + rect.h + AROUND_MM), h).max(y0 + 1));
    let mut cut = image::imageops::crop_imm(page, x0, y0, x1 - x0, y1 - y0).to_image();
    let (fx0, fy0) = (px(rect.x).saturating_sub(x0 + FRAME_PX), px(rect.y).saturating_sub(y0 + FRAME_PX));
    let (fx1, fy1) = ((px(rect.x + rect.w) + FRAME_PX).saturating_sub(x0).min(cut.width()), (px(rect.y + rect.h) + FRAME_PX).saturating_sub(y0).min(cut.height()));
    for (x, y, pixel) in cut.enumerate_pixels_mut() {
        let inside = x >= fx0 && x < fx1 && y >= fy0 && y < fy1;
        let edge = x < fx0 + FRAME_PX || x + FRAME_PX >= fx1 || y < fy0 + FRAME_PX || y + FRAME_PX >= fy1;
        if inside && edge {
            *pixel = FRAME;
        }
    }
    cut
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cut_is_the_block_and_its_surroundings_with_a_frame() {
        let page = RgbImage::from_pixel(800, 600, Rgb([255, 255, 255]));
        let rect = Rect { x: 50.0, y: 40.0, w: 30.0, h: 10.0 };
        let cut = framed(&page, rect);
        let px = |mm: f64| (mm / 25.4 * 72.0 * SCALE).round() as u32;
        assert_eq!((cut.width(), cut.height()), (px(90.0) - px(40.0), px(60.0) - px(30.0)));
        let (fx, fy) = (px(50.0) - px(40.0), px(40.0) - px(30.0));
        assert_eq!(*cut.get_pixel(fx - 1, fy + 5), FRAME);
        assert_eq!(*cut.get_pixel(fx + 10, fy + 10), Rgb([255, 255, 255]));
        assert_eq!(*cut.get_pixel(1, 1), Rgb([255, 255, 255]));
    }
}
