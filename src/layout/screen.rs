//! The screen edition: the print edition's data turned for reading on a
//! screen: trim size without bleed, RGB colours, and links for web
//! addresses, e-mail addresses and phone numbers.

use super::document::{DocData, Ink};
use crate::model::Cmyk;

impl DocData {
    /// The same edition for the screen PDF.
    pub fn for_screen(mut self) -> DocData {
        self.bleed = 0.0;
        self.links = true;
        for panel in self.pages.iter_mut().flat_map(|p| p.panels.iter_mut()) {
            for ink in [&mut panel.color, &mut panel.heading, &mut panel.callout.0, &mut panel.callout.1]
                .into_iter()
                .chain(panel.background.as_mut().map(|(_, ink)| ink))
            {
                *ink = screen_ink(*ink);
            }
        }
        self
    }
}

/// A CMYK colour as sRGB for screens (the plain formula, without a
/// colour profile); RGB stays as it is.
pub fn screen_ink(ink: Ink) -> Ink {
    match ink {
        Ink::Cmyk(cmyk) => Ink::Rgb(Cmyk(cmyk).to_rgb().map(|v| (v * 1000.0).round() / 10.0)),
        rgb => rgb,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn screen_colours_are_rgb() {
        assert_eq!(screen_ink(Ink::Cmyk([0.0, 0.0, 0.0, 100.0])), Ink::Rgb([0.0, 0.0, 0.0]));
        assert_eq!(screen_ink(Ink::Cmyk([0.0, 0.0, 0.0, 0.0])), Ink::Rgb([100.0, 100.0, 100.0]));
        assert_eq!(screen_ink(Ink::Cmyk([100.0, 65.0, 0.0, 30.0])), Ink::Rgb([0.0, 24.5, 70.0]));
    }
}
