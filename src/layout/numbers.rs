//! The numbers report: every phone number, web address and e-mail address
//! an edition prints, found by preparing its strings as layout does (the
//! same [`Texts`], the same runs and link targets), and the keys whose
//! numbers in a translation differ from the source language's.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::blocks::texts::Texts;
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::qr::{self, Expected};
use crate::model::{BlockKind, Edition, Project};
use crate::prepare::link::ascii_digit;
use crate::prepare::{Kind, Run};

/// One phone number, web address or e-mail address an output prints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Printed {
    /// Brochure id.
    pub brochure: String,
    /// Language code.
    pub lang: String,
    /// The translation key it is written in, `contacts.<id>.number` for a
    /// contact's number, or where the brochure places a QR code
    /// (`panels.<panel>.qr`, `social.<post>.qr`).
    pub key: String,
    /// `phone`, `url` or `email`.
    pub kind: Kind,
    /// As printed.
    pub text: String,
    /// What it dials or opens: `tel:…`, `mailto:…`, `https://…`.
    pub target: Option<String>,
}

/// Every number and address `edition` prints, each once per key: those in
/// the strings of `keys` (the translation keys its brochure uses), then
/// its contacts' and what its QR codes encode.
pub fn printed(edition: Edition, keys: &BTreeSet<String>) -> Vec<Printed> {
    let mut texts = Texts::unset(edition);
    let mut found = Vec::new();
    let mut push = |key: &str, runs: Vec<Run>| {
        let new = runs.into_iter().filter(|r| matches!(r.kind, Kind::Phone | Kind::Url | Kind::Email)).map(|r| Printed {
            brochure: edition.brochure.key(),
            lang: edition.lang.to_string(),
            key: key.to_string(),
            kind: r.kind,
            text: r.text,
            target: r.link,
        });
        for p in new {
            if !found.contains(&p) {
                found.push(p);
            }
        }
    };
    for key in keys {
        for text in edition.table.entries.get(key).map(|e| e.all_texts()).unwrap_or_default() {
            let runs = texts.prepare(key, text, None);
            push(key, runs);
        }
    }
    for id in listed_contacts(&edition) {
        if let Some(contact) = edition.contacts.get(&id) {
            push(&format!("contacts.{id}.number"), vec![Run::of(Kind::Phone, contact.number.clone())]);
        }
    }
    let posts = edition.brochure.social.iter().filter_map(qr::post_code);
    for Expected { place, payload } in qr::printed_codes(edition.brochure).into_iter().chain(posts) {
        let kind = if payload.text.starts_with("tel:") { Kind::Phone } else { Kind::Url };
        push(&place, vec![Run { link: Some(payload.text.clone()), ..Run::of(kind, payload.text) }]);
    }
    found
}

/// The contacts an edition's brochure lists, in block and post order,
/// each once.
fn listed_contacts(edition: &Edition) -> Vec<String> {
    let brochure = edition.brochure;
    let in_blocks = brochure.blocks().filter_map(|b| match &b.kind {
        BlockKind::Contacts { ids } => Some(ids.clone()),
        _ => None,
    });
    let in_posts = brochure.social.iter().filter_map(|p| p.contact.clone()).map(|id| vec![id]);
    let mut seen = BTreeSet::new();
    in_blocks.chain(in_posts).flatten().filter(|id| seen.insert(id.clone())).collect()
}

/// Every number and address every edition of `project` prints, with a
/// warning for each key whose phone numbers in a translation differ from
/// its source language's (a translator who typed `175` for `157`). `used`
/// holds the translation keys of each brochure, by id.
pub fn report(project: &Project) -> (Vec<Printed>, Diagnostics) {
    let (mut all, mut warnings) = (Vec::new(), Vec::new());
    for brochure in &project.brochures {
        let keys = &brochure.used_keys;
        let source = Edition::new(project, brochure, &project.config.source_language).map(|e| printed(e, &keys)).unwrap_or_default();
        let editions: Vec<Printed> = brochure.languages.iter().filter_map(|l| Edition::new(project, brochure, l)).flat_map(|e| printed(e, &keys)).collect();
        for warning in mismatches(project, &editions, &source) {
            if !warnings.contains(&warning) {
                warnings.push(warning);
            }
        }
        all.extend(editions);
    }
    (all, warnings)
}

