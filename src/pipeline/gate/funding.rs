//! A funded project's outputs say who funds them: every brochure carries
//! the funder block (emblem, statement, disclaimer) and every caption the
//! statement, in the output's language.

use crate::diag::{Blocker, Diagnostic, Diagnostics};
use crate::model::config::{Funder, Funding};
use crate::model::translations::{Entry, Translations};
use crate::model::{BlockKind, Brochure, EU_STATEMENT, Project};

/// A blocker for every brochure without the funder block and every
/// caption without the statement, when `kalem.yaml` declares `funding:`.
pub fn check(project: &Project) -> Diagnostics {
    let Some(funding) = &project.config.funding else { return Vec::new() };
    let mut out = Vec::new();
    for brochure in &project.brochures {
        if !has_funder_block(brochure, funding) {
            out.push(
                Diagnostic::blocker(Blocker::Funding, format!("brochure `{}` of a funded project has no funder block", brochure.id))
                    .at(brochure.blocks_at.clone())
                    .key(&funding.disclaimer)
                    .hint(format!("add a `partners:` block with `eu: true` and `disclaimer: {}`, which prints the emblem, `{}` and the disclaimer", funding.disclaimer, funding.statement)),
            );
        }
        for post in &brochure.social {
            for lang in &brochure.languages {
                // A variant's table: its row may give the caption.
                let Some(table) = crate::model::Edition::new(project, brochure, lang).map(|e| e.table) else { continue };
                if let Some(d) = caption_without_statement(table, &post.caption, &funding.statement) {
                    out.push(d.hint(format!("add the sentence of `{}` to the caption of post `{}`", funding.statement, post.id)));
                }
            }
        }
    }
    out
}

/// Whether the brochure prints the funder's emblem with the statement and
/// the disclaimer.
pub fn has_funder_block(brochure: &Brochure, funding: &Funding) -> bool {
    brochure.blocks().any(|b| match &b.kind {
        BlockKind::Partners(p) => {
            let emblem = match funding.funder {
                Funder::Eu => p.eu && funding.statement == EU_STATEMENT,
            };
            emblem && p.disclaimer.as_deref() == Some(funding.disclaimer.as_str())
        }
        _ => false,
    })
}

/// A blocker when the caption at `caption` does not contain the text of
/// `statement` (spaces and line breaks aside).
fn caption_without_statement(table: &Translations, caption: &str, statement: &str) -> Option<Diagnostic> {
    let text = |key: &str| match table.entries.get(key) {
        Some(Entry::Text(t)) => Some(squeeze(&t.text)),
        _ => None,
    };
    let (said, wanted) = (text(caption)?, text(statement)?);
    let wanted = wanted.trim_end_matches(['.', '۔']);
    (!said.contains(wanted)).then(|| {
        Diagnostic::blocker(Blocker::Funding, format!("caption `{caption}` does not say `{wanted}`"))
            .at_opt(table.location(caption))
            .key(caption)
            .lang(&table.lang)
    })
}

/// `text` with every run of white space made one space.
fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn white_space_does_not_hide_the_statement() {
        assert_eq!(squeeze("a\n  b\tc"), "a b c");
    }
}
