//! Stale and unreviewed translations block a release of their language:
//! each unit an edition prints whose source changed since it was
//! translated, or that nobody has reviewed, is a [`Blocker::Translation`]
//! naming the translation's place, the unit, the language and the source
//! text then and now.

use std::collections::BTreeSet;

use crate::diag::{Blocker, Diagnostic, Diagnostics, Location};
use crate::model::Project;
use crate::model::lock::Lock;
use crate::model::staleness::{Standing, UnitStatus, Why, statuses};
use crate::model::translations::Translations;

/// The blockers of every language but the source language.
pub fn check(project: &Project) -> Diagnostics {
    let source_lang = &project.config.source_language;
    let Some(source) = project.translations.get(source_lang) else { return Vec::new() };
    let units = source.units();
    let mut found = Vec::new();
    for (lang, lock) in &project.locks {
        let used: BTreeSet<&str> = project.brochures.iter().filter(|b| b.languages.contains(lang)).flat_map(|b| b.used_keys.iter().map(String::as_str)).collect();
        let Some(target) = project.translations.get(lang).filter(|_| !used.is_empty()) else { continue };
        let all = statuses(&units, target, lock);
        let open: Vec<&UnitStatus> = all.iter().filter(|s| used.contains(s.id.key.as_str()) && blocks(s.standing)).collect();
        if lock.records.is_empty() && !open.is_empty() {
            found.push(unrecorded(lock, target, open.len()));
            continue;
        }
        found.extend(open.into_iter().map(|s| blocker(s, source, target, lock)));
    }
    found
}

/// Whether a unit standing so blocks a release.
fn blocks(standing: Standing) -> bool {
    matches!(standing, Standing::Stale | Standing::Unreviewed(_))
}

/// One blocker for a language without any record yet.
fn unrecorded(lock: &Lock, target: &Translations, count: usize) -> Diagnostic {
    Diagnostic::blocker(Blocker::Translation, format!("no {} translation has been reviewed: {} has no record of {count} unit(s) the outputs print", lock.lang, lock.file.display()))
        .at(Location::file(&target.file))
        .lang(&lock.lang)
        .hint(format!("have the translations reviewed, then record it: `kalem translations review {} --by NAME`", lock.lang))
}

/// The blocker of one stale or unreviewed unit.
fn blocker(s: &UnitStatus, source: &Translations, target: &Translations, lock: &Lock) -> Diagnostic {
    let (id, lang, src) = (s.id.to_string(), &lock.lang, &source.lang);
    let change = |r: &crate::model::lock::Record| format!("the {src} text ({}:{}) was «{}» and is now «{}»", source.file.display(), s.source.line, r.source, s.source.text);
    let message = match (s.standing, s.record) {
        (Standing::Stale, Some(r)) => format!("`{id}` is stale in {lang}: {}", change(r)),
        (Standing::Unreviewed(Why::ChangedWithSource), Some(r)) => format!("`{id}` in {lang} was changed after its source changed, and not reviewed since: {}", change(r)),
        (Standing::Unreviewed(Why::ChangedSinceReview), Some(r)) => {
            format!("`{id}` in {lang} was changed after {} reviewed it", r.by.as_deref().unwrap_or("someone"))
        }
        (Standing::Unreviewed(Why::NotReviewed), _) => format!("`{id}` in {lang} is translated but not reviewed"),
        _ => format!("`{id}` in {lang} has not been reviewed ({} has no record of it)", lock.file.display()),
    };
    let fix = if s.standing == Standing::Stale { format!("bring the {lang} text in line with the {src} one (or confirm it still fits), then ") } else { String::new() };
    let at = s.target.map_or_else(|| Location::file(&target.file), |t| Location::at(&target.file, t.line, t.column));
    Diagnostic::blocker(Blocker::Translation, message)
        .at(at)
        .key(&s.id.key)
        .lang(lang)
        .hint(format!("{fix}record the review: `kalem translations review {lang} {id} --by NAME` (`kalem translations export --lang {lang}` gives a translator every open unit)"))
}
