//! Contrast of text on its background, as WCAG 2.x measures it: the
//! relative luminance of sRGB colours.

/// WCAG's minimum contrast for body text.
pub const BODY_MIN: f64 = 4.5;
/// WCAG's minimum contrast for large text (24 px, or 18.7 px bold) and for
/// graphics that carry meaning.
pub const LARGE_MIN: f64 = 3.0;

/// The relative luminance of an sRGB colour given as 0 to 1 per channel.
pub fn luminance(rgb: [f64; 3]) -> f64 {
    let linear = |c: f64| if c <= 0.04045 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) };
    let [r, g, b] = rgb.map(linear);
    0.2126 * r + 0.7152 * g + 0.0722 * b
}

/// The contrast ratio of two sRGB colours, from 1 (none) to 21.
pub fn ratio(a: [f64; 3], b: [f64; 3]) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratios_match_wcag() {
        assert!((ratio([0.0; 3], [1.0; 3]) - 21.0).abs() < 1e-9);
        assert!((ratio([1.0; 3], [1.0; 3]) - 1.0).abs() < 1e-9);
        // #777777 on white is the classic 4.48:1.
        let grey = [119.0 / 255.0; 3];
        assert!((ratio(grey, [1.0; 3]) - 4.48).abs() < 0.01);
    }
}
