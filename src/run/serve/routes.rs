//! What the preview server answers: the preview pages and their assets
//! under `/_kalem/`, and every other path a file of `output/`, or 404.
//! No path leaves `output/`: `..`, `.` and hidden names, backslashes,
//! absolute paths and links that lead out are refused, encoded or not.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use percent_encoding::percent_decode_str;

use super::page;
use super::state::Shown;
use crate::export::output::OUTPUT_DIR;
use crate::sandbox::{self, MAX_ASSET_BYTES};

/// The prefix of the preview's own pages; no brochure id starts so.
pub const PREVIEW: &str = "/_kalem";

/// What the server serves from.
#[derive(Clone)]
pub struct Site {
    /// The project root, canonical.
    pub root: PathBuf,
    /// What the last rebuilds left.
    pub shown: Arc<Mutex<Shown>>,
}

/// One answer.
#[derive(Debug)]
pub struct Reply {
    /// The HTTP status code.
    pub status: u16,
    /// The media type of `body`.
    pub content_type: &'static str,
    /// The body.
    pub body: Vec<u8>,
}

impl Reply {
    fn ok(content_type: &'static str, body: impl Into<Vec<u8>>) -> Reply {
        Reply { status: 200, content_type, body: body.into() }
    }

    fn status(status: u16, text: &str) -> Reply {
        Reply { status, content_type: "text/plain; charset=utf-8", body: text.as_bytes().to_vec() }
    }

    /// Not found: also the answer to every path that would leave `output/`.
    pub fn not_found() -> Reply {
        Reply::status(404, "not found")
    }
}

/// Answers a request for `url` (the request target, as sent).
pub fn answer(site: &Site, method: &str, url: &str) -> Reply {
    if method != "GET" && method != "HEAD" {
        return Reply::status(405, "only GET and HEAD");
    }
    let path = url.split(['?', '#']).next().unwrap_or_default();
    let shown = || site.shown.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    match path.strip_prefix(PREVIEW) {
        Some("/generation") => {
            let shown = shown();
            Reply::ok("text/plain; charset=utf-8", format!("{} {}", shown.generation, if shown.building { "building" } else { "idle" }))
        }
        Some("/preview.css") => Reply::ok("text/css; charset=utf-8", include_str!("preview.css")),
        Some("/preview.js") => Reply::ok("text/javascript; charset=utf-8", include_str!("preview.js")),
        Some(rest) => preview(site, &shown(), rest).unwrap_or_else(Reply::not_found),
        None if path == "/" => Reply::ok("text/html; charset=utf-8", page::index(&shown())),
        None => output_file(&site.root, path).and_then(|file| file_reply(&file)).unwrap_or_else(Reply::not_found),
    }
}

/// A brochure's preview page (`/brochure/<id>`) or a page of a screen PDF
/// (`/pages/<id>/<lang>/<n>.png`).
fn preview(site: &Site, shown: &Shown, rest: &str) -> Option<Reply> {
    let parts: Vec<String> = rest.strip_prefix('/')?.split('/').map(|p| percent_decode_str(p).decode_utf8().map(|s| s.into_owned())).collect::<Result<_, _>>().ok()?;
    match parts.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["brochure", id] => Some(Reply::ok("text/html; charset=utf-8", page::brochure(&site.root, shown, shown.brochure(id)?))),
        ["pages", id, lang, file] => {
            let n: usize = file.strip_suffix(".png")?.parse().ok()?;
            let pdf = shown.job(id, lang)?.outputs.iter().find(|o| !o.previews.is_empty())?;
            let preview = pdf.previews.get(n.checked_sub(1)?)?;
            Some(Reply::ok("image/png", sandbox::read_bytes(&site.root.join(&preview.path), MAX_ASSET_BYTES).ok()?))
        }
        _ => None,
    }
}

/// The file of `output/` that a request path names, when it is one; a
/// folder names its `index.html`.
pub fn output_file(root: &Path, path: &str) -> Option<PathBuf> {
    let decoded = percent_decode_str(path.strip_prefix('/')?).decode_utf8().ok()?;
    let segments: Vec<&str> = decoded.split('/').collect();
    let refused = |s: &&str| s.starts_with('.') || s.contains(['\\', '\0', ':']);
    if segments.iter().any(refused) || segments.iter().rev().skip(1).any(|s| s.is_empty()) {
        return None;
    }
    let output = sandbox::resolve(root, Path::new(OUTPUT_DIR)).ok()?;
    let relative: PathBuf = segments.iter().filter(|s| !s.is_empty()).collect();
    let found = if relative.as_os_str().is_empty() { output.clone() } else { sandbox::resolve(&output, &relative).ok()? };
    if found.is_dir() { sandbox::resolve(&output, &relative.join("index.html")).ok() } else { Some(found) }
}

fn file_reply(file: &Path) -> Option<Reply> {
    let bytes = sandbox::read_bytes(file, MAX_ASSET_BYTES).ok()?;
    Some(Reply::ok(media_type(file), bytes))
}

/// The media type of a file of `output/`, from its extension.
fn media_type(file: &Path) -> &'static str {
    match file.extension().and_then(|e| e.to_str()).unwrap_or_default() {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "pdf" => "application/pdf",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "svg" => "image/svg+xml",
        "webp" => "image/webp",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

/// Whether a request's `Host` header names this machine, when the server
/// listens on loopback only: a web page elsewhere that points its own
/// name at 127.0.0.1 (DNS rebinding) is not answered.
pub fn local_host(host: Option<&str>) -> bool {
    let Some(host) = host else { return false };
    let name = match host.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or_default(),
        None => host.split(':').next().unwrap_or_default(),
    };
    name.eq_ignore_ascii_case("localhost") || name.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_names_of_this_machine_are_answered_on_loopback() {
        for host in ["127.0.0.1:8000", "localhost:8000", "[::1]:8000", "LOCALHOST"] {
            assert!(local_host(Some(host)), "{host}");
        }
        for host in ["evil.example:8000", "127.0.0.1.evil.example", "[::2]:1"] {
            assert!(!local_host(Some(host)), "{host}");
        }
        assert!(!local_host(None));
    }

    #[test]
    fn paths_that_leave_output_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("output/site")).unwrap();
        std::fs::write(dir.path().join("output/site/index.html"), "x").unwrap();
        std::fs::write(dir.path().join("kalem.yaml"), "x").unwrap();
        let root = dir.path().canonicalize().unwrap();
        assert_eq!(output_file(&root, "/site/"), Some(root.join("output/site/index.html")));
        assert_eq!(output_file(&root, "/site/index.html"), Some(root.join("output/site/index.html")));
        for path in ["/../kalem.yaml", "/%2e%2e/kalem.yaml", "/site/..%2f..%2fkalem.yaml", "/site%5c..%5c..%5ckalem.yaml", "//etc/passwd", "/%2fetc%2fpasswd", "/site//index.html", "kalem.yaml"] {
            assert_eq!(output_file(&root, path), None, "{path}");
        }
    }
}
