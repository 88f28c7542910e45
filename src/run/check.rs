//! `kalem check`: everything a build checks, and translation coverage,
//! without writing a file.

use super::{exit, selection};
use crate::cli::{CheckArgs, Format};
use crate::diag::{self, Diagnostics, has_errors};
use crate::model::{contrast, placeholders, read_sources, validate};
use crate::model::coverage::{LangCoverage, coverage};
use crate::pipeline::{self, Mode};

/// Checks and reports, as text or JSON.
pub fn run(args: &CheckArgs) -> u8 {
    let root = &args.target.project;
    let (diagnostics, table) = match read_sources(root, &selection(&args.target)) {
        Err(ds) => (ds, Vec::new()),
        Ok((sources, found)) => {
            let table = coverage(&sources);
            (check_sources(sources, found), table)
        }
    };
    match args.format {
        Format::Json => println!("{}", json(&diagnostics, &table)),
        Format::Human => {
            diag::emit(&diagnostics, root);
            print_table(&table);
        }
    }
    if has_errors(&diagnostics) { exit::CONTENT } else { exit::OK }
}

fn check_sources(sources: crate::model::Sources, found: Diagnostics) -> Diagnostics {
    let project = match validate(sources, found) {
        Ok(p) => p,
        Err(ds) => return ds,
    };
    let mut found = placeholders::check(&project);
    let resources = match pipeline::resources(&project) {
        Ok(r) => r,
        Err(d) => return [vec![d], found].concat(),
    };
    let colours = resources.engine.colours();
    found.extend(contrast::check(&project, |c| colours.srgb(c)));
    found.extend(pipeline::build(&project, &resources, Mode::Check).into_iter().flat_map(|r| r.diagnostics));
    found
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

fn json(diagnostics: &Diagnostics, table: &[LangCoverage]) -> serde_json::Value {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    serde_json::json!({
        "ok": errors == 0,
        "errors": errors,
        "warnings": diagnostics.len() - errors,
        "diagnostics": diagnostics.iter().map(|d| d.to_json()).collect::<Vec<_>>(),
        "translations": table,
    })
}
