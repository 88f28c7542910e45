//! `kalem translations review LANG [UNIT…] [--by NAME]`: records in the
//! language's lock file that someone reviewed its units against the
//! source text of now.

use std::collections::BTreeSet;

use crate::cli::ReviewArgs;
use crate::diag::{self, Diagnostic, Diagnostics};
use crate::export::write::write_atomic;
use crate::load::yaml::closest;
use crate::model::Sources;
use crate::model::lock::Lock;
use crate::model::staleness::{Standing, UnitStatus, record, statuses};
use crate::model::units::UnitId;
use crate::run::{exit, finish, git_author};

/// Records the review and says what is left open.
pub fn run(sources: &Sources, args: &ReviewArgs) -> u8 {
    let table = match sources.target(&args.lang) {
        Ok(table) => table,
        Err(d) => return finish(&[d], &sources.root),
    };
    let Some(by) = args.by.clone().or_else(|| git_author(&sources.root)) else {
        let d = Diagnostic::error("who reviewed? no --by NAME was given and git knows no author here").hint(format!("run `kalem translations review {} --by \"Your Name\"`", args.lang));
        diag::emit(&[d], &sources.root);
        return exit::USAGE;
    };
    let src = match sources.source() {
        Ok(src) => src,
        Err(d) => return finish(&[d], &sources.root),
    };
    let units = src.units();
    let empty = Lock::empty(&args.lang);
    let lock = sources.locks.get(&args.lang).unwrap_or(&empty);
    let all = statuses(&units, table, lock);
    let chosen = match chosen(&all, &args.units, &args.lang) {
        Ok(chosen) => chosen,
        Err(ds) => return finish(&ds, &sources.root),
    };
    let mut next = Lock { records: Default::default(), ..lock.clone() };
    for s in &all {
        let (Some(t), true) = (s.target, s.standing != Standing::Missing) else { continue };
        let fresh = chosen.contains(&s.id).then(|| record(&s.source.text, &t.text, Some(&by)));
        if let Some(r) = fresh.or_else(|| s.record.cloned()) {
            next.records.insert(s.id.clone(), r);
        }
    }
    if let Err(d) = write_atomic(&sources.root, &sources.root.join(&next.file), next.to_yaml(&src.lang).as_bytes()) {
        return finish(&[d], &sources.root);
    }
    let left = |want: fn(Standing) -> bool| all.iter().filter(|s| !chosen.contains(&s.id) && want(s.standing)).count();
    let (stale, unreviewed) = (left(|s| s == Standing::Stale), left(|s| matches!(s, Standing::Unreviewed(_))));
    println!("{}: {} unit(s) of {} recorded as reviewed by {}", next.file.display(), chosen.len(), args.lang, diag::escape(&by));
    if stale + unreviewed > 0 {
        println!("still open in {}: {stale} stale, {unreviewed} unreviewed (`kalem translations status` lists them; name a stale unit to confirm its translation still fits)", args.lang);
    }
    exit::OK
}

/// The units named (a key of a list or table names all its units), or
/// with no names every current unit not yet reviewed. Unknown and missing
/// units are errors.
fn chosen<'a>(all: &'a [UnitStatus<'a>], names: &[String], lang: &str) -> Result<BTreeSet<&'a UnitId>, Diagnostics> {
    if names.is_empty() {
        return Ok(all.iter().filter(|s| matches!(s.standing, Standing::Unreviewed(_))).map(|s| s.id).collect());
    }
    let mut out = BTreeSet::new();
    let mut problems = Vec::new();
    let ids: Vec<String> = all.iter().map(|s| s.id.to_string()).collect();
    for name in names {
        let matching: Vec<&UnitStatus> = match name.parse::<UnitId>() {
            Ok(id) if id.item.is_none() => all.iter().filter(|s| s.id.key == id.key).collect(),
            Ok(id) => all.iter().filter(|s| *s.id == id).collect(),
            Err(problem) => {
                problems.push(Diagnostic::error(problem).lang(lang));
                continue;
            }
        };
        if matching.is_empty() {
            let hint = closest(name, &ids).map_or_else(|| "`kalem translations status` lists the units".to_string(), |id| format!("did you mean `{id}`?"));
            problems.push(Diagnostic::error(format!("no unit `{name}` in the source language")).lang(lang).hint(hint));
        }
        for s in matching {
            if s.standing == Standing::Missing {
                problems.push(Diagnostic::error(format!("`{}` has no {lang} text to review", s.id)).key(s.id.key.clone()).lang(lang).hint("translate it first"));
            } else {
                out.insert(s.id);
            }
        }
    }
    if problems.is_empty() { Ok(out) } else { Err(problems) }
}
