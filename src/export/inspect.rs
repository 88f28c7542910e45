//! Reads any PDF back and reports what a print shop's preflight looks at:
//! page boxes, output intent, PDF/X identification, fonts, colour spaces and
//! image resolution. `kalem preflight` prints it; the tests check kalem's own
//! PDFs with it.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use lopdf::{Document, Object};
use serde::Serialize;

use super::colour_spaces;
use super::content_walk::{self, Painting, inherited};
use super::ink_checks::{self, Inks};
use super::icc;
use super::unreadable::{self, Unreadable, unreadable};
use super::marks::PT_PER_MM;
use super::preflight::{GOOD_PPI, MAX_TAC, MIN_PPI};
use crate::diag::{Diagnostic, Diagnostics};

/// A page's boxes, in mm: `[left, bottom, right, top]`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PageBoxes {
    /// The sheet as imaged.
    pub media: [f64; 4],
    /// The finished size, if given.
    pub trim: Option<[f64; 4]>,
    /// The bleed, if given.
    pub bleed: Option<[f64; 4]>,
    /// Annotations on the page.
    pub annotations: usize,
}

/// An output intent.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Intent {
    /// `/S`, e.g. `GTS_PDFX`.
    pub subtype: String,
    /// `/OutputConditionIdentifier`.
    pub condition: String,
    /// `/N` of the embedded profile.
    pub channels: Option<i64>,
    /// Size of the embedded profile in bytes.
    pub profile_bytes: usize,
    /// What the profile is, or why it cannot serve as a CMYK output intent.
    pub profile: Result<String, String>,
}

/// A font resource.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FontInfo {
    /// `/BaseFont`.
    pub name: String,
    /// `/Subtype` of the font (of its descendant for composite fonts).
    pub kind: String,
    /// Whether the font program is in the file.
    pub embedded: bool,
}

/// Everything the preflight reports about a PDF.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// Header version.
    pub version: String,
    /// Pages with their boxes.
    pub pages: Vec<PageBoxes>,
    /// Output intents.
    pub intents: Vec<Intent>,
    /// `pdfxid:GTS_PDFXVersion` of the XMP metadata.
    pub pdfx: Option<String>,
    /// `/Trapped` of the document information.
    pub trapped: Option<String>,
    /// `/Title` of the document information.
    pub title: Option<String>,
    /// `/Lang` of the catalog.
    pub lang: Option<String>,
    /// Whether the catalog marks the file as tagged.
    pub tagged: bool,
    /// Whether the file has JavaScript or an open action.
    pub scripts: bool,
    /// Whether the file is encrypted.
    pub encrypted: bool,
    /// Link targets (URIs) of the annotations.
    pub links: Vec<String>,
    /// Fonts.
    pub fonts: Vec<FontInfo>,
    /// Colour spaces, text colours and images.
    pub painting: Painting,
    /// Colour spaces declared in resources or as blending spaces, used or not.
    pub declared_spaces: BTreeSet<String>,
    /// Ink coverage, hairlines and small text in several inks.
    pub inks: Inks,
}

fn name(object: &Object) -> Option<String> {
    object.as_name().ok().map(|n| String::from_utf8_lossy(n).into_owned())
}

