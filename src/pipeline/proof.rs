//! The coordinator's proof, `output/proof.pdf`: per brochure and language,
//! every phone number, e-mail, web address and QR payload an output prints
//! or encodes with what it dials or opens, the blockers and warnings that
//! concern it, whether it carries the funder block, its files with their
//! SHA-256, and the brochure's contact sheet as thumbnails of every page
//! and image. It is the page a coordinator reads and signs before a print
//! run. Brochures made in variants get a proof per variant,
//! `output/proofs/<variant>.pdf`, which the project's proof lists.

use std::path::{Path, PathBuf};

use serde::Serialize;
use typst::foundations::Bytes;
use typst_layout::PagedDocument;

use super::gate::funding::has_funder_block;
use super::{JobReport, Status};
use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::export::manifest::sha256;
use crate::export::output::{Kind, Output, contact_sheet_path};
use crate::export::record::{self, FileRecord, Record, Records, aggregate_record_path};
use super::incremental::of_parts;
use crate::export::{pdf, write::write_atomic};
use crate::layout::numbers::Printed;
use crate::layout::world::{Engine, Template};
use crate::model::{Brochure, Project};
use crate::sandbox;

/// The proof's file, relative to the project root.
pub const PROOF_FILE: &str = "output/proof.pdf";

/// Width in pixels of a contact sheet in the proof: 150 dpi across the
/// A4 page's 182 mm of text.
const SHEET_PX: u32 = 1075;

/// Largest output file read back for its hash, in bytes.
const MAX_OUTPUT_BYTES: u64 = 512 * 1024 * 1024;

#[derive(Serialize)]
struct ProofData {
    title: String,
    draft: bool,
    status: String,
    made: String,
    sign: String,
    fonts: Vec<String>,
    brochures: Vec<BrochureProof>,
    variants: Vec<VariantProof>,
}

/// A line of the project's proof for one variant's own proof.
#[derive(Serialize)]
struct VariantProof {
    id: String,
    file: String,
    blockers: usize,
    sha256: String,
}

#[derive(Serialize)]
struct BrochureProof {
    id: String,
    sheet: Option<String>,
    editions: Vec<EditionProof>,
}

#[derive(Serialize)]
struct EditionProof {
    name: String,
    numbers: Vec<[String; 4]>,
    funding: String,
    findings: Vec<Finding>,
    files: Vec<[String; 3]>,
}

#[derive(Serialize)]
struct Finding {
    kind: String,
    place: String,
    text: String,
}

/// What the proof is made from.
pub struct ProofInput<'a> {
    /// The project built.
    pub project: &'a Project,
    /// What every job wrote and found.
    pub reports: &'a [JobReport],
    /// Every finding of the run, the project's and the jobs'.
    pub diagnostics: &'a [Diagnostic],
    /// The numbers and addresses the outputs print.
    pub printed: &'a [Printed],
    /// Whether the outputs are drafts or a release.
    pub status: Status,
    /// The build date, `YYYY-MM-DD`.
    pub date: String,
    /// Make the proof again even when the one there is current.
    pub force: bool,
}

/// The folder of the variants' proofs, relative to the project root.
pub const VARIANT_PROOFS_DIR: &str = "output/proofs";

/// The proof of one variant's editions: what its provincial office signs.
pub fn variant_proof_path(variant: &str) -> PathBuf {
    Path::new(VARIANT_PROOFS_DIR).join(format!("{variant}.pdf"))
}

