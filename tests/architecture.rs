//! The stages hold: reads every source file under `src/` and fails, naming
//! file and line, on a reference that breaks one of the rules of
//! `DESIGN.md`: `prepare` and `model` know no layout, export or typst,
//! the block model (`blocks`) and the HTML renderer (`site`) know no typst
//! and no layout,
//! `export` reads no YAML (`load`), `load` knows no command line, and no two
//! stages depend on each other in a circle.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// A reference from one module of the crate to another module or crate.
#[derive(Debug, Clone)]
struct Reference {
    /// The file, relative to the repository.
    file: String,
    /// Line, from 1.
    line: usize,
    /// The stage the file belongs to.
    from: String,
    /// The module or crate it names.
    to: String,
    /// The line as written.
    text: String,
}

/// What each stage must never reference.
const NEVER: &[(&str, &[&str], &str)] = &[
    ("prepare", &["layout", "export", "pipeline", "run", "cli", "typst"], "prepare is pure text work: no typst, no layout, no files"),
    ("model", &["layout", "export", "pipeline", "run", "cli", "typst"], "the model is validated data: no typst, no layout"),
    ("export", &["load", "pipeline", "run", "cli"], "export finishes what layout produced and never reads YAML"),
    ("load", &["model", "prepare", "layout", "export", "pipeline", "run", "cli", "clap", "typst"], "load turns files into positioned YAML, nothing more"),
    ("layout", &["export", "pipeline", "run", "cli"], "layout hands documents down; it does not write them"),
    ("fonts", &["prepare", "layout", "export", "pipeline", "run", "cli", "typst"], "fonts are shared by prepare and layout and know neither"),
    ("blocks", &["layout", "export", "site", "pipeline", "run", "cli", "typst"], "the block model is what every renderer reads: no typst, no renderer"),
    ("site", &["layout", "load", "pipeline", "run", "cli", "typst"], "the HTML renderer renders the prepared blocks: no typst, no layout"),
    ("diag", &["load", "model", "prepare", "layout", "export", "pipeline", "run", "cli"], "diagnostics are used by every stage"),
    ("sandbox", &["load", "model", "prepare", "layout", "export", "pipeline", "run", "cli"], "the sandbox is used by every stage"),
];

/// Modules of the crate that count as stages or shared pieces.
const MODULES: &[&str] = &["load", "model", "prepare", "blocks", "layout", "site", "export", "pipeline", "run", "cli", "fonts", "diag", "sandbox"];

/// The stage of a source file: its first folder or file name under `src/`.
fn stage_of(relative: &Path) -> Option<String> {
    let first = relative.components().nth(1)?.as_os_str().to_str()?;
    let name = first.strip_suffix(".rs").unwrap_or(first);
    MODULES.contains(&name).then(|| name.to_string())
}

/// The references of one file's code (comments left out).
fn references(file: &str, from: &str, source: &str) -> Vec<Reference> {
    let mut out = Vec::new();
    for (i, raw) in source.lines().enumerate() {
        let code = raw.split("//").next().unwrap_or("");
        let mut found: BTreeSet<String> = BTreeSet::new();
        for (at, _) in code.match_indices("crate::") {
            let before = code[..at].chars().last();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$') {
                continue;
            }
            let rest = &code[at + "crate::".len()..];
            let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            if !name.is_empty() {
                found.insert(name);
            }
        }
        // `use crate::{a, b}` names several modules at once.
        if let Some(group) = code.split("crate::{").nth(1) {
            for part in group.split([',', '}']) {
                let name: String = part.trim().chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                if !name.is_empty() {
                    found.insert(name);
                }
            }
        }
        for word in code.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':')) {
            if let Some(krate) = word.split("::").next().filter(|_| word.contains("::")) {
                if krate == "typst" || krate.starts_with("typst_") {
                    found.insert("typst".into());
                } else if krate == "clap" {
                    found.insert("clap".into());
                }
            }
        }
        for to in found {
            if to != from {
                out.push(Reference { file: file.to_string(), line: i + 1, from: from.to_string(), to, text: raw.trim().to_string() });
            }
        }
    }
    out
}

