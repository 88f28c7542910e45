//! Contrast of every text and background pair the templates use, measured
//! as WCAG 2.x asks: relative luminance of the sRGB colours, ratio
//! `(L1 + 0.05) / (L2 + 0.05)`, at least 4.5:1 for body text and 3:1 for
//! large text (18 pt, or 14 pt bold). The CMYK→sRGB conversion is a
//! parameter, so the check measures what the screen outputs show.

use super::photo::Photo;
use super::{Cmyk, Project};
use crate::diag::{Blocker, Diagnostic, Diagnostics, Location};

/// The minimum ratio for body text.
pub const BODY: f64 = 4.5;
/// The minimum ratio for large text: headings, the social call to action.
pub const LARGE: f64 = 3.0;

/// A text colour on a background, as one template uses it.
#[derive(Debug, Clone, PartialEq)]
pub struct Pair {
    /// What is set on what, for the report (`callout text on callout fill`).
    pub what: String,
    /// The text colour.
    pub text: Cmyk,
    /// The background: over a photo, its overlay colour.
    pub background: Cmyk,
    /// A photo under the background: its darkest and lightest tones and
    /// the overlay's opacity (0 without an overlay). The text must read on
    /// the overlay blended over either tone.
    pub photo: Option<([[u8; 3]; 2], f64)>,
    /// The ratio it needs.
    pub minimum: f64,
    /// Where the colours are chosen.
    pub at: Location,
    /// The setting that chooses them.
    pub key: String,
}

/// The WCAG 2.x contrast ratio of two sRGB colours, from 1 to 21.
pub fn ratio(a: [u8; 3], b: [u8; 3]) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// Relative luminance of an sRGB colour.
pub fn luminance(rgb: [u8; 3]) -> f64 {
    let [r, g, b] = rgb.map(|v| {
        let c = f64::from(v) / 255.0;
        if c <= 0.04045 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
    });
    0.2126 * r + 0.7152 * g + 0.0722 * b
}

/// Every pair the templates set: the theme's headings and callouts, each
/// panel's text on its background, each social post's text on its
/// background and call to action on its accent.
pub fn pairs(project: &Project) -> Vec<Pair> {
    let config = &project.config;
    let named = |name: &str| config.colors.get(name).copied();
    let theme = |what: &str, text: Option<Cmyk>, background: Option<Cmyk>, minimum: f64, key: &str| {
        Some(Pair { what: what.into(), text: text?, background: background?, photo: None, minimum, at: Location::file(super::CONFIG_FILE), key: key.into() })
    };
    let mut out: Vec<Pair> = [
        theme("heading on paper", named(&config.theme.heading), Some(Cmyk::WHITE), LARGE, "theme.heading"),
        theme("callout text on callout fill", named(&config.theme.callout_text), named(&config.theme.callout), BODY, "theme.callout_text"),
    ]
    .into_iter()
    .flatten()
    .collect();
    for brochure in &project.brochures {
        let at = Location::file(&brochure.file);
        for (name, panel) in &brochure.panels {
            let background = panel.background.unwrap_or(Cmyk::WHITE);
            let what = format!("text of panel `{name}` on its background");
            let photo = panel.photo.as_ref().map(on_photo);
            out.push(Pair { what, text: panel.color, background, photo, minimum: BODY, at: at.clone(), key: format!("panels.{name}.color") });
        }
        for post in &brochure.social {
            let key = format!("social.{}.color", post.id);
            let what = format!("text of post `{}` on its background", post.id);
            let photo = post.photo.as_ref().map(on_photo);
            out.push(Pair { what, text: post.color, background: post.background, photo, minimum: BODY, at: at.clone(), key: key.clone() });
            let what = format!("call to action of post `{}` on the accent", post.id);
            out.push(Pair { what, text: post.color, background: post.accent, photo: None, minimum: LARGE, at: at.clone(), key });
        }
    }
    out
}

/// What text over `photo` stands on: its tones under its overlay.
fn on_photo(photo: &Photo) -> ([[u8; 3]; 2], f64) {
    (photo.tones, photo.overlay.map_or(0.0, |o| o.opacity))
}

