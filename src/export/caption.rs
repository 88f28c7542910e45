//! Plain-text companions of social images: alt text for screen readers and
//! the caption posted with the image, hashtags last.

use unicode_bidi::{BidiInfo, Level};

use crate::model::Direction;
use crate::prepare::Run;

/// LEFT-TO-RIGHT ISOLATE and POP DIRECTIONAL ISOLATE: in plain text, the way
/// to keep a phone number or URL left to right inside an RTL sentence.
const LRI: char = '\u{2066}';
const PDI: char = '\u{2069}';

/// LEFT-TO-RIGHT MARK: a strong left-to-right character that shows nothing.
const LRM: char = '\u{200E}';

/// Runs as plain text. In right-to-left text, each left-to-right unit, with
/// the runs joined to it, carries only the bidi marks it needs to show in
/// order: none where the Unicode bidi algorithm already shows the text as
/// it would with the unit isolated, else one LRM before or after it, else
/// LRI…PDI around it. Every mark costs a character of a platform's count,
/// two on X; screen readers skip them.
pub fn plain_text(runs: &[Run], dir: Direction) -> String {
    let pieces = pieces(runs, dir);
    let mut marks: Vec<Marks> = pieces.iter().map(|(_, unit)| if *unit { Marks::Isolate } else { Marks::None }).collect();
    let wanted = display(&marked(&pieces, &marks));
    for i in 0..marks.len() {
        if marks.get(i) != Some(&Marks::Isolate) {
            continue;
        }
        for fewer in [Marks::None, Marks::Before, Marks::After] {
            let mut trial = marks.clone();
            trial.get_mut(i).into_iter().for_each(|m| *m = fewer);
            if display(&marked(&pieces, &trial)) == wanted {
                marks = trial;
                break;
            }
        }
    }
    marked(&pieces, &marks).into_iter().map(|(c, _)| c).collect()
}

/// The marks around one piece of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Marks {
    /// None.
    None,
    /// An LRM before the piece.
    Before,
    /// An LRM after the piece.
    After,
    /// LRI before, PDI after.
    Isolate,
}

/// The text of the runs in pieces, each with whether it is a left-to-right
/// unit (with the runs joined to it) that may need marks: only in
/// right-to-left text.
fn pieces(runs: &[Run], dir: Direction) -> Vec<(String, bool)> {
    let mut out: Vec<(String, bool)> = Vec::new();
    for r in runs {
        let unit = dir == Direction::Rtl && (r.is_unit() || r.joined);
        match out.last_mut() {
            Some((text, true)) if r.joined => text.push_str(&r.text),
            _ => out.push((r.text.clone(), unit)),
        }
    }
    out
}

/// The pieces with their marks, as characters, each with its place in the
/// text without marks (`None` for a mark).
fn marked(pieces: &[(String, bool)], marks: &[Marks]) -> Vec<(char, Option<usize>)> {
    let mut out = Vec::new();
    let mut place = 0..;
    for ((text, _), mark) in pieces.iter().zip(marks) {
        let (before, after) = match mark {
            Marks::None => (None, None),
            Marks::Before => (Some(LRM), None),
            Marks::After => (None, Some(LRM)),
            Marks::Isolate => (Some(LRI), Some(PDI)),
        };
        out.extend(before.map(|c| (c, None)));
        out.extend(text.chars().map(|c| (c, place.next())));
        out.extend(after.map(|c| (c, None)));
    }
    out
}

