//! The campaign website `kalem build` writes to `output/site/`: a page per
//! brochure and language from the same prepared blocks as the PDFs, within
//! the data budget of a prepaid phone, and (in Debian's chromium, with
//! axe-core) accessible, mirrored in Arabic and Farsi, dialling what it
//! shows. `.ci/run` installs chromium and `npm ci --prefix tests/browser`
//! and sets `KALEM_EXTRACTORS=required`: then a missing browser fails.

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use common::{edit, kalem, sample_copy, stderr};

const LANGS: [&str; 3] = ["tr", "ar", "fa"];
const BROCHURES: [&str; 4] = ["human-trafficking", "meeting-poster", "outreach-flyer", "training-handout"];
/// What a page with its style sheets and fonts may weigh, gzipped.
const BUDGET: usize = 100 * 1024;

/// The sample project, built once for every test here.
fn built() -> &'static Path {
    static BUILT: OnceLock<tempfile::TempDir> = OnceLock::new();
    BUILT
        .get_or_init(|| {
            let dir = sample_copy();
            let out = kalem(dir.path(), &["build"]);
            assert!(dir.path().join("output/site/tr/index.html").exists(), "no site: {}", stderr(&out));
            dir
        })
        .path()
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn gzipped(bytes: &[u8]) -> usize {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(bytes).unwrap();
    gz.finish().unwrap().len()
}

/// Every `url(...)` of a style sheet, relative to its folder.
fn urls(css: &str) -> Vec<String> {
    css.split("url(").skip(1).filter_map(|r| r.split(')').next()).map(str::to_string).collect()
}

#[test]
fn every_brochure_has_a_page_in_every_language_with_lang_dir_and_alternates() {
    let site = built().join("output/site");
    for lang in LANGS {
        let home = read(&site.join(lang).join("index.html"));
        for id in BROCHURES {
            assert!(home.contains(&format!("href=\"{id}.html\"")), "{lang} home lists {id}");
            let page = read(&site.join(lang).join(format!("{id}.html")));
            let dir = if lang == "tr" { "ltr" } else { "rtl" };
            assert!(page.contains(&format!("<html lang=\"{lang}\" dir=\"{dir}\">")), "{lang}/{id}");
            for other in LANGS {
                assert!(page.contains(&format!("<link rel=\"alternate\" hreflang=\"{other}\" href=\"../{other}/{id}.html\">")), "{lang}/{id} → {other}");
            }
            // The switcher names each language in itself.
            assert!(page.contains("lang=\"ar\" dir=\"rtl\" hreflang=\"ar\"") && page.contains(">العربية</a>"), "{lang}/{id}");
            assert!(page.contains("lang=\"tr\" dir=\"ltr\" hreflang=\"tr\"") && page.contains(">Türkçe</a>"), "{lang}/{id}");
            assert!(page.contains(&format!("hreflang=\"{lang}\" aria-current=\"page\">")), "{lang}/{id} marks its own language");
            assert!(!page.contains("<script"), "{lang}/{id} has a script");
            assert!(!page.contains("href=\"/") && !page.contains("src=\"/"), "{lang}/{id} has an absolute link");
        }
    }
}

