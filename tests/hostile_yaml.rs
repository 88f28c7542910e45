//! Hostile and broken YAML: the sample's configuration, brochures and
//! translations, mutated with a fixed seed (truncation, wrong types, random
//! bytes, deep nesting, alias bombs, huge strings, invalid UTF-8, BOMs, CRLF
//! line endings), are loaded in-process the way `kalem build` and
//! `kalem check` load them. kalem must never panic or hang, and every error
//! must name a file of the project; a BOM or CRLF line endings are not
//! errors at all. A few of the cases also go through the `kalem check`
//! binary.

mod common;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use kalem::diag::{Diagnostics, has_errors};
use kalem::model::{Selection, read_sources, validate};
use kalem::model::coverage::coverage;

/// The seed of the mutations: change it to explore, keep it fixed in CI.
const SEED: u64 = 0x6b61_6c65_6d21;
/// Random mutations per run.
const RANDOM_CASES: usize = 120;
/// Longest a single case may take before it counts as a hang; generous, as
/// this is a hang detector, not a benchmark.
const HANG_AFTER: Duration = Duration::from_secs(60);

/// The files that are mutated, relative to the project.
const FILES: [&str; 6] = [
    "kalem.yaml",
    "brochures/human-trafficking.yaml",
    "brochures/meeting-poster.yaml",
    "translations/tr.yaml",
    "translations/ar.yaml",
    "translations/fa.yaml",
];

/// xorshift64*: a few lines instead of a crate, and the same cases on every
/// machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Values of the wrong type for any key.
const WRONG_TYPES: [&str; 9] = ["[1, 2, [3]]", "{a: {b: c}}", "-12.5e300", "~", "true", "\"\"", "!!binary aGVsbG8=", "&x [*x]", "2026-13-45"];

/// One mutation of `text`, and its name for messages.
fn mutate(rng: &mut Rng, text: &[u8]) -> (String, Vec<u8>) {
    let at = rng.below(text.len() + 1);
    let mut out = text.to_vec();
    match rng.below(9) {
        0 => {
            out.truncate(at);
            (format!("truncated at byte {at}"), out)
        }
        1 => {
            let bytes: Vec<u8> = (0..1 + rng.below(16)).map(|_| rng.next() as u8).collect();
            out.splice(at..at, bytes.iter().copied());
            (format!("random bytes {bytes:02x?} at byte {at}"), out)
        }
        2 => {
            let i = rng.below(out.len());
            if let Some(b) = out.get_mut(i) {
                *b ^= 1 << rng.below(8);
            }
            (format!("bit flipped at byte {i}"), out)
        }
        3 => {
            // A value replaced by one of another type.
            let value = WRONG_TYPES[rng.below(WRONG_TYPES.len())];
            let colons: Vec<usize> = text.windows(2).enumerate().filter(|(_, w)| w == b": ").map(|(i, _)| i + 2).collect();
            let start = colons.get(rng.below(colons.len())).copied().unwrap_or(0);
            let end = text[start..].iter().position(|b| *b == b'\n').map_or(text.len(), |n| start + n);
            out.splice(start..end, value.bytes());
            (format!("value at byte {start} replaced by `{value}`"), out)
        }
        4 => {
            let depth = [10, 70, 1_000, 100_000][rng.below(4)];
            let nest = if rng.below(2) == 0 { "[".repeat(depth) + &"]".repeat(depth) } else { "{a: ".repeat(depth) + &"}".repeat(depth) };
            let line = format!("\ndeep: {nest}\n");
            out.extend_from_slice(line.as_bytes());
            (format!("nesting {depth} deep appended"), out)
        }
        5 => {
            // Lines moved in or out by a few spaces, or a tab.
            let lines: Vec<&[u8]> = text.split(|b| *b == b'\n').collect();
            let n = rng.below(lines.len());
            let indent: &[u8] = [&b"  "[..], b"\t", b"    "][rng.below(3)];
            let mut joined = Vec::new();
            for (i, line) in lines.iter().enumerate() {
                if i > 0 {
                    joined.push(b'\n');
                }
                if i == n {
                    joined.extend_from_slice(indent);
                }
                joined.extend_from_slice(line);
            }
            (format!("line {} indented by {indent:?}", n + 1), joined)
        }
        6 => {
            // A line deleted or doubled.
            let lines: Vec<&[u8]> = text.split(|b| *b == b'\n').collect();
            let n = rng.below(lines.len());
            let double = rng.below(2) == 0;
            let kept: Vec<&[u8]> = lines.iter().enumerate().flat_map(|(i, l)| std::iter::repeat_n(*l, if i != n { 1 } else if double { 2 } else { 0 })).collect();
            (format!("line {} {}", n + 1, if double { "doubled" } else { "deleted" }), kept.join(&b'\n'))
        }
        7 => {
            // Invalid UTF-8 in the middle of a character or on its own.
            let bad: &[u8] = [&b"\xff"[..], b"\xc3", b"\xe2\x82", b"\xed\xa0\x80", b"\x00"][rng.below(5)];
            out.splice(at..at, bad.iter().copied());
            (format!("bytes {bad:02x?} at byte {at}"), out)
        }
        _ => {
            // A key with a long string, within the size limit.
            let len = 1 << (10 + rng.below(11));
            out.extend_from_slice(format!("\nhuge: \"{}\"\n", "ğ".repeat(len / 2)).as_bytes());
            (format!("string of {len} bytes appended"), out)
        }
    }
}

