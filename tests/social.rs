//! Social-media images: exact sizes, safe zones, mirroring, auto-fit and
//! its limit, alt text and captions, on copies of the sample project.

mod common;

use std::path::PathBuf;

use kalem::diag::Diagnostic;
use kalem::layout::probe::fit_reports;
use kalem::layout::social::{Art, FitReport, frames, post_data, text_boxes, typeset_post};
use kalem::layout::world::Engine;
use kalem::model::{Selection, load_project};
use kalem::model::social::{Post, Preset};
use kalem::model::{Direction, Project};
use kalem::pipeline::{self, JobReport};

/// A copy of the sample project with `brochure` as its only brochure and
/// `extra` appended to every translation file.
fn project(brochure: &str, extra: &[(&str, &str)]) -> (tempfile::TempDir, PathBuf) {
    let dir = common::sample_copy();
    let root = dir.path().to_path_buf();
    std::fs::remove_dir_all(root.join("brochures")).unwrap();
    for (lang, text) in extra {
        let file = root.join("translations").join(format!("{lang}.yaml"));
        let mut source = std::fs::read_to_string(&file).unwrap();
        source.push_str(text);
        std::fs::write(file, source).unwrap();
    }
    std::fs::create_dir_all(root.join("brochures")).unwrap();
    std::fs::write(root.join("brochures/camp.yaml"), brochure).unwrap();
    (dir, root)
}

/// A brochure with one empty panel and the given `social:` list.
fn brochure(languages: &str, social: &str) -> String {
    format!("title: meta.title\nformat: a4-trifold\nlanguages: [{languages}]\npanels:\n  cover:\n    blocks: []\nsocial:\n{social}")
}

use common::{load_with_engine as load, messages};

fn errors(reports: &[JobReport]) -> Vec<Diagnostic> {
    reports.iter().flat_map(|r| r.diagnostics.iter().filter(|d| d.is_error()).cloned()).collect()
}

/// The hotline post with its hashtags.
fn hotline() -> String {
    format!("{}    hashtags: social.hashtags\n", common::HOTLINE_POST)
}

#[test]
fn every_preset_is_written_at_its_exact_size_with_alt_text_and_caption() {
    let social = format!(
        "{}  - id: rights\n    heading: social.rights.heading\n    list: social.rights.items\n    alt: social.rights.alt\n    caption: social.rights.caption\n    presets: [320x400]\n    format: jpeg\n    quality: 80\n",
        hotline()
    );
    let (_dir, root) = project(&brochure("fa", &social), &[]);
    let (project, engine) = load(&root);
    let reports = pipeline::social::build(&project, &engine, pipeline::Mode::Build, pipeline::Status::Release);
    assert!(errors(&reports).is_empty(), "{}", messages(&errors(&reports)));

    let out = root.join("output/camp/fa/social");
    let mut sizes = Preset::all().into_iter().map(|p| (format!("hotline-{}.png", p.name), p.width, p.height)).collect::<Vec<_>>();
    sizes.push(("rights-320x400.jpg".into(), 320, 400));
    for (file, width, height) in sizes {
        let bytes = std::fs::read(out.join(&file)).unwrap_or_else(|e| panic!("{file}: {e}"));
        let decoded = image::load_from_memory(&bytes).unwrap();
        assert_eq!((decoded.width(), decoded.height()), (width, height), "{file}");
        let format = image::guess_format(&bytes).unwrap();
        assert_eq!(format, if file.ends_with(".jpg") { image::ImageFormat::Jpeg } else { image::ImageFormat::Png }, "{file}");
        let alt = std::fs::read_to_string(out.join(file.rsplit_once('.').unwrap().0.to_string() + ".alt.txt")).unwrap();
        assert!(alt.starts_with("تصویر زنجیری پاره‌شده") || alt.starts_with("عنوانی روی زمینهٔ آبی") || alt.starts_with("عکس یک فنجان قهوه"), "{file}: {alt}");
    }
    let caption = std::fs::read_to_string(out.join("hotline.caption.txt")).unwrap();
    assert!(caption.starts_with("قاچاق انسان جرم است"), "{caption}");
    assert!(caption.ends_with("\n\n#نه_به_قاچاق_انسان #YİMER157\n"), "{caption}");
    let leftovers: Vec<_> = std::fs::read_dir(&out).unwrap().filter_map(|e| e.ok()).filter(|e| e.file_name().to_string_lossy().ends_with(".part")).collect();
    assert!(leftovers.is_empty());
}

