//! The bundled fonts as the site serves them: every glyph the site's text
//! needs kept, every other glyph emptied, as WOFF2. Glyph numbers, cmap and
//! the shaping tables (GSUB, GPOS) stay as they are, so the browser shapes
//! Arabic and Farsi with the font's own rules; the glyphs kept are those
//! rustybuzz picks for every string of the site, every character's own
//! glyph, and the parts of composite glyphs.

use std::collections::BTreeSet;

use super::woff2::{self, Table};

/// A font face to subset: its file's bytes and face index.
pub struct FaceSource<'a> {
    /// The font file.
    pub data: &'a [u8],
    /// The face in it.
    pub index: u32,
}

/// The face as WOFF2, keeping what `texts` need (and, with `positioning`,
/// its mark and kerning positions); none when the font is not a
/// TrueType-outline font kalem can read.
pub fn subset(face: &FaceSource, texts: &[String], positioning: bool) -> Option<Vec<u8>> {
    let font = rustybuzz::Face::from_slice(face.data, face.index)?;
    let glyphs = used_glyphs(&font, texts);
    let (flavor, mut tables) = read_tables(face.data, face.index)?;
    let num_glyphs = u16::from_be_bytes(table(&tables, b"maxp")?.get(4..6)?.try_into().ok()?);
    let head = table(&tables, b"head")?;
    let long = i16::from_be_bytes(head.get(50..52)?.try_into().ok()?) == 1;
    let offsets = loca_offsets(table(&tables, b"loca")?, num_glyphs, long)?;
    let glyf = table(&tables, b"glyf")?;
    let keep = with_components(glyphs, glyf, &offsets);
    let (new_glyf, new_loca, long_loca) = emptied(glyf, &offsets, &keep);
    let metrics = be16(table(&tables, b"hhea")?, 34)?;
    for t in &mut tables {
        match &t.tag {
            b"glyf" => t.data = new_glyf.clone(),
            b"loca" => t.data = new_loca.clone(),
            b"hmtx" => zero_unused_metrics(&mut t.data, metrics, num_glyphs, &keep),
            b"head" => {
                t.data[50..52].copy_from_slice(&i16::from(long_loca).to_be_bytes());
                t.data[8..12].fill(0);
            }
            // Glyph names are for editing fonts, not for showing them.
            b"post" if t.data.len() >= 32 => {
                t.data.truncate(32);
                t.data[0..4].copy_from_slice(&0x0003_0000u32.to_be_bytes());
            }
            _ => {}
        }
    }
    // A face that sets only simple left-to-right letters here (Latin,
    // digits, URLs) needs no shaping tables; kerning is the one loss, and
    // it halves what a phone downloads.
    let shaped = texts.iter().flat_map(|t| t.chars()).any(|c| needs_shaping(c) && font.glyph_index(c).is_some());
    tables.retain(|t| &t.tag != b"DSIG" && (shaped || !matches!(&t.tag, b"GPOS" | b"GSUB" | b"GDEF")) && (positioning || &t.tag != b"GPOS"));
    Some(woff2::encode(flavor, &tables))
}

/// The families of `chain` that set some character of `texts`: those the
/// browser falls back to for a character no family before them has. A
/// family nothing falls back to is not offered at all.
pub fn families_used(chain: &[String], faces: &[(String, u16, FaceSource)], texts: &[String]) -> Vec<String> {
    let chars: BTreeSet<char> = texts.iter().flat_map(|t| t.chars()).filter(|c| !c.is_whitespace()).collect();
    let parsed: Vec<(&String, ttf_parser::Face)> = chain
        .iter()
        .filter_map(|family| faces.iter().find(|(f, ..)| f == family).and_then(|(_, _, s)| ttf_parser::Face::parse(s.data, s.index).ok()).map(|face| (family, face)))
        .collect();
    let mut used: Vec<String> = Vec::new();
    for c in chars {
        if let Some((family, _)) = parsed.iter().find(|(_, face)| face.glyph_index(c).is_some()) {
            if !used.contains(family) {
                used.push((*family).clone());
            }
        }
    }
    used
}

/// The glyphs shaping `texts` gives, every character's own glyph, and
/// `.notdef`.
fn used_glyphs(font: &rustybuzz::Face, texts: &[String]) -> BTreeSet<u16> {
    let mut glyphs = BTreeSet::from([0]);
    for text in texts {
        let mut buffer = rustybuzz::UnicodeBuffer::new();
        buffer.push_str(text);
        let shaped = rustybuzz::shape(font, &[], buffer);
        glyphs.extend(shaped.glyph_infos().iter().map(|g| g.glyph_id as u16));
        glyphs.extend(text.chars().filter_map(|c| font.glyph_index(c)).map(|g| g.0));
    }
    glyphs
}

/// Whether a character is set with the font's shaping rules: joining
/// scripts, combining marks, anything past the Latin, Greek and Cyrillic
/// blocks but general punctuation.
fn needs_shaping(c: char) -> bool {
    let c = u32::from(c);
    (0x0300..=0x036f).contains(&c) || (0x0590..0x2000).contains(&c) || (0x2070..0xfb00).contains(&c) || c >= 0xfb1d
}

fn table<'t>(tables: &'t [Table], tag: &[u8; 4]) -> Option<&'t [u8]> {
    tables.iter().find(|t| &t.tag == tag).map(|t| t.data.as_slice())
}

fn be16(data: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes(data.get(at..at + 2)?.try_into().ok()?))
}

fn be32(data: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(data.get(at..at + 4)?.try_into().ok()?))
}

