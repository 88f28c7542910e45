//! Bidi isolation: finding the parts of a sentence that must read left to
//! right as one unit.
//!
//! Inside Arabic or Farsi text the Unicode bidi algorithm treats each digit
//! group of `+90 312 123 45 67` as its own run, so it comes out as
//! `67 45 123 312 90+`. kalem finds phone numbers, URLs, e-mail addresses,
//! dates and runs of Latin-script words (names such as `YİMER`) and hands
//! them to the template as units that are set left to right in one piece.
//! Units are never broken across lines, in any direction; Latin-script runs
//! are units only in right-to-left text, where they are foreign.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;
use unicode_bidi::{BidiClass, bidi_class};

use crate::model::Direction;

/// What a piece of text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// Running text in the paragraph's direction.
    Text,
    /// A phone number, dialled as written.
    Phone,
    /// A web address.
    Url,
    /// An e-mail address.
    Email,
    /// A date such as `15.03.2025`.
    Date,
    /// Latin-script words inside right-to-left text.
    Latin,
}

impl Kind {
    /// Whether the piece is set as one left-to-right unit.
    pub fn is_unit(self) -> bool {
        self != Kind::Text
    }

    /// Whether the language's digits replace the digits written: in running
    /// text and dates, never in phone numbers, addresses or names.
    pub fn converts_digits(self) -> bool {
        matches!(self, Kind::Text | Kind::Date)
    }

    /// What the piece is called in messages.
    pub fn noun(self) -> &'static str {
        match self {
            Kind::Text => "text",
            Kind::Phone => "phone number",
            Kind::Url => "web address",
            Kind::Email => "e-mail address",
            Kind::Date => "date",
            Kind::Latin => "name",
        }
    }

    /// Whether letter case may be changed: addresses are case-sensitive.
    pub fn takes_case(self) -> bool {
        !matches!(self, Kind::Url | Kind::Email)
    }
}

/// A slice of a string and what it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Piece<'a> {
    /// The text.
    pub text: &'a str,
    /// What it is.
    pub kind: Kind,
}

/// E-mail addresses.
static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}").expect("valid e-mail pattern")
});

/// Addresses with a scheme or `www.`, and bare domains ending in a common
/// top-level domain (`goc.gov.tr`); a bare `vb.den` is not an address, and
/// a Turkish suffix (`www.goc.gov.tr'den`) is not part of one.
static URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i:https?://|www\.)[^\s<>«»'’]+",
        r"|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:tr|com|org|net|int|edu|gov|info|eu|ir|af|iq|sy|de|uk|io)\b(?:/[^\s<>«»'’]*)?",
    ))
    .expect("valid URL pattern")
});

/// What separates the digit groups of a phone number: a space (ordinary,
/// no-break, narrow no-break or thin, as word processors and translators
/// write them) or a hyphen (ASCII, Unicode or non-breaking).
macro_rules! sep {
    () => {
        r"[ \u{A0}\u{202F}\u{2009}\-\u{2010}\u{2011}]"
    };
}

/// The spaces of [`sep`].
macro_rules! space {
    () => {
        r"[ \u{A0}\u{202F}\u{2009}]"
    };
}

/// International numbers (`+90 312 123 45 67`, `+90 (312) 123-45-67`).
static PHONE_INTERNATIONAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(r"\+\d{1,3}(?:(?:", sep!(), r"|\.)?\(?\d{1,4}\)?){2,6}")).expect("valid phone pattern")
});

/// Dates: `15.03.2025`, `15/03/2025`, `2025-03-15`.
static DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b").expect("valid date pattern"));

/// National numbers in groups (`0 (312) 123 45 67`, `0312 123 45 67`,
/// `444 1 157`); at least seven digits, checked in code.
static PHONE_GROUPED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"\b(?:0", space!(), r"?\(\d{3}\)", space!(), r"?|\d{1,4}", sep!(), r")\d{1,4}(?:", sep!(), r"\d{1,4}){1,3}\b"
    ))
    .expect("valid phone pattern")
});

/// Short numbers: `ALO 183`, or a number that is one of the project's
/// contacts (`157`).
/// Arabic writes "and" and "by" joined to the word after them
/// (`157 و112 و183`), so a number may follow any character but a digit.
static PHONE_SHORT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(r"(?:^|[^\d])((\bALO", space!(), r")?(\d{3,5}))\b")).expect("valid short-number pattern")
});

