//! The Unicode maps of a PDF's embedded fonts checked against the fonts
//! themselves: each glyph a page shows is matched with the glyphs of the
//! bundled font in `fonts/` that draw the same outline, and its ToUnicode
//! text must be what one of those draws (its cmap characters, or the
//! characters its substitutions stand for).

use std::collections::{BTreeSet, HashMap};

use kalem::layout::glyph_text::GlyphTexts;
use lopdf::content::Content;
use lopdf::{Document, Object, ObjectId};
use ttf_parser::{Face, GlyphId, OutlineBuilder};
use unicode_normalization::UnicodeNormalization;

/// A glyph's shape and advance, to find it again in the full font.
type Shape = (u16, Vec<i32>);

#[derive(Default)]
struct Recorder(Vec<i32>);

impl OutlineBuilder for Recorder {
    fn move_to(&mut self, x: f32, y: f32) {
        self.0.extend([1, x as i32, y as i32]);
    }
    fn line_to(&mut self, x: f32, y: f32) {
        self.0.extend([2, x as i32, y as i32]);
    }
    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        self.0.extend([3, x1 as i32, y1 as i32, x as i32, y as i32]);
    }
    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        self.0.extend([4, x1 as i32, y1 as i32, x2 as i32, y2 as i32, x as i32, y as i32]);
    }
    fn close(&mut self) {
        self.0.push(5);
    }
}

fn shape(face: &Face, glyph: u16) -> Shape {
    let mut rec = Recorder::default();
    let _ = face.outline_glyph(GlyphId(glyph), &mut rec);
    (face.glyph_hor_advance(GlyphId(glyph)).unwrap_or(0), rec.0)
}

/// `<hex>` of a CMap as bytes.
fn hex(token: &str) -> Vec<u8> {
    let t = token.trim_matches(|c| c == '<' || c == '>');
    (0..t.len() / 2).filter_map(|i| u8::from_str_radix(&t[2 * i..2 * i + 2], 16).ok()).collect()
}

fn utf16(bytes: &[u8]) -> String {
    let units: Vec<u16> = bytes.chunks(2).map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)])).collect();
    String::from_utf16_lossy(&units)
}

/// The `bfchar` and `bfrange` entries of a ToUnicode CMap.
fn to_unicode(cmap: &str) -> HashMap<u16, String> {
    let mut out = HashMap::new();
    let mut section = "";
    for line in cmap.lines() {
        let tokens: Vec<&str> = line.split_whitespace().collect();
        match tokens.last().copied() {
            Some(t) if t.ends_with("bfchar") || t.ends_with("bfrange") => {
                section = if t.starts_with("begin") { t } else { "" };
                continue;
            }
            _ => {}
        }
        let code = |t: &str| hex(t).iter().fold(0u16, |a, b| a << 8 | u16::from(*b));
        match (section, tokens.as_slice()) {
            ("beginbfchar", [cid, text]) => {
                out.insert(code(cid), utf16(&hex(text)));
            }
            ("beginbfrange", [lo, hi, text]) if text.starts_with('<') => {
                let base = hex(text);
                for (k, cid) in (code(lo)..=code(hi)).enumerate() {
                    let mut t = base.clone();
                    if let Some(last) = t.last_mut() {
                        *last = last.wrapping_add(k as u8);
                    }
                    out.insert(cid, utf16(&t));
                }
            }
            _ => {}
        }
    }
    out
}

/// One embedded font: its name, its map, its program and what is shown.
struct Embedded {
    name: String,
    map: HashMap<u16, String>,
    program: Vec<u8>,
    shown: BTreeSet<u16>,
    /// The codes of each text-showing operator, in the order shown.
    runs: Vec<Vec<u16>>,
}

fn stream_bytes(doc: &Document, object: &Object) -> Option<Vec<u8>> {
    let stream = doc.get_object(object.as_reference().ok()?).ok()?.as_stream().ok()?;
    stream.decompressed_content().ok().or_else(|| Some(stream.content.clone()))
}

