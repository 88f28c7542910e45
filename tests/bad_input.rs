//! Bad input gets a clear message naming the file, line and column and what
//! to do, exit code 1, no panic, and nothing written to output/.

mod common;

use std::path::Path;

const BROCHURE: &str = "brochures/human-trafficking.yaml";

/// 1-based line of the first occurrence of `needle` in a project file.
fn line_of(dir: &Path, file: &str, needle: &str) -> usize {
    let text = std::fs::read_to_string(dir.join(file)).expect("read");
    text.lines().position(|l| l.contains(needle)).expect("needle in file") + 1
}

/// Runs the build and checks the common promises; returns standard error.
fn fails_cleanly(dir: &Path) -> String {
    let out = common::kalem(dir, &["build"]);
    let err = common::stderr(&out);
    assert_eq!(out.status.code(), Some(1), "exit code; stderr:\n{err}");
    assert!(!err.contains("panicked"), "panic:\n{err}");
    assert!(err.contains("hint:"), "no hint:\n{err}");
    let written = common::files_below(&dir.join("output"));
    assert!(written.is_empty(), "files written despite errors: {written:?}");
    err
}

#[test]
fn yaml_syntax_error_names_file_and_line() {
    let dir = common::sample_copy();
    common::edit(dir.path(), BROCHURE, "title: meta.title", "title: \"meta.title");
    let err = fails_cleanly(dir.path());
    assert!(err.contains("yaml syntax error"), "{err}");
    assert!(err.contains(&format!("{BROCHURE}:")), "{err}");
}

#[test]
fn unknown_key_suggests_the_right_one() {
    let dir = common::sample_copy();
    common::edit(dir.path(), BROCHURE, "valign: middle", "valgin: middle");
    let line = line_of(dir.path(), BROCHURE, "valgin");
    let err = fails_cleanly(dir.path());
    assert!(err.contains("unknown key `valgin`"), "{err}");
    assert!(err.contains("did you mean `valign`?"), "{err}");
    assert!(err.contains(&format!("{BROCHURE}:{line}:5")), "{err}");
}

#[test]
fn wrong_type_names_the_line() {
    let dir = common::sample_copy();
    common::edit(dir.path(), BROCHURE, "height: 50", "height: tall");
    let line = line_of(dir.path(), BROCHURE, "height: tall");
    let err = fails_cleanly(dir.path());
    assert!(err.contains("invalid type"), "{err}");
    assert!(err.contains(&format!("{BROCHURE}:{line}:")), "{err}");
}

#[test]
fn missing_translation_names_key_language_and_file() {
    let dir = common::sample_copy();
    let file = "translations/ar.yaml";
    let text = std::fs::read_to_string(dir.path().join(file)).unwrap();
    let kept: Vec<&str> = text.lines().filter(|l| !l.trim_start().starts_with("lead:")).collect();
    std::fs::write(dir.path().join(file), kept.join("\n")).unwrap();
    let line = line_of(dir.path(), BROCHURE, "text: cover.lead");
    let err = fails_cleanly(dir.path());
    assert!(err.contains("translation `cover.lead` is missing for language ar"), "{err}");
    assert!(err.contains("add `cover.lead` to translations/ar.yaml"), "{err}");
    assert!(err.contains(&format!("{BROCHURE}:{line}:")), "{err}");
}

#[test]
fn unknown_language_and_format_are_named_with_suggestions() {
    let dir = common::sample_copy();
    common::edit(dir.path(), BROCHURE, "languages: [tr, ar, fa]", "languages: [tr, ar, fs]");
    let err = fails_cleanly(dir.path());
    assert!(err.contains("unknown language `fs`"), "{err}");
    assert!(err.contains("did you mean `fa`?"), "{err}");

    let dir = common::sample_copy();
    common::edit(dir.path(), BROCHURE, "format: a4-trifold", "format: a4-trfold");
    let line = line_of(dir.path(), BROCHURE, "a4-trfold");
    let err = fails_cleanly(dir.path());
    assert!(err.contains("unknown value `a4-trfold`"), "{err}");
    assert!(err.contains("did you mean `a4-trifold`?"), "{err}");
    assert!(err.contains(&format!("{BROCHURE}:{line}:9")), "{err}");
}

#[test]
fn missing_asset_is_named() {
    let dir = common::sample_copy();
    common::edit(dir.path(), BROCHURE, "assets/emblem.svg", "assets/emblm.svg");
    let line = line_of(dir.path(), BROCHURE, "emblm");
    let err = fails_cleanly(dir.path());
    assert!(err.contains("image `assets/emblm.svg` does not exist"), "{err}");
    assert!(err.contains(&format!("{BROCHURE}:{line}:")), "{err}");
}

#[test]
fn asset_outside_the_project_is_refused() {
    let dir = common::sample_copy();
    std::fs::write(dir.path().join("../kalem-outside.svg"), "<svg xmlns='http://www.w3.org/2000/svg'/>").ok();
    common::edit(dir.path(), BROCHURE, "assets/emblem.svg", "../kalem-outside.svg");
    let err = fails_cleanly(dir.path());
    assert!(err.contains("is outside the project folder"), "{err}");
    assert!(err.contains("copy the file into assets/"), "{err}");
}

#[test]
fn a_font_file_that_is_not_a_font_is_named() {
    let dir = common::sample_copy();
    std::fs::write(dir.path().join("fonts/Broken.ttf"), "this is not a font").unwrap();
    let err = fails_cleanly(dir.path());
    assert!(err.contains("fonts/Broken.ttf"), "{err}");
    assert!(err.contains("not a font file"), "{err}");
}

