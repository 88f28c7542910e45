//! Reading text back from a PDF the way `pdftotext` does, without system
//! tools: glyphs with their positions from the content stream (ToUnicode
//! maps, `/ActualText` spans), lines by height, and logical order rebuilt
//! from visual order: words with Arabic letters read right to left, runs of
//! left-to-right words keep their order.

use kalem::export::content_walk::multiply;
use lopdf::content::Content;
use lopdf::{Document, Encoding, Object};
use unicode_bidi::{BidiClass, bidi_class};

/// A piece of text shown at one place: one glyph, or an `/ActualText` span.
#[derive(Debug, Clone)]
pub struct Shown {
    /// Horizontal position, PDF points from the left.
    pub x: f64,
    /// Vertical position, PDF points from the bottom.
    pub y: f64,
    /// The text, in the order the PDF gives it.
    pub text: String,
}

/// An `/ActualText` span being read: its text and where its first glyph is.
type Span = (String, Option<(f64, f64)>);

/// An affine transform `[a b c d e f]`.
type Matrix = [f64; 6];


fn number(o: &Object) -> f64 {
    match o {
        Object::Integer(i) => *i as f64,
        Object::Real(r) => f64::from(*r),
        _ => 0.0,
    }
}

fn matrix(operands: &[Object]) -> Matrix {
    let v: Vec<f64> = operands.iter().map(number).collect();
    [v[0], v[1], v[2], v[3], v[4], v[5]]
}

/// A font of the page: how to read its codes and how wide its glyphs are.
struct PdfFont<'a> {
    name: Vec<u8>,
    encoding: Encoding<'a>,
    /// Bytes per code: 2 for the CID fonts typst writes.
    width: usize,
    /// Glyph widths by code, in thousandths of the font size.
    widths: std::collections::HashMap<u32, f64>,
    default_width: f64,
}

impl<'a> PdfFont<'a> {
    fn new(doc: &'a Document, name: &[u8], font: &'a lopdf::Dictionary) -> PdfFont<'a> {
        let cid = font.get(b"Subtype").ok().and_then(|s| s.as_name().ok()) == Some(b"Type0".as_slice());
        let mut widths = std::collections::HashMap::new();
        let mut default_width = 1000.0;
        let deref = |o: &'a Object| doc.dereference(o).map(|(_, o)| o).expect("reference resolves");
        if cid {
            let descendant = deref(font.get(b"DescendantFonts").expect("descendant")).as_array().expect("array")[0].clone();
            let descendant = doc.get_dictionary(descendant.as_reference().expect("reference")).expect("dictionary");
            if let Ok(dw) = descendant.get(b"DW") {
                default_width = number(dw);
            }
            if let Ok(w) = descendant.get(b"W") {
                let w = deref(w).as_array().expect("W array");
                let mut i = 0;
                while i < w.len() {
                    let first = number(&w[i]) as u32;
                    match deref(&w[i + 1]) {
                        Object::Array(list) => {
                            for (k, v) in list.iter().enumerate() {
                                widths.insert(first + k as u32, number(v));
                            }
                            i += 2;
                        }
                        last => {
                            for code in first..=number(last) as u32 {
                                widths.insert(code, number(&w[i + 2]));
                            }
                            i += 3;
                        }
                    }
                }
            }
        }
        let encoding = font.get_font_encoding(doc).expect("font encoding");
        PdfFont { name: name.to_vec(), encoding, width: if cid { 2 } else { 1 }, widths, default_width }
    }
}

