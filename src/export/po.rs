//! Gettext PO for Poedit, Weblate and Pontoon: one language per file, one
//! entry per unit with the unit id as `msgctxt` (two keys with the same
//! Turkish text stay two entries), kalem's notes as extracted comments
//! (`#.`), the source line as a reference (`#:`), and a stale unit as
//! `fuzzy` with the source it was translated from as `#| msgid`.

use crate::model::exchange::{Document, State};

/// The PO text of `doc`, dated `date` (`YYYY-MM-DD HH:MM+0000`), or what
/// stops it ([`Document::unwritable`]).
pub fn po(doc: &Document, version: &str, date: &str) -> Result<String, String> {
    if let Some(problem) = doc.unwritable() {
        return Err(problem);
    }
    let mut out = format!(
        "# {target} translation of {original}, from {source}.\n\
         # Written by kalem {version}; read back with `kalem translations import FILE`.\n\
         msgid \"\"\n\
         msgstr \"\"\n\
         \"Project-Id-Version: {original}\\n\"\n\
         \"POT-Creation-Date: {date}\\n\"\n\
         \"PO-Revision-Date: {date}\\n\"\n\
         \"Last-Translator: \\n\"\n\
         \"Language-Team: \\n\"\n\
         \"Language: {target}\\n\"\n\
         \"MIME-Version: 1.0\\n\"\n\
         \"Content-Type: text/plain; charset=UTF-8\\n\"\n\
         \"Content-Transfer-Encoding: 8bit\\n\"\n\
         \"X-Generator: kalem {version}\\n\"\n\
         \"X-Source-Language: {source}\\n\"\n",
        target = doc.target_lang,
        source = doc.source_lang,
        original = doc.original,
    );
    for unit in doc.units.iter().filter(|u| !u.source.is_empty()) {
        out.push('\n');
        for note in &unit.notes {
            for line in note.lines() {
                out.push_str(&format!("#. {line}\n"));
            }
        }
        // The id again as a reference, `#` written `%23` as translate-
        // toolkit writes it: its po2xliff keeps references, not msgctxt.
        out.push_str(&format!("#: {}\n", unit.id.to_string().replace('%', "%25").replace('#', "%23").replace(' ', "%20")));
        if unit.state == State::NeedsReview {
            out.push_str("#, fuzzy\n");
            if let Some(previous) = &unit.previous {
                out.push_str(&string("#| msgid", previous));
            }
        }
        out.push_str(&string("msgctxt", &unit.id.to_string()));
        out.push_str(&string("msgid", &unit.source));
        let translated = !matches!(unit.state, State::New | State::NeedsTranslation);
        out.push_str(&string("msgstr", unit.target.as_deref().filter(|_| translated).unwrap_or("")));
    }
    Ok(out)
}

/// A keyword and its string, split after each line break as gettext
/// writes multi-line strings; on `#|` lines every line carries the mark.
fn string(keyword: &str, text: &str) -> String {
    let lines: Vec<String> = text.split_inclusive('\n').map(escape).collect();
    let prefix = if keyword.starts_with("#|") { "#| " } else { "" };
    match lines.as_slice() {
        [] => format!("{keyword} \"\"\n"),
        [one] => format!("{keyword} \"{one}\"\n"),
        many => {
            let mut out = format!("{keyword} \"\"\n");
            for line in many {
                out.push_str(&format!("{prefix}\"{line}\"\n"));
            }
            out
        }
    }
}

/// C escapes of a PO string.
fn escape(text: &str) -> String {
    text.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n").replace('\t', "\\t").replace('\r', "\\r")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::exchange::Unit;

    fn doc(units: Vec<Unit>) -> Document {
        Document { source_lang: "tr".into(), target_lang: "fa".into(), original: "translations/fa.yaml".into(), units }
    }

    fn unit(id: &str, target: Option<&str>, state: State) -> Unit {
        Unit { id: id.parse().unwrap(), source: "157'yi \"hemen\"\narayın".into(), target: target.map(str::to_string), state, previous: Some("Eski\nmetin".into()), notes: vec!["Used in: post hotline".into()] }
    }

    #[test]
    fn untranslated_fuzzy_with_previous_and_translated_entries() {
        let text = po(&doc(vec![unit("a", None, State::New), unit("b#1", Some("با ۱۵۷"), State::NeedsReview), unit("c", Some("x"), State::Final)]), "0.1.0", "2026-12-05 00:00+0000").unwrap();
        assert!(text.contains("\"Language: fa\\n\"\n\"MIME-Version: 1.0\\n\"\n\"Content-Type: text/plain; charset=UTF-8\\n\""), "{text}");
        assert!(text.contains("#: b%231\n#, fuzzy"), "{text}");
        assert!(text.contains("#. Used in: post hotline\n#: a\nmsgctxt \"a\"\nmsgid \"\"\n\"157'yi \\\"hemen\\\"\\n\"\n\"arayın\"\nmsgstr \"\"\n"), "{text}");
        assert!(text.contains("#, fuzzy\n#| msgid \"\"\n#| \"Eski\\n\"\n#| \"metin\"\nmsgctxt \"b#1\""), "{text}");
        assert!(text.contains("msgctxt \"c\"\nmsgid \"\"\n\"157'yi \\\"hemen\\\"\\n\"\n\"arayın\"\nmsgstr \"x\"\n"), "{text}");
    }
}
