//! What a native reader notices (issue 14): names printed in the
//! edition's language, and headings without a lone short last line.

mod common;

/// The Arabic and Farsi poster prints the organisers and the venue with the
/// Turkish `Sınır` (a dotless ı an Arabic reader cannot read), and every
/// Arabic and Farsi handout footer and social image prints
/// `Sınır Belediyesi Sosyal Hizmetler Müdürlüğü`. `kalem.yaml` should give
/// the organisation (and any proper name a template prints) per language,
/// with the source language as a fallback only where a check warns.
#[test]
fn arabic_and_farsi_editions_print_no_turkish_name() {
    let dir = common::sample_copy();
    for lang in ["ar", "fa"] {
        let runs = common::doc_runs(dir.path(), "meeting-poster", lang);
        let turkish: Vec<_> = runs.iter().filter(|(_, t)| t.contains("Sınır") || t.contains("Belediyesi")).collect();
        assert!(turkish.is_empty(), "{lang}: {turkish:?}");
        let out = common::kalem(dir.path(), &["check", "--format", "json", "--lang", lang]);
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(!text.contains("\"organisation.name\""), "{lang}: {text}");
    }
    let project = kalem::model::load_project(dir.path(), &kalem::model::Selection::default()).expect("sample loads");
    let engine = kalem::pipeline::engine(&project).expect("engine");
    let handout = project.brochures.iter().find(|b| b.id == "training-handout").expect("handout");
    for lang in ["ar", "fa"] {
        let (data, _) = kalem::layout::flow::flow_document(&common::edition(&project, handout, lang), engine.fonts(), true);
        let footer: String = data.organisation.iter().map(|r| r.text.as_str()).collect();
        assert!(!footer.contains("Belediyesi"), "{lang} footer: {footer}");
    }
}

/// `با هم علیه قاچاق انسان` on the Farsi cover breaks as `با هم علیه قاچاق`
/// over a lone `انسان`. Headings (and callouts and the social call to
/// action) should be balanced: no last line shorter than a third of the one
/// before where another break exists.
#[test]
fn a_heading_does_not_end_on_a_lone_short_word() {
    let fa = "cover:\n  title: با هم علیه قاچاق انسان و بهره‌کشی از کودکان\n  body: متن\n";
    let project = common::TestProject::new("lower", &[("fa", fa)]);
    let doc = project.typeset("fa");
    let lines: Vec<Vec<String>> = doc.pages().iter().flat_map(|p| common::frame_lines(p)).filter(|l| !l.is_empty()).collect();
    let heading: Vec<usize> = lines.iter().take_while(|l| l.concat() != "متن").map(|l| l.concat().chars().count()).collect();
    assert!(heading.len() >= 2, "the test heading wraps: {lines:?}");
    for pair in heading.windows(2) {
        assert!(pair[1] * 3 >= pair[0], "last line {} of {} characters: {lines:?}", pair[1], pair[0]);
    }
}
