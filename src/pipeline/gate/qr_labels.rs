//! A QR code says what it opens: a reader who cannot scan it, or does not
//! trust an unlabelled code, reads the address or number beside it. On a
//! panel, the text block right before or after the code names it; on a
//! post, its `qr_label` does, and its alt text too.

use crate::diag::{Blocker, Diagnostic, Diagnostics, Location};
use crate::model::translations::{Entry, Translations};
use crate::model::{Block, BlockKind, Brochure, Edition, Project};

/// A blocker for every QR code whose label does not name what it opens,
/// per language.
pub fn check(project: &Project) -> Diagnostics {
    let mut out = Vec::new();
    for brochure in &project.brochures {
        let runs = brochure.panels.values().map(|p| p.blocks.as_slice()).chain([brochure.content.as_slice()]);
        for blocks in runs {
            for (i, block) in blocks.iter().enumerate() {
                let BlockKind::Qr { payload, .. } = &block.kind else { continue };
                let payload = payload.text.as_str();
                let beside = [i.checked_sub(1).and_then(|j| blocks.get(j)), blocks.get(i + 1)];
                let keys: Vec<&str> = beside.into_iter().flatten().filter_map(label_key).collect();
                for lang in &brochure.languages {
                    if !keys.iter().any(|k| names(project, brochure, lang, k, payload)) {
                        out.push(unlabelled(payload, block.at.clone(), lang));
                    }
                }
            }
        }
        out.extend(posts(project, brochure));
    }
    out
}

/// The posts' QR codes: a label and an alt text that name what it opens.
fn posts(project: &Project, brochure: &Brochure) -> Diagnostics {
    let mut out = Vec::new();
    for post in &brochure.social {
        let Some(payload) = post.qr.as_ref().map(|p| p.text.as_str()) else { continue };
        let Some(label) = &post.qr_label else {
            out.push(
                Diagnostic::blocker(Blocker::QrLabel, format!("post `{}` shows a QR code of `{payload}` without a label", post.id))
                    .at(post.at.clone())
                    .hint(format!("add `qr_label:` with a translation key whose text names `{}`", opened(payload))),
            );
            continue;
        };
        for lang in &brochure.languages {
            for (key, what) in [(label.as_str(), "label"), (post.alt.as_str(), "alt text")] {
                if !names(project, brochure, lang, key, payload) {
                    out.push(
                        Diagnostic::blocker(Blocker::QrLabel, format!("the {what} of post `{}`'s QR code does not name `{}`", post.id, opened(payload)))
                            .at_opt(table(project, brochure, lang).and_then(|t| t.location(key)))
                            .key(key)
                            .lang(lang)
                            .hint(format!("say in `{key}` that the code opens `{}`", opened(payload))),
                    );
                }
            }
        }
    }
    out
}

fn unlabelled(payload: &str, at: Location, lang: &str) -> Diagnostic {
    Diagnostic::blocker(Blocker::QrLabel, format!("the QR code of `{payload}` has no text beside it naming `{}`", opened(payload)))
        .at(at)
        .lang(lang)
        .hint(format!("put a `text:` block right before or after the code whose text names `{}` in every language", opened(payload)))
}

/// The key of a block that can label a code beside it.
fn label_key(block: &Block) -> Option<&str> {
    match &block.kind {
        BlockKind::Text { key, .. } | BlockKind::Callout { key } | BlockKind::Heading { key, .. } => Some(key),
        _ => None,
    }
}

/// The texts the brochure's edition in `lang` prints (a variant's own).
fn table<'a>(project: &'a Project, brochure: &'a Brochure, lang: &'a str) -> Option<&'a Translations> {
    Edition::new(project, brochure, lang).map(|e| e.table)
}

/// Whether the text of `key` in `lang` names what `payload` opens.
fn names(project: &Project, brochure: &Brochure, lang: &str, key: &str, payload: &str) -> bool {
    match table(project, brochure, lang).and_then(|t| t.entries.get(key)) {
        Some(Entry::Text(text)) => mentions(&text.text, payload),
        _ => false,
    }
}

/// What a reader looks for beside a code: the host of a web address
/// (without `www.`), or the number a `tel:` code dials.
pub fn opened(payload: &str) -> String {
    match payload.strip_prefix("tel:") {
        Some(number) => number.to_string(),
        None => {
            let rest = payload.split_once("://").map_or(payload, |(_, r)| r);
            let host = rest.split(['/', '?', '#']).next().unwrap_or(rest).to_lowercase();
            host.strip_prefix("www.").map(str::to_string).unwrap_or(host)
        }
    }
}

/// Whether `text` names what `payload` opens: its host, or its number's
/// digits in any of the digit sets.
pub fn mentions(text: &str, payload: &str) -> bool {
    let target = opened(payload);
    if payload.starts_with("tel:") {
        let wanted: String = target.chars().filter(char::is_ascii_digit).collect();
        let digits: String = text.chars().filter_map(|c| c.to_digit(10).or_else(|| eastern_digit(c))).filter_map(|d| char::from_digit(d, 10)).collect();
        !wanted.is_empty() && digits.contains(&wanted)
    } else {
        text.to_lowercase().contains(&target)
    }
}

/// The value of an Arabic-Indic or Persian digit.
fn eastern_digit(c: char) -> Option<u32> {
    match c {
        '\u{0660}'..='\u{0669}' => Some(c as u32 - 0x0660),
        '\u{06F0}'..='\u{06F9}' => Some(c as u32 - 0x06F0),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_label_names_the_host_or_the_number() {
        assert!(mentions("Göç İdaresi Başkanlığının sitesi www.goc.gov.tr: karekodu okutun", "https://www.goc.gov.tr"));
        assert!(mentions("GOC.GOV.TR", "https://www.goc.gov.tr/insan-ticareti"));
        assert!(!mentions("Göç İdaresi Başkanlığının sitesi: karekodu okutun", "https://www.goc.gov.tr"));
        assert!(mentions("Okutun, 157'yi arayın", "tel:157"));
        assert!(mentions("امسحوا الرمز للاتصال بـ ۱۵۷", "tel:157"));
        assert!(!mentions("Arayın: 175", "tel:157"));
        assert_eq!(opened("tel:+903124220700"), "+903124220700");
        assert!(mentions("+90 312 422 07 00", "tel:+903124220700"));
    }
}
