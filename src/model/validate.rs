//! Resolves a brochure file against the configuration and translations,
//! collecting every problem with the place it stands.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::brochure::{BlockSpec, BrochureFile};
use super::brochure::Fit;
use super::{Block, BlockKind, Brochure, Cmyk, Config, Panel};
use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::load::marked::{Marked, Step};
use crate::load::translations::{Entry, Translations};
use crate::load::yaml::suggestion;
use crate::sandbox::{self, Refusal};

mod social;

/// Default heights of images, in mm.
const DEFAULT_IMAGE_HEIGHT: f64 = 40.0;
/// Smallest text a block with `fit: shrink` is set in, unless it says.
const DEFAULT_MIN_SIZE: f64 = 8.0;

/// What a translation key must hold.
#[derive(Clone, Copy, PartialEq)]
enum Want {
    Text,
    List,
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
            let found = table.entries.get(key);
            let problem = match (found, want) {
                (None, _) => Some((
                    format!("translation `{key}` is missing for language {lang}"),
                    format!("add `{key}` to {}", table.file.display()),
                )),
                (Some(Entry::List(_)), Want::Text) => Some((
                    format!("translation `{key}` is a list in language {lang}, but this block shows one text"),
                    format!("write `{key}` as one text in {}, or use a `list:` block", table.file.display()),
                )),
                (Some(Entry::Text(_)), Want::List) => Some((
                    format!("translation `{key}` is one text in language {lang}, but a list block needs a list"),
                    format!("write `{key}` as items `- …` in {}", table.file.display()),
                )),
                _ => None,
            };
            if let Some((message, hint)) = problem {
                let d = Diagnostic::error(message).at(self.at(path)).key(key).lang(&lang).hint(hint);
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
        if !config.languages.contains_key(lang) {
            ctx.error(&path, format!("unknown language `{lang}`"), suggestion(lang, &known, "language") + " (languages are defined in kalem.yaml)");
        } else if !translations.contains_key(lang) {
            ctx.error(&path, format!("no translations for language {lang}"), format!("create translations/{lang}.yaml"));
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
    let mut panels = BTreeMap::new();
    for (name, panel) in &spec.panels {
        let base = [Step::Key("panels"), Step::Key(name)];
        let background = panel.background.as_deref().and_then(|c| ctx.color(&[base[0], base[1], Step::Key("background")], c));
        let color = match panel.color.as_deref() {
            Some(c) => ctx.color(&[base[0], base[1], Step::Key("color")], c).unwrap_or(Cmyk::BLACK),
            None => Cmyk::BLACK,
        };
        let blocks = panel
            .blocks
            .iter()
            .enumerate()
            .filter_map(|(i, b)| block(&mut ctx, &[base[0], base[1], Step::Key("blocks"), Step::Index(i)], b))
            .collect();
        panels.insert(name.clone(), Panel { background, color, valign: panel.valign, blocks });
    }

    let social = social::posts(&mut ctx, &spec.social);

    if ctx.diagnostics.is_empty() {
        Ok(Brochure {
            id: id.to_string(),
            file: file.to_path_buf(),
            title: spec.title.clone(),
            format: spec.format,
            languages: ctx.languages,
            panels,
            social,
        })
    } else {
        Err(ctx.diagnostics)
    }
}

fn block(ctx: &mut Ctx, path: &[Step], spec: &BlockSpec) -> Option<Block> {
    let kinds = spec.kinds();
    if kinds.len() != 1 {
        let message = if kinds.is_empty() {
            "this block has no content".to_string()
        } else {
            format!("this block has more than one kind: {}", kinds.join(", "))
        };
        ctx.error(path, message, "give each block exactly one of `heading`, `text`, `list`, `callout`, `contacts`, `image`");
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
        (None, Some(_)) => {
            ctx.error(&sub("min_size"), "`min_size` only applies with `fit: shrink`", "add `fit: shrink` to the block or remove `min_size`");
            None
        }
        (None, None) => None,
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
        "contacts" => {
            let ids = spec.contacts.clone()?;
            let known: Vec<String> = ctx.config.contacts.keys().cloned().collect();
            for (i, id) in ids.iter().enumerate() {
                let at: Vec<Step> = sub("contacts").into_iter().chain([Step::Index(i)]).collect();
                match ctx.config.contacts.get(id) {
                    Some(contact) => {
                        let (name, description) = (contact.name.clone(), contact.description.clone());
                        ctx.key(&at, &name, Want::Text);
                        ctx.key(&at, &description, Want::Text);
                    }
                    None => ctx.error(&at, format!("unknown contact `{id}`"), suggestion(id, &known, "contact") + " (contacts are defined in kalem.yaml)"),
                }
            }
            BlockKind::Contacts { ids }
        }
        _ => {
            let raw = spec.image.clone()?;
            let path_here = sub("image");
            let path = image_path(ctx, &path_here, &raw)?;
            if let Some(alt) = &spec.alt {
                ctx.key(&sub("alt"), alt, Want::Text);
            }
            let height = spec.height.unwrap_or(DEFAULT_IMAGE_HEIGHT);
            if !(height > 0.0 && height <= 400.0) {
                ctx.error(&sub("height"), format!("image height {height} mm is out of range"), "give a height in mm between 1 and 400");
            }
            BlockKind::Image { path, height, alt: spec.alt.clone() }
        }
    };
    Some(Block { kind, shrink_to })
}

fn image_path(ctx: &mut Ctx, at: &[Step], raw: &str) -> Option<PathBuf> {
    let relative = Path::new(raw);
    match sandbox::resolve(ctx.root, relative) {
        Ok(canonical) => {
            let ext = canonical.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
            if !matches!(ext.as_deref(), Some("svg" | "png" | "jpg" | "jpeg")) {
                ctx.error(at, format!("`{raw}` is not an image kalem can place"), "use an SVG, PNG or JPEG file");
                return None;
            }
            canonical.strip_prefix(ctx.root).ok().map(Path::to_path_buf)
        }
        Err(Refusal::Outside) => {
            ctx.error(at, format!("image `{raw}` is outside the project folder"), "copy the file into assets/ and write its path relative to the project, e.g. `assets/logo.svg`");
            None
        }
        Err(Refusal::Missing) => {
            ctx.error(at, format!("image `{raw}` does not exist"), "check the spelling; paths are relative to the project folder, e.g. `assets/logo.svg`");
            None
        }
    }
}
