//! Where lines break, read from laid-out pages: words that belong together
//! share a line, and no string ends with a word alone on its last line.

mod common;

use common::{TestProject, frame_lines};

/// Whether `c` is a letter of the Arabic script (its digits read left to
/// right).
fn arabic(c: char) -> bool {
    ('\u{600}'..='\u{6FF}').contains(&c) && c.is_alphabetic()
}

/// How often `token` stands in a laid-out line (glyphs left to right). A
/// token in Arabic script is read right to left, so it is looked for in
/// the glyphs taken from the right.
fn count(line: &[String], token: &str) -> usize {
    let text: String = if token.chars().any(arabic) { line.iter().rev().map(String::as_str).collect() } else { line.concat() };
    text.replace('\u{A0}', " ").matches(token).count()
}

/// A paragraph that says `sentence` after 0, 1, 2, … filler words, so that
/// the ends of its lines fall at every place of the sentence.
fn paragraph(filler: &str, sentence: &str) -> String {
    (0..14).map(|n| format!("{}{sentence}", format!("{filler} ").repeat(n))).collect::<Vec<_>>().join(" ")
}

/// The lines of the pages (the test panel's) of `yaml` in `lang`, as glyphs.
fn lines(lang: &str, yaml: &str) -> Vec<Vec<String>> {
    let project = TestProject::new("lower", &[(lang, yaml)]);
    let doc = project.typeset(lang);
    doc.pages().iter().flat_map(frame_lines).collect()
}

/// Each pair of tokens stands the same number of times in every line: no
/// line ends between them.
fn apart(lang: &str, filler: &str, sentence: &str, pairs: &[(&str, &str)]) -> Vec<String> {
    // Keep the translation's own no-break spaces: YAML writes one as `\_`.
    let yaml = format!("cover:\n  title: Başlık\n  body: \"{}\"\n", paragraph(filler, sentence).replace('\u{A0}', "\\_"));
    let lines = lines(lang, &yaml);
    assert!(lines.len() > 12, "{lang}: the paragraph breaks often ({} lines)", lines.len());
    let mut split = Vec::new();
    for line in &lines {
        for (a, b) in pairs {
            if count(line, a) != count(line, b) {
                split.push(format!("{lang}: «{a}» and «{b}» on different lines: {}", line.concat()));
            }
        }
    }
    split
}

#[test]
fn names_and_their_numbers_counts_and_their_words_and_marked_phrases_share_a_line() {
    let mut split = apart(
        "tr",
        "kelime",
        "YİMER 157, ALO 183; 9 gün 48 saat, 7/24.",
        &[("YİMER", "157"), ("ALO", "183"), ("9", "gün"), ("48", "saat"), ("7/", "/24")],
    );
    // `على مدار الساعة` as a translator marks it, with no-break spaces.
    split.extend(apart(
        "ar",
        "كلمة",
        "اتصل بالرقم 157 أو بخط ALO 183 على\u{A0}مدار\u{A0}الساعة.",
        &[("بالرقم", "157"), ("ALO", "183"), ("بخط", "183"), ("على", "الساعة"), ("مدار", "الساعة")],
    ));
    split.extend(apart("fa", "کلمه", "به شمارهٔ 157 زنگ بزنید، ۲۴ ساعت.", &[("شمارهٔ", "157"), ("۲۴", "ساعت")]));
    assert!(split.is_empty(), "{}", split.join("\n"));
}

/// Every laid-out line of the sample outputs of `lang`: the pages of each
/// brochure and each slide of each social post.
fn sample_lines(project: &kalem::model::Project, engine: &kalem::layout::world::Engine, lang: &str) -> Vec<(String, Vec<String>)> {
    let mut out = Vec::new();
    for brochure in project.brochures.iter().filter(|b| b.languages.iter().any(|l| l == lang)) {
        let edition = common::edition(project, brochure, lang);
        let set = kalem::layout::typeset_edition(engine, &edition).unwrap_or_else(|ds| panic!("{}", common::messages(&ds)));
        out.extend(set.doc.pages().iter().flat_map(frame_lines).map(|l| (brochure.id.clone(), l)));
        for post in &brochure.social {
            for preset in &post.presets {
                let (data, _) = kalem::layout::social::post_data(&edition, engine, post, preset);
                let doc = kalem::layout::social::typeset_post(engine, &data).unwrap_or_else(|ds| panic!("{}", common::messages(&ds)));
                let name = format!("{} {} {}", brochure.id, post.id, preset.name);
                out.extend(doc.pages().iter().flat_map(frame_lines).map(|l| (name.clone(), l)));
            }
        }
    }
    out
}

#[test]
fn no_heading_paragraph_item_or_caption_ends_with_a_word_alone_on_its_line() {
    let (project, engine) = common::load_with_engine(&common::repo());
    let mut alone = Vec::new();
    for lang in ["tr", "ar", "fa"] {
        let table = &project.translations[lang];
        // Table cells are left out: their last word is not tied (a cell is
        // narrow, and PDF readers join its lines with its neighbours'), and
        // so is a string that ends as a cell does.
        let is_cell = |e: &&kalem::model::translations::Entry| matches!(e, kalem::model::translations::Entry::Rows(_));
        let texts = |cells: bool| -> Vec<&str> {
            table.entries.values().filter(|e| is_cell(e) == cells).flat_map(|e| e.all_texts()).map(|t| t.text.as_str()).collect()
        };
        let (strings, cells) = (texts(false), texts(true));
        // The two last words of strings of three words or more.
        let words = |s: &str| s.split_whitespace().map(str::to_lowercase).collect::<Vec<_>>();
        let pairs = |strings: &[&str]| -> Vec<(String, String)> {
            strings.iter().map(|s| words(s)).filter(|w| w.len() >= 3).map(|w| (w[w.len() - 2].clone(), w[w.len() - 1].clone())).collect()
        };
        let cell_ends = pairs(&cells);
        let ends: Vec<(String, String)> = pairs(&strings).into_iter().filter(|p| !cell_ends.contains(p)).collect();
        let mut before = String::new();
        for (place, line) in sample_lines(&project, &engine, lang) {
            let glyphs: Vec<&str> = line.iter().map(String::as_str).filter(|g| !matches!(*g, "•" | "☐")).collect();
            // The line in reading order: glyphs from the right in Arabic and
            // Farsi (enough for words of their script).
            let text: String = if lang == "tr" { glyphs.concat() } else { glyphs.iter().rev().copied().collect() };
            let text = text.replace('\u{A0}', " ").to_lowercase();
            let word = text.trim();
            // A word alone whose string's word before it ends the line above.
            if !word.contains(' ') && ends.iter().any(|(b, w)| w == word && before.ends_with(b.as_str())) {
                alone.push(format!("{lang} {place}: «{word}» alone after «{before}»"));
            }
            before = word.to_string();
        }
    }
    assert!(alone.is_empty(), "lines with the last word of a string alone:\n{}", alone.join("\n"));
}
