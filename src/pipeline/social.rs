//! Social-media jobs: one per post × preset × language, each laying out,
//! checking, rendering and writing one image with its alt text, plus one
//! caption per post and language.

use std::time::Instant;


use super::editions;
use super::incremental::{Incremental, JobRecord};
use super::{JobReport, Mode, Output, Status};
use crate::export::record::EditionKey;
use crate::diag::{Diagnostic, Diagnostics, has_errors};
use crate::export::caption::{caption, hashtag, plain_text};
use crate::export::platforms::caption_blockers;
use crate::export::output::{Kind, Preview, alt_text_path, save_previews, caption_path, social_image_path, social_stem};
use crate::export::qr_read::{QrCheck, verify_qr_codes, verify_qr_pixels};
use crate::export::{image, write::write_atomic};
use crate::layout::social::{PostData, Subject, check_post, post_data, set_slides, slide_inputs, typeset_post};
use typst_layout::PagedDocument;
use crate::layout::draft::{self, Mark};
use crate::blocks::texts::Texts;
use crate::layout::world::Engine;
use crate::model::social::{Post, Preset};
use crate::model::{Edition, Project, qr};

enum Job<'a> {
    /// The image of a post.
    Image(Edition<'a>, &'a Post, &'a Preset),
    /// The images of a carousel's slides, set together ([`set_slides`]).
    Carousel(Edition<'a>, &'a Post, &'a Preset),
    Caption(Edition<'a>, &'a Post),
}

/// Builds (or, in [`Mode::Check`], lays out and checks without writing)
/// every image and caption of every post, in parallel.
pub fn build(project: &Project, engine: &Engine, mode: Mode, status: Status) -> Vec<JobReport> {
    let keys: Vec<EditionKey> = editions::plan(project, None).into_iter().map(|(key, _)| key).collect();
    build_for(project, engine, mode, status, &keys, None)
}

/// [`build`] for the editions of `keys` only; with `inc`, an image whose
/// record is current is kept, and a caption whose file already says it.
pub fn build_for(project: &Project, engine: &Engine, mode: Mode, status: Status, keys: &[EditionKey], inc: Option<&Incremental>) -> Vec<JobReport> {
    let mut jobs = Vec::new();
    for edition in project.editions().into_iter().filter(|e| keys.contains(&editions::key(e))) {
        for post in &edition.brochure.social {
            jobs.push(Job::Caption(edition, post));
            for preset in &post.presets {
                jobs.push(if post.slides.is_empty() { Job::Image(edition, post, preset) } else { Job::Carousel(edition, post, preset) });
            }
        }
    }
    super::jobs::run(jobs, |job| {
        let post = match &job {
            Job::Image(e, post, _) | Job::Carousel(e, post, _) | Job::Caption(e, post) => format!("{}/{}", e.brochure.key(), post.id),
        };
        social_jobs(job, engine, mode, status, inc).into_iter().map(|report| JobReport { post: Some(post.clone()), ..report }).collect::<Vec<_>>()
    })
    .into_iter()
    .flatten()
    .collect()
}

/// Which image of which post a job makes.
struct Place<'a> {
    edition: &'a Edition<'a>,
    post: &'a Post,
    preset: &'a Preset,
    /// The slide (from 0) of a carousel.
    slide: Option<usize>,
}

/// Runs one image, carousel or caption job, or keeps what it made before.
/// A carousel's slides are set together, so each slide's fingerprint covers
/// every slide's data, and they are kept only all together.
fn social_jobs(job: Job, engine: &Engine, mode: Mode, status: Status, inc: Option<&Incremental>) -> Vec<JobReport> {
    match job {
        Job::Image(e, post, preset) => {
            let (name, job) = image_job(&e, post, preset, None);
            let inputs = inc.map(|inc| inc.prints.of(&e, &job, &slide_inputs(&e, engine, post, preset, 0), ""));
            if let Some(kept) = inc.zip(inputs.as_ref()).and_then(|(inc, inputs)| inc.skip(&editions::key(&e), &job, &name, inputs)) {
                return vec![kept];
            }
            let mut report = report(name, e.lang, || build_image(engine, &e, post, preset, mode, status));
            report.record = inputs.and_then(|inputs| record_of(&e, &job, inputs, &report));
            vec![report]
        }
        Job::Carousel(e, post, preset) => {
            let slides: Vec<(String, String)> = (0..post.slides.len()).map(|i| image_job(&e, post, preset, Some(i))).collect();
            let inputs: Option<Vec<String>> = inc.map(|inc| {
                let all: Vec<PostData> = (0..post.slides.len()).map(|i| slide_inputs(&e, engine, post, preset, i)).collect();
                slides.iter().map(|(_, job)| inc.prints.of(&e, job, &all, "")).collect()
            });
            let kept = inc.zip(inputs.as_ref()).and_then(|(inc, inputs)| {
                slides.iter().zip(inputs).map(|((name, job), inputs)| inc.skip(&editions::key(&e), job, name, inputs)).collect::<Option<Vec<_>>>()
            });
            if let Some(kept) = kept {
                return kept;
            }
            set_slides(&e, engine, post, preset)
                .into_iter()
                .zip(slides)
                .enumerate()
                .map(|(i, (set, (name, job)))| {
                    let at = Place { edition: &e, post, preset, slide: Some(i) };
                    let mut report = report(name, e.lang, || set.and_then(|set| finish_image(engine, &at, set.data, &set.doc, set.warnings, mode, status)));
                    report.record = inputs.as_ref().and_then(|inputs| record_of(&e, &job, inputs[i].clone(), &report));
                    report
                })
                .collect()
        }
        Job::Caption(e, post) => {
            let job = format!("caption/{}", post.id);
            let mut report = report(format!("{}/{}", e.brochure.key(), post.id), e.lang, || write_caption(&e, post, mode, inc));
            report.record = inc.and_then(|_| record_of(&e, &job, String::new(), &report));
            report.current = inc.zip(report.record.as_ref()).is_some_and(|(inc, r)| inc.current(&r.edition, &job, &r.record.inputs).is_some());
            vec![report]
        }
    }
}

