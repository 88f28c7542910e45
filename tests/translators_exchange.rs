//! Exchange with translators' tools: XLIFF 1.2 and PO exports carry every
//! state, the previous source and notes; real clients (gettext's msgfmt,
//! translate-toolkit's pofilter, po2xliff and xliff2po) read them and
//! what they convert imports back unchanged; an edited unit imports as a
//! one-line change with comments intact; every refusal writes nothing.

mod common;

use std::path::Path;
use std::process::Command;

fn run(dir: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let out = common::kalem(dir, args);
    (out.status.code(), String::from_utf8_lossy(&out.stdout).into_owned(), common::stderr(&out))
}

/// Runs a translation tool, which `.ci/run` installs; fails without it.
fn tool(name: &str, args: &[&Path]) -> String {
    let out = Command::new(name).args(args).output().unwrap_or_else(|e| panic!("{name} runs ({e}): `.ci/run` installs gettext and translate-toolkit"));
    assert!(out.status.success(), "{name} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stderr).into_owned() + &String::from_utf8_lossy(&out.stdout)
}

/// The translation and lock files, to compare before and after.
fn translations(root: &Path) -> Vec<(String, String)> {
    ["ar.yaml", "ar.lock.yaml", "fa.yaml", "fa.lock.yaml"].iter().map(|f| (f.to_string(), std::fs::read_to_string(root.join("translations").join(f)).unwrap())).collect()
}

/// The sample with a unit in each state in Arabic: `signs.items#3` stale
/// (its Turkish changed), `extra.title` new, `help.title` needing
/// translation again (its Arabic is gone), `act.title` translated (changed
/// since its review), the rest final.
fn every_state() -> tempfile::TempDir {
    let dir = common::sample_copy();
    let root = dir.path();
    common::edit(root, "translations/tr.yaml", "    - Hiç bitmeyen bir borcu var\n", "    - Hiç bitmeyen bir borcu var ya da borçlandırıldı\n");
    let tr = std::fs::read_to_string(root.join("translations/tr.yaml")).unwrap();
    std::fs::write(root.join("translations/tr.yaml"), tr + "\nextra:\n  title: \"Yeni başlık: **157**\"\n").unwrap();
    common::edit(root, "translations/ar.yaml", "  title: أين تجد المساعدة؟\n", "");
    common::edit(root, "translations/ar.yaml", "  title: ماذا يمكنك أن تفعل؟", "  title: ماذا يمكنك أن تفعل الآن؟");
    dir
}

/// The `<trans-unit>` of `id` in an XLIFF text.
fn unit<'a>(xliff: &'a str, id: &str) -> &'a str {
    let start = xliff.find(&format!("<trans-unit id=\"{id}\"")).unwrap_or_else(|| panic!("no unit {id}"));
    &xliff[start..start + xliff[start..].find("</trans-unit>").unwrap()]
}

