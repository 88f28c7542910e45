//! Colours for screens. Screen PDFs and social images show the brand's
//! CMYK colours as RGB; this is the one place that converts them.

use super::contract::Ink;
use crate::model::Cmyk;

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
