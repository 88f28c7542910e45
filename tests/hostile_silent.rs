//! Input kalem cannot read exactly as meant used to build with exit 0 and
//! output that differs from what it meant: a YAML tag dropped and its
//! text printed, a second document ignored, a NUL cutting a file short,
//! `.nan` as the ink limit, a meeting ending before it starts, a web
//! address with a user part linked as an e-mail, a translator's untouched
//! skeleton passing as a translation, two files building into the same
//! output, a file skipped for its name, QR codes encoding what no reader
//! sees, a damaged font. Each is now an error naming where it is; `check`
//! and `build` agree, and `output/` is left as it was.

mod common;

use std::path::Path;

/// The only brochure of the test project.
const BROCHURE: &str = "brochures/test.yaml";
/// Its Turkish translation file.
const TR: &str = "translations/tr.yaml";

/// A one-language tri-fold with a heading `cover.title` (line 2 of the
/// translation file) and a paragraph `cover.body` (line 3).
fn project() -> common::TestProject {
    common::TestProject::new("upper", &[("tr", "cover:\n  title: Başlık\n  body: Metin\n")])
}

/// `file:line:` of the first line of `file` in `root` holding `text`.
fn place(root: &Path, file: &str, text: &str) -> String {
    let content = std::fs::read_to_string(root.join(file)).expect("file");
    let line = content.lines().position(|l| l.contains(text)).unwrap_or_else(|| panic!("no {text:?} in {file}")) + 1;
    format!("{file}:{line}:")
}

/// `project()` with `from` replaced by `to` in `file`, refused by `check`
/// and `build` with `expected` on standard error and the place of the
/// line holding `at` (the last line of `to` when empty).
fn refused_edit(file: &str, from: &str, to: &str, at: &str, expected: &str) {
    let p = project();
    let root = p.dir.path();
    common::edit(root, file, from, to);
    let at = place(root, file, if at.is_empty() { to.trim_end().lines().last().expect("a line").trim() } else { at });
    common::refused_by_check_and_build(root, &[], &[&at, expected]);
}

#[test]
fn yaml_tags_are_refused_not_dropped() {
    refused_edit(TR, "title: Başlık", "title: !include /etc/passwd", "", "the YAML tag `!include` is not understood");
    refused_edit(TR, "body: Metin", "body: !!binary TWV0aW4=", "", "the YAML tag `!!binary` is not understood");
    refused_edit(BROCHURE, "heading: cover.title", "heading: !env cover.title", "", "the YAML tag `!env` is not understood");
    refused_edit("kalem.yaml", "bleed_mm: 3", "bleed_mm: !!int 3", "", "the YAML tag `!!int` is not understood");
    // `!!str` says what kalem reads anyway: text.
    let p = project();
    common::edit(p.dir.path(), TR, "body: Metin", "body: !!str Metin");
    assert_eq!(common::kalem(p.dir.path(), &["check"]).status.code(), Some(0));
}

#[test]
fn a_second_document_and_a_nul_byte_are_refused_where_they_are() {
    refused_edit(TR, "  body: Metin\n", "  body: Metin\n---\ncover:\n  body: Başka\n", "---", "a second YAML document starts here");
    let p = project();
    let root = p.dir.path();
    common::edit(root, TR, "body: Metin", "body: Met\0in");
    common::refused_by_check_and_build(root, &[], &[&format!("{TR}:3:12"), "control character U+0000 at line 3, column 12"]);
}

#[test]
fn numbers_that_are_not_finite_or_not_an_ink_limit_are_refused() {
    for (from, to, expected) in [
        ("bleed_mm: 3", "bleed_mm: .nan", "`.nan` is not a number kalem can use"),
        ("bleed_mm: 3", "bleed_mm: -.inf", "`-.inf` is not a number kalem can use"),
        ("bleed_mm: 3", "bleed_mm: 1e999", "`1e999` is not a number kalem can use"),
        ("bleed_mm: 3", "bleed_mm: 3\n  max_ink: .NaN", "`.NaN` is not a number kalem can use"),
        ("bleed_mm: 3", "bleed_mm: 3\n  max_ink: 1000", "print.max_ink 1000 % is out of range (100 to 400 %)"),
    ] {
        let p = project();
        let root = p.dir.path();
        common::edit(root, "kalem.yaml", from, to);
        let at = place(root, "kalem.yaml", to.lines().last().expect("line").trim());
        common::refused_by_check_and_build(root, &[], &[&at, expected]);
    }
}

#[test]
fn a_meeting_that_ends_before_it_starts_is_refused() {
    let dir = common::sample_copy();
    let root = dir.path();
    let poster = "brochures/meeting-poster.yaml";
    common::edit(root, poster, "end: \"16:30\"", "end: \"13:30\"");
    let at = place(root, poster, "end: \"13:30\"");
    common::refused_by_check_and_build(root, &["--brochure", "meeting-poster"], &[&at, "the meeting ends at 13:30, not after it starts at 14:00"]);
}

#[test]
fn a_web_address_with_a_user_part_is_refused() {
    refused_edit(TR, "body: Metin", "body: \"Bilgi: https://www.goc.gov.tr@evil.com/157\"", "", "the web address `https://www.goc.gov.tr@evil.com` has a user part");
    refused_edit(TR, "body: Metin", "body: \"Bilgi: http://user:pw@example.org\"", "", "has a user part before `@`");
}