/// Lays out and writes the proofs: one per variant of the brochures made
/// in variants (`output/proofs/<variant>.pdf`), then the project's, which
/// shows the other brochures and lists the variants' proofs. Each is laid
/// out on its own, its images freed after it, so memory does not grow
/// with the variants. The written files, or why one could not be.
pub fn write_proof(engine: &Engine, input: &ProofInput) -> Result<Vec<Output>, Diagnostics> {
    let project = input.project;
    let mut variant_ids: Vec<&str> = project.brochures.iter().filter_map(Brochure::variant_id).collect();
    variant_ids.sort_unstable();
    variant_ids.dedup();
    // One after the other: each holds its contact sheets' pixels while it
    // is laid out and written (krilla still spreads its work over rayon).
    let proofs = variant_ids.into_iter().map(|id| {
        let brochures: Vec<&Brochure> = project.brochures.iter().filter(|b| b.variant_id() == Some(id)).collect();
        let written = write_one(engine, input, Some(id), &brochures, Vec::new());
        super::after_job();
        written.map(|(output, blockers)| (VariantProof { id: id.to_string(), file: output.path.display().to_string(), blockers, sha256: output.sha256.clone().unwrap_or_default() }, output))
    });
    let mut problems = Vec::new();
    let (mut variants, mut outputs) = (Vec::new(), Vec::new());
    for proof in proofs {
        match proof {
            Ok((row, output)) => {
                variants.push(row);
                outputs.push(output);
            }
            Err(found) => problems.extend(found),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let own: Vec<&Brochure> = project.brochures.iter().filter(|b| b.variant.is_none()).collect();
    let (output, _) = write_one(engine, input, None, &own, variants)?;
    outputs.insert(0, output);
    Ok(outputs)
}

/// Writes the proof of `brochures` (of one variant, or the project's with
/// the `variants`' proofs listed), unless the one there is current: the
/// file and the number of blockers it states.
fn write_one(engine: &Engine, input: &ProofInput, variant: Option<&str>, brochures: &[&Brochure], variants: Vec<VariantProof>) -> Result<(Output, usize), Diagnostics> {
    let project = input.project;
    let mut sheets: Vec<(String, Bytes)> = Vec::new();
    let shown = brochures
        .iter()
        .map(|b| {
            let sheet = sandbox::read_bytes(&project.root.join(contact_sheet_path(&b.key())), MAX_OUTPUT_BYTES).ok().map(|bytes| {
                let path = format!("/.kalem/sheet/{}.png", sheets.len());
                sheets.push((path.clone(), Bytes::new(bytes)));
                path
            });
            BrochureProof { id: b.key(), sheet, editions: b.languages.iter().map(|lang| edition(input, b, lang)).collect() }
        })
        .collect();
    // The project's proof counts every blocker; a variant's those of its
    // editions.
    let blocking = |d: &&Diagnostic| d.blocks().is_some() && (variant.is_none() || brochures.iter().any(|b| b.languages.iter().any(|l| concerns(d, b, l))));
    let blockers = input.diagnostics.iter().filter(blocking).count();
    let draft = input.status == Status::Draft || blockers > 0;
    let status = if draft { format!("DRAFT: {blockers} release blocker(s) stand. Do not print or post.") } else { "RELEASE: no blocker stands.".to_string() };
    let organisation = &project.config.organisation.name;
    let data = ProofData {
        title: variant.map_or_else(|| format!("Proof of {organisation}"), |v| format!("Proof of {organisation}: variant {v}")),
        draft,
        status,
        made: format!("Built {} by kalem {} from {}.", input.date, env!("CARGO_PKG_VERSION"), project.root.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()),
        sign: "Check every number against the organisation's own records and dial each once. Signed (name, date): ____________________".into(),
        fonts: project.config.font_families(),
        brochures: shown,
        variants,
    };
    let json = serde_json::to_vec(&data).unwrap_or_default();
    let mut parts: Vec<&[u8]> = vec![&json];
    parts.extend(sheets.iter().map(|(_, b)| b.as_slice()));
    let inputs = of_parts(&parts);
    let (file, record_name) = match variant {
        Some(v) => (variant_proof_path(v), format!("proofs/{v}")),
        None => (PathBuf::from(PROOF_FILE), "proof".to_string()),
    };
    let record_path = aggregate_record_path(&record_name);
    if let Some((mut outputs, _)) = record::current(&project.root, record::read_records(&project.root, &record_path).get("proof"), &inputs).filter(|_| !input.force) {
        return outputs.pop().map(|o| (o, blockers)).ok_or_else(Vec::new);
    }
    let doc = typeset(engine, &data, sheets)?;
    let bytes = pdf::proof_pdf(&doc).map_err(|d| vec![d])?;
    write_atomic(&project.root, &project.root.join(&file), &bytes).map_err(|d| vec![d])?;
    let output = Output::new(Kind::Proof, "", None, file, doc.pages().len(), bytes.len());
    let records = Records::from([("proof".to_string(), Record { inputs, files: vec![FileRecord::of(&output, &bytes)], findings: Vec::new() })]);
    record::write_records(&project.root, &record_path, &records).map_err(|d| vec![d])?;
    Ok((output.with_sha256(sha256(&bytes)), blockers))
}

fn edition(input: &ProofInput, brochure: &Brochure, lang: &str) -> EditionProof {
    let project = input.project;
    let name = project.config.languages.get(lang).map_or(lang.to_string(), |l| format!("{lang} · {}", l.name));
    // One row per number as printed and what it dials, with every key
    // that prints it.
    let mut numbers: Vec<[String; 4]> = Vec::new();
    for p in input.printed.iter().filter(|p| p.brochure == brochure.key() && p.lang == lang) {
        let kind = serde_json::to_value(p.kind).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default();
        let target = p.target.clone().unwrap_or_else(|| "-".into());
        match numbers.iter_mut().find(|row| row[0] == kind && row[1] == p.text && row[2] == target) {
            Some(row) => row[3] = format!("{}, {}", row[3], p.key),
            None => numbers.push([kind, p.text.clone(), target, p.key.clone()]),
        }
    }
    let funding = match &project.config.funding {
        None => "no funding declared in kalem.yaml".to_string(),
        Some(f) if has_funder_block(brochure, f) => format!("funder block found (emblem, `{}`, `{}`)", f.statement, f.disclaimer),
        Some(_) => "MISSING: no funder block".to_string(),
    };
    let findings = input.diagnostics.iter().filter(|d| concerns(d, brochure, lang)).map(finding).collect();
    let files = input
        .reports
        .iter()
        .flat_map(|r| &r.outputs)
        .filter(|o| o.brochure == brochure.key() && o.lang.as_deref() == Some(lang))
        .map(|o| {
            let read = || sandbox::read_bytes(&project.root.join(&o.path), MAX_OUTPUT_BYTES).map_or_else(|e| format!("unreadable: {e}"), |b| sha256(&b));
            let hash = o.sha256.clone().unwrap_or_else(read);
            [o.path.display().to_string(), o.bytes.to_string(), hash]
        })
        .collect();
    EditionProof { name, numbers, funding, findings, files }
}

/// Whether a finding concerns a brochure's edition in `lang`: its language
/// (or none), and the brochure's file or one of its keys, or the project.
fn concerns(d: &Diagnostic, brochure: &Brochure, lang: &str) -> bool {
    let language = d.lang.as_deref().is_none_or(|l| l == lang);
    // A finding in a variant table concerns only the variant of its row.
    if let Some(at) = d.location.as_ref().filter(|l| l.file.starts_with(crate::model::DATA_DIR)) {
        return language && brochure.variant.as_ref().is_some_and(|v| v.at.file == at.file && v.at.line == at.line);
    }
    let file = d.location.as_ref().map(|l| l.file.as_path());
    let own = file == Some(brochure.file.as_path()) || d.key.as_ref().is_some_and(|k| brochure.used_keys.contains(k));
    let project_wide = d.key.is_none() && file.is_none_or(|f| !f.starts_with("brochures"));
    language && (own || project_wide || file == Some(std::path::Path::new(crate::model::CONFIG_FILE)))
}

fn finding(d: &Diagnostic) -> Finding {
    let kind = d.blocks().map_or_else(|| d.severity.label().to_string(), |k| format!("blocker: {k}"));
    let place = [d.location.as_ref().map(Location::to_string), d.key.clone()].into_iter().flatten().collect::<Vec<_>>().join(" · ");
    let text = match &d.hint {
        Some(hint) => format!("{} (what to do: {hint})", d.message),
        None => d.message.clone(),
    };
    Finding { kind, place, text }
}

/// A contact sheet at the size the proof shows it, [`SHEET_PX`] wide: the
/// proof holds every sheet it shows while it is laid out and written, and
/// the full sheet is beside it in `output/`. None when it is that small
/// already or cannot be read (then it is shown as it is).
fn as_shown(png: &[u8]) -> Option<Vec<u8>> {
    let sheet = image::load_from_memory_with_format(png, image::ImageFormat::Png).ok()?;
    if sheet.width() <= SHEET_PX {
        return None;
    }
    let height = (u64::from(sheet.height()) * u64::from(SHEET_PX)).div_ceil(u64::from(sheet.width())) as u32;
    let small = sheet.resize_exact(SHEET_PX, height.max(1), image::imageops::FilterType::Triangle).into_rgb8();
    crate::export::image::encode(&small, crate::model::social::ImageFormat::Png, 100).ok()
}

fn typeset(engine: &Engine, data: &ProofData, sheets: Vec<(String, Bytes)>) -> Result<PagedDocument, Diagnostics> {
    let fail = |what: String| vec![Diagnostic::error(format!("cannot lay out the proof: {what}"))];
    let json = serde_json::to_vec(data).map_err(|e| fail(e.to_string()))?;
    let shown: Vec<(String, Bytes)> = sheets.into_iter().map(|(path, bytes)| (path, Bytes::new(as_shown(bytes.as_slice()).unwrap_or_else(|| bytes.to_vec())))).collect();
    let world = engine.world(Template::Proof, json).with_files(shown.iter().map(|(p, b)| (p.as_str(), b.clone()))).map_err(fail)?;
    typst::compile::<PagedDocument>(&world).output.map_err(|errors| errors.iter().flat_map(|e| fail(e.message.to_string())).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_contact_sheet_is_shown_at_the_proofs_width_and_a_small_one_as_it_is() {
        let png = |w, h| crate::export::image::encode(&image::RgbImage::new(w, h), crate::model::social::ImageFormat::Png, 100).unwrap();
        let shown = image::load_from_memory(&as_shown(&png(2150, 1000)).expect("made smaller")).unwrap();
        assert_eq!((shown.width(), shown.height()), (SHEET_PX, 500));
        assert!(as_shown(&png(SHEET_PX, 800)).is_none());
    }
}
