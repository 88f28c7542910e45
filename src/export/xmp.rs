//! The XMP metadata packet of a print PDF, with the keys a PDF/X-4
//! preflight looks for.

use super::stamp::Stamp;

/// What the packet says about the document.
#[derive(Debug, Clone)]
pub struct XmpInfo<'a> {
    /// The title, in the edition's language.
    pub title: &'a str,
    /// The edition's language (BCP 47).
    pub lang: &'a str,
    /// The program that made the content.
    pub creator_tool: &'a str,
    /// The program that wrote the PDF.
    pub producer: &'a str,
    /// Creation and modification date.
    pub date: Stamp,
    /// `uuid:…`, the same for every version of this edition.
    pub document_id: &'a str,
    /// `uuid:…`, different whenever the bytes differ.
    pub instance_id: &'a str,
    /// `draft` for a draft, `default` for a release (XMP's rendition
    /// classes).
    pub rendition: &'a str,
    /// A version label of this instance.
    pub version_id: &'a str,
}

/// Escapes text for XML and HTML content and (single- or double-quoted)
/// attribute values: XMP packets, the site's pages, `kalem serve`'s.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Controls other than tab and newlines are not allowed in XML 1.0.
            c if c.is_control() && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// The complete packet, UTF-8, with padding so that it can be edited in
/// place.
pub fn packet(info: &XmpInfo) -> Vec<u8> {
    let title = escape(info.title);
    let lang = escape(info.lang);
    let date = info.date.xmp();
    let mut xml = format!(
        r#"<?xpacket begin="{bom}" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:pdfxid="http://www.npes.org/pdfx/ns/id/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li><rdf:li xml:lang="{lang}">{title}</rdf:li></rdf:Alt></dc:title>
   <dc:language><rdf:Bag><rdf:li>{lang}</rdf:li></rdf:Bag></dc:language>
   <xmp:CreatorTool>{creator}</xmp:CreatorTool>
   <xmp:CreateDate>{date}</xmp:CreateDate>
   <xmp:ModifyDate>{date}</xmp:ModifyDate>
   <xmp:MetadataDate>{date}</xmp:MetadataDate>
   <pdf:Producer>{producer}</pdf:Producer>
   <pdf:Trapped>False</pdf:Trapped>
   <xmpMM:DocumentID>{document_id}</xmpMM:DocumentID>
   <xmpMM:InstanceID>{instance_id}</xmpMM:InstanceID>
   <xmpMM:VersionID>{version_id}</xmpMM:VersionID>
   <xmpMM:RenditionClass>{rendition}</xmpMM:RenditionClass>
   <pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
"#,
        bom = '\u{feff}',
        creator = escape(info.creator_tool),
        producer = escape(info.producer),
        document_id = escape(info.document_id),
        rendition = escape(info.rendition),
        instance_id = escape(info.instance_id),
        version_id = escape(info.version_id),
    );
    for _ in 0..20 {
        xml.push_str(&" ".repeat(99));
        xml.push('\n');
    }
    xml.push_str(r#"<?xpacket end="w"?>"#);
    xml.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packet_carries_pdfx_keys_and_escapes_the_title() {
        let info = XmpInfo {
            title: "Kadın & Çocuk <Destek>",
            lang: "tr",
            creator_tool: "kalem",
            producer: "kalem",
            date: Stamp(1_767_225_600),
            document_id: "uuid:1",
            rendition: "default",
            instance_id: "uuid:2",
            version_id: "1",
        };
        let xml = String::from_utf8(packet(&info)).unwrap();
        for needle in [
            "<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>",
            "<xmpMM:RenditionClass>default</xmpMM:RenditionClass>",
            "<xmpMM:VersionID>1</xmpMM:VersionID>",
            "<pdf:Trapped>False</pdf:Trapped>",
            "<xmp:CreateDate>2026-01-01T00:00:00Z</xmp:CreateDate>",
            r#"<rdf:li xml:lang="tr">Kadın &amp; Çocuk &lt;Destek&gt;</rdf:li>"#,
        ] {
            assert!(xml.contains(needle), "missing {needle}");
        }
    }
}
