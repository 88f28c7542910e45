//! The ink and line checks of a print shop's preflight, on what a PDF
//! actually paints: total area coverage of every CMYK colour and every CMYK
//! image, hairlines, and small text set in more than one ink. Each finding
//! says on which page.

use std::collections::BTreeMap;

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object};
use serde::Serialize;

use super::content_walk::{Budget, MAX_CONTENT, describe_space, inherited, multiply};
use crate::diag::{Diagnostic, Diagnostics};

/// Lines thinner than this (pt) get a warning: they may break up in print.
pub const HAIRLINE_PT: f64 = 0.25;
/// Lines thinner than this (pt) are an error: they vanish in print.
pub const MIN_LINE_PT: f64 = 0.125;
/// Text below this size (pt) must be one ink, or misregistration blurs it.
pub const SMALL_TEXT_PT: f64 = 6.0;
/// Forms nested deeper than this are not followed.
const MAX_DEPTH: usize = 12;
/// Largest decompressed image read, in bytes.
const MAX_IMAGE: usize = 64 << 20;

/// What the ink checks found, page by page (pages from 1).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Inks {
    /// The highest total coverage (percent) of each CMYK colour painted,
    /// by colour (`c m y k` in percent) with its first page.
    pub colours: BTreeMap<String, (f64, usize)>,
    /// CMYK images: page, name and highest total coverage of a pixel.
    pub images: Vec<(usize, String, f64)>,
    /// The thinnest line on each page that has one under [`HAIRLINE_PT`].
    pub hairlines: BTreeMap<usize, f64>,
    /// Text under [`SMALL_TEXT_PT`] in more than one ink: page, size, colour.
    pub small_text: Vec<(usize, f64, String)>,
    /// The coverage of each image object already read: an image drawn
    /// 2,000 times is decoded once.
    #[serde(skip)]
    seen: BTreeMap<lopdf::ObjectId, Option<f64>>,
}

/// Walks every page of `doc`.
pub fn inks(doc: &Document) -> Inks {
    let mut found = Inks::default();
    let mut budget = Budget::for_file();
    for (number, page) in doc.get_pages() {
        let Ok(bytes) = doc.get_page_content_with_limit(page, MAX_CONTENT) else { continue };
        let resources = inherited(doc, page, b"Resources").and_then(|r| doc.dereference(r).ok()).and_then(|(_, o)| o.as_dict().ok()).cloned().unwrap_or_default();
        walk(doc, (number as usize, &mut budget), &bytes, &resources, [1.0, 0.0, 0.0, 1.0, 0.0, 0.0], 0, &mut found);
    }
    found
}

fn nums(operands: &[Object]) -> Vec<f64> {
    operands.iter().filter_map(|o| o.as_float().ok().map(f64::from)).collect()
}

fn scale(m: [f64; 6]) -> f64 {
    (m[0] * m[3] - m[1] * m[2]).abs().sqrt()
}

/// A CMYK colour (0 to 1) as the checks name it: percentages.
fn name(cmyk: [f64; 4]) -> String {
    cmyk.iter().map(|v| format!("{}", (v * 1000.0).round() / 10.0)).collect::<Vec<_>>().join(" ")
}

#[derive(Clone)]
struct State {
    ctm: [f64; 6],
    fill: Option<[f64; 4]>,
    stroke: Option<[f64; 4]>,
    width: f64,
    size: f64,
    text: [f64; 6],
}

