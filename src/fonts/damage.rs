//! Damaged font files, found when they load: a glyph table whose outlines
//! are cut or garbled drops letters silently, a character map that points
//! past the glyphs makes every string warn. Each letter the character map
//! claims must lead to a glyph that exists and draws something.

use ttf_parser::{Face, GlyphId, OutlineBuilder};

/// Refuses a font file with a damaged face, once, naming the file.
pub fn check(faces: &[super::FontFace], file: &std::path::Path) -> Result<(), crate::diag::Diagnostic> {
    for face in faces {
        if let Some((count, first)) = face.parse().as_ref().and_then(damage) {
            return Err(crate::diag::Diagnostic::error(format!(
                "this font file is damaged: {count} letter(s) it claims to have, from `{first}` (U+{:04X}), have no glyph to draw",
                first as u32
            ))
            .at(crate::diag::Location::file(file))
            .hint("download the font again from its source and replace this file"));
        }
    }
    Ok(())
}

/// Refuses a font file one of whose tables does not match the checksum
/// its table directory records: a damaged name or weight table makes a
/// family look like another (the text set in Bold), damaged advance
/// widths overprint letters, and neither shows as a missing glyph.
pub fn check_tables(data: &[u8], file: &std::path::Path) -> Result<(), crate::diag::Diagnostic> {
    match damaged_table(data) {
        Some(table) => Err(crate::diag::Diagnostic::error(format!("this font file is damaged: its `{table}` table does not match the checksum the file records for it"))
            .at(crate::diag::Location::file(file))
            .hint("download the font again from its source and replace this file; a font edited by hand must be saved again by a font editor, which writes the checksums")),
        None => Ok(()),
    }
}

/// The tag of the first table of `data` (a font or a font collection)
/// that lies outside the file or whose checksum is not the recorded one.
fn damaged_table(data: &[u8]) -> Option<String> {
    let u32_at = |at: usize| data.get(at..at + 4).map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]));
    let u16_at = |at: usize| data.get(at..at + 2).map(|b| usize::from(u16::from_be_bytes([b[0], b[1]])));
    let directories: Vec<usize> = if data.starts_with(b"ttcf") {
        (0..u32_at(8)? as usize).map(|i| u32_at(12 + 4 * i).map_or(usize::MAX, |o| o as usize)).collect()
    } else {
        vec![0]
    };
    for directory in directories {
        let Some(tables) = u16_at(directory.checked_add(4)?) else { return Some("offset".into()) };
        for i in 0..tables {
            let record = directory + 12 + 16 * i;
            let tag = data.get(record..record + 4).map_or_else(|| "directory".into(), |t| String::from_utf8_lossy(t).trim().to_string());
            let (Some(recorded), Some(offset), Some(length)) = (u32_at(record + 4), u32_at(record + 8), u32_at(record + 12)) else { return Some(tag) };
            let Some(bytes) = data.get(offset as usize..(offset as usize).checked_add(length as usize)?) else { return Some(tag) };
            if checksum(bytes, tag == "head") != recorded {
                return Some(tag);
            }
        }
    }
    None
}

/// OpenType's table checksum: the sum of the table's big-endian 32-bit
/// words, the last padded with zeros; in `head`, without its
/// `checksumAdjustment` (bytes 8 to 11).
fn checksum(bytes: &[u8], head: bool) -> u32 {
    bytes.chunks(4).enumerate().fold(0u32, |sum, (i, chunk)| {
        let mut word = [0u8; 4];
        word[..chunk.len()].copy_from_slice(chunk);
        if head && i == 2 {
            word = [0; 4];
        }
        sum.wrapping_add(u32::from_be_bytes(word))
    })
}

