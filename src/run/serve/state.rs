//! What the preview shows: the last good outputs of every job and the
//! problems the latest rebuild found, merged rebuild after rebuild (a
//! rebuild of one language leaves the others as they were).

use crate::diag::{Diagnostic, Diagnostics};
use crate::export::output::OUTPUT_DIR;
use crate::model::config::Direction;
use crate::model::{Edition, Project, Selection};
use crate::pipeline::{JobReport, Output};

use super::super::watch::Rebuild;

/// A brochure as the preview lists it.
#[derive(Debug, Clone)]
pub struct BrochureInfo {
    /// Its id.
    pub id: String,
    /// Its file, relative to the project root.
    pub file: std::path::PathBuf,
    /// Its languages, in the brochure's order.
    pub languages: Vec<LangInfo>,
}

/// One language of a brochure.
#[derive(Debug, Clone)]
pub struct LangInfo {
    /// Its code.
    pub code: String,
    /// Its name in itself.
    pub name: String,
    /// Whether it is written right to left.
    pub rtl: bool,
}

/// What one job (an edition's PDFs, one social image, one caption) last
/// wrote, and what its latest run found.
#[derive(Debug, Clone)]
pub struct Job {
    /// The report's name: the brochure id, or `<brochure>/<file stem>`.
    pub name: String,
    /// The language, or `all` (the contact sheet).
    pub lang: String,
    /// The files of its last run that wrote any.
    pub outputs: Vec<Output>,
    /// What its latest run found.
    pub diagnostics: Diagnostics,
    /// Whether its latest run wrote nothing: `outputs` are older.
    pub stale: bool,
}

impl Job {
    /// The brochure the job belongs to.
    pub fn brochure(&self) -> &str {
        self.name.split('/').next().unwrap_or_default()
    }
}

/// Everything the preview pages are made from.
#[derive(Debug, Default)]
pub struct Shown {
    /// Counts finished rebuilds; the open pages reload when it changes.
    pub generation: u64,
    /// Whether a rebuild is running.
    pub building: bool,
    /// Why the last rebuild built nothing (the outputs shown are older);
    /// empty when it built.
    pub failure: Diagnostics,
    /// The brochures, in the project's order.
    pub brochures: Vec<BrochureInfo>,
    /// The release gate's findings about the project.
    pub findings: Diagnostics,
    /// Every job, in the order they were first reported.
    pub jobs: Vec<Job>,
}

impl Shown {
    /// Takes in what the watcher says about a rebuild.
    pub fn told(&mut self, rebuild: Rebuild) {
        match rebuild {
            Rebuild::Started => self.building = true,
            Rebuild::Failed(diagnostics) => {
                self.failure = diagnostics.clone();
                self.finished();
            }
            Rebuild::Built { project, selection, findings, reports } => {
                self.failure.clear();
                self.merge(project, selection, findings, reports);
                self.finished();
            }
        }
    }

    fn finished(&mut self) {
        self.building = false;
        self.generation += 1;
    }

    /// The brochure with this id.
    pub fn brochure(&self, id: &str) -> Option<&BrochureInfo> {
        self.brochures.iter().find(|b| b.id == id)
    }

    /// The job named `name` in `lang`.
    pub fn job(&self, name: &str, lang: &str) -> Option<&Job> {
        self.jobs.iter().find(|j| j.name == name && j.lang == lang)
    }

    fn merge(&mut self, project: &Project, selection: &Selection, findings: &Diagnostics, reports: &[JobReport]) {
        for brochure in &project.brochures {
            let mut languages: Vec<LangInfo> = brochure.languages.iter().filter_map(|l| Edition::new(project, brochure, l)).map(|e| lang_info(project, &e)).collect();
            let old = self.brochures.iter().position(|b| b.id == brochure.id);
            // A rebuild of some languages loads only those: the others stay.
            if let (Some(i), Some(_)) = (old, &selection.languages) {
                let kept = self.brochures[i].languages.iter().filter(|l| !in_scope(selection, None, Some(&l.code)));
                languages = kept.cloned().chain(languages).collect();
                languages.sort_by_key(|l| self.brochures[i].languages.iter().position(|o| o.code == l.code).unwrap_or(usize::MAX));
            }
            let info = BrochureInfo { id: brochure.id.clone(), file: brochure.file.clone(), languages };
            match old {
                Some(i) => self.brochures[i] = info,
                None => self.brochures.push(info),
            }
        }
        if selection.brochure.is_none() && selection.languages.is_none() {
            self.brochures.retain(|b| project.brochures.iter().any(|p| p.id == b.id));
        }
        let rebuilt = |brochure: Option<&str>, lang: Option<&str>| in_scope(selection, brochure, lang);
        let files: Vec<&std::path::Path> = project.brochures.iter().map(|b| b.file.as_path()).collect();
        self.findings.retain(|d| !rebuilt(finding_brochure(d, &files, project), d.lang.as_deref()));
        for finding in findings {
            if !self.findings.contains(finding) {
                self.findings.push(finding.clone());
            }
        }
        // Jobs of the rebuilt scope that no report names are gone (a post
        // or preset removed); the others stay as they were.
        self.jobs.retain(|j| !rebuilt(Some(j.brochure()), Some(&j.lang)) || reports.iter().any(|r| r.brochure == j.name && r.lang == j.lang));
        for report in reports {
            self.take(report);
        }
    }

