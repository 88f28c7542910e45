//! RGB raster images of a print PDF converted to the output condition's
//! CMYK, pixel by pixel through the output profile, and held to the
//! printing condition's ink limit (the bundled profile allows more ink
//! than `print.max_ink` in a photo's shadows). Their soft masks
//! (transparency) stay as they are.

use lopdf::{Document, Object, ObjectId};

use super::content_walk::describe_space;
use crate::model::colour::Colours;

/// Converts every 8-bit RGB image XObject of `doc` to DeviceCMYK with at
/// most `max_ink` percent total ink and says how many it converted; fails
/// on one it cannot decode.
pub fn convert(doc: &mut Document, colours: &Colours, max_ink: f64) -> Result<usize, String> {
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
        let mut cmyk = colours.cmyk_pixels(&pixels[..expected]);
        limit_ink(&mut cmyk, max_ink);
        let Ok(Object::Stream(stream)) = doc.get_object_mut(id) else { continue };
        stream.dict.set("ColorSpace", Object::Name(b"DeviceCMYK".to_vec()));
        stream.dict.remove(b"DecodeParms");
        stream.dict.remove(b"Decode");
        stream.set_plain_content(cmyk);
        super::flate::compress(stream);
        converted += 1;
    }
    Ok(converted)
}

/// Lowers cyan, magenta and yellow alike (black stays, so shadows keep
/// their depth) in every 8-bit CMYK pixel above `max_ink` percent.
fn limit_ink(cmyk: &mut [u8], max_ink: f64) {
    let limit = max_ink / 100.0 * 255.0;
    for px in cmyk.chunks_exact_mut(4) {
        let colour = f64::from(px[0]) + f64::from(px[1]) + f64::from(px[2]);
        let total = colour + f64::from(px[3]);
        if total > limit && colour > 0.0 {
            let keep = ((limit - f64::from(px[3])) / colour).max(0.0);
            for c in &mut px[..3] {
                *c = (f64::from(*c) * keep).floor() as u8;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::{Stream, dictionary};

    /// A document with one 2 × 1 px RGB image: `a` and `b`.
    fn with_image(a: [u8; 3], b: [u8; 3]) -> (Document, ObjectId) {
        let mut doc = Document::with_version("1.6");
        let dict = dictionary! { "Type" => "XObject", "Subtype" => "Image", "Width" => 2, "Height" => 1, "BitsPerComponent" => 8, "ColorSpace" => "DeviceRGB" };
        let id = doc.add_object(Stream::new(dict, [a, b].concat()));
        (doc, id)
    }

    fn totals(doc: &Document, id: ObjectId) -> Vec<f64> {
        let stream = doc.get_object(id).and_then(Object::as_stream).unwrap();
        let pixels = stream.decompressed_content().unwrap_or_else(|_| stream.content.clone());
        pixels.chunks_exact(4).map(|p| p.iter().map(|&v| f64::from(v)).sum::<f64>() / 255.0 * 100.0).collect()
    }

    #[test]
    fn a_photos_shadows_stay_within_the_ink_limit() {
        // A near-black shadow (320 % through the profile) and a light tone.
        let (mut doc, id) = with_image([3, 1, 0], [230, 200, 170]);
        assert_eq!(convert(&mut doc, &crate::model::colour::sample(), 300.0), Ok(1));
        let t = totals(&doc, id);
        assert!(t[0] <= 300.0, "shadow at {:.0} %", t[0]);
        assert!(t[0] > 250.0, "the shadow keeps its depth: {:.0} %", t[0]);
        assert!(t[1] < 100.0, "a light tone is left as it is: {:.0} %", t[1]);
    }
}