/// Decodes a PDF text string (UTF-16BE with BOM, or PDFDocEncoding read as
/// Latin-1).
fn text(object: &Object) -> Option<String> {
    let bytes = object.as_str().ok()?;
    Some(match bytes.strip_prefix(&[0xFE, 0xFF]) {
        Some(utf16) => String::from_utf16_lossy(&utf16.chunks_exact(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect::<Vec<_>>()),
        None => bytes.iter().map(|&b| b as char).collect(),
    })
}

fn in_mm(object: Option<&Object>) -> Option<[f64; 4]> {
    let values: Vec<f64> = object?.as_array().ok()?.iter().filter_map(|v| v.as_float().ok()).map(|v| f64::from(v) / PT_PER_MM).collect();
    let r = |v: f64| (v * 100.0).round() / 100.0;
    (values.len() == 4).then(|| [r(values[0]), r(values[1]), r(values[2]), r(values[3])])
}

/// Reads the PDF in `bytes`.
pub fn inspect(bytes: &[u8]) -> Result<Report, Unreadable> {
    unreadable::complete(bytes)?;
    let doc = Document::load_mem(bytes).map_err(|e| unreadable(bytes, &e.to_string()))?;
    let get = |o: &Object| doc.dereference(o).map(|(_, o)| o.clone()).ok();
    let catalog = doc.catalog().map_err(|e| unreadable(bytes, &e.to_string()))?.clone();
    let info = doc.trailer.get(b"Info").ok().and_then(|o| get(o)).and_then(|o| o.as_dict().ok().cloned()).unwrap_or_default();

    let mut links = Vec::new();
    let mut page_actions = false;
    let pages: Vec<PageBoxes> = doc
        .get_pages()
        .into_values()
        .map(|page| {
            let annotations = doc.get_page_annotations(page).unwrap_or_default();
            page_actions |= doc.get_dictionary(page).is_ok_and(|d| d.has(b"AA"));
            for a in &annotations {
                let action = a.get(b"A").ok().and_then(|o| get(o)).and_then(|a| a.as_dict().ok()?.get(b"S").ok().and_then(name));
                page_actions |= a.has(b"AA") || action.is_some_and(|s| s != "URI" && s != "GoTo");
                if let Some(uri) = a.get(b"A").ok().and_then(|o| get(o)).and_then(|a| a.as_dict().ok()?.get(b"URI").ok().and_then(text)) {
                    links.push(uri);
                }
            }
            PageBoxes {
                media: in_mm(inherited(&doc, page, b"MediaBox")).unwrap_or_default(),
                trim: in_mm(inherited(&doc, page, b"TrimBox")),
                bleed: in_mm(inherited(&doc, page, b"BleedBox")),
                annotations: annotations.len(),
            }
        })
        .collect();

    let intents = catalog
        .get(b"OutputIntents")
        .ok()
        .and_then(|o| get(o))
        .and_then(|o| o.as_array().ok().cloned())
        .unwrap_or_default()
        .iter()
        .filter_map(|o| get(o)?.as_dict().ok().cloned())
        .map(|intent| {
            let profile = intent.get(b"DestOutputProfile").ok().and_then(|o| get(o)).and_then(|o| o.as_stream().ok().cloned());
            let data = profile.as_ref().and_then(|s| s.get_plain_content_with_limit(16 << 20).ok()).unwrap_or_default();
            Intent {
                subtype: intent.get(b"S").ok().and_then(name).unwrap_or_default(),
                condition: intent.get(b"OutputConditionIdentifier").ok().and_then(text).unwrap_or_default(),
                channels: profile.as_ref().and_then(|s| s.dict.get(b"N").ok()?.as_i64().ok()),
                profile_bytes: data.len(),
                profile: if data.is_empty() { Err("no profile embedded".into()) } else { icc::check(&data) },
            }
        })
        .collect();

    let xmp = catalog.get(b"Metadata").ok().and_then(|o| get(o)).and_then(|o| o.as_stream().ok()?.get_plain_content_with_limit(4 << 20).ok());
    let pdfx = xmp.as_deref().and_then(|x| xmp_value(&String::from_utf8_lossy(x), "pdfxid:GTS_PDFXVersion"));

    let mut fonts: Vec<FontInfo> = doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.has_type(b"Font") && d.get(b"Subtype").ok().and_then(name).is_some_and(|s| s != "Type0"))
        .map(|font| {
            let kind = font.get(b"Subtype").ok().and_then(name).unwrap_or_default();
            let descriptor = font.get(b"FontDescriptor").ok().and_then(|o| get(o)).and_then(|o| o.as_dict().ok().cloned());
            let embedded = kind == "Type3" || descriptor.is_some_and(|d| [&b"FontFile"[..], b"FontFile2", b"FontFile3"].iter().any(|k| d.has(k)));
            FontInfo { name: font.get(b"BaseFont").ok().and_then(name).unwrap_or_else(|| "(unnamed)".into()), kind, embedded }
        })
        .collect();
    fonts.sort_by(|a, b| a.name.cmp(&b.name));
    fonts.dedup();

    let names = catalog.get(b"Names").ok().and_then(|o| get(o)).and_then(|o| o.as_dict().ok().cloned()).unwrap_or_default();
    Ok(Report {
        version: doc.version.clone(),
        pages,
        intents,
        pdfx,
        trapped: info.get(b"Trapped").ok().and_then(|o| name(o).or_else(|| text(o))),
        title: info.get(b"Title").ok().and_then(text),
        lang: catalog.get(b"Lang").ok().and_then(text),
        tagged: catalog.get(b"MarkInfo").ok().and_then(|o| get(o)).and_then(|m| m.as_dict().ok()?.get(b"Marked").ok()?.as_bool().ok()).unwrap_or(false),
        scripts: names.has(b"JavaScript") || catalog.has(b"OpenAction") || catalog.has(b"AA") || page_actions,
        // lopdf decrypts files it can open and drops `/Encrypt` from its
        // trailer: whether the original file was encrypted is kept apart.
        encrypted: doc.trailer.has(b"Encrypt") || doc.was_encrypted(),
        links,
        fonts,
        painting: content_walk::walk(&doc),
        declared_spaces: colour_spaces::declared(&doc),
        inks: ink_checks::inks(&doc),
    })
}