#[test]
fn the_untouched_skeleton_of_missing_translations_is_no_translation() {
    let p = common::TestProject::new("upper", &[("tr", "cover:\n  title: Başlık\n  body: Metin\n"), ("ar", "# to do\n")]);
    let root = p.dir.path();
    let out = common::kalem(root, &["translations", "--missing", "ar"]);
    assert_eq!(out.status.code(), Some(0), "{}", common::stderr(&out));
    let skeleton = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(skeleton.contains("title: \"\""), "{skeleton}");
    std::fs::write(root.join("translations/ar.yaml"), &skeleton).expect("ar.yaml");
    let at = place(root, "translations/ar.yaml", "title: \"\"");
    let out = common::kalem(root, &["check"]);
    let err = common::stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains(&at) && err.contains("translation `cover.title` is empty in language ar"), "{err}");
    // Its keys are still missing: the coverage counts none of them, and
    // `--missing` lists them all again.
    let json: serde_json::Value = serde_json::from_slice(&common::kalem(root, &["check", "--format", "json"]).stdout).expect("JSON");
    let ar = json["translations"].as_array().expect("translations").iter().find(|t| t["lang"] == "ar").expect("ar").clone();
    assert_eq!((ar["present"].as_u64(), ar["missing"].as_array().map(Vec::len)), (Some(0), Some(skeleton.matches(": \"\"").count())), "{ar}");
    let again = common::kalem(root, &["translations", "--missing", "ar"]);
    assert_eq!(String::from_utf8_lossy(&again.stdout), skeleton);
}

#[test]
fn two_files_of_one_brochure_and_a_name_that_is_not_utf8_are_refused() {
    let p = project();
    let root = p.dir.path();
    std::fs::copy(root.join(BROCHURE), root.join("brochures/test.yml")).expect("copy");
    common::refused_by_check_and_build(root, &[], &["brochures/test.yml: error: brochures/test.yaml and brochures/test.yml are both brochure `test`"]);

    use std::os::unix::ffi::OsStrExt;
    let p = project();
    let root = p.dir.path();
    std::fs::copy(root.join(BROCHURE), root.join("brochures").join(std::ffi::OsStr::from_bytes(b"te\xffst.yaml"))).expect("copy");
    common::refused_by_check_and_build(root, &[], &["brochures: error: the name of brochure file `te\u{fffd}st.yaml` is not UTF-8 text"]);
}

#[test]
fn qr_payloads_with_invisible_characters_or_no_number_are_refused() {
    for (payload, expected) in [
        ("\"tel:+++\"", "QR code `tel:+++` is neither"),
        ("\"tel:++90157\"", "QR code `tel:++90157` is neither"),
        ("\"https://www.goc.gov.tr\\u200B/157\"", "is neither a web address"),
        ("\"https://www.goc.gov.tr@evil.com/157\"", "QR code `https://www.goc.gov.tr@evil.com/157` is neither"),
        ("\"tel:157\\u0007\"", "invisible U+0007 character"),
    ] {
        refused_edit(BROCHURE, "      - text: cover.body\n", &format!("      - text: cover.body\n      - qr: {payload}\n        height: 25\n"), "- qr:", expected);
    }
}

#[test]
fn terminal_escapes_are_refused_and_never_printed_raw() {
    // In a translation, in a key of a translation file and in a key a
    // brochure names; `refused_by_check_and_build` finds no raw escape.
    refused_edit(TR, "body: Metin", "body: \"\\e]0;owned\\u0007Metin\"", "", "invisible U+001B character");
    refused_edit(TR, "  body: Metin\n", "  body: Metin\n  \"\\e[2J\": x\n", "e[2J", "invisible U+001B character");
    refused_edit(BROCHURE, "heading: cover.title", "heading: \"cover.\\e[31mtitle\"", "", "invisible U+001B character");
    // `translations --missing` does not print a source text holding one.
    let p = common::TestProject::new("upper", &[("tr", "cover:\n  title: \"Baş\\e[2Jlık\"\n  body: Metin\n"), ("ar", "# to do\n")]);
    let out = common::kalem(p.dir.path(), &["translations", "--missing", "ar"]);
    let err = common::stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(!out.stdout.contains(&0x1b) && !err.contains('\u{1b}') && err.contains(&format!("{TR}:2:")), "{err}");
}

#[test]
fn a_font_with_a_damaged_table_is_refused() {
    // Advance widths and weight are where damage does not show as a missing
    // letter: the text overprints, or another face is used.
    for table in [b"hmtx", b"OS/2", b"name"] {
        let p = project();
        let root = p.dir.path();
        let font = root.join("fonts/NotoSans-Regular.ttf");
        let mut data = std::fs::read(&font).expect("font");
        let record = (0..usize::from(u16::from_be_bytes([data[4], data[5]]))).map(|i| 12 + 16 * i).find(|r| &data[*r..*r + 4] == table).expect("table");
        let offset = u32::from_be_bytes(data[record + 8..record + 12].try_into().expect("offset")) as usize;
        data[offset + 10] ^= 0x20;
        std::fs::write(&font, data).expect("write");
        let name = String::from_utf8_lossy(table).into_owned();
        common::refused_by_check_and_build(root, &[], &[&format!("fonts/NotoSans-Regular.ttf: error: this font file is damaged: its `{name}` table")]);
    }
}
