//! Variants: one brochure made many times from a data table
//! (`variants: data/<name>.csv`), one row per variant. Each row overrides
//! what differs: texts (any translation key, per language with
//! `<key>.<lang>` columns), contact numbers (`contacts.<id>.number`), the
//! QR code (`qr`), the event's `event.date`, `event.start`, `event.end`,
//! and pictures (a column named by the asset path the brochure uses).
//! A variant is then validated like any brochure, and its texts are
//! checked like any translation, each pointing at its cell.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::brochure::{BlockSpec, BrochureFile};
use super::config::{Config, Contact, NUMBER_EXAMPLE};
use super::event::{Date, Time};
use super::photo::BackgroundSpec;
use super::open::BrochureSource;
use super::social::valid_id;
use super::{Brochure, validate_brochure};
use super::translations::{Entry, Text, Translations};
use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::load::marked::{Marked, Step};
use crate::load::table::{Row, Table};

/// One variant of a brochure, resolved: its id, where its row stands, and
/// the text tables and contacts its editions use.
#[derive(Debug, Clone)]
pub struct Variant {
    /// The id, from the `id` column: names its output folder.
    pub id: String,
    /// Where its row stands in the table.
    pub at: Location,
    /// Every language's texts with the row's overrides.
    pub tables: BTreeMap<String, Translations>,
    /// The project's contacts with the row's numbers.
    pub contacts: BTreeMap<String, Contact>,
    /// The cell of each contact number the row overrides, by contact id.
    pub numbers_at: BTreeMap<String, Location>,
}

/// A variant before validation: the brochure file, configuration and
/// translations as the row changes them.
#[derive(Debug, Clone)]
pub struct Expanded {
    /// The brochure file with the row's QR code, event and pictures.
    pub spec: BrochureFile,
    /// The configuration with the row's contacts and organisation name.
    pub config: Config,
    /// The variant itself.
    pub variant: Variant,
}

/// Most rows of a variant table: each variant holds its own copy of the
/// texts of every language (about 0.2 MB for the samples').
const MAX_VARIANTS: usize = 1000;