fn walk(doc: &Document, (page, budget): (usize, &mut Budget), bytes: &[u8], resources: &Dictionary, ctm: [f64; 6], depth: usize, found: &mut Inks) {
    if !budget.spend(0, bytes.len()) {
        return;
    }
    let Ok(content) = Content::decode(bytes) else { return };
    if !budget.spend(content.operations.len(), 0) {
        return;
    }
    let identity = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];
    let mut state = State { ctm, fill: None, stroke: None, width: 1.0, size: 0.0, text: identity };
    let mut stack = Vec::new();
    // Registration colour (all four inks) on a stroke is a crop mark's.
    let used = |colour: Option<[f64; 4]>, stroke: bool, found: &mut Inks| {
        if let Some(c) = colour.filter(|c| !(stroke && c.iter().all(|v| *v >= 0.999))) {
            let total: f64 = c.iter().sum::<f64>() * 100.0;
            found.colours.entry(name(c)).or_insert((total, page));
        }
    };
    for op in &content.operations {
        let v = nums(&op.operands);
        match op.operator.as_str() {
            "q" => stack.push(state.clone()),
            "Q" => state = stack.pop().unwrap_or_else(|| state.clone()),
            "cm" => {
                if let [a, b, c, d, e, f] = v[..] {
                    state.ctm = multiply([a, b, c, d, e, f], state.ctm);
                }
            }
            "w" => state.width = v.first().copied().unwrap_or(1.0),
            "BT" => state.text = identity,
            "Tm" => {
                if let [a, b, c, d, e, f] = v[..] {
                    state.text = [a, b, c, d, e, f];
                }
            }
            "Tf" => state.size = v.first().copied().unwrap_or(0.0),
            "k" => state.fill = <[f64; 4]>::try_from(v).ok(),
            "K" => state.stroke = <[f64; 4]>::try_from(v).ok(),
            "sc" | "scn" => state.fill = <[f64; 4]>::try_from(v).ok(),
            "SC" | "SCN" => state.stroke = <[f64; 4]>::try_from(v).ok(),
            "g" | "rg" | "cs" => state.fill = None,
            "G" | "RG" | "CS" => state.stroke = None,
            "f" | "F" | "f*" => used(state.fill, false, found),
            "S" | "s" | "B" | "B*" | "b" | "b*" => {
                used(state.stroke, true, found);
                if op.operator != "S" && op.operator != "s" {
                    used(state.fill, false, found);
                }
                let width = state.width * scale(state.ctm);
                if width < HAIRLINE_PT {
                    let thinnest = found.hairlines.entry(page).or_insert(width);
                    *thinnest = thinnest.min(width);
                }
            }
            "Tj" | "TJ" | "'" | "\"" => {
                used(state.fill, false, found);
                let size = state.size * scale(multiply(state.text, state.ctm));
                if let Some(c) = state.fill.filter(|c| c.iter().filter(|v| **v > 0.0).count() > 1 && size < SMALL_TEXT_PT) {
                    found.small_text.push((page, (size * 10.0).round() / 10.0, name(c)));
                }
            }
            "Do" => {
                let Some(key) = op.operands.first().and_then(|o| o.as_name().ok()) else { continue };
                let xobject = resources.get(b"XObject").ok().and_then(|x| doc.dereference(x).ok()).and_then(|(_, x)| x.as_dict().ok()).and_then(|x| x.get(key).ok());
                let Some(stream) = xobject.and_then(|x| doc.dereference(x).ok()).and_then(|(_, x)| x.as_stream().ok()) else { continue };
                match stream.dict.get(b"Subtype").and_then(Object::as_name).unwrap_or_default() {
                    b"Image" => {
                        let id = xobject.and_then(|x| x.as_reference().ok());
                        let coverage = match id.and_then(|id| found.seen.get(&id)) {
                            Some(known) => *known,
                            None if budget.spend(1, stream.content.len()) => image_coverage(doc, stream),
                            None => None,
                        };
                        if let Some(id) = id {
                            found.seen.insert(id, coverage);
                        }
                        if let Some(total) = coverage {
                            found.images.push((page, format!("/{}", String::from_utf8_lossy(key)), total));
                        }
                    }
                    b"Form" if depth < MAX_DEPTH && !budget.exhausted() => {
                        let Ok(inner) = stream.get_plain_content_with_limit(MAX_CONTENT) else { continue };
                        let own = stream.dict.get(b"Resources").ok().and_then(|r| doc.dereference(r).ok()).and_then(|(_, o)| o.as_dict().ok());
                        let m = stream.dict.get(b"Matrix").ok().and_then(|m| m.as_array().ok()).map(|a| nums(a)).unwrap_or_default();
                        let ctm = if let [a, b, c, d, e, f] = m[..] { multiply([a, b, c, d, e, f], state.ctm) } else { state.ctm };
                        walk(doc, (page, &mut *budget), &inner, own.unwrap_or(resources), ctm, depth + 1, found);
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }
}

/// The highest total coverage (percent) of a pixel of an 8-bit CMYK image.
fn image_coverage(doc: &Document, stream: &lopdf::Stream) -> Option<f64> {
    let space = stream.dict.get(b"ColorSpace").map(|s| describe_space(doc, s)).ok()?;
    if !matches!(space.as_str(), "DeviceCMYK" | "ICCBased CMYK") || stream.dict.get(b"BitsPerComponent").ok()?.as_i64().ok()? != 8 {
        return None;
    }
    let pixels = stream.get_plain_content_with_limit(MAX_IMAGE).ok()?;
    pixels.chunks_exact(4).map(|p| p.iter().map(|&v| u32::from(v)).sum::<u32>()).max().map(|most| f64::from(most) / 255.0 * 100.0)
}

impl Inks {
    /// What is above the ink limit `max_ink` (percent), too thin or too
    /// many inks for its size, with the page and what to do.
    pub fn problems(&self, max_ink: f64) -> Diagnostics {
        let mut found = Vec::new();
        for (colour, (total, page)) in self.colours.iter().filter(|(_, (t, _))| *t > max_ink + 0.5) {
            found.push(
                Diagnostic::error(format!("colour [{colour}] on page {page} has {total:.0} % total ink, above the {max_ink:.0} % limit of the printing condition"))
                    .hint(format!("lower cyan, magenta or yellow until the four add up to at most {max_ink:.0} %; a rich black such as [60, 40, 40, 100] has 240 %")),
            );
        }
        for (page, image, total) in self.images.iter().filter(|(_, _, t)| *t > max_ink + 0.5) {
            found.push(
                Diagnostic::error(format!("image {image} on page {page} has up to {total:.0} % total ink, above the {max_ink:.0} % limit"))
                    .hint("convert the image with the print shop's CMYK profile (which limits total ink), or supply it in RGB and let kalem convert it"),
            );
        }
        for (page, width) in &self.hairlines {
            let message = format!("a line on page {page} is {width:.3} pt wide");
            found.push(if *width < MIN_LINE_PT {
                Diagnostic::error(format!("{message}, under {MIN_LINE_PT} pt: it disappears in print")).hint(format!("draw lines at least {HAIRLINE_PT} pt wide (0.09 mm)"))
            } else {
                Diagnostic::warning(format!("{message}, under {HAIRLINE_PT} pt: it may break up in print")).hint(format!("draw lines at least {HAIRLINE_PT} pt wide (0.09 mm)"))
            });
        }
        for (page, size, colour) in &self.small_text {
            found.push(
                Diagnostic::warning(format!("{size} pt text on page {page} is set in more than one ink ([{colour}]): misregistered plates blur it"))
                    .hint(format!("set text under {SMALL_TEXT_PT} pt in one ink, e.g. 100 % K or a brand colour's strongest ink")),
            );
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::{Stream, dictionary};

    fn one_page(content: &str) -> Document {
        let mut doc = Document::with_version("1.6");
        let contents = doc.add_object(Stream::new(Dictionary::new(), content.as_bytes().to_vec()));
        let pages = doc.new_object_id();
        let page = doc.add_object(dictionary! { "Type" => "Page", "Parent" => pages, "Contents" => contents, "MediaBox" => vec![0.into(), 0.into(), 100.into(), 100.into()] });
        doc.objects.insert(pages, Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1 }));
        let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages });
        doc.trailer.set("Root", catalog);
        doc
    }

    #[test]
    fn four_hundred_percent_black_fails_naming_colour_coverage_and_page() {
        let problems = inks(&one_page("1 1 1 1 k 0 0 9 9 re f 0 0 0 1 k 0 0 9 9 re f")).problems(300.0);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].is_error());
        assert!(problems[0].message.contains("[100 100 100 100] on page 1 has 400 %"), "{}", problems[0].message);
        assert!(problems[0].hint.as_deref().is_some_and(|h| h.contains("at most 300 %")));
    }

    #[test]
    fn lines_under_a_quarter_point_warn_and_under_an_eighth_fail() {
        let found = inks(&one_page("0 0 0 1 K 0.2 w 0 0 m 9 0 l S q 0.5 0 0 0.5 0 0 cm 0.2 w 0 0 m 9 0 l S Q 1 w 0 0 m 9 0 l S"));
        assert!(found.hairlines.get(&1).is_some_and(|w| (w - 0.1).abs() < 1e-6), "{found:?}");
        let problems = found.problems(300.0);
        assert!(problems[0].is_error() && problems[0].message.contains("0.100 pt"), "{problems:?}");
        let thin = inks(&one_page("0.2 w 0 0 m 9 0 l S")).problems(300.0);
        assert!(!thin[0].is_error(), "{thin:?}");
    }

    #[test]
    fn small_text_in_four_inks_is_found_and_in_one_ink_is_not() {
        let found = inks(&one_page("0.6 0.4 0.4 1 k BT /f0 5 Tf (a) Tj ET 0 0 0 1 k BT /f0 5 Tf (b) Tj ET 0.6 0.4 0.4 1 k BT /f0 9 Tf (c) Tj ET"));
        assert_eq!(found.small_text, vec![(1, 5.0, "60 40 40 100".to_string())]);
    }
}
