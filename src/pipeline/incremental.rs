//! Fingerprints of what each output is built from, so that a build skips
//! what is current and redoes exactly what an edit reaches: the data the
//! template is given (the resolved edition: its texts, colours, contacts,
//! geometry), every file that data names (images, logos, photos), the
//! fonts of the edition's chain, the output profile and print settings,
//! kalem's version and templates, the build's mode and whether it makes
//! drafts. A finding-free skip is never a guess: the record's files are
//! checked for size and SHA-256 too ([`crate::export::record::current`]).

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::Mutex;

use serde::Serialize;
use sha2::{Digest, Sha256};

use super::{JobReport, Mode, Resources, Status};
use crate::diag::Diagnostic;
use crate::export::output::Output;
use crate::export::record::{self, EditionKey, FileRecord, Record, Records, SavedFinding, read_records};
use crate::layout::world::{BLOCKS, Template};
use crate::model::{Edition, Project};
use crate::sandbox;

/// An environment variable that replaces kalem's version in every
/// fingerprint. Only the tests set it, to show that a new version of
/// kalem rebuilds everything.
pub const VERSION_VAR: &str = "KALEM_FINGERPRINT_VERSION";

/// Longest string of the data checked for being a file's path.
const MAX_PATH_LEN: usize = 400;

/// Largest input file hashed, in bytes.
const MAX_INPUT_BYTES: u64 = crate::sandbox::MAX_ASSET_BYTES;

/// kalem's version as fingerprints see it: the crate's, or [`VERSION_VAR`].
pub fn build_version() -> String {
    std::env::var(VERSION_VAR).ok().filter(|v| !v.is_empty()).unwrap_or_else(|| env!("CARGO_PKG_VERSION").to_string())
}

/// What every fingerprint of a run shares, and the hashes of the files
/// they name, each read once.
pub struct Fingerprints<'a> {
    project: &'a Project,
    base: String,
    fonts: BTreeMap<String, String>,
    files: Mutex<HashMap<String, String>>,
}

impl<'a> Fingerprints<'a> {
    /// The fingerprints of a run in `mode` making `status` outputs.
    pub fn new(project: &'a Project, resources: &Resources, mode: Mode, status: Status) -> Fingerprints<'a> {
        let mut base = Sha256::new();
        for part in [build_version().as_str(), BLOCKS, &format!("{mode:?} {status:?} {:?}", project.config.print)] {
            add(&mut base, part.as_bytes());
        }
        for template in [Template::Panels, Template::Flow, Template::Social, Template::ContactSheet, Template::Proof] {
            add(&mut base, template.source().as_bytes());
        }
        add(&mut base, &resources.setup.profile.bytes);
        let mut families: BTreeMap<String, Sha256> = BTreeMap::new();
        for face in resources.engine.fonts().faces() {
            let family = families.entry(face.family.clone()).or_default();
            add(family, face.file.to_string_lossy().as_bytes());
            add(family, &face.data);
        }
        let fonts = families.into_iter().map(|(name, h)| (name, hex(h))).collect();
        Fingerprints { project, base: hex(base), fonts, files: Mutex::new(HashMap::new()) }
    }

    /// The fingerprint of one job of `edition`: `job` names it, `data` is
    /// what its template is given, `extra` anything else it depends on
    /// (a print PDF's date).
    pub fn of(&self, edition: &Edition, job: &str, data: &impl Serialize, extra: &str) -> String {
        let mut h = Sha256::new();
        for part in [self.base.as_str(), &edition.brochure.key(), edition.lang, job, extra] {
            add(&mut h, part.as_bytes());
        }
        for family in edition.fonts {
            add(&mut h, family.as_bytes());
            add(&mut h, self.fonts.get(family).map_or("missing", String::as_str).as_bytes());
        }
        let json = serde_json::to_value(data).unwrap_or_else(|e| serde_json::Value::String(format!("unencodable: {e}")));
        add(&mut h, json.to_string().as_bytes());
        let mut named = Vec::new();
        paths_in(&json, &mut named);
        named.sort_unstable();
        named.dedup();
        for path in named {
            if let Some(hash) = self.file(path) {
                add(&mut h, path.as_bytes());
                add(&mut h, hash.as_bytes());
            }
        }
        hex(h)
    }

    /// The hash of the project file a string of the data names, if it
    /// names one; read once per run.
    fn file(&self, path: &str) -> Option<String> {
        if let Some(known) = self.files.lock().ok()?.get(path) {
            return Some(known.clone());
        }
        let relative = path.trim_start_matches('/');
        let resolved = sandbox::resolve(&self.project.root, Path::new(relative)).ok().filter(|p| p.is_file())?;
        let hash = sandbox::read_bytes(&resolved, MAX_INPUT_BYTES).map_or_else(|e| format!("unreadable: {e}"), |b| crate::export::manifest::sha256(&b));
        self.files.lock().ok()?.insert(path.to_string(), hash.clone());
        Some(hash)
    }
}

/// The strings of `value` that may be paths of project files: those that
/// start with `/` (as typst names files) and hold no space.
fn paths_in<'v>(value: &'v serde_json::Value, found: &mut Vec<&'v str>) {
    match value {
        serde_json::Value::String(s) if s.starts_with('/') && s.len() < MAX_PATH_LEN && !s.contains(char::is_whitespace) => found.push(s),
        serde_json::Value::Array(items) => items.iter().for_each(|v| paths_in(v, found)),
        serde_json::Value::Object(map) => map.values().for_each(|v| paths_in(v, found)),
        _ => {}
    }
}

