//! What each output was built from, kept under `output/.kalem/` so that a
//! later build can skip what is still current: per edition (brochure,
//! variant, language) one JSON file of its jobs, each with the fingerprint
//! of its inputs, the files it wrote (size and SHA-256), the previews the
//! contact sheet shows and the findings to report again when it is skipped.
//! One file per edition lets shards built on different machines be copied
//! into one `output/` without overwriting each other's records.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::manifest::sha256;
use super::output::{Kind, OUTPUT_DIR, Output};
use super::write::write_if_changed;
use crate::diag::{Blocker, Diagnostic, Location, Severity};
use crate::sandbox;

/// The folder of kalem's records, inside the output folder.
pub const RECORD_DIR: &str = ".kalem";

/// Largest record or output file read back, in bytes.
const MAX_READ_BYTES: u64 = 512 * 1024 * 1024;

/// Which edition a job belongs to: the unit shards split a build by.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct EditionKey {
    /// The brochure's id.
    pub brochure: String,
    /// The variant's id, for brochures made in variants.
    pub variant: Option<String>,
    /// The language code.
    pub lang: String,
}

impl EditionKey {
    /// The key of a brochure's edition (of one of its variants) in `lang`.
    pub fn new(brochure: &str, variant: Option<&str>, lang: &str) -> EditionKey {
        EditionKey { brochure: brochure.to_string(), variant: variant.map(str::to_string), lang: lang.to_string() }
    }

    /// Its record file, relative to the project root:
    /// `output/.kalem/editions/<brochure>[/<variant>]/<lang>.json`.
    pub fn record_path(&self) -> PathBuf {
        let mut dir = Path::new(OUTPUT_DIR).join(RECORD_DIR).join("editions").join(&self.brochure);
        if let Some(variant) = &self.variant {
            dir = dir.join(variant);
        }
        dir.join(format!("{}.json", self.lang))
    }

    /// The folder its previews go to, relative to the project root.
    pub fn preview_dir(&self) -> PathBuf {
        let mut dir = Path::new(OUTPUT_DIR).join(RECORD_DIR).join("previews").join(&self.brochure);
        if let Some(variant) = &self.variant {
            dir = dir.join(variant);
        }
        dir.join(&self.lang)
    }
}

/// Where the record of an aggregate (`sheets/<brochure>`, `proof`) is kept,
/// relative to the project root.
pub fn aggregate_record_path(name: &str) -> PathBuf {
    Path::new(OUTPUT_DIR).join(RECORD_DIR).join(format!("{name}.json"))
}

/// One job's record: the fingerprint of what it was built from and what it
/// wrote.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// SHA-256 of the job's inputs (see `pipeline::incremental`).
    pub inputs: String,
    /// The files written, in order.
    pub files: Vec<FileRecord>,
    /// The warnings and blockers the job found, reported again when skipped.
    #[serde(default)]
    pub findings: Vec<SavedFinding>,
}

/// One file a job wrote.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FileRecord {
    /// Its kind's name ([`Kind::name`]).
    pub kind: String,
    /// The brochure it belongs to.
    pub brochure: String,
    /// Its language.
    pub lang: Option<String>,
    /// The file, relative to the project root.
    pub path: PathBuf,
    /// Pages in it.
    pub pages: usize,
    /// Its size in bytes.
    pub bytes: usize,
    /// Its SHA-256.
    pub sha256: String,
    /// Its previews for the contact sheet: label and PNG file.
    #[serde(default)]
    pub previews: Vec<(String, PathBuf)>,
    /// When the file system says it was last written, as the record was
    /// saved (seconds and nanoseconds since 1970): a file with the recorded
    /// size and time is taken as intact without reading it, as git's index
    /// does; any other is read and hashed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modified: Option<(u64, u32)>,
}

impl FileRecord {
    /// The record of an output whose bytes are `bytes`.
    pub fn of(output: &Output, bytes: &[u8]) -> FileRecord {
        FileRecord { bytes: bytes.len(), sha256: sha256(bytes), ..FileRecord::listing(output) }
    }

    /// An output as a summary lists it: its hash only when known.
    pub fn listing(output: &Output) -> FileRecord {
        let previews = output.previews.iter().map(|p| (p.label.clone(), p.path.clone())).collect();
        let (brochure, lang, path) = (output.brochure.clone(), output.lang.clone(), output.path.clone());
        FileRecord { kind: output.kind.name().to_string(), brochure, lang, path, pages: output.pages, bytes: output.bytes, sha256: output.sha256.clone().unwrap_or_default(), previews, modified: None }
    }

    /// The output it describes; none when the kind is not known to this
    /// version of kalem.
    pub fn output(&self) -> Option<Output> {
        let kind = Kind::from_name(&self.kind)?;
        let previews = self.previews.iter().map(|(label, path)| super::output::PreviewFile { label: label.clone(), path: path.clone() }).collect();
        let output = Output::new(kind, &self.brochure, self.lang.as_deref(), self.path.clone(), self.pages, self.bytes).with_previews(previews);
        Some(output.with_sha256(self.sha256.clone()))
    }

