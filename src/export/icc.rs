//! The CMYK output profile of the print PDFs: read from the project, checked
//! to be a printer profile, and described for the PDF/X output intent.

use std::sync::Arc;

use crate::diag::{Diagnostic, Location};
use crate::model::Project;
use crate::model::colour::Colours;
use crate::model::condition::PrintCondition;
use crate::sandbox;

/// An ICC output profile and the printing condition it stands for.
#[derive(Debug, Clone)]
pub struct OutputProfile {
    /// The profile's bytes, embedded unchanged.
    pub bytes: Arc<Vec<u8>>,
    /// The profile's own description (its `desc` tag), for `/Info`.
    pub description: String,
    /// The printing condition the profile stands for: the output
    /// intent's identifier, text and registry.
    pub condition: PrintCondition,
    /// Its colour transforms: CMYK for screens, RGB assets for print.
    pub colours: Colours,
    /// The most total ink (percent) the printing condition takes.
    pub max_ink: f64,
}

impl OutputProfile {
    /// Loads the profile of the printing condition `print.condition` of
    /// `kalem.yaml` names.
    pub fn load(project: &Project) -> Result<OutputProfile, Diagnostic> {
        let print = &project.config.print;
        let named = print.condition.profile();
        let at = Location::file(crate::model::CONFIG_FILE);
        let path = sandbox::resolve(&project.root, named).map_err(|refusal| {
            let why = refusal.what();
            let hint = match print.condition {
                PrintCondition::Custom(_) => "set `print.condition.custom.profile` to the print shop's CMYK ICC profile inside the project",
                _ => "copy kalem's assets/print/ folder (the profiles with their README) into the project",
            };
            Diagnostic::error(format!("the output profile `{}` of printing condition {} {why}", named.display(), print.condition.identifier()))
                .at(at.clone())
                .key("print.condition")
                .hint(hint)
        })?;
        let bytes = crate::sandbox::read_bytes(&path, crate::sandbox::MAX_ASSET_BYTES).map_err(|e| Diagnostic::error(format!("output profile {e}")).at(Location::file(named)))?;
        let description = check(&bytes).map_err(|why| {
            Diagnostic::error(format!("`{}` cannot be a PDF/X output intent: {why}", named.display()))
                .at(Location::file(named))
                .hint("use the CMYK printer profile your print shop names (an ICC file of class `prtr`, colour space CMYK)")
        })?;
        let colours = Colours::new(&bytes).map_err(|why| {
            Diagnostic::error(format!("`{}` cannot convert colours for screens: {why}", named.display()))
                .at(Location::file(named))
                .hint("use the CMYK printer profile your print shop names; profiles made by littleCMS, Adobe or ColorLogic work")
        })?;
        Ok(OutputProfile { bytes: Arc::new(bytes), description, condition: print.condition.clone(), colours, max_ink: print.max_ink })
    }
}

/// Checks that `bytes` is an ICC output (`prtr`) profile for CMYK and
/// returns its description, or says why not.
pub fn check(bytes: &[u8]) -> Result<String, String> {
    if bytes.len() < 132 || &bytes[36..40] != b"acsp" {
        return Err("it is not an ICC profile".into());
    }
    if &bytes[12..16] != b"prtr" {
        return Err(format!("its class is `{}`, not an output profile (`prtr`)", ascii(&bytes[12..16])));
    }
    if &bytes[16..20] != b"CMYK" {
        return Err(format!("its colour space is `{}`, not CMYK", ascii(&bytes[16..20]).trim()));
    }
    Ok(description(bytes).unwrap_or_else(|| "CMYK output profile".into()))
}

/// The text of the `desc` tag: ICC v2 `desc` (ASCII) or v4 `mluc` (first
/// record, UTF-16BE).
pub fn description(bytes: &[u8]) -> Option<String> {
    let u32_at = |at: usize| bytes.get(at..at + 4).map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]) as usize);
    let count = u32_at(128)?;
    let (offset, size) = (0..count.min(256)).map(|i| 132 + 12 * i).find(|&e| bytes.get(e..e + 4) == Some(b"desc")).map(|e| Some((u32_at(e + 4)?, u32_at(e + 8)?)))??;
    let tag = bytes.get(offset..offset.checked_add(size)?)?;
    let text = match tag.get(0..4)? {
        b"desc" => {
            let len = u32_at(offset + 8)?;
            String::from_utf8_lossy(tag.get(12..12 + len)?).trim_end_matches('\0').to_string()
        }
        b"mluc" => {
            let rec = 16;
            let len = u32::from_be_bytes(tag.get(rec + 4..rec + 8)?.try_into().ok()?) as usize;
            let start = u32::from_be_bytes(tag.get(rec + 8..rec + 12)?.try_into().ok()?) as usize;
            let units: Vec<u16> = tag.get(start..start + len)?.chunks_exact(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect();
            String::from_utf16_lossy(&units)
        }
        _ => return None,
    };
    Some(text).filter(|t| !t.is_empty())
}

fn ascii(bytes: &[u8]) -> String {
    bytes.iter().map(|&b| if b.is_ascii_graphic() || b == b' ' { b as char } else { '?' }).collect()
}

/// The profile of `condition` shipped with the sample project, for tests.
#[cfg(test)]
pub(crate) fn shipped_profile(condition: &PrintCondition) -> Vec<u8> {
    std::fs::read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(condition.profile())).unwrap()
}

/// The profile of the default printing condition, for tests.
#[cfg(test)]
pub(crate) fn sample_profile() -> Vec<u8> {
    shipped_profile(&PrintCondition::default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_profiles_are_cmyk_printer_profiles_with_their_descriptions() {
        for (condition, description) in [
            (PrintCondition::Fogra39, "FOGRA39 coated (FOGRA39L) - CMYK output intent"),
            (PrintCondition::Gracol2006, "GRACoL2006 coated (TR006) - CMYK output intent"),
        ] {
            assert_eq!(check(&shipped_profile(&condition)).unwrap(), description);
        }
    }

    #[test]
    fn rgb_and_non_icc_files_are_refused() {
        let mut rgb = sample_profile();
        rgb[16..20].copy_from_slice(b"RGB ");
        assert!(check(&rgb).unwrap_err().contains("not CMYK"));
        let mut display = sample_profile();
        display[12..16].copy_from_slice(b"mntr");
        assert!(check(&display).unwrap_err().contains("`mntr`"));
        assert_eq!(check(b"<svg/>").unwrap_err(), "it is not an ICC profile");
    }
}
