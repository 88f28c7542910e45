//! Resolves a brochure file against the configuration and translations,
//! collecting every problem with the place it stands.

use std::collections::BTreeMap;
use std::path::Path;

use super::brochure::{BlockSpec, BrochureFile, Fit};
use super::{Block, BlockKind, Brochure, Cmyk, Config, Panel};
use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::load::marked::{Marked, Step};
use crate::model::translations::{Entry, Translations};
use crate::load::yaml::suggestion;

mod campaign;
mod meeting;
mod image;
mod social;

/// Longest image path, in bytes (Linux refuses longer ones; a name may
/// have 255).
const MAX_PATH_BYTES: usize = 1024;

/// Smallest text a block with `fit: shrink` is set in, unless it says.
const DEFAULT_MIN_SIZE: f64 = 8.0;

/// What a translation key must hold.
#[derive(Clone, Copy, PartialEq)]
enum Want {
    Text,
    List,
    Rows,
}

impl Want {
    fn matches(self, entry: &Entry) -> bool {
        matches!((self, entry), (Want::Text, Entry::Text(_)) | (Want::List, Entry::List(_)) | (Want::Rows, Entry::Rows(_)))
    }

    /// What a key of this shape holds and how to write it.
    fn shape(self, key: &str) -> (&'static str, String) {
        match self {
            Want::Text => ("one text", format!("write `{key}: text`")),
            Want::List => ("a list", format!("write `{key}` as items `- …`")),
            Want::Rows => ("a list of rows", format!("write each row of `{key}` as `- - first cell`, its other cells below as `  - cell`")),
        }
    }
}

fn entry_shape(entry: &Entry) -> &'static str {
    match entry {
        Entry::Text(_) => "one text",
        Entry::List(_) => "a list",
        Entry::Rows(_) => "a list of rows",
    }
}

struct Ctx<'a> {
    root: &'a Path,
    file: &'a Path,
    tree: &'a Marked,
    config: &'a Config,
    translations: &'a BTreeMap<String, Translations>,
    languages: Vec<String>,
    diagnostics: Diagnostics,
}

impl Ctx<'_> {
    fn at(&self, path: &[Step]) -> Location {
        let node = self.tree.nearest(path);
        Location::at(self.file, node.line, node.column)
    }

    fn error(&mut self, path: &[Step], message: impl Into<String>, hint: impl Into<String>) {
        let d = Diagnostic::error(message).at(self.at(path)).hint(hint);
        self.diagnostics.push(d);
    }

    /// Checks that `key` exists, with the right shape, in every language.
    fn key(&mut self, path: &[Step], key: &str, want: Want) {
        for lang in self.languages.clone() {
            let Some(table) = self.translations.get(&lang) else { continue };
            let problem = match table.entries.get(key) {
                None => Some((
                    format!("translation `{key}` is missing for language {lang}"),
                    format!("add `{key}` to {}", table.file.display()),
                )),
                Some(entry) if !want.matches(entry) => {
                    let (needed, how) = want.shape(key);
                    Some((
                        format!("translation `{key}` is {} in language {lang}, but this block needs {needed}", entry_shape(entry)),
                        format!("{how} in {}", table.file.display()),
                    ))
                }
                _ => None,
            };
            if let Some((message, hint)) = problem {
                let d = Diagnostic::error(message).at(self.at(path)).key(key).lang(&lang).hint(hint);
                self.diagnostics.push(d);
            } else if let Some(blank) = table.entries.get(key).and_then(Entry::blank) {
                let d = Diagnostic::error(format!("translation `{key}` is empty in language {lang}: it would print as nothing"))
                    .at(table.at(blank))
                    .key(key)
                    .lang(&lang)
                    .hint("write the text (an untouched `translations --missing` skeleton is empty), or remove the block that uses it");
                self.diagnostics.push(d);
            }
        }
    }

    /// Checks that the list `key` has `count` items in every language that
    /// has it as a list.
    fn count(&mut self, key: &str, count: usize, what: &str) {
        for lang in self.languages.clone() {
            let Some(table) = self.translations.get(&lang) else { continue };
            if let Some(Entry::List(items)) = table.entries.get(key)
                && items.len() != count
            {
                let d = Diagnostic::error(format!("`{key}` has {} items in language {lang}, but needs {count}", items.len()))
                    .at_opt(table.location(key))
                    .key(key)
                    .lang(&lang)
                    .hint(format!("list {what}"));
                self.diagnostics.push(d);
            }
        }
    }

    /// Checks that every row of the table `rows` has as many cells as there
    /// are `columns`, in every language.
    fn rows_fit(&mut self, rows: &str, columns: &str) {
        for lang in self.languages.clone() {
            let Some(table) = self.translations.get(&lang) else { continue };
            let (Some(Entry::Rows(rs)), Some(Entry::List(cols))) = (table.entries.get(rows), table.entries.get(columns)) else { continue };
            for row in rs.iter().filter(|r| r.len() != cols.len()) {
                let at = row.first().map(|c| table.at(c));
                let d = Diagnostic::error(format!("a row of `{rows}` has {} cells, but the table has {} columns", row.len(), cols.len()))
                    .at_opt(at)
                    .key(rows)
                    .lang(&lang)
                    .hint(format!("give every row one cell per heading in `{columns}`; write an empty cell as `- \"\"`"));
                self.diagnostics.push(d);
            }
        }
    }

    fn color(&mut self, path: &[Step], name: &str) -> Option<Cmyk> {
        if let Some(c) = self.config.colors.get(name) {
            return Some(*c);
        }
        let names: Vec<String> = self.config.colors.keys().cloned().collect();
        self.error(path, format!("unknown colour `{name}`"), suggestion(name, &names, "colour") + " (defined under `colors:` in kalem.yaml)");
        None
    }
}

