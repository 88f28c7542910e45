//! A language is one line and one file (issue 30): what kalem takes from a
//! language's code, on copies of `examples/national`: letter case, typst's
//! hyphenation, fonts that lack a language's letters, phone numbers and
//! addresses inside English and Russian sentences, and README's "Adding a
//! language" followed step by step.

mod common;

use std::path::{Path, PathBuf};

use common::{edition, frame_lines, kalem, stderr};
use kalem::diag::{Diagnostics, Severity};
use kalem::layout::panels::panels;
use kalem::model::{Project, Selection, load_project};
use kalem::pipeline;
use kalem::prepare::Kind;

/// The national example.
fn example() -> PathBuf {
    common::repo().join("examples/national")
}

/// A copy of the national example (configuration, brochures,
/// translations, assets, fonts), to change freely.
fn example_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::copy(example().join("kalem.yaml"), dir.path().join("kalem.yaml")).expect("copy kalem.yaml");
    for sub in ["brochures", "translations", "assets", "fonts"] {
        copy_dir(&example().join(sub), &dir.path().join(sub));
    }
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create dir");
    for entry in std::fs::read_dir(from).expect("read dir").flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy file");
        }
    }
}

/// A copy of the example whose one brochure is a panel with a heading
/// (`cover.title`, upper-cased) and a paragraph (`cover.body`), in the
/// languages of `texts` (code, title, body); `config` edits its
/// `kalem.yaml` (from, to).
fn panel_project(texts: &[(&str, &str, &str)], config: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = example_copy();
    let root = dir.path();
    for (from, to) in config {
        common::edit(root, "kalem.yaml", from, to);
    }
    std::fs::remove_dir_all(root.join("brochures")).expect("drop the brochures");
    std::fs::create_dir_all(root.join("brochures")).expect("brochures");
    let langs: Vec<&str> = texts.iter().map(|(l, _, _)| *l).collect();
    let brochure = format!(
        "title: cover.title\nformat: a4-trifold\nlanguages: [{}]\npanels:\n  inside-1:\n    blocks:\n      - heading: cover.title\n        case: upper\n      - text: cover.body\n",
        langs.join(", ")
    );
    std::fs::write(root.join("brochures/test.yaml"), brochure).expect("brochure");
    for (lang, title, body) in texts {
        let yaml = format!("cover:\n  title: \"{title}\"\n  body: \"{body}\"\n");
        std::fs::write(root.join(format!("translations/{lang}.yaml")), yaml).expect("translation");
    }
    dir
}

fn load(root: &Path) -> Project {
    load_project(root, &Selection::default()).unwrap_or_else(|ds| panic!("{ds:#?}"))
}

/// The laid-out lines of the test brochure in `lang`, page by page,
/// and what preparing and setting it found.
fn lines(root: &Path, lang: &str) -> (Vec<String>, Diagnostics) {
    let project = load(root);
    let engine = pipeline::engine(&project).unwrap_or_else(|d| panic!("{d}"));
    let set = pipeline::typeset_edition(&engine, &edition(&project, &project.brochures[0], lang)).unwrap_or_else(|ds| panic!("{lang}: {ds:#?}"));
    // The test panel is mostly empty on purpose: the warning that says so
    // is not what these tests look at.
    let warnings = set.warnings.into_iter().filter(|d| !d.message.contains("% empty")).collect();
    (set.doc.pages().iter().flat_map(frame_lines).map(|l| l.concat()).collect(), warnings)
}

/// The runs of the test brochure in `lang` as the template reads them.
fn runs(root: &Path, lang: &str) -> Vec<(String, String)> {
    common::doc_runs(root, "test", lang)
}

#[test]
fn headings_are_upper_cased_with_the_rules_of_their_language() {
    let texts = [
        ("tr", "istanbul ırmak", "Metin."),
        ("az", "istanbul ırmaq", "Mətn."),
        ("en", "istanbul river", "Text."),
        ("ru", "стамбул, ёлка и река", "Текст."),
    ];
    let dir = panel_project(&texts, &[("  ru: { name: Русский }", "  ru: { name: Русский }\n  az: { name: Azərbaycanca }")]);
    let want = [("tr", "İSTANBUL IRMAK"), ("az", "İSTANBUL IRMAQ"), ("en", "ISTANBUL RIVER"), ("ru", "СТАМБУЛ, ЁЛКА И РЕКА")];
    for (lang, heading) in want {
        // Words kalem tied (`И РЕКА`) are joined by a no-break space.
        let texts: Vec<String> = runs(dir.path(), lang).into_iter().map(|(_, t)| t.replace('\u{A0}', " ")).collect();
        assert!(texts.iter().any(|t| t == heading), "{lang}: {texts:?}");
    }
}

