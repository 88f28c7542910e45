//! Variants: a brochure made once per row of a data table. Each variant's
//! files land in its own folder and print its own row's values; a wrong
//! cell is an error naming the table's file, line and column.

mod common;

use std::path::Path;

use common::{copy_dir, kalem, logical_text, messages, stderr};
use kalem::diag::Diagnostic;
use kalem::model::{BlockKind, Selection, load_project, placeholders};

/// The header of `examples/programme/data/provinces.csv`.
const HEADER: &str = "id,office.title,office.title.ar,office.title.fa,office.name,office.name.ar,office.name.fa,contacts.office.number,office.description,office.description.ar,office.description.fa,office.address,office.address.ar,office.address.fa";

/// A row of that table for a province, with its number and address cells.
fn row(id: &str, name: &str, name_ar: &str, number: &str, address_ar: &str) -> String {
    format!("{id},Başvuru,للتقديم,برای مراجعه,{name},{name_ar},ادارهٔ مهاجرت,{number},Numara doğrulanacak,الرقم قيد التحقق,شماره در دست بررسی,Adres: [doğrulanacak],{address_ar},نشانی: [در دست بررسی]")
}

/// A copy of the programme example whose province table is `table`.
fn programme(table: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/programme");
    for entry in std::fs::read_dir(&example).expect("example") {
        let entry = entry.expect("entry");
        let name = entry.file_name();
        if name == "output" {
            continue;
        }
        if entry.file_type().expect("type").is_dir() {
            copy_dir(&entry.path(), &dir.path().join(&name));
        } else {
            std::fs::copy(entry.path(), dir.path().join(&name)).expect("copy");
        }
    }
    std::fs::write(dir.path().join("data/provinces.csv"), table).expect("table");
    dir
}

/// The problems loading the project finds.
fn load_errors(dir: &Path) -> Vec<Diagnostic> {
    match load_project(dir, &Selection::default()) {
        Ok(_) => panic!("the project loaded"),
        Err(ds) => ds,
    }
}

/// The first problem whose message contains `text`, as `place: message`.
fn found(ds: &[Diagnostic], text: &str) -> String {
    let d = ds.iter().find(|d| d.message.contains(text)).unwrap_or_else(|| panic!("no problem with {text:?} in:\n{}", messages(ds)));
    format!("{}: {}", d.location.as_ref().map(ToString::to_string).unwrap_or_default(), d.message)
}

