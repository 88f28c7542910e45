//! Incremental builds: a second build keeps what is current, and every
//! kind of edit rebuilds exactly the outputs it reaches, never fewer.
//! Shards built into one folder and assembled equal a one-shot build.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

const EPOCH: &str = "1767225600";

/// Every output file (not kalem's records) with its content.
fn snapshot(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let out = root.join("output");
    common::files_below(&out).into_iter().filter(|p| !p.starts_with(".kalem")).map(|p| (p.clone(), std::fs::read(out.join(&p)).unwrap())).collect()
}

fn build(root: &Path, args: &[&str], env: &[(&str, &str)]) -> String {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_kalem"));
    cmd.arg("build").args(args).arg("--project").arg(root).env("SOURCE_DATE_EPOCH", EPOCH);
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(out.status.success(), "{stdout}\n{}", common::stderr(&out));
    stdout
}

/// The outputs whose content changed between two snapshots.
fn changed(before: &BTreeMap<PathBuf, Vec<u8>>, after: &BTreeMap<PathBuf, Vec<u8>>) -> Vec<String> {
    after.iter().filter(|(p, b)| before.get(*p) != Some(*b)).map(|(p, _)| p.display().to_string()).collect()
}

/// A sample project with `brochures` only, built once.
fn built(brochures: &[&str]) -> tempfile::TempDir {
    let dir = common::sample_copy();
    for entry in std::fs::read_dir(dir.path().join("brochures")).unwrap() {
        let path = entry.unwrap().path();
        if !brochures.iter().any(|b| path.file_stem().is_some_and(|s| s == *b)) {
            std::fs::remove_file(path).unwrap();
        }
    }
    build(dir.path(), &[], &[]);
    dir
}

#[test]
fn a_second_build_keeps_everything_and_force_rebuilds_it() {
    let dir = built(&["meeting-poster"]);
    let before = snapshot(dir.path());
    let again = build(dir.path(), &[], &[]);
    assert!(again.contains("0 edition(s) rebuilt, 3 current"), "{again}");
    assert!(again.contains("0 file(s) written"), "{again}");
    assert_eq!(snapshot(dir.path()), before);
    let forced = build(dir.path(), &["--force"], &[]);
    assert!(forced.contains("3 edition(s) rebuilt, 0 current") && forced.contains(" 0 kept"), "the sheet and proof too: {forced}");
    assert_eq!(snapshot(dir.path()), before, "a forced build makes the same files");
}

/// A build's summary without its times, and what it printed to stderr.
fn printed(root: &Path, env: &[(&str, &str)]) -> (String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_kalem")).arg("build").arg("--project").arg(root).env("SOURCE_DATE_EPOCH", EPOCH).envs(env.iter().copied()).output().unwrap();
    assert!(out.status.success(), "{}", common::stderr(&out));
    let timeless = |line: &str| line.rsplit_once(';').map_or_else(|| line.split_whitespace().filter(|w| w.parse::<u64>().is_err() || w.len() < 2).collect::<Vec<_>>().join(" "), |(head, _)| head.to_string());
    (String::from_utf8_lossy(&out.stdout).lines().map(timeless).collect::<Vec<_>>().join("\n"), common::stderr(&out))
}

#[test]
fn an_unchanged_project_reports_its_last_build_again_until_anything_changes() {
    let dir = common::sample_copy();
    // The handout's logo kept outside assets/: a file kalem reads because
    // a brochure names it.
    std::fs::create_dir_all(dir.path().join("pictures")).unwrap();
    std::fs::copy(dir.path().join("assets/logo.svg"), dir.path().join("pictures/logo.svg")).unwrap();
    common::edit(dir.path(), "brochures/training-handout.yaml", "logos: [assets/logo.svg]", "logos: [pictures/logo.svg]");
    build(dir.path(), &[], &[]);
    // The first unchanged build looks at every output's inputs; the next
    // finds nothing changed at all and says the same, word for word.
    let looked = printed(dir.path(), &[]);
    assert!(looked.0.contains("0 edition(s) rebuilt, 12 current"), "{}", looked.0);
    let again = printed(dir.path(), &[]);
    assert_eq!(again, looked);
    // Another date, a picture outside the input folders, a deleted
    // preview: each is seen.
    let out = build(dir.path(), &[], &[("SOURCE_DATE_EPOCH", "1767312000")]);
    assert!(out.contains("12 edition(s) rebuilt, 0 current"), "the print PDFs carry the date:\n{out}");
    build(dir.path(), &[], &[]);
    let logo = dir.path().join("pictures/logo.svg");
    let svg = std::fs::read_to_string(&logo).unwrap();
    std::fs::write(&logo, svg.replacen("</svg>", "<rect width=\"1\" height=\"1\" fill=\"#000\"/></svg>", 1)).unwrap();
    let out = build(dir.path(), &[], &[]);
    assert!(out.contains("3 edition(s) rebuilt, 9 current"), "the handout's three:\n{out}");
    let preview = common::files_below(&dir.path().join("output/.kalem/previews")).into_iter().find(|p| p.starts_with("meeting-poster/ar")).expect("a preview");
    std::fs::remove_file(dir.path().join("output/.kalem/previews").join(preview)).unwrap();
    let out = build(dir.path(), &[], &[]);
    assert!(out.contains("1 edition(s) rebuilt, 11 current"), "the contact sheet needs the preview:\n{out}");
}

