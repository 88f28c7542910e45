//! Helpers shared by the integration tests: a scratch copy of the sample
//! project, running the `kalem` binary on it, and reading PDFs back.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root, which is also the sample project.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A copy of the sample project (configuration, brochures, translations,
/// assets, fonts) in a temporary folder, so tests can change it freely.
pub fn sample_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::copy(repo().join("kalem.yaml"), dir.path().join("kalem.yaml")).expect("copy kalem.yaml");
    for sub in ["brochures", "translations", "assets", "fonts"] {
        copy_dir(&repo().join(sub), &dir.path().join(sub));
    }
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create dir");
    for entry in std::fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy file");
        }
    }
}

/// Runs `kalem` with `args` on the project in `dir`.
pub fn kalem(dir: &Path, args: &[&str]) -> Output {
    kalem_dated(dir, args, None)
}

/// Runs `kalem` with `SOURCE_DATE_EPOCH` set to `epoch`, or unset.
pub fn kalem_dated(dir: &Path, args: &[&str], epoch: Option<&str>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_kalem"));
    cmd.args(args).arg("--project").arg(dir).env_remove("SOURCE_DATE_EPOCH");
    if let Some(e) = epoch {
        cmd.env("SOURCE_DATE_EPOCH", e);
    }
    cmd.output().expect("run kalem")
}

/// Standard error of a run, as text.
pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Replaces `from` with `to` in a file of the project; the text must be there.
pub fn edit(dir: &Path, file: &str, from: &str, to: &str) {
    let path = dir.join(file);
    let text = std::fs::read_to_string(&path).expect("read file");
    assert!(text.contains(from), "{file} does not contain {from:?}");
    std::fs::write(&path, text.replacen(from, to, 1)).expect("write file");
}

/// Every file below `dir`, relative to it.
pub fn files_below(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                out.extend(files_below(&path).into_iter().map(|p| Path::new(&entry.file_name()).join(p)));
            } else {
                out.push(PathBuf::from(entry.file_name()));
            }
        }
    }
    out.sort();
    out
}

/// The text of a PDF in reading (logical) order, as `pdftotext` gives it:
/// lopdf returns each line's glyphs in visual order, left to right, so lines
/// with right-to-left text are reordered with the Unicode bidi algorithm
/// (reordering visual text once more gives the logical order for the runs
/// kalem writes). Whitespace is folded.
pub fn logical_text(doc: &lopdf::Document) -> String {
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let raw = doc.extract_text(&pages).expect("extract text");
    raw.lines()
        .map(|line| {
            let info = unicode_bidi::BidiInfo::new(line, None);
            match info.paragraphs.first() {
                Some(para) if info.has_rtl() => info.reorder_line(para, para.range.clone()).into_owned(),
                _ => line.to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

const MM_PER_PT: f64 = 25.4 / 72.0;

fn number(o: &lopdf::Object) -> f64 {
    match o {
        lopdf::Object::Integer(i) => *i as f64,
        lopdf::Object::Real(r) => *r as f64,
        other => panic!("not a number: {other:?}"),
    }
}

/// Width and height in mm of a page box (`MediaBox`, `TrimBox`).
pub fn page_box_mm(doc: &lopdf::Document, page: lopdf::ObjectId, name: &[u8]) -> (f64, f64) {
    let dict = doc.get_dictionary(page).expect("page");
    let rect = dict.get(name).and_then(lopdf::Object::as_array).unwrap_or_else(|_| panic!("no {}", String::from_utf8_lossy(name)));
    let v: Vec<f64> = rect.iter().map(number).collect();
    ((v[2] - v[0]) * MM_PER_PT, (v[3] - v[1]) * MM_PER_PT)
}

/// Width and height in mm of a page's `MediaBox`.
pub fn media_box_mm(doc: &lopdf::Document, page: lopdf::ObjectId) -> (f64, f64) {
    page_box_mm(doc, page, b"MediaBox")
}
