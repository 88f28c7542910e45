//! An error of typst, typesetting or writing the PDF (a text PDF/UA
//! refuses, a glyph no font has), traced back to where its text is
//! written: the translation key, file and line when the message quotes the
//! text, else the brochure file, always with the language.

use crate::diag::{Diagnostic, Location};
use crate::model::Edition;

/// `d`, from typesetting or exporting `edition`, given the place of the
/// text it concerns.
pub fn traced(d: Diagnostic, edition: &Edition) -> Diagnostic {
    let found = quoted_texts(&d.message).iter().find_map(|snippet| {
        edition.table.entries.iter().find_map(|(key, entry)| {
            let text = entry.all_texts().into_iter().find(|t| t.text.to_lowercase().contains(snippet.as_str()))?;
            Some((key.clone(), edition.table.at(text)))
        })
    });
    let d = d.lang(edition.lang);
    match found {
        Some((key, at)) => d.at(at).key(key),
        None => d.at(Location::file(&edition.brochure.file)),
    }
}

/// The texts a message quotes as typst does, `` `"…"` `` with Rust's
/// escapes, unescaped and lowercased (kalem lowercases typst's messages).
fn quoted_texts(message: &str) -> Vec<String> {
    message.split("`\"").skip(1).filter_map(|rest| rest.split_once("\"`").map(|(quoted, _)| unescape(quoted).to_lowercase())).filter(|t| !t.is_empty()).collect()
}

/// Undoes Rust's `{:?}` escapes: `\u{feff}`, `\n`, `\t`, `\r`, `\0`, `\"`,
/// `\'` and `\\`.
fn unescape(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('0') => out.push('\0'),
            Some('u') => {
                let hex: String = chars.by_ref().skip(1).take_while(|c| *c != '}').collect();
                out.extend(u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32));
            }
            Some(other) => out.push(other),
            None => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_texts_are_unescaped() {
        let message = "screen pdf export failed: pdf/ua-1 error: the text `\"a\\u{ffff}b\"` could not be displayed with font `\"noto sans\"`";
        assert_eq!(quoted_texts(message), vec!["a\u{ffff}b".to_string(), "noto sans".to_string()]);
        assert_eq!(unescape("\\\"x\\\\\\n\\u{7}"), "\"x\\\n\u{7}");
    }
}
