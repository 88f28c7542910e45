//! Opening a project: reads `kalem.yaml`, the brochures and the
//! translations through [`crate::load`], and validates them into a
//! [`Project`].

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::brochure::BrochureFile;
use super::lock::{Lock, lock_path};
use super::translations::Translations;
use super::social::valid_id;
use super::{Config, Project, validate_brochure, variant};
use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::load::marked::{Marked, Node, Step};
use crate::load::table::Table;
use crate::load::{CONFIG_FILE, document, read_text, yaml};

/// Which brochures to load.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// Only this brochure id, if given.
    pub brochure: Option<String>,
    /// Only these languages, if given.
    pub languages: Option<Vec<String>>,
}

/// A brochure file as parsed, before validation.
#[derive(Debug, Clone)]
pub struct BrochureSource {
    /// The id: the file name without `.yaml`.
    pub id: String,
    /// The file, relative to the project root.
    pub file: PathBuf,
    /// The typed content.
    pub spec: BrochureFile,
    /// The same file with positions, for pointing at problems.
    pub tree: Marked,
    /// Its variant table, when it names one (`variants:`).
    pub table: Option<Table>,
}

/// Everything read from the project's files, parsed but not yet validated.
#[derive(Debug, Clone)]
pub struct Sources {
    /// The project folder, canonical.
    pub root: PathBuf,
    /// `kalem.yaml`, checked on its own.
    pub config: Config,
    /// Translations by language code.
    pub translations: BTreeMap<String, Translations>,
    /// What each language's translations were made from, by language
    /// code; a language without a lock file has an empty one.
    pub locks: BTreeMap<String, Lock>,
    /// Brochure files that parsed.
    pub brochures: Vec<BrochureSource>,
}

impl BrochureSource {
    /// The translation keys the brochure prints in `lang` that the
    /// translation files must give: those its variant table does not.
    pub fn translated_keys(&self, config: &Config, lang: &str) -> std::collections::BTreeSet<String> {
        let mut keys = super::usage::used_keys(&self.spec, config);
        if let Some(table) = &self.table {
            let given = variant::given_keys(table, config, lang);
            keys.retain(|k| !given.contains(k));
        }
        keys
    }
}

impl Sources {
    /// The source language's table, or the error that there is none.
    pub fn source(&self) -> Result<&Translations, Diagnostic> {
        let lang = &self.config.source_language;
        self.translations.get(lang).ok_or_else(|| Diagnostic::error(format!("the source language {lang} has no translation file")).hint(format!("create translations/{lang}.yaml")))
    }

    /// Whether `lang` is a language translated from the source language,
    /// or what it is instead.
    pub fn translated(&self, lang: &str) -> Result<(), Diagnostic> {
        let known: Vec<String> = self.config.languages.keys().filter(|l| **l != self.config.source_language).cloned().collect();
        if lang == self.config.source_language {
            return Err(Diagnostic::error(format!("{lang} is the source language: its texts are not translated from another")).hint(yaml::suggestion(lang, &known, "language")));
        }
        if !known.iter().any(|l| l == lang) {
            return Err(Diagnostic::error(format!("unknown language `{lang}`")).hint(yaml::suggestion(lang, &known, "language")));
        }
        Ok(())
    }

    /// The table of a language translated from the source language, or
    /// why there is none.
    pub fn target(&self, lang: &str) -> Result<&Translations, Diagnostic> {
        self.translated(lang)?;
        self.translations.get(lang).ok_or_else(|| {
            Diagnostic::error(format!("language {lang} has no translation file yet"))
                .at(Location::file(PathBuf::from("translations").join(format!("{lang}.yaml"))))
                .hint(format!("start one from `kalem translations --missing {lang}`"))
        })
    }
}

