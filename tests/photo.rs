//! Photo backgrounds as a reader of the printed sheet sees them: the photo
//! runs into the bleed, is cropped around its focus, keeps its own
//! left and right in Arabic and Farsi (only its panel moves), and is
//! checked at the resolution it is printed at after cropping.

mod common;

use common::TestProject;
use kalem::export::preflight;

/// A 600 × 400 px photo: red on its left half, blue on its right.
fn halves(path: &std::path::Path) {
    let img = image::RgbImage::from_fn(600, 400, |x, _| if x < 300 { image::Rgb([220, 20, 20]) } else { image::Rgb([20, 20, 220]) });
    img.save(path).unwrap();
}

/// A tri-fold whose cover has the photo as background with `focus`.
fn project(focus: &str) -> TestProject {
    let texts = [("tr", "cover:\n  title: Başlık\n  body: Metin\n"), ("ar", "cover:\n  title: عنوان\n  body: نص\n"), ("fa", "cover:\n  title: عنوان\n  body: متن\n")];
    let p = TestProject::new("upper", &texts);
    let root = p.dir.path();
    std::fs::create_dir_all(root.join("assets")).unwrap();
    halves(&root.join("assets/halves.png"));
    let brochure = format!(
        "title: cover.title\nformat: a4-trifold\nlanguages: [tr, ar, fa]\npanels:\n  cover:\n    background:\n      image: assets/halves.png\n      focus: {focus}\n    blocks:\n      - heading: cover.title\n"
    );
    std::fs::write(root.join("brochures/test.yaml"), brochure).unwrap();
    p
}

/// Pixels per mm the sheets are rendered at.
const SCALE: f64 = 2.0;
/// The sample's bleed, mm.
const BLEED: f64 = 3.0;

/// The outside of the sheet in `lang`, bleed included.
fn outside(p: &TestProject, lang: &str) -> image::RgbImage {
    let doc = p.typeset(lang);
    let options = typst_render::RenderOptions { pixel_per_pt: typst::utils::Scalar::new(SCALE * 25.4 / 72.0), render_bleed: true };
    let pixmap = typst_render::render(&doc.pages()[0], &options);
    image::RgbImage::from_fn(pixmap.width(), pixmap.height(), |x, y| {
        let c = pixmap.pixel(x, y).map(|p| p.demultiply()).unwrap();
        image::Rgb([c.red(), c.green(), c.blue()])
    })
}

/// What colour the sheet has at `x`, `y` mm from the top-left trim corner:
/// `r`, `b` or `-` (neither).
fn at(img: &image::RgbImage, x: f64, y: f64) -> char {
    let p = img.get_pixel(((x + BLEED) * SCALE) as u32, ((y + BLEED) * SCALE) as u32).0;
    match p {
        [r, _, b] if r > 150 && b < 80 => 'r',
        [r, _, b] if b > 150 && r < 80 => 'b',
        _ => '-',
    }
}

#[test]
fn a_photo_background_runs_into_the_bleed_at_the_sheet_edge() {
    let img = outside(&project("[50%, 50%]"), "tr");
    // The cover is the right-hand panel (197 to 297 mm): the photo reaches
    // past the trim into the bleed there, top and bottom too.
    assert_eq!(at(&img, 298.5, 100.0), 'b', "right bleed");
    assert_eq!(at(&img, 250.0, -2.0), at(&img, 250.0, 100.0), "top bleed");
    assert_eq!(at(&img, 250.0, 211.5), at(&img, 250.0, 100.0), "bottom bleed");
    // But not over the back panel beside it.
    assert_eq!(at(&img, 190.0, 100.0), '-');
}

#[test]
fn cover_cropping_keeps_the_focus_in_view() {
    // The 3:2 photo covers a 103 × 216 mm area: only a third of its width
    // shows, and the focus decides which third.
    let left = outside(&project("[10%, 50%]"), "tr");
    let right = outside(&project("[90%, 50%]"), "tr");
    for x in [205.0, 250.0, 295.0] {
        assert_eq!(at(&left, x, 100.0), 'r', "focus on the red half, {x} mm");
        assert_eq!(at(&right, x, 100.0), 'b', "focus on the blue half, {x} mm");
    }
}

