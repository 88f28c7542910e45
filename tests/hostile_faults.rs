//! Hostile projects and faults, second round: names that would put outputs
//! outside `output/`, an output folder that is a link, files that are
//! pipes, repeated languages, numbers out of range, temporary files left by
//! a killed build, a panic inside one edition. Each case checks the exit
//! code, the message (file and key) and what `output/` holds before and
//! after.

#![cfg(unix)]

mod common;

use std::path::{Path, PathBuf};

use kalem::model::Selection;
use kalem::pipeline::{JobReport, contain_panic};

const BROCHURE: &str = "brochures/test.yaml";

/// A one-panel Turkish project, with the sample's output profile and
/// emblem.
fn project() -> common::TestProject {
    let p = common::TestProject::new("upper", &[("tr", "cover:\n  title: Başlık\n  body: Metin\n")]);
    for file in ["assets/print/fogra39-output-intent.icc", "assets/emblem.svg"] {
        let to = p.dir.path().join(file);
        std::fs::create_dir_all(to.parent().expect("parent")).expect("assets");
        std::fs::copy(common::repo().join(file), to).expect("copy");
    }
    p
}

/// Runs `kalem build`, returns the exit code and standard error.
/// `file:line:` of the first line of the sample's `kalem.yaml` holding `text`.
fn config_line(text: &str) -> String {
    let config = std::fs::read_to_string(common::repo().join("kalem.yaml")).expect("kalem.yaml");
    let line = config.lines().position(|l| l.contains(text)).unwrap_or_else(|| panic!("no {text:?} in kalem.yaml")) + 1;
    format!("kalem.yaml:{line}:")
}

fn build(root: &Path) -> (Option<i32>, String) {
    let out = common::kalem(root, &["build"]);
    let err = common::stderr(&out);
    assert!(!err.contains("panicked"), "{err}");
    (out.status.code(), err)
}

/// Everything below `dir`, relative to it.
fn files(dir: &Path) -> Vec<PathBuf> {
    common::files_below(dir)
}

#[test]
fn brochure_file_names_that_are_no_id_write_nothing() {
    for name in ["...yaml", "Test Brochure.yaml", "-x.yaml"] {
        let p = project();
        let root = p.dir.path();
        std::fs::rename(root.join(BROCHURE), root.join("brochures").join(name)).expect("rename");
        let before = files(root);
        let (code, err) = build(root);
        assert_eq!(code, Some(1), "{name}: {err}");
        assert!(err.contains(&format!("brochures/{name}: error: brochure file name")) && err.contains("cannot be a brochure id"), "{name}: {err}");
        assert_eq!(files(root), before, "{name}: files written: {err}");
    }
}

#[test]
fn language_codes_that_are_no_code_are_refused() {
    for code in ["tr/x", "..", "TR"] {
        let p = project();
        let root = p.dir.path();
        common::edit(root, "kalem.yaml", "  tr: { name", &format!("  \"{code}\": {{ name"));
        common::edit(root, BROCHURE, "languages: [tr]", &format!("languages: [\"{code}\"]"));
        let (exit, err) = build(root);
        assert_eq!(exit, Some(1), "{code}: {err}");
        assert!(err.contains(&config_line("  tr: { name")) && err.contains(&format!("language code `{code}` is not a valid code")), "{code}: {err}");
        assert!(!root.join("output").exists(), "{code}: {err}");
    }
}

#[test]
fn a_language_listed_twice_is_an_error() {
    let p = project();
    let root = p.dir.path();
    common::edit(root, BROCHURE, "languages: [tr]", "languages: [tr, tr, tr]");
    let (code, err) = build(root);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains(&format!("{BROCHURE}:3:")) && err.contains("language `tr` is listed twice"), "{err}");
    assert!(!root.join("output").exists(), "{err}");
}