/// Validates one parsed brochure file. `file` is relative to `root`, `tree`
/// is the same file parsed with positions.
pub fn validate_brochure(
    id: &str,
    file: &Path,
    spec: &BrochureFile,
    tree: &Marked,
    config: &Config,
    translations: &BTreeMap<String, Translations>,
    root: &Path,
) -> Result<Brochure, Diagnostics> {
    let mut ctx = Ctx { root, file, tree, config, translations, languages: Vec::new(), diagnostics: Vec::new() };
    let known: Vec<String> = config.languages.keys().cloned().collect();
    for (i, lang) in spec.languages.iter().enumerate() {
        let path = [Step::Key("languages"), Step::Index(i)];
        if spec.languages.iter().take(i).any(|l| l == lang) {
            ctx.error(&path, format!("language `{lang}` is listed twice"), "list each language once, e.g. `languages: [tr, ar, fa]`");
        } else if !config.languages.contains_key(lang) {
            ctx.error(&path, format!("unknown language `{lang}`"), suggestion(lang, &known, "language") + " (languages are defined in kalem.yaml)");
        } else if !translations.contains_key(lang) {
            // A file that exists but did not parse has been reported already.
            if !root.join("translations").join(format!("{lang}.yaml")).exists() {
                ctx.error(&path, format!("no translations for language {lang}"), format!("create translations/{lang}.yaml"));
            }
        } else {
            ctx.languages.push(lang.clone());
        }
    }
    if spec.languages.is_empty() {
        ctx.error(&[Step::Key("languages")], "no languages to build", "list at least one, e.g. `languages: [tr, ar, fa]`");
    }
    ctx.key(&[Step::Key("title")], &spec.title, Want::Text);

    let names: Vec<String> = spec.format.panel_names().iter().map(|s| s.to_string()).collect();
    for name in spec.panels.keys() {
        if !names.contains(name) {
            let path = [Step::Key("panels"), Step::Key(name)];
            let node = tree.key_of(&path).unwrap_or_else(|| tree.nearest(&path));
            let d = Diagnostic::error(format!("format {} has no panel `{name}`", spec.format.name()))
                .at(Location::at(file, node.line, node.column))
                .hint(suggestion(name, &names, "panel"));
            ctx.diagnostics.push(d);
        }
    }
    let flow = spec.format.is_flow();
    if flow && !spec.panels.is_empty() {
        ctx.error(&[Step::Key("panels")], format!("format {} is a document whose text flows over pages; it has no panels", spec.format.name()), "put the blocks in a `content:` list instead of `panels:`");
    }
    if !flow && !spec.content.is_empty() {
        let names = spec.format.panel_names().join("`, `");
        ctx.error(&[Step::Key("content")], format!("format {} places its blocks in panels, not in `content:`", spec.format.name()), format!("put the blocks under `panels:`, in the panels `{names}`"));
    }
    if flow && spec.content.is_empty() {
        ctx.error(&[Step::Key("format")], format!("format {} needs a `content:` list of blocks", spec.format.name()), "add `content:` with blocks such as `- heading: key` and `- text: key`");
    }
    if let Some(toc) = &spec.toc {
        ctx.key(&[Step::Key("toc")], toc, Want::Text);
    }
    let content = spec
        .content
        .iter()
        .enumerate()
        .filter_map(|(i, b)| block(&mut ctx, &[Step::Key("content"), Step::Index(i)], b, flow))
        .collect();
    let mut panels = BTreeMap::new();
    for (name, panel) in &spec.panels {
        let base = [Step::Key("panels"), Step::Key(name)];
        let (background, photo) = match &panel.background {
            Some(spec) => image::background(&mut ctx, &[base[0], base[1], Step::Key("background")], spec),
            None => (None, None),
        };
        let color = match panel.color.as_deref() {
            Some(c) => ctx.color(&[base[0], base[1], Step::Key("color")], c).unwrap_or(Cmyk::BLACK),
            None => Cmyk::BLACK,
        };
        let blocks = panel
            .blocks
            .iter()
            .enumerate()
            .filter_map(|(i, b)| block(&mut ctx, &[base[0], base[1], Step::Key("blocks"), Step::Index(i)], b, flow))
            .collect();
        panels.insert(name.clone(), Panel { background, photo, color, valign: panel.valign, align: panel.align, blocks });
    }

    let social = social::posts(&mut ctx, &spec.social);
    let blocks_at = ctx.at(&[Step::Key(if flow { "content" } else { "panels" })]);

    if ctx.diagnostics.is_empty() {
        Ok(Brochure {
            id: id.to_string(),
            file: file.to_path_buf(),
            title: spec.title.clone(),
            format: spec.format,
            languages: ctx.languages,
            panels,
            social,
            content,
            toc: spec.toc.clone(),
            used_keys: super::usage::used_keys(spec, config),
            blocks_at,
            variant: None,
        })
    } else {
        Err(ctx.diagnostics)
    }
}

