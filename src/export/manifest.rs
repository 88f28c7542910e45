//! The release manifest, `output/release.json`: every file a release wrote
//! with its SHA-256, size and kind, the SHA-256 of every input, kalem's
//! version, the build date, who released it and which blocker kinds were
//! let through on purpose. The same inputs give the same manifest.

use std::path::{Path, PathBuf};

use serde::Serialize;
use sha2::{Digest, Sha256};

use super::output::Output;
use crate::diag::{Diagnostic, Location};
use crate::sandbox;

/// The manifest's file, relative to the project root.
pub const MANIFEST_FILE: &str = "output/release.json";

/// The folders (and the file) a project's outputs are made from.
pub const INPUTS: [&str; 6] = ["kalem.yaml", "brochures", "translations", "assets", "fonts", "data"];

/// Largest input file hashed, in bytes (fonts and photos are the largest).
const MAX_INPUT_BYTES: u64 = 256 * 1024 * 1024;

/// A release's manifest.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Manifest {
    /// kalem's version.
    pub kalem: String,
    /// The build date, `YYYY-MM-DD`.
    pub date: String,
    /// Who released it.
    pub released_by: String,
    /// Blocker kinds let through with `--allow`.
    pub allowed: Vec<String>,
    /// Every file written, sorted by path.
    pub files: Vec<FileEntry>,
    /// Every input file, sorted by path.
    pub inputs: Vec<InputEntry>,
}

/// One output file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FileEntry {
    /// Relative to the project root.
    pub path: String,
    /// What it is (`print-pdf`, `social-image`, …).
    pub kind: &'static str,
    /// Size in bytes.
    pub size: u64,
    /// SHA-256, lowercase hex.
    pub sha256: String,
}

/// One input file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InputEntry {
    /// Relative to the project root.
    pub path: String,
    /// SHA-256, lowercase hex.
    pub sha256: String,
}

impl Manifest {
    /// The manifest of `outputs`, written in the project at `root`, hashing
    /// the files as they are on disk and every input file.
    pub fn new(root: &Path, outputs: &[&Output], date: String, released_by: String, allowed: Vec<String>) -> Result<Manifest, Diagnostic> {
        let mut files = outputs
            .iter()
            .map(|o| {
                let bytes = read(root, &o.path)?;
                Ok(FileEntry { path: slashed(&o.path), kind: o.kind.name(), size: bytes.len() as u64, sha256: sha256(&bytes) })
            })
            .collect::<Result<Vec<_>, Diagnostic>>()?;
        files.sort_by(|a, b| a.path.cmp(&b.path));
        let mut inputs = Vec::new();
        for input in INPUTS {
            for path in files_under(root, Path::new(input)) {
                inputs.push(InputEntry { path: slashed(&path), sha256: sha256(&read(root, &path)?) });
            }
        }
        inputs.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(Manifest { kalem: env!("CARGO_PKG_VERSION").to_string(), date, released_by, allowed, files, inputs })
    }

    /// The manifest as pretty JSON, ending with a newline.
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }
}

/// SHA-256 of `bytes`, lowercase hex.
pub fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

fn read(root: &Path, relative: &Path) -> Result<Vec<u8>, Diagnostic> {
    sandbox::read_bytes(&root.join(relative), MAX_INPUT_BYTES).map_err(|e| {
        Diagnostic::error(format!("cannot read {} for the release manifest: {e}", relative.display()))
            .at(Location::file(relative))
            .hint("check that the file is readable and is not changed while kalem releases")
    })
}

/// The ordinary files at or under `relative`, in name order; links are
/// not followed (kalem refuses to read through them anyway).
pub fn files_under(root: &Path, relative: &Path) -> Vec<PathBuf> {
    let Ok(meta) = std::fs::symlink_metadata(root.join(relative)) else { return Vec::new() };
    if meta.is_file() {
        return vec![relative.to_path_buf()];
    }
    if !meta.is_dir() {
        return Vec::new();
    }
    let Ok(entries) = std::fs::read_dir(root.join(relative)) else { return Vec::new() };
    let mut names: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.file_name())).collect();
    names.sort();
    names.into_iter().flat_map(|name| files_under(root, &relative.join(name))).collect()
}

/// A relative path with `/` between its parts on every system.
fn slashed(path: &Path) -> String {
    path.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_lowercase_hex() {
        assert_eq!(sha256(b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    #[test]
    fn inputs_are_listed_in_order_without_links() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("assets/b")).unwrap();
        std::fs::write(dir.path().join("assets/b/z.svg"), "z").unwrap();
        std::fs::write(dir.path().join("assets/a.svg"), "a").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink("/etc/hostname", dir.path().join("assets/link")).unwrap();
        let found: Vec<String> = files_under(dir.path(), Path::new("assets")).iter().map(|p| slashed(p)).collect();
        assert_eq!(found, vec!["assets/a.svg", "assets/b/z.svg"]);
    }
}
