//! `kalem release`: the gate between a draft and what goes to the print
//! shop and the feeds. It checks everything first and writes nothing while
//! a blocker stands; otherwise it builds clean outputs and the manifest.

use std::time::Instant;

use super::build::{build_all, open, print_summary};
use super::{blocker_line, exit, git_author};
use crate::cli::ReleaseArgs;
use crate::diag::{self, Diagnostic, Diagnostics};
use crate::export::manifest::{MANIFEST_FILE, Manifest};
use crate::export::write::write_atomic;
use crate::pipeline::gate::{self, Gate};
use crate::pipeline::proof::{ProofInput, write_proof};
use crate::pipeline::{Mode, Options, Status};

/// Checks, then builds and writes the manifest, or refuses.
pub fn run(args: &ReleaseArgs) -> u8 {
    let start = Instant::now();
    let root = &args.target.project;
    let (project, resources, _lock) = match open(root, &args.target) {
        Ok(opened) => opened,
        Err(ds) => {
            diag::emit(&ds, root);
            return exit::CONTENT;
        }
    };
    let gate = Gate { allowed: args.allow.iter().copied().collect() };
    let Some(by) = args.by.clone().or_else(|| git_author(&project.root)) else {
        let d = Diagnostic::error("who releases? no --by NAME was given and git knows no author here").hint("run `kalem release --by \"Your Name\"`");
        diag::emit(&[d], root);
        return exit::USAGE;
    };
    let (findings, _) = gate::assess(&project, &resources, &gate);
    let mut all: Diagnostics = findings.diagnostics;
    all.extend(build_all(&project, &resources, Mode::Check, Status::Release, &Options::default()).into_iter().flat_map(|r| r.diagnostics));
    if refused(&gate, &all, &project.root) {
        return exit::CONTENT;
    }
    let reports = build_all(&project, &resources, Mode::Build, Status::Release, &Options::default());
    let built: Diagnostics = reports.iter().flat_map(|r| r.diagnostics.iter().cloned()).collect();
    print_summary(&reports, start);
    if refused(&gate, &built, &project.root) {
        return exit::CONTENT;
    }
    let outputs: Vec<_> = reports.iter().flat_map(|r| &r.outputs).collect();
    let allowed = gate.allowed.iter().map(|k| k.name().to_string()).collect();
    let date = gate::now(resources.setup.date).day();
    let proof = ProofInput { project: &project, reports: &reports, diagnostics: &all, printed: &findings.printed, status: Status::Release, date: date.clone(), force: false };
    let proofs = match write_proof(&resources.engine, &proof) {
        Ok(outputs) => outputs,
        Err(ds) => {
            diag::emit(&ds, &project.root);
            return exit::CONTENT;
        }
    };
    let outputs: Vec<_> = outputs.into_iter().chain(&proofs).collect();
    let written = Manifest::new(&project.root, &outputs, date, by, allowed).and_then(|m| write_atomic(&project.root, &project.root.join(MANIFEST_FILE), m.to_json().as_bytes()));
    if let Err(d) = written {
        diag::emit(&[d], &project.root);
        return exit::CONTENT;
    }
    diag::emit(&all, &project.root);
    println!("released: {} file(s), listed with their SHA-256 in {MANIFEST_FILE}", outputs.len());
    exit::OK
}

/// Prints why a release is refused and says whether it is: an error or a
/// blocker that is not allowed stands.
fn refused(gate: &Gate, diagnostics: &[Diagnostic], root: &std::path::Path) -> bool {
    let errors: Vec<&Diagnostic> = diagnostics.iter().filter(|d| d.is_error()).collect();
    let standing: Vec<&Diagnostic> = gate.standing(diagnostics).collect();
    if errors.is_empty() && standing.is_empty() {
        return false;
    }
    diag::emit(diagnostics, root);
    eprintln!("kalem release refused: {} release blocker(s) and {} error(s) stand; nothing was written for release:", standing.len(), errors.len());
    for d in errors.iter().chain(&standing) {
        eprintln!("  {}", blocker_line(d));
        if let Some(hint) = &d.hint {
            eprintln!("      what to do: {}", diag::escape(hint));
        }
    }
    eprintln!("fix them, or let one kind pass on purpose with --allow KIND (recorded in {MANIFEST_FILE})");
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Blocker;

    #[test]
    fn an_allowed_kind_does_not_refuse() {
        let found = vec![Diagnostic::blocker(Blocker::PastEvent, "over"), Diagnostic::warning("w")];
        let gate = Gate { allowed: [Blocker::PastEvent].into() };
        assert!(!refused(&gate, &found, std::path::Path::new(".")));
        assert!(refused(&Gate::default(), &found, std::path::Path::new(".")));
    }
}