fn embedded(doc: &Document, id: ObjectId) -> Option<Embedded> {
    let font = doc.get_dictionary(id).ok()?;
    if font.get(b"Subtype").ok()?.as_name().ok()? != b"Type0" {
        return None;
    }
    let name = String::from_utf8_lossy(font.get(b"BaseFont").ok()?.as_name().ok()?).into_owned();
    let map = to_unicode(&String::from_utf8_lossy(&stream_bytes(doc, font.get(b"ToUnicode").ok()?)?));
    let descendant = doc.dereference(font.get(b"DescendantFonts").ok()?).ok()?.1.as_array().ok()?.first()?.clone();
    let descendant = doc.get_dictionary(descendant.as_reference().ok()?).ok()?;
    let descriptor = doc.get_dictionary(descendant.get(b"FontDescriptor").ok()?.as_reference().ok()?).ok()?;
    let program = stream_bytes(doc, descriptor.get(b"FontFile2").ok()?)?;
    Some(Embedded { name, map, program, shown: BTreeSet::new(), runs: Vec::new() })
}

/// Records the codes each font shows in a content stream and the forms it
/// draws.
fn walk(doc: &Document, resources: &lopdf::Dictionary, content: &[u8], fonts: &mut HashMap<ObjectId, Embedded>) {
    let deref = |o: &Object| doc.dereference(o).ok().and_then(|(_, o)| o.as_dict().ok().cloned());
    // The named objects of one kind of resource (fonts, forms).
    let named = |kind: &[u8]| -> HashMap<Vec<u8>, ObjectId> {
        let dict = resources.get(kind).ok().and_then(deref);
        dict.map(|d| d.iter().filter_map(|(k, v)| Some((k.clone(), v.as_reference().ok()?))).collect()).unwrap_or_default()
    };
    let (font_ids, forms) = (named(b"Font"), named(b"XObject"));
    let Ok(content) = Content::decode(content) else { return };
    let mut current: Option<ObjectId> = None;
    for op in &content.operations {
        match op.operator.as_str() {
            "Tf" => current = op.operands.first().and_then(|n| n.as_name().ok()).and_then(|n| font_ids.get(n)).copied(),
            "Tj" | "TJ" => {
                let Some(font) = current.and_then(|id| fonts.get_mut(&id)) else { continue };
                let items: Vec<&Object> = match op.operands.first() {
                    Some(Object::Array(items)) => items.iter().collect(),
                    Some(other) => vec![other],
                    None => continue,
                };
                let mut run = Vec::new();
                for bytes in items.into_iter().filter_map(|i| i.as_str().ok()) {
                    run.extend(bytes.chunks(2).map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)])));
                }
                font.shown.extend(run.iter().copied());
                font.runs.push(run);
            }
            "Do" => {
                let Some(id) = op.operands.first().and_then(|n| n.as_name().ok()).and_then(|n| forms.get(n)) else { continue };
                let Ok(form) = doc.get_object(*id).and_then(Object::as_stream) else { continue };
                let inner = form.dict.get(b"Resources").ok().and_then(deref).unwrap_or_else(|| resources.clone());
                let bytes = form.decompressed_content().unwrap_or_else(|_| form.content.clone());
                walk(doc, &inner, &bytes, fonts);
            }
            _ => {}
        }
    }
}

/// `text` with each paired bracket or quote mark turned around.
fn mirrored(text: &str) -> String {
    const PAIRS: [(char, char); 6] = [('(', ')'), ('[', ']'), ('{', '}'), ('«', '»'), ('‹', '›'), ('<', '>')];
    text.chars()
        .map(|c| PAIRS.iter().find_map(|&(a, b)| if c == a { Some(b) } else if c == b { Some(a) } else { None }).unwrap_or(c))
        .collect()
}

