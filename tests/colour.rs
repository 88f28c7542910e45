//! One brand colour on paper, screen and phone: the sample's social images
//! and screen PDF show the brand CMYK as the output profile prints it
//! (ΔE2000 against Lab from the profile's A2B table); print PDFs are CMYK
//! only, with logo black on the black plate alone, small black text and
//! thin black rules overprinting and white never; too much ink and too thin
//! lines stop the build, saying what to do.

mod common;

use std::collections::HashMap;
use std::path::Path;

use kalem::model::colour::{Colours, lab, xyz};
use kalem::model::{Cmyk, Project, Selection, load_project};
use kalem::pipeline::{self, Mode};
use lopdf::content::Content;
use lopdf::Document;

/// sRGB (8 bit) to CIE Lab (D50), by the IEC 61966-2-1 formulas and a
/// Bradford adaptation, independently of any colour management library.
fn lab_of_srgb(rgb: [f64; 3]) -> [f64; 3] {
    let lin = rgb.map(|v| if v <= 0.04045 { v / 12.92 } else { ((v + 0.055) / 1.055).powf(2.4) });
    let m = [[0.4360747, 0.3850649, 0.1430804], [0.2225045, 0.7168786, 0.0606169], [0.0139322, 0.0971045, 0.7141733]];
    lab(m.map(|row| row[0] * lin[0] + row[1] * lin[1] + row[2] * lin[2]))
}

/// CIEDE2000 colour difference (Sharma, Wu, Dalal 2005).
fn delta_e_2000(a: [f64; 3], b: [f64; 3]) -> f64 {
    let (l1, a1, b1, l2, a2, b2) = (a[0], a[1], a[2], b[0], b[1], b[2]);
    let c_bar = (a1.hypot(b1) + a2.hypot(b2)) / 2.0;
    let g = 0.5 * (1.0 - (c_bar.powi(7) / (c_bar.powi(7) + 25f64.powi(7))).sqrt());
    let (a1p, a2p) = ((1.0 + g) * a1, (1.0 + g) * a2);
    let (c1p, c2p) = (a1p.hypot(b1), a2p.hypot(b2));
    let hue = |b: f64, a: f64| if a == 0.0 && b == 0.0 { 0.0 } else { b.atan2(a).to_degrees().rem_euclid(360.0) };
    let (h1p, h2p) = (hue(b1, a1p), hue(b2, a2p));
    let dl = l2 - l1;
    let dc = c2p - c1p;
    let dh = if c1p * c2p == 0.0 {
        0.0
    } else if (h2p - h1p).abs() <= 180.0 {
        h2p - h1p
    } else if h2p - h1p > 180.0 {
        h2p - h1p - 360.0
    } else {
        h2p - h1p + 360.0
    };
    let dhh = 2.0 * (c1p * c2p).sqrt() * (dh / 2.0).to_radians().sin();
    let l_bar = (l1 + l2) / 2.0;
    let c_bar_p = (c1p + c2p) / 2.0;
    let h_bar = if c1p * c2p == 0.0 {
        h1p + h2p
    } else if (h1p - h2p).abs() <= 180.0 {
        (h1p + h2p) / 2.0
    } else if h1p + h2p < 360.0 {
        (h1p + h2p + 360.0) / 2.0
    } else {
        (h1p + h2p - 360.0) / 2.0
    };
    let t = 1.0 - 0.17 * (h_bar - 30.0).to_radians().cos() + 0.24 * (2.0 * h_bar).to_radians().cos() + 0.32 * (3.0 * h_bar + 6.0).to_radians().cos()
        - 0.20 * (4.0 * h_bar - 63.0).to_radians().cos();
    let d_theta = 30.0 * (-((h_bar - 275.0) / 25.0).powi(2)).exp();
    let rc = 2.0 * (c_bar_p.powi(7) / (c_bar_p.powi(7) + 25f64.powi(7))).sqrt();
    let sl = 1.0 + 0.015 * (l_bar - 50.0).powi(2) / (20.0 + (l_bar - 50.0).powi(2)).sqrt();
    let sc = 1.0 + 0.045 * c_bar_p;
    let sh = 1.0 + 0.015 * c_bar_p * t;
    let rt = -(2.0 * d_theta).to_radians().sin() * rc;
    ((dl / sl).powi(2) + (dc / sc).powi(2) + (dhh / sh).powi(2) + rt * (dc / sc) * (dhh / sh)).sqrt()
}

