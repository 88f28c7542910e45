//! Where each translation stands against its source: reviewed, current but
//! not reviewed, stale (the source changed, the translation did not) or
//! missing, unit by unit, from the translation files and the language's
//! [`Lock`].

use super::lock::{Lock, Record, State};
use super::translations::{Text, Translations};
use super::units::{UnitId, fingerprint};

/// Why a current translation is not reviewed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Why {
    /// The lock file has no record of it.
    NoRecord,
    /// It is recorded as translated, not yet reviewed.
    NotReviewed,
    /// It changed after it was reviewed.
    ChangedSinceReview,
    /// The source changed and the translation was changed after it.
    ChangedWithSource,
}

/// How one unit stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// Up to date with its source and reviewed.
    Reviewed,
    /// Up to date with its source as far as kalem can tell, not reviewed.
    Unreviewed(Why),
    /// The source changed since the translation was made; it did not.
    Stale,
    /// The language has no text for it.
    Missing,
}

/// One unit of the source language and its translation.
#[derive(Debug, Clone, Copy)]
pub struct UnitStatus<'a> {
    /// Which unit.
    pub id: &'a UnitId,
    /// The source-language text, with its place.
    pub source: &'a Text,
    /// The translation, with its place, if there is one.
    pub target: Option<&'a Text>,
    /// What the lock file recorded, if anything.
    pub record: Option<&'a Record>,
    /// How it stands.
    pub standing: Standing,
}

