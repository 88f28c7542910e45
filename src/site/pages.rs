//! The pages of the site, each an askama template (`templates/`): what
//! every page has ([`Frame`]), the home page of a language, a brochure's
//! page, the note for a brochure missing in a language, and the sitemap.

use std::path::PathBuf;

use askama::Template;

use super::labels::{Labels, labels};
use super::runs;
use super::{EditionPage, Language, SiteFile, SiteInput};
use crate::blocks::BlockData;
use crate::prepare::Run;

/// A link to the same page in another language.
pub struct Alternate {
    lang: String,
    name: String,
    dir: &'static str,
    href: String,
    absolute: Option<String>,
    current: bool,
}

/// Open Graph and Twitter tags of a page, with `site.base_url`.
pub struct Meta {
    url: String,
    image: Option<(String, String)>,
}

/// What every page has: language, title, switcher, labels.
pub struct Frame {
    lang: String,
    dir: &'static str,
    title: String,
    root: &'static str,
    organisation: String,
    labels: Labels,
    switcher: Vec<Alternate>,
    meta: Option<Meta>,
    /// Whether the page is in its language; a page saying a brochure is
    /// not made in it is no alternate of the others.
    translated: bool,
}

#[derive(Template)]
#[template(path = "home.html")]
struct Home<'a> {
    page: Frame,
    items: Vec<(String, &'a str)>,
}

#[derive(Template)]
#[template(path = "brochure.html")]
struct Brochure<'a> {
    page: Frame,
    edition: &'a EditionPage,
    language: &'a Language,
    aspects: &'a std::collections::BTreeMap<String, f64>,
    backdrops: &'a std::collections::BTreeMap<String, String>,
}

#[derive(Template)]
#[template(path = "missing.html")]
struct Missing {
    page: Frame,
    elsewhere: Vec<Alternate>,
}

impl Brochure<'_> {
    fn runs(&self, runs: &[Run]) -> String {
        runs::html(runs)
    }

    fn run(&self, run: &Run) -> String {
        runs::html(std::slice::from_ref(run))
    }

    /// The HTML heading level of an outline level: the page's title is the
    /// `h1`.
    fn level(&self, outline: &u8) -> u8 {
        (outline + 1).min(6)
    }

    /// Millimetres as CSS pixels.
    fn px(&self, mm: &f64) -> u32 {
        (mm * 96.0 / 25.4).round() as u32
    }

    /// The width in CSS pixels of the image at `path` shown `mm` high.
    fn width(&self, path: &str, mm: &f64) -> u32 {
        (f64::from(self.px(mm)) * self.aspects.get(path).copied().unwrap_or(1.0)).round() as u32
    }

    /// The style attribute giving the image at `path` the colour of the
    /// panel it stands on in print, if that panel has one.
    fn backdrop(&self, path: &str) -> String {
        self.backdrops.get(path).map(|c| format!(" style=\"background-color:{c};padding:.75rem\"")).unwrap_or_default()
    }

    /// A file size in the language's digits.
    fn size(&self, bytes: &u64) -> String {
        let kb = bytes.div_ceil(1024);
        let text = if kb < 1024 { format!("{kb} KB") } else { format!("{:.1} MB", *bytes as f64 / 1_048_576.0) };
        crate::prepare::digits::convert(&text, self.language.digits)
    }

    fn emblem(&self, block: &BlockData) -> String {
        let BlockData::Partners(p) = block else { return String::new() };
        let h = p.height;
        let stars: String = crate::blocks::campaign::eu_stars(h)
            .iter()
            .map(|s| format!("<polygon points=\"{}\"/>", s.iter().map(|[x, y]| format!("{x:.2},{y:.2}")).collect::<Vec<_>>().join(" ")))
            .collect();
        format!("<svg class=\"emblem\" viewBox=\"0 0 {w:.2} {h:.2}\" width=\"72\" height=\"48\" aria-hidden=\"true\" focusable=\"false\"><rect width=\"{w:.2}\" height=\"{h:.2}\" fill=\"#003399\"/><g fill=\"#FFCC00\">{stars}</g></svg>", w = h * 1.5)
    }

    /// What a QR code opens, as its link shows it.
    fn shown(&self, payload: &str) -> String {
        payload.trim_start_matches("tel:").trim_start_matches("https://").trim_start_matches("mailto:").trim_end_matches('/').to_string()
    }
}

