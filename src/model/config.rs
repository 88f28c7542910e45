//! `kalem.yaml`: the organisation, its languages, font chains, colours and
//! contacts.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Deserialize;

use super::condition::PrintCondition;

/// The project file `kalem.yaml`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Who publishes the material.
    pub organisation: Organisation,
    /// The language the others are translated from.
    pub source_language: String,
    /// Every language the project can publish in, by code (`tr`, `ar`, `fa`).
    pub languages: BTreeMap<String, Language>,
    /// Font chains by name; a language names one. The first family that has
    /// a glyph sets it.
    pub fonts: BTreeMap<String, Vec<String>>,
    /// Named colours, each as CMYK percentages.
    pub colors: BTreeMap<String, Cmyk>,
    /// Contacts (hotlines) that brochures list by id.
    #[serde(default)]
    pub contacts: BTreeMap<String, Contact>,
    /// Print settings shared by every brochure.
    #[serde(default)]
    pub print: PrintSettings,
    /// Which named colours headings and callouts use.
    #[serde(default)]
    pub theme: Theme,
    /// Who funds the material and how every output must say so; outputs
    /// without the funder block are drafts.
    #[serde(default)]
    pub funding: Option<Funding>,
    /// The campaign website kalem writes to `output/site/`.
    #[serde(default)]
    pub site: SiteSettings,
}

/// Settings of the campaign website.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SiteSettings {
    /// Where `output/site/` is published, e.g.
    /// `https://www.example.org/kampanya/`: adds canonical links, a
    /// sitemap and link-preview tags. Links stay relative without it.
    #[serde(default)]
    pub base_url: Option<String>,
}

/// A funder's acknowledgement every output must carry.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Funding {
    /// Whose emblem the funder block shows: `eu`, the European Union's.
    pub funder: Funder,
    /// Translation key of the statement beside the emblem ("Funded by the
    /// European Union"); every social caption carries it too.
    pub statement: String,
    /// Translation key of the disclaimer every print and screen PDF prints.
    pub disclaimer: String,
}

/// A funder kalem draws the emblem of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Funder {
    /// The European Union: the emblem a `partners:` block draws with `eu: true`.
    Eu,
}

impl Config {
    /// Every language, the source language first: what a brochure without
    /// `languages:` is built in.
    pub fn language_order(&self) -> Vec<String> {
        let others = self.languages.keys().filter(|l| **l != self.source_language);
        std::iter::once(&self.source_language).chain(others).cloned().collect()
    }

    /// Every font family of the font chains, once each, in chain order.
    pub fn font_families(&self) -> Vec<String> {
        self.fonts.values().flatten().fold(Vec::new(), |mut all, f| {
            if !all.contains(f) {
                all.push(f.clone());
            }
            all
        })
    }
}

/// Colour roles, each naming a colour of `colors`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct Theme {
    /// Headings on panels without a background.
    pub heading: String,
    /// The fill of callout boxes.
    pub callout: String,
    /// Text inside callout boxes.
    pub callout_text: String,
}

impl Default for Theme {
    fn default() -> Self {
        Self { heading: "primary".into(), callout: "accent".into(), callout_text: "paper".into() }
    }
}

impl Theme {
    /// The roles with their colour names, for validation.
    pub fn roles(&self) -> [(&'static str, &str); 3] {
        [("heading", &self.heading), ("callout", &self.callout), ("callout_text", &self.callout_text)]
    }
}

/// The publishing organisation.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Organisation {
    /// Its name, as printed (not translated).
    pub name: String,
    /// Its website, printed as is.
    #[serde(default)]
    pub website: Option<String>,
}

/// Writing direction of a language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// Left to right.
    #[default]
    Ltr,
    /// Right to left: the layout is mirrored.
    Rtl,
}

/// Digits used for running text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Digits {
    /// 0123456789
    #[default]
    Latin,
    /// ٠١٢٣٤٥٦٧٨٩
    ArabicIndic,
    /// ۰۱۲۳۴۵۶۷۸۹
    Persian,
    /// Every digit as the translator typed it, in whichever of the three
    /// sets; page numbers, which nobody types, are Latin.
    AsWritten,
}

