//! What kalem exchanges with translators' tools: per language, the units
//! with their source, translation, state and the notes a translator
//! reads. The formats (XLIFF 1.2, PO) are written by
//! [`crate::export`] and read by [`crate::load`]; this is the shape
//! between them and the lock files.

use super::staleness::{Standing, UnitStatus};
use super::units::UnitId;

/// A unit's state, as XLIFF 1.2 names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    /// Not translated, and never was.
    New,
    /// Not translated any more: it was once (the record says so).
    NeedsTranslation,
    /// Translated from a source text that has changed since.
    NeedsReview,
    /// Translated, not reviewed.
    Translated,
    /// Reviewed.
    Final,
}

impl State {
    /// The state of a unit standing so.
    pub fn of(status: &UnitStatus) -> State {
        match (status.standing, status.record) {
            (Standing::Missing, None) => State::New,
            (Standing::Missing, Some(_)) => State::NeedsTranslation,
            (Standing::Stale, _) => State::NeedsReview,
            (Standing::Unreviewed(_), _) => State::Translated,
            (Standing::Reviewed, _) => State::Final,
        }
    }

    /// XLIFF 1.2's name of the state.
    pub fn xliff(self) -> &'static str {
        match self {
            State::New => "new",
            State::NeedsTranslation => "needs-translation",
            State::NeedsReview => "needs-review-translation",
            State::Translated => "translated",
            State::Final => "final",
        }
    }

    /// The state an XLIFF 1.2 `state` value (or its absence) means on
    /// import; the `x-` values of tools count as translated.
    pub fn from_xliff(value: Option<&str>) -> State {
        match value {
            Some("new") => State::New,
            Some("needs-translation") => State::NeedsTranslation,
            Some(v) if v.starts_with("needs-") => State::NeedsReview,
            Some("final" | "signed-off") => State::Final,
            _ => State::Translated,
        }
    }

    /// Whether a translator confirmed a unit in this state: fuzzy and
    /// needs-review units are imported, but remain what they were.
    pub fn confirmed(self) -> bool {
        matches!(self, State::Translated | State::Final)
    }
}

/// One unit as exchanged.
#[derive(Debug, Clone, PartialEq)]
pub struct Unit {
    /// Its id: `key`, `key#3`, `key#2.1`.
    pub id: UnitId,
    /// The source-language text.
    pub source: String,
    /// The translation, if there is one.
    pub target: Option<String>,
    /// Its state.
    pub state: State,
    /// For a stale unit, the source text it was translated from.
    pub previous: Option<String>,
    /// What a translator should know: where it appears, what to keep.
    pub notes: Vec<String>,
}

/// The units of one language.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// The source language.
    pub source_lang: String,
    /// The language translated into.
    pub target_lang: String,
    /// The translation file the units belong to, relative to the project.
    pub original: String,
    /// The units, in id order.
    pub units: Vec<Unit>,
}

impl Document {
    /// The first unit holding a character XLIFF and PO cannot carry (a
    /// control character other than tab and line breaks), named.
    pub fn unwritable(&self) -> Option<String> {
        self.units.iter().find_map(|u| {
            let texts = [Some(&u.source), u.target.as_ref(), u.previous.as_ref()];
            let c = texts.into_iter().flatten().flat_map(|t| t.chars()).find(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))?;
            Some(format!("`{}` holds U+{:04X}, a control character XLIFF and PO cannot carry; remove it from the translation file", u.id, c as u32))
        })
    }
}
