//! Reading XLIFF 1.2 and 1.1 as tools write them: elements of other
//! namespaces are skipped, segments (`<mrk>`) and groups (`<g>`) are
//! joined back into one text, `<alt-trans>` suggestions, `<seg-source>`,
//! units not to translate and a PO header converted by po2xliff are
//! ignored. A DTD is refused outright, and no entity but
//! XML's five and character references is expanded, so a file cannot
//! grow into gigabytes or read other files.

use quick_xml::NsReader;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;

use super::exchange::{ReadError, Received, percent_decoded};

/// The namespaces of XLIFF 1.2 and 1.1.
const NAMESPACES: [&str; 2] = ["urn:oasis:names:tc:xliff:document:1.2", "urn:oasis:names:tc:xliff:document:1.1"];
/// Deepest nesting of elements read.
const MAX_DEPTH: usize = 64;
/// Inline elements that hold codes of a native format, which kalem's
/// texts never have.
const CODES: [&str; 8] = ["x", "bx", "ex", "ph", "bpt", "ept", "it", "sub"];

/// Where the text being read goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sink {
    Source,
    Target,
    Location,
}

#[derive(Default)]
struct State {
    units: Vec<Received>,
    unit: Option<Received>,
    lang: Option<String>,
    /// Depth of the element being skipped (`<alt-trans>`, another
    /// namespace's), if any.
    skipping: Option<usize>,
    into: Option<Sink>,
    depth: usize,
}

/// The units of an XLIFF text.
pub fn read(text: &str) -> Result<Vec<Received>, ReadError> {
    let mut reader = NsReader::from_str(text);
    reader.config_mut().expand_empty_elements = true;
    let mut s = State::default();
    loop {
        let at = usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX);
        let (ns, event) = match reader.read_resolved_event() {
            Ok(read) => read,
            Err(e) => {
                let message = format!("malformed XML: {e}");
                return Err(ReadError::at(text, usize::try_from(reader.error_position()).unwrap_or(at), message));
            }
        };
        let ours = match ns {
            ResolveResult::Bound(n) => NAMESPACES.contains(&n.as_ref()),
            ResolveResult::Unbound => true,
            ResolveResult::Unknown(_) => false,
        };
        let fail = |message: String| ReadError::at(text, at, message);
        match event {
            Event::DocType(_) => return Err(fail("the file declares a DTD (<!DOCTYPE …>): kalem refuses DTDs and the entities they define".into())),
            Event::Start(e) => {
                s.depth += 1;
                if s.depth > MAX_DEPTH {
                    return Err(fail(format!("elements nest more than {MAX_DEPTH} deep")));
                }
                if s.skipping.is_none() {
                    start(&mut s, &e, ours, at, text).map_err(fail)?;
                }
            }
            Event::End(e) => {
                if s.skipping == Some(s.depth) {
                    s.skipping = None;
                } else if s.skipping.is_none() {
                    end(&mut s, e.local_name().as_ref());
                }
                s.depth = s.depth.saturating_sub(1);
            }
            Event::Text(t) => push(&mut s, &t.xml10_content()),
            Event::CData(t) => push(&mut s, &t.into_inner()),
            Event::GeneralRef(r) => {
                let c = match r.resolve_char_ref() {
                    Ok(Some(c)) => c,
                    _ => predefined(&r.into_inner()).ok_or_else(|| fail("the file uses an entity kalem does not expand: only &amp; &lt; &gt; &quot; &apos; and character references are read".into()))?,
                };
                push(&mut s, c.encode_utf8(&mut [0; 4]));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if s.depth != 0 {
        return Err(ReadError::at(text, text.len(), "the file ends inside an element"));
    }
    Ok(s.units)
}

/// XML's predefined entities.
fn predefined(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        _ => return None,
    })
}

fn attribute(e: &BytesStart, name: &str) -> Option<String> {
    e.attributes().flatten().find(|a| a.key.as_ref() == name).and_then(|a| a.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok()).map(|v| v.into_owned())
}

