//! Hostile projects, third round (issue 29, class 3): every input has a
//! cost checked before work starts. SVGs whose filters, paths or text
//! would take minutes or gigabytes, YAML nested 100,000 brackets deep and
//! a post of 600 images are refused at once with the file, line and what
//! to do; `kalem watch` survives such an input and picks up the fix.

#![cfg(unix)]

mod common;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const BROCHURE: &str = "brochures/test.yaml";

/// A one-panel Turkish project whose panel shows `assets/x.svg` (line 10 of
/// the brochure), holding `svg`.
fn with_svg(svg: &str) -> common::TestProject {
    let p = common::TestProject::new("upper", &[("tr", "cover:\n  title: Başlık\n  body: Metin\n")]);
    let root = p.dir.path();
    std::fs::create_dir_all(root.join("assets")).expect("assets");
    std::fs::write(root.join("assets/x.svg"), svg).expect("svg");
    common::edit(root, BROCHURE, "      - text: cover.body\n", "      - text: cover.body\n      - image: assets/x.svg\n        alt: cover.body\n");
    p
}

/// An SVG 100 units square around `body`.
fn svg(body: &str) -> String {
    format!("<svg xmlns='http://www.w3.org/2000/svg' width='100' height='100'>{body}</svg>")
}

/// Runs `kalem build`: exit code, standard error and time.
fn build(root: &Path) -> (Option<i32>, String, Duration) {
    let start = Instant::now();
    let out = common::kalem(root, &["build"]);
    let err = common::stderr(&out);
    assert!(!err.contains("panicked"), "{err}");
    (out.status.code(), err, start.elapsed())
}

/// A filter on a rect covering the picture.
fn filtered(primitives: &str) -> String {
    svg(&format!("<filter id='f'>{primitives}</filter><rect width='100' height='100' filter='url(#f)'/>"))
}

#[test]
fn costly_svgs_are_refused_before_anything_is_drawn() {
    let blurs = "<rect width='100' height='100' filter='url(#f)'/>".repeat(150);
    let cases = [
        ("noise", filtered("<feTurbulence baseFrequency='0.05' numOctaves='100000000'/>"), "has a noise filter (feTurbulence) of 100000000 octaves; more than 10 change nothing visible"),
        ("morphology", filtered("<feMorphology operator='dilate' radius='40'/>"), "has a morphology filter radius of 40 % of the picture"),
        ("blurs", svg(&format!("<filter id='f'><feGaussianBlur stdDeviation='3'/></filter>{blurs}")), "has filters that would redraw the picture more than 100 times over"),
        ("path", svg(&format!("<path d='M0 0{}' fill='red'/>", " l1 1 l-1 -1".repeat(500_000))), "has paths of more than 250000 points"),
        ("text", svg(&format!("<text x='0' y='10' font-size='2'>{}</text>", "a".repeat(280_000))), "holds 280000 characters of text, more than the 20000"),
    ];
    for (name, svg, expected) in cases {
        let p = with_svg(&svg);
        let root = p.dir.path();
        let (code, err, time) = build(root);
        assert_eq!(code, Some(1), "{name}: {err}");
        assert!(err.contains(&format!("image `assets/x.svg` {expected}")) && err.contains(&format!("{BROCHURE}:10:")), "{name}: {err}");
        assert!(err.contains("simplify it in a vector editor"), "{name}: {err}");
        assert!(common::files_below(&root.join("output")).iter().all(|f| f.extension().is_none_or(|e| e != "pdf")), "{name}: a PDF was written");
        assert!(time < Duration::from_secs(60), "{name}: took {time:?}");
    }
    // Ordinary artwork with a filter or two passes.
    let p = with_svg(&filtered("<feTurbulence baseFrequency='0.05' numOctaves='3'/><feGaussianBlur stdDeviation='1'/>"));
    let (code, err, _) = build(p.dir.path());
    assert_eq!(code, Some(0), "{err}");
}

