//! An edition: one brochure in one language, resolved once. Every later
//! stage takes an [`Edition`] instead of a language code, so no stage
//! looks the language up again.

use std::collections::BTreeMap;

use super::config::{Contact, Language};
use super::{Brochure, CONFIG_FILE, Direction, Digits, Project, Translations};
use crate::diag::{Diagnostic, Location};

/// The translation key of the organisation's name in each language; the
/// name in `kalem.yaml` is the source language's.
pub const ORGANISATION_NAME: &str = "organisation.name";

/// One brochure in one language, with everything language-dependent
/// resolved: direction, digits, fonts, text table and contacts.
#[derive(Debug, Clone, Copy)]
pub struct Edition<'a> {
    /// The project.
    pub project: &'a Project,
    /// The brochure.
    pub brochure: &'a Brochure,
    /// The language code.
    pub lang: &'a str,
    /// The language's settings.
    pub language: &'a Language,
    /// The language's font families, first choice first.
    pub fonts: &'a [String],
    /// The language's text table (with a variant's texts).
    pub table: &'a Translations,
    /// The project's contacts, by id (with a variant's numbers).
    pub contacts: &'a BTreeMap<String, Contact>,
}

impl<'a> Edition<'a> {
    /// The edition of `brochure` in `lang`; none when the project has no
    /// such language or table (validation makes sure it has).
    pub fn new(project: &'a Project, brochure: &'a Brochure, lang: &'a str) -> Option<Edition<'a>> {
        let language = project.config.languages.get(lang)?;
        Some(Edition {
            project,
            brochure,
            lang,
            language,
            fonts: project.config.fonts.get(&language.rules.fonts)?,
            table: match &brochure.variant {
                Some(v) => v.tables.get(lang)?,
                None => project.translations.get(lang)?,
            },
            contacts: brochure.variant.as_ref().map_or(&project.config.contacts, |v| &v.contacts),
        })
    }

    /// The writing direction.
    pub fn dir(&self) -> Direction {
        self.language.rules.dir
    }

    /// The digits of running text.
    pub fn digits(&self) -> Digits {
        self.language.rules.digits
    }

    /// The organisation's name in the edition's language, with where it is
    /// written: its translation, else the name in `kalem.yaml`.
    pub fn organisation(&self) -> (&'a str, Location) {
        match self.table.entries.get(ORGANISATION_NAME) {
            Some(super::translations::Entry::Text(t)) => (&t.text, self.table.at(t)),
            _ => (&self.project.config.organisation.name, Location::file(CONFIG_FILE)),
        }
    }

    /// A warning when the edition prints the organisation's name (in a
    /// document's footer or on a post) but its language has no translation
    /// of it, so the source language's name is printed instead.
    pub fn untranslated_names(&self) -> Option<Diagnostic> {
        let config = &self.project.config;
        let prints = !self.brochure.content.is_empty() || !self.brochure.social.is_empty();
        if !prints || self.lang == config.source_language || self.table.entries.contains_key(ORGANISATION_NAME) {
            return None;
        }
        Some(
            Diagnostic::warning(format!(
                "the organisation's name is not translated into {}, so `{}` is printed as written in {CONFIG_FILE}",
                self.lang, config.organisation.name
            ))
            .at(Location::file(&self.table.file))
            .key(ORGANISATION_NAME)
            .lang(self.lang)
            .hint(format!("add `organisation:` with `name: …` (the name in {}) to {}", self.language.name, self.table.file.display())),
        )
    }

    /// The variant's id, when the brochure is made from a variant table.
    pub fn variant(&self) -> Option<&'a str> {
        self.brochure.variant_id()
    }

    /// `<brochure>-<lang>` (`<brochure>-<variant>-<lang>`), the edition's
    /// name in file names and PDF ids.
    pub fn ident(&self) -> String {
        format!("{}-{}", super::variant::file_stem(&self.brochure.key()), self.lang)
    }
}

impl Project {
    /// Every edition of every brochure, in brochure and language order.
    pub fn editions(&self) -> Vec<Edition<'_>> {
        self.brochures.iter().flat_map(|b| b.languages.iter().filter_map(move |l| Edition::new(self, b, l))).collect()
    }
}