/// Sets the sample's hotline post in one preset and language.
fn set(project: &Project, engine: &Engine, post: &Post, preset: &str, lang: &str) -> (kalem::layout::social::PostData, typst_layout::PagedDocument) {
    let preset = Preset::parse(preset).unwrap();
    let brochure = project.brochures.iter().find(|b| b.social.iter().any(|p| p.id == post.id)).expect("the post's brochure");
    let (data, found) = post_data(&common::edition(project, brochure, lang), engine, post, &preset);
    assert!(found.iter().all(|d| !d.is_error()), "{}", messages(&found));
    let document = typeset_post(engine, &data).unwrap_or_else(|ds| panic!("{}", messages(&ds)));
    (data, document)
}

#[test]
fn story_text_stays_out_of_the_platform_zones_and_rtl_is_mirrored() {
    let (project, engine) = load(&common::repo());
    let brochure = project.brochures.iter().find(|b| !b.social.is_empty()).unwrap();
    let post = brochure.social.iter().find(|p| p.contact.is_some() && p.image.is_none()).unwrap();
    let (w, h) = (1080.0, 1920.0);
    let mut number_x = Vec::new();
    for lang in ["tr", "ar"] {
        let (data, document) = set(&project, &engine, post, "instagram-story", lang);
        let boxes = text_boxes(&document.pages()[0]);
        assert!(boxes.len() > 5, "{lang}: too little text found");
        for b in &boxes {
            assert!(b.bounds.y >= 0.14 * h, "{lang}: “{}” at y {:.0} is in the top 14 %", b.text, b.bounds.y);
            assert!(b.bounds.y + b.bounds.h <= 0.80 * h, "{lang}: “{}” ends at y {:.0}, in the bottom 20 %", b.text, b.bounds.y + b.bounds.h);
        }
        // The largest "157" is the call to action's, not the heading's.
        let number = boxes.iter().filter(|b| b.text == "157").max_by(|a, b| a.bounds.h.total_cmp(&b.bounds.h)).expect("the call-to-action number");
        number_x.push(number.bounds.x + number.bounds.w / 2.0);
        // The heading starts at the start edge of the text box: left in
        // Turkish, right in Arabic.
        let heading = boxes.iter().min_by(|a, b| a.bounds.y.total_cmp(&b.bounds.y)).unwrap();
        let text = data.frames.text;
        match lang {
            "tr" => assert!((heading.bounds.x - text.x).abs() < 12.0, "tr heading starts at {:.0}, box at {:.0}", heading.bounds.x, text.x),
            _ => assert!(
                (heading.bounds.x + heading.bounds.w - (text.x + text.w)).abs() < 12.0,
                "ar heading ends at {:.0}, box at {:.0}",
                heading.bounds.x + heading.bounds.w,
                text.x + text.w
            ),
        }
    }
    assert!(number_x[0] < w / 2.0 && number_x[1] > w / 2.0, "number centres {number_x:?}: not mirrored");
    let ltr = frames(&Preset::parse("x-post").unwrap(), Direction::Ltr, 1.0, true, Art::Plain);
    let rtl = frames(&Preset::parse("x-post").unwrap(), Direction::Rtl, 1.0, true, Art::Plain);
    assert!(ltr.cta.unwrap().x > ltr.text.x && rtl.cta.unwrap().x < rtl.text.x);
}

const LONG_TR: &str = "\ntest:\n  heading: İnsan ticareti bir suçtur; mağdurlar suçlu değildir, korunma ve destek hakları vardır ve kimse onları yalnız bırakmamalıdır\n";
/// Three times too long for a link post even at the smallest size.
const LONG_AR: &str = "\ntest:\n  heading: الاتجار بالبشر جريمة، والضحايا ليسوا مجرمين، ولهم الحق في الحماية والدعم والمأوى والرعاية الصحية والدعم النفسي والقانوني والمعلومات بلغتهم وبمترجم، وفي فترة تعافٍ وتفكير مدتها ثلاثون يوماً، وفي إذن إقامة خاص، ولا يجوز تركهم وحدهم أبداً مهما كانت الظروف، فاتصل بالرقم 157 مجاناً وعلى مدار الساعة طوال أيام الأسبوع، ولا تتردد أبداً في الاتصال إذا رأيت طفلاً يعمل في الشارع أو الحقل أو الورشة بدلاً من الذهاب إلى المدرسة، أو شخصاً لا يملك جواز سفره، أو يعمل ساعات طويلة بلا أجر، أو عليه دين لا ينتهي، أو لا يستطيع مغادرة مكان عمله بحرية، أو يبدو خائفاً ومراقَباً، أو وُعد بعمل فوجده مختلفاً تماماً عند وصوله\n";

