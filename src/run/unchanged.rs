//! A build with nothing to do, found without loading the project: when no
//! file the last error-free build was made from has changed (kalem.yaml,
//! brochures, translations, assets, fonts, data, and any other project file
//! they name), nor kalem, the date, or the command's options, and every
//! file that build wrote (and every preview its contact sheets show) is
//! still there and intact, the build reports that build again, every
//! output current. Anything else takes the ordinary way, where each
//! output's own record decides what is rebuilt. A build that fails leaves
//! the last error-free one's record: it is replayed only for that build's
//! own inputs, and only while the files it lists (the report and proof
//! among them, which every build rewrites) are intact.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::cli::BuildCommandArgs;
use crate::diag::Diagnostic;
use crate::export::manifest::{INPUTS, files_under, sha256};
use crate::export::output::OUTPUT_DIR;
use crate::export::record::{self, FileRecord, RECORD_DIR, SavedFinding, aggregate_record_path, read_records};
use crate::export::stamp::Stamp;
use crate::export::write::write_if_changed;
use crate::model::{CONFIG_FILE, DATA_DIR, Project};
use crate::pipeline::incremental::of_parts;
use crate::pipeline::{JobReport, Status};
use crate::sandbox;

/// The last build's record among the aggregates' (`output/.kalem/run.json`).
const RECORD: &str = "run";

/// Largest input file hashed, in bytes.
const MAX_INPUT_BYTES: u64 = sandbox::MAX_ASSET_BYTES;

/// What an error-free build was made from, wrote and found.
#[derive(Serialize, Deserialize)]
pub struct LastRun {
    /// The fingerprint of everything it was made from ([`fingerprint`]).
    inputs: String,
    /// Project files outside kalem's input folders it read (a picture
    /// or print profile kept elsewhere in the project).
    extra: Vec<PathBuf>,
    /// Every file it wrote or kept, with size, time and SHA-256.
    files: Vec<FileRecord>,
    /// The previews its contact sheets are made from.
    previews: Vec<PathBuf>,
    /// Its jobs, as the summary shows them.
    reports: Vec<SavedReport>,
    /// The findings of the project and the gate, not of one job.
    findings: Vec<SavedFinding>,
    /// Whether its outputs were drafts.
    draft: bool,
}

/// A job of the last build, as the summary shows it.
#[derive(Serialize, Deserialize)]
struct SavedReport {
    brochure: String,
    lang: String,
    post: Option<String>,
    outputs: Vec<FileRecord>,
    findings: Vec<SavedFinding>,
}

/// The last build again: its jobs (all current), the findings of the
/// project and the gate, and whether it made drafts.
pub struct Replay {
    /// Its jobs, each found current.
    pub reports: Vec<JobReport>,
    /// The findings not of one job.
    pub findings: Vec<Diagnostic>,
    /// Draft or clean.
    pub status: Status,
}

/// The last build, when nothing it was made from changed and everything it
/// wrote is intact; none otherwise (and always with `--force`, `--only`,
/// a shard or `--assemble`, which take the ordinary way).
pub fn replay(root: &Path, command: &BuildCommandArgs) -> Option<Replay> {
    if !replayable(command) {
        return None;
    }
    let bytes = sandbox::read_bytes(&root.join(aggregate_record_path(RECORD)), 256 << 20).ok()?;
    let last: LastRun = serde_json::from_slice(&bytes).ok()?;
    if last.inputs != fingerprint(root, command, &last.extra) || !last.files.iter().all(|f| f.intact(root)) || !last.previews.iter().all(|p| record::in_output(p) && root.join(p).is_file()) {
        return None;
    }
    let reports = last
        .reports
        .into_iter()
        .map(|r| {
            let mut report = JobReport::new(&r.brochure, &r.lang);
            report.outputs = r.outputs.iter().filter_map(FileRecord::output).collect();
            report.diagnostics = r.findings.iter().filter_map(SavedFinding::diagnostic).collect();
            (report.current, report.post) = (true, r.post);
            report
        })
        .collect();
    let findings = last.findings.iter().filter_map(SavedFinding::diagnostic).collect();
    Some(Replay { reports, findings, status: if last.draft { Status::Draft } else { Status::Clean } })
}

/// Whether an error-free build left its record.
pub fn remembered(root: &Path) -> bool {
    root.join(aggregate_record_path(RECORD)).is_file()
}

/// Whether a build with these options may be a replay of the last.
pub fn replayable(command: &BuildCommandArgs) -> bool {
    !command.force && command.target.only.is_none() && command.shard.is_none() && !command.assemble
}

/// The fingerprint of everything a build is made from: kalem (its version
/// and its program file's size and time), the options, the date, and
/// every input file with its content.
pub fn fingerprint(root: &Path, command: &BuildCommandArgs, extra: &[PathBuf]) -> String {
    let exe = std::env::current_exe().and_then(std::fs::metadata).ok().map(|m| (m.len(), m.modified().ok()));
    let args = &command.target;
    let mut parts = vec![format!("{:?} {:?} {exe:?} {:?}", args.brochure, args.lang, std::env::var("SOURCE_DATE_EPOCH").ok()), Stamp::now().day()];
    let files = INPUTS.iter().flat_map(|input| files_under(root, Path::new(input))).chain(extra.iter().cloned());
    for file in files {
        let content = match sandbox::resolve(root, &file) {
            Ok(inside) => sandbox::read_bytes(&inside, MAX_INPUT_BYTES).map_or_else(|e| format!("unreadable: {e}"), |b| sha256(&b)),
            Err(refused) => refused.what().to_string(),
        };
        parts.extend([file.to_string_lossy().into_owned(), content]);
    }
    of_parts(&parts.iter().map(String::as_bytes).collect::<Vec<_>>())
}

