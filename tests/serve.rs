//! `kalem serve`: a preview page per brochure that follows the project as
//! it is saved, shows each problem on the output it concerns and the last
//! good outputs when a save breaks the project, and serves no file outside
//! `output/`.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// Longest wait for the server to start, and for a build to finish.
const PATIENCE: Duration = Duration::from_secs(300);

/// The brochure the preview shows: a cover and one post in Turkish and
/// Arabic, so a rebuild takes seconds.
fn project() -> tempfile::TempDir {
    let brochure = format!("title: meta.title\nformat: a4-trifold\nlanguages: [tr, ar]\npanels:\n  cover:\n    blocks: []\nsocial:\n{}    presets: [facebook-link]\n", common::HOTLINE_POST);
    common::sample_with(&brochure, &[])
}

/// A running `kalem serve`, stopped when dropped.
struct Served {
    child: Child,
    address: String,
}

impl Drop for Served {
    fn drop(&mut self) {
        drop(self.child.kill());
        drop(self.child.wait());
    }
}

impl Served {
    /// Starts `kalem serve` on `dir` and waits (boundedly) for its address.
    fn start(dir: &Path) -> Served {
        let mut child = Command::new(env!("CARGO_BIN_EXE_kalem"))
            .args(["serve", "--project"])
            .arg(dir)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("run kalem serve");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                drop(tx.send(line));
            }
        });
        let mut served = Served { child, address: String::new() };
        let line = rx.recv_timeout(Duration::from_secs(60)).expect("kalem serve printed no address within a minute");
        let address = line.split("http://").nth(1).and_then(|rest| rest.split('/').next()).unwrap_or_else(|| panic!("no address in: {line}"));
        assert!(address.starts_with("127.0.0.1:"), "not on loopback: {line}");
        served.address = address.to_string();
        std::thread::spawn(move || while rx.recv().is_ok() {});
        served
    }

    /// Sends `GET target` as written (no client tidies the path) and
    /// returns the status and body.
    fn get_as(&self, target: &str, host: &str) -> (u16, String) {
        let mut stream = TcpStream::connect(&self.address).expect("connect");
        stream.set_read_timeout(Some(Duration::from_secs(60))).expect("timeout");
        write!(stream, "GET {target} HTTP/1.0\r\nHost: {host}\r\n\r\n").expect("send");
        let mut bytes = Vec::new();
        stream.read_to_end(&mut bytes).expect("read the answer");
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let status = text.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or_else(|| panic!("no status in {text:.200}"));
        let body = text.split_once("\r\n\r\n").map(|(_, b)| b.to_string()).unwrap_or_default();
        (status, body)
    }

    fn get(&self, target: &str) -> (u16, String) {
        self.get_as(target, &self.address)
    }

    /// The number of the last finished rebuild.
    fn generation(&self) -> u64 {
        let (_, body) = self.get("/_kalem/generation");
        body.split(' ').next().and_then(|n| n.parse().ok()).unwrap_or_else(|| panic!("no generation in {body}"))
    }

    /// Waits for the rebuild after `after` to finish, as the page's
    /// script does, and returns its number.
    fn reloaded(&self, after: u64) -> u64 {
        let start = Instant::now();
        loop {
            let now = self.generation();
            if now > after {
                return now;
            }
            assert!(start.elapsed() < PATIENCE, "no rebuild finished within {PATIENCE:?}");
            std::thread::sleep(Duration::from_millis(200));
        }
    }
}

/// The cells of the row of the preview table headed `row`, in the
/// order of the brochure's languages.
fn cells<'a>(page: &'a str, row: &str) -> Vec<&'a str> {
    let start = page.find(&format!("<th scope=\"row\">{row}</th>")).unwrap_or_else(|| panic!("no row {row}"));
    let rest = &page[start..];
    rest[..rest.find("</tr>").expect("row end")].split("<td>").skip(1).collect()
}