/// The standing of every unit of `source` in `target`, in id order.
/// `units` are the source's units ([`Translations::units`]).
pub fn statuses<'a>(units: &'a [(UnitId, &'a Text)], target: &'a Translations, lock: &'a Lock) -> Vec<UnitStatus<'a>> {
    units
        .iter()
        .map(|(id, source)| {
            // A blank translation of a text is none (the untouched
            // skeleton of `translations --missing`).
            let target = target.unit(id).filter(|t| !t.is_blank() || source.is_blank());
            let record = lock.records.get(id);
            let standing = match (target, record) {
                (None, _) => Standing::Missing,
                (Some(_), None) => Standing::Unreviewed(Why::NoRecord),
                (Some(t), Some(r)) => standing(&source.text, &t.text, r),
            };
            UnitStatus { id, source, target, record, standing }
        })
        .collect()
}

/// How a translation stands against its record.
fn standing(source: &str, target: &str, record: &Record) -> Standing {
    let source_same = fingerprint(source) == record.source_sha;
    let target_same = fingerprint(target) == record.target_sha;
    match (source_same, target_same, record.state) {
        (true, true, State::Reviewed) => Standing::Reviewed,
        (true, true, State::Translated) => Standing::Unreviewed(Why::NotReviewed),
        (true, false, _) => Standing::Unreviewed(Why::ChangedSinceReview),
        (false, true, _) => Standing::Stale,
        (false, false, _) => Standing::Unreviewed(Why::ChangedWithSource),
    }
}

/// The record of a translation made (or reviewed, with `by`) from
/// `source` now.
pub fn record(source: &str, target: &str, by: Option<&str>) -> Record {
    Record {
        source: source.to_string(),
        source_sha: fingerprint(source),
        target_sha: fingerprint(target),
        state: if by.is_some() { State::Reviewed } else { State::Translated },
        by: by.map(str::to_string),
    }
}

/// How many units of a language stand each way.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Counts {
    /// Units of the source language.
    pub units: usize,
    /// Up to date with the source (reviewed or not).
    pub current: usize,
    /// Of the current ones, those not reviewed.
    pub unreviewed: usize,
    /// Translated from a source text that has changed since.
    pub stale: usize,
    /// Not translated.
    pub missing: usize,
}

impl Counts {
    /// The counts of `statuses`.
    pub fn of(statuses: &[UnitStatus]) -> Counts {
        let mut c = Counts { units: statuses.len(), ..Counts::default() };
        for s in statuses {
            match s.standing {
                Standing::Reviewed => c.current += 1,
                Standing::Unreviewed(_) => {
                    c.current += 1;
                    c.unreviewed += 1;
                }
                Standing::Stale => c.stale += 1,
                Standing::Missing => c.missing += 1,
            }
        }
        c
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn table(lang: &str, yaml: &str) -> Translations {
        Translations::parse(lang, Path::new("t.yaml"), yaml).unwrap()
    }

    /// The standings of `ar` against `tr` with a lock made from `then`
    /// (the tr text of the time) and `ar_then`, reviewed.
    fn standings(then: &str, ar_then: &str, now: &str, ar_now: &str) -> Vec<(String, Standing)> {
        let (tr_then, ar_then) = (table("tr", then), table("ar", ar_then));
        let mut lock = Lock::empty("ar");
        for (id, t) in tr_then.units() {
            if let Some(a) = ar_then.unit(&id) {
                lock.records.insert(id.clone(), record(&t.text, &a.text, Some("Ayşe")));
            }
        }
        let (tr, ar) = (table("tr", now), table("ar", ar_now));
        let units = tr.units();
        statuses(&units, &ar, &lock).iter().map(|s| (s.id.to_string(), s.standing)).collect()
    }

    #[test]
    fn a_changed_source_makes_its_translation_stale_until_the_translation_changes() {
        let tr = "a: Bir\nb: İki\n";
        let ar = "a: واحد\nb: اثنان\n";
        assert_eq!(standings(tr, ar, tr, ar), [("a".into(), Standing::Reviewed), ("b".into(), Standing::Reviewed)]);
        let changed = "a: Bir.\nb: İki\n";
        assert_eq!(standings(tr, ar, changed, ar)[0], ("a".into(), Standing::Stale));
        let retranslated = "a: واحد.\nb: اثنان\n";
        assert_eq!(standings(tr, ar, changed, retranslated)[0], ("a".into(), Standing::Unreviewed(Why::ChangedWithSource)));
        assert_eq!(standings(tr, ar, tr, retranslated)[0], ("a".into(), Standing::Unreviewed(Why::ChangedSinceReview)));
    }

    #[test]
    fn a_changed_third_item_marks_that_item_and_cell_by_cell_in_tables() {
        let tr = "l:\n  - a\n  - b\n  - c\nt:\n  - - x\n    - y\n";
        let ar = "l:\n  - ا\n  - ب\n  - ج\nt:\n  - - س\n    - ص\n";
        let now = "l:\n  - a\n  - b\n  - C\nt:\n  - - x\n    - Y\n  - - z\n    - w\n";
        let found = standings(tr, ar, now, ar);
        let stale: Vec<&str> = found.iter().filter(|(_, s)| *s == Standing::Stale).map(|(id, _)| id.as_str()).collect();
        assert_eq!(stale, ["l#3", "t#1.2"]);
        let missing: Vec<&str> = found.iter().filter(|(_, s)| *s == Standing::Missing).map(|(id, _)| id.as_str()).collect();
        assert_eq!(missing, ["t#2.1", "t#2.2"]);
    }

    #[test]
    fn counts_add_up_and_new_keys_have_no_record() {
        let tr = table("tr", "a: Bir\nb: İki\nc: Üç\n");
        let ar = table("ar", "a: واحد\nb: اثنان\n");
        let mut lock = Lock::empty("ar");
        lock.records.insert(UnitId::key("a"), record("Bir", "واحد", None));
        let units = tr.units();
        let found = statuses(&units, &ar, &lock);
        assert_eq!(found[0].standing, Standing::Unreviewed(Why::NotReviewed));
        assert_eq!(found[1].standing, Standing::Unreviewed(Why::NoRecord));
        assert_eq!(Counts::of(&found), Counts { units: 3, current: 2, unreviewed: 2, stale: 0, missing: 1 });
    }
}
