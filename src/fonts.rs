//! The project's fonts, loaded once from `fonts/` and shared by every job:
//! by `prepare`, which checks glyph coverage with them, and by `layout`,
//! which hands them to typst. Nothing here knows typst.

mod damage;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diag::{Diagnostic, Location};
use crate::model::{CONFIG_FILE, Config};
use crate::sandbox;

/// The weight of bold text, as the templates set it.
pub const BOLD: u16 = 700;
/// The weight of running text.
pub const REGULAR: u16 = 400;
/// A line's top above the baseline, in em, for a font that gives no cap
/// height: Vazirmatn's cap height, which sets Farsi well.
pub const LINE_TOP_EM: f64 = 0.8;

/// One face of a font file.
#[derive(Debug, Clone)]
pub struct FontFace {
    /// The whole file's bytes, shared by its faces.
    pub data: Arc<Vec<u8>>,
    /// The face's index in the file.
    pub index: u32,
    /// The typographic family name (as typst selects by it).
    pub family: String,
    /// Its weight, 100 to 900.
    pub weight: u16,
    /// The file, relative to the project root.
    pub file: PathBuf,
}

impl FontFace {
    /// The face parsed for reading its tables.
    pub fn parse(&self) -> Option<ttf_parser::Face<'_>> {
        ttf_parser::Face::parse(&self.data, self.index).ok()
    }

    /// Whether the face has a glyph for `c`.
    pub fn has_char(&self, c: char) -> bool {
        self.parse().and_then(|f| f.glyph_index(c)).is_some()
    }
}

/// Every font in the project's `fonts/` folder, in file-name order.
#[derive(Debug, Default)]
pub struct FontSet {
    faces: Vec<FontFace>,
}

impl FontSet {
    /// Loads every `.ttf`, `.otf` and `.ttc` in `root/fonts` (`root`
    /// canonical). A file with such a name that is not a font is an error:
    /// it would otherwise be a silent fallback; so is a link to a font
    /// outside the project.
    pub fn load(root: &Path) -> Result<FontSet, Diagnostic> {
        let dir = root.join("fonts");
        let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
            .map_err(|e| Diagnostic::error(format!("cannot read the fonts folder: {e}")).at(Location::file("fonts")).hint("create fonts/ with the font files named in kalem.yaml"))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                let ext = p.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
                matches!(ext.as_deref(), Some("ttf" | "otf" | "ttc" | "otc"))
            })
            .collect();
        paths.sort();
        let mut faces = Vec::new();
        for path in paths {
            let relative = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
            let path = sandbox::resolve(root, &relative).map_err(|why| {
                let what = if why == sandbox::Refusal::Outside { "is outside the project folder: it links to a file elsewhere" } else { why.what() };
                Diagnostic::error(format!("font file {what}"))
                    .at(Location::file(&relative))
                    .hint("copy the font file into fonts/ instead of linking to it; kalem uses only the project's own fonts, so every machine prints the same")
            })?;
            let data = Arc::new(crate::sandbox::read_bytes(&path, crate::sandbox::MAX_ASSET_BYTES).map_err(|e| Diagnostic::error(format!("font {e}")).at(Location::file(&relative)))?);
            let found = read_faces(&data, &relative);
            if found.is_empty() {
                return Err(Diagnostic::error("this is not a font file kalem can read")
                    .at(Location::file(&relative))
                    .hint("replace it with a TrueType or OpenType font, or remove it from fonts/"));
            }
            damage::check_tables(&data, &relative)?;
            damage::check(&found, &relative)?;
            faces.extend(found);
        }
        Ok(FontSet { faces })
    }

    /// Every face, in file-name order.
    pub fn faces(&self) -> &[FontFace] {
        &self.faces
    }

    /// Whether a family of this name is loaded (names compare without case).
    pub fn has_family(&self, family: &str) -> bool {
        self.faces.iter().any(|f| f.family.eq_ignore_ascii_case(family))
    }

    /// The face of `family` closest to `weight`, as typst would pick it.
    pub fn select(&self, family: &str, weight: u16) -> Option<&FontFace> {
        self.faces.iter().filter(|f| f.family.eq_ignore_ascii_case(family)).min_by_key(|f| f.weight.abs_diff(weight))
    }

    /// How far above the baseline a line's box starts for text set in
    /// `family`, in em: the font's cap height, as typst takes it, or
    /// [`LINE_TOP_EM`] when the font gives none (Noto Naskh Arabic). typst
    /// would take the ascender then (1.07 em there), and lines 1.7 em
    /// apart are more than PDF readers bridge (poppler joins lines up to
    /// 1.5 em apart into a paragraph): each line of Arabic came back as a
    /// paragraph of its own, out of order.
    pub fn line_top(&self, family: &str) -> f64 {
        let cap = self.select(family, REGULAR).and_then(|f| {
            let face = f.parse()?;
            let cap = face.capital_height().filter(|h| *h > 0)?;
            Some(f64::from(cap) / f64::from(face.units_per_em()))
        });
        cap.unwrap_or(LINE_TOP_EM)
    }

    /// The family of the first face of the project that has `c`.
    pub fn fallback(&self, c: char) -> Option<&str> {
        self.faces.iter().find(|f| f.has_char(c)).map(|f| f.family.as_str())
    }

    /// Checks that every family of every font chain in the configuration is
    /// loaded.
    pub fn check_chains(&self, config: &Config) -> Result<(), Diagnostic> {
        for (chain, families) in &config.fonts {
            if let Some(missing) = families.iter().find(|f| !self.has_family(f)) {
                let mut loaded: Vec<&str> = self.faces.iter().map(|f| f.family.as_str()).collect();
                loaded.dedup();
                return Err(Diagnostic::error(format!("font family `{missing}` of chain `{chain}` is not in fonts/"))
                    .at(Location::file(CONFIG_FILE))
                    .hint(format!("add its font file to fonts/, or use one of: {}", loaded.join(", "))));
            }
        }
        Ok(())
    }
}

