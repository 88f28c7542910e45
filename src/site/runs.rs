//! Prepared runs as HTML, isolated exactly where the PDFs isolate them:
//! a run of any kind but text starts a left-to-right unit (`<bdi
//! dir="ltr">`) holding the runs joined to it, as `blocks.typ` boxes them.

pub use crate::export::xmp::escape;
use crate::prepare::{Kind, Run};

/// The runs as HTML.
pub fn html(runs: &[Run]) -> String {
    let mut stretches: Vec<Vec<&Run>> = Vec::new();
    for run in runs {
        match stretches.last_mut() {
            Some(last) if run.joined => last.push(run),
            _ => stretches.push(vec![run]),
        }
    }
    stretches
        .iter()
        .map(|s| {
            let inner: String = s.iter().map(|r| piece(r)).collect();
            if s.first().is_some_and(|r| r.kind != Kind::Text) { format!("<bdi dir=\"ltr\">{inner}</bdi>") } else { inner }
        })
        .collect()
}

/// One run, bold if strong and linked to what it opens. In a phone number
/// written in Arabic-Indic digits each digit group is isolated on its own:
/// the bidi algorithm takes such digits for an Arabic number and would
/// reverse the groups even inside a left-to-right unit.
fn piece(run: &Run) -> String {
    let mut text = escape(&run.text);
    if run.kind == Kind::Phone && run.text.chars().any(|c| ('\u{660}'..='\u{669}').contains(&c)) {
        text = text.split(' ').map(|g| format!("<bdi>{g}</bdi>")).collect::<Vec<_>>().join(" ");
    }
    if run.strong {
        text = format!("<strong>{text}</strong>");
    }
    match &run.link {
        Some(link) => format!("<a href=\"{}\">{text}</a>", escape(link)),
        None => text,
    }
}

/// The runs as plain text, for titles and attributes.
pub fn plain(runs: &[Run]) -> String {
    runs.iter().map(|r| r.text.as_str()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_number_and_the_word_joined_to_it_are_one_ltr_unit_that_dials_what_it_shows() {
        let mut name = Run::plain("YİMER");
        name.kind = Kind::Latin;
        let mut number = Run::of(Kind::Phone, "157");
        number.joined = true;
        let html = html(&[Run::plain("اتصل بـ "), name, number]);
        assert_eq!(html, "اتصل بـ <bdi dir=\"ltr\">YİMER<a href=\"tel:157\">157</a></bdi>");
    }

    #[test]
    fn text_is_escaped_never_markup() {
        assert_eq!(html(&[Run::plain("<b>a & \"b\"</b>")]), "&lt;b&gt;a &amp; &quot;b&quot;&lt;/b&gt;");
    }

    #[test]
    fn arabic_indic_digit_groups_are_isolated_one_by_one() {
        let html = html(&[Run::of(Kind::Phone, "٠٣١٢ ١٢٣")]);
        assert!(html.starts_with("<bdi dir=\"ltr\"><a href=\"tel:"), "{html}");
        assert!(html.contains("<bdi>٠٣١٢</bdi> <bdi>١٢٣</bdi>"), "{html}");
    }
}
