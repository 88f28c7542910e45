//! Contrast of every text and background pair the templates use, measured
//! as WCAG 2.x asks: relative luminance of the sRGB colours, ratio
//! `(L1 + 0.05) / (L2 + 0.05)`, at least 4.5:1 for body text and 3:1 for
//! large text (18 pt, or 14 pt bold). The CMYK→sRGB conversion is a
//! parameter, so the check measures what the screen outputs show.

use super::{Cmyk, Project};
use crate::diag::{Diagnostic, Diagnostics, Location};

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
    /// The background.
    pub background: Cmyk,
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
fn luminance(rgb: [u8; 3]) -> f64 {
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
        Some(Pair { what: what.into(), text: text?, background: background?, minimum, at: Location::file(super::CONFIG_FILE), key: key.into() })
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
            out.push(Pair { what, text: panel.color, background, minimum: BODY, at: at.clone(), key: format!("panels.{name}.color") });
        }
        for post in &brochure.social {
            let key = format!("social.{}.color", post.id);
            let what = format!("text of post `{}` on its background", post.id);
            out.push(Pair { what, text: post.color, background: post.background, minimum: BODY, at: at.clone(), key: key.clone() });
            let what = format!("call to action of post `{}` on the accent", post.id);
            out.push(Pair { what, text: post.color, background: post.accent, minimum: LARGE, at: at.clone(), key });
        }
    }
    out
}

/// A warning for every pair below its minimum, with the ratio measured
/// through `to_srgb`.
pub fn check(project: &Project, to_srgb: impl Fn(Cmyk) -> [u8; 3]) -> Diagnostics {
    pairs(project).into_iter().filter_map(|pair| failure(&pair, &to_srgb)).collect()
}

fn failure(pair: &Pair, to_srgb: &impl Fn(Cmyk) -> [u8; 3]) -> Option<Diagnostic> {
    let measured = ratio(to_srgb(pair.text), to_srgb(pair.background));
    (measured < pair.minimum).then(|| {
        Diagnostic::warning(format!("low contrast: {} is {measured:.2}:1, needs {}:1 (WCAG 2.x)", pair.what, pair.minimum))
            .at(pair.at.clone())
            .key(&pair.key)
            .hint("choose a darker background or a darker text colour in kalem.yaml (`colors:`, `theme:`) or in the brochure")
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
            minimum: BODY,
            at: Location::file("kalem.yaml"),
            key: "theme.callout_text".into(),
        };
        let warning = failure(&pair, &formula).expect("white on orange fails");
        assert!(warning.to_string().contains("callout text on callout fill is 2.72:1"), "{warning}");
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
            minimum: BODY,
            at: Location::file("kalem.yaml"),
            key: "k".into(),
        };
        assert_eq!(failure(&pair, &formula), None);
        assert!(failure(&pair, &|_| [128, 128, 128]).is_some());
    }
}
