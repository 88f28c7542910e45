//! The printing condition (`print.condition` in `kalem.yaml`): which CMYK
//! profile the print PDFs embed as their output intent, how the intent
//! names the condition, and through which profile every screen colour is
//! converted. One value, read once, answers all four.

use std::path::{Path, PathBuf};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The registry of the standard conditions' names: ICC's register of
/// characterization data.
pub const ICC_REGISTRY: &str = "http://www.color.org";

/// A printing condition: a standard one kalem ships the profile of, or the
/// print shop's own.
// Serialize gives the JSON schema its default.
#[derive(Debug, Clone, PartialEq, Default, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum PrintCondition {
    /// FOGRA39 (ISO 12647-2:2004/Amd 1, coated paper; ECI's "ISO Coated
    /// v2"): coated offset as print shops in Türkiye and Europe print it.
    #[default]
    Fogra39,
    /// GRACoL 2006 (CGATS TR 006, grade 1 coated paper): coated offset as
    /// US print shops print it.
    Gracol2006,
    /// A condition kalem ships no profile for (FOGRA51, uncoated FOGRA52):
    /// the print shop's profile and the condition's registered name.
    Custom(CustomCondition),
}

/// A printing condition given in full: its profile and how the output
/// intent names it.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CustomCondition {
    /// The CMYK output profile (ICC, class `prtr`), a path inside the
    /// project.
    pub profile: PathBuf,
    /// The condition's registered name, the output intent's
    /// OutputConditionIdentifier (e.g. `FOGRA51`).
    pub identifier: String,
    /// A description of the condition, the output intent's
    /// OutputCondition; the identifier when not given.
    #[serde(default)]
    pub text: Option<String>,
    /// The registry the identifier comes from.
    #[serde(default = "icc_registry")]
    pub registry: String,
}

fn icc_registry() -> String {
    ICC_REGISTRY.into()
}

impl PrintCondition {
    /// The CMYK output profile, a path inside the project.
    pub fn profile(&self) -> &Path {
        match self {
            PrintCondition::Fogra39 => Path::new("assets/print/fogra39-output-intent.icc"),
            PrintCondition::Gracol2006 => Path::new("assets/print/cmyk-output-intent.icc"),
            PrintCondition::Custom(c) => &c.profile,
        }
    }

    /// The registered name of the condition (the output intent's
    /// `/OutputConditionIdentifier`).
    pub fn identifier(&self) -> &str {
        match self {
            PrintCondition::Fogra39 => "FOGRA39",
            PrintCondition::Gracol2006 => "CGATS TR 006",
            PrintCondition::Custom(c) => &c.identifier,
        }
    }

    /// What the condition is, in words (the output intent's
    /// `/OutputCondition`).
    pub fn text(&self) -> &str {
        match self {
            PrintCondition::Fogra39 => "Offset printing, ISO 12647-2:2004/Amd 1, paper type 1 or 2 (coated), FOGRA39",
            PrintCondition::Gracol2006 => "Commercial offset printing, GRACoL 2006, grade 1 coated paper (ISO 12647-2 paper type 1), per CGATS TR 006",
            PrintCondition::Custom(c) => c.text.as_deref().unwrap_or(&c.identifier),
        }
    }

    /// The registry of the identifier (the output intent's
    /// `/RegistryName`).
    pub fn registry(&self) -> &str {
        match self {
            PrintCondition::Fogra39 | PrintCondition::Gracol2006 => ICC_REGISTRY,
            PrintCondition::Custom(c) => &c.registry,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The condition of a `print:` section holding `condition: <yaml>`.
    fn parse(yaml: &str) -> Result<PrintCondition, String> {
        let print: crate::model::config::PrintSettings = serde_yaml_ng::from_str(&format!("condition: {yaml}")).map_err(|e| e.to_string())?;
        Ok(print.condition)
    }

    #[test]
    fn each_name_sets_profile_identifier_text_and_registry_together() {
        let fogra = parse("fogra39").unwrap();
        assert_eq!(fogra, PrintCondition::default());
        assert_eq!((fogra.profile(), fogra.identifier(), fogra.registry()), (Path::new("assets/print/fogra39-output-intent.icc"), "FOGRA39", ICC_REGISTRY));
        assert!(fogra.text().ends_with("FOGRA39"));
        let gracol = parse("gracol2006").unwrap();
        assert_eq!((gracol.profile(), gracol.identifier()), (Path::new("assets/print/cmyk-output-intent.icc"), "CGATS TR 006"));
        assert!(gracol.text().contains("GRACoL 2006"));
    }

    #[test]
    fn a_custom_condition_brings_its_own_profile_and_name() {
        let custom = parse("\n  custom:\n    profile: assets/print/pso-coated-v3.icc\n    identifier: FOGRA51").unwrap();
        assert_eq!((custom.profile(), custom.identifier(), custom.text(), custom.registry()), (Path::new("assets/print/pso-coated-v3.icc"), "FOGRA51", "FOGRA51", ICC_REGISTRY));
        assert!(parse("{ custom: { profile: a.icc } }").unwrap_err().contains("missing field `identifier`"));
    }

    #[test]
    fn an_unknown_name_lists_the_known_ones() {
        let err = parse("fogra51").unwrap_err();
        assert!(err.contains("unknown variant `fogra51`, expected one of `fogra39`, `gracol2006`, `custom`"), "{err}");
    }
}