/// The report name and record job of one image of a post (`slide` from 0).
fn image_job(edition: &Edition, post: &Post, preset: &Preset, slide: Option<usize>) -> (String, String) {
    let stem = social_stem(&post.id, &preset.name, slide.map(|i| i + 1));
    (format!("{}/{stem}", edition.brochure.key()), format!("social/{stem}"))
}

/// The record of a job that wrote its outputs, with their hashes read from
/// what was just written.
fn record_of(edition: &Edition, job: &str, inputs: String, report: &JobReport) -> Option<JobRecord> {
    if report.outputs.is_empty() || has_errors(&report.diagnostics) {
        return None;
    }
    let root = &edition.project.root;
    let bytes: Vec<Vec<u8>> = report.outputs.iter().map(|o| std::fs::read(root.join(&o.path)).ok()).collect::<Option<_>>()?;
    let files: Vec<(&Output, &[u8])> = report.outputs.iter().zip(&bytes).map(|(o, b)| (o, b.as_slice())).collect();
    let inputs = if inputs.is_empty() { bytes.first().map(|b| crate::export::manifest::sha256(b)).unwrap_or_default() } else { inputs };
    Some(JobRecord::new(editions::key(edition), job, inputs, &files, &report.diagnostics))
}

/// Runs one job and times it. Warnings found on the way come back with the
/// output; errors replace it.
fn report(name: String, lang: &str, job: impl FnOnce() -> Result<(Vec<Output>, Diagnostics), Diagnostics>) -> JobReport {
    let start = Instant::now();
    let mut report = JobReport::new(&name, lang);
    match job() {
        Ok((output, warnings)) => {
            report.outputs.extend(output);
            report.diagnostics = warnings;
        }
        Err(ds) => report.diagnostics = ds.into_iter().map(|d| if d.lang.is_none() { d.lang(lang) } else { d }).collect(),
    }
    report.time = start.elapsed();
    super::after_job();
    report
}

/// Lays out a post's image and finishes it ([`finish_image`]).
fn build_image(engine: &Engine, edition: &Edition, post: &Post, preset: &Preset, mode: Mode, status: Status) -> Result<(Vec<Output>, Diagnostics), Diagnostics> {
    let (data, warnings) = post_data(edition, engine, post, preset);
    if has_errors(&warnings) {
        return Err(warnings);
    }
    let document = typeset_post(engine, &data)?;
    finish_image(engine, &Place { edition, post, preset, slide: None }, data, &document, warnings, mode, status)
}

