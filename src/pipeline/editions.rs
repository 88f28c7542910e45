//! The editions a build makes: the jobs `kalem plan` lists, the share of
//! them `--shard K/N` builds, and the job that makes an edition's print
//! and screen PDFs, skipped when its record is current.

use std::time::Instant;

use serde::Serialize;

use super::incremental::{Incremental, JobRecord};
use super::{JobReport, Mode, PrintSetup, Status, after_job, newest_input, render_edition, check_edition};
use crate::export::output::{Kind, Output, alt_text_path, caption_path, print_path, save_previews, screen_path, social_image_path, social_stem};
use crate::export::record::EditionKey;
use crate::export::write::write_outputs;
use crate::layout::world::Engine;
use crate::layout::{flow, panels};
use crate::model::{Edition, Project};

/// The name of an edition's PDF job in its record file.
const PDF_JOB: &str = "pdfs";

/// One of N equal shares of a build's editions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// Which share, from 1.
    pub index: usize,
    /// How many shares.
    pub count: usize,
}

impl std::str::FromStr for Shard {
    type Err = String;

    fn from_str(s: &str) -> Result<Shard, String> {
        let (k, n) = s.split_once('/').ok_or_else(|| format!("`{s}` is not K/N, e.g. `2/3`"))?;
        let (index, count) = (k.trim().parse::<usize>().map_err(|_| format!("`{k}` is not a number"))?, n.trim().parse::<usize>().map_err(|_| format!("`{n}` is not a number"))?);
        if count == 0 || index == 0 || index > count {
            return Err(format!("shard `{s}`: K must be from 1 to N"));
        }
        Ok(Shard { index, count })
    }
}

impl Shard {
    /// Whether the edition at `position` of the sorted plan is in this share:
    /// every N-th, from the K-th. Deterministic for the same project.
    pub fn takes(self, position: usize) -> bool {
        position % self.count == self.index - 1
    }
}

/// How a build treats what earlier builds, or other shards, left in `output/`.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Build every output again, current or not (`--force`).
    pub force: bool,
    /// Build only this share of the editions, and no aggregate (`--shard`).
    pub shard: Option<Shard>,
    /// Build no edition: find every one current, then make the aggregates
    /// (`--assemble`).
    pub assemble: bool,
}

/// The key an edition's records and shards go by.
pub fn key(edition: &Edition) -> EditionKey {
    EditionKey::new(&edition.brochure.id, edition.brochure.variant_id(), edition.lang)
}

/// Every edition of the project in a fixed order (language, brochure,
/// variant), or a shard's share of them. Languages first, so that every
/// N-th edition, a shard, has its share of each language: listed by
/// brochure first, three shards of three languages each got one language,
/// and Arabic's shaping made one shard 40 % slower than another.
pub fn plan<'a>(project: &'a Project, shard: Option<Shard>) -> Vec<(EditionKey, Edition<'a>)> {
    let mut all: Vec<(EditionKey, Edition)> = project.editions().into_iter().map(|e| (key(&e), e)).collect();
    all.sort_by(|(a, _), (b, _)| (&a.lang, &a.brochure, &a.variant).cmp(&(&b.lang, &b.brochure, &b.variant)));
    all.into_iter().enumerate().filter(|(i, _)| shard.is_none_or(|s| s.takes(*i))).map(|(_, pair)| pair).collect()
}

/// One job of `kalem plan --format json`: an edition and the files it writes.
#[derive(Debug, Serialize)]
pub struct PlannedJob {
    /// Its place in the plan, from 0; shard K of N builds those with
    /// `index % N == K - 1`.
    pub index: usize,
    /// The brochure.
    pub brochure: String,
    /// The variant, when the brochure has variants.
    pub variant: Option<String>,
    /// The language.
    pub lang: String,
    /// The files it writes, relative to the project root.
    pub outputs: Vec<String>,
}

