//! Finishing typst's PDF into a print-ready PDF/X-4 file: CMYK only (no RGB
//! colour space left, used or not), page boxes, a slug with crop and fold
//! marks, the CMYK output intent, PDF/X metadata, reproducible IDs and
//! dates, and nothing interactive.

use lopdf::{Dictionary, Document, Object, ObjectId, Stream, StringFormat, dictionary};
use sha2::{Digest, Sha256};

use super::icc::OutputProfile;
use super::marks::{PT_PER_MM, Sheet};
use super::stamp::Stamp;
use super::xmp::{self, XmpInfo};
use crate::diag::Diagnostic;

/// The PDF version PDF/X-4 is based on.
pub const PDF_VERSION: &str = "1.6";

/// What finishing needs to know about an edition.
#[derive(Debug, Clone)]
pub struct PrintJob<'a> {
    /// A stable name of the edition (`<brochure>-<lang>`), the seed of the
    /// document ID.
    pub ident: &'a str,
    /// Title in the edition's language.
    pub title: &'a str,
    /// Language code.
    pub lang: &'a str,
    /// Each page's sheet: trim, bleed, folds, marks.
    pub sheets: Vec<Sheet>,
    /// The output intent.
    pub profile: &'a OutputProfile,
    /// Creation and modification date.
    pub date: Stamp,
    /// Whether the edition is a draft (XMP's rendition class says so).
    pub draft: bool,
}

/// The program name written into the PDF.
fn producer() -> String {
    format!("kalem {}", env!("CARGO_PKG_VERSION"))
}

/// Turns typst's PDF of an edition into its PDF/X-4 print file.
pub fn finish(typst_pdf: &[u8], job: &PrintJob) -> Result<Vec<u8>, Diagnostic> {
    let fail = |what: &str, e: &dyn std::fmt::Display| {
        Diagnostic::error(format!("cannot finish the print pdf: {what}: {e}")).hint("this is a bug in kalem; please report it with the brochure")
    };
    let mut doc = Document::load_mem(typst_pdf).map_err(|e| fail("reading typst's pdf", &e))?;
    doc.version = PDF_VERSION.to_string();

    super::inks::prepare(&mut doc, &job.profile.colours, job.profile.max_ink).map_err(|why| {
        Diagnostic::error(format!("cannot set the print pdf in CMYK: {why}")).hint("save the asset in sRGB (8 bits, PNG or JPEG, or SVG) or in the print shop's CMYK")
    })?;
    let problems: Vec<Diagnostic> = super::ink_checks::inks(&doc).problems(job.profile.max_ink).into_iter().filter(Diagnostic::is_error).collect();
    if let Some(first) = problems.first() {
        let all: Vec<&str> = problems.iter().map(|d| d.message.as_str()).collect();
        return Err(Diagnostic::error(format!("the print pdf would fail a print shop's preflight: {}", all.join("; "))).hint(first.hint.clone().unwrap_or_default()));
    }
    super::colour_spaces::remove_unused(&mut doc);
    if let Some(rgb) = super::colour_spaces::declared(&doc).into_iter().find(|s| s.contains("RGB")) {
        return Err(fail("colour", &format!("an RGB colour space is left in it ({rgb})")));
    }
    let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
    if pages.len() != job.sheets.len() {
        return Err(fail("page count", &format!("{} pages for {} sheets", pages.len(), job.sheets.len())));
    }
    for (page, sheet) in pages.into_iter().zip(&job.sheets) {
        finish_page(&mut doc, page, sheet).map_err(|e| fail("page boxes", &e))?;
    }
    remove_interactivity(&mut doc);

    let intent = output_intent(&mut doc, job.profile);
    let instance = Sha256::new().chain_update(typst_pdf).chain_update(job.date.0.to_be_bytes()).chain_update(format!("{:?}", job.sheets)).finalize();
    let document = Sha256::digest(format!("kalem edition {}", job.ident));
    let (document_id, instance_id) = (uuid(&document), uuid(&instance));
    let producer = producer();
    let xmp = xmp::packet(&XmpInfo {
        title: job.title,
        lang: job.lang,
        creator_tool: &producer,
        producer: &producer,
        date: job.date,
        document_id: &document_id,
        instance_id: &instance_id,
        rendition: if job.draft { "draft" } else { "default" },
        version_id: &instance_id[5..13],
    });
    let metadata = doc.add_object(Stream::new(dictionary! { "Type" => "Metadata", "Subtype" => "XML" }, xmp).with_compression(false));
    let info = doc.add_object(dictionary! {
        "Title" => text_string(job.title),
        "Creator" => text_string(&producer),
        "Producer" => text_string(&producer),
        "CreationDate" => Object::string_literal(job.date.pdf()),
        "ModDate" => Object::string_literal(job.date.pdf()),
        "Trapped" => Object::Name(b"False".to_vec()),
    });
    let catalog = doc.catalog_mut().map_err(|e| fail("catalog", &e))?;
    catalog.set("Metadata", metadata);
    catalog.set("OutputIntents", vec![Object::Reference(intent)]);
    doc.trailer.set("Info", info);
    doc.trailer.set(
        "ID",
        vec![Object::String(document[..16].to_vec(), StringFormat::Hexadecimal), Object::String(instance[..16].to_vec(), StringFormat::Hexadecimal)],
    );
    doc.prune_objects();

    let mut out = Vec::new();
    doc.save_to(&mut out).map_err(|e| fail("writing", &e))?;
    Ok(out)
}

