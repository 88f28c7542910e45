//! Translators in the loop: a changed Turkish text makes its translations
//! stale (per list item and table cell) until they are translated again
//! and reviewed; `kalem translations status` counts, `review` records.

mod common;

use std::path::Path;

use serde_json::Value;

/// The third row's smuggling cell of the training handout's table, and a
/// shorter wording an editor might give it.
const CELL_TR: &str = "        - Çoğunlukla sınır ve ikametle ilgilidir; yasa dışı kalış sağlamak da suçtur";
const CELL_TR_NEW: &str = "        - Çoğunlukla sınır ya da ikamet ile ilgilidir";

fn run(dir: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let out = common::kalem(dir, args);
    (out.status.code(), String::from_utf8_lossy(&out.stdout).into_owned(), common::stderr(&out))
}

/// `kalem translations status --format json`: per language, the counts.
fn counts(dir: &Path) -> Value {
    let (code, stdout, stderr) = run(dir, &["translations", "status", "--format", "json"]);
    assert_eq!(code, Some(0), "{stderr}");
    let json: Value = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {stdout}"));
    json.as_array().unwrap().iter().map(|l| (l["lang"].as_str().unwrap().to_string(), l["counts"].clone())).collect::<serde_json::Map<_, _>>().into()
}

#[test]
fn the_samples_start_with_every_translation_current_and_reviewed() {
    let dir = common::sample_copy();
    let all = counts(dir.path());
    for lang in ["ar", "fa"] {
        let c = &all[lang];
        assert!(c["units"].as_u64().unwrap() > 150, "{c}");
        assert_eq!((c["current"].clone(), c["unreviewed"].clone(), c["stale"].clone(), c["missing"].clone()), (c["units"].clone(), 0.into(), 0.into(), 0.into()), "{lang}: {c}");
    }
    let (_, table, _) = run(dir.path(), &["translations", "status"]);
    assert!(table.contains("language   units  current  unreviewed  stale  missing"), "{table}");
}

