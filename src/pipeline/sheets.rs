//! Contact sheets, one per brochure, made from the previews its editions'
//! jobs wrote (this run's or, for editions found current, earlier runs' or
//! other shards'), and made again only when one of those changed.

use std::time::Instant;

use super::JobReport;
use super::incremental::of_parts;
use crate::diag::has_errors;
use crate::export::contact_sheet::contact_sheet;
use crate::export::manifest::sha256;
use crate::export::output::{Kind, Output, contact_sheet_path};
use crate::export::record::{self, FileRecord, Record, Records, aggregate_record_path};
use crate::export::write::write_atomic;
use crate::layout::world::Engine;
use crate::model::{Brochure, Project};
use crate::sandbox;

/// Largest preview read back for its hash, in bytes.
const MAX_PREVIEW_BYTES: u64 = 64 << 20;

/// The fingerprint of a brochure's contact sheet: its languages' names,
/// the fonts, and every preview it shows with its content.
fn fingerprint(project: &Project, brochure: &Brochure, written: &[&Output]) -> String {
    let names: Vec<String> = brochure.languages.iter().map(|l| format!("{l}:{}", project.config.languages.get(l).map_or("", |x| x.name.as_str()))).collect();
    let mut parts: Vec<String> = vec![brochure.key(), names.join(","), project.config.font_families().join(",")];
    let mut shown: Vec<&&Output> = written.iter().filter(|o| o.brochure == brochure.key() && !o.previews.is_empty()).collect();
    shown.sort_by_key(|o| &o.path);
    for output in shown {
        parts.push(format!("{} {:?} {}", output.path.display(), output.lang, output.kind.name()));
        for p in &output.previews {
            let content = sandbox::read_bytes(&project.root.join(&p.path), MAX_PREVIEW_BYTES).map_or_else(|e| format!("unreadable: {e}"), |b| sha256(&b));
            parts.push(format!("{} {} {content}", p.label, p.path.display()));
        }
    }
    let parts: Vec<&[u8]> = parts.iter().map(String::as_bytes).collect();
    of_parts(&parts)
}

/// Writes the contact sheet of a brochure from what the other jobs wrote
/// or kept, unless the one there is current; none when they wrote nothing
/// or an edition failed. `force` makes it again all the same.
pub fn contact_sheet_job(project: &Project, engine: &Engine, brochure: &Brochure, reports: &[JobReport], force: bool) -> Option<JobReport> {
    let start = Instant::now();
    let written: Vec<&Output> = reports.iter().flat_map(|r| &r.outputs).collect();
    if written.iter().all(|o| o.brochure != brochure.key()) || stale_sheet(brochure, reports) {
        return None;
    }
    let mut report = JobReport::new(&brochure.key(), "all");
    let record_path = aggregate_record_path(&format!("sheets/{}", brochure.key()));
    let inputs = fingerprint(project, brochure, &written);
    let old = record::read_records(&project.root, &record_path);
    if let Some((outputs, _)) = record::current(&project.root, old.get("sheet"), &inputs).filter(|_| !force) {
        (report.outputs, report.current, report.time) = (outputs, true, start.elapsed());
        return Some(report);
    }
    let path = contact_sheet_path(&brochure.key());
    let result = contact_sheet(project, engine, brochure, &written)?.and_then(|bytes| write_atomic(&project.root, &project.root.join(&path), &bytes).map(|()| bytes).map_err(|d| vec![d]));
    match result {
        Ok(bytes) => {
            let output = Output::new(Kind::ContactSheet, &brochure.key(), None, path, 1, bytes.len());
            let records = Records::from([("sheet".to_string(), Record { inputs, files: vec![FileRecord::of(&output, &bytes)], findings: Vec::new() })]);
            if let Err(d) = record::write_records(&project.root, &record_path, &records) {
                report.diagnostics.push(d);
            }
            report.outputs.push(output.with_sha256(sha256(&bytes)));
        }
        Err(ds) => report.diagnostics = ds,
    }
    report.time = start.elapsed();
    Some(report)
}

/// Whether an edition of the brochure failed this run: its old PDFs stay
/// in `output/`, so a contact sheet without it would not show what is
/// there. The old sheet is kept until every edition builds.
fn stale_sheet(brochure: &Brochure, reports: &[JobReport]) -> bool {
    reports.iter().any(|r| r.brochure == brochure.key() && brochure.languages.contains(&r.lang) && (r.outputs.is_empty() || has_errors(&r.diagnostics)))
}