/// A rectangle in points as a PDF array.
fn rect(x0: f64, y0: f64, x1: f64, y1: f64) -> Object {
    let n = |v: f64| Object::Real(((v * 1000.0).round() / 1000.0) as f32);
    Object::Array(vec![n(x0), n(y0), n(x1), n(y1)])
}

/// Sets the boxes of one page, moves typst's content into the slug's
/// coordinates and draws the marks.
fn finish_page(doc: &mut Document, page: ObjectId, sheet: &Sheet) -> lopdf::Result<()> {
    let (margin, bleed) = (sheet.margin() * PT_PER_MM, sheet.bleed * PT_PER_MM);
    let (w, h) = (sheet.width * PT_PER_MM, sheet.height * PT_PER_MM);
    // typst's media box is trim plus bleed; the slug moves it by this much.
    let shift = margin - bleed;
    let mut contents: Vec<Object> = doc.get_page_contents(page).into_iter().map(Object::Reference).collect();
    if shift > 0.0 {
        let before = doc.add_object(Stream::new(Dictionary::new(), format!("q 1 0 0 1 {shift:.3} {shift:.3} cm\n").into_bytes()));
        let mut marks = b"Q\n".to_vec();
        marks.extend(sheet.content());
        let mut after = Stream::new(Dictionary::new(), marks);
        super::flate::compress(&mut after);
        let after = doc.add_object(after);
        contents.insert(0, Object::Reference(before));
        contents.push(Object::Reference(after));
    }
    let dict = doc.get_dictionary_mut(page)?;
    dict.set("Contents", contents);
    dict.set("MediaBox", rect(0.0, 0.0, w + 2.0 * margin, h + 2.0 * margin));
    dict.set("BleedBox", rect(margin - bleed, margin - bleed, margin + w + bleed, margin + h + bleed));
    dict.set("TrimBox", rect(margin, margin, margin + w, margin + h));
    for key in [&b"CropBox"[..], b"ArtBox", b"Annots", b"AA"] {
        dict.remove(key);
    }
    Ok(())
}

/// Removes what PDF/X forbids or a print shop does not want: scripts,
/// actions, annotations, forms.
fn remove_interactivity(doc: &mut Document) {
    if let Ok(catalog) = doc.catalog_mut() {
        for key in [&b"OpenAction"[..], b"AA", b"AcroForm"] {
            catalog.remove(key);
        }
        if let Ok(Object::Dictionary(names)) = catalog.get_mut(b"Names") {
            names.remove(b"JavaScript");
        }
    }
}

/// Adds the `/GTS_PDFX` output intent with the embedded profile.
fn output_intent(doc: &mut Document, profile: &OutputProfile) -> ObjectId {
    let mut icc = Stream::new(dictionary! { "N" => 4 }, profile.bytes.to_vec());
    // Compression cannot fail on bytes in memory; keep them raw if it does.
    super::flate::compress(&mut icc);
    let icc = doc.add_object(icc);
    doc.add_object(dictionary! {
        "Type" => "OutputIntent",
        "S" => "GTS_PDFX",
        "OutputConditionIdentifier" => text_string(profile.condition.identifier()),
        "OutputCondition" => text_string(profile.condition.text()),
        "RegistryName" => text_string(profile.condition.registry()),
        "Info" => text_string(&profile.description),
        "DestOutputProfile" => icc,
    })
}

/// A PDF text string: ASCII as is, anything else as UTF-16BE with a BOM.
pub fn text_string(text: &str) -> Object {
    if text.is_ascii() {
        Object::string_literal(text)
    } else {
        let bytes = [0xFE, 0xFF].into_iter().chain(text.encode_utf16().flat_map(u16::to_be_bytes)).collect();
        Object::String(bytes, StringFormat::Hexadecimal)
    }
}

/// A UUID URN (version 4 layout) from the first bytes of a digest.
fn uuid(digest: &[u8]) -> String {
    let mut b = [0u8; 16];
    b.copy_from_slice(&digest[..16]);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!("uuid:{}-{}-{}-{}-{}", &hex[0..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..32])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuids_are_well_formed_and_stable() {
        let id = uuid(&Sha256::digest("kalem edition human-trafficking-tr"));
        assert_eq!(id.len(), 5 + 36);
        assert_eq!(&id[19..20], "4");
        assert_eq!(id, uuid(&Sha256::digest("kalem edition human-trafficking-tr")));
        assert_ne!(id, uuid(&Sha256::digest("kalem edition human-trafficking-ar")));
    }

    #[test]
    fn text_strings_keep_non_latin_titles() {
        assert_eq!(text_string("CGATS TR 006"), Object::string_literal("CGATS TR 006"));
        let Object::String(bytes, _) = text_string("معاً") else { panic!() };
        assert_eq!(&bytes[..4], &[0xFE, 0xFF, 0x06, 0x45]);
    }
}