    /// Whether the file is still there with the size and content recorded:
    /// with the recorded size and time it is, else its content is hashed.
    pub fn intact(&self, root: &Path) -> bool {
        if !in_output(&self.path) {
            return false;
        }
        let path = root.join(&self.path);
        let Ok(meta) = std::fs::metadata(&path) else { return false };
        if !meta.is_file() || meta.len() != self.bytes as u64 {
            return false;
        }
        (self.modified.is_some() && self.modified == modified(&meta)) || sandbox::read_bytes(&path, MAX_READ_BYTES).is_ok_and(|bytes| sha256(&bytes) == self.sha256)
    }
}

/// Whether a path a record names is a plain path inside `output/`: a
/// record edited to name any other file is not followed.
pub fn in_output(path: &Path) -> bool {
    path.starts_with(OUTPUT_DIR) && path.components().all(|c| matches!(c, std::path::Component::Normal(_)))
}

/// How long ago a file must have been written for its time to be kept:
/// a file changed again within the file system's clock step (up to 2 s on
/// FAT) would keep its time, so a recent one is hashed instead.
const SETTLED: std::time::Duration = std::time::Duration::from_secs(2);

/// Sets each file's time as it is now, after this run wrote or checked it;
/// none for a file written too recently to tell a later change by its time.
pub fn stamp_times(root: &Path, files: &mut [FileRecord]) {
    let now = std::time::SystemTime::now();
    for file in files {
        let meta = std::fs::metadata(root.join(&file.path)).ok();
        let settled = meta.as_ref().and_then(|m| m.modified().ok()).is_some_and(|t| now.duration_since(t).is_ok_and(|age| age >= SETTLED));
        file.modified = meta.as_ref().filter(|_| settled).and_then(modified);
    }
}

/// A file's modification time as records keep it.
fn modified(meta: &std::fs::Metadata) -> Option<(u64, u32)> {
    let since = meta.modified().ok()?.duration_since(std::time::UNIX_EPOCH).ok()?;
    Some((since.as_secs(), since.subsec_nanos()))
}

/// A finding as a record keeps it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SavedFinding {
    /// `warning`, `error` or the blocker's kind name.
    pub severity: String,
    /// The message.
    pub message: String,
    /// File, line and column, when known.
    pub location: Option<(PathBuf, usize, usize)>,
    /// The translation key.
    pub key: Option<String>,
    /// The language.
    pub lang: Option<String>,
    /// What to do.
    pub hint: Option<String>,
}

impl SavedFinding {
    /// The finding of a diagnostic.
    pub fn of(d: &Diagnostic) -> SavedFinding {
        let severity = match d.severity {
            Severity::Warning => "warning".to_string(),
            Severity::Error => "error".to_string(),
            Severity::Blocker(kind) => kind.name().to_string(),
        };
        let location = d.location.as_ref().map(|l| (l.file.clone(), l.line, l.column));
        SavedFinding { severity, message: d.message.clone(), location, key: d.key.clone(), lang: d.lang.clone(), hint: d.hint.clone() }
    }

    /// The diagnostic again; none when its blocker kind is unknown.
    pub fn diagnostic(&self) -> Option<Diagnostic> {
        let severity = match self.severity.as_str() {
            "warning" => Severity::Warning,
            "error" => Severity::Error,
            kind => Severity::Blocker(kind.parse::<Blocker>().ok()?),
        };
        let location = self.location.as_ref().map(|(file, line, column)| Location::at(file, *line, *column));
        Some(Diagnostic { severity, message: self.message.clone(), location, key: self.key.clone(), lang: self.lang.clone(), hint: self.hint.clone() })
    }
}

/// The records of one edition's jobs (or of the aggregates), by job name.
pub type Records = BTreeMap<String, Record>;

/// Reads a records file; empty when it is missing or unreadable (its jobs
/// are then simply built again).
pub fn read_records(root: &Path, relative: &Path) -> Records {
    sandbox::read_bytes(&root.join(relative), MAX_READ_BYTES).ok().and_then(|bytes| serde_json::from_slice(&bytes).ok()).unwrap_or_default()
}

/// Writes a records file atomically; a missing file when there are none.
pub fn write_records(root: &Path, relative: &Path, records: &Records) -> Result<(), Diagnostic> {
    if records.is_empty() {
        return match std::fs::remove_file(root.join(relative)) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(Diagnostic::error(format!("cannot remove an old build record: {e}")).at(Location::file(relative))),
            _ => Ok(()),
        };
    }
    let json = serde_json::to_vec_pretty(records).map_err(|e| Diagnostic::error(format!("cannot encode the build record: {e}")))?;
    write_if_changed(root, &root.join(relative), &json)
}

