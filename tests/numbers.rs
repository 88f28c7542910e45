//! Every number printed is the number dialled: phone numbers however they
//! are spaced, with zero-width characters pasted in, in every digit style,
//! and next to left-to-right names, read in the order they are dialled, and
//! the screen PDF's `tel:` links dial the digits printed.

mod common;

use common::{TestProject, edition, frame_lines};
use kalem::layout::geometry::Rect;
use kalem::layout::screen::for_screen;
use kalem::layout::walk::{bounds, walk};
use kalem::pipeline::{self, typeset_edition};
use kalem::prepare::link::ascii_digit;
use typst::layout::{Abs, FrameItem, Point, Transform};
use unicode_bidi::{BidiClass, BidiInfo, Level, bidi_class};

/// A sentence of the test, in its language, and the phone numbers in it
/// that have more than one digit group, as dialled.
struct Case {
    lang: &'static str,
    text: &'static str,
    numbers: &'static [&'static str],
}

const CASES: &[Case] = &[
    // No-break spaces, as Word and translators write them.
    Case { lang: "ar", text: "اتصلوا بالرقم +90\u{A0}312\u{A0}123\u{A0}45\u{A0}67 في أي وقت", numbers: &["+90 312 123 45 67"] },
    Case { lang: "fa", text: "با شمارهٔ +90\u{A0}312\u{A0}123\u{A0}45\u{A0}67 تماس بگیرید", numbers: &["+90 312 123 45 67"] },
    // Narrow no-break and thin spaces, non-breaking hyphens.
    Case { lang: "ar", text: "اتصلوا بالرقم +90\u{202F}312\u{2009}123\u{2011}45\u{2011}67 مجاناً", numbers: &["+90 312 123 45 67"] },
    // A zero-width space pasted inside the number.
    Case { lang: "ar", text: "اتصلوا بالرقم +90 \u{200B}312 123 45 67 في أي وقت", numbers: &["+90 312 123 45 67"] },
    Case { lang: "fa", text: "با شمارهٔ +90\u{200B} 312 123 45 67 تماس بگیرید", numbers: &["+90 312 123 45 67"] },
    // Arabic-Indic and Persian digits.
    Case { lang: "ar", text: "اتصلوا بالرقم +٩٠ ٣١٢ ١٢٣ ٤٥ ٦٧ في أي وقت", numbers: &["+٩٠ ٣١٢ ١٢٣ ٤٥ ٦٧"] },
    Case { lang: "fa", text: "با شمارهٔ +۹۰ ۳۱۲ ۱۲۳ ۴۵ ۶۷ تماس بگیرید", numbers: &["+۹۰ ۳۱۲ ۱۲۳ ۴۵ ۶۷"] },
    // Left-to-right names next to their numbers.
    Case { lang: "ar", text: "اتصلوا بخط YİMER 157 مجاناً", numbers: &[] },
    Case { lang: "fa", text: "با خط YİMER 157 تماس بگیرید", numbers: &[] },
    Case { lang: "ar", text: "أو بخط ALO 183 للأطفال", numbers: &[] },
    Case { lang: "fa", text: "اداره Göç İdaresi 157 را بشناسید", numbers: &[] },
    Case { lang: "ar", text: "اتصلوا بخط YİMER: 157 أو +90 312 123 45 67", numbers: &["+90 312 123 45 67"] },
    // A number before a name takes the paragraph's direction.
    Case { lang: "ar", text: "الرقم 157 YİMER مجاني", numbers: &[] },
];

/// The project of one case: the sentence as the paragraph of a panel.
fn project(case: &Case) -> TestProject {
    let yaml = format!("cover:\n  title: \"{}\"\n  body: \"{}\"\n", if case.lang == "ar" { "أرقام" } else { "شماره‌ها" }, case.text);
    TestProject::new("upper", &[(case.lang, &yaml)])
}