/// What a finished, error-free build is remembered by.
pub struct Finished<'a> {
    /// The fingerprint taken as it began ([`fingerprint`]).
    pub inputs: String,
    /// Its project.
    pub project: &'a Project,
    /// Its jobs.
    pub reports: &'a [JobReport],
    /// The findings of the project and the gate.
    pub findings: &'a [Diagnostic],
    /// Whether its outputs are drafts.
    pub status: Status,
    /// The report file it wrote and its bytes.
    pub report: (&'a Path, &'a [u8]),
}

/// Remembers a build that ended without error, for the next to replay:
/// every file its records (and the report) name, as they are now.
pub fn remember(run: &Finished) -> Result<(), Diagnostic> {
    let root = &run.project.root;
    let mut files: Vec<FileRecord> = Vec::new();
    let mut previews: Vec<PathBuf> = Vec::new();
    for path in files_under(root, &Path::new(OUTPUT_DIR).join(RECORD_DIR)).into_iter().filter(|p| p.extension().is_some_and(|e| e == "json")) {
        for kept in read_records(root, &path).into_values() {
            previews.extend(kept.files.iter().flat_map(|f| f.previews.iter().map(|(_, p)| p.clone())));
            files.extend(kept.files);
        }
    }
    let (report_path, report_bytes) = run.report;
    files.push(FileRecord { kind: "report".into(), brochure: String::new(), lang: None, path: report_path.to_path_buf(), pages: 0, bytes: report_bytes.len(), sha256: sha256(report_bytes), previews: Vec::new(), modified: None });
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files.dedup_by(|a, b| a.path == b.path);
    record::stamp_times(root, &mut files);
    let reports = run
        .reports
        .iter()
        .map(|r| SavedReport {
            brochure: r.brochure.clone(),
            lang: r.lang.clone(),
            post: r.post.clone(),
            outputs: r.outputs.iter().map(FileRecord::listing).collect(),
            findings: r.diagnostics.iter().map(SavedFinding::of).collect(),
        })
        .collect();
    let last = LastRun {
        inputs: run.inputs.clone(),
        extra: extra_files(run.project),
        files,
        previews,
        reports,
        findings: run.findings.iter().map(SavedFinding::of).collect(),
        draft: run.status == Status::Draft,
    };
    let json = serde_json::to_vec(&last).map_err(|e| Diagnostic::error(format!("cannot encode the build record: {e}")))?;
    write_if_changed(root, &root.join(aggregate_record_path(RECORD)), &json)
}

/// The project files outside kalem's input folders that its files name:
/// every string of kalem.yaml, the brochures and the variant tables that
/// is such a file's path, and the print profile.
pub fn extra_files(project: &Project) -> Vec<PathBuf> {
    let mut named: Vec<String> = Vec::new();
    let sources = std::iter::once(PathBuf::from(CONFIG_FILE)).chain(project.brochures.iter().map(|b| b.file.clone()));
    for source in sources {
        let text = sandbox::read_bytes(&project.root.join(&source), MAX_INPUT_BYTES).ok().and_then(|b| String::from_utf8(b).ok()).unwrap_or_default();
        if let Ok(value) = serde_yaml_ng::from_str::<serde_yaml_ng::Value>(&text) {
            strings(&value, &mut named);
        }
    }
    // Variant tables name pictures too.
    for table in files_under(&project.root, Path::new(DATA_DIR)).into_iter().filter(|p| p.extension().is_some_and(|e| e == "csv")) {
        let bytes = sandbox::read_bytes(&project.root.join(&table), MAX_INPUT_BYTES).unwrap_or_default();
        let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(bytes.as_slice());
        named.extend(reader.records().flatten().flat_map(|row| row.iter().map(str::to_string).collect::<Vec<_>>()));
    }
    named.push(project.config.print.condition.profile().to_string_lossy().into_owned());
    let mut extra: Vec<PathBuf> = named
        .into_iter()
        .map(PathBuf::from)
        .filter(|p| p.is_relative() && !INPUTS.iter().any(|i| p.starts_with(i)) && !p.starts_with(OUTPUT_DIR))
        .filter(|p| sandbox::resolve(&project.root, p).is_ok_and(|r| r.is_file()))
        .collect();
    extra.sort();
    extra.dedup();
    extra
}

fn strings(value: &serde_yaml_ng::Value, found: &mut Vec<String>) {
    match value {
        serde_yaml_ng::Value::String(s) => found.push(s.clone()),
        serde_yaml_ng::Value::Sequence(items) => items.iter().for_each(|v| strings(v, found)),
        serde_yaml_ng::Value::Mapping(map) => map.iter().for_each(|(k, v)| {
            strings(k, found);
            strings(v, found);
        }),
        serde_yaml_ng::Value::Tagged(tagged) => strings(&tagged.value, found),
        _ => {}
    }
}
