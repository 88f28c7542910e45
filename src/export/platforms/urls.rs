//! URLs as twitter-text finds them, so that X's count can give each one the
//! fixed length of its link shortener.
//!
//! A port of twitter-text 3's `extractUrlsWithIndices` (its `extractUrl`
//! pattern, run from left to right as the JavaScript library does): an
//! optional `http://` or `https://`, a domain whose last label is a known
//! top-level domain (`tlds.txt`), an optional port, path and query. Without
//! a protocol only the ASCII domains inside count, and not after `@`, `$`,
//! `#`, a letter, a digit or `-_./` (so e-mail addresses are no URLs), and
//! only where each label of the domain, punycode-encoded, has 1 to 63
//! characters and the URL at most 4,096.

use std::collections::HashSet;
use std::ops::Range;
use std::sync::LazyLock;

/// The top-level domains, lower case.
static TLDS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| include_str!("tlds.txt").lines().filter(|l| !l.starts_with('#') && !l.is_empty()).collect());

/// The longest top-level domain, in characters.
static LONGEST_TLD: LazyLock<usize> = LazyLock::new(|| TLDS.iter().map(|t| t.chars().count()).max().unwrap_or(0));

/// A `t.co` link's slug may have at most this many characters.
const MAX_TCO_SLUG: usize = 40;

/// The most characters of a domain label, punycode-encoded (DNS).
const MAX_LABEL: usize = 63;

/// The most characters of a URL, its domain punycode-encoded.
const MAX_URL: usize = 4096;

/// The byte ranges of the URLs in `text`, in order.
pub fn find(text: &str) -> Vec<Range<usize>> {
    let chars: Vec<char> = text.chars().collect();
    let offsets: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
    let byte = |i: usize| offsets.get(i).copied().unwrap_or(text.len());
    let mut urls = Vec::new();
    let mut from = 0;
    while let Some(found) = next_match(&chars, from) {
        from = found.end;
        let start = found.start;
        // twitter-text counts the protocol twice, or `https://` when none.
        let protocol = if found.protocol { found.domain_start - start } else { "https://".len() };
        if !fits_dns(&chars[found.domain_start..found.domain_end], found.end - start + protocol) {
            continue;
        }
        if found.protocol {
            match tco_end(&chars[start..found.end]) {
                Some(Some(len)) => urls.push(byte(start)..byte(start + len)),
                Some(None) => {}
                None => urls.push(byte(start)..byte(found.end)),
            }
            continue;
        }
        if found.before.is_some_and(|c| matches!(c, '-' | '_' | '.' | '/')) {
            continue;
        }
        let mut ascii = ascii_domains(&chars[start..found.domain_end]);
        if let Some(last) = ascii.last_mut().filter(|_| found.has_path) {
            last.end = found.end - start;
        }
        urls.extend(ascii.into_iter().map(|r| byte(start + r.start)..byte(start + r.end)));
    }
    urls
}

/// One match of twitter-text's URL pattern, in character indices.
struct Match {
    /// The character before the URL, if the match did not start the text.
    before: Option<char>,
    start: usize,
    protocol: bool,
    domain_start: usize,
    domain_end: usize,
    has_path: bool,
    end: usize,
}

/// The leftmost match at or after `from`: a valid preceding character (or
/// the start of the text), then a URL.
fn next_match(chars: &[char], from: usize) -> Option<Match> {
    for m in from..chars.len() {
        let c = chars[m];
        if precedes(c) && let Some(found) = url_at(chars, m + 1, Some(c)) {
            return Some(found);
        }
        if m == 0 && let Some(found) = url_at(chars, 0, None) {
            return Some(found);
        }
    }
    None
}

