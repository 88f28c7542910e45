//! Data tables: a CSV file (UTF-8, a header row, one record a line or a
//! quoted cell over several) read into cells that know their line and
//! column, so that every later message can point at one cell. Bidi
//! controls are refused in every cell, as in every YAML file.

use std::path::{Path, PathBuf};

use super::invisible::{describe, is_bidi_control};
use super::read_text;
use crate::diag::{Diagnostic, Diagnostics, Location};

/// A data table as read: its header and its rows of cells.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// The file, relative to the project root.
    pub file: PathBuf,
    /// The column names of the header row, in order.
    pub header: Vec<String>,
    /// The rows under the header, in order.
    pub rows: Vec<Row>,
}

/// One row of a table.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The line the row starts on, from 1 (the header is line 1).
    pub line: usize,
    /// One cell per column of the header, trimmed.
    pub cells: Vec<String>,
}

impl Table {
    /// Where the cell of `row` in column `index` (from 0) stands: its
    /// line, and the column counted in cells from 1.
    pub fn at(&self, row: &Row, index: usize) -> Location {
        Location::at(&self.file, row.line, index + 1)
    }

    /// Where the header cell of column `index` stands.
    pub fn header_at(&self, index: usize) -> Location {
        Location::at(&self.file, 1, index + 1)
    }

    /// The index of the column named `name`.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.header.iter().position(|h| h == name)
    }
}

/// Reads the CSV table `file` of the project in `root` (canonical).
pub fn read(root: &Path, file: &Path) -> Result<Table, Diagnostics> {
    let text = read_text(root, file).map_err(|d| vec![d])?;
    parse(&text, file)
}

/// Parses the text of a CSV table: a header row of distinct, non-empty
/// names and rows of as many cells, without bidi controls.
pub fn parse(text: &str, file: &Path) -> Result<Table, Diagnostics> {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut records = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| line_of(text, p.byte() as usize));
            vec![Diagnostic::error(format!("the table cannot be read: {e}")).at(Location::at(file, line, 0)).hint("save it as CSV (UTF-8, comma-separated, a header row); quote a cell that holds a comma")]
        })?;
        // The line from the record's byte offset: csv's own line count
        // leaves out blank lines it skips.
        let line = record.position().map_or(0, |p| line_of(text, p.byte() as usize));
        records.push((line, record.iter().map(|c| c.trim().to_string()).collect::<Vec<String>>()));
    }
    let mut records = records.into_iter().filter(|(_, cells)| cells.iter().any(|c| !c.is_empty()));
    let Some((_, header)) = records.next() else {
        return Err(vec![Diagnostic::error("the table is empty").at(Location::file(file)).hint("write a header row naming the columns (`id` first), then one row per variant")]);
    };
    let mut table = Table { file: file.to_path_buf(), header, rows: Vec::new() };
    let mut found = header_problems(&table);
    for (line, cells) in records {
        let row = Row { line, cells };
        if row.cells.len() != table.header.len() {
            found.push(
                Diagnostic::error(format!("this row has {} cells, the header {}", row.cells.len(), table.header.len()))
                    .at(Location::at(file, line, 0))
                    .hint("give every row one cell per column (an empty cell is two commas); quote a cell that holds a comma"),
            );
            continue;
        }
        found.extend(bidi_controls(&table, &row));
        table.rows.push(row);
    }
    if found.is_empty() { Ok(table) } else { Err(found) }
}

/// The line, from 1, of the first character of a record that starts at
/// byte `offset` of `text` (after any blank lines there).
fn line_of(text: &str, offset: usize) -> usize {
    let bytes = text.as_bytes();
    let start = offset + bytes.iter().skip(offset).take_while(|b| matches!(b, b'\n' | b'\r')).count();
    bytes.iter().take(start).filter(|b| **b == b'\n').count() + 1
}

/// Empty and repeated column names.
fn header_problems(table: &Table) -> Diagnostics {
    let mut found = Vec::new();
    for (i, name) in table.header.iter().enumerate() {
        if name.is_empty() {
            found.push(Diagnostic::error(format!("column {} has no name", i + 1)).at(table.header_at(i)).hint("name every column in the header row, or delete the empty column"));
        } else if table.header[..i].contains(name) {
            found.push(Diagnostic::error(format!("column `{name}` is named twice")).at(table.header_at(i)).hint("give each column its own name: the later one would be ignored"));
        }
    }
    found
}

/// A bidi control in a cell of `row`, which could make what is printed
/// differ from what is dialled.
fn bidi_controls(table: &Table, row: &Row) -> Diagnostics {
    let mut found = Vec::new();
    for (i, cell) in row.cells.iter().enumerate() {
        if let Some(c) = cell.chars().find(|c| is_bidi_control(*c)) {
            let column = table.header.get(i).map_or("", String::as_str);
            found.push(
                Diagnostic::error(format!("column `{column}` holds an invisible bidi control, {}", describe(c)))
                    .at(table.at(row, i))
                    .key(column)
                    .hint("delete the character: kalem orders right-to-left and left-to-right text itself, and an invisible override can make `751` print as `157`"),
            );
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_know_their_line_and_column() {
        let table = parse("id,office\nankara,\"Kızılay, Ankara\"\n\n\"van\",\"two\nlines\"\nhatay,x\n", Path::new("data/x.csv")).expect("parses");
        assert_eq!(table.header, ["id", "office"]);
        assert_eq!(table.rows[0].cells, ["ankara", "Kızılay, Ankara"]);
        assert_eq!(table.rows.iter().map(|r| r.line).collect::<Vec<_>>(), [2, 4, 6]);
        assert_eq!(table.at(&table.rows[1], 1).to_string(), "data/x.csv:4:2");
    }

    #[test]
    fn bidi_controls_short_rows_and_repeated_names_are_refused() {
        let errors = parse("id,id,phone\na,b,\u{202E}751\nc,d\n", Path::new("t.csv")).expect_err("refused");
        let shown: Vec<String> = errors.iter().map(|d| format!("{} {}", d.location.as_ref().map(ToString::to_string).unwrap_or_default(), d.message)).collect();
        assert_eq!(shown.len(), 3, "{shown:?}");
        assert!(shown[0].starts_with("t.csv:1:2 column `id` is named twice"), "{shown:?}");
        assert!(shown[1].starts_with("t.csv:2:3 column `phone` holds an invisible bidi control, U+202E"), "{shown:?}");
        assert!(shown[2].starts_with("t.csv:3 this row has 2 cells"), "{shown:?}");
    }
}