/// The faces of a font file (several for a collection).
fn read_faces(data: &Arc<Vec<u8>>, file: &Path) -> Vec<FontFace> {
    let count = ttf_parser::fonts_in_collection(data).unwrap_or(1);
    (0..count)
        .filter_map(|index| {
            let face = ttf_parser::Face::parse(data, index).ok()?;
            Some(FontFace { data: data.clone(), index, family: family_name(&face)?, weight: face.weight().to_number(), file: file.to_path_buf() })
        })
        .collect()
}

/// The typographic family name (name id 16), else the family name (id 1).
fn family_name(face: &ttf_parser::Face) -> Option<String> {
    use ttf_parser::name_id::{FAMILY, TYPOGRAPHIC_FAMILY};
    let names: Vec<_> = face.names().into_iter().filter(|n| n.is_unicode()).collect();
    [TYPOGRAPHIC_FAMILY, FAMILY].into_iter().find_map(|id| names.iter().find(|n| n.name_id == id).and_then(|n| n.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Noto Naskh Arabic gives no cap height: its lines take Vazirmatn's
    /// 0.8 em, so that body text stands at most 1.5 em apart (0.65 em of
    /// leading), as PDF readers need to join it into paragraphs.
    #[test]
    fn a_font_without_a_cap_height_gets_a_line_top_of_its_own() {
        let fonts = FontSet::load(Path::new(env!("CARGO_MANIFEST_DIR"))).expect("bundled fonts load");
        assert_eq!(fonts.line_top("Noto Naskh Arabic"), LINE_TOP_EM);
        assert!((fonts.line_top("Vazirmatn") - 0.7998).abs() < 0.001);
        assert!((fonts.line_top("Noto Sans") - 0.714).abs() < 0.001);
    }
}