/// Characters that end a sentence or clause rather than an address.
const TRAILING: &[char] = &['.', ',', ';', ':', '!', '?', ')', ']', '"', '\'', '’', '»', '،', '؛', '؟', '۔'];

/// Splits `text` into pieces. `phones` are numbers known to be dialled as
/// written (the contacts of `kalem.yaml`), so that `157` in a sentence is a
/// phone number and `30` is a count.
pub fn pieces<'a>(text: &'a str, dir: Direction, phones: &[String]) -> Vec<Piece<'a>> {
    let mut units: Vec<(Range<usize>, Kind)> = Vec::new();
    let mut claim = |range: Range<usize>, kind: Kind| {
        if !range.is_empty() && !units.iter().any(|(r, _)| r.start < range.end && range.start < r.end) {
            units.push((range, kind));
        }
    };
    for m in EMAIL.find_iter(text) {
        claim(m.range(), Kind::Email);
    }
    for m in URL.find_iter(text) {
        let end = m.start() + m.as_str().trim_end_matches(TRAILING).len();
        claim(m.start()..end, Kind::Url);
    }
    for m in PHONE_INTERNATIONAL.find_iter(text) {
        claim(m.range(), Kind::Phone);
    }
    for m in DATE.find_iter(text) {
        claim(m.range(), Kind::Date);
    }
    for m in PHONE_GROUPED.find_iter(text) {
        if m.as_str().chars().filter(|c| c.is_numeric()).count() >= 7 {
            claim(m.range(), Kind::Phone);
        }
    }
    for c in PHONE_SHORT.captures_iter(text) {
        let (Some(all), Some(number)) = (c.get(1), c.get(3)) else { continue };
        if c.get(2).is_some() || phones.iter().any(|p| p == number.as_str()) {
            claim(all.range(), Kind::Phone);
        }
    }
    units.sort_by_key(|(r, _)| r.start);

    let mut out = Vec::new();
    let mut at = 0;
    for (range, kind) in units.into_iter().chain([(text.len()..text.len(), Kind::Text)]) {
        gap(&text[at..range.start], dir, &mut out);
        if !range.is_empty() {
            out.push(Piece { text: &text[range.clone()], kind });
        }
        at = range.end;
    }
    out
}

/// Adds the text between two units: running text, and in right-to-left
/// text the Latin-script runs in it.
fn gap<'a>(text: &'a str, dir: Direction, out: &mut Vec<Piece<'a>>) {
    let latin = if dir == Direction::Rtl { latin_runs(text) } else { Vec::new() };
    let mut at = 0;
    for range in latin {
        if at < range.start {
            out.push(Piece { text: &text[at..range.start], kind: Kind::Text });
        }
        out.push(Piece { text: &text[range.clone()], kind: Kind::Latin });
        at = range.end;
    }
    if at < text.len() {
        out.push(Piece { text: &text[at..], kind: Kind::Text });
    }
}