#[test]
fn a_table_row_with_a_missing_cell_names_its_line() {
    let dir = common::sample_copy();
    let file = "translations/tr.yaml";
    let line = line_of(dir.path(), file, "- - Rıza");
    common::edit(dir.path(), file, "        - Kişi sınırı geçmek için kaçakçıyla anlaşır\n", "");
    let err = fails_cleanly(dir.path());
    assert!(err.contains("a row of `handout.definitions.rows` has 2 cells, but the table has 3 columns"), "{err}");
    assert!(err.contains(&format!("{file}:{line}:")), "{err}");
}

#[test]
fn a_meeting_on_a_day_that_does_not_exist_is_refused() {
    let dir = common::sample_copy();
    let file = "brochures/meeting-poster.yaml";
    common::edit(dir.path(), file, "date: 2027-07-30", "date: 2027-07-32");
    let line = line_of(dir.path(), file, "2027-07-32");
    let err = fails_cleanly(dir.path());
    assert!(err.contains("`2027-07-32` is not a date"), "{err}");
    assert!(err.contains(&format!("{file}:{line}:")), "{err}");
}

#[test]
fn content_in_a_format_with_panels_is_explained() {
    let dir = common::sample_copy();
    common::edit(dir.path(), "brochures/training-handout.yaml", "format: a4", "format: a4-trifold");
    let err = fails_cleanly(dir.path());
    assert!(err.contains("format a4-trifold places its blocks in panels, not in `content:`"), "{err}");
    assert!(err.contains("brochures/training-handout.yaml:"), "{err}");
}

#[test]
fn a_contact_number_that_cannot_be_dialled_is_refused_with_its_key() {
    for bad in ["1.12e2", "\"++90 312 123 45 67\"", "\"ALO 183\"", "\"0850--123\""] {
        let dir = common::sample_copy();
        common::edit(dir.path(), "kalem.yaml", "number: \"183\"", &format!("number: {bad}"));
        let line = line_of(dir.path(), "kalem.yaml", &format!("number: {bad}"));
        let err = fails_cleanly(dir.path());
        assert!(err.contains("contact `alo183`") && err.contains("cannot be dialled"), "{bad}: {err}");
        assert!(err.contains(&format!("kalem.yaml:{line}:13")), "{bad}: {err}");
        assert!(err.contains("e.g. `\"157\"`"), "{bad}: {err}");
    }
}

#[test]
fn a_contact_given_twice_names_both_lines() {
    let dir = common::sample_copy();
    common::edit(dir.path(), "kalem.yaml", "  alo170:\n", "  yimer157:\n    number: \"175\"\n    name: contacts.yimer157.name\n    description: contacts.yimer157.description\n  alo170:\n");
    let first = line_of(dir.path(), "kalem.yaml", "yimer157:");
    let text = std::fs::read_to_string(dir.path().join("kalem.yaml")).expect("read");
    let second = text.lines().enumerate().filter(|(_, l)| l.contains("yimer157:")).nth(1).expect("second").0 + 1;
    let err = fails_cleanly(dir.path());
    assert!(err.contains("key `yimer157` is given twice"), "{err}");
    assert!(err.contains(&format!("line {first}, column 3")) && err.contains(&format!("kalem.yaml:{second}:3")), "{err}");
}

#[test]
fn a_bidi_control_in_a_translation_names_the_character_key_and_language() {
    let dir = common::sample_copy();
    let text = std::fs::read_to_string(dir.path().join("translations/ar.yaml")).expect("read");
    let line = text.lines().position(|l| l.contains("157")).expect("157 in ar") + 1;
    let column = text.lines().nth(line - 1).unwrap_or_default().split("157").next().unwrap_or_default().chars().count() + 1;
    common::edit(dir.path(), "translations/ar.yaml", "157", "\u{202E}751\u{202C}");
    let err = fails_cleanly(dir.path());
    assert!(err.contains("U+202E RIGHT-TO-LEFT OVERRIDE"), "{err}");
    assert!(err.contains(&format!("translations/ar.yaml:{line}:{column}")), "{err}");
    assert!(err.contains("[language ar]") && err.contains("[key "), "{err}");
    assert!(err.contains("kalem orders"), "{err}");
}

#[test]
fn a_panel_given_twice_in_a_brochure_names_both_lines() {
    let dir = common::sample_copy();
    common::edit(dir.path(), BROCHURE, "  back:\n", "  cover:\n    blocks:\n      - text: cover.lead\n  back:\n");
    let first = line_of(dir.path(), BROCHURE, "  cover:");
    let err = fails_cleanly(dir.path());
    assert!(err.contains("key `cover` is given twice") && err.contains(&format!("line {first}, column 3")), "{err}");
    assert!(err.contains(&format!("{BROCHURE}:{}:3", first + 14)), "{err}");
}

#[test]
fn a_bidi_control_in_a_brochure_or_in_kalem_yaml_is_refused() {
    for (file, from, to) in [(BROCHURE, "qr: https://www.goc.gov.tr", "qr: \"https://www.\\u202Ert.vog.cog\""), ("kalem.yaml", "number: \"183\"", "number: \"\u{2067}183\"")] {
        let dir = common::sample_copy();
        common::edit(dir.path(), file, from, to);
        let line = line_of(dir.path(), file, to);
        let err = fails_cleanly(dir.path());
        assert!(err.contains("U+202E RIGHT-TO-LEFT OVERRIDE") || err.contains("U+2067 RIGHT-TO-LEFT ISOLATE"), "{file}: {err}");
        assert!(err.contains(&format!("{file}:{line}:")), "{file}: {err}");
    }
}
