//! Errors that used to surface late, from typst's accessible-PDF export,
//! as `screen pdf export failed: pdf/ua-1 error: heading title is empty
//! [language tr]` with no file, line or key, while `kalem check` said all
//! was well. Each is now found where the text is read, with its file,
//! line, key and language; `check` and `build` say the same, exit 1, and
//! `output/` is left as it was.

mod common;

/// The only translation file of the test project.
const TR: &str = "translations/tr.yaml";

/// A one-language project: a tri-fold with a heading `cover.title`, a
/// paragraph `cover.body`, a list `cover.items` and a table `cover.rows`
/// under `cover.columns`, with `texts` as its Turkish translation file.
fn project(texts: &str) -> common::TestProject {
    let p = common::TestProject::new("upper", &[("tr", texts)]);
    let brochure = "title: cover.title\nformat: a4-trifold\nlanguages: [tr]\npanels:\n  inside-1:\n    blocks:\n      - heading: cover.title\n      - text: cover.body\n      - list: cover.items\n      - table: cover.rows\n        columns: cover.columns\n";
    std::fs::write(p.dir.path().join("brochures/test.yaml"), brochure).expect("brochure");
    p
}

/// Turkish texts that build, with `title` (YAML, as written after
/// `title:`) and `extra` lines appended inside `cover:`.
fn texts(title: &str, extra: &str) -> String {
    format!("cover:\n  title: {title}\n  body: Metin\n  items:\n    - Bir\n    - İki\n  columns: [Ad, Telefon]\n  rows:\n    - [YİMER, \"157\"]\n    - [Acil, \"112\"]\n{extra}")
}

#[test]
fn an_empty_or_null_title_is_named_with_its_key_and_line() {
    for (title, message) in [
        ("\"\"", "translation `cover.title` is empty in language tr"),
        ("''", "translation `cover.title` is empty in language tr"),
        ("\"   \"", "translation `cover.title` is empty in language tr"),
        ("~", "translation `cover.title` has no text"),
        ("null", "translation `cover.title` has no text"),
        ("", "translation `cover.title` has no text"),
        ("\"****\"", "translation `cover.title` is empty in language tr"),
        ("\"\\u200B\"", "translation `cover.title` is empty in language tr"),
        ("\"\\u00AD\"", "translation `cover.title` is empty in language tr"),
        ("\"\\u034F \\uFE0F\\U000E0020\"", "translation `cover.title` is empty in language tr"),
    ] {
        let p = project(&texts(title, ""));
        common::refused_by_check_and_build(p.dir.path(), &[], &[&format!("{TR}:2:"), message]);
    }
}

#[test]
fn invisible_characters_in_a_heading_are_named_where_they_stand() {
    for (title, character, column) in [
        ("\"Baş\\u0007lık\"", "U+0007", 14),
        ("\"\\uFEFFBaşlık\"", "U+FEFF ZERO WIDTH NO-BREAK SPACE", 11),
        ("\"Başlık\\e[31m\"", "U+001B", 10),
        ("\"Baş\\uFFFFlık\"", "U+FFFF", 14),
        ("\"Baş\\x85lık\"", "U+0085", 10),
    ] {
        let p = project(&texts(title, ""));
        let place = format!("{TR}:2:{column}");
        common::refused_by_check_and_build(p.dir.path(), &[], &[&place, &format!("invisible {character} character"), "[language tr]", "[key cover.title]"]);
    }
}

#[test]
fn empty_list_items_and_table_rows_are_named() {
    // A list item, at its own line; a table row with every cell empty (one
    // empty cell is how an empty cell is written, and builds).
    let item = texts("Başlık", "").replace("    - İki\n", "    - \"\"\n");
    let p = project(&item);
    common::refused_by_check_and_build(p.dir.path(), &[], &[&format!("{TR}:6:"), "translation `cover.items` is empty in language tr"]);
    let row = texts("Başlık", "").replace("    - [Acil, \"112\"]\n", "    - [\"\", \"\"]\n");
    let p = project(&row);
    common::refused_by_check_and_build(p.dir.path(), &[], &[&format!("{TR}:10:"), "translation `cover.rows` is empty in language tr"]);
    let cell = texts("Başlık", "").replace("    - [Acil, \"112\"]\n", "    - [Acil, \"\"]\n");
    let out = common::kalem(project(&cell).dir.path(), &["check"]);
    assert_eq!(out.status.code(), Some(0), "one empty cell: {}", common::stderr(&out));
}

