//! Nothing lost: a build that fails leaves the previous outputs as they
//! were, byte for byte; one failing language does not stop the others; and
//! no temporary `.part` file is left behind, even when an output cannot be
//! written.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const BROCHURE: &str = "outreach-flyer";
const EPOCH: &str = "1767225600";

/// Every file below `output/` with its bytes.
/// Every output with a digest of its bytes. The contact sheet is left out:
/// it shows what the last run wrote, so it changes when a language fails.
fn outputs(dir: &Path) -> BTreeMap<PathBuf, u64> {
    let out = dir.join("output");
    common::files_below(&out)
        .into_iter()
        // The contact sheet, the proof and the report (and kalem's records
        // of them) describe the whole build, failures included: only the
        // editions' files must be kept.
        .filter(|p| p.file_name().is_some_and(|n| !["contact-sheet.png", "proof.pdf", "report.json"].contains(&n.to_str().unwrap_or_default())))
        .filter(|p| p != Path::new(".kalem/proof.json") && p != Path::new(".kalem/run.json") && !p.starts_with(".kalem/sheets"))
        .map(|p| {
            let mut hasher = std::collections::hash_map::DefaultHasher::new();
            std::hash::Hash::hash(&std::fs::read(out.join(&p)).expect("read output"), &mut hasher);
            (p, std::hash::Hasher::finish(&hasher))
        })
        .collect()
}

fn build(dir: &Path) -> (Option<i32>, String) {
    let out = common::kalem_dated(dir, &["build", "--brochure", BROCHURE], Some(EPOCH));
    let err = common::stderr(&out);
    assert!(!err.contains("panicked"), "{err}");
    (out.status.code(), err)
}

fn no_temporary_files(dir: &Path) {
    let left: Vec<PathBuf> = common::files_below(&dir.join("output")).into_iter().filter(|p| p.to_string_lossy().contains(".part")).collect();
    assert!(left.is_empty(), "temporary files left behind: {left:?}");
}

#[test]
fn failed_builds_keep_previous_outputs_and_build_the_other_languages() {
    let dir = common::sample_copy();
    let root = dir.path();
    let (code, err) = build(root);
    assert_eq!(code, Some(0), "{err}");
    let first = outputs(root);
    let edition = |lang: &str| PathBuf::from(BROCHURE).join(lang);
    for lang in ["tr", "ar", "fa"] {
        assert!(first.keys().any(|p| p.starts_with(edition(lang))), "{lang} not built: {:?}", first.keys());
    }

    // A translation file that no longer parses stops the build before
    // anything is written: every previous output stays as it was.
    let ar = root.join("translations/ar.yaml");
    let good = std::fs::read(&ar).expect("read ar");
    common::edit(root, "translations/ar.yaml", "  title: إذا ساورك الشك فاتصل", "  title: \"إذا ساورك الشك فاتصل");
    let (code, err) = build(root);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("translations/ar.yaml:"), "{err}");
    assert!(outputs(root) == first, "outputs changed after a failed build");
    no_temporary_files(root);
    std::fs::write(&ar, &good).expect("restore ar");

    // A text in Arabic that no font can print fails that language only: its
    // previous files stay, Turkish and Farsi are built again.
    common::edit(root, "translations/ar.yaml", "  title: إذا ساورك الشك فاتصل", "  title: إذا ساورك الشك فاتصل 漢字");
    for lang in ["tr", "fa"] {
        std::fs::remove_dir_all(root.join("output").join(edition(lang))).expect("remove edition");
    }
    let (code, err) = build(root);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("would print as an empty box") && err.contains("language ar"), "{err}");
    let second = outputs(root);
    assert_eq!(second, first, "Turkish and Farsi rebuilt identically, Arabic kept");
    no_temporary_files(root);
}

#[test]
fn an_output_that_cannot_be_written_leaves_no_temporary_file() {
    let dir = common::sample_copy();
    let root = dir.path();
    // A folder where the Turkish print PDF should go: renaming onto it fails.
    let blocked = root.join(format!("output/{BROCHURE}/tr/{BROCHURE}-tr-print.pdf"));
    std::fs::create_dir_all(blocked.join("keep")).expect("create blocking folder");
    let out = common::kalem_dated(root, &["build", "--brochure", BROCHURE, "--lang", "tr,fa"], Some(EPOCH));
    let err = common::stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("cannot rename the output into place"), "{err}");
    assert!(err.contains(&format!("{BROCHURE}-tr-print.pdf")), "{err}");
    assert!(blocked.join("keep").is_dir(), "the folder in the way was touched");
    assert!(root.join(format!("output/{BROCHURE}/fa/{BROCHURE}-fa-print.pdf")).is_file(), "Farsi not built");
    no_temporary_files(root);
}
