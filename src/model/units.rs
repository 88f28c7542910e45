//! Translation units: the strings a translator translates one by one. A
//! key of one string is one unit (`cover.title`); a list is one unit per
//! item (`signs.items#3`, counted from 1) and a table one per cell
//! (`rows#2.1`: row 2, cell 1). Lock files, the exchange files (XLIFF,
//! PO) and every message use these ids, so a changed third item marks
//! that item and nothing else.

use std::fmt;
use std::str::FromStr;

use sha2::{Digest, Sha256};

use super::translations::{Entry, Text, Translations};
use crate::load::spans::Seg;

/// Hex digits of SHA-256 kept in a fingerprint: 48 bits, enough to tell
/// the versions of one string apart, short enough to read in a diff.
const FINGERPRINT_HEX: usize = 12;

/// Where a unit is: a key, and within it a list item or a table cell.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct UnitId {
    /// The dotted translation key.
    pub key: String,
    /// The item of a list or the row of a table, from 1.
    pub item: Option<usize>,
    /// The cell of a table row, from 1.
    pub cell: Option<usize>,
}

impl UnitId {
    /// The unit of a key holding one string.
    pub fn key(key: &str) -> UnitId {
        UnitId { key: key.to_string(), item: None, cell: None }
    }

    /// The unit a value of a translation file stands for, from its path
    /// of keys and indices (as [`Translations::parse`] flattens them).
    pub fn from_path(path: &[Seg]) -> Option<UnitId> {
        let keys: Vec<&str> = path.iter().map_while(|s| match s {
            Seg::Key(k) => Some(k.as_str()),
            Seg::Index(_) => None,
        }).collect();
        let indices: Vec<usize> = path[keys.len()..].iter().map(|s| match s {
            Seg::Index(i) => Some(i + 1),
            Seg::Key(_) => None,
        }).collect::<Option<_>>()?;
        let (item, cell) = match indices.as_slice() {
            [] => (None, None),
            [i] => (Some(*i), None),
            [r, c] => (Some(*r), Some(*c)),
            _ => return None,
        };
        (!keys.is_empty()).then(|| UnitId { key: keys.join("."), item, cell })
    }
}

impl fmt::Display for UnitId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.key)?;
        if let Some(item) = self.item {
            write!(f, "#{item}")?;
        }
        if let Some(cell) = self.cell {
            write!(f, ".{cell}")?;
        }
        Ok(())
    }
}

impl FromStr for UnitId {
    type Err = String;

    /// Reads `key`, `key#3` or `key#2.1`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || format!("`{s}` is not a unit id: write `key`, `key#3` (a list item) or `key#2.1` (row 2, cell 1 of a table)");
        let number = |n: &str| n.parse::<usize>().ok().filter(|n| *n > 0).ok_or_else(bad);
        let (key, place) = match s.split_once('#') {
            Some((key, place)) => (key, Some(place)),
            None => (s, None),
        };
        if key.is_empty() || key.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(bad());
        }
        let (item, cell) = match place.map(|p| p.split_once('.').map_or((p, None), |(a, b)| (a, Some(b)))) {
            None => (None, None),
            Some((item, cell)) => (Some(number(item)?), cell.map(number).transpose()?),
        };
        Ok(UnitId { key: key.to_string(), item, cell })
    }
}

/// The fingerprint of a string: the first hex digits of its SHA-256. A
/// no-break space counts as a space: tying words together (README, "Words
/// that stay together") changes where a line may break, not what the text
/// says, so a reviewed translation stays reviewed.
pub fn fingerprint(text: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let digest = Sha256::digest(text.replace('\u{A0}', " ").as_bytes());
    digest.iter().take(FINGERPRINT_HEX / 2).flat_map(|b| [HEX[usize::from(b >> 4)], HEX[usize::from(b & 15)]]).map(char::from).collect()
}

/// The units of one entry, in order.
pub fn entry_units<'a>(key: &str, entry: &'a Entry) -> Vec<(UnitId, &'a Text)> {
    let id = |item: Option<usize>, cell: Option<usize>| UnitId { key: key.to_string(), item, cell };
    match entry {
        Entry::Text(t) => vec![(id(None, None), t)],
        Entry::List(items) => items.iter().enumerate().map(|(i, t)| (id(Some(i + 1), None), t)).collect(),
        Entry::Rows(rows) => rows
            .iter()
            .enumerate()
            .flat_map(|(r, row)| row.iter().enumerate().map(move |(c, t)| (UnitId { key: key.to_string(), item: Some(r + 1), cell: Some(c + 1) }, t)))
            .collect(),
    }
}

impl Translations {
    /// Every unit of the file, in key order.
    pub fn units(&self) -> Vec<(UnitId, &Text)> {
        self.entries.iter().flat_map(|(key, entry)| entry_units(key, entry)).collect()
    }

    /// The text of one unit, if the file has it.
    pub fn unit(&self, id: &UnitId) -> Option<&Text> {
        match (self.entries.get(&id.key)?, id.item, id.cell) {
            (Entry::Text(t), None, None) => Some(t),
            (Entry::List(items), Some(i), None) => items.get(i.checked_sub(1)?),
            (Entry::Rows(rows), Some(r), Some(c)) => rows.get(r.checked_sub(1)?)?.get(c.checked_sub(1)?),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn ids_read_back_and_sort_items_by_number() {
        for id in ["cover.title", "signs.items#3", "rows#2.1"] {
            assert_eq!(id.parse::<UnitId>().unwrap().to_string(), id);
        }
        for bad in ["", "a#0", "a#x", "a#1.", "a b", "#2"] {
            assert!(bad.parse::<UnitId>().is_err(), "{bad}");
        }
        let (two, ten): (UnitId, UnitId) = ("a#2".parse().unwrap(), "a#10".parse().unwrap());
        assert!(two < ten);
    }

    #[test]
    fn lists_and_tables_are_units_per_item_and_cell() {
        let t = Translations::parse("tr", Path::new("t.yaml"), "a: x\nb:\n  - one\n  - two\nc:\n  - - r1c1\n    - r1c2\n").unwrap();
        let ids: Vec<String> = t.units().iter().map(|(id, _)| id.to_string()).collect();
        assert_eq!(ids, ["a", "b#1", "b#2", "c#1.1", "c#1.2"]);
        assert_eq!(t.unit(&"b#2".parse().unwrap()).map(|t| t.text.as_str()), Some("two"));
        assert_eq!(t.unit(&"c#1.2".parse().unwrap()).map(|t| t.line), Some(7));
        assert_eq!(t.unit(&"b#3".parse().unwrap()), None);
        assert_eq!(t.unit(&"a#1".parse().unwrap()), None);
    }

    #[test]
    fn paths_of_values_name_their_units() {
        let key = |k: &str| Seg::Key(k.into());
        assert_eq!(UnitId::from_path(&[key("a"), key("b")]).map(|u| u.to_string()).as_deref(), Some("a.b"));
        assert_eq!(UnitId::from_path(&[key("rows"), Seg::Index(1), Seg::Index(0)]).map(|u| u.to_string()).as_deref(), Some("rows#2.1"));
        assert_eq!(UnitId::from_path(&[key("a"), Seg::Index(0), key("b")]), None);
    }

    #[test]
    fn fingerprints_are_short_and_differ() {
        assert_eq!(fingerprint("157").len(), FINGERPRINT_HEX);
        assert_ne!(fingerprint("157'yi arayın"), fingerprint("157'yi arayın."));
        assert_eq!(fingerprint("على مدار الساعة"), fingerprint("على\u{A0}مدار\u{A0}الساعة"));
    }
}
