//! Print inks, in kalem's finishing of typst's PDF: colours typst writes in
//! RGB or grey (SVG and raster assets) become the output condition's CMYK,
//! black staying black ink only; small black text and thin black rules
//! overprint the colours behind them, so a misregistered plate leaves no
//! white halo; paper white never overprints.

use lopdf::content::{Content, Operation};
use lopdf::{Dictionary, Document, Object, ObjectId, Stream, dictionary};

use super::content_walk::{describe_space, inherited, multiply};
use super::rgb_images;
use crate::model::Cmyk;
use crate::model::colour::Colours;

/// Text set in 100 % K below this size (pt) overprints.
pub const OVERPRINT_TEXT_PT: f64 = 12.0;
/// Lines in 100 % K thinner than this (pt) overprint.
pub const OVERPRINT_LINE_PT: f64 = 2.0;
/// The graphics states kalem adds: overprint on (`/OPM 1`) and off.
const OVERPRINT: &[u8] = b"KalemOverprint";
const KNOCKOUT: &[u8] = b"KalemKnockout";
/// Most form XObjects rewritten in one document.
const MAX_FORMS: usize = 10_000;

/// What [`prepare`] changed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct InkReport {
    /// Colours given in RGB or grey and set in CMYK, with what they became.
    pub converted: Vec<([f64; 3], Cmyk)>,
    /// Raster images converted to CMYK.
    pub images: usize,
    /// Painting operations set to overprint.
    pub overprints: usize,
}

/// Converts every RGB and grey colour and image of `doc` to the output
/// condition's CMYK (images within `max_ink` percent total ink) and sets
/// small black text and thin black lines to overprint. Fails, saying why,
/// on colour kalem cannot convert.
pub fn prepare(doc: &mut Document, colours: &Colours, max_ink: f64) -> Result<InkReport, String> {
    let mut report = InkReport::default();
    report.images = rgb_images::convert(doc, colours, max_ink)?;
    let pages: Vec<(u32, ObjectId)> = doc.get_pages().into_iter().collect();
    let mut forms: Vec<ObjectId> = Vec::new();
    for (number, page) in pages {
        let resources = resources_id(doc, page)?;
        let bytes = doc.get_page_content(page);
        let dict = resources_dict(doc, resources);
        forms.extend(form_ids(&dict));
        let rewritten = rewrite(doc, &bytes, &dict, colours, &mut report).map_err(|e| format!("page {number}: {e}"))?;
        let stream = doc.add_object(compressed(Dictionary::new(), rewritten));
        doc.get_dictionary_mut(page).map_err(|e| e.to_string())?.set("Contents", Object::Reference(stream));
        add_states(doc, resources)?;
    }
    let mut done: Vec<ObjectId> = Vec::new();
    while let Some(form) = forms.pop() {
        if done.contains(&form) || done.len() > MAX_FORMS {
            continue;
        }
        done.push(form);
        let Ok(stream) = doc.get_object(form).and_then(Object::as_stream) else { continue };
        if stream.dict.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Form") {
            continue;
        }
        let bytes = stream.decompressed_content().unwrap_or_else(|_| stream.content.clone());
        let own = stream.dict.get(b"Resources").ok().cloned();
        let dict = own.as_ref().map(|r| doc.dereference(r).ok().and_then(|(_, o)| o.as_dict().ok().cloned()).unwrap_or_default()).unwrap_or_default();
        forms.extend(form_ids_in(doc, &dict));
        let rewritten = rewrite(doc, &bytes, &dict, colours, &mut report).map_err(|e| format!("a form: {e}"))?;
        let mut dict_out = doc.get_object(form).and_then(Object::as_stream).map(|s| s.dict.clone()).map_err(|e| e.to_string())?;
        dict_out.remove(b"Filter");
        dict_out.remove(b"DecodeParms");
        match own {
            Some(Object::Reference(id)) => add_states(doc, Some(id))?,
            _ => {
                let states = dict.get(b"ExtGState").ok().and_then(|o| doc.dereference(o).ok()).and_then(|(_, o)| o.as_dict().ok().cloned()).unwrap_or_default();
                let mut inline = dict;
                inline.set("ExtGState", with_states(states));
                dict_out.set("Resources", inline);
            }
        }
        let replacement = compressed(dict_out, rewritten);
        *doc.get_object_mut(form).map_err(|e| e.to_string())? = Object::Stream(replacement);
    }
    Ok(report)
}

