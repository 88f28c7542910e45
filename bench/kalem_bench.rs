//! Benchmark helper (not part of kalem): uses the library to
//!
//! - `dump PROJECT OUT`: write the typst sources kalem compiles for every
//!   output of a build (main.typ, .kalem/blocks.typ, .kalem/data.json, the
//!   photos kalem hands typst pre-scaled from memory, and a link to the
//!   project's assets, one folder per output) and `jobs.json`
//!   listing them, so that another typst can compile the same documents;
//! - `warm PROJECT RUNS`: time a cold build of one edition and then RUNS
//!   rebuilds after editing its translation, keeping fonts, the typst
//!   library and typst's caches as `kalem watch` does.
//!
//! See bench/run.sh.

use std::path::{Path, PathBuf};
use std::time::Instant;

use kalem::layout::social::slide_data;
use kalem::layout::world::{BLOCKS, BLOCKS_PATH, DATA_PATH, Template};
use kalem::layout::{EditionData, typeset_edition};
use kalem::model::{Selection, load_project};
use kalem::pipeline::{self, Mode};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>()[1..] {
        ["dump", project, out] => dump(Path::new(project), Path::new(out)),
        ["warm", project, runs] => warm(Path::new(project), runs.parse().expect("RUNS is a number")),
        _ => {
            eprintln!("usage: kalem-bench dump PROJECT OUT | kalem-bench warm PROJECT RUNS");
            std::process::exit(2);
        }
    }
}

/// One output for another typst to compile: its folder, kind (`print`,
/// `screen`, `social`), format and, for images, pixels per inch.
#[derive(serde::Serialize)]
struct Job {
    dir: PathBuf,
    kind: &'static str,
    format: &'static str,
    ppi: Option<f64>,
}

fn dump(project: &Path, out: &Path) {
    let project = load_project(project, &Selection::default()).unwrap_or_else(|ds| panic!("{ds:#?}"));
    let engine = pipeline::engine(&project).unwrap_or_else(|d| panic!("{d}"));
    let assets = project.root.join("assets");
    let mut jobs = Vec::new();
    // `files`: the in-memory files kalem hands typst (pre-scaled photos),
    // as (absolute path, bytes).
    let mut write = |name: String, kind: &'static str, template: Template, data: Vec<u8>, files: Vec<(String, &[u8])>| {
        let dir = out.join(name);
        std::fs::create_dir_all(dir.join(".kalem")).expect("create job folder");
        for (path, bytes) in files {
            let file = dir.join(path.trim_start_matches('/'));
            std::fs::create_dir_all(file.parent().expect("a file in a folder")).expect("create folder");
            std::fs::write(file, bytes).expect("write in-memory file");
        }
        std::fs::write(dir.join("main.typ"), template.source()).expect("write main.typ");
        std::fs::write(dir.join(BLOCKS_PATH.trim_start_matches('/')), BLOCKS).expect("write blocks.typ");
        std::fs::write(dir.join(DATA_PATH.trim_start_matches('/')), data).expect("write data.json");
        #[cfg(unix)]
        std::os::unix::fs::symlink(&assets, dir.join("assets")).expect("link assets");
        // kalem renders social images at one pixel per point: 72 per inch.
        let (format, ppi) = if kind == "social" { ("png", Some(72.0)) } else { ("pdf", None) };
        jobs.push(Job { dir, kind, format, ppi });
    };
    for edition in project.editions() {
        let (brochure, lang) = (edition.brochure, edition.lang);
        {
            let set = typeset_edition(&engine, &edition).unwrap_or_else(|ds| panic!("{ds:#?}"));
            let (template, print) = match &set.data {
                EditionData::Panels(d) => (Template::Panels, serde_json::to_value(d)),
                EditionData::Flow(d) => (Template::Flow, serde_json::to_value(d)),
            };
            let mut print = print.expect("encode data");
            write(format!("{}-{lang}-print", brochure.id), "print", template, to_json(&print), Vec::new());
            // kalem derives the screen PDF from the print layout; plain
            // typst compiles a second document without bleed for it (its
            // colours would be RGB, which costs typst the same).
            print["bleed"] = serde_json::json!(0.0);
            write(format!("{}-{lang}-screen", brochure.id), "screen", template, to_json(&print), Vec::new());
            for post in &brochure.social {
                for preset in &post.presets {
                    // One image per slide of a carousel, as kalem renders.
                    for slide in 0..post.slides.len().max(1) {
                        let (data, _) = slide_data(&edition, &engine, post, preset, slide);
                        let files = data.photo.iter().filter_map(|p| p.pixels.as_ref().map(|px| (p.path.clone(), &px.bytes[..]))).collect();
                        write(format!("{}-{lang}-{}-{}-{slide}", brochure.id, post.id, preset.name), "social", Template::Social, to_json(&data), files);
                    }
                }
            }
        }
    }
    let list = serde_json::to_vec_pretty(&serde_json::json!({ "fonts": project.root.join("fonts"), "jobs": jobs })).expect("encode jobs");
    std::fs::write(out.join("jobs.json"), list).expect("write jobs.json");
    println!("{} outputs written to {}", jobs.len(), out.display());
}

fn to_json(data: &impl serde::Serialize) -> Vec<u8> {
    serde_json::to_vec(data).expect("encode data")
}

/// The edition `watch` rebuilds when its translation is saved.
const BROCHURE: &str = "human-trafficking";
const LANG: &str = "tr";

fn warm(project: &Path, runs: usize) {
    let selection = Selection { brochure: Some(BROCHURE.into()), languages: Some(vec![LANG.into()]) };
    let translation = project.join(format!("translations/{LANG}.yaml"));
    let original = std::fs::read_to_string(&translation).expect("read translation");
    let build = |resources: &mut Option<pipeline::Resources>| {
        let start = Instant::now();
        let project = load_project(project, &selection).unwrap_or_else(|ds| panic!("{ds:#?}"));
        let resources = resources.get_or_insert_with(|| pipeline::resources(&project).unwrap_or_else(|d| panic!("{d}")));
        let (_, status) = pipeline::gate::assess(&project, resources, &pipeline::gate::Gate::default());
        let reports = pipeline::build(&project, resources, Mode::Build, status);
        assert!(reports.iter().all(|r| !r.outputs.is_empty()), "a job failed");
        start.elapsed().as_secs_f64() * 1000.0
    };
    let mut resources = None;
    let cold = build(&mut resources);
    let mut times = Vec::new();
    for run in 0..runs {
        // A small edit, as a translator makes: one word of the lead changes.
        let edited = original.replacen("Mağdurlar", if run % 2 == 0 { "Mağdur kişiler" } else { "Mağdurlar" }, 1);
        std::fs::write(&translation, edited).expect("edit translation");
        times.push(build(&mut resources));
    }
    std::fs::write(&translation, original).expect("restore translation");
    times.sort_by(f64::total_cmp);
    let median = times.get(times.len() / 2).copied().unwrap_or(f64::NAN);
    println!("cold_ms {cold:.0}");
    println!("warm_median_ms {median:.0}");
    println!("warm_all_ms {}", times.iter().map(|t| format!("{t:.0}")).collect::<Vec<_>>().join(" "));
}
