//! The screen edition: the print edition's data turned for reading on a
//! screen: trim size without bleed, RGB colours, and links for web
//! addresses, e-mail addresses and phone numbers.

use super::document::{BlockData, DocData, Ink};
use crate::model::Cmyk;
use crate::prepare::Run;

impl DocData {
    /// The same edition for the screen PDF.
    pub fn for_screen(mut self) -> DocData {
        self.bleed = 0.0;
        let mut texts: Vec<String> = Vec::new();
        for panel in self.pages.iter_mut().flat_map(|p| p.panels.iter_mut()) {
            for ink in [&mut panel.color, &mut panel.heading, &mut panel.callout.0, &mut panel.callout.1]
                .into_iter()
                .chain(panel.background.as_mut().map(|(_, ink)| ink))
            {
                *ink = screen_ink(*ink);
            }
            for block in &panel.blocks {
                let runs: Vec<&Run> = match &block.data {
                    BlockData::Heading { runs, .. } | BlockData::Text { runs } | BlockData::Callout { runs } => runs.iter().collect(),
                    BlockData::List { items } | BlockData::Checklist { items } => items.iter().flatten().collect(),
                    BlockData::Table { columns, rows, .. } => columns.iter().chain(rows.iter().flatten()).flatten().collect(),
                    BlockData::Event { rows } => rows.iter().flat_map(|r| r.label.iter().chain(r.lines.iter().flatten())).collect(),
                    BlockData::Contacts { items } => {
                        texts.extend(items.iter().map(|c| c.number.clone()));
                        items.iter().flat_map(|c| c.name.iter().chain(&c.description)).collect()
                    }
                    BlockData::Image { .. } | BlockData::NewPage => Vec::new(),
                };
                texts.extend(runs.into_iter().map(|r| r.text.clone()));
            }
        }
        self.links = texts.into_iter().filter_map(|t| link_target(&t).map(|target| (t, target))).collect();
        self
    }
}

/// A CMYK colour as sRGB for screens (the plain formula, without a
/// colour profile); RGB stays as it is.
pub fn screen_ink(ink: Ink) -> Ink {
    match ink {
        Ink::Cmyk(cmyk) => Ink::Rgb(Cmyk(cmyk).to_rgb().map(|v| (v * 1000.0).round() / 10.0)),
        rgb => rgb,
    }
}

/// Where a run that is entirely a web address, an e-mail address or a
/// phone number links to.
pub fn link_target(text: &str) -> Option<String> {
    let text = text.trim();
    if text.is_empty() || text.chars().any(char::is_whitespace) && !is_phone(text) {
        return None;
    }
    let lower = text.to_ascii_lowercase();
    if lower.starts_with("https://") || lower.starts_with("http://") {
        return Some(text.to_string());
    }
    if let Some((user, domain)) = text.split_once('@') {
        let valid = !user.is_empty() && domain.contains('.') && !domain.starts_with('.') && !domain.ends_with('.') && !domain.contains('@');
        return valid.then(|| format!("mailto:{text}"));
    }
    if lower.starts_with("www.") && text.len() > 4 && text[4..].contains('.') && !text.ends_with('.') {
        return Some(format!("https://{text}"));
    }
    if is_phone(text) {
        let digits: String = text.chars().filter_map(|c| if c == '+' { Some('+') } else { ascii_digit(c) }).collect();
        return Some(format!("tel:{digits}"));
    }
    None
}

/// A digit of any of the scripts kalem prints, as ASCII.
fn ascii_digit(c: char) -> Option<char> {
    let zero = match c {
        '0'..='9' => '0',
        '٠'..='٩' => '٠',
        '۰'..='۹' => '۰',
        _ => return None,
    };
    char::from_digit(c as u32 - zero as u32, 10)
}

/// Digits with the separators phone numbers are written with, an optional
/// leading `+`: a 3-digit short code (157, 112) or 7 to 15 digits (E.164).
/// 4 to 6 digits are years and amounts more often than numbers to dial.
fn is_phone(text: &str) -> bool {
    let body = text.strip_prefix('+').unwrap_or(text);
    let digits = body.chars().filter(|&c| ascii_digit(c).is_some()).count();
    (digits == 3 || (7..=15).contains(&digits)) && body.chars().all(|c| ascii_digit(c).is_some() || matches!(c, ' ' | '-' | '(' | ')' | '\u{a0}'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_found_for_whole_addresses_and_numbers() {
        let table = [
            ("www.goc.gov.tr", Some("https://www.goc.gov.tr")),
            ("https://example.org/yardim", Some("https://example.org/yardim")),
            ("bilgi@example.org", Some("mailto:bilgi@example.org")),
            ("157", Some("tel:157")),
            ("+90 312 123 45 67", Some("tel:+903121234567")),
            ("۱۵۷", Some("tel:157")),
            ("٠٣١٢ ١٢٣ ٤٥ ٦٧", Some("tel:03121234567")),
            ("7/24", None),
            ("2026", None),
            ("01.01.2026", None),
            ("12", None),
            ("Daha fazla bilgi: www.goc.gov.tr", None),
            ("a@b", None),
            ("www.", None),
        ];
        for (text, want) in table {
            assert_eq!(link_target(text).as_deref(), want, "{text}");
        }
    }

    #[test]
    fn screen_colours_are_rgb() {
        assert_eq!(screen_ink(Ink::Cmyk([0.0, 0.0, 0.0, 100.0])), Ink::Rgb([0.0, 0.0, 0.0]));
        assert_eq!(screen_ink(Ink::Cmyk([0.0, 0.0, 0.0, 0.0])), Ink::Rgb([100.0, 100.0, 100.0]));
        assert_eq!(screen_ink(Ink::Cmyk([100.0, 65.0, 0.0, 30.0])), Ink::Rgb([0.0, 24.5, 70.0]));
    }
}