/// What a column of a variant table overrides.
#[derive(Debug, Clone, PartialEq)]
enum Column {
    Id,
    Number(String),
    Qr,
    Event(&'static str),
    Asset(String),
    Text { key: String, lang: Option<String> },
}

/// The event settings a column may override.
const EVENT_FIELDS: [&str; 3] = ["date", "start", "end"];

fn classify(name: &str, config: &Config) -> Column {
    if name == "id" {
        return Column::Id;
    }
    if name == "qr" {
        return Column::Qr;
    }
    if let Some(field) = name.strip_prefix("event.").and_then(|f| EVENT_FIELDS.iter().find(|e| **e == f)) {
        return Column::Event(field);
    }
    if let Some(id) = name.strip_prefix("contacts.").and_then(|r| r.strip_suffix(".number")) {
        return Column::Number(id.to_string());
    }
    if name.contains('/') {
        return Column::Asset(name.to_string());
    }
    match name.rsplit_once('.') {
        Some((key, lang)) if config.languages.contains_key(lang) => Column::Text { key: key.to_string(), lang: Some(lang.to_string()) },
        _ => Column::Text { key: name.to_string(), lang: None },
    }
}

/// The translation keys `table` gives every row's text of in `lang`
/// (columns `<key>` and `<key>.<lang>`): a translator need not.
pub fn given_keys(table: &Table, config: &Config, lang: &str) -> BTreeSet<String> {
    table
        .header
        .iter()
        .filter_map(|h| match classify(h, config) {
            Column::Text { key, lang: l } if l.as_deref().is_none_or(|l| l == lang) => Some(key),
            _ => None,
        })
        .collect()
}

/// The variant table a brochure names, read from inside the project; a
/// problem points at the brochure's `variants:` line or into the table.
pub(super) fn read_table(root: &Path, file: &Path, tree: &Marked, raw: &str) -> Result<Table, Diagnostics> {
    let node = tree.nearest(&[Step::Key("variants")]);
    let at = Location::at(file, node.line, node.column);
    let path = Path::new(raw);
    if !path.starts_with(super::DATA_DIR) {
        return Err(vec![Diagnostic::error(format!("variant table `{raw}` is not in the project's data/ folder")).at(at).hint("keep variant tables in data/ (e.g. `variants: data/provinces.csv`): the release manifest and `kalem watch` follow that folder")]);
    }
    if path.extension().and_then(|e| e.to_str()) != Some("csv") {
        return Err(vec![Diagnostic::error(format!("variant table `{raw}` is not a .csv file")).at(at).hint("save the table as CSV (UTF-8, a header row) and name it, e.g. `variants: data/provinces.csv`")]);
    }
    crate::load::table::read(root, path).map_err(|ds| ds.into_iter().map(|d| if d.location.as_ref().is_some_and(|l| l.line == 0) && d.message.starts_with("cannot read") { d.at(at.clone()) } else { d }).collect())
}

/// Every variant of a brochure with a variant table, each validated as a
/// brochure of its own; a problem of one variant names it. A problem every
/// variant shares (of the brochure file itself) is reported once.
pub(super) fn validate_all(root: &Path, b: &BrochureSource, table: &Table, config: &Config, translations: &BTreeMap<String, Translations>) -> Result<Vec<Brochure>, Diagnostics> {
    let expanded = expand(root, &b.spec, table, config, translations)?;
    let (mut brochures, mut found): (Vec<Brochure>, Diagnostics) = (Vec::new(), Vec::new());
    for e in expanded {
        match validate_brochure(&b.id, &b.file, &e.spec, &b.tree, &e.config, &e.variant.tables, root) {
            Ok(mut brochure) => {
                brochure.variant = Some(std::sync::Arc::new(e.variant));
                brochures.push(brochure);
            }
            Err(ds) => {
                for d in ds {
                    let named = Diagnostic { message: format!("{} (variant `{}`, {})", d.message, e.variant.id, e.variant.at), ..d.clone() };
                    if !found.iter().any(|f: &Diagnostic| f.location == d.location && f.message.starts_with(&d.message)) {
                        found.push(named);
                    }
                }
            }
        }
    }
    if found.is_empty() { Ok(brochures) } else { Err(found) }
}

/// Every variant of the brochure `spec` from `table`, or every problem
/// found, each naming the table's file, line and column.
pub fn expand(root: &Path, spec: &BrochureFile, table: &Table, config: &Config, translations: &BTreeMap<String, Translations>) -> Result<Vec<Expanded>, Diagnostics> {
    if table.rows.len() > MAX_VARIANTS {
        let message = format!("the variant table has {} rows; kalem makes at most {MAX_VARIANTS} variants of a brochure", table.rows.len());
        return Err(vec![Diagnostic::error(message).at(Location::file(&table.file)).hint("split the table, and the brochure, in two (each variant holds its own copy of every language's texts)")]);
    }
    let columns: Vec<Column> = table.header.iter().map(|h| classify(h, config)).collect();
    let mut found = header_problems(table, &columns, config);
    found.extend(missing_columns(spec, table, &columns, config, translations));
    if !found.is_empty() {
        return Err(found);
    }
    let mut seen = BTreeSet::new();
    let mut variants = Vec::new();
    for row in &table.rows {
        let id_cell = columns.iter().position(|c| *c == Column::Id).and_then(|i| row.cells.get(i).map(|c| (i, c)));
        let Some((i, id)) = id_cell else { continue };
        if !valid_id(id) {
            found.push(Diagnostic::error(format!("`{id}` cannot be a variant id")).at(table.at(row, i)).key("id").hint("use lowercase letters, digits and dashes, starting with a letter or digit (e.g. `ankara`), as the id names the variant's output folder"));
            continue;
        }
        if !seen.insert(id.clone()) {
            found.push(Diagnostic::error(format!("variant `{id}` is given twice")).at(table.at(row, i)).key("id").hint("give every row its own id: the later row would overwrite the first one's files"));
            continue;
        }
        match variant(&Base { root, spec, table, config, translations }, &columns, row, id) {
            Ok(v) => variants.push(v),
            Err(ds) => found.extend(ds),
        }
    }
    if found.is_empty() { Ok(variants) } else { Err(found) }
}

/// A table without an `id` column, or with a number of a contact
/// `kalem.yaml` does not have.
fn header_problems(table: &Table, columns: &[Column], config: &Config) -> Diagnostics {
    let mut found = Vec::new();
    if !columns.contains(&Column::Id) {
        found.push(Diagnostic::error("the variant table has no `id` column").at(Location::at(&table.file, 1, 0)).hint("add a column `id` with each variant's id (lowercase letters, digits, dashes): it names the output folder"));
    }
    for (i, column) in columns.iter().enumerate() {
        if let Column::Number(id) = column
            && !config.contacts.contains_key(id)
        {
            let known: Vec<String> = config.contacts.keys().cloned().collect();
            found.push(Diagnostic::error(format!("column `{}` names contact `{id}`, which kalem.yaml does not have", table.header[i])).at(table.header_at(i)).hint(crate::load::yaml::suggestion(id, &known, "contact")));
        }
    }
    found
}

/// A key the brochure prints that neither a column nor the translation
/// file gives in one of its languages.
fn missing_columns(spec: &BrochureFile, table: &Table, columns: &[Column], config: &Config, translations: &BTreeMap<String, Translations>) -> Diagnostics {
    let given = |key: &str, lang: &str| columns.iter().any(|c| matches!(c, Column::Text { key: k, lang: l } if k == key && l.as_deref().is_none_or(|l| l == lang)));
    let mut found = Vec::new();
    for key in super::usage::used_keys(spec, config) {
        for lang in &spec.languages {
            let Some(base) = translations.get(lang) else { continue };
            if !base.entries.contains_key(&key) && !given(&key, lang) {
                found.push(
                    Diagnostic::error(format!("the brochure prints `{key}`, but the variant table has no column `{key}` or `{key}.{lang}` and {} has no text for it", base.file.display()))
                        .at(Location::at(&table.file, 1, 0))
                        .key(&key)
                        .lang(lang)
                        .hint(format!("add a column `{key}.{lang}` (or `{key}` for every language) to the table")),
                );
            }
        }
    }
    found
}

/// What every row of a table changes: the brochure as written, the
/// project's configuration and translations.
struct Base<'a> {
    root: &'a Path,
    spec: &'a BrochureFile,
    table: &'a Table,
    config: &'a Config,
    translations: &'a BTreeMap<String, Translations>,
}

