//! WOFF2 (W3C, 2024) without transforms: the font's tables as they are,
//! compressed together with brotli. The glyf and loca tables use the
//! format's null transform (version 3), which every browser reads.

use std::io::Write;

/// One table of an OpenType font.
#[derive(Debug, Clone)]
pub struct Table {
    /// Its four-letter tag.
    pub tag: [u8; 4],
    /// Its bytes.
    pub data: Vec<u8>,
}

/// WOFF2's table of known tags; a table's index in it stands for its tag.
const KNOWN_TAGS: [&[u8; 4]; 63] = [
    b"cmap", b"head", b"hhea", b"hmtx", b"maxp", b"name", b"OS/2", b"post", b"cvt ", b"fpgm", b"glyf", b"loca", b"prep", b"CFF ", b"VORG",
    b"EBDT", b"EBLC", b"gasp", b"hdmx", b"kern", b"LTSH", b"PCLT", b"VDMX", b"vhea", b"vmtx", b"BASE", b"GDEF", b"GPOS", b"GSUB", b"EBSC",
    b"JSTF", b"MATH", b"CBDT", b"CBLC", b"COLR", b"CPAL", b"SVG ", b"sbix", b"acnt", b"avar", b"bdat", b"bloc", b"bsln", b"cvar", b"fdsc",
    b"feat", b"fmtx", b"fvar", b"gvar", b"hsty", b"just", b"lcar", b"mort", b"morx", b"opbd", b"prop", b"trak", b"Zapf", b"Silf", b"Glat",
    b"Gloc", b"Feat", b"Sill",
];

/// Brotli quality: 11 is the format's own choice but takes seconds per
/// font; 9 is within a few percent at a tenth of the time.
const QUALITY: u32 = 9;

/// The tables of an sfnt (`flavor`, e.g. 0x00010000 for TrueType) as a
/// WOFF2 file.
pub fn encode(flavor: u32, tables: &[Table]) -> Vec<u8> {
    let mut order: Vec<&Table> = tables.iter().filter(|t| &t.tag != b"loca").collect();
    order.sort_by_key(|t| t.tag);
    if let (Some(glyf), Some(loca)) = (order.iter().position(|t| &t.tag == b"glyf"), tables.iter().find(|t| &t.tag == b"loca")) {
        order.insert(glyf + 1, loca);
    }
    let mut directory = Vec::new();
    let mut stream = Vec::new();
    for table in &order {
        let known = KNOWN_TAGS.iter().position(|k| **k == table.tag);
        let null_transform = if matches!(&table.tag, b"glyf" | b"loca") { 3 << 6 } else { 0 };
        directory.push(known.map_or(63, |i| i as u8) | null_transform);
        if known.is_none() {
            directory.extend_from_slice(&table.tag);
        }
        base128(&mut directory, table.data.len() as u32);
        stream.extend_from_slice(&table.data);
    }
    let compressed = compress(&stream);
    let sfnt_size = 12 + 16 * order.len() + order.iter().map(|t| t.data.len().div_ceil(4) * 4).sum::<usize>();
    let length = (48 + directory.len() + compressed.len()).div_ceil(4) * 4;
    let mut out = Vec::with_capacity(length);
    out.extend_from_slice(b"wOF2");
    out.extend_from_slice(&flavor.to_be_bytes());
    out.extend_from_slice(&(length as u32).to_be_bytes());
    out.extend_from_slice(&(order.len() as u16).to_be_bytes());
    out.extend_from_slice(&[0, 0]);
    out.extend_from_slice(&(sfnt_size as u32).to_be_bytes());
    out.extend_from_slice(&(compressed.len() as u32).to_be_bytes());
    out.extend_from_slice(&[0, 1, 0, 0]);
    out.extend_from_slice(&[0; 20]);
    out.extend_from_slice(&directory);
    out.extend_from_slice(&compressed);
    out.resize(length, 0);
    out
}

/// WOFF2's UIntBase128: seven bits a byte, most significant first.
fn base128(out: &mut Vec<u8>, value: u32) {
    let mut bytes = vec![(value & 0x7f) as u8];
    let mut rest = value >> 7;
    while rest > 0 {
        bytes.push((rest & 0x7f) as u8 | 0x80);
        rest >>= 7;
    }
    out.extend(bytes.iter().rev());
}

fn compress(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut writer = brotli::CompressorWriter::new(&mut out, 4096, QUALITY, 22);
        // Writing to memory cannot fail.
        let _ = writer.write_all(data);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base128_writes_seven_bits_a_byte_with_no_leading_zero() {
        let enc = |v| {
            let mut out = Vec::new();
            base128(&mut out, v);
            out
        };
        assert_eq!(enc(0), vec![0]);
        assert_eq!(enc(127), vec![127]);
        assert_eq!(enc(128), vec![0x81, 0]);
        assert_eq!(enc(63_000), vec![0x83, 0xEC, 0x18]);
    }

    #[test]
    fn header_counts_tables_and_the_whole_file() {
        let tables = [Table { tag: *b"head", data: vec![0; 54] }, Table { tag: *b"zzzz", data: vec![1; 3] }];
        let file = encode(0x0001_0000, &tables);
        assert_eq!(&file[..4], b"wOF2");
        assert_eq!(u32::from_be_bytes(file[8..12].try_into().unwrap()) as usize, file.len());
        assert_eq!(u16::from_be_bytes([file[12], file[13]]), 2);
        assert_eq!(u32::from_be_bytes(file[16..20].try_into().unwrap()), 12 + 32 + 56 + 4);
        // head is known (index 1); zzzz is spelled out after flag 63.
        assert_eq!(&file[48..50], &[1, 54]);
        assert_eq!(&file[50..56], &[63, b'z', b'z', b'z', b'z', 3]);
    }
}