/// How the output profile prints `c`, as it reaches a screen, by a second
/// path: Lab from the profile's A2B table, black point compensation in XYZ
/// to the screen's black (as ICC's BPC specifies), and the sRGB gamut by the
/// IEC formulas, clipped as littleCMS clips. Returns the Lab before and
/// after the gamut.
fn reference(colours: &Colours, c: Cmyk) -> ([f64; 3], [f64; 3]) {
    let d50 = xyz([100.0, 0.0, 0.0]);
    let black = xyz([black_lightness(colours), 0.0, 0.0]);
    let v = xyz(colours.lab(c));
    let compensated: [f64; 3] = [0, 1, 2].map(|i| d50[i] * (v[i] - black[i]) / (d50[i] - black[i]));
    let m = [[3.1338561, -1.6168667, -0.4906146], [-0.9787684, 1.9161415, 0.0334540], [0.0719453, -0.2289914, 1.4052427]];
    let linear = m.map(|row| row[0] * compensated[0] + row[1] * compensated[1] + row[2] * compensated[2]);
    let shown = linear.map(|v| v.clamp(0.0, 1.0)).map(|v| if v <= 0.0031308 { v * 12.92 } else { 1.055 * v.powf(1.0 / 2.4) - 0.055 });
    (lab(compensated), lab_of_srgb(shown))
}

/// The lightness of the profile's black point: its darkest printable
/// neutral, read from the A2B table over rich blacks within the ink limit.
fn black_lightness(colours: &Colours) -> f64 {
    let mut darkest = f64::INFINITY;
    for c in (0..=100).step_by(5) {
        for k in [90.0, 95.0, 100.0] {
            let f = f64::from(c);
            let ink = Cmyk([f, f * 0.85, f * 0.85, k]);
            if ink.total() <= 320.0 {
                darkest = darkest.min(colours.lab(ink)[0]);
            }
        }
    }
    darkest
}

fn sample(selection: Selection) -> (tempfile::TempDir, Project, pipeline::Resources) {
    let dir = common::sample_copy();
    let project = load_project(dir.path(), &selection).unwrap_or_else(|ds| panic!("{ds:?}"));
    let resources = pipeline::resources(&project).unwrap_or_else(|d| panic!("{d}"));
    (dir, project, resources)
}

fn one(brochure: &str, lang: &str) -> Selection {
    Selection { brochure: Some(brochure.into()), languages: Some(vec![lang.into()]) }
}

/// The smallest ΔE2000 from `target` to any of `shown`.
fn nearest(target: [f64; 3], shown: &[[f64; 3]]) -> f64 {
    shown.iter().map(|rgb| delta_e_2000(target, lab_of_srgb(*rgb))).fold(f64::INFINITY, f64::min)
}