impl Digits {
    /// The digit zero; the other nine follow it in Unicode.
    pub fn zero(self) -> char {
        match self {
            Digits::Latin | Digits::AsWritten => '0',
            Digits::ArabicIndic => '\u{0660}',
            Digits::Persian => '\u{06F0}',
        }
    }
}

/// One language of the project, by its BCP 47 code. Only `name` is
/// needed: direction, digits, quotation marks, hyphenation and the font
/// chain follow from the code (README: Adding a language); a setting given
/// here wins.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Language {
    /// The language's own name for itself.
    pub name: String,
    /// Writing direction; by default the direction of the language's script.
    #[serde(default)]
    pub dir: Option<Direction>,
    /// The font chain to use, a key of `fonts`; by default the chain named
    /// after the language's script (`latin`; `cyrillic`, else `latin`;
    /// `arabic`; `persian` for Farsi, Dari, Pashto and Urdu).
    #[serde(default)]
    pub fonts: Option<String>,
    /// Digits for running text; phone numbers always keep Latin digits. By
    /// default the digits of the language's print (Persian for Farsi and
    /// Dari, Arabic-Indic for Arabic, Latin for most others).
    #[serde(default)]
    pub digits: Option<Digits>,
    /// The opening and closing quotation marks a straight `"…"` becomes,
    /// e.g. `["«", "»"]`; by default the language's.
    #[serde(default)]
    pub quotes: Option<[String; 2]>,
    /// Whether running text is hyphenated; by default where typst has
    /// hyphenation patterns for the language. Headings, callouts,
    /// contacts, the funder's statement and social images never are.
    #[serde(default)]
    pub hyphenate: Option<bool>,
    /// Size of this language's text relative to the others, so scripts with
    /// a small x-height (Naskh) read as large as Latin text.
    #[serde(default = "unit_scale")]
    pub text_scale: f64,
    /// What the code and the settings resolve to, when `kalem.yaml` is
    /// loaded ([`super::rules::resolve`]).
    #[serde(skip)]
    #[schemars(skip)]
    pub rules: super::rules::Rules,
}

fn unit_scale() -> f64 {
    1.0
}

/// A colour as cyan, magenta, yellow and black percentages.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(try_from = "Vec<f64>")]
pub struct Cmyk(pub [f64; 4]);

impl JsonSchema for Cmyk {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Cmyk".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "cyan, magenta, yellow and black in percent, e.g. [100, 65, 0, 30]",
            "type": "array",
            "items": { "type": "number", "minimum": 0, "maximum": 100 },
            "minItems": 4,
            "maxItems": 4
        })
    }
}

impl Cmyk {
    /// 100 % black, the colour of body text.
    pub const BLACK: Cmyk = Cmyk([0.0, 0.0, 0.0, 100.0]);
    /// No ink: the paper.
    pub const WHITE: Cmyk = Cmyk([0.0, 0.0, 0.0, 0.0]);

    /// Total area coverage in percent.
    pub fn total(&self) -> f64 {
        self.0.iter().sum()
    }
}

impl TryFrom<Vec<f64>> for Cmyk {
    type Error = String;

    fn try_from(value: Vec<f64>) -> Result<Self, Self::Error> {
        let values: [f64; 4] = value
            .try_into()
            .map_err(|v: Vec<f64>| format!("a colour needs 4 values [c, m, y, k], found {}", v.len()))?;
        if let Some(bad) = values.iter().find(|v| !(0.0..=100.0).contains(*v)) {
            return Err(format!("colour values are percentages from 0 to 100, found {bad}"));
        }
        Ok(Cmyk(values))
    }
}

/// A contact a brochure can list: a number that is dialled as written.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// The number as dialled, in quotes: Latin digits, an optional leading
    /// `+`, single spaces or hyphens between groups, 3 to 15 digits
    /// (`"157"`, `"0850 123 45 67"`, `"+90 312 123 45 67"`).
    pub number: String,
    /// Translation key of the contact's name.
    pub name: String,
    /// Translation key of what the contact is for.
    pub description: String,
}

