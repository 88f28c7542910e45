//! The campaign website from the build: the same blocks every edition is
//! set from, prepared the same way, handed to the HTML renderer
//! ([`crate::site`]); the PDFs and social images the build wrote offered
//! beside them. Everything is written together (nothing half-written).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;

use crate::blocks::{BlockData, typst_path};
use crate::blocks::texts::Texts;
use crate::diag::{Diagnostic, Location};
use crate::export::output::{Kind, OUTPUT_DIR, Output, print_path, screen_path, social_dir};
use crate::export::record::{self, FileRecord, Record, Records, aggregate_record_path};
use crate::export::write::write_together;
use crate::fonts::FontSet;
use crate::blocks::dir_name;
use crate::model::colour::Colours;
use crate::model::variant::file_stem;
use crate::model::{BlockKind, Brochure, Edition, Project, contrast};
use crate::site::{self, Download, EditionPage, FaceSource, Language, Material, SITE_DIR, SiteInput, SocialImage, SocialPost, Theme};

use super::JobReport;
use super::incremental::of_parts;

/// Longest side of a social image's thumbnail on the site, in pixels.
const THUMB_PX: u32 = 320;

/// The site's record among the aggregates' (`output/.kalem/site.json`).
const RECORD: &str = "site";

/// Builds `output/site/` from the project and what is in `output/`; keeps
/// it, unless `force`, when nothing it is made from changed and every file
/// it wrote is intact.
pub fn build(project: &Project, fonts: &FontSet, colours: &Colours, force: bool) -> JobReport {
    let start = Instant::now();
    let input = SiteInput {
        organisation: project.config.organisation.name.clone(),
        languages: languages(project),
        materials: project.brochures.iter().filter(|b| b.format.is_public()).map(|b| material(project, b)).collect(),
        theme: theme(project, colours),
        base_url: project.config.site.base_url.as_ref().map(|u| if u.ends_with('/') { u.clone() } else { format!("{u}/") }),
        faces: fonts.faces().iter().map(|f| (f.family.clone(), f.weight, FaceSource { data: &f.data, index: f.index })).collect(),
        aspects: aspects(project),
        backdrops: backdrops(project, colours),
    };
    let inputs = fingerprint(project, &input);
    let record_path = aggregate_record_path(RECORD);
    if let Some((written, _)) = record::current(&project.root, record::read_records(&project.root, &record_path).get(RECORD), &inputs).filter(|_| !force) {
        let pages = written.iter().filter(|o| o.path.extension().is_some_and(|e| e == "html")).count();
        let bytes = written.iter().map(|o| o.bytes).sum();
        let outputs = vec![Output::new(Kind::Site, SITE_DIR, None, Path::new(OUTPUT_DIR).join(SITE_DIR), pages, bytes)];
        return JobReport { outputs, current: true, time: start.elapsed(), ..JobReport::new(SITE_DIR, "all") };
    }
    let rendered = site::render(&input);
    let site_root = project.root.join(OUTPUT_DIR).join(SITE_DIR);
    let mut files: Vec<(PathBuf, Vec<u8>)> = rendered.files.into_iter().map(|(p, b)| (site_root.join(p), b)).collect();
    let mut diagnostics = Vec::new();
    for asset in &rendered.assets {
        match std::fs::read(project.root.join(asset)) {
            Ok(bytes) => files.push((site_root.join(asset), bytes)),
            Err(e) => diagnostics.push(Diagnostic::warning(format!("the site cannot show this file: {e}")).at(Location::file(Path::new(asset))).hint("check that the file is in the project")),
        }
    }
    // The outputs themselves are linked, not copied: the same bytes, no
    // second write of every PDF.
    for offered in offered(&input) {
        let from = project.root.join(OUTPUT_DIR).join(offered.trim_start_matches("files/"));
        if let Err(e) = link_atomic(&from, &site_root.join(&offered)) {
            diagnostics.push(Diagnostic::warning(format!("the site cannot offer this file: {e}")).at(Location::file(&from)).hint("build the brochure's outputs first (`kalem build`)"));
        }
    }
    files.extend(thumbnails(&input, &project.root, &site_root));
    let staged: Vec<(&Path, &[u8])> = files.iter().map(|(p, b)| (p.as_path(), b.as_slice())).collect();
    let pages = files.iter().filter(|(p, _)| p.extension().is_some_and(|e| e == "html")).count();
    let bytes = files.iter().map(|(_, b)| b.len()).sum();
    let outputs = match write_together(&project.root, &staged) {
        Ok(()) => {
            if diagnostics.is_empty()
                && let Err(d) = write_record(project, &record_path, inputs, &files)
            {
                diagnostics.push(d);
            }
            vec![Output::new(Kind::Site, SITE_DIR, None, Path::new(OUTPUT_DIR).join(SITE_DIR), pages, bytes)]
        }
        Err(d) => {
            diagnostics.push(d);
            Vec::new()
        }
    };
    JobReport { outputs, diagnostics, time: start.elapsed(), ..JobReport::new(SITE_DIR, "all") }
}