#[test]
fn a_long_heading_shrinks_and_one_too_long_fails_naming_post_preset_language_and_key() {
    let social = "  - id: long\n    heading: test.heading\n    text: social.hotline.body\n    contact: yimer157\n    alt: social.hotline.alt\n    caption: social.hotline.caption\n    presets: [facebook-link]\n";
    let (_dir, root) = project(&brochure("tr, ar", social), &[("tr", LONG_TR), ("ar", LONG_AR), ("fa", "\ntest:\n  heading: x\n")]);
    let (project, engine) = load(&root);
    let post = &project.brochures[0].social[0];

    let (data, document) = set(&project, &engine, post, "facebook-link", "tr");
    let reports: Vec<FitReport> = fit_reports(&document, "social post", 2).expect("fit reports");
    let Some(FitReport::Text { fits, heading, .. }) = reports.iter().find(|r| matches!(r, FitReport::Text { .. })) else { panic!("no fit report: {reports:?}") };
    assert!(fits);
    assert!(*heading < data.sizes.heading.max - 1.0 && *heading >= data.sizes.heading.min, "heading {heading} of {:?}", data.sizes.heading);

    let reports = pipeline::social::build(&project, &engine, pipeline::Mode::Build, pipeline::Status::Release);
    let errors = errors(&reports);
    assert_eq!(errors.len(), 1, "{}", messages(&errors));
    let error = &errors[0];
    assert_eq!(error.lang.as_deref(), Some("ar"));
    assert_eq!(error.key.as_deref(), Some("test.heading"));
    assert!(error.message.contains("post `long`") && error.message.contains("preset `facebook-link`"), "{}", error.message);
    assert_eq!(error.location.as_ref().map(|l| l.file.clone()), Some(PathBuf::from("translations/ar.yaml")));
    assert!(root.join("output/camp/tr/social/long-facebook-link.png").exists());
    assert!(!root.join("output/camp/ar/social/long-facebook-link.png").exists(), "nothing written for the failing language");
}

#[test]
fn bad_posts_are_refused_with_their_place_and_a_hint() {
    let social = "  - id: Hotline 157\n    heading: social.hotline.heading\n    alt: social.hotline.alt\n    caption: social.hotline.caption\n    presets: [instagram-sqare, 12x12]\n    contact: yimer175\n    quality: 80\n";
    let (_dir, root) = project(&brochure("tr", social), &[]);
    let errors = load_project(&root, &Selection::default()).unwrap_err();
    let find = |needle: &str| errors.iter().find(|d| d.message.contains(needle)).unwrap_or_else(|| panic!("no `{needle}` in\n{}", messages(&errors)));
    let preset = find("unknown preset `instagram-sqare`");
    assert_eq!(preset.location.as_ref().map(|l| (l.line, l.column)), Some((12, 15)));
    assert!(preset.hint.as_deref().unwrap().starts_with("did you mean `instagram-square`?"));
    find("unknown preset `12x12`");
    find("post id `Hotline 157`");
    assert!(find("unknown contact `yimer175`").hint.as_deref().unwrap().contains("did you mean `yimer157`?"));
    find("`quality` only applies to jpeg");
}

/// The sample's carousel of the signs of trafficking, in two small sizes.
const SIGNS: &str = "  - id: signs
    presets: [400x400, 400x500]
    heading: social.signs.heading
    slides:
      - text: social.signs.intro
        alt: social.signs.alt_1
      - heading: signs.title
        list: signs.items
        items: [1, 3]
        alt: social.signs.alt_2
      - heading: signs.title
        list: signs.items
        items: [4, 6]
        alt: social.signs.alt_3
      - heading: social.signs.call_heading
        text: social.signs.call
        alt: social.signs.alt_4
    contact: yimer157
    cta: social.signs.cta
    alt: social.signs.alt
    caption: social.signs.caption
";

#[test]
fn a_carousel_writes_one_image_and_alt_text_per_slide_and_preset_and_one_caption() {
    let (_dir, root) = project(&brochure("tr, ar, fa", SIGNS), &[]);
    let (project, engine) = load(&root);
    let reports = pipeline::social::build(&project, &engine, pipeline::Mode::Build, pipeline::Status::Release);
    assert!(errors(&reports).is_empty(), "{}", messages(&errors(&reports)));
    for lang in ["tr", "ar", "fa"] {
        let out = root.join(format!("output/camp/{lang}/social"));
        let mut names: Vec<String> = std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        names.sort();
        let mut expected = vec!["signs.caption.txt".to_string()];
        for preset in ["400x400", "400x500"] {
            for n in 1..=4 {
                expected.push(format!("signs-{preset}-{n}.alt.txt"));
                expected.push(format!("signs-{preset}-{n}.png"));
            }
        }
        expected.sort();
        assert_eq!(names, expected, "{lang}");
        let table = &project.translations[lang].entries;
        for n in 1..=4 {
            let alt = std::fs::read_to_string(out.join(format!("signs-400x500-{n}.alt.txt"))).unwrap();
            let Some(kalem::model::translations::Entry::Text(written)) = table.get(&format!("social.signs.alt_{n}")) else { panic!("alt_{n}") };
            let first: String = written.text.chars().take(12).collect();
            assert!(alt.starts_with(&first), "{lang} slide {n}: {alt}");
        }
    }
}

