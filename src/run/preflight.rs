//! `kalem preflight FILE.pdf`: what a print shop's preflight will see.

use std::path::Path;

use super::finish;
use crate::cli::PreflightArgs;
use crate::diag::{Diagnostic, Location, escape};
use crate::export::inspect::inspect;

/// Largest PDF `kalem preflight` reads, in bytes.
const MAX_PDF_BYTES: u64 = 1 << 30;

/// Reports boxes, output intent, fonts, colour spaces and images of any PDF;
/// exit 1 when it is not fit for print.
pub fn run(args: &PreflightArgs) -> u8 {
    let here = Path::new(".");
    let at = Location::file(&args.file);
    let bytes = match crate::sandbox::read_bytes(&args.file, MAX_PDF_BYTES) {
        Ok(b) => b,
        Err(e) => return finish(&[Diagnostic::error(e.to_string()).at(at).hint("give the path of a PDF")], here),
    };
    let report = match inspect(&bytes) {
        Ok(r) => r,
        Err(e) => return finish(&[Diagnostic::error(format!("this is not a PDF kalem can read: {e}")).at(at).hint("check that the file is a complete PDF")], here),
    };
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report).unwrap_or_default());
    } else {
        // Titles, languages and links come from the file: printed escaped.
        for line in report.to_text().lines() {
            println!("{}", escape(line));
        }
    }
    let problems: Vec<Diagnostic> = report.problems_at(args.max_ink).into_iter().map(|d| d.at(at.clone())).collect();
    if problems.is_empty() && !args.json {
        println!("ready for print: no problems found");
    }
    finish(&problems, here)
}
