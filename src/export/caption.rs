//! Plain-text companions of social images: alt text for screen readers and
//! the caption posted with the image, hashtags last.

use crate::model::Direction;
use crate::prepare::Run;

/// LEFT-TO-RIGHT ISOLATE and POP DIRECTIONAL ISOLATE: in plain text, the way
/// to keep a phone number or URL left to right inside an RTL sentence.
const LRI: char = '\u{2066}';
const PDI: char = '\u{2069}';

/// Runs as plain text. In right-to-left text, each left-to-right unit, with
/// the runs joined to it, is wrapped in isolates so apps show it in the
/// right order; screen readers skip the marks.
pub fn plain_text(runs: &[Run], dir: Direction) -> String {
    let mut out = String::new();
    for (i, r) in runs.iter().enumerate() {
        let isolated = dir == Direction::Rtl && (r.is_unit() || r.joined);
        if isolated && !r.joined {
            out.push(LRI);
        }
        out.push_str(&r.text);
        if isolated && !runs.get(i + 1).is_some_and(|next| next.joined) {
            out.push(PDI);
        }
    }
    out
}

/// A hashtag from a translated word: `#` added when missing. `None` when
/// the word has a space or is empty, which platforms would cut short.
pub fn hashtag(word: &str) -> Option<String> {
    let word = word.trim();
    let bare = word.strip_prefix('#').unwrap_or(word);
    (!bare.is_empty() && !bare.chars().any(|c| c.is_whitespace() || c == '#')).then(|| format!("#{bare}"))
}

/// The caption file: the text, then a blank line and the hashtags, ending
/// with a newline.
pub fn caption(text: &str, hashtags: &[String]) -> String {
    let mut out = text.trim().to_string();
    if !hashtags.is_empty() {
        out.push_str("\n\n");
        out.push_str(&hashtags.join(" "));
    }
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_isolated_only_in_rtl_text() {
        let runs = vec![Run::plain("اتصل بالرقم "), Run::of(crate::prepare::Kind::Phone, "157"), Run::plain(".")];
        assert_eq!(plain_text(&runs, Direction::Rtl), "اتصل بالرقم \u{2066}157\u{2069}.");
        assert_eq!(plain_text(&runs, Direction::Ltr), "اتصل بالرقم 157.");
    }

    #[test]
    fn a_name_and_its_number_share_one_isolate() {
        use crate::prepare::{Kind, groups};
        let mut runs = vec![Run::plain("خط "), Run::of(Kind::Latin, "YİMER"), Run::plain(" "), Run::of(Kind::Phone, "157"), Run::plain(".")];
        groups::join(&mut runs);
        assert_eq!(plain_text(&runs, Direction::Rtl), "خط \u{2066}YİMER 157\u{2069}.");
    }

    #[test]
    fn hashtags_get_one_hash_and_refuse_spaces() {
        assert_eq!(hashtag("İnsanTicaretineHayır").as_deref(), Some("#İnsanTicaretineHayır"));
        assert_eq!(hashtag("#الاتجار_بالبشر").as_deref(), Some("#الاتجار_بالبشر"));
        assert_eq!(hashtag("قاچاق انسان"), None);
        assert_eq!(hashtag("#"), None);
    }

    #[test]
    fn caption_puts_hashtags_after_a_blank_line() {
        assert_eq!(caption("Metin. ", &["#a".into(), "#b".into()]), "Metin.\n\n#a #b\n");
        assert_eq!(caption("Metin.", &[]), "Metin.\n");
    }
}