/// The left-to-right characters of a visual line (letters of
/// left-to-right scripts, digits of every script and `+`), left to right.
fn ltr_chars(visual: &str) -> String {
    visual.chars().filter(|&c| c == '+' || c.is_numeric() || bidi_class(c) == BidiClass::L).collect()
}

/// What the Unicode bidi algorithm (the `unicode-bidi` crate) shows for the
/// sentence in a right-to-left paragraph, with its number of several digit
/// groups standing as one number, as dialled.
fn reference(case: &Case) -> String {
    let clean: String = case.text.chars().filter(|c| !kalem::load::invisible::is_zero_width(*c)).collect();
    let mut text = clean.replace(['\u{A0}', '\u{202F}', '\u{2009}', '\u{2011}'], " ");
    // One digit of the number's own script, found nowhere else in the
    // sentence, stands for it.
    let stand_in = case.numbers.first().map(|number| {
        let stand_in = if number.contains('٩') { '٨' } else { '8' };
        assert!(text.contains(number) && !text.contains(stand_in), "{number} in {text}");
        text = text.replace(number, &stand_in.to_string());
        (stand_in.to_string(), *number)
    });
    assert!(case.numbers.len() <= 1, "one number of several groups per case");
    let info = BidiInfo::new(&text, Some(Level::rtl()));
    let paragraph = &info.paragraphs[0];
    let mut visual = info.reorder_line(paragraph, paragraph.range.clone()).into_owned();
    if let Some((stand_in, number)) = stand_in {
        visual = visual.replace(&stand_in, number);
    }
    ltr_chars(&visual)
}

