//! The strings of one edition, looked up in its table, prepared for layout
//! and checked against its fonts.

use super::{BlockData, outline_levels};
use crate::diag::{Diagnostics, Location};
use crate::fonts::FontSet;
use crate::model::translations::{Entry, Text};
use crate::model::edition::ORGANISATION_NAME;
use crate::model::{Case, Direction, Edition};
use crate::prepare::coverage::{self, FontChain};
use crate::prepare::{Lines, Run, TextContext, prepare_text};

/// Looks up, prepares and checks the strings of one edition.
pub struct Texts<'a> {
    edition: Edition<'a>,
    chain: Option<FontChain<'a>>,
    /// The project's fonts, for text set in another language's chain.
    fonts: Option<&'a FontSet>,
    phones: Vec<String>,
    /// Characters the fonts lack that a message named already.
    lacking: Vec<char>,
    /// What preparing found so far.
    pub diagnostics: Diagnostics,
}

impl<'a> Texts<'a> {
    /// The texts of `edition`, checked against its font chain in `fonts`.
    pub fn new(edition: Edition<'a>, fonts: &'a FontSet) -> Texts<'a> {
        let chain = FontChain::new(fonts, &edition.language.rules.fonts, edition.fonts);
        Texts { chain: Some(chain), fonts: Some(fonts), ..Texts::unset(edition) }
    }

    /// The texts of `edition` for plain-text files (alt text, captions),
    /// which no font of kalem's sets, so their glyphs are not checked.
    pub fn unset(edition: Edition<'a>) -> Texts<'a> {
        Texts { edition, chain: None, fonts: None, phones: edition.contacts.values().map(|c| c.number.clone()).collect(), lacking: Vec::new(), diagnostics: Vec::new() }
    }

    /// The edition the texts are of.
    pub fn edition(&self) -> Edition<'a> {
        self.edition
    }

    /// Prepares one printed string and checks its glyphs.
    pub fn prepare(&mut self, key: &str, text: &Text, case: Option<Case>) -> Vec<Run> {
        let location = self.edition.table.at(text);
        self.prepare_at(key, &text.text, location, case, Lines::Set)
    }

    /// Prepares a string found at `location` whose lines `lines` breaks;
    /// strings kalem sets are also checked against the fonts (metadata such
    /// as titles and image descriptions is not set).
    fn prepare_at(&mut self, key: &str, text: &str, location: Location, case: Option<Case>, lines: Lines) -> Vec<Run> {
        self.prepare_in(key, text, location, case, lines, None)
    }

    /// [`Self::prepare_at`], for text in its own script: in the direction
    /// and checked against the font chain `own` gives (the chain, when
    /// known), instead of the edition's.
    fn prepare_in(&mut self, key: &str, text: &str, location: Location, case: Option<Case>, lines: Lines, own: Option<(Direction, Option<&FontChain>)>) -> Vec<Run> {
        let printed = lines != Lines::Elsewhere;
        let (dir, chain) = own.unwrap_or((self.edition.dir(), None));
        let ctx = TextContext {
            lang: self.edition.lang,
            dir,
            digits: self.edition.digits(),
            quotes: &self.edition.language.rules.quotes,
            case,
            key,
            location,
            phones: &self.phones,
            lines: if self.chain.is_some() { lines } else { Lines::Elsewhere },
        };
        let prepared = prepare_text(text, &ctx);
        self.diagnostics.extend(prepared.diagnostics);
        if let Some(chain) = chain.or(self.chain.as_ref()).filter(|_| printed) {
            self.diagnostics.extend(coverage::check(&prepared.runs, chain, &ctx, &mut self.lacking));
        }
        prepared.runs
    }

    /// The runs of a text key. Validation made sure it exists.
    pub fn runs(&mut self, key: &str, case: Option<Case>) -> Vec<Run> {
        match self.edition.table.entries.get(key) {
            Some(Entry::Text(t)) => self.prepare(key, t, case),
            _ => Vec::new(),
        }
    }

    /// The items of a list key, each prepared. Validation made sure it
    /// exists.
    pub fn list(&mut self, key: &str) -> Vec<Vec<Run>> {
        match self.edition.table.entries.get(key) {
            Some(Entry::List(items)) => items.iter().map(|t| self.prepare(key, t, None)).collect(),
            _ => Vec::new(),
        }
    }

    /// The rows of a table key, each cell prepared.
    pub fn rows(&mut self, key: &str) -> Vec<Vec<Vec<Run>>> {
        match self.edition.table.entries.get(key) {
            Some(Entry::Rows(rows)) => rows
                .iter()
                .map(|row| {
                    row.iter()
                        .map(|t| self.prepare_at(key, &t.text, self.edition.table.at(t), None, Lines::Cell))
                        .collect()
                })
                .collect(),
            _ => Vec::new(),
        }
    }

    /// The strings of a list key, unprepared.
    pub fn raw_items(&self, key: &str) -> Vec<String> {
        match self.edition.table.entries.get(key) {
            Some(Entry::List(items)) => items.iter().map(|t| t.text.clone()).collect(),
            _ => Vec::new(),
        }
    }

    /// The entry of a text key, unprepared.
    pub fn raw(&self, key: &str) -> Option<&'a Text> {
        match self.edition.table.entries.get(key) {
            Some(Entry::Text(t)) => Some(t),
            _ => None,
        }
    }

    /// Where a key stands in the translation file.
    pub fn location(&self, key: &str) -> Option<Location> {
        self.edition.table.location(key)
    }

    /// The text of a key as one plain string, for metadata (not checked
    /// against the fonts: it is not set).
    pub fn plain(&mut self, key: &str) -> String {
        match self.raw(key) {
            Some(t) => {
                let location = self.edition.table.at(t);
                self.prepare_at(key, &t.text, location, None, Lines::Elsewhere).into_iter().map(|r| r.text).collect()
            }
            None => String::new(),
        }
    }

    /// A person's name set in its own script: in the direction of its
    /// first letter, with the font chain of the first language whose fonts
    /// set every letter of it (languages of the name's script first, the
    /// edition's own first among equals, then the project's in order), and
    /// checked against that chain.
    pub fn name(&mut self, key: &str) -> BlockData {
        let edition = self.edition;
        let text = self.raw(key).map(|t| (t.text.as_str(), edition.table.at(t)));
        let (text, location) = text.unwrap_or(("", Location::file(&edition.table.file)));
        let first = text.chars().find(|c| c.is_alphabetic());
        let dir = match first {
            Some(c) if crate::prepare::script::is_arabic(c) => Direction::Rtl,
            Some(_) => Direction::Ltr,
            None => edition.dir(),
        };
        let config = &edition.project.config;
        let script = first.and_then(crate::prepare::script::iso15924);
        let mut languages: Vec<&crate::model::config::Language> = std::iter::once(edition.lang.to_string()).chain(config.language_order()).filter_map(|l| config.languages.get(&l)).collect();
        languages.sort_by_key(|l| l.rules.locale.script.as_deref() != script);
        let mut chosen = None;
        for language in languages {
            let (Some(families), Some(fonts)) = (config.fonts.get(&language.rules.fonts), self.fonts) else { continue };
            let chain = FontChain::new(fonts, &language.rules.fonts, families);
            if chain.missing(text).is_empty() {
                chosen = Some((language.rules.locale.language.clone(), families.clone(), chain));
                break;
            }
        }
        let (lang, fonts, chain) = match chosen {
            Some((lang, fonts, chain)) => (lang, fonts, Some(chain)),
            None => (edition.language.rules.locale.language.clone(), edition.fonts.to_vec(), None),
        };
        let runs = self.prepare_in(key, text, location, None, Lines::Set, Some((dir, chain.as_ref())));
        BlockData::Name { runs, dir: super::dir_name(dir), fonts, lang }
    }

    /// The publisher's name in the edition's language, prepared and
    /// checked like any printed text.
    pub fn organisation(&mut self) -> Vec<Run> {
        let (name, location) = self.edition.organisation();
        self.prepare_at(ORGANISATION_NAME, name, location, None, Lines::Set)
    }

    /// The data of the blocks of `blocks` in a column `width` mm wide,
    /// their headings numbered for the outline.
    pub fn blocks<'b>(&mut self, blocks: impl IntoIterator<Item = &'b crate::model::Block>, width: f64) -> Vec<BlockData> {
        let mut data: Vec<BlockData> = blocks.into_iter().map(|b| self.block(&b.kind, width)).collect();
        outline_levels(&mut data);
        data
    }
}