/// Runs of left-to-right words: a strong left-to-right letter, then more
/// letters and digits, joined by spaces, hyphens, apostrophes and dots.
fn latin_runs(text: &str) -> Vec<Range<usize>> {
    let strong = |c: char| bidi_class(c) == BidiClass::L;
    let inner = |c: char| strong(c) || matches!(bidi_class(c), BidiClass::EN | BidiClass::NSM);
    let joiner = |c: char| matches!(c, ' ' | '-' | '\'' | '’' | '.' | '&' | '/' | '_');
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut runs = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !strong(chars[i].1) {
            i += 1;
            continue;
        }
        let start = chars[i].0;
        let mut end = i + 1;
        let mut j = end;
        while j < chars.len() {
            let c = chars[j].1;
            if inner(c) {
                j += 1;
                end = j;
            } else if joiner(c) {
                j += 1;
            } else {
                break;
            }
        }
        let end_byte = chars.get(end).map_or(text.len(), |(b, _)| *b);
        runs.push(start..end_byte);
        i = end;
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn units(text: &str, dir: Direction) -> Vec<(&str, Kind)> {
        pieces(text, dir, &["157".to_string(), "112".to_string()])
            .into_iter()
            .filter(|p| p.kind.is_unit())
            .map(|p| (p.text, p.kind))
            .collect()
    }

    #[test]
    fn finds_each_kind_of_unit() {
        let rtl = Direction::Rtl;
        let table: &[(&str, &[(&str, Kind)])] = &[
            ("اتصل بالرقم +90 312 123 45 67 الآن", &[("+90 312 123 45 67", Kind::Phone)]),
            ("اتصل بالرقم +90 (312) 123-45-67.", &[("+90 (312) 123-45-67", Kind::Phone)]),
            ("الرقم 0 (312) 123 45 67 مجاني", &[("0 (312) 123 45 67", Kind::Phone)]),
            ("الرقم 0312 123 45 67 مجاني", &[("0312 123 45 67", Kind::Phone)]),
            ("اتصل بالرقم 157: مجاناً", &[("157", Kind::Phone)]),
            ("أو بخط ALO 183.", &[("ALO 183", Kind::Phone)]),
            ("الأرقام 157 و112 مجانية", &[("157", Kind::Phone), ("112", Kind::Phone)]),
            ("اتصل بالرقم +90\u{A0}312\u{A0}123\u{A0}45\u{A0}67 الآن", &[("+90\u{A0}312\u{A0}123\u{A0}45\u{A0}67", Kind::Phone)]),
            ("اتصل بالرقم +90\u{202F}312\u{2009}123\u{2011}45\u{2010}67", &[("+90\u{202F}312\u{2009}123\u{2011}45\u{2010}67", Kind::Phone)]),
            ("الرقم 0312\u{A0}123\u{A0}45\u{A0}67 مجاني", &[("0312\u{A0}123\u{A0}45\u{A0}67", Kind::Phone)]),
            ("أو بخط ALO\u{A0}183.", &[("ALO\u{A0}183", Kind::Phone)]),
            ("اتصل بالرقم +٩٠ ٣١٢ ١٢٣ ٤٥ ٦٧ الآن", &[("+٩٠ ٣١٢ ١٢٣ ٤٥ ٦٧", Kind::Phone)]),
            ("زوروا www.sinir.bel.tr/destek، أو", &[("www.sinir.bel.tr/destek", Kind::Url)]),
            ("زوروا https://www.goc.gov.tr.", &[("https://www.goc.gov.tr", Kind::Url)]),
            ("موقع goc.gov.tr للمعلومات", &[("goc.gov.tr", Kind::Url)]),
            ("اكتب إلى destek@sinir.bel.tr.", &[("destek@sinir.bel.tr", Kind::Email)]),
            ("في 15.03.2025 بدأت", &[("15.03.2025", Kind::Date)]),
            ("في 2025-03-15 بدأت", &[("2025-03-15", Kind::Date)]),
            ("مركز اتصال الأجانب YİMER", &[("YİMER", Kind::Latin)]),
            ("إدارة Göç İdaresi Başkanlığı في", &[("Göç İdaresi Başkanlığı", Kind::Latin)]),
        ];
        for (text, want) in table {
            assert_eq!(units(text, rtl), *want, "{text}");
        }
    }

    #[test]
    fn counts_are_running_text() {
        assert!(units("فترة مدتها 30 يوماً", Direction::Rtl).is_empty());
        assert!(units("150 kişi katıldı", Direction::Ltr).is_empty());
    }

    #[test]
    fn latin_words_are_units_only_in_right_to_left_text() {
        assert_eq!(units("YİMER ve ALO 183", Direction::Ltr), vec![("ALO 183", Kind::Phone)]);
        assert_eq!(units("Bilgi: www.goc.gov.tr", Direction::Ltr), vec![("www.goc.gov.tr", Kind::Url)]);
    }

    #[test]
    fn pieces_cover_the_text_in_order() {
        let text = "اتصل بالرقم +90 312 123 45 67 أو اكتب إلى destek@sinir.bel.tr.";
        let joined: String = pieces(text, Direction::Rtl, &[]).iter().map(|p| p.text).collect();
        assert_eq!(joined, text);
    }

    #[test]
    fn turkish_suffixes_stay_outside_the_unit() {
        assert_eq!(units("157'yi arayın", Direction::Ltr), vec![("157", Kind::Phone)]);
        assert_eq!(units("www.goc.gov.tr'den bakın", Direction::Ltr), vec![("www.goc.gov.tr", Kind::Url)]);
        assert!(units("vb.den sonra", Direction::Ltr).is_empty());
    }
}
