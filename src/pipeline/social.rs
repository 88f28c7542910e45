//! Social-media jobs: one per post × preset × language, each laying out,
//! checking, rendering and writing one image with its alt text, plus one
//! caption per post and language.

use std::time::{Duration, Instant};

use rayon::prelude::*;

use super::{JobReport, Mode, Output, Status};
use crate::diag::{Diagnostic, Diagnostics, has_errors};
use crate::export::caption::{caption, hashtag, plain_text};
use crate::export::platforms::caption_blockers;
use crate::export::output::{Kind, Preview, alt_text_path, caption_path, social_image_path, social_stem};
use crate::export::qr_read::{QrCheck, verify_qr_codes, verify_qr_pixels};
use crate::export::{image, write::write_atomic};
use crate::layout::social::{Subject, check_post, slide_data, typeset_post};
use crate::layout::draft::{self, Mark};
use crate::blocks::texts::Texts;
use crate::layout::world::Engine;
use crate::model::social::{Post, Preset};
use crate::model::{Edition, Project, qr};

enum Job<'a> {
    /// One image: of the post, or of one slide (from 0) of a carousel.
    Image(Edition<'a>, &'a Post, &'a Preset, Option<usize>),
    Caption(Edition<'a>, &'a Post),
}

/// Builds (or, in [`Mode::Check`], lays out and checks without writing)
/// every image and caption of every post, in parallel.
pub fn build(project: &Project, engine: &Engine, mode: Mode, status: Status) -> Vec<JobReport> {
    let mut jobs = Vec::new();
    for edition in project.editions() {
        for post in &edition.brochure.social {
            jobs.push(Job::Caption(edition, post));
            let slides: Vec<Option<usize>> = if post.slides.is_empty() { vec![None] } else { (0..post.slides.len()).map(Some).collect() };
            for preset in &post.presets {
                jobs.extend(slides.iter().map(|slide| Job::Image(edition, post, preset, *slide)));
            }
        }
    }
    jobs.into_par_iter()
        .map(|job| match job {
            Job::Image(e, post, preset, slide) => {
                let name = format!("{}/{}", e.brochure.id, social_stem(&post.id, &preset.name, slide.map(|i| i + 1)));
                report(name, e.lang, || build_image(engine, &e, post, preset, slide, mode, status))
            }
            Job::Caption(e, post) => report(format!("{}/{}", e.brochure.id, post.id), e.lang, || write_caption(&e, post, mode)),
        })
        .collect()
}

/// Runs one job and times it. Warnings found on the way come back with the
/// output; errors replace it.
fn report(name: String, lang: &str, job: impl FnOnce() -> Result<(Vec<Output>, Diagnostics), Diagnostics>) -> JobReport {
    let start = Instant::now();
    let mut report = JobReport { brochure: name, lang: lang.to_string(), outputs: Vec::new(), diagnostics: Vec::new(), time: Duration::ZERO };
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

/// Lays out, checks, renders and writes one image (of the post, or of
/// slide `slide` of a carousel) and its alt text. Its QR code is read back
/// from the rendered pixels before they are encoded; a check, or a draft
/// whose mark may cross the code, renders the unmarked code's region only.
fn build_image(engine: &Engine, edition: &Edition, post: &Post, preset: &Preset, slide: Option<usize>, mode: Mode, status: Status) -> Result<(Vec<Output>, Diagnostics), Diagnostics> {
    let (project, brochure, lang) = (edition.project, edition.brochure, edition.lang);
    let (data, mut warnings) = slide_data(edition, engine, post, preset, slide.unwrap_or(0));
    if has_errors(&warnings) {
        return Err(warnings);
    }
    let document = typeset_post(engine, &data)?;
    let found = check_post(&document, &data, &Subject { post, preset, slide, edition: *edition });
    if has_errors(&found) {
        return Err(found);
    }
    warnings.extend(found);
    let mut page = document.pages().first().ok_or_else(|| vec![Diagnostic::error("the post template made no page")])?.clone();
    let stem = social_stem(&post.id, &preset.name, slide.map(|i| i + 1));
    let want = QrCheck { output: format!("the image `{stem}` of `{}`", brochure.id), lang: lang.to_string(), codes: qr::post_code(post).into_iter().collect() };
    if mode == Mode::Check {
        let unreadable = verify_qr_codes(&document, &want);
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
    let unreadable = if marked { verify_qr_codes(&document, &want) } else { verify_qr_pixels(&document, &pixels, 1.0, &want) };
    if !unreadable.is_empty() {
        return Err(unreadable);
    }
    let bytes = image::encode(&pixels, post.format, post.quality).map_err(|d| vec![d])?;
    let path = social_image_path(&brochure.id, lang, &stem, post.format.extension());
    write_atomic(&project.root.join(&path), &bytes).map_err(|d| vec![d])?;
    let alt_key = slide.and_then(|i| post.slides.get(i)).map_or(&post.alt, |s| &s.alt);
    let alt_runs = Texts::unset(*edition).runs(alt_key, None);
    let alt = format!("{}\n", plain_text(&alt_runs, edition.dir()));
    let alt_path = alt_text_path(&brochure.id, lang, &stem);
    write_atomic(&project.root.join(&alt_path), alt.as_bytes()).map_err(|d| vec![d])?;
    let preview = Preview::of(page, stem);
    let image = Output::new(Kind::SocialImage, &brochure.id, Some(lang), path, 1, bytes.len()).with_previews(vec![preview]);
    Ok((vec![image, Output::new(Kind::AltText, &brochure.id, Some(lang), alt_path, 0, alt.len())], warnings))
}

/// Writes the caption of one post in one language, with its hashtags; a
/// caption over a limit of a platform the post is built for is written all
/// the same, with a release blocker.
fn write_caption(edition: &Edition, post: &Post, mode: Mode) -> Result<(Vec<Output>, Diagnostics), Diagnostics> {
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
    let path = caption_path(&brochure.id, lang, &post.id);
    write_atomic(&project.root.join(&path), &bytes).map_err(|d| vec![d])?;
    Ok((vec![Output::new(Kind::Caption, &brochure.id, Some(lang), path, 0, bytes.len())], texts.diagnostics))
}
