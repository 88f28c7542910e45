//! Where a PDF reader does not give kalem's Arabic or Farsi back exactly,
//! it does not give Chromium's PDF of the same text back either (issue
//! 16): each line below, set by kalem in a one-page A4 document and by
//! Chromium 148 (`tests/extract/minimal/chromium.html`, printed to
//! `chromium.pdf` with the same fonts), read by poppler, MuPDF and pdf.js.
//! What each reader gives is in `tests/extract/README.md`.

mod common;

use common::extract::{EXTRACTORS, Extractor, exact_form, letters_form, read_as};
use kalem::model::{Selection, load_project};
use kalem::pipeline;

/// One line per reader behaviour: a mark over the final alef and
/// lam-alef; an Arabic comma; digits; a Latin name; a closing full stop;
/// a time range; a Latin name in brackets.
const LINES: [(&str, [&str; 7]); 2] = [
    ("ar", ["فوراً لا", "جريمة، الضحايا", "اتصل بالرقم 157 الآن", "خط ALO 183", "الدعم مجاني.", "14:00–16:30", "منظمة العمل الدولية (ILO)"]),
    ("fa", ["اطلاعات می‌کند", "جرم است، قربانیان", "با 157 تماس بگیرید", "خط ALO 183", "حمایت رایگان است.", "۱۴:۰۰–۱۶:۳۰", "سازمان بین‌المللی کار (ILO)"]),
];

/// The sample project with one document of the lines in each language
/// instead of its brochures.
fn minimal_project() -> tempfile::TempDir {
    let blocks: String = (1..=LINES[0].1.len()).map(|n| format!("  - text: m.l{n}\n")).collect();
    let brochure = format!("title: m.title\nformat: a4\nlanguages: [ar, fa]\ncontent:\n{blocks}");
    let tr = ["Hemen ara", "Suç, mağdurlar", "157'yi şimdi ara", "ALO 183 hattı", "Destek ücretsizdir.", "14:00–16:30", "Uluslararası Çalışma Örgütü (ILO)"];
    let texts: Vec<(&str, String)> = [("tr", tr)]
        .into_iter()
        .chain(LINES)
        .map(|(lang, lines)| {
            let keys: String = lines.iter().enumerate().map(|(i, l)| format!("  l{}: \"{l}\"\n", i + 1)).collect();
            (lang, format!("m:\n  title: \"{}\"\n{keys}", lines[0]))
        })
        .collect();
    common::sample_with(&brochure, &texts)
}

/// Whether `line` comes back exactly from `text`, and what came back.
fn read(text: &str, line: &str) -> (bool, String) {
    let exact = exact_form(text).contains(&exact_form(line));
    let got = if exact { "exact".to_string() } else { read_as(&exact_form(text), &letters_form(line)).unwrap_or_else(|| "(letters out of order)".into()) };
    (exact, got)
}

#[test]
fn readers_miss_no_line_of_kalem_that_they_get_from_chromium() {
    let minimal = common::repo().join("tests/extract/minimal");
    let html = std::fs::read_to_string(minimal.join("chromium.html")).expect("chromium.html");
    for line in LINES.iter().flat_map(|(_, lines)| lines) {
        assert!(html.contains(line), "chromium.html lacks {line:?}: print it to chromium.pdf again");
    }
    let chromium = minimal.join("chromium.pdf");
    let readers: Vec<Extractor> = EXTRACTORS.into_iter().filter(|e| e.available(&chromium)).collect();

    let project_dir = minimal_project();
    let project = load_project(project_dir.path(), &Selection::default()).unwrap_or_else(|d| panic!("{d:#?}"));
    let engine = pipeline::engine(&project).expect("fonts load");
    let setup = pipeline::print_setup(&project).expect("profile");
    let mut table = String::from("reader | line | kalem | chromium\n");
    let mut worse = Vec::new();
    for (lang, lines) in LINES {
        let edition = common::edition(&project, &project.brochures[0], lang);
        let (rendered, found) = pipeline::render_edition(&engine, &setup, &edition, pipeline::Status::Release);
        let pdf = project_dir.path().join(format!("kalem-{lang}.pdf"));
        std::fs::write(&pdf, rendered.unwrap_or_else(|| panic!("{found:#?}")).screen).expect("write pdf");
        for ex in &readers {
            let (ours, theirs) = (ex.text(&pdf).expect("reads kalem"), ex.text(&chromium).expect("reads chromium"));
            for line in lines {
                let ((k, got), (c, their)) = (read(&ours, line), read(&theirs, line));
                table += &format!("{} | {line} | {got} | {their}\n", ex.name());
                if c && !k {
                    worse.push(format!("{} {lang}: {line:?}", ex.name()));
                }
            }
        }
    }
    eprintln!("{table}");
    assert!(worse.is_empty(), "readers get these lines from Chromium's PDF but not from kalem's:\n{}\n{table}", worse.join("\n"));
}
