//! The blocks of campaign material besides text: QR codes drawn as vector
//! squares, and the funders' and partners' row with the EU emblem drawn
//! to its geometry. Neither is ever mirrored; only its place in the row
//! follows the text direction.

use serde::Serialize;

use super::{BlockData, typst_path};
use super::Ink;
use super::texts::Texts;
use crate::model::qr::{self, MIN_MODULE_MM, Payload};
use crate::model::{Cmyk, EU_STATEMENT, Partners};
use crate::prepare::Run;

/// Smallest module of a QR code on a social image, in pixels.
pub const MIN_MODULE_PX: f64 = 4.0;

/// The emblem's blue, process CMYK 100/80/0/0 (Reflex Blue).
pub const EU_BLUE: Cmyk = Cmyk([100.0, 80.0, 0.0, 0.0]);
/// The stars' yellow, process CMYK 0/0/100/0.
pub const EU_YELLOW: Cmyk = Cmyk([0.0, 0.0, 100.0, 0.0]);

/// A QR code as the template draws it.
#[derive(Debug, Clone, Serialize)]
pub struct QrData {
    /// What it encodes; screen PDFs link the code to it.
    pub payload: String,
    /// Where the brochure asks for it (`file:line:column` of its `qr:`),
    /// reported back with the code's place (the layout's probe) so
    /// that what is read from it is compared with what the brochure asked.
    pub source: String,
    /// Side, quiet zone included: mm in print, px on social images.
    pub side: f64,
    /// Modules per side, quiet zone included.
    pub modules: usize,
    /// Dark runs: column, row, length in modules.
    pub runs: Vec<[usize; 3]>,
    /// The modules' colour: 100 % K in print, the text colour on posts.
    pub dark: Ink,
    /// The quiet zone's colour.
    pub light: Ink,
}

/// The funders' and partners' row as the template sets it.
#[derive(Debug, Clone, Serialize)]
pub struct PartnersData {
    /// The EU emblem, if the row has it.
    pub emblem: Option<EmblemData>,
    /// "Funded by the European Union" in the edition's language.
    pub statement: Vec<Run>,
    /// Logos, in order.
    pub logos: Vec<LogoData>,
    /// Height of the emblem and of each logo, in mm.
    pub height: f64,
    /// The disclaimer, if any.
    pub disclaimer: Vec<Run>,
}

/// A partner's logo.
#[derive(Debug, Clone, Serialize)]
pub struct LogoData {
    /// Absolute path inside the project, as typst reads it.
    pub path: String,
    /// What screen readers say for it.
    pub alt: String,
}

/// The EU emblem, `height` mm high and 3:2 wide.
#[derive(Debug, Clone, Serialize)]
pub struct EmblemData {
    /// Blue of the rectangle.
    pub blue: Ink,
    /// Yellow of the stars.
    pub yellow: Ink,
    /// Twelve stars, each ten points (outer, inner, …) in mm from the
    /// emblem's top left corner.
    pub stars: Vec<Vec<[f64; 2]>>,
}

/// The twelve stars of an emblem `height` high: on a circle of radius a
/// third of the height around the centre, at the hours of a clock face,
/// each five-pointed with its points on a circle of radius 1/18 of the
/// height and one point up.
pub fn eu_stars(height: f64) -> Vec<Vec<[f64; 2]>> {
    let (cx, cy) = (height * 0.75, height * 0.5);
    let outer = height / 18.0;
    // The inner corners of a regular five-pointed star.
    let inner = outer * (18f64.to_radians().sin() / 126f64.to_radians().sin());
    (0..12)
        .map(|hour| {
            let a = f64::from(hour) * 30f64.to_radians();
            let (sx, sy) = (cx + height / 3.0 * a.sin(), cy - height / 3.0 * a.cos());
            (0..10)
                .map(|i| {
                    let r = if i % 2 == 0 { outer } else { inner };
                    let t = f64::from(i) * 36f64.to_radians();
                    [sx + r * t.sin(), sy - r * t.cos()]
                })
                .collect()
        })
        .collect()
}

impl Texts<'_> {
    /// A printed QR code: 100 % K on white. Validation made sure it fits
    /// its side; a code that does not is drawn empty rather than wrong.
    pub fn qr(&self, payload: &Payload, side: f64) -> BlockData {
        let (dark, light) = (Ink::from(Cmyk::BLACK), Ink::from(Cmyk::WHITE));
        let empty = || QrData { payload: payload.text.clone(), source: payload.at.to_string(), side, modules: 1, runs: Vec::new(), dark, light };
        BlockData::Qr(qr_data(payload, side, MIN_MODULE_MM, dark, light).unwrap_or_else(|_| empty()))
    }

    /// The funders' and partners' row.
    pub fn partners(&mut self, p: &Partners) -> BlockData {
        let emblem = p.eu.then(|| EmblemData { blue: Ink::from(EU_BLUE), yellow: Ink::from(EU_YELLOW), stars: eu_stars(p.height) });
        BlockData::Partners(PartnersData {
            emblem,
            statement: if p.eu { self.runs(EU_STATEMENT, None) } else { Vec::new() },
            logos: p.logos.iter().zip(&p.alt).map(|(l, alt)| LogoData { path: typst_path(l), alt: self.plain(alt) }).collect(),
            height: p.height,
            disclaimer: p.disclaimer.as_deref().map(|k| self.runs(k, None)).unwrap_or_default(),
        })
    }
}

/// A code of `payload` with `side` and modules of at least `min_module`
/// in the same unit.
pub fn qr_data(payload: &Payload, side: f64, min_module: f64, dark: Ink, light: Ink) -> Result<QrData, qr::QrError> {
    let m = qr::encode(&payload.text, side, min_module)?;
    Ok(QrData { payload: payload.text.clone(), source: payload.at.to_string(), side, modules: m.modules, runs: m.runs, dark, light })
}

/// Whether the screen colour `a` is darker than `b` (Rec. 709 weights of
/// the sRGB values; enough to order two colours, not a contrast check).
pub fn darker(a: Ink, b: Ink) -> bool {
    let luma = |ink: Ink| match ink {
        Ink::Rgb([r, g, b]) => 0.2126 * r + 0.7152 * g + 0.0722 * b,
        Ink::Cmyk([c, m, y, k]) => 100.0 - (0.2126 * c + 0.7152 * m + 0.0722 * y).max(k),
    };
    luma(a) < luma(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stars_stand_on_the_clock_face_with_one_point_up() {
        let h = 18.0;
        let stars = eu_stars(h);
        assert_eq!(stars.len(), 12);
        for star in &stars {
            assert_eq!(star.len(), 10);
            let cx = star.iter().map(|p| p[0]).sum::<f64>() / 10.0;
            let cy = star.iter().map(|p| p[1]).sum::<f64>() / 10.0;
            // Centre on the circle of radius h/3 around the flag's centre.
            assert!(((cx - 13.5).hypot(cy - 9.0) - 6.0).abs() < 1e-9);
            // The first point straight up, 1/18 of the height from the centre.
            assert!((star[0][0] - cx).abs() < 1e-9 && (cy - star[0][1] - 1.0).abs() < 1e-9);
        }
        // Twelve o'clock first, straight above the centre.
        assert!((stars[0][0][0] - 13.5).abs() < 1e-9);
    }
}