/// Adds a part with its length, so that parts cannot run into each other.
fn add(h: &mut Sha256, part: &[u8]) {
    h.update((part.len() as u64).to_le_bytes());
    h.update(part);
}

fn hex(h: Sha256) -> String {
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// The fingerprint of an aggregate (a contact sheet, the proof) from the
/// parts it is made of.
pub fn of_parts(parts: &[&[u8]]) -> String {
    let mut h = Sha256::new();
    add(&mut h, build_version().as_bytes());
    for part in parts {
        add(&mut h, part);
    }
    hex(h)
}

/// A job's record with the edition and job name it is kept under.
#[derive(Debug, Clone)]
pub struct JobRecord {
    /// The edition's record file it goes to.
    pub edition: EditionKey,
    /// The job's name in that file, e.g. `pdfs` or `social/hotline-instagram-story`.
    pub job: String,
    /// What the job's outputs were built from.
    pub record: Record,
}

impl JobRecord {
    /// The record of a job that made `files` (each output with its bytes)
    /// from `inputs`, finding `findings`.
    pub fn new(edition: EditionKey, job: &str, inputs: String, files: &[(&Output, &[u8])], findings: &[Diagnostic]) -> JobRecord {
        let files = files.iter().map(|(output, bytes)| FileRecord::of(output, bytes)).collect();
        let findings = findings.iter().map(SavedFinding::of).collect();
        JobRecord { edition, job: job.to_string(), record: Record { inputs, files, findings } }
    }
}

/// What a build knows of earlier builds: the fingerprints of this run and
/// the records of the editions it builds.
pub struct Incremental<'a> {
    /// This run's fingerprints.
    pub prints: Fingerprints<'a>,
    old: BTreeMap<EditionKey, Records>,
    force: bool,
    /// Whether nothing may be built, only found current (`--assemble`).
    pub assemble: bool,
}

impl<'a> Incremental<'a> {
    /// Reads the records of `editions`.
    pub fn new(prints: Fingerprints<'a>, editions: &[EditionKey], force: bool, assemble: bool) -> Incremental<'a> {
        let root = &prints.project.root;
        let old = editions.iter().map(|key| (key.clone(), read_records(root, &key.record_path()))).collect();
        Incremental { prints, old, force, assemble }
    }

    /// The outputs and findings of a job whose record is current for
    /// `inputs`; none when it must be built (always with `--force`).
    pub fn current(&self, edition: &EditionKey, job: &str, inputs: &str) -> Option<(Vec<Output>, Vec<Diagnostic>)> {
        if self.force {
            return None;
        }
        record::current(&self.prints.project.root, self.old.get(edition).and_then(|r| r.get(job)), inputs)
    }

    /// The report of a job found current, or, when assembling, the error of
    /// one that is not; none when it is to be built.
    pub fn skip(&self, edition: &EditionKey, job: &str, name: &str, inputs: &str) -> Option<JobReport> {
        let mut report = JobReport::new(name, &edition.lang);
        match self.current(edition, job, inputs) {
            Some((outputs, findings)) => {
                report.outputs = outputs;
                report.diagnostics = findings;
                report.current = true;
                report.record = Some(JobRecord { edition: edition.clone(), job: job.to_string(), record: self.old.get(edition)?.get(job)?.clone() });
            }
            None if self.assemble => {
                let error = Diagnostic::error(format!("`{name}` in {} was not built by any shard, or its inputs changed since", edition.lang))
                    .lang(&edition.lang)
                    .hint("run every `kalem build --shard K/N` of this project into this output folder first, with the same files");
                report.diagnostics.push(error);
            }
            None => return None,
        }
        Some(report)
    }
}

impl Incremental<'_> {
    /// Writes the record file of every edition of the run: the records of
    /// the jobs that built or kept their outputs, over the earlier ones. A
    /// job that failed leaves its earlier record, which still describes the
    /// files it left in place (its inputs now differ, so it is built next
    /// time).
    pub fn write_records(&self, reports: &[JobReport]) -> Vec<Diagnostic> {
        let root = &self.prints.project.root;
        let mut files: BTreeMap<&EditionKey, Records> = self.old.iter().map(|(k, r)| (k, r.clone())).collect();
        for r in reports.iter().filter(|r| !crate::diag::has_errors(&r.diagnostics)) {
            if let Some(job) = &r.record
                && let Some(records) = files.get_mut(&job.edition)
            {
                // Files this run wrote or found intact keep their times,
                // so that the next build need not read them again.
                let mut record = job.record.clone();
                record::stamp_times(root, &mut record.files);
                records.insert(job.job.clone(), record);
            }
        }
        files.into_iter().filter_map(|(key, records)| record::write_records(root, &key.record_path(), &records).err()).collect()
    }
}
