//! The campaign website: one more renderer of the block model. It takes
//! the same resolved, prepared blocks the typst templates get
//! ([`crate::blocks`]) and writes static HTML: a home page per language,
//! a page per brochure and language (panels in reading order), downloads
//! and social images. No typst, no JavaScript, relative links only.

mod fonts;
pub mod labels;
mod pages;
pub mod runs;
mod woff2;

use std::path::PathBuf;


use crate::blocks::BlockData;

pub use fonts::FaceSource;

/// The folder of the site below `output/`.
pub const SITE_DIR: &str = "site";

/// One language of the site.
#[derive(Debug, Clone)]
pub struct Language {
    /// Its code.
    pub code: String,
    /// Its name in itself.
    pub name: String,
    /// `ltr` or `rtl`.
    pub dir: &'static str,
    /// Its font families, first choice first.
    pub fonts: Vec<String>,
    /// Its digits, for the numbers the site writes itself (file sizes).
    pub digits: crate::model::Digits,
}

/// A brochure of the site.
#[derive(Debug, Clone)]
pub struct Material {
    /// Its id, the page's file name.
    pub id: String,
    /// Its editions, in the project's language order.
    pub editions: Vec<EditionPage>,
}

/// One brochure in one language, as its page shows it.
#[derive(Debug, Clone)]
pub struct EditionPage {
    /// Language code.
    pub lang: String,
    /// Title, prepared.
    pub title: String,
    /// Panels (or a document's one flow) in reading order, each its blocks.
    pub sections: Vec<Vec<BlockData>>,
    /// The PDFs, print first.
    pub downloads: Vec<Download>,
    /// The social posts with their images and texts.
    pub social: Vec<SocialPost>,
}

/// A file offered for download, as it lies in the site's folder.
#[derive(Debug, Clone)]
pub struct Download {
    /// Print or screen.
    pub print: bool,
    /// Path relative to the site's root.
    pub path: String,
    /// Size in bytes.
    pub bytes: u64,
}

/// A social post: its caption and its images, the first shown as a
/// thumbnail.
#[derive(Debug, Clone)]
pub struct SocialPost {
    /// The caption, as written beside the images.
    pub caption: String,
    /// Path of the first image's thumbnail relative to the site's root.
    pub thumb: String,
    /// The thumbnail's size in pixels.
    pub thumb_size: (u32, u32),
    /// The images, one per preset.
    pub images: Vec<SocialImage>,
}

/// A social image with its alt text.
#[derive(Debug, Clone)]
pub struct SocialImage {
    /// Path relative to the site's root.
    pub path: String,
    /// The preset it is made for (`instagram-square`).
    pub preset: String,
    /// Its size in pixels.
    pub size: (u32, u32),
    /// Its alt text.
    pub alt: String,
    /// Whether it is the post's link preview (`facebook-link`), the
    /// picture of Open Graph tags.
    pub link_preview: bool,
}

/// The site's colours as sRGB hex, chosen with the print's contrast check.
#[derive(Debug, Clone)]
pub struct Theme {
    /// Headings.
    pub heading: String,
    /// Callout fill.
    pub callout: String,
    /// Text on the callout fill.
    pub callout_text: String,
}

/// Everything the site is made from.
pub struct SiteInput<'a> {
    /// The publisher's name.
    pub organisation: String,
    /// Languages, the source language first.
    pub languages: Vec<Language>,
    /// Brochures.
    pub materials: Vec<Material>,
    /// Colours.
    pub theme: Theme,
    /// `site.base_url`, ending in `/`, when set.
    pub base_url: Option<String>,
    /// The bundled font faces by family and weight.
    pub faces: Vec<(String, u16, FaceSource<'a>)>,
    /// Width over height of each image the blocks show, by its path as the
    /// blocks name it, so pages reserve its place before it loads.
    pub aspects: std::collections::BTreeMap<String, f64>,
    /// The colour (`#rrggbb`) of the panel an image stands on in print, by
    /// its path as the blocks name it: a white logo made for a dark panel
    /// keeps that colour behind it on the page.
    pub backdrops: std::collections::BTreeMap<String, String>,
}

/// A file of the site: path relative to the site's root, and its bytes.
pub type SiteFile = (PathBuf, Vec<u8>);

