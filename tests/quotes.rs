//! Quotation marks and apostrophes as each language prints them, read from
//! laid-out pages: Turkish “…” and ’ (`YİMER’e`, `157’ye`) from the
//! straight marks a translator types, Arabic and Farsi «…».

mod common;

use common::{TestProject, frame_lines};

/// The laid-out text of the test panel in `lang`, line after line.
fn laid_out(lang: &str, yaml: &str) -> String {
    let doc = TestProject::new("lower", &[(lang, yaml)]).typeset(lang);
    doc.pages().iter().flat_map(frame_lines).map(|l| l.concat()).collect::<Vec<_>>().join("\n")
}

#[test]
fn turkish_prints_curly_quotes_and_apostrophes_after_names_and_numbers() {
    let yaml = "cover:\n  title: Göç İdaresi'nin hattı\n  body: \"\\\"Yardım\\\" için YİMER'e, ALO 183'e ya da 157'ye ulaşın; 'acil' deyin.\"\n";
    let text = laid_out("tr", yaml);
    for want in ["idaresi’nin", "“Yardım”", "YİMER’e", "183’e", "157’ye", "‘acil’"] {
        assert!(text.contains(want), "no {want} in:\n{text}");
    }
    assert!(!text.contains(['\'', '"']), "straight marks in:\n{text}");
    // The number before the apostrophe is still the hotline, dialled on screens.
    let (data, _) = TestProject::new("lower", &[("tr", yaml)]).data("tr");
    let runs = serde_json::to_string(&data).unwrap();
    assert!(runs.contains(r#"{"text":"157","kind":"phone","strong":false,"link":"tel:157""#), "{runs}");
}

#[test]
fn arabic_and_farsi_keep_their_guillemets() {
    for (lang, body) in [("ar", "قل \\\"نعم\\\" واتصل بالرقم 157."), ("fa", "بگویید \\\"بله\\\" و با 157 تماس بگیرید.")] {
        let text = laid_out(lang, &format!("cover:\n  title: عنوان\n  body: \"{body}\"\n"));
        assert!(text.contains('«') && text.contains('»') && !text.contains(['"', '“', '”']), "{lang}:\n{text}");
    }
}