/// A paragraph of long words, in English and in Russian.
const LONG_EN: &str = "Internationalisation, responsibilities, misunderstandings, telecommunications, incomprehensibility, intercontinental transportation, counterrevolutionaries, institutionalisation, overcompensation and disproportionately uncharacteristically indistinguishable recommendations";
const LONG_RU: &str = "Достопримечательности, высокопревосходительство, человеконенавистничество, переосвидетельствование, интернационализация, делопроизводство, здравоохранение, электрификация, самосовершенствование и непредсказуемость";

/// Whether a laid-out line ends with the hyphen typst adds when it
/// hyphenates (a soft hyphen in the text).
fn hyphenated(lines: &[String]) -> bool {
    lines.iter().any(|l| l.ends_with(['\u{AD}', '-']))
}

#[test]
fn long_words_are_hyphenated_where_typst_has_patterns() {
    let texts = [("en", "Long words", LONG_EN), ("ru", "Длинные слова", LONG_RU)];
    let dir = panel_project(&texts, &[]);
    for lang in ["en", "ru"] {
        let (lines, found) = lines(dir.path(), lang);
        assert!(found.is_empty(), "{lang}: {found:#?}");
        assert!(hyphenated(&lines), "{lang} is not hyphenated: {lines:#?}");
        // The heading, in capitals at the top, never is.
        let heading: Vec<&String> = lines.iter().filter(|l| l.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase)).collect();
        assert!(!heading.is_empty() && !hyphenated(&heading.into_iter().cloned().collect::<Vec<_>>()), "{lang}: heading hyphenated");
    }
    // `hyphenate: false` in kalem.yaml wins.
    let whole = panel_project(&texts[..1], &[("  en: { name: English }", "  en: { name: English, hyphenate: false }")]);
    let (lines, _) = lines(whole.path(), "en");
    assert!(!hyphenated(&lines), "{lines:#?}");
}

#[test]
fn numbers_and_addresses_stay_whole_and_left_to_right_in_english_and_russian() {
    let en = "Call the municipality on +90 312 123 45 67, write to destek@example.org or visit www.goc.gov.tr/insan-ticareti; call 157 free of charge, or +90 312 123 45 67 again.";
    let ru = "Звоните в муниципалитет по номеру +90 312 123 45 67, пишите на destek@example.org или смотрите www.goc.gov.tr/insan-ticareti; звонок на 157 бесплатный, или снова +90 312 123 45 67.";
    // Longer runs of words before the units move them to every place of a line.
    let texts: Vec<(String, String)> = (0..6).map(|n| (format!("{} {en}", "word ".repeat(n * 3)), format!("{} {ru}", "слово ".repeat(n * 3)))).collect();
    for (en, ru) in &texts {
        let dir = panel_project(&[("en", "Numbers", en), ("ru", "Номера", ru)], &[]);
        for lang in ["en", "ru"] {
            let kinds: Vec<(String, String)> = runs(dir.path(), lang).into_iter().filter(|(k, _)| k != "text").collect();
            let want = [("phone", "+90 312 123 45 67"), ("email", "destek@example.org"), ("url", "www.goc.gov.tr/insan-ticareti"), ("phone", "157"), ("phone", "+90 312 123 45 67")];
            let got: Vec<(&str, &str)> = kinds.iter().map(|(k, t)| (k.as_str(), t.as_str())).collect();
            assert_eq!(got, want, "{lang}");
            let (lines, _) = lines(dir.path(), lang);
            let text = lines.join("\n");
            for unit in ["+90 312 123 45 67", "destek@example.org", "www.goc.gov.tr/insan-ticareti"] {
                assert!(text.contains(unit), "{lang}: `{unit}` is broken or reordered in {lines:#?}");
            }
            assert_eq!(text.matches("+90 312 123 45 67").count(), 2, "{lang}: {lines:#?}");
        }
    }
    assert!(Kind::Phone.is_unit() && Kind::Url.is_unit());
}