/// A Flate-compressed stream (kept raw if compression fails).
fn compressed(dict: Dictionary, content: Vec<u8>) -> Stream {
    let mut stream = Stream::new(dict, content);
    super::flate::compress(&mut stream);
    stream
}

/// The id of a page's resource dictionary, moved into its own object if
/// it was written inline so that kalem can add to it.
fn resources_id(doc: &mut Document, page: ObjectId) -> Result<Option<ObjectId>, String> {
    match inherited(doc, page, b"Resources").cloned() {
        Some(Object::Reference(id)) => Ok(Some(id)),
        Some(Object::Dictionary(d)) => {
            let id = doc.add_object(d);
            doc.get_dictionary_mut(page).map_err(|e| e.to_string())?.set("Resources", id);
            Ok(Some(id))
        }
        _ => Ok(None),
    }
}

fn resources_dict(doc: &Document, id: Option<ObjectId>) -> Dictionary {
    id.and_then(|id| doc.get_dictionary(id).ok().cloned()).unwrap_or_default()
}

fn form_ids(resources: &Dictionary) -> Vec<ObjectId> {
    let Ok(Object::Dictionary(xobjects)) = resources.get(b"XObject") else { return Vec::new() };
    xobjects.iter().filter_map(|(_, o)| o.as_reference().ok()).collect()
}

fn form_ids_in(doc: &Document, resources: &Dictionary) -> Vec<ObjectId> {
    let Some(xobjects) = resources.get(b"XObject").ok().and_then(|o| doc.dereference(o).ok()).and_then(|(_, o)| o.as_dict().ok()) else { return Vec::new() };
    xobjects.iter().filter_map(|(_, o)| o.as_reference().ok()).collect()
}

/// The overprint and knockout graphics states added to an `/ExtGState`.
fn with_states(mut states: Dictionary) -> Dictionary {
    states.set(OVERPRINT, dictionary! { "Type" => "ExtGState", "OP" => true, "op" => true, "OPM" => 1 });
    states.set(KNOCKOUT, dictionary! { "Type" => "ExtGState", "OP" => false, "op" => false, "OPM" => 1 });
    states
}

/// Adds kalem's graphics states to a resource dictionary object.
fn add_states(doc: &mut Document, resources: Option<ObjectId>) -> Result<(), String> {
    let Some(id) = resources else { return Ok(()) };
    let existing = doc.get_dictionary(id).map_err(|e| e.to_string())?.get(b"ExtGState").ok().cloned();
    match existing {
        Some(Object::Reference(states)) => {
            let merged = with_states(doc.get_dictionary(states).cloned().unwrap_or_default());
            *doc.get_object_mut(states).map_err(|e| e.to_string())? = Object::Dictionary(merged);
        }
        other => {
            let merged = with_states(other.and_then(|o| o.as_dict().ok().cloned()).unwrap_or_default());
            doc.get_dictionary_mut(id).map_err(|e| e.to_string())?.set("ExtGState", merged);
        }
    }
    Ok(())
}

/// How colour operands of a colour space are read.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Space {
    /// Converted to CMYK: RGB or grey.
    Rgb,
    Gray,
    /// CMYK, tracked.
    Cmyk,
    /// Anything else, left as it is (patterns, separations).
    Other,
}

#[derive(Debug, Clone)]
struct State {
    ctm: [f64; 6],
    fill: (Space, Option<[f64; 4]>),
    stroke: (Space, Option<[f64; 4]>),
    width: f64,
    font_size: f64,
    text_matrix: [f64; 6],
    overprint: bool,
}

/// The family of a named colour space of `resources`.
fn space_of(doc: &Document, resources: &Dictionary, name: &[u8]) -> Result<Space, String> {
    let described = match name {
        b"DeviceRGB" | b"DeviceGray" | b"DeviceCMYK" | b"Pattern" => String::from_utf8_lossy(name).into_owned(),
        _ => resources
            .get(b"ColorSpace")
            .ok()
            .and_then(|o| doc.dereference(o).ok())
            .and_then(|(_, o)| o.as_dict().ok())
            .and_then(|d| d.get(name).ok())
            .map(|s| describe_space(doc, s))
            .unwrap_or_else(|| "unknown".into()),
    };
    Ok(match described.as_str() {
        "DeviceRGB" | "ICCBased RGB" | "CalRGB" => Space::Rgb,
        "DeviceGray" | "ICCBased Gray" | "CalGray" => Space::Gray,
        "DeviceCMYK" | "ICCBased CMYK" => Space::Cmyk,
        "Lab" => return Err("a Lab colour, which kalem cannot set in CMYK; save the asset in sRGB or CMYK".into()),
        _ => Space::Other,
    })
}

