//! The preview's HTML: an index of the brochures, and per brochure a
//! table with a column per language and a row per output (the PDFs' pages,
//! each social image with its alt text, each caption), every problem in
//! the cell of the output it concerns.

use std::fmt::Write;
use std::path::Path;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use super::routes::PREVIEW;
use super::state::{BrochureInfo, Job, LangInfo, Shown, served_path};
use crate::diag::Diagnostic;
use crate::export::output::Kind;
use crate::export::xmp::escape;
use crate::pipeline::Output;
use crate::sandbox;

/// What a path segment of a URL keeps unencoded.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.');

/// Longest alt text or caption file the page quotes, in bytes.
const MAX_TEXT_BYTES: u64 = 64 << 10;

/// The index: every brochure with how many problems it has, and the
/// website when a build wrote one.
pub fn index(shown: &Shown) -> String {
    let mut body = failure(shown);
    body.push_str("<ul class=\"brochures\">");
    for b in &shown.brochures {
        let jobs = shown.jobs.iter().filter(|j| j.brochure() == b.id).flat_map(|j| &j.diagnostics);
        let found: Vec<&Diagnostic> = jobs.chain(shown.findings.iter().filter(|d| concerns(d, b))).collect();
        let langs: Vec<&str> = b.languages.iter().map(|l| l.code.as_str()).collect();
        let _ = write!(body, "<li><a href=\"{PREVIEW}/brochure/{}\">{}</a> <span class=\"langs\">{}</span> {}</li>", encode(&b.id), escape(&b.id), langs.join(" · "), counts(&found));
    }
    body.push_str("</ul><p class=\"files\"><a href=\"/site/\">the website (output/site/)</a> · every file below output/ is served under its path</p>");
    document("kalem preview", shown, "<h1>Brochures</h1>", &body)
}

/// A brochure's preview: every output of every language side by side.
pub fn brochure(root: &Path, shown: &Shown, info: &BrochureInfo) -> String {
    let mine = |d: &&Diagnostic| concerns(d, info);
    let mut body = failure(shown);
    let general: Vec<&Diagnostic> = shown.findings.iter().filter(|d| d.lang.is_none()).filter(mine).collect();
    if !general.is_empty() {
        let _ = write!(body, "<section class=\"general\"><h2>The whole brochure</h2>{}</section>", list(&general));
    }
    body.push_str("<table><thead><tr><th scope=\"col\">output</th>");
    for lang in &info.languages {
        let _ = write!(body, "<th scope=\"col\" {}>{} · {}</th>", lang_attrs(lang), escape(&lang.code), escape(&lang.name));
    }
    body.push_str("</tr></thead><tbody><tr><th scope=\"row\">PDFs</th>");
    for lang in &info.languages {
        let findings: Vec<&Diagnostic> = shown.findings.iter().filter(|d| d.lang.as_deref() == Some(&lang.code)).filter(mine).collect();
        let job = shown.job(&info.id, &lang.code);
        body.push_str("<td>");
        body.push_str(&list(&job.map(|j| j.diagnostics.iter().collect::<Vec<_>>()).unwrap_or_default()));
        if !findings.is_empty() {
            let _ = write!(body, "<details><summary>{} finding(s) about the project in {}</summary>{}</details>", findings.len(), escape(&lang.code), list(&findings));
        }
        if let Some(job) = job {
            body.push_str(&pdfs(shown, job));
        }
        body.push_str("</td>");
    }
    body.push_str("</tr>");
    for name in social_rows(shown, info) {
        let stem = name.split_once('/').map_or(name, |(_, stem)| stem);
        let caption = shown.jobs.iter().any(|j| j.name == name && j.outputs.iter().any(|o| o.kind == Kind::Caption));
        let label = if caption { format!("{stem}: caption") } else { stem.to_string() };
        let _ = write!(body, "<tr><th scope=\"row\">{}</th>", escape(&label));
        for lang in &info.languages {
            body.push_str("<td>");
            if let Some(job) = shown.job(name, &lang.code) {
                body.push_str(&list(&job.diagnostics.iter().collect::<Vec<_>>()));
                body.push_str(&social(root, shown, job, lang));
            }
            body.push_str("</td>");
        }
        body.push_str("</tr>");
    }
    body.push_str("</tbody></table>");
    let sheet = shown.job(&info.id, "all").and_then(|j| j.outputs.first()).map(|o| format!(" · <a href=\"{}\">contact sheet</a>", file_url(shown, o))).unwrap_or_default();
    let head = format!("<p><a href=\"/\">all brochures</a></p><h1>{}</h1><p class=\"file\">{}{sheet}</p>", escape(&info.id), escape(&info.file.display().to_string()));
    document(&format!("{} · kalem preview", info.id), shown, &head, &body)
}

/// Whether a finding about the project concerns a brochure: it is not
/// about another brochure's file, nor in a language the brochure lacks.
fn concerns(d: &Diagnostic, info: &BrochureInfo) -> bool {
    let file = d.location.as_ref().is_none_or(|l| !l.file.starts_with("brochures") || l.file == info.file);
    file && d.lang.as_ref().is_none_or(|lang| info.languages.iter().any(|l| l.code == *lang))
}

/// The names of a brochure's social jobs, in the order they were built.
fn social_rows<'a>(shown: &'a Shown, info: &BrochureInfo) -> Vec<&'a str> {
    let mut names: Vec<&str> = Vec::new();
    let own = shown.jobs.iter().filter(|j| j.brochure() == info.id && j.name != info.id);
    for job in own.filter(|j| info.languages.iter().any(|l| l.code == j.lang)) {
        if !names.contains(&job.name.as_str()) {
            names.push(&job.name);
        }
    }
    names
}