/// The variant of one row.
fn variant(from: &Base, columns: &[Column], row: &Row, id: &str) -> Result<Expanded, Diagnostics> {
    let Base { root, table, .. } = *from;
    let (mut spec, mut config, mut tables) = (from.spec.clone(), from.config.clone(), from.translations.clone());
    let mut numbers_at = BTreeMap::new();
    let mut found = Vec::new();
    for (i, (column, cell)) in columns.iter().zip(&row.cells).enumerate() {
        let at = table.at(row, i);
        let name = &table.header[i];
        let error = |message: String, hint: &str| Diagnostic::error(format!("variant `{id}`: {message}")).at(at.clone()).key(name.as_str()).hint(hint);
        match column {
            Column::Id | Column::Text { .. } => {}
            _ if cell.is_empty() => {}
            Column::Number(contact) => {
                let Some(c) = config.contacts.get_mut(contact) else { continue };
                c.number = cell.clone();
                if let Some(problem) = c.number_problem() {
                    found.push(error(format!("`{cell}` cannot be dialled: {problem}"), NUMBER_EXAMPLE));
                }
                numbers_at.insert(contact.clone(), at.clone());
            }
            Column::Qr => {
                let payload = config.contacts.get(cell).map_or_else(|| cell.clone(), |c| super::qr::tel(&c.number));
                if !super::qr::valid_payload(&payload) {
                    found.push(error(format!("QR code `{cell}` is neither a web address, a number to dial nor a contact"), "write `https://…`, `tel:157` or a contact id from kalem.yaml, without spaces"));
                }
                each_block(&mut spec, |b| replace_if(&mut b.qr, |_| true, cell));
                spec.social.iter_mut().for_each(|p| replace_if(&mut p.qr, |_| true, cell));
            }
            Column::Event(field) => {
                let ok = if *field == "date" { Date::parse(cell).is_some() } else { Time::parse(cell).is_some() };
                if !ok {
                    found.push(error(format!("`{cell}` is not a {}", if *field == "date" { "date" } else { "time of day" }), "write a date as year-month-day (`2026-07-30`), a time as hours and minutes on the 24-hour clock (`14:00`)"));
                }
                each_block(&mut spec, |b| {
                    if let Some(event) = &mut b.event {
                        match *field {
                            "date" => event.date = cell.clone(),
                            "start" => event.start = cell.clone(),
                            _ => event.end = Some(cell.clone()),
                        }
                    }
                });
            }
            Column::Asset(path) => {
                if !root.join(cell).is_file() {
                    found.push(error(format!("`{cell}` is not a file of the project"), "give the picture's path from the project folder, e.g. `assets/logos/ankara.svg`"));
                }
                replace_asset(&mut spec, path, cell);
            }
        }
    }
    let keys: BTreeSet<&String> = columns.iter().filter_map(|c| if let Column::Text { key, .. } = c { Some(key) } else { None }).collect();
    for lang in &spec.languages {
        let Some(target) = tables.get_mut(lang) else { continue };
        for key in &keys {
            let column = |l: Option<&str>| columns.iter().position(|c| matches!(c, Column::Text { key: k, lang: cl } if k == *key && cl.as_deref() == l));
            let (own, every) = (column(Some(lang)), column(None));
            let filled = [own, every].into_iter().flatten().find(|j| row.cells.get(*j).is_some_and(|c| !c.is_empty()));
            match filled {
                Some(j) => put_text(target, key, table, row, j),
                None if !target.entries.contains_key(*key) => {
                    let Some(j) = own.or(every) else { continue };
                    found.push(
                        Diagnostic::error(format!("variant `{id}` has no {lang} text for `{key}`"))
                            .at(table.at(row, j))
                            .key(key.as_str())
                            .lang(lang)
                            .hint(format!("fill the cell of `{key}.{lang}` (or of `{key}`, for every language)")),
                    );
                }
                None => {}
            }
        }
    }
    if let Some(Entry::Text(t)) = tables.get(&config.source_language).and_then(|t| t.entries.get(super::edition::ORGANISATION_NAME)) {
        config.organisation.name = t.text.clone();
    }
    if !found.is_empty() {
        return Err(found);
    }
    let variant = Variant { id: id.to_string(), at: Location::at(&table.file, row.line, 0), tables, contacts: config.contacts.clone(), numbers_at };
    Ok(Expanded { spec, config, variant })
}

