//! Walks the content streams of a PDF page, following the graphics state,
//! to find which colour spaces are painted with, which colours text is set
//! in, and where images are placed at which size.

use std::collections::BTreeSet;

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object};
use serde::Serialize;

/// Forms nested deeper than this are not followed.
const MAX_DEPTH: usize = 12;
/// Largest decompressed content stream read, in bytes: decoded, each
/// operator takes some 80 bytes, so 4 MiB of two-byte operators (`h`)
/// take 160 MiB. A larger stream is left unchecked, and the report says so.
pub(super) const MAX_CONTENT: usize = 4 << 20;
/// Most content operators walked in a whole file, forms drawn many times
/// counted each time: a form that draws itself 30 times, 12 deep, would
/// otherwise take longer than the universe is old.
const MAX_OPERATIONS: usize = 2_000_000;
/// Most content bytes decoded in a whole file, forms counted each time.
const MAX_DECODED: usize = 512 << 20;

/// An image as placed on a page.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlacedImage {
    /// Page number, from 1.
    pub page: usize,
    /// Its resource name (`/Im0`) or `inline`.
    pub name: String,
    /// Pixel width and height.
    pub pixels: (u32, u32),
    /// Placed width and height in mm.
    pub size_mm: (f64, f64),
    /// The lower of its horizontal and vertical effective resolution.
    pub ppi: f64,
    /// Its colour space.
    pub color_space: String,
}

/// What painting on the pages uses.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Painting {
    /// Colour spaces painted with (fills, strokes, images, shadings).
    pub color_spaces: BTreeSet<String>,
    /// Colours text is filled with, e.g. `DeviceCMYK 0 0 0 1`.
    pub text_colors: BTreeSet<String>,
    /// Placed raster images.
    pub images: Vec<PlacedImage>,
    /// Whether the walk stopped early: the content was too large to check.
    pub incomplete: bool,
}

#[derive(Debug, Clone)]
struct State {
    ctm: [f64; 6],
    fill_space: String,
    fill: Vec<f64>,
}

/// Walks every page of `doc`.
pub fn walk(doc: &Document) -> Painting {
    let mut painting = Painting::default();
    let mut budget = Budget::for_file();
    for (number, page) in doc.get_pages() {
        let Ok(bytes) = doc.get_page_content_with_limit(page, MAX_CONTENT) else {
            budget.spend(usize::MAX, 0);
            continue;
        };
        let resources = inherited(doc, page, b"Resources").and_then(|r| deref_dict(doc, r)).cloned().unwrap_or_default();
        let state = State { ctm: [1.0, 0.0, 0.0, 1.0, 0.0, 0.0], fill_space: "DeviceGray".into(), fill: vec![0.0] };
        let mut walker = Walker { doc, page: number as usize, painting: &mut painting, budget: &mut budget };
        walker.content(&bytes, &resources, state, 0);
    }
    painting.incomplete = budget.exhausted();
    painting
}

/// A page attribute, looked up through the page tree's `/Parent`s.
pub fn inherited<'a>(doc: &'a Document, page: lopdf::ObjectId, key: &[u8]) -> Option<&'a Object> {
    let mut dict = doc.get_dictionary(page).ok()?;
    for _ in 0..MAX_DEPTH {
        if let Ok(value) = dict.get(key) {
            return Some(value);
        }
        dict = doc.get_dictionary(dict.get(b"Parent").ok()?.as_reference().ok()?).ok()?;
    }
    None
}

fn deref<'a>(doc: &'a Document, object: &'a Object) -> &'a Object {
    doc.dereference(object).map(|(_, o)| o).unwrap_or(object)
}

fn deref_dict<'a>(doc: &'a Document, object: &'a Object) -> Option<&'a Dictionary> {
    deref(doc, object).as_dict().ok()
}

/// A readable name of a colour space object.
pub fn describe_space(doc: &Document, space: &Object) -> String {
    describe_within(doc, space, MAX_DEPTH)
}

