//! Flate compression of the streams kalem writes into a PDF, at zlib's
//! default level. lopdf's own `Stream::compress` uses level 9, which on the
//! samples' print PDFs took a tenth of the whole build for files a few
//! percent smaller.

use std::io::Write;

use flate2::Compression;
use flate2::write::ZlibEncoder;
use lopdf::Stream;

/// `stream` Flate-compressed, unless it already has a filter or would not
/// get smaller.
pub fn compress(stream: &mut Stream) {
    if stream.dict.get(b"Filter").is_ok() {
        return;
    }
    let mut encoder = ZlibEncoder::new(Vec::with_capacity(stream.content.len() / 2), Compression::default());
    let Ok(compressed) = encoder.write_all(&stream.content).and_then(|()| encoder.finish()) else { return };
    if compressed.len() + 19 < stream.content.len() {
        stream.dict.set("Filter", "FlateDecode");
        stream.set_content(compressed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compressed_streams_read_back_and_tiny_ones_stay_plain() {
        let text = b"0 0 1 rg 10 10 m 20 20 l S\n".repeat(200);
        let mut stream = Stream::new(lopdf::Dictionary::new(), text.clone());
        compress(&mut stream);
        assert!(stream.content.len() < text.len() / 4);
        assert_eq!(stream.decompressed_content().unwrap(), text);
        let mut tiny = Stream::new(lopdf::Dictionary::new(), b"q Q".to_vec());
        compress(&mut tiny);
        assert!(tiny.dict.get(b"Filter").is_err());
    }
}
