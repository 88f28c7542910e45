//! Quotation marks as the language prints them: a straight `"` typed in a
//! translation becomes the language's opening or closing mark (“…” in
//! Turkish and English, «…» in Russian, Arabic and Farsi; `kalem.yaml` can
//! choose others), as a typesetter would set it. A straight `'` becomes the
//! typographic apostrophe ’ (U+2019) after a letter, a digit or a closing
//! mark, as Turkish sets the suffix of a name or number (`YİMER’e`,
//! `157’yi`) and English an elision; at the start of a word it opens a
//! single quotation (‘…’).

use crate::model::locale::Quotes;

/// What may stand right before an opening quote.
const BEFORE_OPENING: &[char] = &['(', '[', '{', '«', '“', '„', '‘', '—', '–', '-', '/', '*'];

/// What may stand right before an opening single quote; after anything
/// else (a letter, a digit, `**` closing a bold name) `'` is an apostrophe.
const BEFORE_SINGLE_OPENING: &[char] = &['(', '[', '{', '«', '“', '„', '—', '–', '-'];

/// `text` with each straight double quote made the language's mark (an
/// opening one at the start, after a space or after an opening bracket or
/// dash, a closing one elsewhere) and each straight single quote an
/// apostrophe, or an opening single quote where a word starts.
pub fn curl(text: &str, quotes: &Quotes) -> String {
    if !text.contains(['"', '\'']) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut before: Option<char> = None;
    for c in text.chars() {
        if c == '"' {
            let opens = before.is_none_or(|b| b.is_whitespace() || BEFORE_OPENING.contains(&b));
            out.push_str(if opens { &quotes.open } else { &quotes.close });
        } else if c == '\'' {
            let opens = before.is_none_or(|b| b.is_whitespace() || BEFORE_SINGLE_OPENING.contains(&b));
            out.push(if opens { '‘' } else { '’' });
        } else {
            out.push(c);
        }
        before = Some(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn straight_quotes_become_the_languages() {
        let english = Quotes::new("“", "”");
        let russian = Quotes::new("«", "»");
        let french = Quotes::new("«\u{202F}", "\u{202F}»");
        let table = [
            ("she \"agreed\": it changes nothing", &english, "she “agreed”: it changes nothing"),
            ("\"Я должен\" — говорит он", &russian, "«Я должен» — говорит он"),
            ("(\"x\") and **\"y\"**", &english, "(“x”) and **“y”**"),
            ("« déjà » \"vu\"", &french, "« déjà » «\u{202F}vu\u{202F}»"),
            ("157'yi arayın", &english, "157’yi arayın"),
            ("**YİMER**'e ve ALO 183'e 'acil' deyin", &english, "**YİMER**’e ve ALO 183’e ‘acil’ deyin"),
            ("\"Göç İdaresi\"'ne", &english, "“Göç İdaresi”’ne"),
        ];
        for (text, quotes, want) in table {
            assert_eq!(curl(text, quotes), want, "{text}");
        }
    }
}