/// What the site is made from: its pages' data, the fonts' bytes, and the
/// size and time of every output and image it offers or shows (a rebuilt PDF
/// is a new file, which the site links again).
fn fingerprint(project: &Project, input: &SiteInput) -> String {
    let data = format!("{:?} {:?} {:?} {:?} {:?} {:?}", input.organisation, input.languages, input.materials, input.theme, input.base_url, (&input.aspects, &input.backdrops));
    let mut parts: Vec<Vec<u8>> = vec![data.into_bytes()];
    for (family, weight, face) in &input.faces {
        parts.push(format!("{family} {weight} {}", face.index).into_bytes());
        parts.push(face.data.to_vec());
    }
    let shown = offered(input).into_iter().map(|f| Path::new(OUTPUT_DIR).join(f.trim_start_matches("files/")));
    for file in shown.chain(input.aspects.keys().map(|p| PathBuf::from(p.trim_start_matches('/')))) {
        let stamp = std::fs::metadata(project.root.join(&file)).map(|m| (m.len(), m.modified().ok()));
        parts.push(format!("{} {stamp:?}", file.display()).into_bytes());
    }
    of_parts(&parts.iter().map(Vec::as_slice).collect::<Vec<_>>())
}

/// Records what the site was made from and every file it wrote.
fn write_record(project: &Project, record_path: &Path, inputs: String, files: &[(PathBuf, Vec<u8>)]) -> Result<(), Diagnostic> {
    let written = files.iter().map(|(path, bytes)| {
        let relative = path.strip_prefix(&project.root).unwrap_or(path).to_path_buf();
        FileRecord::of(&Output::new(Kind::Site, SITE_DIR, None, relative, 0, bytes.len()), bytes)
    });
    let records = Records::from([(RECORD.to_string(), Record { inputs, files: written.collect(), findings: Vec::new() })]);
    record::write_records(&project.root, record_path, &records)
}

fn languages(project: &Project) -> Vec<Language> {
    let config = &project.config;
    let mut codes: Vec<&String> = config.languages.keys().filter(|c| project.brochures.iter().any(|b| b.languages.contains(c))).collect();
    codes.sort_by_key(|c| **c != config.source_language);
    codes
        .into_iter()
        .filter_map(|code| {
            let brochure = project.brochures.iter().find(|b| b.languages.contains(code))?;
            let edition = Edition::new(project, brochure, code)?;
            Some(Language { code: code.clone(), name: edition.language.name.clone(), dir: dir_name(edition.dir()), fonts: edition.fonts.to_vec(), digits: edition.digits() })
        })
        .collect()
}

