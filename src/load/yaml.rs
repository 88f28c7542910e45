//! Typed YAML parsing whose errors name file, line, column and a fix.

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::diag::{Diagnostic, Location};

/// Parses `source` (the text of `file`) into `T`, turning serde's messages
/// into diagnostics a designer can act on.
pub fn parse<T: DeserializeOwned>(source: &str, file: &Path) -> Result<T, Diagnostic> {
    serde_yaml_ng::from_str(source).map_err(|err| to_diagnostic(&err, file))
}

fn to_diagnostic(err: &serde_yaml_ng::Error, file: &Path) -> Diagnostic {
    let full = err.to_string();
    // A scanner error reads "problem at line A column B, while context at
    // line C column D": the context (where the quote or bracket opened) is
    // the place to look at.
    let context = full.split_once(", while ").map(|(_, c)| c);
    let location = match (context.and_then(line_column), err.location()) {
        (Some((line, column)), _) => Location::at(file, line, column),
        (None, Some(l)) => Location::at(file, l.line(), l.column()),
        (None, None) => Location::file(file),
    };
    let text = strip_positions(&full);
    let text = text.as_str();
    let (path, message) = split_path(text);
    let (message, hint) = explain(message);
    let message = match path {
        Some(path) => format!("{message} (in `{path}`)"),
        None => message,
    };
    Diagnostic::error(message).at(location).hint(hint)
}

/// The "line N column M" at the end of a message, if any.
fn line_column(text: &str) -> Option<(usize, usize)> {
    let rest = &text[text.rfind("line ")? + 5..];
    let (line, rest) = rest.split_once(" column ")?;
    let column: String = rest.chars().take_while(char::is_ascii_digit).collect();
    Some((line.parse().ok()?, column.parse().ok()?))
}

/// The message without its " at line N column M" parts.
fn strip_positions(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find(" at line ") {
        out.push_str(&rest[..i]);
        let tail = &rest[i + " at line ".len()..];
        let skip = tail.find(|c: char| c == ',').unwrap_or(tail.len());
        rest = &tail[skip..];
    }
    out.push_str(rest);
    out
}

/// Splits serde_yaml's `path.to.key: message` into its two parts.
fn split_path(text: &str) -> (Option<&str>, &str) {
    match text.split_once(": ") {
        Some((path, rest)) if !path.contains(' ') => (Some(path), rest),
        _ => (None, text),
    }
}

/// Rewrites serde's message in kalem's words and adds a hint.
fn explain(message: &str) -> (String, String) {
    if let Some(rest) = message.strip_prefix("unknown field ") {
        let (name, allowed) = name_and_allowed(rest);
        let hint = suggestion(&name, &allowed, "key");
        return (format!("unknown key `{name}`"), hint);
    }
    if let Some(rest) = message.strip_prefix("unknown variant ") {
        let (name, allowed) = name_and_allowed(rest);
        let hint = suggestion(&name, &allowed, "value");
        return (format!("unknown value `{name}`"), hint);
    }
    if let Some(rest) = message.strip_prefix("missing field ") {
        let name = rest.trim_matches('`');
        return (format!("missing key `{name}`"), format!("add `{name}:` here"));
    }
    if let Some(number) = message.strip_prefix("invalid type: integer `").and_then(|m| m.strip_suffix("`, expected f64")) {
        return (
            format!("the number is written in a notation kalem does not read as a measure (it means {number})"),
            format!("write it as a plain decimal number: `{number}`"),
        );
    }
    if message.starts_with("invalid type") || message.starts_with("invalid value") {
        let message = message.replace("a YAML tag starting with '!'", "one name");
        return (message, "check the value's type against the README's YAML reference".into());
    }
    if message.contains("recursion limit") || message.contains("repetition limit") {
        return (
            "the file nests or repeats too deeply".into(),
            "remove anchors and aliases that expand into each other".into(),
        );
    }
    (
        format!("yaml syntax error: {message}"),
        "check indentation, colons and quotes on this line and the one before; text with `:` or `#` needs quotes".into(),
    )
}

/// Reads "`name`, expected one of `a`, `b`" (or "expected `a`").
fn name_and_allowed(rest: &str) -> (String, Vec<String>) {
    let mut parts = rest.splitn(2, ", expected ");
    let name = parts.next().unwrap_or_default().trim_matches('`').to_string();
    let allowed = parts
        .next()
        .unwrap_or_default()
        .trim_start_matches("one of ")
        .split([',', ' '])
        .filter(|s| *s != "or")
        .map(|s| s.trim_matches('`').to_string())
        .filter(|s| !s.is_empty() && s != "nothing")
        .collect();
    (name, allowed)
}

/// "did you mean `x`?" when a close name exists, plus the allowed names.
pub fn suggestion(name: &str, allowed: &[String], what: &str) -> String {
    let allowed_list = allowed.iter().map(|a| format!("`{a}`")).collect::<Vec<_>>().join(", ");
    match closest(name, allowed) {
        Some(best) => format!("did you mean `{best}`? allowed {what}s here: {allowed_list}"),
        None if allowed.is_empty() => format!("remove this {what}"),
        None => format!("allowed {what}s here: {allowed_list}"),
    }
}

/// The allowed name closest to `name`, if it is close enough to be a typo.
pub fn closest<'a>(name: &str, allowed: &'a [String]) -> Option<&'a str> {
    allowed
        .iter()
        .map(|a| (strsim::damerau_levenshtein(name, a), a))
        .filter(|(d, a)| *d <= (a.chars().count() / 3).max(1) + 1)
        .min_by_key(|(d, _)| *d)
        .map(|(_, a)| a.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Sample {
        format: String,
        languages: Vec<String>,
    }

    #[test]
    fn unknown_key_gets_line_column_and_did_you_mean() {
        let err = parse::<Sample>("format: a4\nlanguagse: [tr]\n", Path::new("b.yaml")).unwrap_err();
        assert_eq!(err.location, Some(Location::at("b.yaml", 2, 1)));
        assert_eq!(err.message, "unknown key `languagse`");
        assert!(err.hint.as_deref().unwrap_or("").starts_with("did you mean `languages`?"), "{err:?}");
    }

    #[test]
    fn syntax_error_names_the_line() {
        let err = parse::<Sample>("format: a4\n  languages: [tr\n", Path::new("b.yaml")).unwrap_err();
        assert!(err.message.starts_with("yaml syntax error"), "{}", err.message);
        assert!(err.location.unwrap().line >= 2);
    }

    #[test]
    fn unclosed_quote_points_where_the_quote_opens() {
        let err = parse::<Sample>("format: \"a4\nlanguages: [tr]\n", Path::new("b.yaml")).unwrap_err();
        assert_eq!(err.location, Some(Location::at("b.yaml", 1, 9)), "{err}");
        assert!(!err.message.contains("at line"), "{}", err.message);
    }

    #[test]
    fn wrong_type_is_explained() {
        let err = parse::<Sample>("format: a4\nlanguages: tr\n", Path::new("b.yaml")).unwrap_err();
        assert!(err.message.contains("invalid type"), "{}", err.message);
        assert_eq!(err.location.unwrap().line, 2);
    }

    #[test]
    fn closest_ignores_far_names() {
        let allowed = vec!["heading".to_string(), "text".to_string()];
        assert_eq!(closest("heding", &allowed), Some("heading"));
        assert_eq!(closest("zzzzzz", &allowed), None);
    }
}