/// A copy of the example whose fonts have no Cyrillic: its `latin` chain
/// is Vazirmatn (Latin and Arabic letters), and Noto Sans, which has
/// Cyrillic, is in fonts/ only if `keep_noto`.
fn without_cyrillic(keep_noto: bool) -> tempfile::TempDir {
    let dir = panel_project(&[("ru", "Помощь", "Звоните 157: бесплатно, круглосуточно.")], &[("  latin: [Noto Sans]", "  latin: [Vazirmatn]"), ("  arabic: [Noto Naskh Arabic, Noto Sans]", "  arabic: [Noto Naskh Arabic]"), ("  persian: [Vazirmatn, Noto Sans]", "  persian: [Vazirmatn]")]);
    if !keep_noto {
        for file in ["NotoSans-Regular.ttf", "NotoSans-Bold.ttf"] {
            std::fs::remove_file(dir.path().join("fonts").join(file)).expect("remove Noto Sans");
        }
    }
    dir
}

#[test]
fn fonts_without_a_languages_letters_are_named_with_the_chain_to_write() {
    // No font of the project has Cyrillic: the Russian strings fail, each
    // letter named once, with a font to add and the chain to write.
    let dir = without_cyrillic(false);
    let project = load(dir.path());
    let engine = pipeline::engine(&project).unwrap_or_else(|d| panic!("{d}"));
    let found = pipeline::typeset_edition(&engine, &edition(&project, &project.brochures[0], "ru")).expect_err("Russian cannot be set");
    let errors: Vec<_> = found.iter().filter(|d| d.severity == Severity::Error).collect();
    assert_eq!(errors.len(), 2, "one message per string: {errors:#?}");
    let body = errors.iter().find(|d| d.key.as_deref() == Some("cover.body")).expect("the body's message");
    assert!(body.message.contains("«З» (U+0417)") && body.message.contains("are in no font of chain `latin` (Vazirmatn) and would print as an empty box each"), "{}", body.message);
    // The heading's letters the body named already are not named again.
    let heading = errors.iter().find(|d| d.key.as_deref() == Some("cover.title")).expect("the heading's message");
    assert!(!heading.message.contains("«О»") || !body.message.contains("«О»"), "{heading:?}");
    let hint = body.hint.as_deref().unwrap_or_default();
    assert!(hint.contains("Cyrillic letters") && hint.contains("`latin: [Vazirmatn, Noto Sans]`"), "{hint}");
    // The language as a whole: the letters of Russian the chain lacks.
    let languages = kalem::prepare::coverage::languages(&project.config, engine.fonts());
    let russian = languages.iter().find(|d| d.lang.as_deref() == Some("ru")).expect("a finding for Russian");
    assert_eq!(russian.severity, Severity::Warning);
    assert!(russian.message.contains("lack 66 letter(s) of language ru (Русский): Ё А Б В"), "{}", russian.message);
    assert_eq!(russian.location.as_ref().map(|l| (l.file.to_string_lossy().into_owned(), l.line > 0)), Some(("kalem.yaml".into(), true)));

    // With Noto Sans in fonts/ but not in the chain, typst would fall back
    // to it: a warning that says to add it to the chain.
    let dir = without_cyrillic(true);
    let project = load(dir.path());
    let engine = pipeline::engine(&project).unwrap_or_else(|d| panic!("{d}"));
    let set = pipeline::typeset_edition(&engine, &edition(&project, &project.brochures[0], "ru")).expect("Russian is set, in Noto Sans");
    let warning = set.warnings.iter().find(|d| d.key.as_deref() == Some("cover.body")).expect("a warning for the body");
    assert!(warning.message.contains("typst sets them in Noto Sans"), "{}", warning.message);
    assert!(warning.hint.as_deref().unwrap_or_default().contains("add Noto Sans to the chain in kalem.yaml, `latin: [Vazirmatn, Noto Sans]`"), "{warning:?}");
}

