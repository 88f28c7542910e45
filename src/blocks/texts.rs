//! The strings of one edition, looked up in its table, prepared for layout
//! and checked against its fonts.

use super::{BlockData, outline_levels};
use crate::diag::{Diagnostics, Location};
use crate::fonts::FontSet;
use crate::model::translations::{Entry, Text};
use crate::model::edition::ORGANISATION_NAME;
use crate::model::{Case, Edition};
use crate::prepare::coverage::{self, FontChain};
use crate::prepare::{Run, TextContext, prepare_text};

/// Looks up, prepares and checks the strings of one edition.
pub struct Texts<'a> {
    edition: Edition<'a>,
    chain: Option<FontChain<'a>>,
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
        Texts { chain: Some(chain), ..Texts::unset(edition) }
    }

    /// The texts of `edition` for plain-text files (alt text, captions),
    /// which no font of kalem's sets, so their glyphs are not checked.
    pub fn unset(edition: Edition<'a>) -> Texts<'a> {
        Texts { edition, chain: None, phones: edition.contacts.values().map(|c| c.number.clone()).collect(), lacking: Vec::new(), diagnostics: Vec::new() }
    }

    /// The edition the texts are of.
    pub fn edition(&self) -> Edition<'a> {
        self.edition
    }

    /// Prepares one printed string and checks its glyphs.
    pub fn prepare(&mut self, key: &str, text: &Text, case: Option<Case>) -> Vec<Run> {
        let location = Location::at(&self.edition.table.file, text.line, text.column);
        self.prepare_at(key, &text.text, location, case, true)
    }

    /// Prepares a string found at `location`; printed strings are also
    /// checked against the fonts (metadata such as titles and image
    /// descriptions is not set).
    fn prepare_at(&mut self, key: &str, text: &str, location: Location, case: Option<Case>, printed: bool) -> Vec<Run> {
        let ctx = TextContext {
            lang: self.edition.lang,
            dir: self.edition.dir(),
            digits: self.edition.digits(),
            quotes: &self.edition.language.rules.quotes,
            case,
            key,
            location,
            phones: &self.phones,
        };
        let prepared = prepare_text(text, &ctx);
        self.diagnostics.extend(prepared.diagnostics);
        if let Some(chain) = self.chain.as_ref().filter(|_| printed) {
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
            Some(Entry::Rows(rows)) => rows.iter().map(|row| row.iter().map(|t| self.prepare(key, t, None)).collect()).collect(),
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
                let location = Location::at(&self.edition.table.file, t.line, t.column);
                self.prepare_at(key, &t.text, location, None, false).into_iter().map(|r| r.text).collect()
            }
            None => String::new(),
        }
    }

    /// The publisher's name in the edition's language, prepared and
    /// checked like any printed text.
    pub fn organisation(&mut self) -> Vec<Run> {
        let (name, location) = self.edition.organisation();
        self.prepare_at(ORGANISATION_NAME, name, location, None, true)
    }

    /// The data of the blocks of `blocks` in a column `width` mm wide,
    /// their headings numbered for the outline.
    pub fn blocks<'b>(&mut self, blocks: impl IntoIterator<Item = &'b crate::model::Block>, width: f64) -> Vec<BlockData> {
        let mut data: Vec<BlockData> = blocks.into_iter().map(|b| self.block(&b.kind, width)).collect();
        outline_levels(&mut data);
        data
    }
}
