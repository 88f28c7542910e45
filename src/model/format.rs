//! Print formats: trim size, pages and the panels on each page, or the
//! margins of a document whose text flows from page to page.

use schemars::JsonSchema;
use serde::Deserialize;

/// A print format kalem can lay out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Format {
    /// A4 roll-fold tri-fold, 297 × 210 mm, outside and inside.
    A4Trifold,
    /// DL flyer, 99 × 210 mm, printed on both sides.
    DlFlyer,
    /// A3 poster, 297 × 420 mm, one side.
    A3Poster,
    /// A4 poster, 210 × 297 mm, one side.
    A4Poster,
    /// A4 document, 210 × 297 mm, text flowing over as many pages as needed.
    A4,
    /// A5 document, 148 × 210 mm, text flowing over as many pages as needed.
    A5,
    /// A certificate, A4 landscape, 297 × 210 mm, one side: one panel,
    /// `certificate`.
    Certificate,
}

/// One panel slot of a page: its name and width in mm.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Slot {
    /// The panel name a brochure fills.
    pub name: &'static str,
    /// Width in mm.
    pub width: f64,
}

/// One printed side of the sheet: its panels left to right for a
/// left-to-right edition.
#[derive(Debug, Clone, PartialEq)]
pub struct PageSpec {
    /// A name for messages: `outside`, `inside`.
    pub name: &'static str,
    /// Panels in left-to-right order.
    pub slots: Vec<Slot>,
}

/// Space between the trim and the text, in mm.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Margins {
    /// Left and right (for panels: from each panel's edges and folds).
    pub x: f64,
    /// Top.
    pub top: f64,
    /// Bottom.
    pub bottom: f64,
}

impl Format {
    /// Every format, in the order they are documented.
    pub const ALL: [Format; 7] =
        [Format::A4Trifold, Format::DlFlyer, Format::A3Poster, Format::A4Poster, Format::A4, Format::A5, Format::Certificate];

    /// The format's name as written in YAML.
    pub fn name(self) -> &'static str {
        match self {
            Format::A4Trifold => "a4-trifold",
            Format::DlFlyer => "dl-flyer",
            Format::A3Poster => "a3-poster",
            Format::A4Poster => "a4-poster",
            Format::A4 => "a4",
            Format::A5 => "a5",
            Format::Certificate => "certificate",
        }
    }

    /// Whether its editions may go on the public campaign website: not a
    /// certificate, which carries a participant's name.
    pub fn is_public(self) -> bool {
        self != Format::Certificate
    }

    /// Trim size (width, height) in mm of one side of the sheet.
    pub fn trim(self) -> (f64, f64) {
        match self {
            Format::A4Trifold | Format::Certificate => (297.0, 210.0),
            Format::DlFlyer => (99.0, 210.0),
            Format::A3Poster => (297.0, 420.0),
            Format::A4Poster | Format::A4 => (210.0, 297.0),
            Format::A5 => (148.0, 210.0),
        }
    }

    /// Whether text flows over pages (`content:`) instead of filling named
    /// panels (`panels:`).
    pub fn is_flow(self) -> bool {
        matches!(self, Format::A4 | Format::A5)
    }

    /// Distance of text from the trim and folds. Always more than the safe
    /// zone (5 mm); documents keep room for the running header and footer.
    pub fn margins(self) -> Margins {
        match self {
            Format::A4Trifold | Format::DlFlyer => Margins { x: 7.0, top: 9.0, bottom: 9.0 },
            Format::A3Poster => Margins { x: 20.0, top: 20.0, bottom: 20.0 },
            Format::A4Poster => Margins { x: 14.0, top: 14.0, bottom: 14.0 },
            Format::Certificate => Margins { x: 24.0, top: 18.0, bottom: 16.0 },
            Format::A4 => Margins { x: 20.0, top: 24.0, bottom: 20.0 },
            Format::A5 => Margins { x: 14.0, top: 20.0, bottom: 16.0 },
        }
    }

    /// Size of type relative to a tri-fold panel: posters are read from a
    /// few metres away, a DL panel is the width of a tri-fold panel.
    pub fn type_scale(self) -> f64 {
        match self {
            Format::A4Trifold | Format::DlFlyer | Format::A4 => 1.0,
            Format::A5 => 0.9,
            Format::A4Poster | Format::Certificate => 1.35,
            Format::A3Poster => 2.0,
        }
    }

    /// The sides of the sheet with their panels; none for flowing documents.
    /// For the roll-fold the folding-in panel is 3 mm narrower
    /// (domain-facts).
    pub fn pages(self) -> Vec<PageSpec> {
        let whole = |name: &'static str| PageSpec { name, slots: vec![Slot { name, width: self.trim().0 }] };
        match self {
            Format::A4Trifold => vec![
                PageSpec {
                    name: "outside",
                    slots: vec![
                        Slot { name: "flap", width: 97.0 },
                        Slot { name: "back", width: 100.0 },
                        Slot { name: "cover", width: 100.0 },
                    ],
                },
                PageSpec {
                    name: "inside",
                    slots: vec![
                        Slot { name: "inside-1", width: 100.0 },
                        Slot { name: "inside-2", width: 100.0 },
                        Slot { name: "inside-3", width: 97.0 },
                    ],
                },
            ],
            Format::DlFlyer => vec![whole("front"), whole("back")],
            Format::A3Poster | Format::A4Poster => vec![whole("poster")],
            Format::Certificate => vec![whole("certificate")],
            Format::A4 | Format::A5 => Vec::new(),
        }
    }

    /// Panel names in the order a reader meets them: a tri-fold's cover,
    /// then the flap seen on opening it, the inside panels, the back last.
    /// Screen readers follow this order (the order of a page's content).
    pub fn reading_order(self) -> Vec<&'static str> {
        match self {
            Format::A4Trifold => vec!["cover", "flap", "inside-1", "inside-2", "inside-3", "back"],
            _ => self.panel_names(),
        }
    }

    /// Every panel name of the format.
    pub fn panel_names(self) -> Vec<&'static str> {
        self.pages().iter().flat_map(|p| p.slots.iter().map(|s| s.name)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reading_order_names_every_panel_once() {
        for format in Format::ALL {
            let mut read = format.reading_order();
            let mut names = format.panel_names();
            read.sort_unstable();
            names.sort_unstable();
            assert_eq!(read, names, "{}", format.name());
        }
    }

    #[test]
    fn panels_fill_the_trim_width() {
        for format in Format::ALL {
            let (w, _) = format.trim();
            for page in format.pages() {
                let sum: f64 = page.slots.iter().map(|s| s.width).sum();
                assert_eq!(sum, w, "{} page {}", format.name(), page.name);
            }
        }
    }

    #[test]
    fn text_stays_inside_the_safe_zone() {
        for format in Format::ALL {
            let m = format.margins();
            assert!(m.x.min(m.top).min(m.bottom) >= 5.0, "{}", format.name());
        }
    }

    #[test]
    fn flowing_documents_have_no_panels_and_sheets_do() {
        for format in Format::ALL {
            assert_eq!(format.is_flow(), format.pages().is_empty(), "{}", format.name());
        }
    }
}