/// Targeted hostile files: (name, file, content).
fn targeted() -> Vec<(String, &'static str, Vec<u8>)> {
    let laughs = {
        let mut y = String::from("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (prev, name) in ('a'..='h').zip('b'..='i') {
            y.push_str(&format!("{name}: &{name} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"));
        }
        y
    };
    let mut cases = Vec::new();
    for file in FILES {
        let sample = std::fs::read(common::repo().join(file)).expect("sample file");
        let crlf = String::from_utf8_lossy(&sample).replace('\n', "\r\n").into_bytes();
        cases.push((format!("{file}: billion laughs"), file, laughs.clone().into_bytes()));
        cases.push((format!("{file}: billion laughs after the content"), file, [sample.clone(), b"\n".to_vec(), laughs.clone().into_bytes()].concat()));
        cases.push((format!("{file}: 5 MiB"), file, [sample.clone(), b"\n# ".to_vec(), vec![b'x'; 5 << 20]].concat()));
        cases.push((format!("{file}: empty"), file, Vec::new()));
        cases.push((format!("{file}: a lone BOM"), file, b"\xef\xbb\xbf".to_vec()));
        cases.push((format!("{file}: BOM in the middle"), file, [&sample[..sample.len() / 2], b"\xef\xbb\xbf", &sample[sample.len() / 2..]].concat()));
        cases.push((format!("{file}: UTF-16"), file, [vec![0xff, 0xfe], sample.iter().flat_map(|b| [*b, 0]).collect()].concat()));
        cases.push((format!("{file}: a scalar, not a mapping"), file, b"just text\n".to_vec()));
        cases.push((format!("{file}: a list, not a mapping"), file, b"- a\n- b\n".to_vec()));
        cases.push((format!("{file}: a self-referencing alias"), file, b"a: &a [*a]\n".to_vec()));
        cases.push((format!("{file}: an undefined alias"), file, b"a: *nothing\n".to_vec()));
        cases.push((format!("{file}: several documents"), file, [&sample[..], b"\n---\na: b\n"].concat()));
        cases.push((format!("{file}: CRLF, BOM and tabs in a comment"), file, [b"\xef\xbb\xbf# \t\r\n".to_vec(), crlf].concat()));
    }
    cases
}

/// What went wrong with a case, if anything.
fn judge(root: &Path, file: &str, found: &Diagnostics) -> Option<String> {
    for d in found.iter().filter(|d| d.is_error()) {
        let Some(location) = &d.location else { return Some(format!("an error names no file: {d}")) };
        let named = location.file.to_string_lossy();
        if named.is_empty() || !root.join(&location.file).exists() {
            return Some(format!("an error names `{named}`, which is not a file of the project: {d}"));
        }
    }
    let mentions = |d: &kalem::diag::Diagnostic| {
        d.location.as_ref().is_some_and(|l| l.file == Path::new(file)) || d.message.contains(file) || d.hint.as_deref().is_some_and(|h| h.contains(file))
    };
    if has_errors(found) && !found.iter().any(mentions) {
        return Some(format!("no error names {file}: {found:#?}"));
    }
    None
}

