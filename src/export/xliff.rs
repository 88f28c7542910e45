//! XLIFF 1.2 for CAT tools (OmegaT, memoQ, Trados, Weblate, Crowdin):
//! one `<file>` per language, one `<trans-unit>` per unit with its
//! source, its target in its state, the source it was translated from
//! when that changed (`<alt-trans alttranstype="previous-version">`), and
//! kalem's notes. Written with quick-xml, which escapes every text and
//! attribute, so a `<` or `&` in a sentence cannot make the file invalid.

use std::io;

use quick_xml::Writer;
use quick_xml::escape::partial_escape;
use quick_xml::events::{BytesDecl, BytesText, Event};

use crate::model::exchange::{Document, State, Unit};

/// XLIFF 1.2's namespace.
pub const NAMESPACE: &str = "urn:oasis:names:tc:xliff:document:1.2";

/// The XLIFF text of `documents`, or what stops it: a unit whose text
/// the exchange formats cannot carry ([`Document::unwritable`]).
pub fn xliff(documents: &[Document], version: &str) -> Result<String, String> {
    if let Some(problem) = documents.iter().find_map(Document::unwritable) {
        return Err(problem);
    }
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    write(&mut w, documents, version).map_err(|e| e.to_string())?;
    let mut text = String::from_utf8(w.into_inner()).map_err(|e| e.to_string())?;
    text.push('\n');
    Ok(text)
}

fn write(w: &mut Writer<Vec<u8>>, documents: &[Document], version: &str) -> io::Result<()> {
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    w.create_element("xliff").with_attributes([("version", "1.2"), ("xmlns", NAMESPACE)]).write_inner_content(|w| {
        for doc in documents {
            let attributes = [("original", doc.original.as_str()), ("source-language", &doc.source_lang), ("target-language", &doc.target_lang), ("datatype", "plaintext")];
            w.create_element("file").with_attributes(attributes).write_inner_content(|w| {
                w.create_element("header").write_inner_content(|w| {
                    w.create_element("tool").with_attributes([("tool-id", "kalem"), ("tool-name", "kalem"), ("tool-version", version)]).write_empty()?;
                    Ok(())
                })?;
                w.create_element("body").write_inner_content(|w| doc.units.iter().try_for_each(|u| unit(w, u, doc)))?;
                Ok(())
            })?;
        }
        Ok(())
    })?;
    Ok(())
}

/// One `<trans-unit>`.
fn unit(w: &mut Writer<Vec<u8>>, u: &Unit, doc: &Document) -> io::Result<()> {
    let id = u.id.to_string();
    let mut element = w.create_element("trans-unit").with_attributes([("id", id.as_str()), ("resname", id.as_str()), ("xml:space", "preserve")]);
    if u.state == State::Final {
        element = element.with_attribute(("approved", "yes"));
    }
    element.write_inner_content(|w| {
        text(w, "source", &u.source, &[("xml:lang", &doc.source_lang)])?;
        text(w, "target", u.target.as_deref().unwrap_or(""), &[("xml:lang", &doc.target_lang), ("state", u.state.xliff())])?;
        if let (Some(previous), Some(target)) = (&u.previous, &u.target) {
            w.create_element("alt-trans").with_attribute(("alttranstype", "previous-version")).write_inner_content(|w| {
                text(w, "source", previous, &[("xml:lang", &doc.source_lang)])?;
                text(w, "target", target, &[("xml:lang", &doc.target_lang)])
            })?;
        }
        u.notes.iter().try_for_each(|note| text(w, "note", note, &[("from", "kalem")]))
    })?;
    Ok(())
}

/// An element holding only `content`; an empty one is written `<a/>`.
fn text(w: &mut Writer<Vec<u8>>, name: &str, content: &str, attributes: &[(&str, &str)]) -> io::Result<()> {
    let element = w.create_element(name).with_attributes(attributes.iter().copied());
    if content.is_empty() {
        element.write_empty()?;
    } else {
        element.write_text_content(BytesText::from_escaped(partial_escape(content)))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::units::UnitId;

    fn unit(id: &str, target: Option<&str>, state: State, previous: Option<&str>) -> Unit {
        Unit { id: id.parse().unwrap_or_else(|_| UnitId::key(id)), source: "157'yi <hemen> & arayın".into(), target: target.map(str::to_string), state, previous: previous.map(str::to_string), notes: vec!["Used in: panel cover".into()] }
    }

    #[test]
    fn every_state_escapes_and_the_previous_source() {
        let doc = Document {
            source_lang: "tr".into(),
            target_lang: "ar".into(),
            original: "translations/ar.yaml".into(),
            units: vec![unit("a", None, State::New, None), unit("b#2", Some("اتصل"), State::NeedsReview, Some("157'yi arayın")), unit("c", Some("x"), State::Final, None)],
        };
        let text = xliff(&[doc], "0.1.0").unwrap();
        assert!(text.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">"), "{text}");
        assert!(text.contains("<source xml:lang=\"tr\">157'yi &lt;hemen&gt; &amp; arayın</source>"), "{text}");
        assert!(text.contains("<target xml:lang=\"ar\" state=\"new\"/>"), "{text}");
        assert!(text.contains("<trans-unit id=\"b#2\" resname=\"b#2\" xml:space=\"preserve\">"), "{text}");
        assert!(text.contains("<alt-trans alttranstype=\"previous-version\">"), "{text}");
        assert!(text.contains("approved=\"yes\"") && text.contains("state=\"final\""), "{text}");
        assert!(text.contains("<note from=\"kalem\">Used in: panel cover</note>"), "{text}");
    }

    #[test]
    fn a_control_character_is_named_not_written() {
        let mut bad = unit("a", Some("x\u{1}"), State::Translated, None);
        bad.notes.clear();
        let doc = Document { source_lang: "tr".into(), target_lang: "ar".into(), original: "o".into(), units: vec![bad] };
        assert!(xliff(&[doc], "0").unwrap_err().contains("`a` holds U+0001"));
    }
}