#[test]
fn a_damaged_or_missing_output_is_built_again() {
    let dir = built(&["meeting-poster"]);
    let pdf = dir.path().join("output/meeting-poster/ar/meeting-poster-ar-print.pdf");
    let good = std::fs::read(&pdf).unwrap();
    let mut bad = good.clone();
    let middle = bad.len() / 2;
    bad[middle] ^= 0x20;
    std::fs::write(&pdf, &bad).unwrap();
    let out = build(dir.path(), &[], &[]);
    assert!(out.contains("1 edition(s) rebuilt, 2 current"), "{out}");
    assert_eq!(std::fs::read(&pdf).unwrap(), good);
    std::fs::remove_file(dir.path().join("output/meeting-poster/tr/meeting-poster-tr-screen.pdf")).unwrap();
    let out = build(dir.path(), &[], &[]);
    assert!(out.contains("1 edition(s) rebuilt, 2 current"), "{out}");
}

#[test]
fn a_translation_key_rebuilds_only_the_editions_that_show_it() {
    let dir = built(&["meeting-poster", "training-handout"]);
    let before = snapshot(dir.path());
    // A key of the poster only, in Turkish.
    let tr = std::fs::read_to_string(dir.path().join("translations/tr.yaml")).unwrap();
    let project = kalem::model::load_project(dir.path(), &kalem::model::Selection::default()).unwrap();
    let poster = project.brochures.iter().find(|b| b.id == "meeting-poster").unwrap();
    let handout = project.brochures.iter().find(|b| b.id == "training-handout").unwrap();
    let key = poster.used_keys.iter().find(|k| !handout.used_keys.contains(*k) && k.contains('.')).expect("a key of the poster only").clone();
    let leaf = key.rsplit('.').next().unwrap();
    let line = tr.lines().find(|l| l.trim_start().starts_with(&format!("{leaf}:"))).expect("the key's line").to_string();
    common::edit(dir.path(), "translations/tr.yaml", &line, &format!("{line} Yeni"));
    let out = build(dir.path(), &[], &[]);
    assert!(out.contains("1 edition(s) rebuilt, 5 current"), "key {key}:\n{out}");
    let changed = changed(&before, &snapshot(dir.path()));
    let site_page = |p: &String| p.starts_with("site/") && p.contains("meeting-poster");
    assert!(changed.iter().all(|p| p.starts_with("meeting-poster/") || site_page(p) || p == "proof.pdf" || p == "report.json"), "{changed:?}");
    assert!(changed.iter().any(|p| p == "site/tr/meeting-poster.html"), "the site shows the new text: {changed:?}");
    assert!(changed.iter().any(|p| p == "meeting-poster/tr/meeting-poster-tr-print.pdf"), "{changed:?}");
    assert!(changed.iter().any(|p| p == "proof.pdf"), "the proof lists the new hash: {changed:?}");
}

#[test]
fn a_font_rebuilds_the_languages_set_in_it() {
    let dir = built(&["meeting-poster"]);
    // Another Farsi font file: Vazirmatn's regular face, its name table
    // untouched, one byte of padding at the end.
    let font = dir.path().join("fonts/Vazirmatn-Regular.ttf");
    let mut bytes = std::fs::read(&font).unwrap();
    bytes.extend_from_slice(&[0, 0, 0, 0]);
    std::fs::write(&font, bytes).unwrap();
    let out = build(dir.path(), &[], &[]);
    assert!(out.contains("1 edition(s) rebuilt, 2 current"), "only fa uses Vazirmatn:\n{out}");
    assert!(out.lines().any(|l| l.starts_with("meeting-poster ") && l.contains(" fa ") && !l.contains("current")), "{out}");
}

#[test]
fn a_colour_an_asset_and_the_version_rebuild_what_uses_them() {
    let dir = built(&["meeting-poster", "training-handout"]);
    // The logo is on the handout, not on the poster.
    let project = kalem::model::load_project(dir.path(), &kalem::model::Selection::default()).unwrap();
    let names = |id: &str| format!("{:?}", project.brochures.iter().find(|b| b.id == id).unwrap());
    assert!(names("training-handout").contains("logo.svg") && !names("meeting-poster").contains("logo.svg"));
    let logo = dir.path().join("assets/logo.svg");
    let svg = std::fs::read_to_string(&logo).unwrap();
    std::fs::write(&logo, svg.replacen("</svg>", "<rect width=\"1\" height=\"1\" fill=\"#000\"/></svg>", 1)).unwrap();
    let out = build(dir.path(), &[], &[]);
    assert!(out.contains("3 edition(s) rebuilt, 3 current"), "the handout's three:\n{out}");
    assert!(out.lines().filter(|l| l.starts_with("meeting-poster ")).all(|l| l.contains("current")), "{out}");
    // The primary colour is on every brochure: all six.
    common::edit(dir.path(), "kalem.yaml", "primary: [100, 65, 0, 30]", "primary: [100, 65, 0, 35]");
    let out = build(dir.path(), &[], &[]);
    assert!(out.contains("6 edition(s) rebuilt, 0 current"), "{out}");
    let again = build(dir.path(), &[], &[]);
    assert!(again.contains("0 edition(s) rebuilt, 6 current"), "{again}");
    let out = build(dir.path(), &[], &[("KALEM_FINGERPRINT_VERSION", "99.0.0")]);
    assert!(out.contains("6 edition(s) rebuilt, 0 current"), "a new kalem rebuilds everything:\n{out}");
}