/// The flavor and tables of face `index` of an sfnt or a collection.
fn read_tables(data: &[u8], index: u32) -> Option<(u32, Vec<Table>)> {
    let start = if data.get(0..4)? == b"ttcf" { be32(data, 12 + 4 * index as usize)? as usize } else { 0 };
    let flavor = be32(data, start)?;
    let count = be16(data, start + 4)? as usize;
    let tables = (0..count)
        .map(|i| {
            let record = start + 12 + 16 * i;
            let (offset, length) = (be32(data, record + 8)? as usize, be32(data, record + 12)? as usize);
            Some(Table { tag: data.get(record..record + 4)?.try_into().ok()?, data: data.get(offset..offset + length)?.to_vec() })
        })
        .collect::<Option<Vec<Table>>>()?;
    Some((flavor, tables))
}

fn loca_offsets(loca: &[u8], num_glyphs: u16, long: bool) -> Option<Vec<usize>> {
    (0..=usize::from(num_glyphs))
        .map(|i| if long { be32(loca, 4 * i).map(|o| o as usize) } else { be16(loca, 2 * i).map(|o| 2 * o as usize) })
        .collect()
}

/// `glyphs` and, transitively, the glyphs their composites are made of.
fn with_components(glyphs: BTreeSet<u16>, glyf: &[u8], offsets: &[usize]) -> BTreeSet<u16> {
    let mut keep = glyphs;
    let mut pending: Vec<u16> = keep.iter().copied().collect();
    while let Some(g) = pending.pop() {
        let Some(data) = offsets.get(usize::from(g)).zip(offsets.get(usize::from(g) + 1)).and_then(|(&a, &b)| glyf.get(a..b)) else { continue };
        for part in components(data) {
            if keep.insert(part) {
                pending.push(part);
            }
        }
    }
    keep
}

/// The glyphs a composite glyph places (none for a simple glyph).
fn components(glyph: &[u8]) -> Vec<u16> {
    const WORDS: u16 = 0x0001;
    const SCALE: u16 = 0x0008;
    const MORE: u16 = 0x0020;
    const XY_SCALE: u16 = 0x0040;
    const TWO_BY_TWO: u16 = 0x0080;
    let mut out = Vec::new();
    if be16(glyph, 0).is_none_or(|contours| contours as i16 >= 0) {
        return out;
    }
    let mut at = 10;
    while let (Some(flags), Some(id)) = (be16(glyph, at), be16(glyph, at + 2)) {
        out.push(id);
        at += 4 + if flags & WORDS != 0 { 4 } else { 2 };
        at += if flags & SCALE != 0 { 2 } else if flags & XY_SCALE != 0 { 4 } else if flags & TWO_BY_TWO != 0 { 8 } else { 0 };
        if flags & MORE == 0 {
            break;
        }
    }
    out
}

/// Zeroes the metrics of glyphs that are not kept: nothing shows them, and
/// runs of zeros compress to nearly nothing.
fn zero_unused_metrics(hmtx: &mut [u8], metrics: u16, num_glyphs: u16, keep: &BTreeSet<u16>) {
    for g in (0..num_glyphs).filter(|g| !keep.contains(g)) {
        let (at, len) = if g < metrics { (4 * usize::from(g), 4) } else { (4 * usize::from(metrics) + 2 * usize::from(g - metrics), 2) };
        if let Some(entry) = hmtx.get_mut(at..at + len) {
            entry.fill(0);
        }
    }
}

/// glyf with only the kept glyphs' outlines, its loca, and whether that
/// needs long offsets (short ones count 2-byte words up to 65535).
fn emptied(glyf: &[u8], offsets: &[usize], keep: &BTreeSet<u16>) -> (Vec<u8>, Vec<u8>, bool) {
    let mut new_glyf = Vec::new();
    let mut starts = Vec::with_capacity(offsets.len());
    for (g, pair) in offsets.windows(2).enumerate() {
        starts.push(new_glyf.len());
        if u16::try_from(g).is_ok_and(|g| keep.contains(&g)) {
            new_glyf.extend_from_slice(glyf.get(pair[0]..pair[1]).unwrap_or_default());
            new_glyf.resize(new_glyf.len().div_ceil(4) * 4, 0);
        }
    }
    starts.push(new_glyf.len());
    let long = new_glyf.len() / 2 > usize::from(u16::MAX);
    let loca = starts.iter().flat_map(|&o| if long { (o as u32).to_be_bytes().to_vec() } else { ((o / 2) as u16).to_be_bytes().to_vec() }).collect();
    (new_glyf, loca, long)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_composite_names_its_parts() {
        // -1 contours, bbox, then two components: byte arguments, the first
        // with MORE_COMPONENTS.
        let mut g = vec![0xff, 0xff, 0, 0, 0, 0, 0, 0, 0, 0];
        g.extend_from_slice(&[0x00, 0x20, 0, 7, 1, 2]);
        g.extend_from_slice(&[0x00, 0x00, 0, 9, 3, 4]);
        assert_eq!(components(&g), vec![7, 9]);
        assert!(components(&[0, 1, 0, 0]).is_empty());
    }

    #[test]
    fn the_arabic_font_keeps_what_the_text_needs_and_shrinks() {
        let data = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/fonts/NotoNaskhArabic-Regular.ttf")).unwrap();
        let face = FaceSource { data: &data, index: 0 };
        let small = subset(&face, &["مرحبا بكم".to_string()], true).unwrap();
        assert_eq!(&small[..4], b"wOF2");
        assert!(small.len() < data.len() / 2, "{} of {}", small.len(), data.len());
        let glyphs = used_glyphs(&rustybuzz::Face::from_slice(&data, 0).unwrap(), &["مرحبا".to_string()]);
        // Initial, medial and final forms, not just the isolated letters.
        assert!(glyphs.len() > 5, "{glyphs:?}");
    }
}