/// Why text in this colour (as the content walk names it) may print badly:
/// colour that is not CMYK is converted to four inks, and black made of
/// four inks blurs small type when the plates do not register exactly.
fn text_color_problem(color: &str) -> Option<&'static str> {
    let Some(values) = color.strip_prefix("DeviceCMYK ") else {
        return Some("not CMYK, so the printer converts it, black included, to four inks");
    };
    let v: Vec<f64> = values.split(' ').filter_map(|v| v.parse().ok()).collect();
    (v.len() == 4 && v[3] >= 0.8 && v[0] + v[1] + v[2] > 0.0).then_some("black made of four inks, which blurs small type")
}

/// The value of a simple XMP property, as element or attribute.
fn xmp_value(xml: &str, key: &str) -> Option<String> {
    if let Some(start) = xml.find(&format!("<{key}>")) {
        let rest = &xml[start + key.len() + 2..];
        return rest.find('<').map(|end| rest[..end].trim().to_string());
    }
    let start = xml.find(&format!("{key}=\""))? + key.len() + 2;
    xml[start..].find('"').map(|end| xml[start..start + end].to_string())
}

impl Report {
    /// What stops this file from being a PDF/X-4 print file (errors) and
    /// what a print shop may ask about (warnings), for coated paper.
    pub fn problems(&self) -> Diagnostics {
        self.problems_at(MAX_TAC)
    }

    /// [`Report::problems`] for a printing condition that takes at most
    /// `max_ink` percent total ink.
    pub fn problems_at(&self, max_ink: f64) -> Diagnostics {
        let pdfx = self.intents.iter().any(|i| i.subtype == "GTS_PDFX");
        let mut found = if pdfx { colour_spaces::print_problems(&self.painting, &self.declared_spaces) } else { Vec::new() };
        found.extend(self.inks.problems(max_ink));
        let error = |m: String, hint: &str| Diagnostic::error(m).hint(hint);
        let warning = |m: String, hint: &str| Diagnostic::warning(m).hint(hint);
        if self.pdfx.as_deref() != Some("PDF/X-4") {
            found.push(error("not identified as PDF/X-4 (no pdfxid:GTS_PDFXVersion in the XMP metadata)".into(), "export as PDF/X-4 (kalem's print PDFs are)"));
        }
        match self.intents.iter().find(|i| i.subtype == "GTS_PDFX") {
            None => found.push(error("no PDF/X output intent (/GTS_PDFX)".into(), "embed the CMYK profile of the printing condition as output intent")),
            Some(intent) => {
                if let Err(why) = &intent.profile {
                    found.push(error(format!("the output intent's profile is not usable: {why}"), "embed a CMYK printer profile"));
                }
                if intent.channels != Some(4) {
                    found.push(error(format!("the output intent's profile has /N {:?}, not 4 (CMYK)", intent.channels), "embed a CMYK printer profile"));
                }
            }
        }
        if self.trapped.as_deref().is_none_or(|t| t != "True" && t != "False") {
            found.push(error("/Trapped is not set to True or False".into(), "set the document's trapping key"));
        }
        if self.encrypted {
            found.push(error("the file is encrypted".into(), "export it without a password or permissions"));
        }
        if self.scripts {
            found.push(error("the file has JavaScript or actions".into(), "export without interactive features"));
        }
        for (i, page) in self.pages.iter().enumerate() {
            let n = i + 1;
            match (page.trim, page.bleed) {
                (None, _) => found.push(error(format!("page {n} has no TrimBox"), "set the trim size of every page")),
                (Some(trim), bleed) => {
                    let bleed = bleed.unwrap_or(page.media);
                    let least = (0..4).map(|k| (trim[k] - bleed[k]).abs()).fold(f64::INFINITY, f64::min);
                    if least < 2.9 {
                        found.push(warning(format!("page {n} has {least:.1} mm bleed on some side"), "extend background art 3 mm beyond the trim"));
                    }
                }
            }
            if page.annotations > 0 {
                found.push(error(format!("page {n} has {} annotations (links, comments)", page.annotations), "print files carry no annotations"));
            }
        }
        for font in self.fonts.iter().filter(|f| !f.embedded) {
            found.push(error(format!("font {} is not embedded", font.name), "embed all fonts"));
        }
        for space in &self.painting.color_spaces {
            if matches!(space.as_str(), "DeviceRGB" | "DeviceGray") {
                found.push(error(format!("{space} colour without a profile"), "use CMYK, or tag RGB with an ICC profile"));
            }
        }
        for color in &self.painting.text_colors {
            if let Some(problem) = text_color_problem(color) {
                found.push(warning(format!("text is set in {color}: {problem}"), "set body text in 100 % K (cmyk 0 0 0 100) and brand colours in CMYK"));
            }
        }
        if self.painting.incomplete {
            found.push(warning("the pages' content is too large to check completely".into(), "check this file with the print shop's own preflight"));
        }
        // A single pixel is a flat colour (a photo's overlay), with no
        // resolution to check.
        for image in self.painting.images.iter().filter(|i| i.pixels != (1, 1)) {
            let m = format!("image {} on page {} has {:.0} ppi ({}×{} px over {:.0}×{:.0} mm)", image.name, image.page, image.ppi, image.pixels.0, image.pixels.1, image.size_mm.0, image.size_mm.1);
            if image.ppi < MIN_PPI {
                found.push(error(m, "use an image with at least 300 ppi at its printed size"));
            } else if image.ppi < GOOD_PPI {
                found.push(warning(m, "300 ppi are recommended for print"));
            }
        }
        found
    }