#[test]
fn three_shards_and_assemble_equal_a_one_shot_build() {
    // Both projects in a folder of the same name: the proof names it.
    let (one, sharded) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    for parent in [one.path(), sharded.path()] {
        let copy = common::sample_copy();
        std::fs::rename(copy.path(), parent.join("project")).unwrap();
    }
    let (one, sharded) = (one.path().join("project"), sharded.path().join("project"));
    let summary = build(&one, &[], &[]);
    summary_is_aligned_and_grouped_per_post(&summary);
    let plan = Command::new(env!("CARGO_BIN_EXE_kalem")).args(["plan", "--format", "json", "--project"]).arg(&sharded).output().unwrap();
    let plan: serde_json::Value = serde_json::from_slice(&plan.stdout).unwrap();
    let jobs = plan["jobs"].as_array().unwrap();
    assert_eq!(jobs.len(), 12, "{plan}");
    assert!(jobs[0]["outputs"].as_array().unwrap().iter().any(|o| o.as_str().unwrap().ends_with("-print.pdf")));
    // Every shard has its share of each language (Arabic is the slowest).
    for k in 0..3 {
        let langs: std::collections::BTreeSet<&str> = jobs.iter().filter(|j| j["index"].as_u64().unwrap() % 3 == k).map(|j| j["lang"].as_str().unwrap()).collect();
        assert_eq!(langs.len(), 3, "shard {}: {langs:?}", k + 1);
    }
    for k in 1..=3 {
        let out = build(&sharded, &["--shard", &format!("{k}/3")], &[]);
        assert!(out.contains("4 edition(s) rebuilt"), "{out}");
    }
    assert!(!sharded.join("output/proof.pdf").exists(), "shards make no aggregate");
    let out = build(&sharded, &["--assemble"], &[]);
    assert!(out.contains("0 edition(s) rebuilt, 12 current"), "{out}");
    let (a, b) = (snapshot(&one), snapshot(&sharded));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    let differ: Vec<_> = a.iter().filter(|(p, bytes)| b.get(*p) != Some(*bytes)).map(|(p, _)| p.clone()).collect();
    assert!(differ.is_empty(), "differ: {differ:?}");
}

#[test]
fn assemble_refuses_editions_no_shard_built() {
    let dir = common::sample_copy();
    build(dir.path(), &["--shard", "1/3"], &[]);
    let out = Command::new(env!("CARGO_BIN_EXE_kalem")).args(["build", "--assemble", "--project"]).arg(dir.path()).env("SOURCE_DATE_EPOCH", EPOCH).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(common::stderr(&out).contains("was not built by any shard"), "{}", common::stderr(&out));
}

#[test]
fn job_reports_hold_no_pixels_only_preview_files() {
    let dir = common::sample_copy();
    let project = kalem::model::load_project(dir.path(), &kalem::model::Selection::default()).unwrap();
    let resources = kalem::pipeline::resources(&project).unwrap();
    let reports = kalem::pipeline::build(&project, &resources, kalem::pipeline::Mode::Build, kalem::pipeline::Status::Clean);
    let previews: Vec<&kalem::export::output::PreviewFile> = reports.iter().flat_map(|r| &r.outputs).flat_map(|o| &o.previews).collect();
    assert!(previews.len() > 50, "{}", previews.len());
    for p in previews {
        assert!(dir.path().join(&p.path).is_file(), "{}", p.path.display());
    }
}

/// The summary's columns start at the same place on every row, and the
/// social images of a post are one row per language, not one per preset.
fn summary_is_aligned_and_grouped_per_post(summary: &str) {
    let rows: Vec<&str> = summary.lines().skip_while(|l| !l.starts_with("brochure ")).take_while(|l| !l.contains("edition(s) rebuilt")).collect();
    let lang_at = rows[0].find("lang").unwrap();
    for row in &rows[1..] {
        assert!(row[..lang_at].ends_with(' ') && !row[lang_at..].starts_with(' '), "misaligned:\n{summary}");
    }
    let posts: Vec<&&str> = rows.iter().filter(|r| r.starts_with("human-trafficking/")).collect();
    assert!(!posts.is_empty() && posts.iter().all(|r| !r.contains("instagram") && !r.contains("facebook")), "{summary}");
    assert_eq!(posts.iter().filter(|r| r.starts_with("human-trafficking/child-signs ")).count(), 3, "{summary}");
}