    /// Takes one job's report: its outputs when it wrote any, else the
    /// last ones stay, marked stale.
    fn take(&mut self, report: &JobReport) {
        let fresh = Job { name: report.brochure.clone(), lang: report.lang.clone(), outputs: report.outputs.clone(), diagnostics: report.diagnostics.clone(), stale: false };
        match self.jobs.iter_mut().find(|j| j.name == report.brochure && j.lang == report.lang) {
            Some(old) if report.outputs.is_empty() => {
                old.stale = !old.outputs.is_empty();
                old.diagnostics = fresh.diagnostics;
            }
            Some(old) => *old = fresh,
            None => self.jobs.push(fresh),
        }
    }
}

/// Whether a rebuild of `selection` reassessed what concerns `brochure`
/// (none: the whole project) in `lang` (none: every language).
fn in_scope(selection: &Selection, brochure: Option<&str>, lang: Option<&str>) -> bool {
    let brochure_in = selection.brochure.as_deref().is_none_or(|only| brochure == Some(only));
    let lang_in = match (&selection.languages, lang) {
        (None, _) => true,
        (Some(only), Some(lang)) => lang == "all" || only.iter().any(|l| l == lang),
        (Some(_), None) => true,
    };
    brochure_in && lang_in
}

/// The brochure a finding is about, when it points into a brochure file.
fn finding_brochure<'a>(d: &Diagnostic, files: &[&std::path::Path], project: &'a Project) -> Option<&'a str> {
    let file = d.location.as_ref().map(|l| l.file.as_path())?;
    files.iter().position(|f| *f == file).and_then(|i| project.brochures.get(i)).map(|b| b.id.as_str())
}

fn lang_info(project: &Project, edition: &Edition) -> LangInfo {
    let name = project.config.languages.get(edition.lang).map_or_else(|| edition.lang.to_string(), |l| l.name.clone());
    LangInfo { code: edition.lang.to_string(), name, rtl: edition.dir() == Direction::Rtl }
}

/// An output's path below `output/`, as the server's URLs name it.
pub fn served_path(output: &Output) -> Option<&std::path::Path> {
    output.path.strip_prefix(OUTPUT_DIR).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(name: &str, lang: &str, outputs: Vec<Output>, diagnostics: Diagnostics) -> JobReport {
        JobReport { outputs, diagnostics, ..JobReport::new(name, lang) }
    }

    #[test]
    fn a_failed_job_keeps_its_last_outputs_and_shows_its_new_problems() {
        let mut shown = Shown::default();
        let pdf = Output::new(crate::export::output::Kind::ScreenPdf, "b", Some("tr"), "output/b/tr/b-tr-screen.pdf".into(), 1, 10);
        shown.take(&report("b", "tr", vec![pdf], Vec::new()));
        shown.take(&report("b", "tr", Vec::new(), vec![Diagnostic::error("text overflows").key("cover.title")]));
        let job = shown.job("b", "tr").expect("the job");
        assert_eq!((job.outputs.len(), job.stale), (1, true));
        assert_eq!(job.diagnostics[0].key.as_deref(), Some("cover.title"));
    }

    #[test]
    fn a_rebuild_of_one_language_leaves_the_others() {
        let only_tr = Selection { brochure: None, languages: Some(vec!["tr".into()]) };
        assert!(in_scope(&only_tr, Some("b"), Some("tr")));
        assert!(!in_scope(&only_tr, Some("b"), Some("ar")));
        let only_b = Selection { brochure: Some("b".into()), languages: None };
        assert!(!in_scope(&only_b, Some("c"), Some("ar")));
        assert!(!in_scope(&only_b, None, None), "project findings are not reassessed by a brochure's rebuild");
    }
}