#[test]
fn slides_are_numbered_in_the_languages_digits_and_no_strip_points_a_way() {
    let (_dir, root) = project(&brochure("tr, ar, fa", SIGNS), &[]);
    let (project, engine) = load(&root);
    let post = &project.brochures[0].social[0];
    let preset = Preset::parse("400x400").unwrap();
    for (lang, two_of_four) in [("tr", "2/4"), ("ar", "2/4"), ("fa", "۲/۴")] {
        let edition = common::edition(&project, &project.brochures[0], lang);
        for n in 0..4 {
            let (data, found) = kalem::layout::social::slide_data(&edition, &engine, post, &preset, n);
            assert!(found.iter().all(|d| !d.is_error()), "{}", messages(&found));
            let doc = typeset_post(&engine, &data).unwrap_or_else(|ds| panic!("{}", messages(&ds)));
            let page = &doc.pages()[0];
            let text: String = common::glyphs(page).into_iter().map(|g| g.2).collect();
            if n == 1 {
                assert!(text.contains(two_of_four), "{lang}: no {two_of_four} in {text}");
            }
            // No strip of the next slide peeks in at either edge: which
            // way a viewer swipes depends on their app, not on the post.
            let img = kalem::export::image::render(page, 1.0, false);
            let accent = |x: u32| {
                let [r, g, b] = img.get_pixel(x, 200).0;
                r > 150 && g < 120 && b < 60
            };
            let (left, right) = (accent(2), accent(397));
            assert_eq!((left, right), (false, false), "{lang} slide {}", n + 1);
        }
    }
}

#[test]
fn a_slide_range_beyond_its_list_is_refused_naming_the_language() {
    let social = SIGNS.replace("items: [4, 6]", "items: [5, 9]").replace("      - text: social.signs.intro\n", "      - items: [1, 2]\n");
    let (_dir, root) = project(&brochure("tr, fa", &social), &[]);
    let errors = load_project(&root, &Selection::default()).unwrap_err();
    let text = messages(&errors);
    assert!(text.contains("a slide shows items up to 9 of `signs.items`, which has 6 in language tr"), "{text}");
    assert!(text.contains("which has 6 in language fa"), "{text}");
    assert!(text.contains("`items` chooses items of a `list`"), "{text}");
}

#[test]
fn a_slide_too_long_for_its_image_names_the_slide_and_its_key() {
    let social = SIGNS.replace("      - text: social.signs.intro\n", "      - text: test.long\n");
    let long = format!("\ntest:\n  long: {}\n", "Pasaportu ya da kimliği başkasının elinde olan biri. ".repeat(60));
    let (_dir, root) = project(&brochure("tr", &social), &[("tr", &long), ("ar", "\ntest:\n  long: x\n"), ("fa", "\ntest:\n  long: x\n")]);
    let (project, engine) = load(&root);
    let reports = pipeline::social::build(&project, &engine, pipeline::Mode::Check, pipeline::Status::Release);
    let errors = errors(&reports);
    assert!(!errors.is_empty());
    for e in &errors {
        assert!(e.message.contains("slide 1 of post `signs`"), "{}", e.message);
        assert_eq!(e.key.as_deref(), Some("test.long"));
    }
}

/// A separator dot sticks to what follows it: no line of a post ends with
/// `·` (the Turkish hotline's call to action, `Ücretsiz · 7/24 · Arapça ve
/// Farsça da`, broke after its second dot on x-post). Read from the
/// laid-out lines of every preset and language.
#[test]
fn no_line_of_a_post_ends_with_a_separator_dot() {
    let (project, engine) = common::load_with_engine(&common::repo());
    let brochure = project.brochures.iter().find(|b| b.id == "human-trafficking").expect("the tri-fold");
    let mut ends = Vec::new();
    for post in &brochure.social {
        for lang in &brochure.languages {
            let edition = common::edition(&project, brochure, lang);
            for preset in &post.presets {
                let (data, _) = post_data(&edition, &engine, post, preset);
                let doc = typeset_post(&engine, &data).unwrap_or_else(|ds| panic!("{}", common::messages(&ds)));
                for line in common::frame_lines(&doc.pages()[0]) {
                    let glyphs: Vec<&String> = line.iter().filter(|g| !g.trim().is_empty()).collect();
                    // The end of a line in reading order: its right end in
                    // Turkish, its left end in Arabic and Farsi.
                    let end = if edition.dir() == Direction::Rtl { glyphs.first() } else { glyphs.last() };
                    if end.is_some_and(|g| g.as_str() == "·") {
                        ends.push(format!("{} {} {lang}: {}", post.id, preset.name, line.concat()));
                    }
                }
            }
        }
    }
    assert!(ends.is_empty(), "lines ending with a separator:\n{}", ends.join("\n"));
}