/// Renders the site: pages, CSS, fonts, sitemap. Project files the pages
/// show (images, logos) are named as `/`-rooted project paths in
/// [`Rendered::assets`], for the caller to copy to the same path under the
/// site.
pub fn render(input: &SiteInput) -> Rendered {
    let mut files = pages::pages(input);
    let css = include_str!("templates/site.css").replace("#HEADING", &input.theme.heading).replace("#CALLOUT_TEXT", &input.theme.callout_text).replace("#CALLOUT", &input.theme.callout);
    // Each language's faces, subset to its pages' text, in parallel.
    let texts: Vec<(String, Vec<String>)> = input.languages.iter().map(|l| (l.code.clone(), language_text(&files, &l.code))).collect();
    let jobs: Vec<(&Language, &(String, u16, FaceSource))> = input
        .languages
        .iter()
        .flat_map(|l| {
            let text = texts.iter().find(|(code, _)| *code == l.code).map(|(_, t)| t.as_slice()).unwrap_or_default();
            let used = fonts::families_used(&l.fonts, &input.faces, text);
            input.faces.iter().filter(move |(family, ..)| used.contains(family)).map(move |f| (l, f))
        })
        .collect();
    // One font at a time: brotli's encoder at quality 9 takes 32 MiB of
    // tables per font, and the site is made at the end of a build, when
    // everything else it holds is largest.
    let subsets: Vec<(&Language, &String, u16, Option<Vec<u8>>)> = jobs
        .into_iter()
        .map(|(l, (family, weight, face))| {
            let text = texts.iter().find(|(code, _)| *code == l.code).map(|(_, t)| t.as_slice()).unwrap_or_default();
            (l, family, *weight, fonts::subset(face, text, true))
        })
        .collect();
    for l in &input.languages {
        let mut faces_css = String::new();
        for (_, family, weight, woff2) in subsets.iter().filter(|(of, ..)| of.code == l.code) {
            let Some(woff2) = woff2 else { continue };
            let name = format!("{}-{weight}.woff2", family.replace(' ', ""));
            faces_css.push_str(&format!("@font-face{{font-family:\"{family}\";font-weight:{weight};font-display:swap;src:url(../fonts/{}/{name}) format(\"woff2\")}}\n", l.code));
            files.push((PathBuf::from("fonts").join(&l.code).join(name), woff2.clone()));
        }
        let chain: Vec<String> = l.fonts.iter().map(|f| format!("\"{f}\"")).collect();
        faces_css.push_str(&format!("html{{font-family:{},sans-serif}}\n", chain.join(",")));
        faces_css.push_str(&names_css(input, l, &mut files));
        files.push((PathBuf::from(&l.code).join("fonts.css"), faces_css.into_bytes()));
    }
    files.push((PathBuf::from("kalem.css"), css.into_bytes()));
    let assets = files.iter().flat_map(|(_, html)| pages::asset_links(html)).collect::<std::collections::BTreeSet<String>>().into_iter().collect();
    Rendered { files, assets }
}

/// The visible text of the pages of language `code`.
fn language_text(files: &[SiteFile], code: &str) -> Vec<String> {
    let prefix = format!("{code}/");
    files.iter().filter(|(p, _)| p.starts_with(&prefix) && p.extension().is_some_and(|e| e == "html")).flat_map(|(_, html)| visible_text(html)).collect()
}

/// The faces that show other languages' names in themselves on `lang`'s
/// pages (the switcher): for a language whose first font `lang` does not
/// use, a small face of just its name, so a page does not load a whole
/// font of another script. Adds the faces to `files` once.
fn names_css(input: &SiteInput, lang: &Language, files: &mut Vec<SiteFile>) -> String {
    let mut css = String::new();
    for other in input.languages.iter().filter(|o| o.fonts.first().is_some_and(|f| !lang.fonts.contains(f))) {
        let own = input.faces.iter().find(|(family, weight, _)| other.fonts.first() == Some(family) && *weight == 400);
        let path = PathBuf::from("fonts/names").join(format!("{}.woff2", other.code));
        if !files.iter().any(|(p, _)| *p == path) {
            let Some(woff2) = own.and_then(|(_, _, face)| fonts::subset(face, std::slice::from_ref(&other.name), false)) else { continue };
            files.push((path, woff2));
        }
        css.push_str(&format!("@font-face{{font-family:\"kalem-name-{0}\";font-display:swap;src:url(../fonts/names/{0}.woff2) format(\"woff2\")}}\n:lang({0}){{font-family:\"kalem-name-{0}\",sans-serif;font-weight:400}}\n", other.code));
    }
    css
}

/// What [`render`] made.
#[derive(Debug)]
pub struct Rendered {
    /// Files to write under the site's folder.
    pub files: Vec<SiteFile>,
    /// Project files to copy under the site's folder, each its path below
    /// the project root.
    pub assets: Vec<String>,
}

/// The text of an HTML page, line by line without tags and entities: one
/// string per line (a block), and one per text node, which is how a
/// browser shapes them.
fn visible_text(html: &[u8]) -> Vec<String> {
    let html = String::from_utf8_lossy(html);
    let unescape = |s: &str| s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&");
    let mut out = Vec::new();
    for line in html.lines() {
        let mut whole = String::new();
        for (i, part) in line.split(['<', '>']).enumerate() {
            if i % 2 == 0 && !part.trim().is_empty() {
                out.push(unescape(part));
                whole.push_str(part);
            }
        }
        out.push(unescape(&whole));
    }
    out
}