#[test]
fn numbers_and_names_read_as_the_bidi_algorithm_reads_them_in_dialled_order() {
    let mut wrong = Vec::new();
    for case in CASES {
        let doc = project(case).typeset(case.lang);
        let lines: Vec<Vec<String>> = doc.pages().iter().flat_map(frame_lines).collect();
        let want = reference(case);
        let got: Vec<String> = lines.iter().map(|l| ltr_chars(&l.concat())).filter(|l| !l.is_empty()).collect();
        if got != [want.clone()] {
            wrong.push(format!("{}: «{}»\n  kalem shows {got:?}\n  bidi shows  {want:?}", case.lang, case.text));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn a_pasted_zero_width_space_is_removed_from_the_number_with_a_warning() {
    let case = &CASES[3];
    let project = project(case);
    let (data, found) = project.data(case.lang);
    let message = found.iter().map(|d| d.to_string()).find(|m| m.contains("U+200B")).expect("a warning about the zero-width space");
    assert!(message.contains("invisible U+200B ZERO WIDTH SPACE in the phone number «+90 312 123 45 67» removed"), "{message}");
    assert!(message.contains("[language ar]") && message.contains("[key cover.body]"), "{message}");
    let links = phone_links(&serde_json::to_value(&data).unwrap());
    assert_eq!(links, vec![("+90 312 123 45 67".to_string(), "tel:+903121234567".to_string())]);
}

#[test]
fn every_spelling_of_a_number_links_to_the_digits_printed() {
    for case in CASES.iter().filter(|c| !c.numbers.is_empty()) {
        let (data, _) = project(case).data(case.lang);
        let links = phone_links(&serde_json::to_value(&data).unwrap());
        let long: Vec<_> = links.iter().filter(|(text, _)| text.chars().filter(|c| c.is_numeric()).count() > 3).collect();
        assert_eq!(long.len(), case.numbers.len(), "{}: {links:?}", case.text);
        for (text, target) in long {
            assert_eq!(target, "tel:+903121234567", "{}: {text}", case.text);
        }
    }
}

/// The phone runs of template data, as (text, link).
fn phone_links(value: &serde_json::Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    match value {
        serde_json::Value::Object(map) if map.get("kind").and_then(|k| k.as_str()) == Some("phone") => {
            if let (Some(text), Some(link)) = (map["text"].as_str(), map.get("link").and_then(|l| l.as_str())) {
                out.push((text.to_string(), link.to_string()));
            }
        }
        serde_json::Value::Object(map) => map.values().for_each(|v| out.extend(phone_links(v))),
        serde_json::Value::Array(items) => items.iter().for_each(|v| out.extend(phone_links(v))),
        _ => {}
    }
    out
}

/// Every sample's screen PDF, laid out: each `tel:` link dials the digits
/// drawn inside its area, after mapping Arabic-Indic and Persian digits to
/// ASCII.
#[test]
fn in_every_sample_screen_pdf_the_link_dials_the_digits_printed() {
    let project = kalem::model::load_project(std::path::Path::new(common::REPO), &Default::default()).unwrap_or_else(|d| panic!("{d:#?}"));
    let engine = pipeline::engine(&project).unwrap_or_else(|d| panic!("{d}"));
    let mut checked = 0;
    for brochure in &project.brochures {
        for lang in &brochure.languages {
            let set = typeset_edition(&engine, &edition(&project, brochure, lang)).unwrap_or_else(|d| panic!("{d:#?}"));
            let screen = for_screen(&set.doc, engine.colours());
            for page in screen.pages() {
                // A QR code's link has no glyphs: tests/campaign.rs decodes it.
                for (target, printed) in tel_links(page).into_iter().filter(|(_, printed)| !printed.is_empty()) {
                    let dialled: String = printed.chars().filter_map(|c| if c == '+' { Some('+') } else { ascii_digit(c) }).collect();
                    assert_eq!(format!("tel:{dialled}"), target, "{} {lang}: printed «{printed}»", brochure.id);
                    checked += 1;
                }
            }
        }
    }
    assert!(checked >= 30, "only {checked} tel: links in the samples");
}

/// The `tel:` links of a page and the text of the glyphs inside each.
fn tel_links(page: &typst_layout::Page) -> Vec<(String, String)> {
    let mut links: Vec<(String, Rect)> = Vec::new();
    let mut glyphs: Vec<(Point, String)> = Vec::new();
    walk(&page.frame, Transform::identity(), &mut |ts, item| match item {
        FrameItem::Link(typst::model::Destination::Url(url), size) if url.starts_with("tel:") => {
            links.push((url.to_string(), bounds(ts, Point::zero(), Point::new(size.x, size.y))));
        }
        FrameItem::Text(t) => {
            let mut x = Abs::zero();
            for g in &t.glyphs {
                let mid = Point::new(x + g.x_advance.at(t.size) / 2.0, -t.size / 3.0).transform(ts);
                glyphs.push((mid, t.text[g.range()].to_string()));
                x += g.x_advance.at(t.size);
            }
        }
        _ => {}
    });
    // A link over text in several boxes comes as one area per box: the
    // areas of one link on one line are one.
    links.sort_by(|a, b| (a.0.as_str(), a.1.y as i64, a.1.x as i64).cmp(&(b.0.as_str(), b.1.y as i64, b.1.x as i64)));
    links.dedup_by(|next, kept| {
        let same = next.0 == kept.0 && (next.1.y - kept.1.y).abs() < 2.0 && next.1.x <= kept.1.x + kept.1.w + 2.0;
        if same {
            let right = (kept.1.x + kept.1.w).max(next.1.x + next.1.w);
            kept.1.w = right - kept.1.x;
        }
        same
    });
    links
        .into_iter()
        .map(|(url, r)| {
            let within = |p: &Point| (r.x..=r.x + r.w).contains(&p.x.to_pt()) && (r.y..=r.y + r.h).contains(&p.y.to_pt());
            let mut inside: Vec<&(Point, String)> = glyphs.iter().filter(|(p, _)| within(p)).collect();
            inside.sort_by(|a, b| a.0.x.cmp(&b.0.x));
            (url, inside.into_iter().map(|(_, t)| t.as_str()).collect())
        })
        .collect()
}