/// Reads and parses the project's files. A broken `kalem.yaml` or project
/// folder stops here; a broken translation or brochure file is reported
/// with the rest and left out.
pub fn read_sources(root: &Path, selection: &Selection) -> Result<(Sources, Diagnostics), Diagnostics> {
    let root = root.canonicalize().map_err(|e| {
        vec![Diagnostic::error(format!("cannot open the project folder {}: {e}", root.display()))
            .hint("pass the folder that holds kalem.yaml with --project")]
    })?;
    let config = load_config(&root)?;
    let mut diagnostics = Vec::new();

    let mut translations = BTreeMap::new();
    for lang in config.languages.keys() {
        let file = PathBuf::from("translations").join(format!("{lang}.yaml"));
        // A link counts as there: reading it says what is wrong with it.
        if std::fs::symlink_metadata(root.join(&file)).is_err() {
            continue;
        }
        match read_text(&root, &file).map_err(|d| vec![d]).and_then(|source| Translations::parse(lang, &file, &source)) {
            Ok(t) => {
                translations.insert(lang.clone(), t);
            }
            Err(ds) => diagnostics.extend(ds),
        }
    }
    let locks = read_locks(&root, &config, &mut diagnostics);

    let mut brochures = Vec::new();
    for (id, file) in brochure_files(&root, selection.brochure.as_deref()).map_err(|d| vec![d])? {
        if !valid_id(&id) {
            diagnostics.push(
                Diagnostic::error(format!("brochure file name `{id}` cannot be a brochure id"))
                    .at(Location::file(&file))
                    .hint(format!("rename it to lowercase letters, digits and dashes, starting with a letter or digit (e.g. `{}`), as the id names its output folder", suggested_id(&id))),
            );
            continue;
        }
        let loaded = read_text(&root, &file).map_err(|d| vec![d]).and_then(|source| {
            let tree = document::parse(&source, &file)?;
            let spec: BrochureFile = yaml::parse(&source, &file).map_err(|d| vec![d])?;
            Ok((spec, tree))
        });
        match loaded {
            Ok((mut spec, tree)) => {
                if tree.get(&[Step::Key("languages")]).is_none() {
                    spec.languages = config.language_order();
                }
                if let Some(only) = &selection.languages {
                    spec.languages.retain(|l| only.contains(l));
                }
                let table = match spec.variants.as_deref().map(|t| variant::read_table(&root, &file, &tree, t)) {
                    Some(Ok(t)) => Some(t),
                    Some(Err(ds)) => {
                        diagnostics.extend(ds);
                        continue;
                    }
                    None => None,
                };
                brochures.push(BrochureSource { id, file, spec, tree, table });
            }
            Err(ds) => diagnostics.extend(ds),
        }
    }
    if let Some(only) = &selection.languages {
        let known: Vec<String> = config.languages.keys().cloned().collect();
        for lang in only.iter().filter(|l| !known.contains(l)) {
            diagnostics.push(
                Diagnostic::error(format!("unknown language `{lang}` given with --lang"))
                    .hint(yaml::suggestion(lang, &known, "language")),
            );
        }
    }
    Ok((Sources { root, config, translations, locks, brochures }, diagnostics))
}

/// The lock file of every language but the source language; a missing
/// file is an empty record, a broken one an error.
fn read_locks(root: &Path, config: &Config, diagnostics: &mut Diagnostics) -> BTreeMap<String, Lock> {
    let mut locks = BTreeMap::new();
    for lang in config.languages.keys().filter(|l| **l != config.source_language) {
        let file = lock_path(lang);
        let lock = if std::fs::symlink_metadata(root.join(&file)).is_ok() {
            match read_text(root, &file).and_then(|text| Lock::parse(lang, &file, &text)) {
                Ok(lock) => lock,
                Err(d) => {
                    diagnostics.push(d);
                    continue;
                }
            }
        } else {
            Lock::empty(lang)
        };
        locks.insert(lang.clone(), lock);
    }
    locks
}

/// Loads and validates the project in `root`. All problems found are
/// returned together.
pub fn load_project(root: &Path, selection: &Selection) -> Result<Project, Diagnostics> {
    let (sources, diagnostics) = read_sources(root, selection)?;
    validate(sources, diagnostics)
}

/// Validates what [`read_sources`] read; `diagnostics` are the problems it
/// found, returned with any found here.
pub fn validate(sources: Sources, mut diagnostics: Diagnostics) -> Result<Project, Diagnostics> {
    let Sources { root, config, translations, locks, brochures: files } = sources;
    let mut brochures = Vec::new();
    for b in &files {
        match &b.table {
            Some(table) => match variant::validate_all(&root, b, table, &config, &translations) {
                Ok(found) => brochures.extend(found),
                Err(ds) => diagnostics.extend(ds),
            },
            None => match validate_brochure(&b.id, &b.file, &b.spec, &b.tree, &config, &translations, &root) {
                Ok(b) => brochures.push(b),
                Err(ds) => diagnostics.extend(ds),
            },
        }
    }
    if diagnostics.is_empty() { Ok(Project { root, config, brochures, translations, locks }) } else { Err(diagnostics) }
}