/// Every `.rs` file below `dir`, sorted.
fn sources(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(d) = pending.pop() {
        for entry in std::fs::read_dir(&d).expect("read src") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// The rules broken by `files` (relative path, source), one line each.
fn violations(files: &[(String, String)]) -> Vec<String> {
    let refs: Vec<Reference> = files
        .iter()
        .filter_map(|(file, source)| stage_of(Path::new(file)).map(|stage| references(file, &stage, source)))
        .flatten()
        .collect();
    let mut out = Vec::new();
    for r in &refs {
        for (stage, never, why) in NEVER {
            if r.from == *stage && never.contains(&r.to.as_str()) {
                out.push(format!("{}:{}: {} uses {}: `{}` ({why})", r.file, r.line, r.from, r.to, r.text));
            }
        }
    }
    // Stage-to-stage edges, each with the first reference that makes it.
    let mut edges: BTreeMap<(&str, &str), &Reference> = BTreeMap::new();
    for r in refs.iter().filter(|r| MODULES.contains(&r.to.as_str())) {
        edges.entry((r.from.as_str(), r.to.as_str())).or_insert(r);
    }
    for (&(a, b), r) in &edges {
        if a < b {
            if let Some(back) = edges.get(&(b, a)) {
                out.push(format!(
                    "{}:{}: {a} uses {b}, and {}:{}: {b} uses {a}: stages must not depend on each other",
                    r.file, r.line, back.file, back.line
                ));
            }
        }
    }
    out.extend(longer_cycles(&edges));
    out
}

/// Cycles of three or more stages, each named once by its stages in order.
fn longer_cycles(edges: &BTreeMap<(&str, &str), &Reference>) -> Vec<String> {
    let next = |from: &str| -> Vec<&str> { edges.keys().filter(|(a, _)| *a == from).map(|(_, b)| *b).collect() };
    let mut found = BTreeSet::new();
    for start in MODULES {
        let mut stack: Vec<Vec<&str>> = vec![vec![start]];
        while let Some(path) = stack.pop() {
            let last = path.last().copied().unwrap_or(start);
            for to in next(last) {
                if to == *start && path.len() >= 3 {
                    let mut cycle = path.clone();
                    let min = cycle.iter().enumerate().min_by_key(|(_, s)| **s).map_or(0, |(i, _)| i);
                    cycle.rotate_left(min);
                    found.insert(cycle.join(" → "));
                } else if !path.contains(&to) && path.len() < MODULES.len() {
                    let mut longer = path.clone();
                    longer.push(to);
                    stack.push(longer);
                }
            }
        }
    }
    found
        .into_iter()
        .map(|cycle| {
            let stages: Vec<&str> = cycle.split(" → ").collect();
            let places: Vec<String> = stages
                .iter()
                .zip(stages.iter().cycle().skip(1))
                .filter_map(|(a, b)| edges.get(&(*a, *b)).map(|r| format!("{}:{}", r.file, r.line)))
                .collect();
            format!("{}: stages form a cycle {cycle} → {}", places.join(", "), stages.first().copied().unwrap_or_default())
        })
        .collect()
}

/// The crate's sources, relative to the repository.
fn crate_sources() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    sources(&root.join("src"))
        .into_iter()
        .map(|p| {
            let relative = p.strip_prefix(root).unwrap_or(&p).to_string_lossy().replace('\\', "/");
            (relative, std::fs::read_to_string(&p).expect("read source"))
        })
        .collect()
}

#[test]
fn stages_only_depend_downwards() {
    let found = violations(&crate_sources());
    assert!(found.is_empty(), "the stages of DESIGN.md do not hold:\n{}", found.join("\n"));
}

#[test]
fn a_layout_import_in_prepare_is_named_with_file_and_line() {
    let mut files = crate_sources();
    let (_, source) = files.iter_mut().find(|(f, _)| f == "src/prepare/mod.rs").expect("prepare/mod.rs");
    let line = source.lines().count() + 2;
    source.push_str("\nuse crate::layout::world::Engine;\n");
    let found = violations(&files);
    let want = format!("src/prepare/mod.rs:{line}: prepare uses layout");
    assert!(found.iter().any(|v| v.starts_with(&want)), "expected {want} in {found:#?}");
}

#[test]
fn typst_in_the_model_and_cycles_are_named() {
    let files = vec![
        ("src/model/x.rs".to_string(), "fn f() { let _ = typst::compile; }\n".to_string()),
        ("src/layout/a.rs".to_string(), "use crate::export::pdf;\n".to_string()),
        ("src/export/b.rs".to_string(), "\n\nuse crate::layout::geometry;\n".to_string()),
        ("src/load/c.rs".to_string(), "use crate::{diag, model};\n".to_string()),
        ("src/model/d.rs".to_string(), "// crate::load in a comment does not count\nuse crate::load::marked;\n".to_string()),
    ];
    let found = violations(&files);
    let has = |s: &str| found.iter().any(|v| v.contains(s));
    assert!(has("src/model/x.rs:1: model uses typst"), "{found:#?}");
    assert!(has("src/export/b.rs:3: export uses layout, and src/layout/a.rs:1: layout uses export"), "{found:#?}");
    assert!(has("src/load/c.rs:1: load uses model"), "{found:#?}");
    assert!(has("src/model/d.rs:2"), "{found:#?}");
    assert!(!has("src/model/d.rs:1"), "{found:#?}");
}

#[test]
fn typst_or_layout_in_the_html_renderer_or_the_block_model_is_named() {
    let mut files = crate_sources();
    files.push(("src/site/x.rs".to_string(), "use typst::foundations::Bytes;\nuse crate::layout::contract::Ink;\n".to_string()));
    files.push(("src/blocks/y.rs".to_string(), "\nfn f() { let _ = typst_layout::PagedDocument::default; }\n".to_string()));
    let found = violations(&files);
    let has = |s: &str| found.iter().any(|v| v.contains(s));
    assert!(has("src/site/x.rs:1: site uses typst"), "{found:#?}");
    assert!(has("src/site/x.rs:2: site uses layout"), "{found:#?}");
    assert!(has("src/blocks/y.rs:2: blocks uses typst"), "{found:#?}");
}