/// Every glyph a page of `pdf` shows in a font from `fonts_dir` whose
/// ToUnicode text is missing or is not what the glyph draws, as
/// `font cid: text (could be: …)`. A ligature may keep its first letter
/// and hand the rest to a glyph that draws nothing shown just before it,
/// each time it is shown (kalem does so for lam-alef, which readers would
/// otherwise turn around): the two then read as the ligature.
pub fn wrong_maps(pdf: &[u8], fonts_dir: &std::path::Path) -> Vec<String> {
    let doc = Document::load_mem(pdf).expect("the PDF loads");
    let mut fonts: HashMap<ObjectId, Embedded> =
        doc.objects.keys().filter_map(|id| embedded(&doc, *id).map(|e| (*id, e))).collect();
    for page in doc.get_pages().values() {
        let resources = doc.get_page_resources(*page).ok().and_then(|(own, _)| own.cloned()).unwrap_or_default();
        let resources = match doc.get_dictionary(*page).ok().and_then(|p| p.get(b"Resources").ok()) {
            Some(Object::Reference(r)) => doc.get_dictionary(*r).cloned().unwrap_or(resources),
            _ => resources,
        };
        walk(&doc, &resources, &doc.get_page_content(*page), &mut fonts);
    }
    let mut wrong = Vec::new();
    for font in fonts.values() {
        let stem = font.name.split('+').next_back().unwrap_or(&font.name);
        let Ok(original) = std::fs::read(fonts_dir.join(format!("{stem}.ttf"))) else { continue };
        let (Ok(full), Ok(subset)) = (Face::parse(&original, 0), Face::parse(&font.program, 0)) else {
            wrong.push(format!("{}: font program does not parse", font.name));
            continue;
        };
        let texts = GlyphTexts::of(&full);
        let mut by_shape: HashMap<Shape, Vec<u16>> = HashMap::new();
        for g in 0..full.number_of_glyphs() {
            by_shape.entry(shape(&full, g)).or_default().push(g);
        }
        let readings_of = |cid: u16| -> Vec<String> {
            let candidates = by_shape.get(&shape(&subset, cid)).cloned().unwrap_or_default();
            candidates.iter().flat_map(|g| texts.readings(*g)).cloned().collect()
        };
        // In right-to-left text the shaper draws `(` with the glyph of `)`:
        // that glyph then stands for `(`.
        let reads = |cid: u16, text: &str| readings_of(cid).iter().any(|r| *r == text.nfd().collect::<String>() || *r == mirrored(text));
        let blank = |cid: u16| shape(&subset, cid) == (0, Vec::new());
        let text_of = |cid: u16| font.map.get(&cid).cloned().unwrap_or_default();
        // Every place `cid` is shown, with the codes shown just before and
        // just after it.
        let places = |cid: u16| -> Vec<(Option<u16>, Option<u16>)> {
            let mut out = Vec::new();
            for run in &font.runs {
                for (i, c) in run.iter().enumerate() {
                    if *c == cid {
                        out.push((i.checked_sub(1).map(|j| run[j]), run.get(i + 1).copied()));
                    }
                }
            }
            out
        };
        let carried_pair = |carrier: u16, ligature: u16| blank(carrier) && reads(ligature, &(text_of(ligature) + &text_of(carrier)));
        for cid in &font.shown {
            let readings = readings_of(*cid);
            let split_ligature = || {
                let places = places(*cid);
                let as_carrier = places.iter().all(|(_, next)| next.is_some_and(|n| carried_pair(*cid, n)));
                let as_ligature = places.iter().all(|(before, _)| before.is_some_and(|b| carried_pair(b, *cid)));
                !places.is_empty() && (as_carrier || as_ligature)
            };
            match font.map.get(cid) {
                None => wrong.push(format!("{} {cid}: unmapped (draws {readings:?})", font.name)),
                Some(text) if !reads(*cid, text) && !split_ligature() => {
                    wrong.push(format!("{} {cid}: {text:?} (draws {readings:?})", font.name))
                }
                Some(_) => {}
            }
        }
    }
    wrong.sort();
    wrong
}