#[test]
fn the_photo_is_not_mirrored_in_arabic_and_farsi() {
    let p = project("[50%, 50%]");
    let tr = outside(&p, "tr");
    // Centred: red on the cover's left, blue on its right.
    assert_eq!((at(&tr, 215.0, 100.0), at(&tr, 280.0, 100.0)), ('r', 'b'));
    for lang in ["ar", "fa"] {
        let img = outside(&p, lang);
        // The cover moves to the left of the sheet (0 to 100 mm); the
        // photo keeps red on the left, as photographed.
        assert_eq!((at(&img, 18.0, 100.0), at(&img, 83.0, 100.0)), ('r', 'b'), "{lang}");
        assert_eq!(at(&img, -1.5, 100.0), 'r', "{lang}: the left bleed");
        assert_eq!(at(&img, 250.0, 100.0), '-', "{lang}: nothing where the tr cover was");
    }
}

#[test]
fn resolution_is_checked_at_the_cropped_printed_size() {
    let p = project("[50%, 50%]");
    let project = p.load();
    let found = preflight::images(&project, &project.brochures[0]);
    let text: Vec<String> = found.iter().map(ToString::to_string).collect();
    // 600 px across a photo enlarged to 324 mm so that it covers the
    // panel: 47 ppi, though it would be 148 ppi if it were only as wide
    // as the panel.
    assert_eq!(text.len(), 1, "{text:#?}");
    assert!(text[0].contains("background photo `assets/halves.png` of panel `cover` has 47 ppi"), "{}", text[0]);
    assert!(text[0].contains("cropped to 103 × 216 mm"), "{}", text[0]);
    assert!(text[0].contains("at least 150 ppi"), "{}", text[0]);
    assert!(kalem::diag::has_errors(&found));
}

/// A tri-fold whose inside-1 panel shows the photo as an image block
/// `extra` (options under `- image: assets/halves.png`).
fn block_project(extra: &str) -> TestProject {
    let p = project("[50%, 50%]");
    let brochure = format!(
        "title: cover.title\nformat: a4-trifold\nlanguages: [tr, ar, fa]\npanels:\n  inside-1:\n    blocks:\n      - heading: cover.title\n      - image: assets/halves.png\n        height: 120\n{extra}"
    );
    std::fs::write(p.dir.path().join("brochures/test.yaml"), brochure).unwrap();
    p
}

#[test]
fn an_image_block_with_fit_cover_fills_the_column_cropped_around_its_focus() {
    let p = block_project("        fit: cover\n        focus: [95%, 50%]\n");
    let doc = p.typeset("tr");
    let options = typst_render::RenderOptions { pixel_per_pt: typst::utils::Scalar::new(SCALE * 25.4 / 72.0), render_bleed: true };
    let pixmap = typst_render::render(&doc.pages()[1], &options);
    let img = image::RgbImage::from_fn(pixmap.width(), pixmap.height(), |x, y| {
        let c = pixmap.pixel(x, y).map(|p| p.demultiply()).unwrap();
        image::Rgb([c.red(), c.green(), c.blue()])
    });
    // The inside-1 panel is the left third; find the photo's rows.
    let rows: Vec<f64> = (0..200).map(f64::from).filter(|y| at(&img, 50.0, *y) != '-').collect();
    assert!(rows.len() >= 118 && rows.len() <= 121, "the block is 120 mm high: {} rows", rows.len());
    let y = rows[rows.len() / 2];
    // The photo, 3:2, is enlarged to 120 mm high and 180 mm wide: across
    // the whole column only the blue half shows, for the focus is on it.
    for x in [12.0, 50.0, 88.0] {
        assert_eq!(at(&img, x, y), 'b', "{x} mm");
    }
    let project = p.load();
    let found: Vec<String> = preflight::images(&project, &project.brochures[0]).iter().map(ToString::to_string).collect();
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(found[0].contains("photo `assets/halves.png` on panel `inside-1` has") && found[0].contains("cropped to"), "{}", found[0]);
}