/// A brochure's editions: its blocks in reading order, prepared as for
/// its PDFs, and the files its build wrote.
fn material(project: &Project, brochure: &Brochure) -> Material {
    let editions = project
        .config
        .languages
        .keys()
        .filter(|l| brochure.languages.contains(l))
        .filter_map(|lang| Edition::new(project, brochure, lang))
        .map(|edition| {
            let mut texts = Texts::unset(edition);
            let sections: Vec<Vec<BlockData>> = if brochure.format.is_flow() {
                vec![texts.blocks(&brochure.content, 0.0)]
            } else {
                let panels: Vec<_> = brochure.format.reading_order().into_iter().filter_map(|name| brochure.panels.get(name)).collect();
                let mut all = texts.blocks(panels.iter().flat_map(|p| &p.blocks), 0.0).into_iter();
                panels.iter().map(|p| all.by_ref().take(p.blocks.len()).collect()).collect()
            };
            let lang = edition.lang;
            // A variant's page says which one it is (every province's
            // flyer has the same title), tied to the title's last word.
            let title = texts.plain(&brochure.title);
            EditionPage {
                lang: lang.to_string(),
                title: brochure.variant_id().map_or_else(|| title.clone(), |v| format!("{title}\u{a0}({v})")),
                sections,
                downloads: downloads(&project.root, &brochure.key(), lang),
                social: social(&project.root, brochure, lang),
            }
        })
        .collect();
    Material { id: file_stem(&brochure.key()), editions }
}

fn downloads(root: &Path, id: &str, lang: &str) -> Vec<Download> {
    [(true, print_path(id, lang)), (false, screen_path(id, lang))]
        .into_iter()
        .filter_map(|(print, path)| {
            let bytes = std::fs::metadata(root.join(&path)).ok()?.len();
            Some(Download { print, path: files_path(&path), bytes })
        })
        .collect()
}

/// Where a file of `output/` is offered in the site: `files/<same path>`.
fn files_path(output_relative: &Path) -> String {
    let below = output_relative.strip_prefix(OUTPUT_DIR).unwrap_or(output_relative);
    format!("files/{}", below.to_string_lossy().replace('\\', "/"))
}

/// The social posts the build wrote images of for an edition, each with
/// its images (alt texts as written beside them) and caption.
fn social(root: &Path, brochure: &Brochure, lang: &str) -> Vec<SocialPost> {
    let id = brochure.key();
    let dir = social_dir(&id, lang);
    let Ok(entries) = std::fs::read_dir(root.join(&dir)) else { return Vec::new() };
    let mut names: Vec<String> = entries.filter_map(|e| e.ok()?.file_name().into_string().ok()).filter(|n| n.ends_with(".png") || n.ends_with(".jpg")).collect();
    names.sort();
    let read = |p: PathBuf| std::fs::read_to_string(root.join(p)).unwrap_or_default().trim().to_string();
    brochure
        .social
        .iter()
        .filter_map(|post| {
            let prefix = format!("{}-", post.id);
            // A longer post id that starts with this one is another post.
            let longer = |n: &str| brochure.social.iter().any(|o| o.id.len() > post.id.len() && n.starts_with(&format!("{}-", o.id)));
            let images: Vec<SocialImage> = names
                .iter()
                .filter(|n| n.starts_with(&prefix) && !longer(n))
                .filter_map(|name| {
                    let stem = name.rsplit_once('.')?.0;
                    let path = dir.join(name);
                    Some(SocialImage {
                        path: files_path(&path),
                        preset: stem.trim_start_matches(&prefix).to_string(),
                        size: image::image_dimensions(root.join(&path)).ok()?,
                        alt: read(dir.join(format!("{stem}.alt.txt"))),
                        link_preview: stem.ends_with("facebook-link"),
                    })
                })
                .collect();
            let (w, h) = images.first()?.size;
            let thumb_size = if w >= h { (THUMB_PX, (THUMB_PX * h).div_ceil(w)) } else { ((THUMB_PX * w).div_ceil(h), THUMB_PX) };
            Some(SocialPost { caption: read(dir.join(format!("{}.caption.txt", post.id))), thumb: format!("thumbs/{id}/{lang}/{}.jpg", post.id), thumb_size, images })
        })
        .collect()
}

/// Files of `output/` the pages offer (PDFs, social images).
fn offered(input: &SiteInput) -> Vec<String> {
    let editions = input.materials.iter().flat_map(|m| &m.editions);
    editions.flat_map(|e| e.downloads.iter().map(|d| d.path.clone()).chain(e.social.iter().flat_map(|p| &p.images).map(|s| s.path.clone()))).collect()
}

