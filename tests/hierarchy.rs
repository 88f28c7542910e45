//! Hierarchy on the laid-out sample sheets: no panel is more than about a
//! third empty (a warning says so otherwise), and an event's date, time
//! and venue stand out from the text around them.

mod common;

use kalem::layout::empty::{MOST_EMPTY, emptiness};
use kalem::layout::social::text_boxes;
use kalem::layout::typeset_edition;

const SHEETS: [&str; 3] = ["human-trafficking", "outreach-flyer", "meeting-poster"];

#[test]
fn no_panel_of_the_samples_is_more_than_a_third_empty() {
    let (project, engine) = common::load_with_engine(&common::repo());
    let mut worst = Vec::new();
    for id in SHEETS {
        for lang in ["tr", "ar", "fa"] {
            let edition = common::edition_of(&project, id, lang);
            let set = typeset_edition(&engine, &edition).unwrap_or_else(|ds| panic!("{id} {lang}: {}", common::messages(&ds)));
            for e in emptiness(&set.doc, &edition) {
                eprintln!("{id} {lang} {}: {:.0} % empty, largest band {:.0} mm", e.panel, e.share * 100.0, e.tallest_mm);
                if e.share > MOST_EMPTY {
                    worst.push(format!("{id} {lang} {}: {:.0} %", e.panel, e.share * 100.0));
                }
            }
            let warned = set.warnings.iter().filter(|d| d.message.contains("% empty")).count();
            assert_eq!(warned, worst.iter().filter(|w| w.starts_with(&format!("{id} {lang} "))).count(), "{id} {lang}: a warning for each");
        }
    }
    assert!(worst.is_empty(), "panels over a third empty: {worst:#?}");
}

#[test]
fn a_panel_left_mostly_empty_is_a_warning_naming_it() {
    let tr = "cover:\n  title: Birlikte\n  body: Kısa bir metin.\n";
    let project = common::TestProject::new("upper", &[("tr", tr)]);
    let (p, engine) = project.engine();
    let edition = common::edition(&p, &p.brochures[0], "tr");
    let set = typeset_edition(&engine, &edition).unwrap_or_else(|ds| panic!("{}", common::messages(&ds)));
    let found: Vec<_> = set.warnings.iter().filter(|d| d.message.contains("% empty")).collect();
    assert_eq!(found.len(), 1, "{}", common::messages(&set.warnings));
    assert!(found[0].message.contains("`inside-1`") && found[0].lang.as_deref() == Some("tr"), "{}", found[0]);
}

#[test]
fn an_events_date_time_and_venue_are_set_larger_than_the_text() {
    let (project, engine) = common::load_with_engine(&common::repo());
    for (lang, year, time) in [("tr", "2027", "14:00"), ("ar", "2027", "14:00"), ("fa", "۲۰۲۷", "۱۴:۰۰")] {
        let edition = common::edition_of(&project, "meeting-poster", lang);
        let set = typeset_edition(&engine, &edition).unwrap_or_else(|ds| panic!("{lang}: {}", common::messages(&ds)));
        let boxes = text_boxes(&set.doc.pages()[0]);
        // The body size: the size most letters are set in.
        let mut by_size: Vec<(f64, usize)> = Vec::new();
        for b in &boxes {
            match by_size.iter_mut().find(|(s, _)| (s - b.size).abs() < 0.01) {
                Some(entry) => entry.1 += b.text.chars().count(),
                None => by_size.push((b.size, b.text.chars().count())),
            }
        }
        let body = by_size.iter().max_by_key(|(_, n)| *n).unwrap().0;
        let size_of = |what: &str| boxes.iter().filter(|b| b.text.contains(what)).map(|b| b.size).fold(0.0, f64::max);
        let (date, hours) = (size_of(year), size_of(time));
        assert!(date >= 1.5 * body && hours >= 1.5 * body, "{lang}: date {date:.1} pt, time {hours:.1} pt, body {body:.1} pt");
    }
}