/// Largest bleed kalem sets, in mm.
const MAX_BLEED_MM: f64 = 20.0;
/// Largest safe distance from trim and folds, in mm.
const MAX_SAFE_MM: f64 = 30.0;

/// Reads and checks `kalem.yaml` of the project in `root` (canonical).
pub fn load_config(root: &Path) -> Result<Config, Diagnostics> {
    let file = PathBuf::from(CONFIG_FILE);
    if std::fs::symlink_metadata(root.join(&file)).is_err() {
        return Err(vec![Diagnostic::error(format!("no {CONFIG_FILE} in {}", root.display()))
            .hint("run kalem in the project folder, or pass it with --project")]);
    }
    let source = read_text(root, &file).map_err(|d| vec![d])?;
    let tree = document::parse(&source, &file)?;
    let mut config: Config = yaml::parse(&source, &file).map_err(|d| vec![bad_colour(&tree, &file).unwrap_or(d)])?;
    check_config(&config, &tree, &file).map_err(|d| vec![d])?;
    resolve_languages(&mut config, &tree, &file).map_err(|d| vec![d])?;
    Ok(config)
}

/// Resolves every language's rules from its code and settings
/// ([`super::rules::resolve`]), pointing at its line on failure.
fn resolve_languages(config: &mut Config, tree: &Marked, file: &Path) -> Result<(), Diagnostic> {
    let chains: Vec<String> = config.fonts.keys().cloned().collect();
    for (code, language) in &mut config.languages {
        let node = tree.nearest(&[Step::Key("languages"), Step::Key(code)]);
        let at = Location::at(file, node.line, node.column);
        language.rules = super::rules::resolve(code, language, &chains, &at)?;
    }
    Ok(())
}

/// What `kalem.yaml` must hold beyond its types: defined font chains and
/// colours, ranges, the source language among the languages.
fn check_config(config: &Config, tree: &Marked, file: &Path) -> Result<(), Diagnostic> {
    let at = |path: &[Step]| {
        let node = tree.nearest(path);
        Location::at(file, node.line, node.column)
    };
    for code in config.languages.keys() {
        if let Some(hint) = code_problem(code) {
            return Err(Diagnostic::error(format!("language code `{code}` is not a valid code")).at(at(&[Step::Key("languages"), Step::Key(code)])).hint(hint));
        }
    }
    let colors: Vec<String> = config.colors.keys().cloned().collect();
    for (role, name) in config.theme.roles() {
        if !config.colors.contains_key(name) {
            return Err(Diagnostic::error(format!("theme colour `{role}` names `{name}`, which is not defined"))
                .at(at(&[Step::Key("theme"), Step::Key(role)]))
                .hint(yaml::suggestion(name, &colors, "colour") + " (defined under `colors:`)"));
        }
    }
    for (code, language) in &config.languages {
        if !(0.5..=2.0).contains(&language.text_scale) {
            return Err(Diagnostic::error(format!("text_scale {} of language {code} is out of range (0.5 to 2.0)", language.text_scale))
                .at(at(&[Step::Key("languages"), Step::Key(code), Step::Key("text_scale")]))
                .hint("use a factor between 0.5 and 2.0; 1.0 keeps the default size"));
        }
    }
    let print = &config.print;
    for (key, value, unit, range, hint) in [
        ("bleed_mm", print.bleed_mm, "mm", 0.0..=MAX_BLEED_MM, "print shops ask for 2 to 5 mm; 3 mm is usual"),
        ("safe_mm", print.safe_mm, "mm", 0.0..=MAX_SAFE_MM, "5 mm keeps text clear of the trim and the folds"),
        ("max_ink", print.max_ink, "%", 100.0..=400.0, "ask the print shop: coated paper takes about 300 to 330 %, uncoated 260 to 300 %"),
    ] {
        if !range.contains(&value) {
            return Err(Diagnostic::error(format!("print.{key} {value} {unit} is out of range ({} to {} {unit})", range.start(), range.end()))
                .at(at(&[Step::Key("print"), Step::Key(key)]))
                .hint(hint));
        }
    }
    for (id, contact) in &config.contacts {
        if let Some(problem) = contact.number_problem() {
            return Err(Diagnostic::error(format!("contact `{id}`: number `{}` cannot be dialled: {problem}", contact.number))
                .at(at(&[Step::Key("contacts"), Step::Key(id), Step::Key("number")]))
                .key(format!("contacts.{id}.number"))
                .hint(super::config::NUMBER_EXAMPLE));
        }
    }
    if !config.languages.contains_key(&config.source_language) {
        let known: Vec<String> = config.languages.keys().cloned().collect();
        return Err(Diagnostic::error(format!("source language `{}` is not one of the languages", config.source_language))
            .at(at(&[Step::Key("source_language")]))
            .hint(yaml::suggestion(&config.source_language, &known, "language")));
    }
    Ok(())
}