/// Puts `from` at `to` as a hard link (a copy where the file system has
/// none), made under a temporary name and renamed into place.
fn link_atomic(from: &Path, to: &Path) -> std::io::Result<()> {
    let dir = to.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let tmp = dir.join(format!(".kalem-link-{}.part", std::process::id()));
    let _ = std::fs::remove_file(&tmp);
    if std::fs::hard_link(from, &tmp).is_err() {
        std::fs::copy(from, &tmp)?;
    }
    std::fs::rename(&tmp, to)?;
    // Renaming a link over another link to the same file does nothing
    // (POSIX), which leaves the temporary name behind.
    match std::fs::remove_file(&tmp) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

/// JPEG thumbnails of each post's first image; one already made from the
/// same image (newer than it) is kept as it is.
fn thumbnails(input: &SiteInput, root: &Path, site_root: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let posts: Vec<&SocialPost> = input.materials.iter().flat_map(|m| &m.editions).flat_map(|e| &e.social).collect();
    posts
        .into_par_iter()
        .filter_map(|s| {
            let source = root.join(OUTPUT_DIR).join(s.images.first()?.path.trim_start_matches("files/"));
            let target = site_root.join(&s.thumb);
            let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
            if modified(&target).zip(modified(&source)).is_some_and(|(t, s)| t >= s) {
                return Some((target.clone(), std::fs::read(&target).ok()?));
            }
            let full = image::open(&source).ok()?;
            let small = full.resize_exact(s.thumb_size.0, s.thumb_size.1, image::imageops::FilterType::Triangle).into_rgb8();
            let mut bytes = Vec::new();
            image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, 80).encode_image(&small).ok()?;
            Some((target, bytes))
        })
        .collect()
}

/// Width over height of every image block's file, by its path as the
/// blocks name it; an image that cannot be read is left out (its page
/// then reserves a square).
fn aspects(project: &Project) -> BTreeMap<String, f64> {
    let paths: BTreeSet<&Path> = project.brochures.iter().flat_map(|b| b.blocks()).filter_map(|b| if let BlockKind::Image { path, .. } = &b.kind { Some(path.as_path()) } else { None }).collect();
    paths
        .into_iter()
        .filter_map(|path| {
            let full = project.root.join(path);
            let (w, h) = if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("svg")) {
                let tree = usvg::Tree::from_data(&std::fs::read(&full).ok()?, &usvg::Options::default()).ok()?;
                (f64::from(tree.size().width()), f64::from(tree.size().height()))
            } else {
                let (w, h) = image::image_dimensions(&full).ok()?;
                (f64::from(w), f64::from(h))
            };
            (h > 0.0).then(|| (typst_path(path), w / h))
        })
        .collect()
}

/// The screen colour of the panel each image block stands on, where that
/// panel has a colour background (the first such panel of an image).
fn backdrops(project: &Project, colours: &Colours) -> BTreeMap<String, String> {
    let mut found = BTreeMap::new();
    for brochure in &project.brochures {
        for panel in brochure.panels.values() {
            let Some(colour) = panel.background else { continue };
            let [r, g, b] = colours.srgb(colour);
            for block in &panel.blocks {
                if let BlockKind::Image { path, .. } = &block.kind {
                    found.entry(typst_path(path)).or_insert_with(|| format!("#{r:02x}{g:02x}{b:02x}"));
                }
            }
        }
    }
    found
}

/// The theme's colours on screens, through the output profile; a heading
/// colour that does not reach body-text contrast on white gives way to
/// black (the print's contrast check, [`contrast::ratio`]).
fn theme(project: &Project, colours: &Colours) -> Theme {
    let config = &project.config;
    let rgb = |name: &str| colours.srgb(config.colors.get(name).copied().unwrap_or(crate::model::Cmyk::BLACK));
    let hex = |c: [u8; 3]| format!("#{:02x}{:02x}{:02x}", c[0], c[1], c[2]);
    let readable = |c: [u8; 3], on: [u8; 3]| if contrast::ratio(c, on) >= contrast::BODY { c } else { [0x11; 3] };
    let callout = rgb(&config.theme.callout);
    Theme {
        heading: hex(readable(rgb(&config.theme.heading), [255; 3])),
        callout: hex(callout),
        callout_text: hex(if contrast::ratio(rgb(&config.theme.callout_text), callout) >= contrast::BODY { rgb(&config.theme.callout_text) } else { [255; 3] }),
    }
}