#[test]
fn the_page_is_the_brochure_text_isolated_where_the_pdf_isolates_it() {
    let site = built().join("output/site");
    let ar = read(&site.join("ar/human-trafficking.html"));
    // The hotline: a left-to-right unit, dialling what it shows.
    assert!(ar.contains("<bdi dir=\"ltr\"><a href=\"tel:157\">157</a></bdi>"), "{ar}");
    assert!(ar.contains("<ul class=\"contacts\">"));
    assert!(ar.contains("<h1>"), "the title is the page's heading");
    let fa = read(&site.join("fa/human-trafficking.html"));
    assert!(fa.contains('۳') || fa.contains('۰'), "Farsi digits as the edition writes them");
    let tr = read(&site.join("tr/human-trafficking.html"));
    assert!(tr.contains("İNSAN TİCARETİNE KARŞI BİRLİKTE"), "Turkish upper case by kalem, with İ");
    let poster = read(&site.join("tr/meeting-poster.html"));
    assert!(poster.contains("<time datetime=\"20"), "an event's date is machine-readable");
    assert!(tr.contains("<svg class=\"emblem\""), "the EU emblem");
    assert!(tr.contains("class=\"logo\"") && tr.contains(" alt=\""), "partner logos with alt text");
    for table in ["<th scope=\"col\">"] {
        assert!(read(&site.join("tr/training-handout.html")).contains(table), "tables have header cells");
    }
    assert!(tr.contains("-print.pdf\" type=\"application/pdf\"") && tr.contains(" KB</bdi>"), "downloads with sizes");
    assert!(tr.contains("loading=\"lazy\"") && tr.contains("width=\"320\""), "thumbnails lazy-loaded with their size");
}

#[test]
fn each_page_with_its_css_and_fonts_stays_within_the_budget() {
    let site = built().join("output/site");
    let mut report = Vec::new();
    for lang in LANGS {
        let fonts_css = read(&site.join(lang).join("fonts.css"));
        let common = read(&site.join("kalem.css"));
        let fonts: usize = urls(&fonts_css).iter().map(|u| std::fs::metadata(site.join(lang).join(u)).map(|m| m.len() as usize).unwrap_or_else(|e| panic!("{u}: {e}"))).sum();
        for page in std::fs::read_dir(site.join(lang)).unwrap().map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|e| e == "html")) {
            let total = gzipped(read(&page).as_bytes()) + gzipped(common.as_bytes()) + gzipped(fonts_css.as_bytes()) + fonts;
            report.push(format!("{lang}/{}: {} KB", page.file_name().unwrap().to_string_lossy(), total / 1024));
            assert!(total <= BUDGET, "{} weighs {total} bytes with its CSS and fonts, over {BUDGET}:\n{}", page.display(), report.join("\n"));
        }
    }
    eprintln!("{}", report.join("\n"));
}

