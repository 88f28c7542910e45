//! `kalem preflight FILE.pdf`: what a print shop's preflight will see.

use std::path::Path;

use super::finish;
use crate::cli::PreflightArgs;
use crate::diag::{Diagnostic, Location, escape};
use crate::export::inspect::inspect;

/// Largest PDF `kalem preflight` reads, in bytes: a brochure's print PDF
/// is a few MiB, a photo book's a few hundred.
const MAX_PDF_BYTES: u64 = 256 << 20;

/// How far into a file its `%PDF-` header is looked for (some writers put
/// a few bytes before it).
const HEADER_WITHIN: usize = 1024;

/// Why the file at `path` is not a PDF, from its first bytes only: a 1 GiB
/// file of something else is not read whole to find out.
fn not_a_pdf(path: &Path) -> Option<String> {
    use std::io::Read;
    let mut head = Vec::with_capacity(HEADER_WITHIN);
    let file = std::fs::File::open(path).ok()?;
    if !file.metadata().ok()?.is_file() {
        return None;
    }
    file.take(HEADER_WITHIN as u64).read_to_end(&mut head).ok()?;
    if head.windows(5).any(|w| w == b"%PDF-") {
        return None;
    }
    let shown: String = String::from_utf8_lossy(&head[..head.len().min(16)]).chars().map(|c| if c.is_control() || c == '\u{fffd}' { '.' } else { c }).collect();
    Some(if head.is_empty() { "the file is empty".into() } else { format!("this is not a PDF: it does not start with `%PDF-` (it starts with `{shown}`)") })
}

/// Reports boxes, output intent, fonts, colour spaces and images of any PDF;
/// exit 1 when it is not fit for print.
pub fn run(args: &PreflightArgs) -> u8 {
    let here = Path::new(".");
    let at = Location::file(&args.file);
    if let Some(problem) = not_a_pdf(&args.file) {
        return finish(&[Diagnostic::error(problem).at(at).hint("give the path of a PDF file")], here);
    }
    let bytes = match crate::sandbox::read_bytes(&args.file, MAX_PDF_BYTES) {
        Ok(b) => b,
        Err(e) => return finish(&[Diagnostic::error(e.to_string()).at(at).hint("give the path of a PDF")], here),
    };
    let report = match inspect(&bytes) {
        Ok(r) => r,
        Err(e) => return finish(&[Diagnostic::error(e.message).at(at).hint(e.hint)], here),
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
