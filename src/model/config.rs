//! `kalem.yaml`: the organisation, its languages, font chains, colours and
//! contacts.

use std::collections::BTreeMap;
use std::path::PathBuf;

use schemars::JsonSchema;
use serde::Deserialize;

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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// Left to right.
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

/// One language of the project.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Language {
    /// The language's own name for itself.
    pub name: String,
    /// Writing direction.
    pub dir: Direction,
    /// The font chain to use, a key of `fonts`.
    pub fonts: String,
    /// Digits for running text; phone numbers always keep Latin digits.
    #[serde(default)]
    pub digits: Digits,
    /// Size of this language's text relative to the others, so scripts with
    /// a small x-height (Naskh) read as large as Latin text.
    #[serde(default = "unit_scale")]
    pub text_scale: f64,
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
    /// The number as dialled, in Latin digits.
    pub number: String,
    /// Translation key of the contact's name.
    pub name: String,
    /// Translation key of what the contact is for.
    pub description: String,
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
    /// The CMYK output profile embedded as the PDF/X output intent, a path
    /// inside the project.
    pub output_profile: PathBuf,
    /// The printing condition the profile characterises, as registered
    /// (the output intent's OutputConditionIdentifier).
    pub output_condition: String,
    /// The most total ink (C+M+Y+K, percent) the printing condition takes:
    /// 300 for coated offset (GRACoL), lower for uncoated paper or
    /// newsprint; colours and images above it are errors.
    pub max_ink: f64,
}

impl Default for PrintSettings {
    fn default() -> Self {
        Self {
            bleed_mm: 3.0,
            safe_mm: 5.0,
            marks: true,
            output_profile: PathBuf::from("assets/print/cmyk-output-intent.icc"),
            output_condition: "CGATS TR 006".into(),
            max_ink: 300.0,
        }
    }
}