/// An edition's PDFs: links, and its screen pages as images.
fn pdfs(shown: &Shown, job: &Job) -> String {
    let mut html = stale(job);
    for output in &job.outputs {
        let what = if output.kind == Kind::PrintPdf { "print PDF" } else { "screen PDF" };
        let _ = write!(html, "<a class=\"file\" href=\"{}\">{what}</a> ({} p., {} KB) ", file_url(shown, output), output.pages, output.bytes.div_ceil(1024));
    }
    html.push_str("<div class=\"pages\">");
    for output in job.outputs.iter().filter(|o| !o.previews.is_empty()) {
        for (i, page) in output.previews.iter().enumerate() {
            let url = format!("{PREVIEW}/pages/{}/{}/{}.png?g={}", encode(&job.name), encode(&job.lang), i + 1, shown.generation);
            let _ = write!(html, "<img src=\"{url}\" alt=\"{}\">", escape(&page.label));
        }
    }
    html.push_str("</div>");
    html
}

/// A social job's files: its image with its alt text, or its caption.
fn social(root: &Path, shown: &Shown, job: &Job, lang: &LangInfo) -> String {
    let mut html = stale(job);
    let alt = job.outputs.iter().find(|o| o.kind == Kind::AltText).and_then(|o| read_text(root, o)).unwrap_or_default();
    for output in &job.outputs {
        match output.kind {
            Kind::SocialImage => {
                let _ = write!(html, "<a href=\"{0}\"><img class=\"social\" src=\"{0}\" alt=\"{1}\" loading=\"lazy\"></a>", file_url(shown, output), escape(&alt));
            }
            Kind::AltText => {
                let _ = write!(html, "<p class=\"alt\" {}><b>alt</b> {}</p>", lang_attrs(lang), escape(&alt));
            }
            Kind::Caption => {
                let text = read_text(root, output).unwrap_or_default();
                let _ = write!(html, "<p class=\"caption\" {}>{}</p>", lang_attrs(lang), escape(&text));
            }
            _ => {}
        }
    }
    html
}

fn stale(job: &Job) -> String {
    if job.stale { "<p class=\"stale\">not rebuilt: the last good output is shown</p>".into() } else { String::new() }
}

/// The problems of the last rebuild that built nothing, above everything.
fn failure(shown: &Shown) -> String {
    if shown.failure.is_empty() {
        return String::new();
    }
    let found: Vec<&Diagnostic> = shown.failure.iter().collect();
    format!("<section class=\"failure\"><h2>Not rebuilt: fix this and save</h2>{}<p>The outputs below are the last good ones.</p></section>", list(&found))
}

/// Problems as a list: severity, place, key, language, message and hint.
fn list(found: &[&Diagnostic]) -> String {
    if found.is_empty() {
        return String::new();
    }
    let mut html = String::from("<ul class=\"problems\">");
    for d in found {
        let severity = d.blocks().map_or(d.severity.label().to_string(), |b| format!("blocker: {}", b.name()));
        let _ = write!(html, "<li class=\"{}\"><span class=\"severity\">{}</span> ", d.severity.label(), escape(&severity));
        if let Some(at) = &d.location {
            let _ = write!(html, "<code class=\"at\">{}</code> ", escape(&at.to_string()));
        }
        if let Some(key) = &d.key {
            let _ = write!(html, "<code class=\"key\">{}</code> ", escape(key));
        }
        if let Some(lang) = &d.lang {
            let _ = write!(html, "<span class=\"lang\">[{}]</span> ", escape(lang));
        }
        let _ = write!(html, "<span class=\"message\">{}</span>", escape(&d.message));
        if let Some(hint) = &d.hint {
            let _ = write!(html, "<div class=\"hint\">hint: {}</div>", escape(hint));
        }
        html.push_str("</li>");
    }
    html.push_str("</ul>");
    html
}

/// How many errors, blockers and warnings, as badges.
fn counts(found: &[&Diagnostic]) -> String {
    let count = |label: &str| found.iter().filter(|d| d.severity.label() == label).count();
    ["error", "blocker", "warning"].iter().filter(|l| count(l) > 0).map(|l| format!("<span class=\"badge {l}\">{} {l}(s)</span>", count(l))).collect::<Vec<_>>().join(" ")
}

fn lang_attrs(lang: &LangInfo) -> String {
    format!("lang=\"{}\" dir=\"{}\"", escape(&lang.code), if lang.rtl { "rtl" } else { "ltr" })
}

/// The URL of an output file, with the rebuild's number so a browser
/// does not show an older copy.
fn file_url(shown: &Shown, output: &Output) -> String {
    let path = served_path(output).map(|p| p.iter().map(|s| encode(&s.to_string_lossy())).collect::<Vec<_>>().join("/")).unwrap_or_default();
    format!("/{path}?g={}", shown.generation)
}

fn encode(segment: &str) -> String {
    utf8_percent_encode(segment, SEGMENT).to_string()
}

/// An alt text or caption file's text, read through the sandbox.
fn read_text(root: &Path, output: &Output) -> Option<String> {
    let file = sandbox::resolve(root, &output.path).ok()?;
    String::from_utf8(sandbox::read_bytes(&file, MAX_TEXT_BYTES).ok()?).ok()
}

/// A whole page: the preview's style and reload script, the rebuild's
/// number and state.
fn document(title: &str, shown: &Shown, head: &str, body: &str) -> String {
    let status = if shown.building { "rebuilding…" } else { "" };
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"><title>{}</title>\
         <link rel=\"stylesheet\" href=\"{PREVIEW}/preview.css\"><script src=\"{PREVIEW}/preview.js\" defer></script></head>\
         <body data-generation=\"{}\"><header>{head}<p id=\"status\" role=\"status\">{status}</p></header><main>{body}</main></body></html>",
        escape(title),
        shown.generation
    )
}