/// The colour of `kalem.yaml` that is not four percentages, pointed at by
/// its own line (serde only knows the `colors:` map it is in).
fn bad_colour(tree: &Marked, file: &Path) -> Option<Diagnostic> {
    let Node::Map(entries) = &tree.get(&[Step::Key("colors")])?.node else { return None };
    entries.iter().find_map(|(name, value)| {
        let values: Vec<f64> = match &value.node {
            Node::Seq(items) => items.iter().map(|i| i.as_str().and_then(|v| v.parse().ok()).unwrap_or(f64::NAN)).collect(),
            _ => Vec::new(),
        };
        let problem = super::config::Cmyk::try_from(values).err()?;
        Some(Diagnostic::error(format!("colour `{}`: {problem}", name.as_str().unwrap_or_default()))
            .at(Location::at(file, value.line, value.column))
            .hint("give four percentages [c, m, y, k], each from 0 to 100, e.g. `[100, 65, 0, 30]`"))
    })
}

/// Why a language code cannot be one, if it cannot: it must be BCP 47,
/// written as BCP 47 writes it (`tr`, `fa-AF`, `sr-Latn`), since it names
/// output folders and translation files.
fn code_problem(code: &str) -> Option<String> {
    let usual = "use a BCP 47 code of letters and dashes (e.g. `tr`, `en`, `fa-AF`): the code names output folders and translation files";
    let plain = code.len() <= 64 && code.split('-').all(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_alphanumeric()));
    match icu_locale::LanguageIdentifier::try_from_str(code) {
        Ok(id) if plain && id.to_string() == code => None,
        Ok(id) if plain => Some(format!("write it as `{id}`, as BCP 47 writes it (language in lower case, region in capitals), so that its folders and files have one name")),
        _ => Some(usual.to_string()),
    }
}

/// `id` made into a valid id, to suggest in a message.
fn suggested_id(id: &str) -> String {
    let lower: String = id.to_lowercase().chars().map(|c| if c.is_ascii_lowercase() || c.is_ascii_digit() { c } else { '-' }).collect();
    let trimmed = lower.trim_matches('-');
    if trimmed.is_empty() { "my-brochure".into() } else { trimmed.chars().take(64).collect() }
}

/// The brochure files, sorted by id, or just the one asked for.
fn brochure_files(root: &Path, only: Option<&str>) -> Result<Vec<(String, PathBuf)>, Diagnostic> {
    let dir = root.join("brochures");
    let entries = std::fs::read_dir(&dir).map_err(|e| {
        Diagnostic::error(format!("cannot read the brochures folder: {e}")).at(Location::file("brochures")).hint("create brochures/ with one <id>.yaml per publication")
    })?;
    let mut found: Vec<(String, PathBuf)> = Vec::new();
    for path in entries.filter_map(|e| e.ok()).map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "yaml" || x == "yml")) {
        let (Some(id), Some(name)) = (path.file_stem().and_then(|s| s.to_str()), path.file_name()) else {
            let shown = crate::diag::escape(&path.file_name().unwrap_or_default().to_string_lossy());
            return Err(Diagnostic::error(format!("the name of brochure file `{shown}` is not UTF-8 text"))
                .at(Location::file("brochures"))
                .hint("rename it with lowercase letters, digits and dashes: the name is the brochure's id and names its output"));
        };
        found.push((id.to_string(), PathBuf::from("brochures").join(name)));
    }
    found.sort();
    if let Some(pair) = found.windows(2).find(|w| w[0].0 == w[1].0) {
        return Err(Diagnostic::error(format!("{} and {} are both brochure `{}`", pair[0].1.display(), pair[1].1.display(), pair[0].0))
            .at(Location::file(&pair[1].1))
            .hint("keep one of them: both would build into the same output files"));
    }
    if let Some(only) = only {
        let ids: Vec<String> = found.iter().map(|(id, _)| id.clone()).collect();
        found.retain(|(id, _)| id == only);
        if found.is_empty() {
            return Err(Diagnostic::error(format!("no brochure `{only}` in brochures/")).hint(yaml::suggestion(only, &ids, "brochure")));
        }
    }
    Ok(found)
}