#[test]
fn each_variant_is_built_into_its_own_folder_with_its_own_values() {
    let table = [HEADER.to_string(), row("ankara", "Ankara İl Göç İdaresi Müdürlüğü", "مديرية الهجرة في أنقرة", "0312 000 00 00", "العنوان: [قيد التحقق]"), row("van", "Van İl Göç İdaresi Müdürlüğü", "مديرية الهجرة في وان", "0432 000 00 00", "العنوان: [قيد التحقق]")].join("\n");
    let dir = programme(&table);
    let out = kalem(dir.path(), &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    for (id, name, name_ar, number, other) in [("ankara", "Ankara İl Göç", "أنقرة", "0312 000 00 00", "0432"), ("van", "Van İl Göç", "وان", "0432 000 00 00", "0312")] {
        for lang in ["tr", "ar", "fa"] {
            for kind in ["print", "screen"] {
                let file = dir.path().join(format!("output/outreach-flyer/{id}/{lang}/outreach-flyer-{id}-{lang}-{kind}.pdf"));
                assert!(file.is_file(), "{} is missing", file.display());
            }
            let screen = dir.path().join(format!("output/outreach-flyer/{id}/{lang}/outreach-flyer-{id}-{lang}-screen.pdf"));
            let text = logical_text(&lopdf::Document::load(&screen).expect("pdf"));
            assert!(text.contains(number), "{id} {lang} does not print its number {number}:\n{text}");
            assert!(!text.contains(other), "{id} {lang} prints the other province's number {other}:\n{text}");
            match lang {
                "tr" => assert!(text.contains(name), "{id} tr does not print {name}:\n{text}"),
                "ar" => assert!(text.contains(name_ar), "{id} ar does not print {name_ar}:\n{text}"),
                _ => {}
            }
        }
        assert!(dir.path().join(format!("output/outreach-flyer/{id}/contact-sheet.png")).is_file(), "{id} has no contact sheet");
        // Each office signs its own proof: its numbers and its contact
        // sheet, laid out on their own so that memory does not grow with
        // the variants.
        let proof = logical_text(&lopdf::Document::load(dir.path().join(format!("output/proofs/{id}.pdf"))).expect("variant proof"));
        assert!(proof.contains(&format!("variant {id}")) && proof.contains(number), "{id}'s proof does not show {number}:\n{proof}");
        // The other row's findings are the other office's to fix.
        let other_row = if id == "ankara" { "provinces . csv :3:" } else { "provinces . csv :2:" };
        assert!(!proof.contains(other_row), "{id}'s proof shows the other row's finding ({other}):\n{proof}");
    }
    // The website has a page per office with its own files and number,
    // and no certificate: those carry participants' names.
    for (id, number) in [("ankara", "0312 000 00 00"), ("van", "0432 000 00 00")] {
        let page = std::fs::read_to_string(dir.path().join(format!("output/site/tr/outreach-flyer-{id}.html"))).unwrap_or_else(|e| panic!("{id}'s page: {e}"));
        assert!(page.contains(&format!("files/outreach-flyer/{id}/tr/outreach-flyer-{id}-tr-print.pdf")), "{id}'s page offers its PDF:\n{page}");
        assert!(page.contains(number), "{id}'s page shows {number}");
    }
    let site: Vec<String> = common::files_below(&dir.path().join("output/site")).iter().map(|p| p.display().to_string()).collect();
    assert!(!site.iter().any(|p| p.contains("certificate")), "{site:?}");
    for page in site.iter().filter(|p| p.ends_with(".html")) {
        let text = std::fs::read_to_string(dir.path().join("output/site").join(page)).expect("page");
        assert!(!text.contains("Ayşe Örnek") && !text.contains("أحمد المثال"), "{page} shows a participant's name");
    }
    let proof = logical_text(&lopdf::Document::load(dir.path().join("output/proof.pdf")).expect("proof"));
    assert!(proof.contains("output/proofs/ankara") && proof.contains("output/proofs/van"), "the project's proof lists the variants' proofs:\n{proof}");
    assert!(!dir.path().join("output/outreach-flyer/tr").exists(), "a brochure with variants is not built without one");
}

#[test]
fn a_bad_number_a_bidi_control_and_a_bad_id_name_their_cell() {
    let table = [
        HEADER.to_string(),
        row("ankara", "Ankara", "أنقرة", "0312 ABC 00 00", "العنوان"),
        row("van", "Van", "وان", "0432 000 00 00", "العنوان \u{202E}751"),
        row("Hatay_1", "Hatay", "هاتاي", "0326 000 00 00", "العنوان"),
        row("van", "Van", "وان", "0432 000 00 00", "العنوان"),
    ]
    .join("\n");
    let dir = programme(&table);
    let bidi = load_errors(dir.path());
    assert_eq!(found(&bidi, "bidi control"), "data/provinces.csv:3:13: column `office.address.ar` holds an invisible bidi control, U+202E RIGHT-TO-LEFT OVERRIDE");
    std::fs::write(dir.path().join("data/provinces.csv"), table.replace('\u{202E}', "")).expect("table");
    let ds = load_errors(dir.path());
    assert_eq!(found(&ds, "cannot be dialled"), "data/provinces.csv:2:8: variant `ankara`: `0312 ABC 00 00` cannot be dialled: `A` is not a digit, an ordinary space or a hyphen");
    assert_eq!(ds.iter().find(|d| d.message.contains("dialled")).and_then(|d| d.key.clone()).as_deref(), Some("contacts.office.number"));
    assert_eq!(found(&ds, "variant id"), "data/provinces.csv:4:1: `Hatay_1` cannot be a variant id");
    assert_eq!(found(&ds, "given twice"), "data/provinces.csv:5:1: variant `van` is given twice");
}

#[test]
fn a_missing_column_and_an_empty_cell_are_named() {
    // Without `office.address` and `office.address.fa`, nothing gives the
    // Turkish and Farsi editions their address.
    let keep = |line: &str| -> String {
        let cells: Vec<&str> = line.split(',').collect();
        let (n, fa) = (cells.len(), cells.len() - 1);
        cells.iter().enumerate().filter(|(i, _)| *i != fa && *i != n - 3).map(|(_, c)| *c).collect::<Vec<_>>().join(",")
    };
    let without_fa: Vec<String> = [HEADER.to_string(), row("van", "Van", "وان", "0432 000 00 00", "العنوان")].iter().map(|l| keep(l)).collect();
    assert!(without_fa[0].ends_with("office.description.fa,office.address.ar"), "{}", without_fa[0]);
    let dir = programme(&without_fa.join("\n"));
    let ds = load_errors(dir.path());
    assert_eq!(
        found(&ds, "or `office.address.fa`"),
        "data/provinces.csv:1: the brochure prints `office.address`, but the variant table has no column `office.address` or `office.address.fa` and translations/fa.yaml has no text for it"
    );
    assert_eq!(ds.iter().find(|d| d.message.contains("or `office.address.fa`")).and_then(|d| d.lang.clone()).as_deref(), Some("fa"));

    std::fs::write(dir.path().join("data/provinces.csv"), [HEADER.to_string(), row("van", "", "", "0432 000 00 00", "العنوان")].join("\n")).expect("table");
    let ds = load_errors(dir.path());
    assert_eq!(found(&ds, "no tr text"), "data/provinces.csv:2:5: variant `van` has no tr text for `office.name`");
    assert_eq!(found(&ds, "no ar text"), "data/provinces.csv:2:6: variant `van` has no ar text for `office.name`");

    std::fs::write(dir.path().join("data/provinces.csv"), "province,office.name\nvan,Van\n").expect("table");
    let ds = load_errors(dir.path());
    assert_eq!(found(&ds, "no `id` column"), "data/provinces.csv:1: the variant table has no `id` column");
}

#[test]
fn a_variants_texts_numbers_and_qr_code_are_checked_where_they_are_written() {
    let table = [HEADER.to_string() + ",qr,event.date", row("van", "Van", "وان", "0432 000 00 00", "راسلونا: info@example.org") + ",https://www.goc.gov.tr,"].join("\n");
    let dir = programme(&table);
    let project = load_project(dir.path(), &Selection::default()).unwrap_or_else(|ds| panic!("{}", messages(&ds)));
    let van = project.brochures.iter().find(|b| b.variant_id() == Some("van")).expect("variant van");
    assert_eq!(van.key(), "outreach-flyer/van");
    let qr: Vec<&str> = van.blocks().filter_map(|b| if let BlockKind::Qr { payload, .. } = &b.kind { Some(payload.text.as_str()) } else { None }).collect();
    assert_eq!(qr, ["https://www.goc.gov.tr"], "the row's QR code replaces the brochure's");
    let marked: Vec<String> = placeholders::check(&project).iter().filter(|d| d.location.as_ref().is_some_and(|l| l.file.ends_with("provinces.csv"))).map(|d| format!("{} {} {}", d.location.as_ref().unwrap(), d.key.as_deref().unwrap_or(""), d.message)).collect();
    assert!(marked.contains(&"data/provinces.csv:2:13 office.address placeholder `example.org`: a domain reserved for examples".to_string()), "{marked:#?}");
    assert!(marked.contains(&"data/provinces.csv:2:8 contacts.office.number placeholder `0432 000 00 00`: a made-up sample phone number".to_string()), "{marked:#?}");

    std::fs::write(dir.path().join("data/provinces.csv"), [HEADER.to_string() + ",qr", row("van", "Van", "وان", "0432 000 00 00", "العنوان") + ",www.goc.gov.tr"].join("\n")).expect("table");
    let ds = load_errors(dir.path());
    assert_eq!(found(&ds, "QR code"), "data/provinces.csv:2:15: variant `van`: QR code `www.goc.gov.tr` is neither a web address, a number to dial nor a contact");
}

#[test]
fn variant_tables_live_in_data_which_the_release_manifest_hashes() {
    let dir = programme(&[HEADER.to_string(), row("van", "Van", "وان", "0432 000 00 00", "العنوان")].join("\n"));
    let manifest = kalem::export::manifest::Manifest::new(dir.path(), &[], "2026-03-12".into(), "test".into(), Vec::new()).expect("manifest");
    let inputs: Vec<&str> = manifest.inputs.iter().map(|i| i.path.as_str()).collect();
    assert!(inputs.contains(&"data/provinces.csv"), "the variant table is no input of the release: {inputs:?}");

    std::fs::create_dir_all(dir.path().join("tables")).expect("folder");
    std::fs::rename(dir.path().join("data/provinces.csv"), dir.path().join("tables/provinces.csv")).expect("move");
    common::edit(dir.path(), "brochures/outreach-flyer.yaml", "variants: data/provinces.csv", "variants: tables/provinces.csv");
    let ds = load_errors(dir.path());
    assert_eq!(found(&ds, "data/ folder"), "brochures/outreach-flyer.yaml:8:11: variant table `tables/provinces.csv` is not in the project's data/ folder");
}

#[test]
fn a_table_of_more_than_a_thousand_variants_is_refused_before_any_is_made() {
    let rows: Vec<String> = (0..1001).map(|i| row(&format!("v{i}"), "Van", "وان", "0432 000 00 00", "العنوان")).collect();
    let dir = programme(&[HEADER.to_string()].into_iter().chain(rows).collect::<Vec<_>>().join("\n"));
    let ds = load_errors(dir.path());
    assert_eq!(found(&ds, "at most"), "data/provinces.csv: the variant table has 1001 rows; kalem makes at most 1000 variants of a brochure");
}
