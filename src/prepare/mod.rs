//! Preparing text for layout: every decision about language and script is
//! made here, on plain strings, before anything reaches typst.
//!
//! The result of preparing a string is a list of [`Run`]s. The template
//! places runs as they are; a run marked `ltr` is set as one left-to-right
//! unit, which keeps phone numbers, URLs and e-mail addresses readable inside
//! right-to-left sentences.

use serde::Serialize;
use unicode_normalization::UnicodeNormalization;

use crate::diag::{Diagnostics, Location};
use crate::model::{Case, Digits, Direction};

/// A piece of text the template sets in one go.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Run {
    /// The text.
    pub text: String,
    /// Set as an isolated left-to-right unit.
    pub ltr: bool,
    /// Set in bold.
    pub strong: bool,
}

impl Run {
    /// A plain run that follows the paragraph's direction.
    pub fn plain(text: impl Into<String>) -> Run {
        Run { text: text.into(), ltr: false, strong: false }
    }
}

/// What preparing a string needs to know about it.
#[derive(Debug, Clone)]
pub struct TextContext<'a> {
    /// Language code.
    pub lang: &'a str,
    /// The language's direction.
    pub dir: Direction,
    /// Digits for running text.
    pub digits: Digits,
    /// Letter case to apply, if any.
    pub case: Option<Case>,
    /// The translation key.
    pub key: &'a str,
    /// Where the string stands, for warnings.
    pub location: Location,
}

/// A prepared string and what preparing it found.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Prepared {
    /// The runs, in logical order.
    pub runs: Vec<Run>,
    /// Warnings and errors about the string.
    pub diagnostics: Diagnostics,
}

/// Prepares one translated string for layout.
pub fn prepare_text(raw: &str, _ctx: &TextContext) -> Prepared {
    let normalized: String = raw.nfc().collect();
    Prepared { runs: vec![Run::plain(normalized)], diagnostics: Vec::new() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_normalized_to_nfc() {
        let ctx = TextContext {
            lang: "tr",
            dir: Direction::Ltr,
            digits: Digits::Latin,
            case: None,
            key: "k",
            location: Location::file("t.yaml"),
        };
        // "I" followed by a combining dot above is "İ" in NFC.
        let prepared = prepare_text("I\u{307}stanbul", &ctx);
        assert_eq!(prepared.runs, vec![Run::plain("İstanbul")]);
    }
}