/// How the bidi algorithm shows marked text, each paragraph as one line
/// in the direction of its first strong character (as apps show a
/// caption): the characters other than marks, left to right, each with its
/// embedding level (which decides the order on any shorter line, and
/// whether brackets are mirrored).
fn display(text: &[(char, Option<usize>)]) -> Vec<(usize, Level)> {
    let string: String = text.iter().map(|(c, _)| *c).collect();
    let info = BidiInfo::new(&string, None);
    let mut out = Vec::new();
    let mut chars = text.iter();
    for para in &info.paragraphs {
        let by_byte = info.reordered_levels(para, para.range.clone());
        let levels: Vec<Level> = string[para.range.clone()].char_indices().filter_map(|(i, _)| by_byte.get(para.range.start + i).copied()).collect();
        let places: Vec<Option<usize>> = chars.by_ref().take(levels.len()).map(|(_, place)| *place).collect();
        for i in BidiInfo::reorder_visual(&levels) {
            if let (Some(Some(place)), Some(level)) = (places.get(i), levels.get(i)) {
                out.push((*place, *level));
            }
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

    use crate::prepare::{Kind, groups};

    /// `text` as the bidi algorithm shows it on one line, left to right.
    fn shown(text: &str) -> String {
        let info = BidiInfo::new(text, None);
        info.paragraphs.iter().map(|p| info.reorder_line(p, p.range.clone()).into_owned()).collect()
    }

    /// The bidi marks in `text`.
    fn marks(text: &str) -> usize {
        text.chars().filter(|&c| matches!(c, LRM | '\u{200F}' | '\u{2066}'..='\u{2069}')).count()
    }

    #[test]
    fn a_lone_number_needs_no_marks() {
        // The algorithm shows `157` in order between Arabic words already:
        // the isolate it used to get only cost four of X's 280.
        let runs = vec![Run::plain("اتصل بالرقم "), Run::of(Kind::Phone, "157"), Run::plain(" مجاناً.")];
        assert_eq!(plain_text(&runs, Direction::Rtl), "اتصل بالرقم 157 مجاناً.");
        assert_eq!(plain_text(&runs, Direction::Ltr), "اتصل بالرقم 157 مجاناً.");
    }

    #[test]
    fn a_phone_number_with_spaces_reads_as_dialled() {
        let number = "+90 342 123 45 67";
        let runs = vec![Run::plain("اتصل بالرقم "), Run::of(Kind::Phone, number), Run::plain(" من ٩ إلى ٥.")];
        let bare: String = runs.iter().map(|r| r.text.as_str()).collect();
        assert!(!shown(&bare).contains(number), "without a mark each group of digits stands apart: {}", shown(&bare));
        let text = plain_text(&runs, Direction::Rtl);
        assert!(shown(&text).contains(number), "{text:?} shows as {:?}", shown(&text));
        assert_eq!(marks(&text), 1, "one mark is enough: {text:?}");
    }

    #[test]
    fn a_unit_that_would_turn_the_paragraph_keeps_its_isolate() {
        // Without the isolate the first strong letter is Latin and the
        // whole caption would be laid out left to right.
        let mut runs = vec![Run::of(Kind::Latin, "YİMER"), Run::plain(" "), Run::of(Kind::Phone, "157"), Run::plain(" خط مجاني.")];
        groups::join(&mut runs);
        assert_eq!(plain_text(&runs, Direction::Rtl), "\u{2066}YİMER 157\u{2069} خط مجاني.");
    }

    #[test]
    fn a_name_and_its_number_show_in_order_without_marks_mid_sentence() {
        let mut runs = vec![Run::plain("خط "), Run::of(Kind::Latin, "YİMER"), Run::plain(" "), Run::of(Kind::Phone, "157"), Run::plain(".")];
        groups::join(&mut runs);
        let text = plain_text(&runs, Direction::Rtl);
        assert_eq!(text, "خط YİMER 157.");
        assert!(shown(&text).contains("YİMER 157"), "{}", shown(&text));
    }

    #[test]
    fn a_number_after_a_latin_unit_keeps_its_own_place() {
        // `157` after `YİMER` and an Arabic comma would join a left-to-right
        // stretch with it unless the name is closed off.
        let runs = vec![Run::plain("اتصل بـ"), Run::of(Kind::Latin, "ALO"), Run::plain("، "), Run::of(Kind::Phone, "157"), Run::plain(" أو 112.")];
        let bare: String = runs.iter().map(|r| r.text.as_str()).collect();
        let text = plain_text(&runs, Direction::Rtl);
        assert!(marks(&text) <= 2, "{text:?}");
        let isolated = "اتصل بـ\u{2066}ALO\u{2069}، \u{2066}157\u{2069} أو 112.";
        assert_eq!(shown(&text).replace(['\u{200E}', '\u{2066}', '\u{2069}'], ""), shown(isolated).replace(['\u{2066}', '\u{2069}'], ""), "bare: {}", shown(&bare));
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
