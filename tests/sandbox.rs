//! The project folder is a sandbox: images, fonts, translations and
//! brochures reached through an absolute path or a link to a file elsewhere
//! are refused by `kalem build` with a message naming the file, and typst
//! itself cannot read past the project root.

#![cfg(unix)]

mod common;

use std::os::unix::fs::symlink;
use std::path::Path;

use kalem::layout::world::Template;
use kalem::model::{Selection, load_project};
use kalem::pipeline;
use typst::World;
use typst::diag::FileError;
use typst::syntax::{RootedPath, VirtualPath, VirtualRoot};

const BROCHURE: &str = "brochures/human-trafficking.yaml";

/// A secret next to the project (inside the temporary folder, outside the
/// project), and the project inside it.
struct Setup {
    _outer: tempfile::TempDir,
    root: std::path::PathBuf,
    secret: std::path::PathBuf,
}

fn setup() -> Setup {
    let outer = tempfile::tempdir().expect("temp dir");
    let sample = common::sample_copy();
    let root = outer.path().join("project");
    std::fs::rename(sample.path(), &root).unwrap_or_else(|_| panic!("move the sample into {}", root.display()));
    let secret = outer.path().join("secret.svg");
    std::fs::write(&secret, "<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'><text>SECRET-3141</text></svg>").expect("write secret");
    Setup { _outer: outer, root, secret }
}

/// Builds, expects exit 1 without a panic or any output, returns stderr.
fn refused(root: &Path) -> String {
    let out = common::kalem(root, &["build", "--brochure", "human-trafficking", "--lang", "tr"]);
    let err = common::stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(!err.contains("panicked") && !err.contains("SECRET-3141"), "{err}");
    assert!(common::files_below(&root.join("output")).is_empty(), "files written: {err}");
    err
}

#[test]
fn an_image_by_absolute_path_is_refused() {
    let s = setup();
    common::edit(&s.root, BROCHURE, "assets/emblem.svg", &s.secret.display().to_string());
    let err = refused(&s.root);
    assert!(err.contains("is outside the project folder") && err.contains(&format!("{BROCHURE}:")), "{err}");
}

#[test]
fn an_image_linked_to_a_file_outside_is_refused() {
    let s = setup();
    symlink(&s.secret, s.root.join("assets/linked.svg")).expect("symlink");
    common::edit(&s.root, BROCHURE, "assets/emblem.svg", "assets/linked.svg");
    let err = refused(&s.root);
    assert!(err.contains("image `assets/linked.svg` is outside the project folder"), "{err}");
}

#[test]
fn an_assets_folder_linked_elsewhere_is_refused() {
    let s = setup();
    let outside = s.secret.parent().expect("parent").join("elsewhere");
    std::fs::rename(s.root.join("assets"), &outside).expect("move assets out");
    symlink(&outside, s.root.join("assets")).expect("symlink");
    let err = refused(&s.root);
    assert!(err.contains("image `assets/emblem.svg` is outside the project folder"), "{err}");
}

#[test]
fn a_font_linked_from_outside_is_refused() {
    let s = setup();
    let outside = s.secret.with_file_name("Outside.ttf");
    std::fs::rename(s.root.join("fonts/NotoSans-Regular.ttf"), &outside).expect("move font out");
    symlink(&outside, s.root.join("fonts/NotoSans-Regular.ttf")).expect("symlink");
    let err = refused(&s.root);
    assert!(err.contains("fonts/NotoSans-Regular.ttf") && err.contains("font file is outside the project folder"), "{err}");
}

#[test]
fn a_translation_linked_from_outside_is_not_read() {
    let s = setup();
    let outside = s.secret.with_file_name("tr.yaml");
    std::fs::write(&outside, "cover:\n  title: [SECRET-3141\n").expect("write");
    std::fs::remove_file(s.root.join("translations/tr.yaml")).expect("remove");
    symlink(&outside, s.root.join("translations/tr.yaml")).expect("symlink");
    let err = refused(&s.root);
    assert!(err.contains("translations/tr.yaml: error: file is outside the project folder"), "{err}");
}

/// typst asks the world for files by path; paths that leave the root, or
/// links that point out of it, are refused even if kalem's own checks were
/// bypassed.
#[test]
fn typst_cannot_read_outside_the_root() {
    let s = setup();
    symlink(&s.secret, s.root.join("assets/linked.svg")).expect("symlink");
    let project = load_project(&s.root, &Selection::default()).unwrap_or_else(|d| panic!("{d:#?}"));
    let engine = pipeline::engine(&project).unwrap_or_else(|d| panic!("{d}"));
    let world = engine.world(Template::Panels, b"{}".to_vec());
    let id = |path: &str| VirtualPath::new(path).map(|v| RootedPath::new(VirtualRoot::Project, v).intern());

    assert!(world.file(id("/assets/emblem.svg").expect("path")).is_ok(), "a file inside is readable");
    assert!(matches!(world.file(id("/assets/linked.svg").expect("path")), Err(FileError::AccessDenied)), "a link out of the root was read");
    let absolute = s.secret.display().to_string();
    assert!(matches!(world.file(id(&absolute).expect("path")), Err(FileError::NotFound(_))), "an absolute path is read inside the root");
    let up = format!("/../{}", s.secret.file_name().and_then(|n| n.to_str()).expect("name"));
    if let Ok(escaping) = id(&up) {
        assert!(world.file(escaping).is_err(), "{up} was read");
    }
}
