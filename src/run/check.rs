//! `kalem check`: everything a build checks, translation coverage and the
//! numbers report, without writing a file.

use super::{exit, report_json, selection};
use crate::cli::{CheckArgs, Format};
use crate::diag::{self, Diagnostics, has_errors};
use crate::layout::numbers::Printed;
use crate::model::{read_sources, validate};
use crate::model::coverage::{LangCoverage, coverage};
use crate::pipeline::gate::{self, Gate};
use crate::pipeline::{self, Mode};

/// Checks and reports, as text or JSON.
pub fn run(args: &CheckArgs) -> u8 {
    let root = &args.target.project;
    let (diagnostics, table, printed) = match read_sources(root, &selection(&args.target)) {
        Err(ds) => (ds, Vec::new(), Vec::new()),
        Ok((sources, found)) => {
            let table = coverage(&sources);
            let (diagnostics, printed) = check_sources(sources, found);
            (diagnostics, table, printed)
        }
    };
    match args.format {
        Format::Json => println!("{}", report_json(&diagnostics, &table, &printed)),
        Format::Human => {
            diag::emit(&diagnostics, root);
            print_table(&table);
            print_numbers(&printed);
        }
    }
    if has_errors(&diagnostics) { exit::CONTENT } else { exit::OK }
}

/// The problems of the project and, when it is valid, the numbers and
/// addresses its outputs print.
fn check_sources(sources: crate::model::Sources, found: Diagnostics) -> (Diagnostics, Vec<Printed>) {
    let project = match validate(sources, found) {
        Ok(p) => p,
        Err(ds) => return (ds, Vec::new()),
    };
    let resources = match pipeline::resources(&project) {
        Ok(r) => r,
        Err(d) => return (vec![d], Vec::new()),
    };
    let (findings, status) = gate::assess(&project, &resources, &Gate::default());
    let mut found = findings.diagnostics;
    found.extend(pipeline::build(&project, &resources, Mode::Check, status).into_iter().flat_map(|r| r.diagnostics));
    (found, findings.printed)
}

/// One short table per brochure and language: what each number or
/// address is, the key it comes from and what it dials or opens.
fn print_numbers(printed: &[Printed]) {
    for group in printed.chunk_by(|a, b| (&a.brochure, &a.lang) == (&b.brochure, &b.lang)) {
        let rows: Vec<[String; 4]> = group
            .iter()
            .map(|p| {
                let kind = serde_json::to_value(p.kind).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default();
                [kind, diag::escape(&p.text), p.target.clone().unwrap_or_else(|| "-".into()), p.key.clone()]
            })
            .collect();
        let width = |i: usize| rows.iter().map(|r| r[i].chars().count()).max().unwrap_or(0);
        let (text, target) = (width(1).max(6), width(2).max(6));
        println!("\n{} ({}): numbers and addresses printed", group[0].brochure, group[0].lang);
        println!("  {:<6} {:<text$} {:<target$} {}", "kind", "text", "dials", "key");
        for [kind, shown, dials, key] in &rows {
            println!("  {kind:<6} {shown:<text$} {dials:<target$} {key}");
        }
    }
}

fn print_table(table: &[LangCoverage]) {
    if table.is_empty() {
        return;
    }
    println!("{:<10} {:>6} {:>8} {:>7} {:>10}", "language", "keys", "missing", "unused", "identical");
    for row in table {
        println!("{:<10} {:>6} {:>8} {:>7} {:>10}", row.lang, row.present, row.missing.len(), row.unused.len(), row.identical.len());
    }
    for row in table {
        for key in &row.missing {
            println!("  {}: missing `{key}` (kalem translations --missing {})", row.file, row.lang);
        }
        for key in &row.unused {
            println!("  {}: `{key}` is not used by any brochure", row.file);
        }
        for (key, other) in &row.identical {
            println!("  {}: `{key}` reads the same as in {other}; translated?", row.file);
        }
    }
}