#[test]
fn yaml_nested_a_hundred_thousand_brackets_deep_is_refused_at_once() {
    let deep = "[".repeat(100_000);
    for (file, from, to, line) in [
        ("translations/tr.yaml", "  body: Metin\n", format!("  body: Metin\n  list: {deep}\n"), 4),
        (BROCHURE, "format: a4-trifold\n", format!("format: a4-trifold\nextra: {deep}\n"), 3),
        ("kalem.yaml", "\n", format!("\nx: {deep}\n"), 2),
    ] {
        let p = common::TestProject::new("upper", &[("tr", "cover:\n  title: Başlık\n  body: Metin\n")]);
        let root = p.dir.path();
        common::edit(root, file, from, &to);
        let (code, err, time) = build(root);
        assert_eq!(code, Some(1), "{file}: {err}");
        assert!(err.contains(&format!("{file}:{line}:")) && err.contains("brackets `[` and `{` nest more than 64 levels deep here"), "{file}: {err}");
        assert!(err.contains("write lists and maps in block style"), "{file}: {err}");
        assert!(time < Duration::from_secs(10), "{file}: took {time:?}");
        assert!(!root.join("output").exists(), "{file}: {err}");
    }
}

#[test]
fn a_post_of_six_hundred_images_is_refused_naming_its_presets() {
    let p = common::TestProject::new("upper", &[("tr", "cover:\n  title: Başlık\n  body: Metin\n")]);
    let root = p.dir.path();
    let presets: Vec<String> = (0..30).map(|i| format!("{}x4096", 4000 + i)).collect();
    let slides = "      - text: cover.body\n        alt: cover.body\n".repeat(20);
    let post = format!("social:\n  - id: many\n    presets: [{}]\n    heading: cover.title\n    alt: cover.body\n    caption: cover.body\n    slides:\n{slides}", presets.join(", "));
    std::fs::write(root.join(BROCHURE), std::fs::read_to_string(root.join(BROCHURE)).expect("brochure") + &post).expect("post");
    let (code, err, time) = build(root);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("this post makes 600 images (30 presets × 20 slides) of 9866 million pixels in all, more than the 120 images and 200 million pixels"), "{err}");
    assert!(err.contains(&format!("{BROCHURE}:12:")) && err.contains("list only the presets you post to"), "{err}");
    assert!(time < Duration::from_secs(30), "took {time:?}");
    // All six named presets on a carousel of 20 slides stay within the limit.
    let named = std::fs::read_to_string(root.join(BROCHURE)).expect("brochure").replace(&format!("    presets: [{}]\n", presets.join(", ")), "");
    std::fs::write(root.join(BROCHURE), named).expect("named");
    let out = common::kalem(root, &["check"]);
    assert!(!common::stderr(&out).contains("this post makes"), "{}", common::stderr(&out));
}

#[test]
fn watch_survives_a_noise_bomb_and_picks_up_the_fix() {
    let p = with_svg(&filtered("<feTurbulence baseFrequency='0.05' numOctaves='100000000'/>"));
    let root = p.dir.path();
    let mut child = Command::new(env!("CARGO_BIN_EXE_kalem")).args(["watch", "--project"]).arg(root).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("start kalem watch");
    let stdout = child.stdout.take().expect("stdout");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || BufReader::new(stdout).lines().map_while(Result::ok).for_each(|l| drop(tx.send(l))));
    let next = |what: &str| std::iter::from_fn(|| rx.recv_timeout(Duration::from_secs(120)).ok()).find(|l| l.contains(what));
    let refused = next("start: not rebuilt");
    let watching = next("watching");
    std::fs::write(root.join("assets/x.svg"), filtered("<feTurbulence baseFrequency='0.05' numOctaves='3'/>")).expect("fix");
    let fixed = next("assets/x.svg: rebuilt");
    child.kill().expect("stop kalem watch");
    let err = String::from_utf8_lossy(&child.wait_with_output().expect("wait").stderr).into_owned();
    assert!(refused.is_some() && watching.is_some(), "the bomb was not refused at start:\n{err}");
    assert!(err.contains("feTurbulence) of 100000000 octaves"), "{err}");
    assert!(fixed.as_deref().is_some_and(|l| !l.contains("error")), "the fix was not picked up: {fixed:?}\n{err}");
    assert!(root.join("output/test/tr/test-tr-print.pdf").exists(), "{err}");
}