/// What is wrong with a face, if anything: the number of letters whose
/// glyph is missing or draws nothing, and the first of them.
pub fn damage(face: &Face) -> Option<(usize, char)> {
    let glyphs = face.number_of_glyphs();
    let mut letters = Vec::new();
    for subtable in face.tables().cmap.iter().flat_map(|cmap| cmap.subtables).filter(|s| s.is_unicode()) {
        subtable.codepoints(|cp| {
            if let Some(c) = char::from_u32(cp).filter(|c| c.is_alphanumeric()) {
                letters.push((c, subtable.glyph_index(cp)));
            }
        });
    }
    letters.sort_unstable_by_key(|(c, _)| *c);
    letters.dedup_by_key(|(c, _)| *c);
    let mut broken = letters.iter().filter(|(_, glyph)| glyph.is_none_or(|g| g.0 >= glyphs || !draws(face, &g)));
    let first = broken.next()?.0;
    Some((1 + broken.count(), first))
}

/// Whether a glyph has an outline (or, in a colour or bitmap font, an
/// image) to draw.
fn draws(face: &Face, glyph: &GlyphId) -> bool {
    face.outline_glyph(*glyph, &mut Nothing).is_some() || face.glyph_raster_image(*glyph, u16::MAX).is_some() || face.glyph_svg_image(*glyph).is_some()
}

/// An outline builder that keeps nothing: only whether there is an outline
/// matters.
struct Nothing;

impl OutlineBuilder for Nothing {
    fn move_to(&mut self, _: f32, _: f32) {}
    fn line_to(&mut self, _: f32, _: f32) {}
    fn quad_to(&mut self, _: f32, _: f32, _: f32, _: f32) {}
    fn curve_to(&mut self, _: f32, _: f32, _: f32, _: f32, _: f32, _: f32) {}
    fn close(&mut self) {}
}

#[cfg(test)]
mod table_tests {
    use super::*;

    fn bundled() -> Vec<u8> {
        std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/fonts/NotoSans-Regular.ttf")).expect("bundled font")
    }

    #[test]
    fn the_bundled_fonts_match_their_checksums() {
        for entry in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/fonts")).expect("fonts").flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "ttf") {
                assert_eq!(damaged_table(&std::fs::read(&path).expect("font")), None, "{}", path.display());
            }
        }
    }

    #[test]
    fn a_changed_byte_in_any_table_is_found() {
        let data = bundled();
        let tables = usize::from(u16::from_be_bytes([data[4], data[5]]));
        for i in 0..tables {
            let record = 12 + 16 * i;
            let field = |at: usize| u32::from_be_bytes(data[at..at + 4].try_into().unwrap()) as usize;
            let (tag, offset, length) = (String::from_utf8_lossy(&data[record..record + 4]).trim().to_string(), field(record + 8), field(record + 12));
            let mut damaged = data.clone();
            let at = offset + length / 2 + if tag == "head" { 4 } else { 0 };
            damaged[at] ^= 0x40;
            assert_eq!(damaged_table(&damaged), Some(tag.clone()), "{tag}");
        }
        assert!(damaged_table(&data[..data.len() / 2]).is_some());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_project_fonts_are_whole_and_a_garbled_glyph_table_is_found() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts");
        let mut checked = 0;
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if !path.extension().is_some_and(|e| e == "ttf" || e == "otf") {
                continue;
            }
            let data = std::fs::read(&path).unwrap();
            let face = Face::parse(&data, 0).unwrap();
            assert_eq!(damage(&face), None, "{}", path.display());
            checked += 1;
        }
        assert!(checked >= 3);
        let mut data = std::fs::read(dir.join("NotoSans-Regular.ttf")).unwrap();
        let glyf = Face::parse(&data, 0).unwrap().raw_face().table(ttf_parser::Tag::from_bytes(b"glyf")).map(|t| t.as_ptr() as usize - data.as_ptr() as usize).unwrap();
        // Zero the middle of the glyph table, as a bad download would.
        let len = data.len();
        data[glyf + 20_000..(glyf + 120_000).min(len)].fill(0);
        let (count, _) = damage(&Face::parse(&data, 0).unwrap()).expect("damage found");
        assert!(count > 10, "{count}");
    }
}