/// The plan of a whole build, as `kalem plan` lists it.
pub fn planned_jobs(project: &Project) -> Vec<PlannedJob> {
    plan(project, None)
        .into_iter()
        .enumerate()
        .map(|(index, (key, e))| {
            let (b, lang) = (&e.brochure.key(), e.lang);
            let mut outputs = vec![print_path(b, lang), screen_path(b, lang)];
            for post in &e.brochure.social {
                outputs.push(caption_path(b, lang, &post.id));
                let slides: Vec<Option<usize>> = if post.slides.is_empty() { vec![None] } else { (1..=post.slides.len()).map(Some).collect() };
                for preset in &post.presets {
                    for slide in &slides {
                        let stem = social_stem(&post.id, &preset.name, *slide);
                        outputs.push(social_image_path(b, lang, &stem, post.format.extension()));
                        outputs.push(alt_text_path(b, lang, &stem));
                    }
                }
            }
            let outputs = outputs.iter().map(|p| p.display().to_string()).collect();
            PlannedJob { index, brochure: key.brochure, variant: key.variant, lang: key.lang, outputs }
        })
        .collect()
}

/// The fingerprint of an edition's PDFs: the data its template is given,
/// and its date.
fn fingerprint(inc: &Incremental, engine: &Engine, setup: &PrintSetup, ed: &Edition) -> String {
    let date = setup.date.unwrap_or_else(|| newest_input(ed));
    let extra = format!("{date:?}");
    if ed.brochure.format.is_flow() {
        inc.prints.of(ed, PDF_JOB, &flow::flow_document(ed, engine.fonts(), false).0, &extra)
    } else {
        inc.prints.of(ed, PDF_JOB, &panels::panels(ed, engine).0, &extra)
    }
}

/// Makes (or checks) an edition's print and screen PDFs and the previews
/// of its pages; keeps them when `inc` finds them current.
pub fn build_edition(engine: &Engine, setup: &PrintSetup, ed: &Edition, mode: Mode, status: Status, inc: Option<&Incremental>) -> JobReport {
    let start = Instant::now();
    let (project, brochure, lang) = (ed.project, ed.brochure, ed.lang);
    let key = key(ed);
    let inputs = inc.map(|inc| fingerprint(inc, engine, setup, ed));
    if let (Some(inc), Some(inputs)) = (inc, &inputs)
        && let Some(mut report) = inc.skip(&key, PDF_JOB, &brochure.key(), inputs)
    {
        report.time = start.elapsed();
        return report;
    }
    let (edition, diagnostics) = match mode {
        Mode::Build | Mode::Pdfs => render_edition(engine, setup, ed, status),
        Mode::Check => (None, check_edition(engine, ed)),
    };
    let mut report = JobReport::new(&brochure.key(), lang);
    report.diagnostics = ed.untranslated_names().into_iter().chain(diagnostics).map(|d| d.lang(lang)).collect();
    if let Some(edition) = edition {
        let (print_file, screen_file) = (print_path(&brochure.key(), lang), screen_path(&brochure.key(), lang));
        let stem = screen_file.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        let previews = match save_previews(&project.root, &key.preview_dir(), &stem, edition.previews) {
            Ok(previews) => previews,
            Err(d) => {
                report.diagnostics.push(d.lang(lang));
                return report;
            }
        };
        let print = Output::new(Kind::PrintPdf, &brochure.key(), Some(lang), print_file, edition.pages, edition.print.len());
        let screen = Output::new(Kind::ScreenPdf, &brochure.key(), Some(lang), screen_file, edition.pages, edition.screen.len()).with_previews(previews);
        if let Some(inputs) = inputs {
            let files = [(&print, edition.print.as_slice()), (&screen, edition.screen.as_slice())];
            report.record = Some(JobRecord::new(key, PDF_JOB, inputs, &files, &report.diagnostics));
        }
        match write_outputs(&project.root, vec![(print, edition.print.as_slice()), (screen, edition.screen.as_slice())]) {
            Ok(outputs) => report.outputs = outputs,
            Err(d) => report.diagnostics.push(d.lang(lang)),
        }
    }
    report.time = start.elapsed();
    after_job();
    report
}