#[test]
fn a_photo_background_without_alt_text_builds_an_accessible_pdf() {
    // The README's own example: a photo behind a panel, with an overlay.
    let p = project(&texts("Başlık", ""));
    let root = p.dir.path();
    let photo = image::RgbImage::from_fn(1300, 2700, |x, _| image::Rgb([40, (x / 6) as u8, 120]));
    photo.save(root.join("assets/street.jpg")).expect("photo");
    common::edit(root, "brochures/test.yaml", "  inside-1:\n", "  inside-1:\n    background:\n      image: assets/street.jpg\n      overlay: { color: primary, opacity: 0.7 }\n    color: paper\n");
    for command in ["check", "build"] {
        let out = common::kalem(root, &[command]);
        assert_eq!(out.status.code(), Some(0), "{command}: {}", common::stderr(&out));
    }
    // The screen PDF passed typst's PDF/UA-1 checks, which refuse an image
    // without alt text: the photo (and its overlay) are decoration.
    let screen = std::fs::read(root.join("output/test/tr/test-tr-screen.pdf")).expect("screen PDF");
    lopdf::Document::load_mem(&screen).expect("a PDF");
}

#[test]
fn a_photo_background_takes_alt_text_that_reaches_the_screen_pdf() {
    let p = project(&texts("Başlık", "  street: Bir sokakta yürüyen iki kişi\n"));
    let root = p.dir.path();
    image::RgbImage::from_fn(1300, 2700, |x, _| image::Rgb([40, (x / 6) as u8, 120])).save(root.join("assets/street.jpg")).expect("photo");
    common::edit(root, "brochures/test.yaml", "  inside-1:\n", "  inside-1:\n    background:\n      image: assets/street.jpg\n      alt: cover.stret\n");
    common::refused_by_check_and_build(root, &[], &["brochures/test.yaml:8:", "translation `cover.stret` is missing for language tr"]);
    std::fs::remove_dir_all(root.join("output")).expect("clean");
    common::edit(root, "brochures/test.yaml", "cover.stret", "cover.street");
    let out = common::kalem(root, &["build"]);
    assert_eq!(out.status.code(), Some(0), "{}", common::stderr(&out));
    let pdf = lopdf::Document::load(root.join("output/test/tr/test-tr-screen.pdf")).expect("screen PDF");
    let alts: Vec<String> = pdf.objects.values().filter_map(|o| o.as_dict().ok()?.get(b"Alt").ok()?.as_str().ok().map(|b| lopdf::decode_text_string(&lopdf::Object::String(b.to_vec(), lopdf::StringFormat::Literal)).unwrap_or_default())).collect();
    assert!(alts.iter().any(|a| a == "Bir sokakta yürüyen iki kişi"), "{alts:?}");
}

#[test]
fn a_social_post_photo_is_described_by_the_post_not_the_background() {
    let dir = common::sample_copy();
    let root = dir.path();
    image::RgbImage::from_fn(2000, 2000, |x, _| image::Rgb([40, (x / 8) as u8, 120])).save(root.join("assets/street.jpg")).expect("photo");
    let file = "brochures/human-trafficking.yaml";
    common::edit(root, file, "  - id: hotline-157\n", "  - id: hotline-157\n    background: { image: assets/street.jpg, overlay: { color: primary, opacity: 0.8 }, alt: cover.image_alt }\n");
    let text = std::fs::read_to_string(root.join(file)).expect("brochure");
    let old = text.match_indices("    background: primary\n").map(|(i, _)| i).find(|i| *i > text.find("hotline-157").expect("post")).expect("the post's colour");
    std::fs::write(root.join(file), format!("{}{}", &text[..old], &text[old + "    background: primary\n".len()..])).expect("brochure");
    let line = text[..text.find("alt: cover.image_alt }").expect("edit")].lines().count();
    common::refused_by_check_and_build(root, &["--brochure", "human-trafficking"], &[&format!("{file}:{line}:"), "a post's photo is described by the post's own `alt:`"]);
}
