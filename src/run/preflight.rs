//! `kalem preflight FILE.pdf`: what a print shop's preflight will see.

use std::path::Path;

use super::finish;
use crate::cli::PreflightArgs;
use crate::diag::{Diagnostic, Location};
use crate::export::inspect::inspect;

/// Reports boxes, output intent, fonts, colour spaces and images of any PDF;
/// exit 1 when it is not fit for print.
pub fn run(args: &PreflightArgs) -> u8 {
    let here = Path::new(".");
    let at = Location::file(&args.file);
    let bytes = match std::fs::read(&args.file) {
        Ok(b) => b,
        Err(e) => return finish(&[Diagnostic::error(format!("cannot read the file: {e}")).at(at).hint("give the path of a PDF")], here),
    };
    let report = match inspect(&bytes) {
        Ok(r) => r,
        Err(e) => return finish(&[Diagnostic::error(format!("this is not a PDF kalem can read: {e}")).at(at).hint("check that the file is a complete PDF")], here),
    };
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report).unwrap_or_default());
    } else {
        print!("{}", report.to_text());
    }
    let problems: Vec<Diagnostic> = report.problems_at(args.max_ink).into_iter().map(|d| d.at(at.clone())).collect();
    if problems.is_empty() && !args.json {
        println!("ready for print: no problems found");
    }
    finish(&problems, here)
}
