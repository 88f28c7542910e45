//! Link targets: what a phone number, web address or e-mail address opens
//! on a screen. The target comes from the kind [`super::bidi`] found, so
//! what is printed and what is dialled are the same piece of text.

use super::TextContext;
use super::bidi::Kind;
use crate::diag::Diagnostic;

/// What a piece of `kind` opens: `tel:` with the digits dialled (ASCII,
/// whatever digits are printed), `mailto:`, or the web address with a
/// scheme. Running text, dates and names open nothing.
pub fn target(kind: Kind, text: &str) -> Option<String> {
    let text = text.trim();
    match kind {
        Kind::Phone => {
            let dialled: String = text.chars().filter_map(|c| if c == '+' { Some('+') } else { ascii_digit(c) }).collect();
            (!dialled.trim_start_matches('+').is_empty()).then(|| format!("tel:{dialled}"))
        }
        Kind::Email => Some(format!("mailto:{text}")),
        Kind::Url => {
            let lower = text.to_ascii_lowercase();
            Some(if lower.starts_with("https://") || lower.starts_with("http://") { text.to_string() } else { format!("https://{text}") })
        }
        Kind::Text | Kind::Date | Kind::Latin => None,
    }
}

/// The error for a web address with a user part before `@`
/// (`https://www.goc.gov.tr@evil.com/157`): a browser opens the host after
/// the `@` while a reader trusts the name before it, and kalem would link
/// the pieces as an e-mail address and a number.
pub fn user_part(text: &str, ctx: &TextContext) -> Option<Diagnostic> {
    let address = text.match_indices("://").find_map(|(at, _)| {
        let authority = text[at + 3..].split(|c: char| c.is_whitespace() || matches!(c, '/' | '?' | '#')).next()?;
        authority.contains('@').then(|| text[..at].rsplit(char::is_whitespace).next().unwrap_or_default().to_string() + &text[at..at + 3] + authority)
    })?;
    Some(
        Diagnostic::error(format!("the web address `{address}` has a user part before `@`: a browser would open what follows the `@`, not what a reader sees"))
            .at(ctx.location.clone())
            .key(ctx.key)
            .lang(ctx.lang)
            .hint("write the address without the part before `@` (`https://www.goc.gov.tr/157`); an e-mail address needs no `https://`"),
    )
}

/// A digit of any of the scripts kalem prints, as ASCII.
pub fn ascii_digit(c: char) -> Option<char> {
    let zero = match c {
        '0'..='9' => '0',
        '٠'..='٩' => '٠',
        '۰'..='۹' => '۰',
        _ => return None,
    };
    char::from_digit(c as u32 - zero as u32, 10)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_web_address_with_a_user_part_is_refused() {
        let quotes = crate::model::locale::Quotes::fallback();
        let ctx = TextContext { lang: "tr", dir: crate::model::Direction::Ltr, digits: crate::model::Digits::Latin, quotes: &quotes, case: None, key: "help.web", location: crate::diag::Location::at("t.yaml", 2, 8), phones: &[], lines: crate::prepare::Lines::Set };
        let d = user_part("Yazın: https://www.goc.gov.tr@evil.com/157 adresine", &ctx).expect("refused");
        assert!(d.message.contains("`https://www.goc.gov.tr@evil.com`"), "{d}");
        assert_eq!((d.key.as_deref(), d.lang.as_deref()), (Some("help.web"), Some("tr")));
        assert!(user_part("http://a:b@example.org", &ctx).is_some());
        for fine in ["https://www.goc.gov.tr/157", "bilgi@example.org", "https://example.org/a@b", "https://x.org?u=a@b"] {
            assert!(user_part(fine, &ctx).is_none(), "{fine}");
        }
    }

    #[test]
    fn targets_follow_the_kind() {
        let table = [
            (Kind::Url, "www.goc.gov.tr", Some("https://www.goc.gov.tr")),
            (Kind::Url, "https://example.org/yardim", Some("https://example.org/yardim")),
            (Kind::Url, "goc.gov.tr", Some("https://goc.gov.tr")),
            (Kind::Email, "bilgi@example.org", Some("mailto:bilgi@example.org")),
            (Kind::Phone, "157", Some("tel:157")),
            (Kind::Phone, "ALO 183", Some("tel:183")),
            (Kind::Phone, "+90 312 123 45 67", Some("tel:+903121234567")),
            (Kind::Phone, "۱۵۷", Some("tel:157")),
            (Kind::Phone, "٠٣١٢ ١٢٣ ٤٥ ٦٧", Some("tel:03121234567")),
            (Kind::Date, "01.01.2026", None),
            (Kind::Latin, "YİMER", None),
            (Kind::Text, "157", None),
        ];
        for (kind, text, want) in table {
            assert_eq!(target(kind, text).as_deref(), want, "{kind:?} {text}");
        }
    }
}