fn nums(operands: &[Object]) -> Vec<f64> {
    operands.iter().filter_map(|o| o.as_float().ok().map(f64::from)).collect()
}

/// The scale a matrix applies to lengths (the square root of its
/// determinant).
fn scale(m: [f64; 6]) -> f64 {
    (m[0] * m[3] - m[1] * m[2]).abs().sqrt()
}

/// 100 % black ink and nothing else.
fn is_black(colour: Option<[f64; 4]>) -> bool {
    colour.is_some_and(|[c, m, y, k]| c == 0.0 && m == 0.0 && y == 0.0 && k >= 0.999)
}

/// The content stream `bytes` with colours converted and overprint set.
fn rewrite(doc: &Document, bytes: &[u8], resources: &Dictionary, colours: &Colours, report: &mut InkReport) -> Result<Vec<u8>, String> {
    let content = Content::decode(bytes).map_err(|e| format!("unreadable content: {e}"))?;
    let mut out: Vec<Operation> = Vec::with_capacity(content.operations.len() + 16);
    let identity = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];
    let mut state = State { ctm: identity, fill: (Space::Gray, None), stroke: (Space::Gray, None), width: 1.0, font_size: 0.0, text_matrix: identity, overprint: false };
    let mut stack: Vec<State> = Vec::new();
    let convert = |rgb: [f64; 3], report: &mut InkReport| {
        let cmyk = colours.cmyk(rgb);
        if !report.converted.iter().any(|(r, _)| *r == rgb) {
            report.converted.push((rgb, cmyk));
        }
        cmyk
    };
    let number = |v: f64| if v.fract() == 0.0 { Object::Integer(v as i64) } else { Object::Real(v as f32) };
    let set = |op: &str, c: Cmyk| Operation::new(op, c.0.iter().map(|v| number(v / 100.0)).collect());
    for op in content.operations {
        let operator = op.operator.as_str();
        let stroking = matches!(operator, "CS" | "SC" | "SCN" | "RG" | "G" | "K");
        match operator {
            "q" => stack.push(state.clone()),
            "Q" => state = stack.pop().unwrap_or_else(|| state.clone()),
            "cm" => {
                if let [a, b, c, d, e, f] = nums(&op.operands)[..] {
                    state.ctm = multiply([a, b, c, d, e, f], state.ctm);
                }
            }
            "w" => state.width = nums(&op.operands).first().copied().unwrap_or(1.0),
            "BT" => state.text_matrix = identity,
            "Tm" => {
                if let [a, b, c, d, e, f] = nums(&op.operands)[..] {
                    state.text_matrix = [a, b, c, d, e, f];
                }
            }
            "Tf" => state.font_size = nums(&op.operands).first().copied().unwrap_or(0.0),
            "cs" | "CS" => {
                let name = op.operands.first().and_then(|o| o.as_name().ok()).unwrap_or_default();
                let space = space_of(doc, resources, name)?;
                let slot = if stroking { &mut state.stroke } else { &mut state.fill };
                *slot = (space, (space == Space::Cmyk).then_some([0.0, 0.0, 0.0, 1.0]));
                if matches!(space, Space::Rgb | Space::Gray) {
                    // The initial colour of an RGB or grey space is black.
                    slot.1 = Some([0.0, 0.0, 0.0, 1.0]);
                    out.push(set(if stroking { "K" } else { "k" }, Cmyk::BLACK));
                    continue;
                }
            }
            "rg" | "RG" | "g" | "G" | "sc" | "SC" | "scn" | "SCN" | "k" | "K" => {
                let slot = if stroking { &mut state.stroke } else { &mut state.fill };
                let space = match operator {
                    "rg" | "RG" => Space::Rgb,
                    "g" | "G" => Space::Gray,
                    "k" | "K" => Space::Cmyk,
                    _ => slot.0,
                };
                let v = nums(&op.operands);
                let rgb = match (space, &v[..]) {
                    (Space::Rgb, [r, g, b]) => Some([*r, *g, *b]),
                    (Space::Gray, [g]) => Some([*g; 3]),
                    _ => None,
                };
                if let Some(rgb) = rgb {
                    let cmyk = convert(rgb, report);
                    *slot = (Space::Cmyk, Some(cmyk.0.map(|x| x / 100.0)));
                    out.push(set(if stroking { "K" } else { "k" }, cmyk));
                    continue;
                }
                *slot = match (space, &v[..]) {
                    (Space::Cmyk, [c, m, y, k]) => (Space::Cmyk, Some([*c, *m, *y, *k])),
                    (Space::Rgb | Space::Gray, _) => return Err(format!("a colour operator `{operator}` kalem cannot read")),
                    _ => (space, None),
                };
            }
            _ => {}
        }
        let wanted = match operator {
            "Tj" | "TJ" | "'" | "\"" => is_black(state.fill.1) && state.font_size * scale(multiply(state.text_matrix, state.ctm)) < OVERPRINT_TEXT_PT,
            "S" | "s" => is_black(state.stroke.1) && state.width * scale(state.ctm) < OVERPRINT_LINE_PT,
            "f" | "F" | "f*" | "B" | "B*" | "b" | "b*" | "sh" | "Do" | "BI" => false,
            _ => state.overprint,
        };
        if wanted != state.overprint {
            out.push(Operation::new("gs", vec![Object::Name(if wanted { OVERPRINT } else { KNOCKOUT }.to_vec())]));
            state.overprint = wanted;
        }
        if wanted && matches!(operator, "Tj" | "TJ" | "'" | "\"" | "S" | "s") {
            report.overprints += 1;
        }
        out.push(op);
    }
    Content { operations: out }.encode().map_err(|e| format!("cannot write content: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(content: &str) -> (String, InkReport) {
        let colours = crate::model::colour::sample();
        let mut report = InkReport::default();
        let resources = Dictionary::new();
        let out = rewrite(&Document::new(), content.as_bytes(), &resources, &colours, &mut report).unwrap();
        (String::from_utf8(out).unwrap(), report)
    }

    #[test]
    fn small_black_text_and_thin_black_rules_overprint_and_white_never_does() {
        let (out, report) = run("0 0 0 1 k BT /f0 9 Tf (a) Tj ET 0 0 0 0 k BT /f0 9 Tf (b) Tj ET 0 0 0 1 K 0.5 w 0 0 m 9 0 l S");
        assert_eq!(report.overprints, 2, "{out}");
        let white = out.find("0 0 0 0 k").unwrap();
        let knockout = out.find("/KalemKnockout gs").unwrap();
        assert!(out.find("/KalemOverprint gs").unwrap() < white && white < knockout && knockout < out.find("(b)").unwrap(), "{out}");
    }

    #[test]
    fn large_text_thick_lines_and_colours_knock_out() {
        let (out, report) = run("0 0 0 1 k BT /f0 14 Tf (a) Tj ET 1 0.65 0 0.3 k BT /f0 9 Tf (b) Tj ET 0 0 0 1 K 3 w 0 0 m 9 0 l S q 4 0 0 4 0 0 cm 0 0 0 1 k BT /f0 9 Tf (c) Tj ET Q");
        assert_eq!(report.overprints, 0, "{out}");
        assert!(!out.contains("KalemOverprint"), "{out}");
    }

    #[test]
    fn rgb_and_grey_become_cmyk_and_black_stays_k_only() {
        let (out, report) = run("0 0 0 rg 0 0 9 9 re f 1 g 0 0 9 9 re f 0 G 0 0 m 9 0 l S 0.96862745 0.5803922 0.11372549 rg 0 0 9 9 re f");
        assert!(!out.contains(" rg") && !out.contains(" g\n") && !out.contains(" G\n"), "{out}");
        assert!(out.contains("0 0 0 1 k") && out.contains("0 0 0 1 K") && out.contains("0 0 0 0 k"), "{out}");
        let orange = report.converted.iter().find(|(rgb, _)| rgb[0] > 0.9 && rgb[2] < 0.2).unwrap().1;
        assert!(orange.0[0] < 10.0 && orange.0[1] > 40.0 && orange.0[2] > 80.0, "{orange:?}");
    }
}
