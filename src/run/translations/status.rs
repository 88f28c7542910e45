//! `kalem translations status`: per language, how many units are current
//! (and of those, unreviewed), stale and missing, then each open unit.

use crate::cli::{Format, StatusArgs};
use crate::diag;
use crate::model::Sources;
use crate::model::staleness::{Counts, Standing, UnitStatus, Why, statuses};
use crate::run::{exit, finish};

/// Open units listed per language before the list is cut short.
const LISTED: usize = 40;

/// Prints the table (or JSON) of every translated language.
pub fn run(sources: &Sources, args: &StatusArgs) -> u8 {
    let src = match sources.source() {
        Ok(src) => src,
        Err(d) => return finish(&[d], &sources.root),
    };
    let units = src.units();
    let mut rows = Vec::new();
    for (lang, lock) in &sources.locks {
        let Some(target) = sources.translations.get(lang) else { continue };
        let all = statuses(&units, target, lock);
        rows.push((lang, Counts::of(&all), all));
    }
    if args.format == Format::Json {
        let json: Vec<serde_json::Value> = rows
            .iter()
            .map(|(lang, counts, all)| {
                let open: Vec<serde_json::Value> = all.iter().filter(|s| s.standing != Standing::Reviewed).map(|s| serde_json::json!({ "unit": s.id.to_string(), "standing": label(s.standing), "line": s.target.map(|t| t.line) })).collect();
                serde_json::json!({ "lang": lang, "counts": counts, "open": open })
            })
            .collect();
        println!("{}", serde_json::Value::Array(json));
        return exit::OK;
    }
    println!("source: {} ({} units in {})", src.lang, units.len(), src.file.display());
    println!("{:<9} {:>6} {:>8} {:>11} {:>6} {:>8}", "language", "units", "current", "unreviewed", "stale", "missing");
    for (lang, c, _) in &rows {
        println!("{lang:<9} {:>6} {:>8} {:>11} {:>6} {:>8}", c.units, c.current, c.unreviewed, c.stale, c.missing);
    }
    println!("(current: up to date with the {} text; unreviewed: current, but nobody has reviewed it)", src.lang);
    for (lang, _, all) in &rows {
        let mut open: Vec<&UnitStatus> = all.iter().filter(|s| s.standing != Standing::Reviewed).collect();
        open.sort_by_key(|s| s.target.map_or(usize::MAX, |t| t.line));
        for s in open.iter().take(LISTED) {
            let at = s.target.map_or_else(|| format!("translations/{lang}.yaml"), |t| format!("translations/{lang}.yaml:{}", t.line));
            println!("  {at}: {} `{}`", label(s.standing), diag::escape(&s.id.to_string()));
        }
        if open.len() > LISTED {
            println!("  … and {} more in {lang} (`kalem translations status --format json` lists all)", open.len() - LISTED);
        }
    }
    exit::OK
}

/// How a standing is named in the list.
fn label(standing: Standing) -> &'static str {
    match standing {
        Standing::Reviewed => "reviewed",
        Standing::Unreviewed(Why::NoRecord) => "unreviewed (no record)",
        Standing::Unreviewed(Why::NotReviewed) => "unreviewed",
        Standing::Unreviewed(Why::ChangedSinceReview) => "unreviewed (changed since review)",
        Standing::Unreviewed(Why::ChangedWithSource) => "unreviewed (changed after its source)",
        Standing::Stale => "stale",
        Standing::Missing => "missing",
    }
}