fn start(s: &mut State, e: &BytesStart, ours: bool, at: usize, text: &str) -> Result<(), String> {
    let local = e.local_name();
    let name = local.as_ref();
    if !ours && s.into.is_none() {
        s.skipping = Some(s.depth);
        return Ok(());
    }
    match name {
        "file" => s.lang = attribute(e, "target-language"),
        "trans-unit" if attribute(e, "translate").as_deref() == Some("no") || attribute(e, "restype").as_deref() == Some("x-gettext-domain-header") => s.skipping = Some(s.depth),
        "trans-unit" => {
            let id = attribute(e, "resname").or_else(|| attribute(e, "id")).filter(|i| !i.is_empty()).ok_or("a <trans-unit> without an id")?;
            let (line, column) = super::exchange::position(text, at);
            s.unit = Some(Received { id, lang: s.lang.clone(), line, column, ..Received::default() });
        }
        "alt-trans" | "seg-source" => s.skipping = Some(s.depth),
        "source" if s.unit.is_some() => {
            s.into = Some(Sink::Source);
            if let Some(u) = &mut s.unit {
                u.source = Some(String::new());
            }
        }
        "target" if s.unit.is_some() => {
            s.into = Some(Sink::Target);
            if let Some(u) = &mut s.unit {
                u.target = Some(String::new());
                u.state = attribute(e, "state");
            }
        }
        "context" if attribute(e, "context-type").as_deref() == Some("sourcefile") => {
            if let Some(u) = &mut s.unit {
                u.aliases.push(String::new());
                s.into = Some(Sink::Location);
            }
        }
        code if s.into.is_some_and(|i| i != Sink::Location) && CODES.contains(&code) => {
            return Err(format!("inline code <{code}> in a unit: kalem's texts hold no codes, write the text itself"));
        }
        _ => {}
    }
    Ok(())
}

fn end(s: &mut State, name: &str) {
    match name {
        "source" | "target" | "context" => {
            if s.into == Some(Sink::Location)
                && let Some(last) = s.unit.as_mut().and_then(|u| u.aliases.last_mut())
                && let Some(decoded) = percent_decoded(last)
            {
                *last = decoded;
            }
            s.into = None;
        }
        "trans-unit" => {
            if let Some(mut u) = s.unit.take() {
                u.target = u.target.filter(|t| !t.is_empty());
                s.units.push(u);
            }
        }
        _ => {}
    }
}

/// Text read inside a unit's source, target or location context.
fn push(s: &mut State, text: &str) {
    let (Some(into), Some(u)) = (s.into, &mut s.unit) else { return };
    if s.skipping.is_some() {
        return;
    }
    match into {
        Sink::Source => u.source.get_or_insert_default().push_str(text),
        Sink::Target => u.target.get_or_insert_default().push_str(text),
        Sink::Location => u.aliases.last_mut().into_iter().for_each(|last| last.push_str(text)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = "<?xml version=\"1.0\"?>\r\n<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\" xmlns:okp=\"okapi-framework:xliff-extensions\">\r\n<file original=\"a\" source-language=\"tr\" target-language=\"ar\" datatype=\"plaintext\"><body>\r\n";

    #[test]
    fn segments_entities_and_other_namespaces_read_as_tools_write_them() {
        let doc = format!(
            "{HEAD}<trans-unit id=\"a\"><source>Bir. &amp; İki.</source><seg-source><mrk mtype=\"seg\" mid=\"1\">Bir.</mrk></seg-source>\r\n<target state=\"translated\"><mrk mtype=\"seg\" mid=\"1\">واحد.</mrk> <mrk mtype=\"seg\" mid=\"2\">&#x627;ثنان\r\n.</mrk></target><okp:extra>x</okp:extra><alt-trans><target>old</target></alt-trans><note>n</note></trans-unit>\r\n<trans-unit id=\"3\"><source>x</source><target/><context-group purpose=\"location\"><context context-type=\"sourcefile\">signs.items%233</context></context-group></trans-unit></body></file></xliff>"
        );
        let units = read(&doc).unwrap();
        assert_eq!(units[0].target.as_deref(), Some("واحد. اثنان\n."));
        assert_eq!((units[0].source.as_deref(), units[0].state.as_deref(), units[0].lang.as_deref(), units[0].line), (Some("Bir. & İki."), Some("translated"), Some("ar"), 4));
        assert_eq!((units[1].target.as_deref(), units[1].aliases.as_slice()), (None, &["signs.items#3".to_string()][..]));
    }

    #[test]
    fn dtds_entities_codes_and_broken_files_are_refused_with_their_place() {
        let bomb = "<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY a \"aaaa\">]>\n<xliff/>";
        let err = read(bomb).unwrap_err();
        assert!(err.message.contains("DTD") && err.line == 2, "{err:?}");
        let entity = format!("{HEAD}<trans-unit id=\"a\"><source>&a;</source></trans-unit></body></file></xliff>");
        assert!(read(&entity).unwrap_err().message.contains("entity"));
        let code = format!("{HEAD}<trans-unit id=\"a\"><source>x</source><target>y<ph id=\"1\">{{0}}</ph></target></trans-unit></body></file></xliff>");
        assert!(read(&code).unwrap_err().message.contains("<ph>"));
        let broken = format!("{HEAD}<trans-unit id=\"a\"><source>x</target></trans-unit>");
        let err = read(&broken).unwrap_err();
        assert!(err.message.starts_with("malformed XML") && err.line == 4, "{err:?}");
        let no_id = format!("{HEAD}<trans-unit><source>x</source></trans-unit></body></file></xliff>");
        assert!(read(&no_id).unwrap_err().message.contains("without an id"));
    }
}