#[test]
fn print_numbers_out_of_range_name_the_key_and_the_range() {
    for (from, to, message) in [
        ("bleed_mm: 3", "bleed_mm: -50", "print.bleed_mm -50 mm is out of range (0 to 20 mm)"),
        ("bleed_mm: 3", "bleed_mm: 100000", "print.bleed_mm 100000 mm is out of range (0 to 20 mm)"),
        ("safe_mm: 5", "safe_mm: -20", "print.safe_mm -20 mm is out of range (0 to 30 mm)"),
        ("safe_mm: 5", "safe_mm: .nan", "`.nan` is not a number kalem can use"),
    ] {
        let p = project();
        let root = p.dir.path();
        common::edit(root, "kalem.yaml", from, to);
        let (code, err) = build(root);
        assert_eq!(code, Some(1), "{to}: {err}");
        assert!(err.contains(&config_line(from)) && err.contains(message), "{to}: {err}");
    }
    let p = project();
    let root = p.dir.path();
    common::edit(root, BROCHURE, "      - text: cover.body\n", "      - text: cover.body\n      - image: assets/emblem.svg\n        height: 0.001\n");
    let (code, err) = build(root);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains(&format!("{BROCHURE}:11:")) && err.contains("image height 0.001 mm is out of range (1 to 400 mm)"), "{err}");
}

#[test]
fn an_output_folder_linked_elsewhere_is_refused() {
    for link in ["output", "output/test"] {
        let p = project();
        let root = p.dir.path();
        let elsewhere = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir_all(root.join(link).parent().expect("parent")).expect("output");
        std::os::unix::fs::symlink(elsewhere.path(), root.join(link)).expect("symlink");
        let (code, err) = build(root);
        assert_eq!(code, Some(1), "{link}: {err}");
        assert!(err.contains(&format!("{link}: error: cannot write here: `{link}` is a link")), "{link}: {err}");
        assert!(files(elsewhere.path()).is_empty(), "{link}: written through the link: {err}");
    }
}

#[test]
fn pipes_as_project_files_are_refused_at_once() {
    for file in ["translations/tr.yaml", "kalem.yaml", "fonts/NotoSans-Regular.ttf"] {
        let p = project();
        let root = p.dir.path();
        let path = root.join(file);
        std::fs::remove_file(&path).expect("remove");
        let c = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).expect("path");
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0, "mkfifo");
        let (code, err) = build(root);
        assert_eq!(code, Some(1), "{file}: {err}");
        assert!(err.contains(&format!("{file}")) && err.contains("is not an ordinary file"), "{file}: {err}");
        assert!(!root.join("output").exists(), "{file}: {err}");
    }
}

#[test]
fn temporary_files_of_a_killed_build_are_removed_by_the_next() {
    let p = project();
    let root = p.dir.path();
    let left = root.join("output/test/tr/.kalem-Xy12ab.part");
    std::fs::create_dir_all(left.parent().expect("parent")).expect("dirs");
    std::fs::write(&left, b"%PDF-1.7 half").expect("write");
    std::fs::write(root.join("output/test/notes.txt"), b"mine").expect("write");
    let (code, err) = build(root);
    assert_eq!(code, Some(0), "{err}");
    let after = files(&root.join("output"));
    assert!(!after.iter().any(|f| f.to_string_lossy().contains(".part")), "{after:?}");
    assert!(after.contains(&PathBuf::from("test/notes.txt")) && after.contains(&PathBuf::from("test/tr/test-tr-print.pdf")), "{after:?}");
}

#[test]
fn a_panic_inside_an_edition_is_that_editions_error() {
    let p = project();
    let project = kalem::model::load_project(p.dir.path(), &Selection::default()).unwrap_or_else(|d| panic!("{d:#?}"));
    let brochure = &project.brochures[0];
    let report: JobReport = contain_panic(brochure, "tr", || panic!("byte index 65535 is not a char boundary"));
    assert!(report.outputs.is_empty());
    let message = report.diagnostics.iter().map(ToString::to_string).collect::<String>();
    assert!(message.starts_with(&format!("{BROCHURE}: error: kalem failed inside typesetting")) && message.contains("byte index 65535") && message.contains("[language tr]"), "{message}");
}

/// A word longer than any line panicked inside typst's PDF writer and lost
/// every language: now it is an error of its language only, and what the
/// last good build wrote (that language's PDFs, the contact sheet showing
/// them) stays as it was.
#[test]
fn a_word_longer_than_any_line_fails_its_language_only() {
    let p = project();
    let root = p.dir.path();
    std::fs::write(root.join("translations/ar.yaml"), "cover:\n  title: عنوان\n  body: نص\n").expect("write ar");
    common::edit(root, BROCHURE, "languages: [tr]", "languages: [tr, ar]");
    let (code, err) = build(root);
    assert_eq!(code, Some(0), "{err}");
    let sheet = root.join("output/test/contact-sheet.png");
    let before = (files(&root.join("output")), std::fs::read(&sheet).expect("contact sheet"), std::fs::read(root.join("output/test/ar/test-ar-print.pdf")).expect("ar pdf"));
    std::fs::write(root.join("translations/ar.yaml"), format!("cover:\n  title: عنوان\n  body: {}\n", "ب".repeat(33_000))).expect("write ar");
    for args in [&["check"][..], &["build"]] {
        let out = common::kalem(root, args);
        let err = common::stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{err}");
        assert!(err.contains("translations/ar.yaml:3:") && err.contains("a word of 33000 characters") && err.contains("[language ar] [key cover.body]"), "{args:?}: {err}");
    }
    let after = (files(&root.join("output")), std::fs::read(&sheet).expect("contact sheet"), std::fs::read(root.join("output/test/ar/test-ar-print.pdf")).expect("ar pdf"));
    assert!(before == after, "output/ changed: {:?} -> {:?}", before.0, after.0);
}