#[test]
fn a_brochure_missing_in_a_language_says_so_in_it_and_links_to_the_others() {
    let dir = sample_copy();
    edit(dir.path(), "brochures/meeting-poster.yaml", "languages: [tr, ar, fa]", "languages: [tr, ar]");
    let out = kalem(dir.path(), &["build", "--only", "site"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let page = read(&dir.path().join("output/site/fa/meeting-poster.html"));
    assert!(page.contains("این مطلب به فارسی تهیه نشده است"), "{page}");
    assert!(page.contains("href=\"../tr/meeting-poster.html\"") && page.contains("href=\"../ar/meeting-poster.html\""), "{page}");
    assert!(!page.contains("hreflang=\"fa\" href="), "the note is no Farsi alternate: {page}");
    assert!(!read(&dir.path().join("output/site/fa/index.html")).contains("meeting-poster.html"), "the fa home does not list it");
}

#[test]
fn a_build_of_some_brochures_leaves_the_site_alone_and_only_site_wants_them_all() {
    let dir = sample_copy();
    let out = kalem(dir.path(), &["build", "--brochure", "meeting-poster", "--lang", "tr"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!dir.path().join("output/site").exists(), "a partial build wrote a partial site");
    let out = kalem(dir.path(), &["build", "--only", "site", "--lang", "tr"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}

#[test]
fn a_base_url_adds_canonical_links_a_sitemap_and_link_previews() {
    let dir = sample_copy();
    let yaml = read(&dir.path().join("kalem.yaml")) + "\nsite:\n  base_url: https://www.example.org/kampanya\n";
    std::fs::write(dir.path().join("kalem.yaml"), yaml).unwrap();
    for other in BROCHURES.iter().filter(|b| **b != "human-trafficking") {
        std::fs::remove_file(dir.path().join(format!("brochures/{other}.yaml"))).unwrap();
    }
    let out = kalem(dir.path(), &["build"]);
    assert!(dir.path().join("output/site/sitemap.xml").exists(), "{}", stderr(&out));
    let sitemap = read(&dir.path().join("output/site/sitemap.xml"));
    assert!(sitemap.contains("<loc>https://www.example.org/kampanya/fa/human-trafficking.html</loc>"), "{sitemap}");
    let page = read(&dir.path().join("output/site/ar/human-trafficking.html"));
    assert!(page.contains("<link rel=\"canonical\" href=\"https://www.example.org/kampanya/ar/human-trafficking.html\">"), "{page}");
    assert!(page.contains("<meta property=\"og:image\" content=\"https://www.example.org/kampanya/files/human-trafficking/ar/social/"), "{page}");
    assert!(page.contains("-facebook-link.png\">"), "the post's link preview is the picture: {page}");
    assert!(page.contains("name=\"twitter:image:alt\""), "{page}");
}

/// Debian's chromium, if installed.
fn chromium() -> Option<PathBuf> {
    ["/usr/bin/chromium", "/usr/bin/chromium-browser"].into_iter().map(PathBuf::from).find(|p| p.exists())
}

#[test]
fn in_chromium_every_page_passes_axe_is_mirrored_fits_a_phone_and_dials_what_it_shows() {
    let harness = common::repo().join("tests/browser");
    let ready = chromium().filter(|_| harness.join("node_modules/axe-core").exists() && harness.join("node_modules/puppeteer-core").exists());
    let Some(chromium) = ready else {
        let why = "chromium or the browser harness is missing: apt-get install -y chromium; npm ci --prefix tests/browser";
        assert!(std::env::var("KALEM_EXTRACTORS").as_deref() != Ok("required"), "{why}");
        eprintln!("not measured: {why}");
        return;
    };
    let site = built().join("output/site");
    let pages: Vec<String> = LANGS.iter().flat_map(|l| std::fs::read_dir(site.join(l)).unwrap().map(|e| e.unwrap().path())).filter(|p| p.extension().is_some_and(|e| e == "html")).map(|p| p.display().to_string()).collect();
    let shots = std::env::var("KALEM_SITE_SHOTS").unwrap_or_else(|_| "-".into());
    let out = Command::new("node").arg(harness.join("site.mjs")).arg(&chromium).arg(&shots).args(&pages).current_dir(&harness).output().expect("node runs");
    assert!(out.status.success(), "the browser harness failed: {}", String::from_utf8_lossy(&out.stderr));
    let results: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout).lines().map(|l| serde_json::from_str(l).expect("one JSON object a line")).collect();
    assert_eq!(results.len(), pages.len() * 2, "every page at 360 and 1280 px");
    let mut problems = Vec::new();
    for r in &results {
        let at = format!("{} at {} px", r["page"].as_str().unwrap_or_default(), r["width"]);
        let list = |key: &str| r[key].as_array().cloned().unwrap_or_default();
        if !list("axe").is_empty() {
            problems.push(format!("{at}: axe: {}", serde_json::to_string(&r["axe"]).unwrap_or_default()));
        }
        for key in ["tel", "small", "broken", "images"] {
            if !list(key).is_empty() {
                problems.push(format!("{at}: {key}: {:?}", list(key)));
            }
        }
        if r["overflow"].as_f64().unwrap_or(1.0) > 0.0 {
            problems.push(format!("{at}: scrolls sideways by {} px", r["overflow"]));
        }
        if r["skip"] != true || r["visible"] != true {
            problems.push(format!("{at}: the first Tab does not show the skip link with a visible focus"));
        }
        // Text starts at the side its language reads from.
        if let (Some(left), Some(right)) = (r["side"]["left"].as_f64(), r["side"]["right"].as_f64()) {
            let rtl = r["dir"] == "rtl";
            if (rtl && right >= left) || (!rtl && left >= right) {
                problems.push(format!("{at}: the first paragraph starts {left} px from the left, {right} px from the right"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