/// Everything shown on page `number` (from 1), in content order, each
/// glyph at its own place.
pub fn shown(pdf: &[u8], page: u32) -> Vec<Shown> {
    let doc = Document::load_mem(pdf).expect("the PDF loads");
    let page_id = doc.get_pages()[&page];
    let fonts: Vec<PdfFont> = doc.get_page_fonts(page_id).expect("page fonts").into_iter().map(|(name, font)| PdfFont::new(&doc, &name, font)).collect();
    let content = Content::decode(&doc.get_page_content(page_id)).expect("content decodes");

    let mut out = Vec::new();
    let mut ctm: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];
    let mut saved = Vec::new();
    let mut tm: Matrix = ctm;
    let (mut font, mut size) = (0, 0.0);
    // Marked-content stack: the ActualText of a span and where it starts.
    let mut marked: Vec<Option<Span>> = Vec::new();
    for op in &content.operations {
        let o = &op.operands;
        match op.operator.as_str() {
            "q" => saved.push(ctm),
            "Q" => ctm = saved.pop().unwrap_or(ctm),
            "cm" => ctm = multiply(matrix(o), ctm),
            "BT" => tm = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0],
            "Tm" => tm = matrix(o),
            "Td" | "TD" => tm = multiply([1.0, 0.0, 0.0, 1.0, number(&o[0]), number(&o[1])], tm),
            "Tf" => {
                let name = o[0].as_name().expect("font name");
                font = fonts.iter().position(|f| f.name == name).expect("font in resources");
                size = number(&o[1]);
            }
            "BDC" | "BMC" => {
                let actual = o.get(1).and_then(|p| p.as_dict().ok()).and_then(|d| d.get(b"ActualText").ok());
                marked.push(actual.map(|t| (lopdf::decode_text_string(t).expect("ActualText is text"), None)));
            }
            "EMC" => {
                if let Some(Some((text, Some((x, y))))) = marked.pop() {
                    out.push(Shown { x, y, text });
                }
            }
            "Tj" | "TJ" => {
                let items: Vec<&Object> = match &o[0] {
                    Object::Array(items) => items.iter().collect(),
                    other => vec![other],
                };
                let f = &fonts[font];
                for item in items {
                    let Ok(bytes) = item.as_str() else {
                        tm = multiply([1.0, 0.0, 0.0, 1.0, -number(item) / 1000.0 * size, 0.0], tm);
                        continue;
                    };
                    for code in bytes.chunks(f.width) {
                        let at = multiply(tm, ctm);
                        let (x, y) = (at[4], at[5]);
                        let value = code.iter().fold(0u32, |v, b| v * 256 + u32::from(*b));
                        let advance = f.widths.get(&value).copied().unwrap_or(f.default_width) / 1000.0 * size;
                        tm = multiply([1.0, 0.0, 0.0, 1.0, advance, 0.0], tm);
                        if let Some(span) = marked.iter_mut().rev().flatten().next() {
                            span.1.get_or_insert((x, y));
                            continue;
                        }
                        let text = Document::decode_text(&f.encoding, code).expect("text decodes");
                        out.push(Shown { x, y, text });
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// Pieces closer in height than this (points) are on one line: more than
/// harakat move, less than a line of 9.5 pt text.
const SAME_LINE: f64 = 6.0;

/// The page's lines, top to bottom, each as its pieces left to right.
pub fn visual_lines(pdf: &[u8], page: u32) -> Vec<Vec<String>> {
    let mut shown = shown(pdf, page);
    shown.sort_by(|a, b| b.y.total_cmp(&a.y));
    let mut lines: Vec<Vec<Shown>> = Vec::new();
    for s in shown {
        match lines.last_mut() {
            Some(line) if (line[0].y - s.y).abs() < SAME_LINE => line.push(s),
            _ => lines.push(vec![s]),
        }
    }
    lines
        .into_iter()
        .map(|line| trimmed(line.into_iter().map(|s| (s.x, s.text)).collect()))
        .collect()
}

/// A line's pieces sorted left to right, without the spaces at its ends
/// (typst keeps the space where a line breaks, with no width, at the line's
/// end; in right-to-left text that is the left end).
pub fn trimmed(mut line: Vec<(f64, String)>) -> Vec<String> {
    let blank = |t: &str| t.trim().is_empty();
    line.sort_by(|a, b| a.0.total_cmp(&b.0).then_with(|| blank(&b.1).cmp(&blank(&a.1))));
    let mut texts: Vec<String> = line.into_iter().map(|(_, t)| t).collect();
    while texts.first().is_some_and(|t| blank(t)) {
        texts.remove(0);
    }
    while texts.last().is_some_and(|t| blank(t)) {
        texts.pop();
    }
    texts
}

fn has(pieces: &[String], class: impl Fn(BidiClass) -> bool) -> bool {
    pieces.iter().flat_map(|p| p.chars()).any(|c| class(bidi_class(c)))
}

/// The logical text of a line of a right-to-left paragraph, from its
/// pieces in visual order.
pub fn logical_rtl(visual: &[String]) -> String {
    // Words in visual order; each word's pieces in visual order.
    let mut words: Vec<Vec<String>> = vec![Vec::new()];
    for piece in visual {
        if piece == " " {
            words.push(Vec::new());
        } else if let Some(word) = words.last_mut() {
            word.push(piece.clone());
        }
    }
    words.retain(|w| !w.is_empty());
    let rtl = |w: &[String]| has(w, |c| matches!(c, BidiClass::R | BidiClass::AL));
    // Runs of left-to-right words keep their order; the runs and the
    // right-to-left words are read from the right.
    let mut groups: Vec<Vec<Vec<String>>> = Vec::new();
    for word in words {
        match groups.last_mut() {
            Some(group) if !rtl(&word) && !rtl(&group[0]) => group.push(word),
            _ => groups.push(vec![word]),
        }
    }
    groups
        .into_iter()
        .rev()
        .map(|group| {
            if rtl(&group[0]) {
                group[0].iter().rev().cloned().collect::<String>()
            } else {
                group.iter().map(|w| w.concat()).collect::<Vec<_>>().join(" ")
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}