/// [`describe_space`], following at most `depth` base spaces: a hostile
/// file's indexed space may name itself as its base.
fn describe_within(doc: &Document, space: &Object, depth: usize) -> String {
    let space = deref(doc, space);
    if let Ok(name) = space.as_name() {
        return String::from_utf8_lossy(name).into_owned();
    }
    let Ok(array) = space.as_array() else { return "unknown".into() };
    let family = array.first().and_then(|o| o.as_name().ok()).map(|n| String::from_utf8_lossy(n).into_owned()).unwrap_or_default();
    match family.as_str() {
        "ICCBased" => {
            let n = array.get(1).map(|o| deref(doc, o)).and_then(|o| o.as_stream().ok()).and_then(|s| s.dict.get(b"N").ok()?.as_i64().ok());
            let kind = match n {
                Some(1) => "Gray",
                Some(3) => "RGB",
                Some(4) => "CMYK",
                _ => "?",
            };
            format!("ICCBased {kind}")
        }
        "Separation" => {
            let colorant = array.get(1).and_then(|o| o.as_name().ok()).map(|n| String::from_utf8_lossy(n).into_owned()).unwrap_or_default();
            format!("Separation {colorant}")
        }
        "Indexed" if depth > 0 => format!("Indexed {}", array.get(1).map(|b| describe_within(doc, b, depth - 1)).unwrap_or_default()),
        other => other.to_string(),
    }
}

/// What is left of the work one file may take: every reader of content
/// streams spends from one, so a form that draws itself many times is
/// bounded in total work, not only in depth.
pub(super) struct Budget {
    operations: usize,
    bytes: usize,
}

impl Budget {
    /// The work one file may take.
    pub(super) fn for_file() -> Budget {
        Budget { operations: MAX_OPERATIONS, bytes: MAX_DECODED }
    }

    /// Whether the budget ran out.
    pub(super) fn exhausted(&self) -> bool {
        self.operations == 0 || self.bytes == 0
    }

    /// Takes `operations` and `bytes` from the budget; false when it runs out.
    pub(super) fn spend(&mut self, operations: usize, bytes: usize) -> bool {
        let ok = operations <= self.operations && bytes <= self.bytes;
        self.operations = if ok { self.operations - operations } else { 0 };
        self.bytes = if ok { self.bytes - bytes } else { 0 };
        ok
    }
}

struct Walker<'a, 'p> {
    doc: &'a Document,
    page: usize,
    painting: &'p mut Painting,
    budget: &'p mut Budget,
}

impl Walker<'_, '_> {
    fn space_by_name(&self, resources: &Dictionary, name: &[u8]) -> String {
        if matches!(name, b"DeviceGray" | b"DeviceRGB" | b"DeviceCMYK" | b"Pattern") {
            return String::from_utf8_lossy(name).into_owned();
        }
        resources
            .get(b"ColorSpace")
            .ok()
            .and_then(|cs| deref_dict(self.doc, cs))
            .and_then(|cs| cs.get(name).ok())
            .map(|space| describe_space(self.doc, space))
            .unwrap_or_else(|| "unknown".into())
    }