#[test]
fn the_examples_languages_take_their_rules_from_their_codes() {
    let project = load(&example());
    let rules = |lang: &str| &project.config.languages[lang].rules;
    use kalem::model::{Digits, Direction};
    assert_eq!((rules("fa-AF").dir, rules("fa-AF").digits, rules("fa-AF").fonts.as_str()), (Direction::Rtl, Digits::Persian, "persian"));
    assert_eq!((rules("ru").dir, rules("ru").quotes.shown(), rules("ru").fonts.as_str(), rules("ru").hyphenate), (Direction::Ltr, "«…»".to_string(), "latin", true));
    assert_eq!((rules("en").quotes.shown(), rules("en").hyphenate), ("“…”".to_string(), true));
    assert_eq!(rules("ar").digits, Digits::Latin, "kalem.yaml's setting wins over CLDR's Arabic-Indic");
    let brochure = &project.brochures[0];
    assert_eq!(brochure.languages, ["tr", "ar", "en", "fa", "fa-AF", "ru"], "a brochure without `languages:` takes every language, the source first");
    // Dari's running digits are Persian, its phone numbers stay as dialled.
    let engine = pipeline::engine(&project).unwrap_or_else(|d| panic!("{d}"));
    let (data, found) = panels(&edition(&project, brochure, "fa-AF"), &engine);
    assert!(found.is_empty(), "{found:#?}");
    let json = serde_json::to_string(&data).expect("data");
    assert!(json.contains("۳۰") && json.contains("\"text\":\"157\"") && !json.contains("۱۵۷"), "Dari digits");
    assert!(json.contains("\"text_lang\":\"fa\"") && json.contains("\"region\":\"AF\""), "typst gets fa and AF");
}

/// `kalem.yaml` of the example without the line of `lang`.
fn without_language(root: &Path, line: &str, lang: &str) {
    common::edit(root, "kalem.yaml", &format!("{line}\n"), "");
    std::fs::remove_file(root.join(format!("translations/{lang}.yaml"))).expect("remove the translation");
}

#[test]
fn adding_a_language_as_the_readme_says_is_one_line_and_one_file() {
    let readme = std::fs::read_to_string(common::repo().join("README.md")).expect("README");
    let section = readme.split("## Adding a language").nth(1).expect("README has a section \"Adding a language\"");
    assert!(section.contains("  ru: { name: Русский }") && section.contains("kalem translations --missing ru"), "the section shows the steps this test takes");

    // A project without Russian.
    let dir = example_copy();
    let root = dir.path();
    without_language(root, "  ru: { name: Русский }", "ru");
    // 1. One line in kalem.yaml.
    common::edit(root, "kalem.yaml", "  en: { name: English }\n", "  en: { name: English }\n  ru: { name: Русский }\n");
    // 2. The skeleton names every key the file needs.
    let skeleton = kalem(root, &["translations", "--missing", "ru"]);
    assert!(skeleton.status.success(), "{}", stderr(&skeleton));
    let skeleton = String::from_utf8_lossy(&skeleton.stdout).into_owned();
    for key in ["cover:", "  title:", "memorise:", "yimer157:", "funded:"] {
        assert!(skeleton.contains(key), "{key} missing from the skeleton:\n{skeleton}");
    }
    // 3. The file, as the translator delivers it.
    std::fs::copy(example().join("translations/ru.yaml"), root.join("translations/ru.yaml")).expect("the translation");
    // 4. Build.
    let built = kalem(root, &["build", "--lang", "ru"]);
    let err = stderr(&built);
    assert!(built.status.success(), "{err}");
    assert!(!err.contains("warning") && !err.contains("error"), "{err}");
    let pdf = root.join("output/human-trafficking/ru/human-trafficking-ru-print.pdf");
    let text = common::logical_text(&lopdf::Document::load(&pdf).expect("the Russian PDF"));
    assert!(text.contains("ВМЕСТЕ ПРОТИВ ТОРГОВЛИ ЛЮДЬМИ") && text.contains("157"), "{text}");
    assert!(root.join("output/human-trafficking/ru/social/hotline-157-instagram-square.png").exists());
}

#[test]
fn a_language_kalem_does_not_know_is_built_with_defaults_it_names() {
    let dir = example_copy();
    let root = dir.path();
    // Hausa: CLDR knows its script (Latin), kalem not its print conventions.
    common::edit(root, "kalem.yaml", "  ru: { name: Русский }\n", "  ru: { name: Русский }\n  ha: { name: Hausa }\n");
    std::fs::copy(example().join("translations/en.yaml"), root.join("translations/ha.yaml")).expect("a translation");
    let line = std::fs::read_to_string(root.join("kalem.yaml")).expect("kalem.yaml").lines().position(|l| l.starts_with("  ha:")).expect("the line") + 1;
    let built = kalem(root, &["build", "--lang", "ha"]);
    let err = stderr(&built);
    assert!(built.status.success(), "{err}");
    let want = "warning: kalem does not know the print conventions of language ha, so it uses Latin digits (`digits:`), “…” quotes (`quotes:`)";
    assert!(err.contains(want) && err.contains(&format!("┌─ kalem.yaml:{line}:")), "{want} at line {line}, in\n{err}");
    assert!(root.join("output/human-trafficking/ha/human-trafficking-ha-print.pdf").exists());
}