/// The record's outputs when it is current: made from `inputs`, every file
/// and preview still there and intact, every kind and finding understood.
pub fn current(root: &Path, record: Option<&Record>, inputs: &str) -> Option<(Vec<Output>, Vec<Diagnostic>)> {
    let record = record.filter(|r| r.inputs == inputs)?;
    let previews_there = |f: &FileRecord| f.previews.iter().all(|(_, p)| in_output(p) && root.join(p).is_file());
    if !record.files.iter().all(|f| f.intact(root) && previews_there(f)) {
        return None;
    }
    let outputs = record.files.iter().map(FileRecord::output).collect::<Option<Vec<_>>>()?;
    let findings = record.findings.iter().map(SavedFinding::diagnostic).collect::<Option<Vec<_>>>()?;
    Some((outputs, findings))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::write::write_atomic;

    #[test]
    fn a_record_is_current_only_with_the_same_inputs_and_intact_files() {
        let dir = tempfile::tempdir().unwrap();
        let output = Output::new(Kind::Caption, "b", Some("tr"), PathBuf::from("output/b/tr/social/p.caption.txt"), 0, 5);
        write_atomic(dir.path(), &dir.path().join(&output.path), b"hello").unwrap();
        let warning = Diagnostic::blocker(Blocker::SmallText, "small").at(Location::at("brochures/b.yaml", 3, 4)).lang("tr");
        let record = Record { inputs: "abc".into(), files: vec![FileRecord::of(&output, b"hello")], findings: vec![SavedFinding::of(&warning)] };
        let (outputs, findings) = current(dir.path(), Some(&record), "abc").expect("current");
        assert_eq!(outputs[0].path, output.path);
        assert_eq!(findings, vec![warning]);
        assert!(current(dir.path(), Some(&record), "abd").is_none(), "other inputs");
        write_atomic(dir.path(), &dir.path().join(&output.path), b"hellO").unwrap();
        assert!(current(dir.path(), Some(&record), "abc").is_none(), "same size, other content");
    }

    #[test]
    fn a_record_names_only_files_inside_output() {
        assert!(in_output(Path::new("output/b/tr/b-tr-print.pdf")));
        for other in ["../secret.pdf", "/etc/passwd", "output/../kalem.yaml", "brochures/b.yaml"] {
            assert!(!in_output(Path::new(other)), "{other}");
        }
        let output = Output::new(Kind::Caption, "b", None, PathBuf::from("../outside.txt"), 0, 5);
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("outside.txt"), b"hello").unwrap();
        let project = dir.path().join("project");
        std::fs::create_dir(&project).unwrap();
        assert!(!FileRecord::of(&output, b"hello").intact(&project), "a file outside the project is never taken as an output");
    }

    #[test]
    fn a_stamped_record_trusts_a_file_with_its_size_and_time_and_hashes_any_other() {
        let dir = tempfile::tempdir().unwrap();
        let output = Output::new(Kind::Caption, "b", Some("tr"), PathBuf::from("output/b/tr/social/p.caption.txt"), 0, 5);
        let file = dir.path().join(&output.path);
        write_atomic(dir.path(), &file, b"hello").unwrap();
        let records = Records::from([("pdfs".to_string(), Record { inputs: "abc".into(), files: vec![FileRecord::of(&output, b"hello")], findings: Vec::new() })]);
        let relative = Path::new("output/.kalem/editions/b/tr.json");
        let mut stamped = records.clone();
        stamp_times(dir.path(), &mut stamped.get_mut("pdfs").unwrap().files);
        assert_eq!(stamped["pdfs"].files[0].modified, None, "just written: its time cannot tell a change yet");
        let written = std::time::SystemTime::now() - std::time::Duration::from_secs(60);
        std::fs::File::options().write(true).open(&file).unwrap().set_modified(written).unwrap();
        stamp_times(dir.path(), &mut stamped.get_mut("pdfs").unwrap().files);
        write_records(dir.path(), relative, &stamped).unwrap();
        let saved = read_records(dir.path(), relative);
        let stamped = &saved["pdfs"].files[0];
        let (secs, nanos) = stamped.modified.expect("the file's time is saved");
        assert!(stamped.intact(dir.path()));
        // Other bytes of the same size under the saved time: taken as
        // written (the time is what says a file was touched); under any
        // other time, hashed and found changed.
        let at = std::time::UNIX_EPOCH + std::time::Duration::new(secs, nanos);
        std::fs::write(&file, b"hellO").unwrap();
        std::fs::File::options().write(true).open(&file).unwrap().set_modified(at).unwrap();
        assert!(stamped.intact(dir.path()), "size and time match");
        std::fs::File::options().write(true).open(&file).unwrap().set_modified(at + std::time::Duration::from_secs(1)).unwrap();
        assert!(!stamped.intact(dir.path()), "touched: the content is hashed");
    }
}