/// The errors of loading the project with `yaml` as its brochure.
fn refused(yaml: &str) -> String {
    let p = project("[50%, 50%]");
    std::fs::write(p.dir.path().join("brochures/test.yaml"), yaml).unwrap();
    let errors = kalem::model::load_project(p.dir.path(), &kalem::model::Selection::default()).unwrap_err();
    errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n")
}

#[test]
fn bad_photo_settings_are_refused_with_a_hint() {
    let head = "title: cover.title\nformat: a4-trifold\nlanguages: [tr]\npanels:\n  cover:\n";
    let err = refused(&format!("{head}    background:\n      image: assets/halves.png\n      focus: [150%, 20%]\n      overlay: {{ color: primary, opacity: 1.5 }}\n"));
    assert!(err.contains("the focus must be two percentages from 0% to 100%"), "{err}");
    assert!(err.contains("overlay opacity 1.5 is out of range"), "{err}");
    let err = refused(&format!("{head}    background:\n      image: assets/halves.png\n      focus: [0.5, 0.3]\n"));
    assert!(err.contains("each with its `%`"), "a bare 0.5 could mean 0.5 % or 50 %: {err}");
    let err = refused(&format!("{head}    background:\n      image: assets/halves.png\n      overlay: {{ color: primery, opacity: 0.5 }}\n"));
    assert!(err.contains("unknown colour `primery`") && err.contains("primary"), "{err}");
    let err = refused(&format!("{head}    blocks:\n      - image: assets/halves.png\n        focus: [10%, 10%]\n"));
    assert!(err.contains("`focus` only applies with `fit: cover`"), "{err}");
    let err = refused(&format!("{head}    blocks:\n      - heading: cover.title\n        fit: cover\n"));
    assert!(err.contains("`fit: cover` applies to photos only"), "{err}");
}

/// A JPEG stored lying on its side, 600 × 300 px with its bottom fifth
/// red and the rest blue, and EXIF orientation 6 (turn 90° clockwise to
/// show), as a phone saves a portrait photo: upright it is 300 × 600 px,
/// red on its left fifth.
fn lying_phone_photo(path: &std::path::Path) {
    let img = image::RgbImage::from_fn(600, 300, |_, y| if y >= 240 { image::Rgb([220, 20, 20]) } else { image::Rgb([20, 20, 220]) });
    let mut jpeg = Vec::new();
    img.write_to(&mut std::io::Cursor::new(&mut jpeg), image::ImageFormat::Jpeg).unwrap();
    // An APP1 segment right after the start of image: `Exif`, a big-endian
    // TIFF header and one IFD entry, Orientation (0x0112) = 6.
    let tiff: Vec<u8> = [&b"MM\0\x2a\0\0\0\x08\0\x01"[..], &[0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0], &[0, 0, 0, 0]].concat();
    let app1: Vec<u8> = [&b"Exif\0\0"[..], &tiff].concat();
    let length = u16::try_from(app1.len() + 2).unwrap().to_be_bytes();
    let file: Vec<u8> = [&jpeg[..2], &[0xFF, 0xE1], &length, &app1, &jpeg[2..]].concat();
    std::fs::write(path, file).unwrap();
}

#[test]
fn a_phone_photo_is_shown_upright_and_cropped_at_its_upright_size() {
    let p = project("[50%, 50%]");
    let root = p.dir.path();
    lying_phone_photo(&root.join("assets/phone.jpg"));
    common::edit(root, "brochures/test.yaml", "assets/halves.png", "assets/phone.jpg");
    let img = outside(&p, "tr");
    // Upright 1:2 covers the 103 × 216 mm cover area nearly whole: the red
    // fifth on the left shows. Cropped at the stored 2:1 size, the photo
    // would be stretched to 432 mm wide and its red edge cut away.
    assert_eq!((at(&img, 203.0, 100.0), at(&img, 212.0, 60.0), at(&img, 250.0, 100.0), at(&img, 290.0, 150.0)), ('r', 'r', 'b', 'b'));
}
