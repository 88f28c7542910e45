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