/// A URL starting at `start`: protocol, domain, port, path, query.
fn url_at(chars: &[char], start: usize, before: Option<char>) -> Option<Match> {
    let after_protocol = ["https://", "http://"].iter().find_map(|p| starts_with_ignoring_case(chars, start, p));
    let (protocol, domain_start, domain_end) = match after_protocol.and_then(|p| Some((p, domain(chars, p)?))) {
        Some((from, end)) => (true, from, end),
        None => (false, start, domain(chars, start)?),
    };
    let mut end = domain_end;
    if chars.get(end) == Some(&':') {
        let digits = chars[end + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
        if digits > 0 {
            end += 1 + digits;
        }
    }
    let has_path = chars.get(end) == Some(&'/');
    if has_path {
        end = path_end(chars, end + 1);
    }
    if chars.get(end) == Some(&'?') {
        let run = chars[end + 1..].iter().take_while(|&&c| query_char(c)).count();
        if let Some(last) = chars[end + 1..end + 1 + run].iter().rposition(|&c| query_ending_char(c)) {
            end += 2 + last;
        }
    }
    Some(Match { before, start, protocol, domain_start, domain_end, has_path, end })
}

/// The end of a domain starting at `start`: labels of domain characters
/// (subdomains may hold `_`, the last label only `-`), each followed by a
/// dot, then a top-level domain; the most labels that make one.
fn domain(chars: &[char], start: usize) -> Option<usize> {
    let labels = labels(chars, start, |c| domain_char(c) || c == '-' || c == '_');
    let ends_well = |l: &Range<usize>| domain_char(chars[l.start]) && domain_char(chars[l.end - 1]);
    (1..=labels.len()).rev().find_map(|k| {
        let (subs, name) = (&labels[..k - 1], &labels[k - 1]);
        let valid = subs.iter().all(ends_well) && ends_well(name) && !chars[name.clone()].contains(&'_');
        valid.then(|| tld_end(chars, name.end + 1, chars.len())).flatten()
    })
}

/// The labels from `start` on, each a non-empty run of `label_char`
/// followed by a dot (not included).
fn labels(chars: &[char], start: usize, label_char: impl Fn(char) -> bool) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut at = start;
    loop {
        let len = chars[at.min(chars.len())..].iter().take_while(|&&c| label_char(c)).count();
        if len == 0 || chars.get(at + len) != Some(&'.') {
            return out;
        }
        out.push(at..at + len);
        at += len + 1;
    }
}

/// The end of a top-level domain at `at` that is not followed (before
/// `limit`) by an ASCII letter or digit, `@`, `+` or `-`; the longest
/// known one, or a punycode `xn--…`.
fn tld_end(chars: &[char], at: usize, limit: usize) -> Option<usize> {
    let free = |end: usize| end >= limit || !(chars[end].is_ascii_alphanumeric() || matches!(chars[end], '@' | '+' | '-'));
    let longest = (*LONGEST_TLD).min(limit.saturating_sub(at));
    let known = (1..=longest).rev().find(|&len| {
        let candidate: String = chars[at..at + len].iter().flat_map(|c| c.to_lowercase()).collect();
        TLDS.contains(candidate.as_str()) && free(at + len)
    });
    known.map(|len| at + len).or_else(|| {
        let after = starts_with_ignoring_case(&chars[..limit], at, "xn--")?;
        let len = chars[after..limit].iter().take_while(|c| c.is_ascii_alphanumeric() || **c == '-').count();
        (len > 0).then_some(after + len)
    })
}

/// The ASCII domains inside a domain found without a protocol, as
/// character ranges within it.
fn ascii_domains(domain: &[char]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut at = 0;
    while at < domain.len() {
        let labels = labels(domain, at, |c| c == '-' || c.is_ascii_alphanumeric() || latin_accent(c));
        match (1..=labels.len()).rev().find_map(|k| tld_end(domain, labels[k - 1].end + 1, domain.len())) {
            Some(end) => {
                out.push(at..end);
                at = end;
            }
            None => at += 1,
        }
    }
    out
}

/// Whether a domain is one DNS can hold: each label, punycode-encoded,
/// of 1 to [`MAX_LABEL`] characters, a punycode domain all ASCII, and the
/// URL (`length` characters with its protocol) within [`MAX_URL`] once the
/// domain is encoded.
fn fits_dns(domain: &[char], length: usize) -> bool {
    let text: String = domain.iter().collect();
    if starts_with_ignoring_case(domain, 0, "xn--").is_some() && !text.is_ascii() {
        return false;
    }
    let mut encoded = 0;
    for label in text.split('.') {
        let Some(ascii) = (if label.is_ascii() { Some(label.to_string()) } else { idna::punycode::encode_str(label).map(|p| format!("xn--{p}")) }) else {
            return false;
        };
        if ascii.is_empty() || ascii.len() > MAX_LABEL {
            return false;
        }
        encoded += ascii.len() + 1;
    }
    length + encoded.saturating_sub(1) <= MAX_URL + domain.len()
}

/// For a URL with a protocol: `None` unless it is a `t.co` link; then the
/// length of the link without what follows its slug and query, or `None`
/// inside when its slug is too long to be one.
fn tco_end(url: &[char]) -> Option<Option<usize>> {
    let host = ["https://t.co/", "http://t.co/"].iter().find_map(|p| starts_with_ignoring_case(url, 0, p))?;
    let slug = url[host..].iter().take_while(|c| c.is_ascii_alphanumeric()).count();
    if slug == 0 {
        return None;
    }
    if slug > MAX_TCO_SLUG {
        return Some(None);
    }
    let mut end = host + slug;
    if url.get(end) == Some(&'?') {
        let run = url[end + 1..].iter().take_while(|&&c| query_char(c)).count();
        if let Some(last) = url[end + 1..end + 1 + run].iter().rposition(|&c| query_ending_char(c)) {
            end += 2 + last;
        }
    }
    Some(Some(end))
}

