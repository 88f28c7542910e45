//! Hostile projects, third round (issue 29, classes 4 to 6): every write
//! goes through the sandbox (`kalem schema`, translation exports and
//! imports, not only `output/`), one build per project at a time, and
//! messages that name what is actually wrong (a loop of links, a file
//! where a folder should be). Each case checks the exit code, the message
//! and that nothing was written where it may not be.

#![cfg(unix)]

mod common;

use std::os::unix::fs::symlink;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A one-panel Turkish project with the sample's output profile.
fn project() -> common::TestProject {
    common::TestProject::new("upper", &[("tr", "cover:\n  title: Başlık\n  body: Metin\n")])
}

/// Runs `kalem` in `dir` (as the working folder) without `--project`.
fn kalem_in(dir: &Path, args: &[&str]) -> (Option<i32>, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_kalem")).args(args).current_dir(dir).output().expect("run kalem");
    let err = common::stderr(&out);
    assert!(!err.contains("panicked"), "{err}");
    (out.status.code(), err)
}

#[test]
fn schema_does_not_write_through_a_link_a_loop_or_a_file() {
    let p = project();
    let root = p.dir.path();
    let elsewhere = tempfile::tempdir().expect("temp dir");
    symlink(elsewhere.path(), root.join("schema")).expect("symlink");
    let (code, err) = kalem_in(root, &["schema"]);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("cannot write here: `schema` is a link") && err.contains("remove the link"), "{err}");
    assert!(common::files_below(elsewhere.path()).is_empty(), "written through the link: {err}");

    std::fs::remove_file(root.join("schema")).expect("unlink");
    symlink("schema", root.join("schema")).expect("loop");
    let (code, err) = kalem_in(root, &["schema"]);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("`schema` is a loop of links that point at each other"), "{err}");

    std::fs::remove_file(root.join("schema")).expect("unlink");
    std::fs::write(root.join("schema"), "notes").expect("file");
    let (code, err) = kalem_in(root, &["schema"]);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("`schema` is a file, not a folder"), "{err}");
    assert_eq!(std::fs::read_to_string(root.join("schema")).expect("file"), "notes");

    let (code, err) = kalem_in(root, &["schema", "--out", elsewhere.path().to_str().expect("utf-8")]);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("is outside the project folder") && err.contains("write inside the project folder"), "{err}");

    std::fs::remove_file(root.join("schema")).expect("remove");
    let (code, err) = kalem_in(root, &["schema"]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(common::files_below(&root.join("schema")).len(), 2, "an ordinary schema/ folder is written");
    assert!(common::files_below(elsewhere.path()).is_empty());
}

#[test]
fn translation_exports_and_imports_stay_inside_the_project() {
    let p = common::TestProject::new("upper", &[("tr", "cover:\n  title: Başlık\n  body: Metin\n"), ("ar", "cover:\n  title: عنوان\n  body: نص\n")]);
    let root = p.dir.path();
    common::edit(root, "brochures/test.yaml", "languages: [tr, ar]", "languages: [tr, ar]");
    let elsewhere = tempfile::tempdir().expect("temp dir");
    symlink(elsewhere.path(), root.join("exchange")).expect("symlink");
    let out = common::kalem(root, &["translations", "export", "--lang", "ar", "--out", root.join("exchange/ar.xlf").to_str().expect("utf-8")]);
    let err = common::stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("cannot write here: `exchange` is a link"), "{err}");
    let outside = elsewhere.path().join("ar.xlf");
    let out = common::kalem(root, &["translations", "export", "--lang", "ar", "--out", outside.to_str().expect("utf-8")]);
    let err = common::stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("is outside the project folder"), "{err}");
    assert!(common::files_below(elsewhere.path()).is_empty(), "nothing written outside");

    // An import writes the translation and its lock file: a lock file that
    // links elsewhere is refused before anything is written.
    let file = root.join("ar.xlf");
    let out = common::kalem(root, &["translations", "export", "--lang", "ar", "--out", file.to_str().expect("utf-8")]);
    assert_eq!(out.status.code(), Some(0), "{}", common::stderr(&out));
    let xlf = std::fs::read_to_string(&file).expect("xlf").replace("<target state=\"translated\">نص</target>", "<target state=\"translated\">نص جديد</target>");
    std::fs::write(&file, xlf).expect("edit");
    let secret = elsewhere.path().join("secret.yaml");
    std::fs::write(&secret, "keep").expect("secret");
    symlink(&secret, root.join("translations/ar.lock.yaml")).expect("lock link");
    let before = std::fs::read_to_string(root.join("translations/ar.yaml")).expect("ar");
    let out = common::kalem(root, &["translations", "import", file.to_str().expect("utf-8")]);
    let err = common::stderr(&out);
    assert_ne!(out.status.code(), Some(0), "{err}");
    assert!(err.contains("translations/ar.lock.yaml"), "{err}");
    assert_eq!(std::fs::read_to_string(&secret).expect("secret"), "keep", "written through the link");
    assert_eq!(std::fs::read_to_string(root.join("translations/ar.yaml")).expect("ar"), before, "nothing half-imported");
}