#[test]
fn xliff_and_po_exports_carry_every_state_the_previous_source_and_notes_and_msgfmt_accepts_the_po() {
    let dir = every_state();
    let root = dir.path();
    let (code, xliff, err) = run(root, &["translations", "export", "--lang", "ar"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(err.contains("ar: 211 unit(s): 207 final, 1 needs-review-translation, 1 needs-translation, 1 new, 1 translated"), "{err}");
    let stale = unit(&xliff, "signs.items#3");
    assert!(stale.contains("<target xml:lang=\"ar\" state=\"needs-review-translation\">عليه دَين لا ينتهي أبداً</target>"), "{stale}");
    assert!(stale.contains("<alt-trans alttranstype=\"previous-version\">\n          <source xml:lang=\"tr\">Hiç bitmeyen bir borcu var</source>"), "{stale}");
    assert!(stale.contains("Appears in: human-trafficking, panel inside-2 (list; print and screen PDF)") && stale.contains("item 3 of 6 of a list"), "{stale}");
    assert!(unit(&xliff, "extra.title").contains("state=\"new\"/>") && unit(&xliff, "extra.title").contains("keep 157 exactly as written") && unit(&xliff, "extra.title").contains("** marks"));
    assert!(unit(&xliff, "help.title").contains("state=\"needs-translation\"/>"));
    assert!(unit(&xliff, "act.title").contains("state=\"translated\">ماذا يمكنك أن تفعل الآن؟</target>"));
    let reviewed = unit(&xliff, "cover.title");
    assert!(reviewed.contains("approved=\"yes\"") && reviewed.contains("state=\"final\"") && reviewed.contains("Reviewed by kalem samples."), "{reviewed}");
    assert!(unit(&xliff, "handout.definitions.rows#3.3").contains("row 3 of 5, cell 3 of a table"));

    let po_file = root.join("ar.po");
    let (code, _, err) = run(root, &["translations", "export", "--lang", "ar", "--format", "po", "--out", po_file.to_str().unwrap()]);
    assert_eq!(code, Some(0), "{err}");
    let po = std::fs::read_to_string(&po_file).unwrap();
    assert!(po.contains("#: signs.items%233\n#, fuzzy\n#| msgid \"Hiç bitmeyen bir borcu var\"\nmsgctxt \"signs.items#3\"\nmsgid \"Hiç bitmeyen bir borcu var ya da borçlandırıldı\"\nmsgstr \"عليه دَين لا ينتهي أبداً\"\n"), "{po}");
    assert!(po.contains("msgctxt \"extra.title\"\nmsgid \"Yeni başlık: **157**\"\nmsgstr \"\"\n"));
    assert!(po.contains("msgctxt \"help.title\"\nmsgid \"Nereden yardım alabilirsiniz?\"\nmsgstr \"\"\n"));
    assert!(po.contains("msgctxt \"act.title\"\nmsgid \"Ne yapabilirsiniz?\"\nmsgstr \"ماذا يمكنك أن تفعل الآن؟\"\n"));
    let stats = tool("msgfmt", &[Path::new("--check"), Path::new("--statistics"), Path::new("-o"), Path::new("/dev/null"), &po_file]);
    assert!(stats.contains("208 translated messages, 1 fuzzy translation, 2 untranslated messages"), "{stats}");
    tool("pofilter", &[&po_file, &root.join("checked.po")]);
    let (code, _, err) = run(root, &["translations", "export", "--format", "po"]);
    assert_eq!(code, Some(2), "a PO file holds one language: {err}");
}

#[test]
fn files_converted_by_translate_toolkit_import_back_unchanged() {
    let dir = every_state();
    let root = dir.path();
    let before = translations(root);
    let (xliff, po) = (root.join("ar.xlf"), root.join("ar.po"));
    for (format, file) in [("xliff", &xliff), ("po", &po)] {
        assert_eq!(run(root, &["translations", "export", "--lang", "ar", "--format", format, "--out", file.to_str().unwrap()]).0, Some(0));
    }
    let (from_po, from_xliff) = (root.join("from-po.xlf"), root.join("from-xliff.po"));
    tool("po2xliff", &[&po, &from_po]);
    tool("xliff2po", &[&xliff, &from_xliff]);
    for file in [&xliff, &po, &from_po, &from_xliff] {
        let (code, out, err) = run(root, &["translations", "import", file.to_str().unwrap(), "--lang", "ar"]);
        assert_eq!(code, Some(0), "{}: {err}", file.display());
        assert!(out.contains("translations/ar.yaml: changed 0 unit(s)"), "{out}");
        assert_eq!(translations(root), before, "{} changed the translations", file.display());
    }
    // A translator's edit in the converted file comes back as that edit.
    let converted = std::fs::read_to_string(&from_po).unwrap();
    std::fs::write(&from_po, converted.replacen("<target state=\"translated\">ماذا يمكنك أن تفعل الآن؟</target>", "<target state=\"translated\">ماذا تستطيع أن تفعل؟</target>", 1)).unwrap();
    let (code, out, err) = run(root, &["translations", "import", from_po.to_str().unwrap(), "--lang", "ar"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("changed 1 unit(s): `act.title`"), "{out}");
}

#[test]
fn a_changed_sentence_exported_edited_by_script_and_imported_is_a_one_line_diff_with_comments_intact() {
    let dir = common::sample_copy();
    let root = dir.path();
    common::edit(root, "translations/tr.yaml", "  title: Ne yapabilirsiniz?", "  title: Siz ne yapabilirsiniz?");
    let before = std::fs::read_to_string(root.join("translations/ar.yaml")).unwrap();
    let file = root.join("ar.xlf");
    assert_eq!(run(root, &["translations", "export", "--lang", "ar", "--out", file.to_str().unwrap()]).0, Some(0));
    let xliff = std::fs::read_to_string(&file).unwrap();
    let old = "<target xml:lang=\"ar\" state=\"needs-review-translation\">ماذا يمكنك أن تفعل؟</target>";
    assert!(unit(&xliff, "act.title").contains(old), "{}", unit(&xliff, "act.title"));
    std::fs::write(&file, xliff.replacen(old, "<target xml:lang=\"ar\" state=\"translated\">وأنت، ماذا يمكنك أن تفعل؟</target>", 1).replace('\n', "\r\n")).unwrap();

    let (code, diff, err) = run(root, &["translations", "import", file.to_str().unwrap(), "--dry-run"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(diff.contains("--- a/translations/ar.yaml\n+++ b/translations/ar.yaml\n") && diff.contains("-  title: ماذا يمكنك أن تفعل؟\n+  title: وأنت، ماذا يمكنك أن تفعل؟\n"), "{diff}");
    assert_eq!(std::fs::read_to_string(root.join("translations/ar.yaml")).unwrap(), before, "a dry run writes nothing");

    let (code, _, err) = run(root, &["translations", "import", file.to_str().unwrap()]);
    assert_eq!(code, Some(0), "{err}");
    let after = std::fs::read_to_string(root.join("translations/ar.yaml")).unwrap();
    let changed: Vec<(&str, &str)> = before.lines().zip(after.lines()).filter(|(a, b)| a != b).collect();
    assert_eq!(changed, [("  title: ماذا يمكنك أن تفعل؟", "  title: وأنت، ماذا يمكنك أن تفعل؟")]);
    assert_eq!(before.lines().count(), after.lines().count());
    let (_, status, _) = run(root, &["translations", "status"]);
    assert!(status.contains("translations/ar.yaml:45: unreviewed `act.title`"), "{status}");
    assert_eq!(run(root, &["translations", "review", "ar", "act.title", "--by", "Rana"]).0, Some(0));
    let (_, status, _) = run(root, &["translations", "status"]);
    assert!(!status.contains("translations/ar.yaml:45"), "{status}");
}

/// Imports an XLIFF file for the sample's ar file, made of `doctype`
/// and a good unit followed by `body`, and returns the error output;
/// nothing in translations/ may change.
fn refused_with(root: &Path, doctype: &str, body: &str) -> String {
    let before = translations(root);
    let file = root.join("in.xlf");
    let text = format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>{doctype}\n<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">\n<file original=\"translations/ar.yaml\" source-language=\"tr\" target-language=\"ar\" datatype=\"plaintext\"><body>\n<trans-unit id=\"act.title\"><source>Ne yapabilirsiniz?</source><target state=\"translated\">ماذا تفعل؟</target></trans-unit>\n{body}\n</body></file></xliff>\n");
    std::fs::write(&file, text).unwrap();
    let (code, _, err) = run(root, &["translations", "import", file.to_str().unwrap()]);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("nothing was imported"), "{err}");
    assert_eq!(translations(root), before, "a refused import changes nothing");
    err
}

/// [`refused_with`] without a DTD.
fn refused(root: &Path, body: &str) -> String {
    refused_with(root, "", body)
}

#[test]
fn each_refusal_names_its_place_and_writes_nothing() {
    let dir = common::sample_copy();
    let root = dir.path();
    let unit = |id: &str, source: &str, target: &str| format!("<trans-unit id=\"{id}\"><source>{source}</source><target state=\"translated\">{target}</target></trans-unit>");
    let numbers = refused(root, &unit("act.items#4", "157'yi arayın; hayati tehlike varsa 112'yi.", "اتصل بالرقم 175، وبالرقم 112 إذا كانت هناك حياة في خطر."));
    assert!(numbers.contains("in.xlf:5:1") && numbers.contains("`act.items#4`: the numbers and addresses differ from the source: it has 112, 157, the translation 112"), "{numbers}");
    let control = refused(root, &unit("cover.title", "x", "معاً \u{202B}ضد الاتجار بالبشر"));
    assert!(control.contains("U+202B"), "{control}");
    let items = refused(root, &unit("signs.items#7", "x", "y"));
    assert!(items.contains("`signs.items` has 6 items in tr, so there is no 7"), "{items}");
    let unknown = refused(root, &unit("cover.titel", "x", "y"));
    assert!(unknown.contains("unknown unit `cover.titel`") && unknown.contains("did you mean `cover.title`?"), "{unknown}");
    let bomb = refused_with(root, "\n<!DOCTYPE xliff [<!ENTITY a \"aaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]>", &unit("cover.title", "x", "&b;"));
    assert!(bomb.contains("in.xlf:2:1") && bomb.contains("DTD"), "{bomb}");
    let entity = refused(root, &unit("cover.title", "x", "&ext;"));
    assert!(entity.contains("entity kalem does not expand"), "{entity}");
    let malformed = refused(root, "<trans-unit id=\"cover.title\"><source>x</target></trans-unit>");
    assert!(malformed.contains("in.xlf:5:") && malformed.contains("malformed XML"), "{malformed}");
    let bad_po = root.join("bad.po");
    std::fs::write(&bad_po, "msgctxt \"cover.title\"\nmsgid \"x\"\nmsgstr \"open\n").unwrap();
    let (code, _, err) = run(root, &["translations", "import", bad_po.to_str().unwrap(), "--lang", "ar"]);
    assert_eq!(code, Some(1));
    assert!(err.contains("bad.po:3:1"), "{err}");
}

#[test]
fn fuzzy_po_entries_import_as_unreviewed_and_unchanged_stale_ones_stay_stale() {
    let dir = common::sample_copy();
    let root = dir.path();
    common::edit(root, "translations/tr.yaml", "  title: Ne yapabilirsiniz?", "  title: Siz ne yapabilirsiniz?");
    let po = "\u{feff}msgid \"\"\r\nmsgstr \"\"\r\n\"Language: ar\\n\"\r\n\r\n#, fuzzy\r\nmsgctxt \"cover.title\"\r\nmsgid \"İnsan ticaretine karşı birlikte\"\r\nmsgstr \"معاً في مواجهة الاتجار بالبشر\"\r\n\r\n#, fuzzy\r\nmsgctxt \"act.title\"\r\nmsgid \"Siz ne yapabilirsiniz?\"\r\nmsgstr \"ماذا يمكنك أن تفعل؟\"\r\n";
    let file = root.join("ar.po");
    std::fs::write(&file, po).unwrap();
    let (code, out, err) = run(root, &["translations", "import", file.to_str().unwrap()]);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("changed 1 unit(s): `cover.title`"), "{out}");
    let (_, status, _) = run(root, &["translations", "status"]);
    assert!(status.contains("unreviewed `cover.title`") && status.contains("stale `act.title`"), "{status}");
}

#[test]
fn previews_show_each_key_framed_where_it_stands_and_the_units_name_them() {
    let dir = common::sample_copy();
    let root = dir.path();
    let file = root.join("ar.xlf");
    let (code, _, err) = run(root, &["translations", "export", "--lang", "ar", "--out", file.to_str().unwrap(), "--previews"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(err.contains("preview(s) in"), "{err}");
    let xliff = std::fs::read_to_string(&file).unwrap();
    let title = unit(&xliff, "cover.title");
    let named = "ar-previews/ar/cover.title--human-trafficking--cover.png";
    assert!(title.contains(&format!("<note from=\"kalem\">In context: {named}</note>")), "{title}");
    let png = image::open(root.join(named)).unwrap().to_rgb8();
    assert!(png.width() > 100 && png.height() > 40, "{}×{}", png.width(), png.height());
    let framed = png.pixels().filter(|p| p.0 == [226, 0, 116]).count();
    assert!(framed > 200, "the block is framed: {framed} px");
    let listed = unit(&xliff, "act.items#2");
    assert!(listed.contains("act.items--human-trafficking--inside-2.png") && listed.contains("act.items--outreach-flyer--back.png"), "{listed}");
    let (code, _, _) = run(root, &["translations", "export", "--lang", "ar", "--previews"]);
    assert_eq!(code, Some(2), "previews need --out");
}