/// Sets `key` in `table` to the cell in column `index` of `row`, when the
/// cell has text.
fn put_text(target: &mut Translations, key: &str, table: &Table, row: &Row, index: usize) {
    let Some(cell) = row.cells.get(index).filter(|c| !c.is_empty()) else { return };
    let text = Text { text: cell.clone(), line: row.line, column: index + 1, file: Some(table.file.clone()) };
    target.entries.insert(key.to_string(), Entry::Text(text));
}

/// Calls `f` on every block of the brochure's panels and content.
fn each_block(spec: &mut BrochureFile, mut f: impl FnMut(&mut BlockSpec)) {
    spec.panels.values_mut().flat_map(|p| p.blocks.iter_mut()).chain(spec.content.iter_mut()).for_each(&mut f);
}

/// Replaces `value` with `with` when it is set and `when` holds.
fn replace_if(value: &mut Option<String>, when: impl Fn(&str) -> bool, with: &str) {
    if value.as_deref().is_some_and(when) {
        *value = Some(with.to_string());
    }
}

/// Replaces every use of the picture `path` (an image, a logo, a
/// background photo, a post's illustration) with `with`.
fn replace_asset(spec: &mut BrochureFile, path: &str, with: &str) {
    let same = |p: &str| Path::new(p) == Path::new(path);
    let photo = |b: &mut Option<BackgroundSpec>| {
        if let Some(BackgroundSpec::Photo(p)) = b
            && same(&p.image)
        {
            p.image = with.to_string();
        }
    };
    for panel in spec.panels.values_mut() {
        photo(&mut panel.background);
    }
    each_block(spec, |b| {
        replace_if(&mut b.image, same, with);
        if let Some(partners) = &mut b.partners {
            partners.logos.iter_mut().filter(|l| same(l)).for_each(|l| *l = with.to_string());
        }
    });
    for post in &mut spec.social {
        replace_if(&mut post.image, same, with);
        photo(&mut post.background);
    }
}

/// The output folder name of a brochure and variant: `<brochure>` or
/// `<brochure>/<variant>`.
pub fn key(brochure: &str, variant: Option<&str>) -> String {
    match variant {
        Some(v) => format!("{brochure}/{v}"),
        None => brochure.to_string(),
    }
}

/// The start of an output's file name for an output key ([`key`]):
/// `<brochure>` or `<brochure>-<variant>`.
pub fn file_stem(key: &str) -> String {
    key.replace('/', "-")
}
