//! One layout vocabulary: what used to differ between panels, documents and
//! social posts now behaves the same (each case here was a drift bug): an
//! image in a document gets its resolution checked, a document's footer
//! prepares the organisation's name, documents link what they print on
//! screens, and a fit report the checks cannot read fails the build.

mod common;

use kalem::export::inspect::inspect;
use kalem::layout::flow::flow_document;
use kalem::layout::world::Template;
use kalem::layout::{compile, fit};
use kalem::model::{Selection, load_project};
use kalem::pipeline;

#[test]
fn a_40_px_image_at_100_mm_in_a_document_fails_the_build() {
    let dir = common::sample_copy();
    image::RgbImage::from_pixel(40, 40, image::Rgb([200, 40, 40])).save(dir.path().join("assets/tiny.png")).unwrap();
    common::edit(dir.path(), "brochures/training-handout.yaml", "content:\n", "content:\n  - image: assets/tiny.png\n    height: 100\n");
    let out = common::kalem(dir.path(), &["build", "--brochure", "training-handout"]);
    let err = common::stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("image `assets/tiny.png` in the document has 10 ppi"), "{err}");
    assert!(err.contains("at least 150 ppi"), "{err}");
    assert!(!dir.path().join("output/training-handout/tr/training-handout-tr-print.pdf").exists());
}

#[test]
fn the_organisation_name_is_printed_in_the_language_of_each_output() {
    let project = load_project(&common::repo(), &Selection::default()).expect("sample loads");
    let engine = pipeline::engine(&project).expect("fonts load");
    let names = [("tr", "Sınır Belediyesi Sosyal Hizmetler Müdürlüğü"), ("ar", "مديرية الخدمات الاجتماعية في بلدية سِنير"), ("fa", "ادارهٔ خدمات اجتماعی شهرداری سینیر")];
    for (lang, name) in names {
        // As written: the words kalem tied at its end joined by a space.
        let joined = |runs: &[kalem::prepare::Run]| runs.iter().map(|r| r.text.replace('\u{A0}', " ")).collect::<String>();
        let handout = common::edition_of(&project, "training-handout", lang);
        let (data, found) = flow_document(&handout, engine.fonts(), false);
        assert_eq!(joined(&data.organisation), name, "{lang} handout footer");
        assert!(found.iter().all(|d| d.key.as_deref() != Some("organisation.name")), "{lang}: {found:#?}");
        let trifold = common::edition_of(&project, "human-trafficking", lang);
        let post = trifold.brochure.social.first().expect("a post");
        let preset = post.presets.first().expect("a preset");
        let (data, _) = kalem::layout::social::post_data(&trifold, &engine, post, preset);
        assert_eq!(joined(&data.brand), name, "{lang} post");
        assert!(trifold.untranslated_names().is_none(), "{lang}");
    }
}