/// Resolves one block; `flow` says whether it is in a flowing document.
fn block(ctx: &mut Ctx, path: &[Step], spec: &BlockSpec, flow: bool) -> Option<Block> {
    let kinds = spec.kinds();
    if kinds.len() != 1 {
        let message = if kinds.is_empty() {
            "this block has no content".to_string()
        } else {
            format!("this block has more than one kind: {}", kinds.join(", "))
        };
        let kinds = super::brochure::BLOCK_KINDS.map(|k| format!("`{k}`")).join(", ");
        ctx.error(path, message, format!("give each block exactly one of {kinds}"));
        return None;
    }
    let sub = |key: &'static str| -> Vec<Step> { path.iter().copied().chain([Step::Key(key)]).collect() };
    let shrink_to = match (spec.fit, spec.min_size) {
        (Some(Fit::Shrink), min) => {
            let min = min.unwrap_or(DEFAULT_MIN_SIZE);
            if !(4.0..=72.0).contains(&min) {
                ctx.error(&sub("min_size"), format!("min_size {min} pt is out of range"), "give a text size in pt between 4 and 72");
            }
            Some(min)
        }
        (Some(fit @ (Fit::Cover | Fit::Contain)), None) => {
            if kinds[0] != "image" {
                let name = if fit == Fit::Cover { "cover" } else { "contain" };
                ctx.error(&sub("fit"), format!("`fit: {name}` applies to photos only"), "use `fit: shrink` to let text shrink to fit its panel");
            }
            None
        }
        (None, None) => None,
        (_, Some(_)) => {
            ctx.error(&sub("min_size"), "`min_size` only applies with `fit: shrink`", "add `fit: shrink` to the block or remove `min_size`");
            None
        }
    };
    let kind = match kinds[0] {
        "heading" => {
            let key = spec.heading.clone()?;
            ctx.key(&sub("heading"), &key, Want::Text);
            let level = spec.level.unwrap_or(1);
            if !(1..=3).contains(&level) {
                ctx.error(&sub("level"), format!("heading level {level} does not exist"), "use 1, 2 or 3");
            }
            BlockKind::Heading { key, level, case: spec.case }
        }
        "text" => {
            let key = spec.text.clone()?;
            ctx.key(&sub("text"), &key, Want::Text);
            BlockKind::Text { key, case: spec.case }
        }
        "list" => {
            let key = spec.list.clone()?;
            ctx.key(&sub("list"), &key, Want::List);
            BlockKind::List { key }
        }
        "callout" => {
            let key = spec.callout.clone()?;
            ctx.key(&sub("callout"), &key, Want::Text);
            BlockKind::Callout { key }
        }
        "name" => {
            let key = spec.name.clone()?;
            ctx.key(&sub("name"), &key, Want::Text);
            BlockKind::Name { key }
        }
        "contacts" => {
            let ids = spec.contacts.clone()?;
            let known: Vec<String> = ctx.config.contacts.keys().cloned().collect();
            for (i, id) in ids.iter().enumerate() {
                let at: Vec<Step> = sub("contacts").into_iter().chain([Step::Index(i)]).collect();
                match ctx.config.contacts.get(id) {
                    Some(contact) => {
                        let (name, description) = (contact.name.clone(), contact.description.clone());
                        let before = ctx.diagnostics.len();
                        ctx.key(&at, &name, Want::Text);
                        ctx.key(&at, &description, Want::Text);
                        // The keys are written in kalem.yaml, not here: say so.
                        for d in &mut ctx.diagnostics[before..] {
                            let hint = d.hint.take().unwrap_or_default();
                            d.hint = Some(format!("{hint}, or correct contact `{id}` under `contacts:` in {}", crate::load::CONFIG_FILE));
                        }
                    }
                    None => ctx.error(&at, format!("unknown contact `{id}`"), suggestion(id, &known, "contact") + " (contacts are defined in kalem.yaml)"),
                }
            }
            BlockKind::Contacts { ids }
        }
        "table" => {
            let rows = spec.table.clone()?;
            let Some(columns) = spec.columns.clone() else {
                ctx.error(path, "this table has no column headings", "add `columns:` with the translation key of a list of headings");
                return None;
            };
            ctx.key(&sub("table"), &rows, Want::Rows);
            ctx.key(&sub("columns"), &columns, Want::List);
            ctx.rows_fit(&rows, &columns);
            let widths = spec.widths.clone().unwrap_or_default();
            if widths.iter().any(|w| !(*w >= 0.1 && *w <= 100.0)) {
                ctx.error(&sub("widths"), "column widths must be numbers from 0.1 to 100", "give relative widths such as `[1, 2, 2]`");
            }
            if !widths.is_empty() {
                ctx.count(&columns, widths.len(), &format!("one heading per width in `widths` ({})", widths.len()));
            }
            BlockKind::Table { columns, rows, widths }
        }
        "checklist" => {
            let key = spec.checklist.clone()?;
            ctx.key(&sub("checklist"), &key, Want::List);
            BlockKind::Checklist { key }
        }
        "event" => BlockKind::Event(meeting::event_block(ctx, &sub("event"), spec.event.as_ref()?)?),
        "new_page" => {
            if !flow {
                ctx.error(path, "only documents (`a4`, `a5`) have pages to break", "remove this block; a panel's content cannot continue on another page");
            }
            BlockKind::NewPage
        }
        "qr" => campaign::qr_block(ctx, &sub("qr"), spec.qr.as_deref()?, spec.height)?,
        "partners" => campaign::partners_block(ctx, &sub("partners"), spec.partners.as_ref()?, spec.height)?,
        "spacer" => BlockKind::Spacer,
        _ => image::image_block(ctx, path, spec)?,
    };
    let placeholder = spec.placeholder == Some(true);
    if placeholder && !matches!(kind, BlockKind::Image { .. } | BlockKind::Partners(_)) {
        ctx.error(&sub("placeholder"), "`placeholder` marks a picture or logos that stand in for the real ones", "use it on `image:` or `partners:` blocks only");
    }
    Some(Block { kind, shrink_to, placeholder, at: ctx.at(path) })
}