/// The site's pages and its sitemap.
pub fn pages(input: &SiteInput) -> Vec<SiteFile> {
    let mut files = Vec::new();
    let mut urls = Vec::new();
    for lang in &input.languages {
        let home = Home {
            page: frame(input, lang, input.organisation.clone(), "index", |_| true),
            items: input.materials.iter().filter_map(|m| m.editions.iter().find(|e| e.lang == lang.code).map(|e| (format!("{}.html", m.id), e.title.as_str()))).collect(),
        };
        files.push(page(format!("{}/index.html", lang.code), home.render(), &mut urls, &home.page));
        for material in &input.materials {
            let exists = |code: &str| material.editions.iter().any(|e| e.lang == code);
            let stem = material.id.as_str();
            match material.editions.iter().find(|e| e.lang == lang.code) {
                Some(edition) => {
                    let mut f = frame(input, lang, edition.title.clone(), stem, exists);
                    if let (Some(meta), Some(image)) = (&mut f.meta, edition.social.iter().flat_map(|p| &p.images).find(|s| s.link_preview)) {
                        meta.image = input.base_url.as_ref().map(|base| (format!("{base}{}", image.path), image.alt.clone()));
                    }
                    let b = Brochure { page: f, edition, language: lang, aspects: &input.aspects, backdrops: &input.backdrops };
                    files.push(page(format!("{}/{stem}.html", lang.code), b.render(), &mut urls, &b.page));
                }
                None => {
                    let title = material.editions.first().map(|e| e.title.clone()).unwrap_or_default();
                    let f = frame(input, lang, title, stem, exists);
                    let elsewhere = f.switcher.iter().filter(|a| !a.current && exists(&a.lang)).map(|a| Alternate { href: a.href.clone(), absolute: None, lang: a.lang.clone(), name: a.name.clone(), dir: a.dir, current: false }).collect();
                    let m = Missing { page: f, elsewhere };
                    files.push(page(format!("{}/{stem}.html", lang.code), m.render(), &mut urls, &m.page));
                }
            }
        }
    }
    if let Some(first) = input.languages.first() {
        files.push((PathBuf::from("index.html"), format!("<!doctype html><meta charset=\"utf-8\"><meta http-equiv=\"refresh\" content=\"0; url={0}/index.html\"><title>{1}</title><link rel=\"canonical\" href=\"{0}/index.html\"><a href=\"{0}/index.html\">{1}</a>\n", first.code, runs::escape(&input.organisation)).into_bytes()));
    }
    if input.base_url.is_some() {
        let body: String = urls.iter().map(|u| format!("<url><loc>{}</loc></url>\n", runs::escape(u))).collect();
        files.push((PathBuf::from("sitemap.xml"), format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n{body}</urlset>\n").into_bytes()));
    }
    files
}

fn page(path: String, rendered: askama::Result<String>, urls: &mut Vec<String>, frame: &Frame) -> SiteFile {
    if let Some(meta) = &frame.meta {
        urls.push(meta.url.clone());
    }
    // Templates are compiled with kalem; rendering fails only on a
    // formatting error of kalem's own values.
    (PathBuf::from(path), rendered.unwrap_or_default().into_bytes())
}

/// The frame of page `stem` in `lang`, with a switcher to the languages
/// `exists` says the page has.
fn frame(input: &SiteInput, lang: &Language, title: String, stem: &str, exists: impl Fn(&str) -> bool) -> Frame {
    let switcher = input
        .languages
        .iter()
        .filter(|l| exists(&l.code) || l.code == lang.code)
        .map(|l| Alternate {
            lang: l.code.clone(),
            name: l.name.clone(),
            dir: l.dir,
            href: format!("../{}/{stem}.html", l.code),
            absolute: input.base_url.as_ref().map(|b| format!("{b}{}/{stem}.html", l.code)),
            current: l.code == lang.code,
        })
        .collect();
    let meta = input.base_url.as_ref().map(|b| Meta { url: format!("{b}{}/{stem}.html", lang.code), image: None });
    Frame { lang: lang.code.clone(), dir: lang.dir, title, root: "../", organisation: input.organisation.clone(), labels: labels(&lang.code), switcher, meta, translated: exists(&lang.code) }
}

/// The project files a page links to below `assets/`.
pub fn asset_links(html: &[u8]) -> Vec<String> {
    String::from_utf8_lossy(html).split("src=\"../assets/").skip(1).filter_map(|rest| rest.split('"').next()).map(|p| format!("assets/{p}")).collect()
}