#[test]
fn an_untranslated_organisation_name_is_a_warning_naming_file_key_and_language() {
    let dir = common::sample_copy();
    common::edit(dir.path(), "translations/fa.yaml", "organisation:\n  name: ادارهٔ خدمات اجتماعی شهرداری سینیر\n", "");
    let out = common::kalem(dir.path(), &["check", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", common::stderr(&out));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let warnings: Vec<&serde_json::Value> = report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["key"] == "organisation.name")
        .collect();
    assert!(!warnings.is_empty(), "{report:#}");
    for w in &warnings {
        assert_eq!(w["lang"], "fa", "{w:#}");
        assert_eq!(w["severity"], "warning", "{w:#}");
        assert!(w["file"].as_str().is_some_and(|f| f.ends_with("translations/fa.yaml")), "{w:#}");
    }
}

#[test]
fn document_screen_pdfs_link_the_numbers_they_print() {
    let project = load_project(&common::repo(), &Selection::default()).expect("sample loads");
    let engine = pipeline::engine(&project).expect("fonts load");
    let setup = pipeline::print_setup(&project).expect("profile");
    for lang in ["tr", "ar", "fa"] {
        let edition = common::edition_of(&project, "training-handout", lang);
        let (rendered, found) = pipeline::render_edition(&engine, &setup, &edition, pipeline::Status::Release);
        let rendered = rendered.unwrap_or_else(|| panic!("{found:#?}"));
        let links = inspect(&rendered.screen).expect("screen pdf reads").links;
        assert!(links.iter().any(|l| l == "tel:157"), "{lang}: {links:?}");
        assert!(inspect(&rendered.print).expect("print pdf reads").links.is_empty(), "{lang}: links in print");
    }
}

#[test]
fn a_fit_report_the_checks_cannot_read_fails_the_build() {
    let project = load_project(&common::repo(), &Selection::default()).expect("sample loads");
    let engine = pipeline::engine(&project).expect("fonts load");
    let edition = common::edition_of(&project, "human-trafficking", "tr");
    let (data, _) = kalem::layout::panels::panels(&edition, &engine);
    let json = serde_json::to_vec(&data).unwrap();
    let template = Template::Panels.source();
    for (broken, says) in [
        (template.replace("heights: range", "hights: range"), "cannot be read"),
        (template.replace(" <kalem-fit>", ""), "came 0 time(s) where 6 were expected"),
    ] {
        assert_ne!(broken, template, "the template changed: update this test");
        let doc = compile(&engine.world_of(&broken, json.clone()), "tr").expect("the broken template still compiles");
        let found = fit::check_overflow(&doc, &edition);
        assert_eq!(found.len(), 1, "{found:#?}");
        let d = &found[0];
        assert!(d.is_error() && d.message.contains("panel template's fit report") && d.message.contains(says), "{}", d.message);
        assert_eq!(d.lang.as_deref(), Some("tr"));
    }
}

/// The lines of every marked block of a document: (page, panel, block) →
/// each line's width in pt, top to bottom.
fn block_lines(doc: &typst_layout::PagedDocument) -> std::collections::BTreeMap<(usize, String, i64), Vec<f64>> {
    use kalem::layout::walk::{bounds, walk};
    use typst::foundations::Value;
    use typst::introspection::{MetadataElem, Tag};
    use typst::layout::{FrameItem, Transform};
    let mut lines: std::collections::BTreeMap<(usize, String, i64), Vec<(f64, f64, f64)>> = Default::default();
    for (page, p) in doc.pages().iter().enumerate() {
        let mut current: Option<(String, i64)> = None;
        walk(&p.frame, Transform::identity(), &mut |ts, item| match item {
            FrameItem::Tag(Tag::Start(content, _)) => {
                if let Some(Value::Dict(d)) = content.to_packed::<MetadataElem>().map(|m| m.value.clone()) {
                    if let (Ok(Value::Str(panel)), Ok(Value::Int(block))) = (d.get("panel"), d.get("block")) {
                        current = Some((panel.to_string(), *block));
                    }
                }
            }
            FrameItem::Text(text) => {
                let Some((panel, block)) = &current else { return };
                let b = text.bbox();
                let r = bounds(ts, b.min, b.max);
                let baseline = typst::layout::Point::zero().transform(ts).y.to_pt();
                let found = lines.entry((page, panel.clone(), *block)).or_default();
                match found.iter_mut().find(|(y, _, _)| (y - baseline).abs() < 2.0) {
                    Some(line) => *line = (line.0, line.1.min(r.x), line.2.max(r.x + r.w)),
                    None => found.push((baseline, r.x, r.x + r.w)),
                }
            }
            _ => {}
        });
    }
    lines
        .into_iter()
        .map(|(k, mut v)| {
            v.sort_by(|a, b| a.0.total_cmp(&b.0));
            (k, v.into_iter().map(|(_, x0, x1)| x1 - x0).collect())
        })
        .collect()
}

#[test]
fn no_heading_or_callout_of_the_samples_ends_with_a_lone_short_line() {
    let project = load_project(&common::repo(), &Selection::default()).expect("sample loads");
    let engine = pipeline::engine(&project).expect("fonts load");
    let mut runts = Vec::new();
    for edition in project.editions() {
        let set = pipeline::typeset_edition(&engine, &edition).unwrap_or_else(|ds| panic!("{ds:#?}"));
        for ((page, panel, block), widths) in block_lines(&set.doc) {
            let placed = edition.brochure.placed_blocks().filter(|(p, _)| *p == panel).nth(block as usize);
            let Some((_, b)) = placed else { continue };
            if !matches!(b.kind, kalem::model::BlockKind::Heading { .. } | kalem::model::BlockKind::Callout { .. }) {
                continue;
            }
            if let [.., before, last] = widths.as_slice() {
                if *last < before / 3.0 {
                    runts.push(format!("{} {} page {} {panel} block {block}: last line {last:.0} pt after {before:.0} pt", edition.brochure.id, edition.lang, page + 1));
                }
            }
        }
    }
    assert!(runts.is_empty(), "{}", runts.join("\n"));
}

#[test]
fn headings_use_the_theme_colour_wherever_it_reads() {
    use kalem::layout::contract::Ink;
    let project = load_project(&common::repo(), &Selection::default()).expect("sample loads");
    let engine = pipeline::engine(&project).expect("fonts load");
    let color = |name: &str| Ink::from(project.config.colors[name]);
    let (data, _) = kalem::layout::panels::panels(&common::edition_of(&project, "human-trafficking", "tr"), &engine);
    let panels: Vec<_> = data.pages.iter().flat_map(|p| &p.panels).collect();
    let brochure = &project.brochures.iter().find(|b| b.id == "human-trafficking").unwrap();
    for panel in panels {
        let background = brochure.panels.get(panel.name).and_then(|p| p.background);
        let want = if background == Some(project.config.colors["primary"]) { color("paper") } else { color("primary") };
        assert_eq!(panel.palette.heading, want, "panel {} on {background:?}", panel.name);
    }
}