#[test]
fn an_output_that_is_a_file_or_a_loop_is_named_as_such() {
    let p = project();
    let root = p.dir.path();
    std::fs::write(root.join("output"), "not a folder").expect("file");
    let out = common::kalem(root, &["build"]);
    let err = common::stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("`output` is a file, not a folder") && err.contains("move the file away"), "{err}");
    assert!(!err.contains("link"), "a file is not a link: {err}");
    assert_eq!(std::fs::read_to_string(root.join("output")).expect("file"), "not a folder");

    std::fs::remove_file(root.join("output")).expect("remove");
    symlink("output", root.join("output")).expect("loop");
    let out = common::kalem(root, &["build"]);
    let err = common::stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("`output` is a loop of links"), "{err}");
}

#[test]
fn a_loop_of_links_is_not_called_missing_or_outside() {
    for (file, expected) in [
        ("translations/tr.yaml", "translations/tr.yaml: error: cannot read file: it is a loop of links that point at each other"),
        ("assets/a.svg", "image `assets/a.svg` is a loop of links that point at each other"),
        ("fonts/Loop.ttf", "fonts/Loop.ttf: error: font file is a loop of links that point at each other"),
    ] {
        let p = project();
        let root = p.dir.path();
        if file.starts_with("assets") {
            common::edit(root, "brochures/test.yaml", "      - text: cover.body\n", "      - text: cover.body\n      - image: assets/a.svg\n        alt: cover.body\n");
        }
        let path = root.join(file);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("folder");
        let _ = std::fs::remove_file(&path);
        symlink(root.join("assets/b.svg"), &path).expect("a");
        symlink(&path, root.join("assets/b.svg")).expect("b");
        let out = common::kalem(root, &["build"]);
        let err = common::stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{file}: {err}");
        assert!(err.contains(expected), "{file}: {err}");
        assert!(!err.contains("outside the project") && !err.contains("does not exist"), "{file}: {err}");
    }
}

/// Waits until `path` exists, at most `limit`.
fn wait_for(path: &Path, limit: Duration) -> bool {
    let start = Instant::now();
    while start.elapsed() < limit {
        if path.exists() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    false
}

#[test]
fn a_second_build_meanwhile_is_refused_naming_the_first() {
    let dir = common::sample_copy();
    let root = dir.path();
    let lock = root.join("output/.kalem-build.lock");
    let first = Command::new(env!("CARGO_BIN_EXE_kalem")).args(["build", "--project"]).arg(root).stdout(Stdio::null()).stderr(Stdio::piped()).spawn().expect("first build");
    assert!(wait_for(&lock, Duration::from_secs(60)), "the first build takes the lock");
    let second = common::kalem(root, &["build"]);
    let err = common::stderr(&second);
    let first = first.wait_with_output().expect("first build ends");
    assert_eq!(second.status.code(), Some(1), "{err}");
    assert!(err.contains(&format!("another kalem (process {}) is building this project right now", first_pid(&err))), "{err}");
    assert!(err.contains("output/.kalem-build.lock"), "{err}");
    assert!(!err.contains("rename"), "not a disk problem: {err}");
    assert_eq!(first.status.code(), Some(0), "the first build is not disturbed: {}", common::stderr(&first));
    assert!(!lock.exists(), "the lock is removed when the build ends");
    let parts: Vec<_> = common::files_below(&root.join("output")).into_iter().filter(|f| f.to_string_lossy().contains(".part")).collect();
    assert!(parts.is_empty(), "{parts:?}");
}

/// The process id a refusal names.
fn first_pid(err: &str) -> String {
    err.split("(process ").nth(1).and_then(|rest| rest.split(')').next()).unwrap_or("?").to_string()
}

#[test]
fn a_lock_left_by_a_killed_build_is_taken_over() {
    let p = project();
    let root = p.dir.path();
    let mut dead = Command::new("true").spawn().expect("a process");
    let pid = dead.id();
    dead.wait().expect("ends");
    std::fs::create_dir_all(root.join("output")).expect("output");
    std::fs::write(root.join("output/.kalem-build.lock"), format!("{pid}\n")).expect("stale lock");
    let out = common::kalem(root, &["build"]);
    assert_eq!(out.status.code(), Some(0), "{}", common::stderr(&out));
    assert!(!root.join("output/.kalem-build.lock").exists());
    assert!(root.join("output/test/tr/test-tr-print.pdf").exists());
}