/// Loads the project as `build` and `check` do: read, coverage, validate.
fn load(root: &Path) -> Diagnostics {
    match read_sources(root, &Selection::default()) {
        Err(found) => found,
        Ok((sources, found)) => {
            let _ = coverage(&sources);
            validate(sources, found).err().unwrap_or_default()
        }
    }
}

/// Runs every case in a worker thread (with the 2 MiB stack a thread gets
/// by default, the smallest kalem runs on), each watched by a timeout.
/// Returns the problems found.
fn run_cases(root: PathBuf, cases: Vec<(String, &'static str, Vec<u8>)>, must_load: fn(&str) -> bool) -> Vec<String> {
    let (tx, rx) = mpsc::channel::<(String, Option<String>)>();
    let worker = std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(move || {
            for (name, file, bytes) in cases {
                let path = root.join(file);
                let original = std::fs::read(&path).expect("read original");
                std::fs::write(&path, &bytes).expect("write mutation");
                let outcome = catch_unwind(AssertUnwindSafe(|| load(&root)));
                std::fs::write(&path, original).expect("restore");
                let problem = match outcome {
                    Err(_) => Some("panicked".to_string()),
                    Ok(found) if must_load(&name) && has_errors(&found) => Some(format!("should load, but: {found:#?}")),
                    Ok(found) => judge(&root, file, &found),
                };
                if tx.send((name, problem)).is_err() {
                    return;
                }
            }
        })
        .expect("spawn worker");
    let mut problems = Vec::new();
    let mut last = String::from("(none yet)");
    loop {
        match rx.recv_timeout(HANG_AFTER) {
            Ok((name, problem)) => {
                if let Some(p) = problem {
                    problems.push(format!("{name}: {p}"));
                }
                last = name;
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
            Err(mpsc::RecvTimeoutError::Timeout) => panic!("hung on the case after `{last}`"),
        }
    }
    worker.join().expect("worker thread");
    problems
}

#[test]
fn random_mutations_never_panic_or_hang_and_name_the_file() {
    let dir = common::sample_copy();
    let mut rng = Rng(SEED);
    let cases: Vec<_> = (0..RANDOM_CASES)
        .map(|_| {
            let file = FILES[rng.below(FILES.len())];
            let text = std::fs::read(dir.path().join(file)).expect("sample file");
            let (name, bytes) = mutate(&mut rng, &text);
            (format!("{file}: {name}"), file, bytes)
        })
        .collect();
    let problems = run_cases(dir.path().to_path_buf(), cases, |_| false);
    assert!(problems.is_empty(), "{} case(s) failed (seed {SEED:#x}):\n{}", problems.len(), problems.join("\n"));
}

#[test]
fn alias_bombs_huge_files_bad_encodings_and_line_endings() {
    let dir = common::sample_copy();
    let problems = run_cases(dir.path().to_path_buf(), targeted(), |name| name.ends_with("CRLF, BOM and tabs in a comment"));
    assert!(problems.is_empty(), "{} case(s) failed:\n{}", problems.len(), problems.join("\n"));
}

/// `kalem check --format json` on hostile files: exit 1, JSON on standard
/// output, each error with its file, no panic.
#[test]
fn check_answers_hostile_files_in_json() {
    let bomb = targeted().into_iter().find(|(name, ..)| name == "translations/ar.yaml: billion laughs after the content").expect("case");
    let cases: [(&str, Vec<u8>); 4] = [
        ("brochures/human-trafficking.yaml", b"a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n".to_vec()),
        ("translations/fa.yaml", b"cover:\n  title: \xff\xfe broken\n".to_vec()),
        ("kalem.yaml", b"organisation: { name: [".to_vec()),
        (bomb.1, bomb.2),
    ];
    for (file, bytes) in cases {
        let dir = common::sample_copy();
        std::fs::write(dir.path().join(file), bytes).expect("write");
        let out = common::kalem(dir.path(), &["check", "--format", "json"]);
        let err = common::stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{file}: exit code; stderr:\n{err}");
        assert!(!err.contains("panicked"), "{file}: {err}");
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{file}: not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)));
        let errors: Vec<&serde_json::Value> = report["diagnostics"].as_array().expect("diagnostics").iter().filter(|d| d["severity"] == "error").collect();
        assert!(!errors.is_empty(), "{file}: {report}");
        assert!(errors.iter().all(|d| d["file"].is_string()), "{file}: an error without a file: {report}");
        assert!(errors.iter().any(|d| d["file"] == file), "{file}: not named: {report}");
    }
}
