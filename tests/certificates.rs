//! Certificates: one per participant of `data/participants.csv`, whose
//! name is set in its own script and direction whatever the edition's
//! language: an Arabic name in a Turkish certificate runs right to left,
//! joined, in an Arabic font; a Latin name in an Arabic one left to right.

mod common;

use std::path::{Path, PathBuf};

use common::{copy_dir, load_with_engine, messages};
use kalem::layout::walk::walk;
use kalem::layout::world::Engine;
use kalem::model::{Edition, Project};
use typst::layout::{FrameItem, Point, Transform};

fn programme() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/programme")
}

/// One glyph as laid out: its font's family, x in pt, the text it draws,
/// its glyph id and the id the font's character map gives that text alone.
#[derive(Debug)]
struct Placed {
    family: String,
    x: f64,
    text: String,
    id: u16,
    isolated: Option<u16>,
}

/// The glyphs of the certificate of `participant` in `lang`.
fn certificate(project: &Project, engine: &Engine, participant: &str, lang: &str) -> Vec<Placed> {
    let brochure = project.brochures.iter().find(|b| b.id == "training-certificate" && b.variant_id() == Some(participant)).unwrap_or_else(|| panic!("no certificate for {participant}"));
    let edition = Edition::new(project, brochure, lang).expect("edition");
    let set = kalem::pipeline::typeset_edition(engine, &edition).unwrap_or_else(|ds| panic!("{}", messages(&ds)));
    let mut out = Vec::new();
    walk(&set.doc.pages()[0].frame, Transform::identity(), &mut |ts, item| {
        if let FrameItem::Text(t) = item {
            let mut x = typst::layout::Abs::zero();
            for g in &t.glyphs {
                let at = Point::new(x + g.x_offset.at(t.size), typst::layout::Abs::zero()).transform(ts);
                let text = t.text[g.range()].to_string();
                let isolated = text.chars().next().filter(|_| text.chars().count() == 1).and_then(|c| t.font.ttf().glyph_index(c)).map(|g| g.0);
                out.push(Placed { family: t.font.info().family.clone(), x: at.x.to_pt(), text, id: g.id, isolated });
                x += g.x_advance.at(t.size);
            }
        }
    });
    out
}

/// The glyph drawing `letter` within the name `name` (its glyphs follow
/// one another in the frame, spaces left out, in the order typst set
/// them).
fn letter<'a>(glyphs: &'a [Placed], name: &str, letter: &str) -> &'a Placed {
    let letters: Vec<&str> = name.split("").filter(|s| !s.is_empty()).collect();
    let glyphs: Vec<&Placed> = glyphs.iter().filter(|g| !g.text.trim().is_empty()).collect();
    let start = glyphs
        .windows(letters.len())
        .position(|w| {
            let mut seen: Vec<&str> = w.iter().map(|g| g.text.as_str()).collect();
            let mut want = letters.clone();
            seen.sort_unstable();
            want.sort_unstable();
            seen == want
        })
        .unwrap_or_else(|| panic!("no run of the letters of {name} in {:?}", glyphs.iter().map(|g| g.text.as_str()).collect::<String>()));
    glyphs[start..start + letters.len()].iter().find(|g| g.text == letter).expect("letter")
}

#[test]
fn an_arabic_name_in_a_turkish_certificate_runs_right_to_left_joined_in_an_arabic_font() {
    let (project, engine) = load_with_engine(&programme());
    for lang in ["tr", "ar", "fa"] {
        let glyphs = certificate(&project, &engine, "ahmad-al-mithal", lang);
        let name = "أحمدالمثال";
        let (first, last) = (letter(&glyphs, name, "أ"), letter(&glyphs, name, "ل"));
        assert!(first.x > last.x, "{lang}: the name's first letter is left of its last: {first:?} {last:?}");
        let ha = letter(&glyphs, name, "ح");
        assert!(ha.family.contains("Arabic") || ha.family.contains("Vazirmatn"), "{lang}: ح is set in {}", ha.family);
        assert_ne!(Some(ha.id), ha.isolated, "{lang}: ح in أحمد is not joined to its neighbours (isolated form)");
    }
}

#[test]
fn a_latin_name_in_arabic_and_farsi_certificates_runs_left_to_right() {
    let (project, engine) = load_with_engine(&programme());
    for lang in ["ar", "fa", "tr"] {
        let glyphs = certificate(&project, &engine, "ayse-ornek", lang);
        let name = "AyşeÖrnek";
        let (a, k) = (letter(&glyphs, name, "A"), letter(&glyphs, name, "k"));
        assert!(a.x < k.x, "{lang}: `Ayşe Örnek` is not left to right: {a:?} {k:?}");
        assert_eq!(letter(&glyphs, name, "ş").family, "Noto Sans", "{lang}");
    }
    let glyphs = certificate(&project, &engine, "sara-nemune", "tr");
    let (s, h) = (letter(&glyphs, "سارانمونه", "س"), letter(&glyphs, "سارانمونه", "ه"));
    assert!(s.x > h.x, "a Farsi name in the Turkish certificate is not right to left: {s:?} {h:?}");
}

#[test]
fn a_name_no_font_of_the_project_sets_is_an_error_at_its_cell() {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_dir(&programme(), dir.path());
    let _ = std::fs::remove_dir_all(dir.path().join("output"));
    std::fs::write(dir.path().join("data/participants.csv"), "id,participant.name\nsara,Sara Örnek\nshira,שירה דוגמה\n").expect("table");
    let (project, engine) = load_with_engine(dir.path());
    let brochure = project.brochures.iter().find(|b| b.variant_id() == Some("shira")).expect("variant");
    let edition = Edition::new(&project, brochure, "tr").expect("edition");
    let errors = match kalem::pipeline::typeset_edition(&engine, &edition) {
        Ok(_) => panic!("a Hebrew name was set without a Hebrew font"),
        Err(ds) => ds,
    };
    let error = errors.iter().find(|d| d.is_error()).unwrap_or_else(|| panic!("{}", messages(&errors)));
    assert_eq!(error.location.as_ref().map(ToString::to_string).as_deref(), Some("data/participants.csv:3:2"), "{}", messages(&errors));
    assert_eq!(error.key.as_deref(), Some("participant.name"));
}