#[test]
fn a_changed_table_cell_is_stale_in_ar_and_fa_with_the_old_and_new_turkish_until_translated_and_reviewed() {
    let dir = common::sample_copy();
    let root = dir.path();
    common::edit(root, "translations/tr.yaml", CELL_TR, CELL_TR_NEW);
    let out = common::kalem(root, &["check", "--format", "json"]);
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    let found: Vec<&Value> = json["diagnostics"].as_array().unwrap().iter().filter(|d| d["blocker"] == "translation").collect();
    assert_eq!(found.len(), 2, "{found:#?}");
    for (d, lang) in found.iter().zip(["ar", "fa"]) {
        assert_eq!((d["lang"].as_str(), d["key"].as_str(), d["file"].as_str()), (Some(lang), Some("handout.definitions.rows"), Some(format!("translations/{lang}.yaml").as_str())));
        assert!(d["line"].as_u64().unwrap() > 200, "{d}");
        let message = d["message"].as_str().unwrap();
        assert!(message.starts_with(&format!("`handout.definitions.rows#3.3` is stale in {lang}")), "{message}");
        assert!(message.contains("was «Çoğunlukla sınır ve ikametle ilgilidir; yasa dışı kalış sağlamak da suçtur» and is now «Çoğunlukla sınır ya da ikamet ile ilgilidir»"), "{message}");
        assert!(message.contains("translations/tr.yaml:253"), "{message}");
    }
    assert_eq!(counts(root)["ar"]["stale"], 1);

    // The Arabic cell is translated again: current, not yet reviewed.
    common::edit(root, "translations/ar.yaml", "        - يتعلق غالباً بالحدود والإقامة؛ وتأمين الإقامة غير النظامية جريمة أيضاً", "        - يتعلق غالباً بالحدود أو الإقامة");
    let (_, listed, _) = run(root, &["translations", "status"]);
    assert!(listed.contains("unreviewed (changed after its source) `handout.definitions.rows#3.3`"), "{listed}");
    assert!(listed.contains("translations/fa.yaml:") && listed.contains("stale `handout.definitions.rows#3.3`"), "{listed}");
    let all = counts(root);
    assert_eq!((all["ar"]["stale"].clone(), all["ar"]["unreviewed"].clone(), all["fa"]["stale"].clone()), (0.into(), 1.into(), 1.into()));

    // Reviewing ar records it; fa's reviewer confirms the cell by name.
    let before = std::fs::read_to_string(root.join("translations/ar.lock.yaml")).unwrap();
    let (code, said, err) = run(root, &["translations", "review", "ar", "--by", "Rana"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(said.contains("1 unit(s) of ar recorded as reviewed by Rana"), "{said}");
    let after = std::fs::read_to_string(root.join("translations/ar.lock.yaml")).unwrap();
    let changed: Vec<(&str, &str)> = before.lines().zip(after.lines()).filter(|(a, b)| a != b).collect();
    assert_eq!(changed.len(), 4, "source, both fingerprints and the reviewer change: {changed:#?}");
    assert!(after.contains("handout.definitions.rows#3.3:\n  source: \"Çoğunlukla sınır ya da ikamet ile ilgilidir\"\n"), "{after}");
    let (code, _, err) = run(root, &["translations", "review", "fa", "--by", "Reza"]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(counts(root)["fa"]["stale"], 1, "a stale unit is reviewed only when named");
    assert_eq!(run(root, &["translations", "review", "fa", "handout.definitions.rows#3.3", "--by", "Reza"]).0, Some(0));
    let all = counts(root);
    for lang in ["ar", "fa"] {
        assert_eq!((all[lang]["stale"].clone(), all[lang]["unreviewed"].clone()), (0.into(), 0.into()), "{lang}");
    }
}

#[test]
fn a_changed_list_item_marks_that_item_and_a_new_key_has_no_record() {
    let brochure = "title: meta.title\nformat: dl-flyer\nlanguages: [tr, ar]\npanels:\n  front:\n    blocks:\n      - heading: extra.title\n      - list: signs.items\n";
    let dir = common::sample_with(brochure, &[("tr", "extra:\n  title: Yeni başlık\n".into()), ("ar", "extra:\n  title: عنوان جديد\n".into())]);
    let root = dir.path();
    common::edit(root, "translations/tr.yaml", "    - Hiç bitmeyen bir borcu var\n", "    - Hiç bitmeyen bir borcu var ve büyüyor\n");
    let (_, listed, _) = run(root, &["translations", "status"]);
    assert!(listed.contains("stale `signs.items#3`") && !listed.contains("`signs.items#2`"), "{listed}");
    assert!(listed.contains("unreviewed (no record) `extra.title`"), "{listed}");
    assert!(listed.contains("missing `extra.title`"), "fa lacks it: {listed}");
}

#[test]
fn review_refuses_unknown_and_untranslated_units_and_the_source_language() {
    let dir = common::sample_with("title: meta.title\nformat: dl-flyer\nlanguages: [tr]\npanels:\n  front:\n    blocks:\n      - heading: extra.title\n", &[("tr", "extra:\n  title: Yeni\n".into())]);
    let root = dir.path();
    let lock = std::fs::read(root.join("translations/ar.lock.yaml")).unwrap();
    let (code, _, err) = run(root, &["translations", "review", "ar", "signs.itemz#3", "extra.title", "--by", "T"]);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("no unit `signs.itemz#3`") && err.contains("did you mean `signs.items#3`?"), "{err}");
    assert!(err.contains("`extra.title` has no ar text to review"), "{err}");
    assert_eq!(std::fs::read(root.join("translations/ar.lock.yaml")).unwrap(), lock, "nothing is recorded");
    let (code, _, err) = run(root, &["translations", "review", "tr", "--by", "T"]);
    assert_eq!(code, Some(1));
    assert!(err.contains("tr is the source language"), "{err}");
}

#[test]
fn a_language_without_a_record_is_one_blocker_until_reviewed_and_a_broken_record_is_an_error() {
    let dir = common::sample_copy();
    let root = dir.path();
    std::fs::remove_file(root.join("translations/fa.lock.yaml")).unwrap();
    let blockers = |root: &Path| -> Vec<Value> {
        let out = common::kalem(root, &["check", "--format", "json", "--brochure", "outreach-flyer", "--lang", "fa"]);
        let json: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", common::stderr(&out)));
        json["diagnostics"].as_array().unwrap().iter().filter(|d| d["blocker"] == "translation").cloned().collect()
    };
    let found = blockers(root);
    assert_eq!(found.len(), 1, "{found:#?}");
    let message = found[0]["message"].as_str().unwrap();
    assert!(message.starts_with("no fa translation has been reviewed: translations/fa.lock.yaml has no record of"), "{message}");
    assert!(found[0]["hint"].as_str().unwrap().contains("kalem translations review fa --by NAME"));
    assert_eq!(run(root, &["translations", "review", "fa", "--by", "Reza"]).0, Some(0));
    assert!(blockers(root).is_empty());

    common::edit(root, "translations/fa.lock.yaml", "  state: reviewed\n", "  state: done\n");
    let (code, _, err) = run(root, &["translations", "status"]);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("translations/fa.lock.yaml:") && err.contains("[language fa]"), "{err}");
}
