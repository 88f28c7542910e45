//! One digit style per edition: the meeting poster's date and hours follow
//! the language's `digits` (or stay as typed with `as-written`), hours are
//! running text so right-to-left editions read the start first, and a count
//! stays on the line of the word it counts.

mod common;

fn has(runs: &[(String, String)], kind: &str, text: &str) -> bool {
    runs.iter().any(|(k, t)| k == kind && t.contains(text))
}

#[test]
fn the_poster_writes_date_and_hours_in_the_edition_digits() {
    let dir = common::sample_copy();
    let fa = common::doc_runs(dir.path(), "meeting-poster", "fa");
    assert!(has(&fa, "text", "۱۴:۰۰–۱۶:۳۰"), "Persian hours as running text: {fa:?}");
    assert!(has(&fa, "text", "۳۰"), "Persian date: {fa:?}");
    assert!(!fa.iter().any(|(_, t)| t.contains("14:00")), "no Latin hours beside a Persian date: {fa:?}");
    let tr = common::doc_runs(dir.path(), "meeting-poster", "tr");
    assert!(has(&tr, "text", "14:00–16:30"), "{tr:?}");
}

#[test]
fn as_written_keeps_every_digit_as_typed() {
    let dir = common::sample_copy();
    common::edit(dir.path(), "kalem.yaml", "digits: persian", "digits: as-written");
    common::edit(dir.path(), "translations/fa.yaml", "  call: شرکت در جلسه رایگان است.", "  call: شماره‌های ۰۱۲ و ٠١٢ و 012. شرکت در جلسه رایگان است.");
    let fa = common::doc_runs(dir.path(), "meeting-poster", "fa");
    // (each number is bound to the word after it by a no-break space)
    assert!(has(&fa, "text", "شماره‌های ۰۱۲\u{A0}و ٠١٢\u{A0}و 012"), "{fa:?}");
    assert!(has(&fa, "text", "14:00–16:30"), "hours as kalem wrote them: {fa:?}");
}

#[test]
fn counts_stay_with_the_word_they_count() {
    let dir = common::sample_copy();
    let tr = common::doc_runs(dir.path(), "human-trafficking", "tr");
    assert!(has(&tr, "text", "30\u{A0}günlük"), "{tr:?}");
    let fa = common::doc_runs(dir.path(), "human-trafficking", "fa");
    assert!(has(&fa, "text", "۳۰\u{A0}روزهٔ"), "{fa:?}");
}