#[test]
fn social_images_and_screen_pdf_show_the_brand_as_the_profile_prints_it() {
    let (dir, project, resources) = sample(one("human-trafficking", "tr"));
    let colours = &resources.setup.profile.colours;
    let brand = |name: &str| project.config.colors[name];
    let ((primary_lab, primary), (_, accent)) = (reference(colours, brand("primary")), reference(colours, brand("accent")));

    let reports = pipeline::social::build(&project, &resources.engine, Mode::Build, pipeline::Status::Release);
    assert!(reports.iter().all(|r| r.diagnostics.iter().all(|d| !d.is_error())), "{reports:?}");
    // A post on the flat brand colour (the hotline post has a photo).
    let png = image::open(dir.path().join("output/human-trafficking/tr/social/child-signs-instagram-square.png")).unwrap().to_rgb8();
    let mut counts: HashMap<[u8; 3], usize> = HashMap::new();
    for p in png.pixels() {
        *counts.entry(p.0).or_default() += 1;
    }
    let mut common: Vec<([u8; 3], usize)> = counts.into_iter().collect();
    common.sort_by(|a, b| b.1.cmp(&a.1));
    let most: Vec<[f64; 3]> = common.iter().take(2).map(|(rgb, _)| rgb.map(|v| f64::from(v) / 255.0)).collect();
    let (social_primary, social_accent) = (nearest(primary, &most), nearest(accent, &most));

    let engine = &resources.engine;
    let (edition, found) = pipeline::render_edition(engine, &resources.setup, &common::edition(&project, &project.brochures[0], "tr"), pipeline::Status::Release);
    let edition = edition.unwrap_or_else(|| panic!("{found:?}"));
    let doc = Document::load_mem(&edition.screen).unwrap();
    let mut fills: Vec<[f64; 3]> = Vec::new();
    for page in doc.get_pages().into_values() {
        for op in Content::decode(&doc.get_page_content(page)).unwrap().operations {
            let v: Vec<f64> = op.operands.iter().filter_map(|o| o.as_float().ok().map(f64::from)).collect();
            if matches!(op.operator.as_str(), "rg" | "sc" | "scn") && v.len() == 3 {
                fills.push([v[0], v[1], v[2]]);
            }
        }
    }
    let (screen_primary, screen_accent) = (nearest(primary, &fills), nearest(accent, &fills));
    eprintln!("ΔE2000 social: primary {social_primary:.2}, accent {social_accent:.2}; screen pdf: primary {screen_primary:.2}, accent {screen_accent:.2}");
    // The navy with black point compensation lies outside sRGB: the gamut
    // alone costs this much, the same for every CMS that clips.
    eprintln!("ΔE2000 of the navy from its unclipped Lab: {:.2}", nearest(primary_lab, &most));
    for (what, delta) in [("social primary", social_primary), ("social accent", social_accent), ("screen primary", screen_primary), ("screen accent", screen_accent)] {
        assert!(delta <= 2.0, "{what}: ΔE2000 {delta:.2} from the profile's rendering");
    }
    // The plain formula's royal blue (0, 62, 179) is far from all of them.
    let formula = delta_e_2000(primary, lab_of_srgb([0.0, 62.0 / 255.0, 179.0 / 255.0]));
    eprintln!("ΔE2000 of the old formula's navy: {formula:.2}");
    assert!(formula > 5.0, "{formula}");
}

/// What a print page paints, read back from its content streams.
#[derive(Default, Debug)]
struct Painted {
    /// Spaces set with `cs`/`CS` or implied by `rg`/`g`.
    spaces: Vec<String>,
    /// Text shown: fill colour, size in pt, overprinting.
    text: Vec<([f64; 4], f64, bool)>,
    /// Strokes: colour, width in pt, overprinting.
    strokes: Vec<([f64; 4], f64, bool)>,
    /// Fill colours of paths.
    fills: Vec<[f64; 4]>,
}

fn read_back(doc: &Document) -> Painted {
    let mut painted = Painted::default();
    for page in doc.get_pages().into_values() {
        let resources = doc.get_page_resources(page).unwrap().0.cloned().or_else(|| {
            let r = doc.get_dictionary(page).ok()?.get(b"Resources").ok()?.as_reference().ok()?;
            doc.get_dictionary(r).ok().cloned()
        });
        let states = resources.and_then(|r| r.get(b"ExtGState").ok().cloned()).and_then(|s| doc.dereference(&s).ok().map(|(_, o)| o.clone()));
        let overprints = |name: &[u8]| {
            states.as_ref().and_then(|s| s.as_dict().ok()?.get(name).ok()).and_then(|g| doc.dereference(g).ok()?.1.as_dict().ok()?.get(b"op").ok()?.as_bool().ok()).unwrap_or(false)
        };
        let (mut fill, mut stroke, mut width, mut size, mut scale, mut op) = ([0.0; 4], [0.0; 4], 1.0, 0.0, 1.0, false);
        let mut stack = Vec::new();
        for o in Content::decode(&doc.get_page_content(page)).unwrap().operations {
            let v: Vec<f64> = o.operands.iter().filter_map(|x| x.as_float().ok().map(f64::from)).collect();
            match o.operator.as_str() {
                "q" => stack.push((fill, stroke, width, scale, op)),
                "Q" => (fill, stroke, width, scale, op) = stack.pop().unwrap_or((fill, stroke, width, scale, op)),
                "cm" => scale *= (v[0] * v[3] - v[1] * v[2]).abs().sqrt(),
                "k" => fill = [v[0], v[1], v[2], v[3]],
                "K" => stroke = [v[0], v[1], v[2], v[3]],
                "w" => width = v[0],
                "Tf" => size = v[0],
                "gs" => op = overprints(o.operands[0].as_name().unwrap()),
                "rg" | "RG" | "g" | "G" | "cs" | "CS" => painted.spaces.push(format!("{:?}", o.operands)),
                "Tj" | "TJ" => painted.text.push((fill, size * scale, op)),
                "S" => painted.strokes.push((stroke, width * scale, op)),
                "f" | "f*" => painted.fills.push(fill),
                _ => {}
            }
        }
    }
    painted
}

