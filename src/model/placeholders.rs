//! Placeholders left in content: domains reserved for examples, phone
//! numbers made up for samples and pictures marked `placeholder: true`. A
//! leaflet printed with them sends readers nowhere (or to a stranger), so
//! each is a release blocker, with file, line, key and language.
//!
//! What counts as a placeholder:
//! - the domains RFC 2606 reserves for examples, `example.org`,
//!   `example.com`, `example.net` and their subdomains, and names under the
//!   reserved top-level domains `.example`, `.test` and `.invalid`;
//! - phone numbers whose subscriber part is `123 45 67`, the pattern the
//!   samples use, or
//!   `000 00 00`, with a space, dot or hyphen between the groups (a count
//!   such as `1234567` is not a phone number).

use std::sync::LazyLock;

use regex::Regex;

use super::{BlockKind, CONFIG_FILE, Project};
use crate::diag::{Blocker, Diagnostic, Diagnostics, Location};

/// Domains reserved for examples.
static DOMAIN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:[a-z0-9-]+\.)*(?:example\.(?:org|com|net)|[a-z0-9-]+\.(?:example|test|invalid))\b")
        .expect("valid placeholder domain pattern")
});

/// Subscriber numbers made up for samples.
static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:\+\d{1,3}[ .\-]?|0 )?(?:\(?\d{3,4}\)?[ .\-]?)?(?:123[ .\-]45[ .\-]67|000[ .\-]00[ .\-]00)\b")
        .expect("valid placeholder number pattern")
});

/// The placeholders in `text`, each with what it is.
pub fn find(text: &str) -> Vec<(&str, &'static str)> {
    let domains = DOMAIN.find_iter(text).map(|m| (m.as_str(), "a domain reserved for examples"));
    let numbers = NUMBER.find_iter(text).map(|m| (m.as_str().trim(), "a made-up sample phone number"));
    domains.chain(numbers).collect()
}

/// A blocker for every placeholder in the project's translations, contacts,
/// organisation and brochures.
pub fn check(project: &Project) -> Diagnostics {
    let mut out = Vec::new();
    for (lang, table) in &project.translations {
        for (key, entry) in &table.entries {
            for text in entry.all_texts() {
                let at = table.at(text);
                out.extend(find(&text.text).into_iter().map(|(found, what)| blocker(found, what, at.clone(), key).lang(lang)));
            }
        }
    }
    let config = &project.config;
    let settings = config.organisation.website.iter().map(|w| ("organisation.website".to_string(), w.as_str()));
    let numbers = config.contacts.iter().map(|(id, c)| (format!("contacts.{id}.number"), c.number.as_str()));
    for (key, text) in settings.chain(numbers) {
        out.extend(find(text).into_iter().map(|(found, what)| blocker(found, what, Location::file(CONFIG_FILE), &key)));
    }
    out.extend(assets(project));
    out.extend(project.brochures.iter().filter_map(|b| b.variant.as_deref()).flat_map(variant));
    out
}

/// A blocker for every placeholder a variant's row gives: its texts and
/// its contact numbers, each at its cell.
fn variant(variant: &super::variant::Variant) -> Diagnostics {
    let mut out = Vec::new();
    for (lang, table) in &variant.tables {
        for (key, entry) in &table.entries {
            for text in entry.all_texts().into_iter().filter(|t| t.file.is_some()) {
                out.extend(find(&text.text).into_iter().map(|(found, what)| blocker(found, what, table.at(text), key).lang(lang)));
            }
        }
    }
    for (id, at) in &variant.numbers_at {
        let Some(contact) = variant.contacts.get(id) else { continue };
        out.extend(find(&contact.number).into_iter().map(|(found, what)| blocker(found, what, at.clone(), &format!("contacts.{id}.number"))));
    }
    out
}

/// A blocker for every picture or row of logos marked `placeholder: true`.
fn assets(project: &Project) -> Diagnostics {
    let marked = project.brochures.iter().flat_map(|b| b.blocks()).filter(|b| b.placeholder);
    marked
        .map(|block| {
            let what = match &block.kind {
                BlockKind::Image { path, .. } => format!("`{}`", path.display()),
                BlockKind::Partners(p) => p.logos.iter().map(|l| format!("`{}`", l.display())).collect::<Vec<_>>().join(", "),
                _ => "this block".into(),
            };
            Diagnostic::blocker(Blocker::Placeholder, format!("{what} is marked as a placeholder"))
                .at(block.at.clone())
                .hint("put the real picture or logos in its place and remove `placeholder: true`")
        })
        .collect()
}

fn blocker(found: &str, what: &str, at: Location, key: &str) -> Diagnostic {
    Diagnostic::blocker(Blocker::Placeholder, format!("placeholder `{found}`: {what}"))
        .at(at)
        .key(key)
        .hint("replace it with the real address or number before printing (README: \"From draft to release\")")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        find(text).into_iter().map(|(f, _)| f).collect()
    }

    #[test]
    fn example_domains_and_sample_numbers_are_found() {
        let text = "Arayın: +90 342 123 45 67, yazın: destek@example.org, bakın: www.example.com/destek, sinir.test";
        assert_eq!(found(text), vec!["example.org", "www.example.com", "sinir.test", "+90 342 123 45 67"]);
        assert_eq!(found("0 (312) 123-45-67 ya da 0312 000 00 00"), vec!["0 (312) 123-45-67", "0312 000 00 00"]);
    }

    #[test]
    fn real_numbers_and_domains_are_not_placeholders() {
        let text = "157, 112, ALO 183, www.goc.gov.tr, +90 312 422 07 00, 1234567 kişi";
        assert!(found(text).is_empty(), "{:?}", found(text));
    }
}
