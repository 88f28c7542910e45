//! RGB raster images of a print PDF converted to the output condition's
//! CMYK, pixel by pixel through the output profile. Their soft masks
//! (transparency) stay as they are.

use lopdf::{Document, Object, ObjectId};

use super::content_walk::describe_space;
use crate::model::colour::Colours;

/// Converts every 8-bit RGB image XObject of `doc` to DeviceCMYK and says
/// how many it converted; fails on one it cannot decode.
pub fn convert(doc: &mut Document, colours: &Colours) -> Result<usize, String> {
    let masks: Vec<ObjectId> = doc
        .objects
        .values()
        .filter_map(|o| o.as_stream().ok()?.dict.get(b"SMask").ok()?.as_reference().ok())
        .collect();
    let images: Vec<ObjectId> = doc
        .objects
        .iter()
        .filter(|(id, o)| !masks.contains(id) && o.as_stream().is_ok_and(|s| s.dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Image")))
        .map(|(id, _)| *id)
        .collect();
    let mut converted = 0;
    for id in images {
        let Ok(stream) = doc.get_object(id).and_then(Object::as_stream) else { continue };
        let space = stream.dict.get(b"ColorSpace").map(|s| describe_space(doc, s)).unwrap_or_default();
        if !matches!(space.as_str(), "DeviceRGB" | "ICCBased RGB" | "CalRGB") {
            continue;
        }
        let int = |key: &[u8]| stream.dict.get(key).ok().and_then(|o| o.as_i64().ok()).unwrap_or(0);
        let (width, height, bits) = (int(b"Width"), int(b"Height"), int(b"BitsPerComponent"));
        let where_ = format!("an RGB image of {width}×{height} px");
        if bits != 8 {
            return Err(format!("{where_} has {bits} bits per channel; save it with 8 bits per channel (PNG or JPEG)"));
        }
        let filter = stream.dict.get(b"Filter").ok().and_then(|f| f.as_name().ok().map(<[u8]>::to_vec).or_else(|| f.as_array().ok()?.first()?.as_name().ok().map(<[u8]>::to_vec)));
        let pixels = match filter.as_deref() {
            Some(b"DCTDecode") => image::load_from_memory_with_format(&stream.content, image::ImageFormat::Jpeg)
                .map_err(|e| format!("{where_} cannot be decoded: {e}"))?
                .to_rgb8()
                .into_raw(),
            _ => stream.decompressed_content().or_else(|_| if filter.is_none() { Ok(stream.content.clone()) } else { Err(()) }).map_err(|()| format!("{where_} is compressed in a way kalem cannot read"))?,
        };
        let expected = usize::try_from(width * height * 3).unwrap_or(usize::MAX);
        if pixels.len() < expected {
            return Err(format!("{where_} has {} bytes of pixels, not {expected}", pixels.len()));
        }
        let cmyk = colours.cmyk_pixels(&pixels[..expected]);
        let Ok(Object::Stream(stream)) = doc.get_object_mut(id) else { continue };
        stream.dict.set("ColorSpace", Object::Name(b"DeviceCMYK".to_vec()));
        stream.dict.remove(b"DecodeParms");
        stream.dict.remove(b"Decode");
        stream.set_plain_content(cmyk);
        let _ = stream.compress();
        converted += 1;
    }
    Ok(converted)
}