/// Checks, renders and writes one laid-out image (of the post, or of a
/// carousel's slide) and its alt text. Its QR code is read back from the
/// rendered pixels before they are encoded; a check, or a draft whose mark
/// may cross the code, renders the unmarked code's region only.
fn finish_image(engine: &Engine, at: &Place, data: PostData, document: &PagedDocument, mut warnings: Diagnostics, mode: Mode, status: Status) -> Result<(Vec<Output>, Diagnostics), Diagnostics> {
    let Place { edition, post, preset, slide } = *at;
    let (project, brochure, lang) = (edition.project, edition.brochure, edition.lang);
    let found = check_post(document, &data, &Subject { post, preset, slide, edition: *edition });
    if has_errors(&found) {
        return Err(found);
    }
    warnings.extend(found);
    let mut page = document.pages().first().ok_or_else(|| vec![Diagnostic::error("the post template made no page")])?.clone();
    let stem = social_stem(&post.id, &preset.name, slide.map(|i| i + 1));
    let want = QrCheck { output: format!("the image `{stem}` of `{}`", brochure.key()), lang: lang.to_string(), codes: qr::post_code(post).into_iter().collect() };
    if mode == Mode::Check {
        let unreadable = verify_qr_codes(document, &want);
        return if unreadable.is_empty() { Ok((Vec::new(), warnings)) } else { Err(unreadable) };
    }
    let own_blocker = warnings.iter().any(|d| d.blocks().is_some());
    let marked = status == Status::Draft || (status == Status::Clean && own_blocker);
    if marked {
        let mark = Mark::of(engine.fonts(), edition).ok_or_else(|| vec![draft::unmarkable(edition)])?;
        mark.stamp_page(&mut page, &draft::screen_ink());
    }
    let page = &page;
    let pixels = image::render(page, 1.0, false);
    if (pixels.width(), pixels.height()) != (preset.width, preset.height) {
        return Err(vec![Diagnostic::error(format!(
            "post `{}` rendered at {}×{} px instead of {}×{} px",
            post.id,
            pixels.width(),
            pixels.height(),
            preset.width,
            preset.height
        ))]);
    }
    let unreadable = if marked { verify_qr_codes(document, &want) } else { verify_qr_pixels(document, &pixels, 1.0, &want) };
    if !unreadable.is_empty() {
        return Err(unreadable);
    }
    let bytes = image::encode(&pixels, post.format, post.quality).map_err(|d| vec![d])?;
    let path = social_image_path(&brochure.key(), lang, &stem, post.format.extension());
    write_atomic(&project.root, &project.root.join(&path), &bytes).map_err(|d| vec![d])?;
    let alt_key = slide.and_then(|i| post.slides.get(i)).map_or(&post.alt, |s| &s.alt);
    let alt_runs = Texts::unset(*edition).runs(alt_key, None);
    let alt = format!("{}\n", plain_text(&alt_runs, edition.dir()));
    let alt_path = alt_text_path(&brochure.key(), lang, &stem);
    write_atomic(&project.root, &project.root.join(&alt_path), alt.as_bytes()).map_err(|d| vec![d])?;
    let previews = save_previews(&project.root, &editions::key(edition).preview_dir(), &stem, vec![Preview::of(page, stem.clone())]).map_err(|d| vec![d])?;
    let image = Output::new(Kind::SocialImage, &brochure.key(), Some(lang), path, 1, bytes.len()).with_previews(previews);
    Ok((vec![image, Output::new(Kind::AltText, &brochure.key(), Some(lang), alt_path, 0, alt.len())], warnings))
}

/// Writes the caption of one post in one language, with its hashtags; a
/// caption over a limit of a platform the post is built for is written all
/// the same, with a release blocker.
/// A caption already there with the same text is not written again.
fn write_caption(edition: &Edition, post: &Post, mode: Mode, inc: Option<&Incremental>) -> Result<(Vec<Output>, Diagnostics), Diagnostics> {
    let (project, brochure, lang) = (edition.project, edition.brochure, edition.lang);
    let mut texts = Texts::unset(*edition);
    let text = plain_text(&texts.runs(&post.caption, None), edition.dir());
    let mut tags = Vec::new();
    for item in post.hashtags.as_deref().map(|k| texts.list(k)).unwrap_or_default() {
        let word: String = item.iter().map(|r| r.text.as_str()).collect();
        match hashtag(&word) {
            Some(tag) => tags.push(tag),
            None => {
                let key = post.hashtags.clone().unwrap_or_default();
                texts.diagnostics.push(
                    Diagnostic::error(format!("hashtag `{word}` has a space or is empty; platforms would cut it short"))
                        .at_opt(texts.location(&key))
                        .key(key)
                        .lang(lang)
                        .hint("join the words, e.g. `İnsanTicaretineHayır` or `الاتجار_بالبشر`"),
                );
            }
        }
    }
    if has_errors(&texts.diagnostics) {
        return Err(texts.diagnostics);
    }
    let caption = caption(&text, &tags);
    texts.diagnostics.extend(caption_blockers(edition, post, &caption));
    if mode == Mode::Check {
        return Ok((Vec::new(), texts.diagnostics));
    }
    let bytes = caption.into_bytes();
    let path = caption_path(&brochure.key(), lang, &post.id);
    let kept = inc.is_some_and(|inc| inc.current(&editions::key(edition), &format!("caption/{}", post.id), &crate::export::manifest::sha256(&bytes)).is_some());
    if !kept {
        write_atomic(&project.root, &project.root.join(&path), &bytes).map_err(|d| vec![d])?;
    }
    Ok((vec![Output::new(Kind::Caption, &brochure.key(), Some(lang), path, 0, bytes.len())], texts.diagnostics))
}