#[test]
fn print_pdfs_are_cmyk_with_k_only_black_small_black_overprinting_and_white_never() {
    let dir = common::sample_copy();
    // A logo with black in it, as designers draw them: RGB #000.
    common::edit(dir.path(), "assets/logo.svg", "</svg>", "<rect x=\"0\" y=\"0\" width=\"4\" height=\"4\" fill=\"#000000\"/><path d=\"M 0 6 h 40\" stroke=\"#000\" stroke-width=\"1\"/></svg>");
    let project = load_project(dir.path(), &one("human-trafficking", "ar")).unwrap();
    let resources = pipeline::resources(&project).unwrap();
    let (edition, found) = pipeline::render_edition(&resources.engine, &resources.setup, &common::edition(&project, &project.brochures[0], "ar"), pipeline::Status::Release);
    let edition = edition.unwrap_or_else(|| panic!("{found:?}"));
    let doc = Document::load_mem(&edition.print).unwrap();
    let painted = read_back(&doc);
    assert!(painted.spaces.is_empty(), "colour outside DeviceCMYK: {:?}", painted.spaces);
    let report = kalem::export::inspect::inspect(&edition.print).unwrap();
    assert_eq!(report.painting.color_spaces.iter().collect::<Vec<_>>(), ["DeviceCMYK"]);

    let black = [0.0, 0.0, 0.0, 1.0];
    let rich = |c: &[f64; 4]| c[3] > 0.8 && c[0] + c[1] + c[2] > 0.0;
    assert!(painted.fills.contains(&black), "the logo's black square is not K only: {:?}", painted.fills);
    assert!(!painted.fills.iter().chain(painted.text.iter().map(|t| &t.0)).any(rich), "black made of four inks");
    let body: Vec<_> = painted.text.iter().filter(|(c, size, _)| *c == black && *size < 12.0).collect();
    assert!(body.len() > 20, "{painted:?}");
    assert!(body.iter().all(|t| t.2), "small black text that knocks out: {body:?}");
    assert!(painted.strokes.iter().any(|(c, w, op)| *c == black && *w < 2.0 && *op), "the logo's thin black rule does not overprint");
    let white = [0.0; 4];
    assert!(painted.text.iter().filter(|t| t.0 == white).count() > 0 && painted.text.iter().all(|t| t.0 != white || !t.2), "white text overprints");
    // Only the black plate carries body text: no other ink in its colour.
    assert!(painted.text.iter().filter(|(_, size, _)| *size < 9.0).all(|(c, _, _)| *c == black || c.iter().filter(|v| **v > 0.0).count() <= 1 || *c == white || !rich(c)));
}

fn kalem_build(dir: &Path) -> (bool, String) {
    let out = common::kalem(dir, &["build", "--brochure", "human-trafficking", "--lang", "tr"]);
    (out.status.success(), common::stderr(&out))
}

#[test]
fn four_hundred_percent_ink_and_a_tenth_of_a_point_rule_fail_saying_what_to_do() {
    let dir = common::sample_copy();
    common::edit(dir.path(), "kalem.yaml", "tint: [8, 3, 0, 0]", "tint: [100, 100, 100, 100]");
    let (ok, err) = kalem_build(dir.path());
    assert!(!ok);
    assert!(err.contains("colour `tint` [100, 100, 100, 100] has 400 % total ink, above the 300 %"), "{err}");
    assert!(err.contains("add up to at most 300 %"), "{err}");

    let dir = common::sample_copy();
    common::edit(dir.path(), "assets/emblem.svg", "</svg>", "<path d=\"M 10 110 h 180\" stroke=\"#000000\" stroke-width=\"0.1\"/></svg>");
    let (ok, err) = kalem_build(dir.path());
    assert!(!ok);
    assert!(err.contains("pt wide, under 0.125 pt: it disappears in print"), "{err}");
    assert!(err.contains("draw lines at least 0.25 pt wide"), "{err}");
}
