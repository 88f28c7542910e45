//! Print formats: trim size, pages and the panels on each page.

use schemars::JsonSchema;
use serde::Deserialize;

/// A print format kalem can lay out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Format {
    /// A4 roll-fold tri-fold, 297 × 210 mm, outside and inside.
    A4Trifold,
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

impl Format {
    /// The format's name as written in YAML.
    pub fn name(self) -> &'static str {
        match self {
            Format::A4Trifold => "a4-trifold",
        }
    }

    /// Trim size (width, height) in mm of one side of the sheet.
    pub fn trim(self) -> (f64, f64) {
        match self {
            Format::A4Trifold => (297.0, 210.0),
        }
    }

    /// The sides of the sheet with their panels. For the roll-fold the
    /// folding-in panel is 3 mm narrower (domain-facts).
    pub fn pages(self) -> Vec<PageSpec> {
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
    fn trifold_panels_fill_the_trim_width() {
        let (w, _) = Format::A4Trifold.trim();
        for page in Format::A4Trifold.pages() {
            let sum: f64 = page.slots.iter().map(|s| s.width).sum();
            assert_eq!(sum, w, "page {}", page.name);
        }
    }
}