#[test]
fn the_preview_follows_saves_shows_problems_where_they_are_and_keeps_the_last_good_outputs() {
    let dir = project();
    let served = Served::start(dir.path());
    let first = served.reloaded(0);
    let (status, page) = served.get("/_kalem/brochure/test");
    assert_eq!(status, 200);
    let caption = &cells(&page, "hotline: caption")[0];
    assert!(caption.contains("İnsan ticareti suçtur;") && caption.contains("lang=\"tr\" dir=\"ltr\""), "{caption}");
    assert!(cells(&page, "hotline: caption")[1].contains("dir=\"rtl\""), "the Arabic caption is right to left");
    let image = page.split("src=\"").find_map(|s| s.strip_prefix("/test/tr/social/")).and_then(|s| s.split('"').next()).expect("the Turkish image");
    assert_eq!(served.get(&format!("/test/tr/social/{image}")).0, 200);
    assert_eq!(served.get("/_kalem/pages/test/ar/1.png").0, 200, "the Arabic screen PDF's first page");

    // A translator saves a caption: the page changes.
    common::edit(dir.path(), "translations/tr.yaml", "İnsan ticareti suçtur;", "İnsan ticareti ağır bir suçtur;");
    let edited = served.reloaded(first);
    let page = served.get("/_kalem/brochure/test").1;
    assert!(page.contains("İnsan ticareti ağır bir suçtur;") && !page.contains("İnsan ticareti suçtur;"), "the page shows the saved caption");

    // A heading too long for the image: the problem names its key on that
    // image, in that language.
    let long = "İnsan ticaretinden şüpheleniyorsanız 157'yi arayın ".repeat(12);
    common::edit(dir.path(), "translations/tr.yaml", "heading: İnsan ticaretinden şüpheleniyorsanız 157'yi arayın", &format!("heading: {}", long.trim()));
    let overflowing = served.reloaded(edited);
    let page = served.get("/_kalem/brochure/test").1;
    let row = cells(&page, "hotline-facebook-link");
    assert_eq!(row.len(), 2, "{page}");
    assert!(row[0].contains("social.hotline.heading") && row[0].contains("class=\"error\""), "the overflow is on the Turkish image: {}", row[0]);
    assert!(!row[1].contains("social.hotline.heading"), "not on the Arabic one");

    // A save that breaks the YAML: the error is on the page with its place
    // and hint, and the last good outputs stay.
    common::edit(dir.path(), "translations/tr.yaml", "social:", "social: [\n");
    served.reloaded(overflowing);
    let page = served.get("/_kalem/brochure/test").1;
    let failure = page.split("<section class=\"failure\">").nth(1).expect("the error on the page");
    assert!(failure.contains("translations/tr.yaml:") && failure.contains("class=\"hint\""), "{failure:.800}");
    assert!(page.contains("İnsan ticareti ağır bir suçtur;"), "the last good caption stays");
    assert_eq!(served.get(&format!("/test/tr/social/{image}")).0, 200, "the last good image stays");
}

#[test]
fn no_file_outside_output_is_served() {
    let dir = project();
    let served = Served::start(dir.path());
    served.reloaded(0);
    let root = dir.path().canonicalize().expect("root");
    assert_eq!(served.get("/test/tr/test-tr-print.pdf").0, 200, "a file of output/ is served");
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(root.join("kalem.yaml"), root.join("output/config.yaml")).expect("file link");
        std::os::unix::fs::symlink(&root, root.join("output/test/project")).expect("folder link");
    }
    let absolute = root.join("kalem.yaml").display().to_string();
    let encoded = absolute.replace('/', "%2f");
    let attempts = [
        "/../kalem.yaml".to_string(),
        "/test/../../kalem.yaml".into(),
        "/%2e%2e/kalem.yaml".into(),
        "/%2E%2E%2Fkalem.yaml".into(),
        "/test/..%2f..%2fkalem.yaml".into(),
        "/test%2f%2e%2e%2f%2e%2e%2fkalem.yaml".into(),
        "/..%5ckalem.yaml".into(),
        "/test\\..\\..\\kalem.yaml".into(),
        format!("/{absolute}"),
        format!("/{encoded}"),
        absolute.clone(),
        "/%2fetc%2fpasswd".into(),
        "/_kalem/../kalem.yaml".into(),
        "/_kalem/brochure/..%2f..%2fkalem.yaml".into(),
        "/_kalem/pages/test/..%2f..%2f/1.png".into(),
        "/config.yaml".into(),
        "/test/project/kalem.yaml".into(),
    ];
    let config = std::fs::read_to_string(root.join("kalem.yaml")).expect("kalem.yaml");
    let line = config.lines().find(|l| l.len() > 12).expect("a line of kalem.yaml");
    for target in &attempts {
        let (status, body) = served.get(target);
        assert_eq!(status, 404, "{target}");
        assert!(!body.contains(line), "{target} answered with kalem.yaml");
    }
    assert_eq!(served.get_as("/test/tr/test-tr-print.pdf", "rebound.example:80").0, 404, "a page elsewhere named 127.0.0.1 (DNS rebinding)");
}
