//! Reading gettext PO as Poedit, Weblate and translate-toolkit write it:
//! a unit is named by its `msgctxt` (kalem's) or its first `#:`
//! reference (translate-toolkit's `xliff2po`), `#, fuzzy` is a unit that
//! needs review, the header's `Language:` names the language, obsolete
//! (`#~`) entries and `#|` previous strings are skipped. Plural forms are
//! refused: kalem's texts have none.

use super::exchange::{ReadError, Received, percent_decoded, position};

/// The keyword whose string is being read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Context,
    Id,
    Str,
}

#[derive(Debug, Default)]
struct Entry {
    context: Option<String>,
    id: Option<String>,
    text: Option<String>,
    references: Vec<String>,
    fuzzy: bool,
    line: usize,
    column: usize,
}

/// The units of a PO text.
pub fn read(text: &str) -> Result<Vec<Received>, ReadError> {
    let mut entries = Vec::new();
    let mut entry = Entry::default();
    let mut field: Option<Field> = None;
    let mut offset = 0;
    for raw in text.split_inclusive('\n') {
        let at = offset;
        offset += raw.len();
        let line = raw.trim_end_matches(['\n', '\r']).trim_start();
        let fail = |message: String| ReadError::at(text, at, message);
        if line.is_empty() {
            continue;
        }
        let (keyword, rest) = line.split_once(char::is_whitespace).map_or((line, ""), |(k, r)| (k, r.trim()));
        if (line.starts_with('#') || matches!(keyword, "msgctxt" | "msgid")) && entry.text.is_some() {
            entries.push(std::mem::take(&mut entry));
            field = None;
        }
        match keyword {
            "#," => entry.fuzzy |= rest.split(',').any(|f| f.trim() == "fuzzy"),
            "#:" => entry.references.extend(rest.split_whitespace().map(str::to_string)),
            k if k.starts_with('#') => {}
            "msgctxt" | "msgid" | "msgstr" => {
                let value = string(rest).map_err(fail)?;
                let (line_no, column) = position(text, at);
                if entry.line == 0 {
                    (entry.line, entry.column) = (line_no, column);
                }
                field = Some(match keyword {
                    "msgctxt" => Field::Context,
                    "msgid" => Field::Id,
                    _ => Field::Str,
                });
                let slot = match field {
                    Some(Field::Context) => &mut entry.context,
                    Some(Field::Id) => &mut entry.id,
                    _ => &mut entry.text,
                };
                *slot = Some(value);
            }
            k if k.starts_with("msgid_plural") || k.starts_with("msgstr[") => return Err(fail("plural forms: kalem's texts have none, translate the singular only".into())),
            _ if line.starts_with('"') => {
                let value = string(line).map_err(fail)?;
                let slot = match field {
                    Some(Field::Context) => &mut entry.context,
                    Some(Field::Id) => &mut entry.id,
                    Some(Field::Str) => &mut entry.text,
                    None => return Err(fail("a string with no msgid or msgstr before it".into())),
                };
                slot.get_or_insert_default().push_str(&value);
            }
            _ => return Err(fail(format!("`{}` is not PO: expected msgctxt, msgid, msgstr, a \"string\" or a # comment", keyword.chars().take(20).collect::<String>()))),
        }
    }
    if entry.id.is_some() {
        entries.push(entry);
    }
    units(entries)
}

/// The entries as units, in the header's language.
fn units(entries: Vec<Entry>) -> Result<Vec<Received>, ReadError> {
    let lang = entries
        .iter()
        .find(|e| e.id.as_deref() == Some("") && e.context.is_none())
        .and_then(|h| h.text.as_deref())
        .and_then(|h| h.lines().find_map(|l| l.strip_prefix("Language:")))
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty());
    let mut out = Vec::new();
    for e in entries.into_iter().filter(|e| !(e.id.as_deref() == Some("") && e.context.is_none())) {
        let aliases: Vec<String> = e.references.iter().map(|r| percent_decoded(r).unwrap_or_else(|| r.clone())).collect();
        let Some(id) = e.context.clone().or_else(|| aliases.first().cloned()) else {
            return Err(ReadError { message: "an entry with neither msgctxt nor a #: reference: kalem cannot tell which unit it is".into(), line: e.line, column: e.column });
        };
        if e.text.is_none() {
            return Err(ReadError { message: "an entry without msgstr".into(), line: e.line, column: e.column });
        }
        let target = e.text.filter(|t| !t.is_empty());
        let state = if target.is_none() { Some("new") } else if e.fuzzy { Some("needs-review-translation") } else { None };
        out.push(Received { id, aliases, source: e.id, target, state: state.map(str::to_string), lang: lang.clone(), line: e.line, column: e.column });
    }
    Ok(out)
}

/// A quoted PO string, unescaped.
fn string(quoted: &str) -> Result<String, String> {
    let inner = quoted.strip_prefix('"').and_then(|q| q.strip_suffix('"')).ok_or_else(|| format!("expected a string in double quotes, found `{}`", quoted.chars().take(30).collect::<String>()))?;
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push(match chars.next() {
                Some('n') => '\n',
                Some('t') => '\t',
                Some('r') => '\r',
                Some('"') => '"',
                Some('\\') => '\\',
                Some('a') => '\u{7}',
                Some('b') => '\u{8}',
                Some('f') => '\u{c}',
                Some('v') => '\u{b}',
                other => return Err(format!("unknown escape `\\{}` in a string", other.map(String::from).unwrap_or_default())),
            }),
            '"' => return Err("a `\"` inside a string must be written `\\\"`".into()),
            c => out.push(c),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_with_context_references_fuzzy_and_crlf() {
        let po = "\u{feff}msgid \"\"\r\nmsgstr \"\"\r\n\"Language: ar\\n\"\r\n\r\n#: signs.items%233\r\n#, fuzzy\r\n#| msgid \"old\"\r\nmsgid \"Hiç \\\"bitmeyen\\\"\"\r\nmsgstr \"\"\r\n\"عليه \"\r\n\"دَين\\n\"\r\n\r\nmsgctxt \"a\"\r\nmsgid \"x\"\r\nmsgstr \"\"\r\n#~ msgid \"gone\"\r\n";
        let units = read(po.trim_start_matches('\u{feff}')).unwrap();
        assert_eq!(units.len(), 2);
        assert_eq!((units[0].id.as_str(), units[0].target.as_deref(), units[0].state.as_deref()), ("signs.items#3", Some("عليه دَين\n"), Some("needs-review-translation")));
        assert_eq!((units[0].source.as_deref(), units[0].lang.as_deref(), units[0].line), (Some("Hiç \"bitmeyen\""), Some("ar"), 8));
        assert_eq!((units[1].id.as_str(), units[1].target.as_deref(), units[1].state.as_deref()), ("a", None, Some("new")));
    }

    #[test]
    fn bad_po_is_named_with_line_and_column() {
        let err = read("msgid \"a\"\nmsgstr \"b\nmsgid \"c\"\n").unwrap_err();
        assert_eq!((err.line, err.column), (2, 1), "{err:?}");
        let err = read("msgctxt \"a\"\nmsgid \"a\"\nmsgid_plural \"as\"\nmsgstr[0] \"b\"\n").unwrap_err();
        assert!(err.message.contains("plural") && err.line == 3, "{err:?}");
        assert!(read("msgid \"a\"\nmsgstr \"b\"\n").unwrap_err().message.contains("neither msgctxt"));
        assert!(read("msgid \"a\\q\"\n").unwrap_err().message.contains("unknown escape"));
    }
}
