//! `kalem watch`: rebuild the PDFs of what changed when a project file is
//! saved, keeping the fonts, the typst library and typst's caches between
//! rebuilds, and keep running after an error until it is fixed. Social
//! images and contact sheets take seconds, so they are left to `kalem
//! build`. `kalem serve` watches the same way ([`watch`]), building
//! everything and telling its preview what each rebuild did.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use notify::{RecursiveMode, Watcher};

use super::finish;
use crate::cli::BuildArgs;
use crate::diag::{self, Diagnostic, Diagnostics};
use crate::model::open::load_config;
use crate::model::{CONFIG_FILE, Project, Selection, load_project};
use crate::pipeline::{self, JobReport, Mode, Resources};

/// Saves arriving within this time of each other are one change.
const SETTLE: Duration = Duration::from_millis(120);

/// Builds the PDFs once, then rebuilds them on every change until
/// interrupted.
pub fn run(args: &BuildArgs) -> u8 {
    watch(args, Mode::Pdfs, &mut |_| {})
}

/// What a watcher is told about each rebuild.
pub enum Rebuild<'a> {
    /// A rebuild starts.
    Started,
    /// The project loaded and `selection` of it was built: the project's
    /// findings and every job's report.
    Built {
        /// The project as loaded for this rebuild.
        project: &'a Project,
        /// What was rebuilt.
        selection: &'a Selection,
        /// The release gate's findings about the project.
        findings: &'a Diagnostics,
        /// One report per job.
        reports: &'a [JobReport],
    },
    /// The project did not load (or its fonts did not): nothing was
    /// written, the last outputs stay.
    Failed(&'a Diagnostics),
}

/// Builds once in `mode`, then rebuilds what changed on every change until
/// interrupted, telling `told` about each rebuild.
pub fn watch(args: &BuildArgs, mode: Mode, told: &mut dyn FnMut(Rebuild)) -> u8 {
    let root = match args.project.canonicalize() {
        Ok(r) => r,
        Err(e) => {
            let d = Diagnostic::error(format!("cannot open the project folder {}: {e}", args.project.display()))
                .hint("pass the folder that holds kalem.yaml with --project");
            return finish(&[d], &args.project);
        }
    };
    let (tx, rx) = mpsc::channel();
    // Links are not followed: a link to `/` in the project would have the
    // watcher walk the whole system (and kalem reads nothing through links
    // that leave the project anyway).
    let config = notify::Config::default().with_follow_symlinks(false);
    let mut watcher = match notify::RecommendedWatcher::new(tx, config).and_then(|mut w| w.watch(&root, RecursiveMode::Recursive).map(|_| w)) {
        Ok(w) => w,
        Err(e) => {
            let d = Diagnostic::error(format!("cannot watch the project folder: {e}")).hint("use `kalem build` instead");
            return finish(&[d], &root);
        }
    };
    let base = Selection { brochure: args.brochure.clone(), languages: args.lang.clone() };
    let mut resources = None;
    let site = mode == Mode::Build && base.brochure.is_none() && base.languages.is_none();
    let rebuilder = Rebuilder { root: &root, mode, site };
    rebuilder.rebuild(&base, &mut resources, "start", told);
    let only = if mode == Mode::Pdfs { "; PDFs only: run `kalem build` for social images" } else { "" };
    println!("watching {} for changes (Ctrl-C to stop){only}", diag::escape(&root.display().to_string()));
    while let Ok(first) = rx.recv() {
        let mut changed: BTreeSet<PathBuf> = BTreeSet::new();
        // Reading files (as every rebuild does) is an event too: only
        // writes, creations, removals and renames count.
        let mut collect = |event: notify::Result<notify::Event>| {
            if let Some(event) = event.ok().filter(|e| e.kind.is_modify() || e.kind.is_create() || e.kind.is_remove()) {
                changed.extend(event.paths.iter().filter_map(|p| relevant(&root, p)));
            }
        };
        collect(first);
        while let Ok(event) = rx.recv_timeout(SETTLE) {
            collect(event);
        }
        let names: Vec<String> = changed.iter().map(|p| diag::escape(&p.display().to_string())).collect();
        let known: Vec<String> = load_config(&root).map(|c| c.languages.into_keys().collect()).unwrap_or_default();
        changed.retain(|p| is_known(p, &known));
        if changed.is_empty() {
            if !names.is_empty() {
                println!("{}: not the translation of a language in kalem.yaml: nothing to rebuild", names.join(", "));
            }
            continue;
        }
        if changed.iter().any(|p| p.starts_with("fonts") || p.starts_with("assets") || p == Path::new(CONFIG_FILE)) {
            resources = None;
        }
        let names: Vec<String> = changed.iter().map(|p| diag::escape(&p.display().to_string())).collect();
        rebuilder.rebuild(&scope(&base, &changed), &mut resources, &names.join(", "), told);
    }
    drop(watcher.unwatch(&root));
    0
}