    /// The report as text for a terminal.
    pub fn to_text(&self) -> String {
        let mut s = String::new();
        let boxed = |b: &[f64; 4]| format!("{:.1} × {:.1} mm at ({:.1}, {:.1})", b[2] - b[0], b[3] - b[1], b[0], b[1]);
        let _ = writeln!(s, "PDF {}, {} page(s), {}", self.version, self.pages.len(), self.pdfx.as_deref().unwrap_or("no PDF/X identification"));
        let _ = writeln!(s, "title: {}", self.title.as_deref().unwrap_or("(none)"));
        let _ = writeln!(s, "language: {}, tagged: {}, trapped: {}", self.lang.as_deref().unwrap_or("(none)"), if self.tagged { "yes" } else { "no" }, self.trapped.as_deref().unwrap_or("(not set)"));
        for (i, page) in self.pages.iter().enumerate() {
            let _ = writeln!(s, "page {}: media {}", i + 1, boxed(&page.media));
            if let Some(b) = &page.bleed {
                let _ = writeln!(s, "        bleed {}", boxed(b));
            }
            if let Some(b) = &page.trim {
                let _ = writeln!(s, "        trim  {}", boxed(b));
            }
        }
        for intent in &self.intents {
            let profile = match &intent.profile {
                Ok(desc) => desc.clone(),
                Err(why) => why.clone(),
            };
            let _ = writeln!(s, "output intent {}: {} — {} (N {}, {} bytes)", intent.subtype, intent.condition, profile, intent.channels.unwrap_or(0), intent.profile_bytes);
        }
        if self.intents.is_empty() {
            let _ = writeln!(s, "output intent: none");
        }
        for font in &self.fonts {
            let _ = writeln!(s, "font {} ({}, {})", font.name, font.kind, if font.embedded { "embedded" } else { "NOT embedded" });
        }
        let spaces: Vec<&str> = self.painting.color_spaces.iter().map(String::as_str).collect();
        let _ = writeln!(s, "colour spaces: {}", spaces.join(", "));
        let declared: Vec<&str> = self.declared_spaces.iter().map(String::as_str).collect();
        let _ = writeln!(s, "declared colour spaces: {}", if declared.is_empty() { "none".into() } else { declared.join(", ") });
        let text: Vec<&str> = self.painting.text_colors.iter().map(String::as_str).collect();
        let _ = writeln!(s, "text colours: {}", text.join("; "));
        for image in &self.painting.images {
            let _ = writeln!(s, "image {} on page {}: {}×{} px, {:.1}×{:.1} mm, {:.0} ppi, {}", image.name, image.page, image.pixels.0, image.pixels.1, image.size_mm.0, image.size_mm.1, image.ppi, image.color_space);
        }
        for link in &self.links {
            let _ = writeln!(s, "link {link}");
        }
        if let Some((colour, (total, page))) = self.inks.colours.iter().max_by(|a, b| a.1.0.total_cmp(&b.1.0)) {
            let _ = writeln!(s, "most ink: {total:.0} % ([{colour}], page {page})");
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_colours_are_judged_for_print() {
        assert_eq!(text_color_problem("DeviceCMYK 0 0 0 1"), None);
        assert_eq!(text_color_problem("DeviceCMYK 1 0.651 0 0.302"), None, "a brand colour is fine");
        assert!(text_color_problem("DeviceCMYK 0.6 0.4 0.4 1").is_some());
        assert!(text_color_problem("ICCBased Gray 0").is_some());
    }

    #[test]
    fn xmp_values_are_read_as_elements_or_attributes() {
        assert_eq!(xmp_value("<a><pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>", "pdfxid:GTS_PDFXVersion").as_deref(), Some("PDF/X-4"));
        assert_eq!(xmp_value(r#"<rdf:Description pdfxid:GTS_PDFXVersion="PDF/X-4p"/>"#, "pdfxid:GTS_PDFXVersion").as_deref(), Some("PDF/X-4p"));
        assert_eq!(xmp_value("<x/>", "pdfxid:GTS_PDFXVersion"), None);
    }
}
