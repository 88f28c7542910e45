//! An edition: one brochure in one language, resolved once. Every later
//! stage takes an [`Edition`] instead of a language code, so no stage
//! looks the language up again.

use std::collections::BTreeMap;

use super::config::{Contact, Language};
use super::{Brochure, Direction, Digits, Project, Translations};

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
    /// The language's text table.
    pub table: &'a Translations,
    /// The project's contacts, by id.
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
            fonts: project.config.fonts.get(&language.fonts)?,
            table: project.translations.get(lang)?,
            contacts: &project.config.contacts,
        })
    }

    /// The writing direction.
    pub fn dir(&self) -> Direction {
        self.language.dir
    }

    /// The digits of running text.
    pub fn digits(&self) -> Digits {
        self.language.digits
    }

    /// `<brochure>-<lang>`, the edition's name in file names and PDF ids.
    pub fn ident(&self) -> String {
        format!("{}-{}", self.brochure.id, self.lang)
    }
}

impl Project {
    /// Every edition of every brochure, in brochure and language order.
    pub fn editions(&self) -> Vec<Edition<'_>> {
        self.brochures.iter().flat_map(|b| b.languages.iter().filter_map(move |l| Edition::new(self, b, l))).collect()
    }
}