/// The project-relative path of a changed file kalem reads, if it is one.
fn relevant(root: &Path, path: &Path) -> Option<PathBuf> {
    let relative = path.strip_prefix(root).ok()?.to_path_buf();
    let top = relative.components().next()?.as_os_str().to_str()?;
    let hidden = relative.file_name()?.to_str()?.starts_with('.');
    let yaml = relative.extension().is_some_and(|e| e == "yaml" || e == "yml");
    let watched = match top {
        "brochures" | "translations" => yaml,
        "assets" | "fonts" => true,
        "data" => relative.extension().is_some_and(|e| e == "csv"),
        _ => relative == Path::new(CONFIG_FILE),
    };
    // Editors save through temporary files; only files kalem reads count.
    (watched && !hidden).then_some(relative)
}

/// Whether a changed file is one kalem reads: a translation only when its
/// language is one of `known` (`translations/fa-todo.yaml` is a
/// translator's draft, not a language).
fn is_known(path: &Path, known: &[String]) -> bool {
    !path.starts_with("translations") || path.file_stem().and_then(|s| s.to_str()).is_some_and(|stem| known.iter().any(|k| k == stem))
}

/// What to rebuild for a set of changed files: one language's translation
/// rebuilds that language, one brochure file that brochure, anything else
/// everything `base` selects.
pub fn scope(base: &Selection, changed: &BTreeSet<PathBuf>) -> Selection {
    let stems = |dir: &str| -> Option<Vec<String>> {
        changed.iter().map(|p| p.starts_with(dir).then(|| p.file_stem()?.to_str().map(str::to_string)).flatten()).collect()
    };
    if let Some(langs) = stems("translations") {
        let langs = match &base.languages {
            Some(only) => langs.into_iter().filter(|l| only.contains(l)).collect(),
            None => langs,
        };
        return Selection { brochure: base.brochure.clone(), languages: Some(langs) };
    }
    if let Some(ids) = stems("brochures").filter(|ids| ids.len() == 1) {
        if base.brochure.as_ref().is_none_or(|b| *b == ids[0]) {
            return Selection { brochure: Some(ids[0].clone()), languages: base.languages.clone() };
        }
    }
    base.clone()
}

/// Where and how to rebuild.
struct Rebuilder<'a> {
    root: &'a Path,
    mode: Mode,
    /// Whether each rebuild also brings the campaign website up to date
    /// (of the whole project, whatever part of it the rebuild covered).
    site: bool,
}