/// Fewest digits a phone dials: the Turkish short codes (112, 157, 183).
const MIN_DIGITS: usize = 3;
/// Most digits a phone dials: the ITU limit for an international number.
const MAX_DIGITS: usize = 15;

/// How a contact number is written, for hints.
pub const NUMBER_EXAMPLE: &str = "write it in quotes as it is dialled: digits, an optional leading `+`, single spaces or hyphens between groups, e.g. `\"157\"`, `\"444 1 234\"`, `\"0850 123 45 67\"` or `\"+90 312 123 45 67\"`";

impl Contact {
    /// Why the number cannot be dialled as written, or `None` when it can:
    /// digits with an optional leading `+` and single spaces or hyphens
    /// between groups, 3 to 15 digits.
    pub fn number_problem(&self) -> Option<String> {
        let number = &self.number;
        let body = number.strip_prefix('+').unwrap_or(number);
        if let Some(bad) = body.chars().find(|c| !c.is_ascii_digit() && *c != ' ' && *c != '-') {
            let shown = if bad.is_ascii_graphic() { format!("`{bad}`") } else { crate::load::invisible::describe(bad) };
            return Some(format!("{shown} is not a digit, an ordinary space or a hyphen"));
        }
        let groups: Vec<&str> = body.split([' ', '-']).collect();
        if groups.iter().any(|g| g.is_empty()) {
            return Some("a number starts and ends with a digit, with one space or hyphen between groups".into());
        }
        let digits: usize = groups.iter().map(|g| g.len()).sum();
        if !(MIN_DIGITS..=MAX_DIGITS).contains(&digits) {
            return Some(format!("it has {digits} digits; a phone dials {MIN_DIGITS} to {MAX_DIGITS}"));
        }
        None
    }
}

/// Print settings.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct PrintSettings {
    /// Bleed on every side, in mm.
    pub bleed_mm: f64,
    /// Distance text keeps from trim and folds, in mm.
    pub safe_mm: f64,
    /// Crop and fold marks in a slug around the bleed of the print PDF.
    pub marks: bool,
    /// The printing condition the print shop prints to: `fogra39` (coated
    /// offset in Türkiye and Europe), `gracol2006` (coated offset in the
    /// US), or `custom` with the shop's own profile. It chooses the PDF/X
    /// output intent and every conversion of colours for screens.
    #[serde(deserialize_with = "serde_yaml_ng::with::singleton_map::deserialize")]
    pub condition: PrintCondition,
    /// The most total ink (C+M+Y+K, percent) the printing condition takes:
    /// 300 for coated offset, lower for uncoated paper or
    /// newsprint; colours and images above it are errors.
    pub max_ink: f64,
}

impl Default for PrintSettings {
    fn default() -> Self {
        Self {
            bleed_mm: 3.0,
            safe_mm: 5.0,
            marks: true,
            condition: PrintCondition::default(),
            max_ink: 300.0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(number: &str) -> Option<String> {
        Contact { number: number.into(), name: String::new(), description: String::new() }.number_problem()
    }

    #[test]
    fn numbers_a_phone_dials_pass() {
        for ok in ["112", "157", "183", "444 1 234", "0850 123 45 67", "0 850-123-45-67", "+90 312 123 45 67", "+4915112345678"] {
            assert_eq!(problem(ok), None, "{ok}");
        }
    }

    #[test]
    fn anything_else_is_refused_with_the_reason() {
        for (bad, reason) in [
            ("1.12e2", "`.` is not a digit"),
            ("0850\u{A0}123 45 67", "U+00A0 is not a digit, an ordinary space"),
            ("++90 312", "`+` is not a digit"),
            ("ALO 183", "`A` is not a digit"),
            ("\u{202E}0850 751", "U+202E RIGHT-TO-LEFT OVERRIDE is not a digit"),
            ("0850  123", "one space or hyphen"),
            ("157-", "one space or hyphen"),
            ("", "one space or hyphen"),
            ("15", "it has 2 digits"),
            ("+90 312 123 45 67 89 01", "it has 16 digits"),
        ] {
            let found = problem(bad).unwrap_or_default();
            assert!(found.contains(reason), "{bad}: {found}");
        }
    }
}
