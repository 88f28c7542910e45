//! Text that does not fit its panel is an error naming the language, panel
//! and key; `fit: shrink` sets it smaller instead, down to a minimum size.

mod common;

const BROCHURE: &str = "brochures/human-trafficking.yaml";

/// Makes the Arabic `what.smuggling` paragraph `times` times as long.
fn lengthen_arabic(dir: &std::path::Path, times: usize) {
    let file = dir.join("translations/ar.yaml");
    let text = std::fs::read_to_string(&file).unwrap();
    let sentence = "قد يقع الاتجار بالبشر داخل المدينة نفسها من دون عبور أي حدود.";
    let long = vec![sentence; times].join(" ");
    let start = text.find("  smuggling: >-").expect("smuggling key");
    let end = text[start..].find("\n\n").map(|i| start + i).expect("end of key");
    let replaced = format!("{}  smuggling: {long}{}", &text[..start], &text[end..]);
    std::fs::write(file, replaced).unwrap();
}

#[test]
fn too_long_translation_is_reported_with_language_panel_and_key() {
    let dir = common::sample_copy();
    lengthen_arabic(dir.path(), 16);
    let out = common::kalem(dir.path(), &["build"]);
    let err = common::stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("text does not fit panel `inside-1`"), "{err}");
    assert!(err.contains("mm too tall"), "{err}");
    assert!(err.contains("language ar"), "{err}");
    assert!(err.contains("what.smuggling"), "{err}");
    assert!(err.contains("translations/ar.yaml"), "{err}");
    // The other languages still built; the Arabic one did not.
    let written = common::files_below(&dir.path().join("output"));
    let pdf = |lang: &str| std::path::PathBuf::from(format!("human-trafficking/{lang}/human-trafficking-{lang}-print.pdf"));
    assert!(written.contains(&pdf("tr")), "{written:?}");
    assert!(!written.contains(&pdf("ar")), "{written:?}");
}

#[test]
fn shrinkable_block_fits_by_getting_smaller() {
    let dir = common::sample_copy();
    lengthen_arabic(dir.path(), 14);
    let out = common::kalem(dir.path(), &["build", "--lang", "ar"]);
    assert_eq!(out.status.code(), Some(1), "a long text overflows first:\n{}", common::stderr(&out));

    common::edit(dir.path(), BROCHURE, "      - text: what.smuggling", "      - text: what.smuggling\n        fit: shrink\n        min_size: 7");
    common::edit(dir.path(), BROCHURE, "      - text: what.body", "      - text: what.body\n        fit: shrink\n        min_size: 7");
    let out = common::kalem(dir.path(), &["build", "--lang", "ar"]);
    assert!(out.status.success(), "shrinking should make it fit:\n{}", common::stderr(&out));
}
