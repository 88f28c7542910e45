//! Colours for screens. Screen PDFs and social images show the brand's
//! CMYK colours as RGB; this is the one place that converts them, through
//! the output profile.

use super::contract::Ink;
use crate::model::Cmyk;
use crate::model::colour::Colours;

/// A CMYK colour as sRGB for screens, as the output profile prints it; RGB
/// stays as it is.
pub fn screen_ink(ink: Ink, colours: &Colours) -> Ink {
    match ink {
        Ink::Cmyk(cmyk) => Ink::Rgb(colours.screen(Cmyk(cmyk)).map(|v| (v * 1000.0).round() / 10.0)),
        rgb => rgb,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn screen_colours_are_the_profiles_rgb() {
        let colours = crate::model::colour::sample();
        assert_eq!(screen_ink(Ink::Cmyk([0.0, 0.0, 0.0, 0.0]), &colours), Ink::Rgb([100.0, 100.0, 100.0]));
        let Ink::Rgb([r, g, b]) = screen_ink(Ink::Cmyk([100.0, 65.0, 0.0, 30.0]), &colours) else { panic!() };
        assert!(r < 1.0 && (g - 25.8).abs() < 0.6 && (b - 49.0).abs() < 0.6, "{r} {g} {b}");
        assert_eq!(screen_ink(Ink::Rgb([1.0, 2.0, 3.0]), &colours), Ink::Rgb([1.0, 2.0, 3.0]));
    }
}