/// A warning for every key whose phone numbers in a translation are not
/// the ones its source language's text dials: a translator who typed `175`
/// for `157`, or a number written so that kalem does not see it as one
/// (and prints it without a link). `printed` is the report of every
/// edition of one brochure, `source` that of its source language.
fn mismatches(project: &Project, printed: &[Printed], source: &[Printed]) -> Diagnostics {
    let source_lang = &project.config.source_language;
    let phones = |list: &[Printed], lang: &str| {
        let mut by_key: BTreeMap<String, BTreeMap<Option<String>, String>> = BTreeMap::new();
        for p in list.iter().filter(|p| p.kind == Kind::Phone && p.lang == lang) {
            by_key.entry(p.key.clone()).or_default().entry(p.target.clone()).or_insert_with(|| p.text.clone());
        }
        by_key
    };
    let theirs = phones(source, source_lang);
    let languages: BTreeSet<&str> = printed.iter().map(|p| p.lang.as_str()).filter(|l| l != source_lang).collect();
    let mut found = Vec::new();
    for lang in languages {
        let ours = phones(printed, lang);
        let keys: BTreeSet<&String> = ours.keys().chain(theirs.keys()).collect();
        for key in keys {
            let (mine, source_numbers) = (ours.get(key).cloned().unwrap_or_default(), theirs.get(key).cloned().unwrap_or_default());
            if mine.keys().eq(source_numbers.keys()) {
                continue;
            }
            let table = project.translations.get(lang);
            let written = if mine.is_empty() {
                let groups = table.and_then(|t| t.entries.get(key.as_str())).map(|e| digit_groups(e.all_texts().iter().map(|t| t.text.as_str()))).unwrap_or_default();
                if groups.is_empty() { "no phone number".to_string() } else { format!("no phone number kalem recognises (its digits read {})", listed(groups.iter())) }
            } else {
                listed(mine.values())
            };
            let dialled = if source_numbers.is_empty() { "none".to_string() } else { listed(source_numbers.values()) };
            found.push(
                Diagnostic::warning(format!("the {lang} text of `{key}` has {written}, where the {source_lang} text dials {dialled}"))
                    .at_opt(table.and_then(|t| t.location(key)))
                    .key(key.as_str())
                    .lang(lang)
                    .hint(format!("check every number against the {source_lang} text and write it as there: a mistyped hotline is dialled by everyone who reads it")),
            );
        }
    }
    found
}

/// `a`, `b`: items as a message lists them.
fn listed<'a>(items: impl Iterator<Item = &'a String>) -> String {
    items.map(|i| format!("`{i}`")).collect::<Vec<_>>().join(", ")
}

/// The groups of three or more digits (of any script) in `texts`, for a
/// message about a number that was not recognised as one.
fn digit_groups<'a>(texts: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut groups = Vec::new();
    for text in texts {
        let mut current = String::new();
        for c in text.chars().chain([' ']) {
            if ascii_digit(c).is_some() {
                current.push(c);
            } else if !current.is_empty() {
                if current.chars().count() >= 3 && !groups.contains(&current) {
                    groups.push(current.clone());
                }
                current.clear();
            }
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digit_groups_of_any_script_are_named_once() {
        let groups = digit_groups(["با ۱۷۵ تماس", "اتصل بـ175 أو 175، 12"].into_iter());
        assert_eq!(groups, vec!["۱۷۵".to_string(), "175".to_string()]);
        assert_eq!(listed(groups.iter()), "`۱۷۵`, `175`");
    }
}