/// The end of a path whose first character is at `at`: path characters and
/// balanced parentheses, up to the last one a path may end with.
fn path_end(chars: &[char], at: usize) -> usize {
    let (mut pos, mut end) = (at, at);
    loop {
        if let Some(&c) = chars.get(pos).filter(|&&c| path_char(c)) {
            pos += 1;
            if path_ending_char(c) {
                end = pos;
            }
        } else if let Some(len) = balanced_parens(chars, pos) {
            pos += len;
            end = pos;
        } else {
            return end;
        }
    }
}

/// The length of `(…)` or `(…(…)…)` of path characters at `at`.
fn balanced_parens(chars: &[char], at: usize) -> Option<usize> {
    let run = |from: usize| chars[from.min(chars.len())..].iter().take_while(|&&c| path_char(c)).count();
    if chars.get(at) != Some(&'(') {
        return None;
    }
    let first = run(at + 1);
    let mut pos = at + 1 + first;
    if first > 0 && chars.get(pos) == Some(&')') {
        return Some(pos + 1 - at);
    }
    if chars.get(pos) != Some(&'(') {
        return None;
    }
    let inner = run(pos + 1);
    pos += 1 + inner;
    if inner == 0 || chars.get(pos) != Some(&')') {
        return None;
    }
    pos += 1 + run(pos + 1);
    (chars.get(pos) == Some(&')')).then_some(pos + 1 - at)
}

/// Where `text` (ASCII) ends if `chars` has it at `at`, any case.
fn starts_with_ignoring_case(chars: &[char], at: usize, text: &str) -> Option<usize> {
    let len = text.chars().count();
    let here = chars.get(at..at + len)?;
    here.iter().zip(text.chars()).all(|(a, b)| a.eq_ignore_ascii_case(&b)).then_some(at + len)
}

/// A character a URL may follow: not an ASCII letter or digit, `@`, `$`,
/// `#` (nor their full-width forms) or a non-character.
fn precedes(c: char) -> bool {
    !(c.is_ascii_alphanumeric() || matches!(c, '@' | '＠' | '$' | '#' | '＃' | '\u{FFFE}' | '\u{FEFF}' | '\u{FFFF}'))
}

/// A character of a domain label: anything but ASCII punctuation, spaces,
/// non-characters and directional marks.
fn domain_char(c: char) -> bool {
    let punctuation = c.is_ascii_punctuation() && !matches!(c, '"' | '`');
    let space = matches!(c, '\t'..='\r' | ' ' | '\u{85}' | '\u{A0}' | '\u{1680}' | '\u{180E}' | '\u{2000}'..='\u{200A}' | '\u{2028}' | '\u{2029}' | '\u{202F}' | '\u{205F}' | '\u{3000}');
    let invalid = matches!(c, '\u{FFFE}' | '\u{FEFF}' | '\u{FFFF}');
    let directional = matches!(c, '\u{202A}'..='\u{202E}' | '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{2066}'..='\u{2069}');
    !(punctuation || space || invalid || directional)
}

/// Latin letters with accents, and combining accents, as twitter-text
/// lists them.
fn latin_accent(c: char) -> bool {
    matches!(c, '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{F6}' | '\u{F8}'..='\u{24F}' | '\u{253}' | '\u{254}' | '\u{256}' | '\u{257}' | '\u{259}' | '\u{25B}' | '\u{263}' | '\u{268}' | '\u{26F}' | '\u{272}' | '\u{289}' | '\u{28B}' | '\u{2BB}' | '\u{300}'..='\u{36F}' | '\u{1E00}'..='\u{1EFF}')
}

/// A letter or digit a path may hold anywhere, and end with.
fn path_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || ('\u{400}'..='\u{4FF}').contains(&c) || latin_accent(c)
}

/// A character of a path.
fn path_char(c: char) -> bool {
    path_word_char(c) || "!*';:=+,.$/%#[]-\u{2013}_~@|&".contains(c)
}

/// A character a path may end with.
fn path_ending_char(c: char) -> bool {
    path_word_char(c) || "+-=_#/".contains(c)
}

/// A character of a query.
fn query_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "!?*'@();:&=+$/%#[]-_.,~|".contains(c)
}

/// A character a query may end with.
fn query_ending_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "-_&=#/".contains(c)
}

#[cfg(test)]
mod tests;
