//! The project's fonts, loaded once from `fonts/` and shared by every job.

use std::path::{Path, PathBuf};

use typst::foundations::Bytes;
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;

use crate::diag::{Diagnostic, Location};
use crate::model::Config;
use crate::sandbox;

/// Every font in the project's `fonts/` folder, in file-name order.
#[derive(Debug)]
pub struct FontSet {
    /// typst's index of the fonts.
    pub book: LazyHash<FontBook>,
    /// The fonts, in the order of `book`.
    pub fonts: Vec<Font>,
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
        let mut fonts = Vec::new();
        for path in paths {
            let relative = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
            let path = sandbox::resolve(root, &relative).map_err(|_| {
                Diagnostic::error("font file is outside the project folder: it links to a file elsewhere")
                    .at(Location::file(&relative))
                    .hint("copy the font file into fonts/ instead of linking to it; kalem uses only the project's own fonts, so every machine prints the same")
            })?;
            let data = std::fs::read(&path).map_err(|e| Diagnostic::error(format!("cannot read font file: {e}")).at(Location::file(&relative)))?;
            let found: Vec<Font> = Font::iter(Bytes::new(data)).collect();
            if found.is_empty() {
                return Err(Diagnostic::error("this is not a font file kalem can read")
                    .at(Location::file(&relative))
                    .hint("replace it with a TrueType or OpenType font, or remove it from fonts/"));
            }
            fonts.extend(found);
        }
        let book = LazyHash::new(FontBook::from_fonts(&fonts));
        Ok(FontSet { book, fonts })
    }

    /// Whether a family of this name is loaded (names compare without case).
    pub fn has_family(&self, family: &str) -> bool {
        self.book.contains_family(&family.to_lowercase())
    }

    /// Checks that every family of every font chain in the configuration is
    /// loaded.
    pub fn check_chains(&self, config: &Config) -> Result<(), Diagnostic> {
        for (chain, families) in &config.fonts {
            if let Some(missing) = families.iter().find(|f| !self.has_family(f)) {
                let loaded: Vec<String> = self.book.families().map(|(name, _)| name.to_string()).collect();
                return Err(Diagnostic::error(format!("font family `{missing}` of chain `{chain}` is not in fonts/"))
                    .at(Location::file(crate::load::CONFIG_FILE))
                    .hint(format!("add its font file to fonts/, or use one of: {}", loaded.join(", "))));
            }
        }
        Ok(())
    }
}