impl Rebuilder<'_> {
    /// One rebuild, reported on one line (and its problems below it), and
    /// to `told`.
    fn rebuild(&self, selection: &Selection, resources: &mut Option<Resources>, cause: &str, told: &mut dyn FnMut(Rebuild)) {
        told(Rebuild::Started);
        let start = Instant::now();
        let result = self.build(selection, resources);
        // typst's caches grow with every compile; keep what the last few
        // rebuilds used, as typst's own watch does.
        typst::comemo::evict(10);
        let ms = start.elapsed().as_millis();
        match result {
            Ok((project, findings, reports)) => {
                let written: usize = reports.iter().map(|r| r.outputs.len()).sum();
                let diagnostics: Diagnostics = findings.iter().chain(reports.iter().flat_map(|r| &r.diagnostics)).cloned().collect();
                let errors = diagnostics.iter().filter(|d| d.is_error()).count();
                let status = if errors > 0 { format!(", {errors} error(s): fix and save to retry") } else { String::new() };
                println!("{cause}: rebuilt {written} file(s) in {ms} ms{status}");
                diag::emit(&diagnostics, self.root);
                told(Rebuild::Built { project: &project, selection, findings: &findings, reports: &reports });
            }
            Err(diagnostics) => {
                println!("{cause}: not rebuilt ({} error(s)): fix and save to retry", diagnostics.len());
                diag::emit(&diagnostics, self.root);
                told(Rebuild::Failed(&diagnostics));
            }
        }
    }

    /// Fonts, typst's library and the output profile are loaded once and
    /// kept until a font, an asset or `kalem.yaml` changes.
    fn build(&self, selection: &Selection, resources: &mut Option<Resources>) -> Result<(Project, Diagnostics, Vec<JobReport>), Diagnostics> {
        let project = load_project(self.root, selection)?;
        if resources.is_none() {
            *resources = Some(pipeline::resources(&project).map_err(|d| vec![d])?);
        }
        let _lock = crate::export::write::prepare_output(&project.root).map_err(|d| vec![d])?;
        let Some(resources) = resources.as_ref() else { return Ok((project, Vec::new(), Vec::new())) };
        let (findings, status) = pipeline::gate::assess(&project, resources, &pipeline::gate::Gate::default());
        let mut reports = pipeline::build(&project, resources, self.mode, status);
        if self.site {
            let whole = load_project(self.root, &Selection::default())?;
            reports.push(pipeline::site::build(&whole, resources.engine.fonts(), resources.engine.colours(), false));
        }
        Ok((project, findings.diagnostics, reports))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn changed(paths: &[&str]) -> BTreeSet<PathBuf> {
        paths.iter().map(PathBuf::from).collect()
    }

    #[test]
    fn a_translation_rebuilds_only_its_language() {
        let s = scope(&Selection::default(), &changed(&["translations/ar.yaml"]));
        assert_eq!(s.languages, Some(vec!["ar".to_string()]));
        assert_eq!(s.brochure, None);
    }

    #[test]
    fn a_brochure_rebuilds_only_itself_and_config_rebuilds_all() {
        let s = scope(&Selection::default(), &changed(&["brochures/flyer.yaml"]));
        assert_eq!(s.brochure.as_deref(), Some("flyer"));
        let s = scope(&Selection::default(), &changed(&["kalem.yaml", "translations/ar.yaml"]));
        assert_eq!((s.brochure, s.languages), (None, None));
    }

    #[test]
    fn outputs_and_temporary_files_are_ignored() {
        let root = Path::new("/p");
        assert_eq!(relevant(root, Path::new("/p/output/x/tr/x-tr-print.pdf")), None);
        assert_eq!(relevant(root, Path::new("/p/translations/.tr.yaml.swp")), None);
        assert_eq!(relevant(root, Path::new("/p/translations/sedgXMLcy")), None);
        assert_eq!(relevant(root, Path::new("/p/translations/tr.yaml")), Some(PathBuf::from("translations/tr.yaml")));
    }

    #[test]
    fn drafts_of_unknown_languages_are_not_rebuilt() {
        let known = vec!["tr".to_string(), "fa".to_string()];
        assert!(is_known(Path::new("translations/fa.yaml"), &known));
        assert!(!is_known(Path::new("translations/fa-todo.yaml"), &known));
        assert!(is_known(Path::new("brochures/flyer.yaml"), &known));
    }
}