/// The colours a pair's text stands on, as the screen shows them: the
/// background, or the overlay blended over the photo's darkest and
/// lightest tones.
fn grounds(pair: &Pair, to_srgb: &impl Fn(Cmyk) -> [u8; 3]) -> Vec<[u8; 3]> {
    let background = to_srgb(pair.background);
    let Some((tones, opacity)) = pair.photo else { return vec![background] };
    tones.iter().map(|tone| std::array::from_fn(|i| (f64::from(background[i]) * opacity + f64::from(tone[i]) * (1.0 - opacity)).round() as u8)).collect()
}

/// A release blocker for every pair below its minimum, with the ratio measured
/// through `to_srgb`.
pub fn check(project: &Project, to_srgb: impl Fn(Cmyk) -> [u8; 3]) -> Diagnostics {
    pairs(project).into_iter().filter_map(|pair| failure(&pair, &to_srgb)).collect()
}

fn failure(pair: &Pair, to_srgb: &impl Fn(Cmyk) -> [u8; 3]) -> Option<Diagnostic> {
    let text = to_srgb(pair.text);
    let measured = grounds(pair, to_srgb).into_iter().map(|g| ratio(text, g)).fold(f64::INFINITY, f64::min);
    (measured < pair.minimum).then(|| {
        Diagnostic::blocker(Blocker::Contrast, format!("low contrast: {} is {measured:.2}:1, needs {}:1 (WCAG 2.x)", pair.what, pair.minimum))
            .at(pair.at.clone())
            .key(&pair.key)
            .hint(if pair.photo.is_some() {
                "lay an overlay over the photo, or make it more opaque: `overlay: {color: primary, opacity: 0.7}`"
            } else {
                "choose a darker background or a darker text colour in kalem.yaml (`colors:`, `theme:`) or in the brochure"
            })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn formula(c: Cmyk) -> [u8; 3] {
        super::super::colour::sample().srgb(c)
    }

    #[test]
    fn ratios_match_wcag() {
        assert!((ratio([255, 255, 255], [0, 0, 0]) - 21.0).abs() < 1e-9);
        assert!((ratio([0, 0, 0], [0, 0, 0]) - 1.0).abs() < 1e-9);
        // #767676 on white is the classic 4.54:1.
        assert!((ratio([0x76, 0x76, 0x76], [255, 255, 255]) - 4.54).abs() < 0.01);
    }

    #[test]
    fn white_on_the_old_orange_fails_with_its_ratio() {
        let pair = Pair {
            what: "callout text on callout fill".into(),
            text: Cmyk::WHITE,
            background: Cmyk([0.0, 60.0, 100.0, 0.0]),
            photo: None,
            minimum: BODY,
            at: Location::file("kalem.yaml"),
            key: "theme.callout_text".into(),
        };
        let warning = failure(&pair, &formula).expect("white on orange fails");
        assert!(warning.to_string().contains("callout text on callout fill is 2.75:1"), "{warning}");
        assert!(warning.to_string().contains(":1, needs 4.5:1 (WCAG 2.x)"), "{warning}");
        let dark = Pair { background: Cmyk([0.0, 70.0, 100.0, 25.0]), ..pair };
        assert_eq!(failure(&dark, &formula), None);
    }

    #[test]
    fn the_conversion_is_the_callers() {
        let pair = Pair {
            what: "t".into(),
            text: Cmyk::BLACK,
            background: Cmyk::WHITE,
            photo: None,
            minimum: BODY,
            at: Location::file("kalem.yaml"),
            key: "k".into(),
        };
        assert_eq!(failure(&pair, &formula), None);
        assert!(failure(&pair, &|_| [128, 128, 128]).is_some());
    }

    #[test]
    fn text_on_a_photo_is_measured_on_the_overlay_over_its_tones() {
        // White text on a photo from black to white under the navy.
        let navy = Cmyk([100.0, 65.0, 0.0, 30.0]);
        let on = |opacity: f64| Pair {
            what: "text of post `p` on its background".into(),
            text: Cmyk::WHITE,
            background: navy,
            photo: Some(([[0, 0, 0], [255, 255, 255]], opacity)),
            minimum: BODY,
            at: Location::file("b.yaml"),
            key: "social.p.color".into(),
        };
        let bare = failure(&on(0.0), &formula).expect("white on a white sky fails");
        assert!(bare.to_string().contains("is 1.00:1"), "{bare}");
        assert!(bare.hint.as_deref().unwrap_or("").contains("overlay"), "{bare:?}");
        assert!(failure(&on(0.5), &formula).is_some(), "half the navy over white is too light");
        assert_eq!(failure(&on(0.85), &formula), None, "the overlay makes it readable");
    }
}