    fn content(&mut self, bytes: &[u8], resources: &Dictionary, mut state: State, depth: usize) {
        if !self.budget.spend(0, bytes.len()) {
            return;
        }
        let Ok(content) = Content::decode(bytes) else { return };
        if !self.budget.spend(content.operations.len(), 0) {
            return;
        }
        let mut stack: Vec<State> = Vec::new();
        let nums = |ops: &[Object]| ops.iter().filter_map(|o| o.as_float().ok().map(f64::from)).collect::<Vec<f64>>();
        for op in &content.operations {
            let operands = &op.operands;
            match op.operator.as_str() {
                "q" => stack.push(state.clone()),
                "Q" => state = stack.pop().unwrap_or(state),
                "cm" => {
                    let m = nums(operands);
                    if m.len() == 6 {
                        state.ctm = multiply([m[0], m[1], m[2], m[3], m[4], m[5]], state.ctm);
                    }
                }
                "g" | "rg" | "k" | "G" | "RG" | "K" => {
                    let space = match op.operator.to_ascii_lowercase().as_str() {
                        "g" => "DeviceGray",
                        "rg" => "DeviceRGB",
                        _ => "DeviceCMYK",
                    };
                    self.painting.color_spaces.insert(space.into());
                    if op.operator.chars().all(|c| c.is_ascii_lowercase()) {
                        state.fill_space = space.into();
                        state.fill = nums(operands);
                    }
                }
                "cs" | "CS" => {
                    let name = operands.first().and_then(|o| o.as_name().ok()).unwrap_or_default();
                    let space = self.space_by_name(resources, name);
                    self.painting.color_spaces.insert(space.clone());
                    if op.operator == "cs" {
                        state.fill_space = space;
                        state.fill = Vec::new();
                    }
                }
                "sc" | "scn" => state.fill = nums(operands),
                "Tj" | "TJ" | "'" | "\"" => {
                    let values: Vec<String> = state.fill.iter().map(|v| format!("{}", (v * 1000.0).round() / 1000.0)).collect();
                    self.painting.text_colors.insert(format!("{} {}", state.fill_space, values.join(" ")).trim_end().to_string());
                }
                "sh" => {
                    self.painting.color_spaces.insert("Shading".into());
                }
                "BI" => {
                    if let Some(Object::Stream(image)) = operands.first() {
                        self.image("inline", &image.dict, state.ctm);
                    }
                }
                "Do" => {
                    let Some(name) = operands.first().and_then(|o| o.as_name().ok()) else { continue };
                    let xobject = resources.get(b"XObject").ok().and_then(|x| deref_dict(self.doc, x)).and_then(|x| x.get(name).ok());
                    let Some(Ok(stream)) = xobject.map(|x| deref(self.doc, x).as_stream()) else { continue };
                    let subtype = stream.dict.get(b"Subtype").and_then(Object::as_name).unwrap_or_default();
                    if subtype == b"Image" {
                        self.image(&format!("/{}", String::from_utf8_lossy(name)), &stream.dict, state.ctm);
                    } else if subtype == b"Form" && depth < MAX_DEPTH && self.budget.operations > 0 {
                        let Ok(bytes) = stream.get_plain_content_with_limit(MAX_CONTENT) else {
                            self.budget.spend(usize::MAX, 0);
                            continue;
                        };
                        let inner = stream.dict.get(b"Resources").ok().and_then(|r| deref_dict(self.doc, r)).unwrap_or(resources).clone();
                        let mut form_state = state.clone();
                        let m = stream.dict.get(b"Matrix").ok().and_then(|m| m.as_array().ok()).map(|a| nums(a)).unwrap_or_default();
                        if m.len() == 6 {
                            form_state.ctm = multiply([m[0], m[1], m[2], m[3], m[4], m[5]], state.ctm);
                        }
                        self.content(&bytes, &inner, form_state, depth + 1);
                    }
                }
                _ => {}
            }
        }
    }

    fn image(&mut self, name: &str, dict: &Dictionary, ctm: [f64; 6]) {
        let int = |keys: [&[u8]; 2]| keys.iter().find_map(|k| dict.get(k).ok()?.as_i64().ok()).unwrap_or(0).clamp(0, u32::MAX as i64) as u32;
        let pixels = (int([b"Width", b"W"]), int([b"Height", b"H"]));
        let is_mask = dict.get(b"ImageMask").or_else(|_| dict.get(b"IM")).and_then(Object::as_bool).unwrap_or(false);
        let color_space = if is_mask {
            "ImageMask".to_string()
        } else {
            dict.get(b"ColorSpace").or_else(|_| dict.get(b"CS")).map(|cs| describe_space(self.doc, cs)).unwrap_or_else(|_| "unknown".into())
        };
        self.painting.color_spaces.insert(color_space.clone());
        let width_pt = ctm[0].hypot(ctm[1]);
        let height_pt = ctm[2].hypot(ctm[3]);
        let ppi_of = |px: u32, pt: f64| if pt > 0.0 { f64::from(px) / (pt / 72.0) } else { f64::INFINITY };
        let ppi = ppi_of(pixels.0, width_pt).min(ppi_of(pixels.1, height_pt));
        let mm = |pt: f64| pt * 25.4 / 72.0;
        self.painting.images.push(PlacedImage { page: self.page, name: name.to_string(), pixels, size_mm: (mm(width_pt), mm(height_pt)), ppi, color_space });
    }
}

/// `a × b` for PDF matrices `[a b c d e f]`.
pub fn multiply(a: [f64; 6], b: [f64; 6]) -> [f64; 6] {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matrices_compose_scale_then_translate() {
        let scale = [2.0, 0.0, 0.0, 3.0, 0.0, 0.0];
        let shift = [1.0, 0.0, 0.0, 1.0, 10.0, 20.0];
        assert_eq!(multiply(scale, shift), [2.0, 0.0, 0.0, 3.0, 10.0, 20.0]);
        assert_eq!(multiply(shift, scale), [2.0, 0.0, 0.0, 3.0, 20.0, 60.0]);
    }

    #[test]
    fn the_budget_runs_out_and_stays_out() {
        let mut budget = Budget { operations: 10, bytes: 100 };
        assert!(budget.spend(4, 50));
        assert!(!budget.spend(7, 0));
        assert!(!budget.spend(1, 0));
        assert_eq!((budget.operations, budget.bytes), (0, 0));
    }
}