#[test]
fn a_damaged_font_is_named_once() {
    let p = project();
    let root = p.dir.path();
    let font = root.join("fonts/NotoSans-Regular.ttf");
    let mut data = std::fs::read(&font).expect("read");
    let glyf = data.windows(4).position(|w| w == b"glyf").expect("glyf entry");
    let offset = u32::from_be_bytes(data[glyf + 8..glyf + 12].try_into().expect("offset")) as usize;
    data[offset + 20_000..offset + 120_000].fill(0);
    std::fs::write(&font, data).expect("write");
    let (code, err) = build(root);
    assert_eq!(code, Some(1), "{err}");
    assert_eq!(err.matches("error:").count(), 1, "{err}");
    assert!(err.contains("fonts/NotoSans-Regular.ttf: error: this font file is damaged"), "{err}");
    assert!(!root.join("output").exists(), "{err}");
}

#[test]
fn messages_name_the_right_file_and_key() {
    let long = format!("assets/{}.png", "a".repeat(5000));
    let (accent_at, bleed_at) = (format!("{}11", config_line("  accent:")), format!("{}13", config_line("bleed_mm: 3")));
    for (file, from, to, place, message) in [
        ("kalem.yaml", "  accent: [0, 70, 100, 25]", "  accent: [0, 70, 100, 200]", accent_at.as_str(), "colour `accent`: colour values are percentages from 0 to 100, found 200"),
        ("kalem.yaml", "bleed_mm: 3", "bleed_mm: 0x1E", bleed_at.as_str(), "write it as a plain decimal number: `30`"),
        ("translations/tr.yaml", "body: Metin", "body: \"x \\uD83D\\uDE00\"", "translations/tr.yaml:3:", "not a pair of `\\u` halves"),
        (BROCHURE, "      - text: cover.body\n", &format!("      - text: cover.body\n      - image: {long}\n"), "brochures/test.yaml:10:", "is 5011 characters long, longer than file systems allow"),
    ] {
        let p = project();
        let root = p.dir.path();
        common::edit(root, file, from, to);
        let (code, err) = build(root);
        assert_eq!(code, Some(1), "{to}: {err}");
        assert!(err.contains(place) && err.contains(message), "{to}: {err}");
        assert!(!root.join("output").exists(), "{err}");
    }
}

#[test]
fn watch_does_not_walk_a_link_to_the_whole_system() {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};
    use std::time::Duration;
    let p = project();
    let root = p.dir.path();
    std::os::unix::fs::symlink("/", root.join("assets/everything")).expect("symlink");
    let mut child = Command::new(env!("CARGO_BIN_EXE_kalem"))
        .args(["watch", "--project"])
        .arg(root)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start kalem watch");
    let stdout = child.stdout.take().expect("stdout");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || BufReader::new(stdout).lines().map_while(Result::ok).for_each(|l| drop(tx.send(l))));
    let watching = std::iter::from_fn(|| rx.recv_timeout(Duration::from_secs(120)).ok()).any(|l| l.starts_with("watching"));
    // One save, one rebuild of the Turkish PDFs.
    common::edit(root, "translations/tr.yaml", "Metin", "Yeni metin");
    let rebuilt = std::iter::from_fn(|| rx.recv_timeout(Duration::from_secs(120)).ok()).any(|l| l.contains("translations/tr.yaml"));
    child.kill().expect("stop kalem watch");
    let err = String::from_utf8_lossy(&child.wait_with_output().expect("wait").stderr).into_owned();
    assert!(watching && rebuilt, "watch did not start or rebuild:\n{err}");
    assert!(!err.contains("Permission denied") && !err.contains("/proc"), "{err}");
}
