//! kalem's `typst::World`: the bundled fonts only, files only from inside
//! the project root, a fixed date, no packages and no network.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

use crate::fonts::FontSet;
use crate::model::colour::Colours;
use crate::sandbox::{self, Refusal};

/// The templates editions are set with; each reads its content from
/// [`DATA_PATH`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Template {
    /// Sheets divided into panels: tri-fold, flyer, poster.
    Panels,
    /// Documents whose text flows over pages.
    Flow,
    /// Social-media images.
    Social,
    /// A contact sheet of a brochure's outputs.
    ContactSheet,
    /// The coordinator's proof of a build.
    Proof,
}

impl Template {
    /// The template's typst source, the main file of its compiles.
    pub fn source(self) -> &'static str {
        match self {
            Template::Panels => include_str!("template.typ"),
            Template::Flow => include_str!("flow.typ"),
            Template::Social => include_str!("social.typ"),
            Template::ContactSheet => include_str!("contact.typ"),
            Template::Proof => include_str!("proof.typ"),
        }
    }
}

/// How both templates set blocks, imported from [`BLOCKS_PATH`].
pub const BLOCKS: &str = include_str!("blocks.typ");

/// Where the templates import the block functions from.
pub const BLOCKS_PATH: &str = "/.kalem/blocks.typ";

/// Where the template finds the document's data, a JSON file that exists
/// only in memory.
pub const DATA_PATH: &str = "/.kalem/data.json";

/// What every compile shares: the project root, the standard library and the
/// fonts. Built once per run.
#[derive(Debug)]
pub struct Engine {
    root: PathBuf,
    library: LazyHash<Library>,
    fonts: Arc<FontSet>,
    book: LazyHash<FontBook>,
    typst_fonts: Vec<Font>,
    colours: Colours,
}

/// A font file's shared bytes, as typst holds them.
struct Shared(Arc<Vec<u8>>);

impl AsRef<[u8]> for Shared {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

impl Engine {
    /// An engine for the project at `root` (canonical) with its fonts and
    /// the output profile's screen colours.
    pub fn new(root: PathBuf, fonts: Arc<FontSet>, colours: Colours) -> Engine {
        let typst_fonts: Vec<Font> = fonts.faces().iter().filter_map(|f| Font::new(Bytes::new(Shared(f.data.clone())), f.index)).collect();
        let book = LazyHash::new(FontBook::from_fonts(&typst_fonts));
        Engine { root, library: LazyHash::new(Library::builder().build()), fonts, book, typst_fonts, colours }
    }

    /// A world that compiles `template` over `data` (JSON).
    pub fn world(&self, template: Template, data: Vec<u8>) -> KalemWorld<'_> {
        self.world_of(template.source(), data)
    }

    /// A world that compiles the typst `source` over `data` (JSON), with
    /// the block library to import: the templates' world, for any source.
    pub fn world_of(&self, source: &str, data: Vec<u8>) -> KalemWorld<'_> {
        let main = file_id("/main.typ");
        KalemWorld {
            engine: self,
            main: Source::new(main, source.to_string()),
            blocks: Source::new(file_id(BLOCKS_PATH), BLOCKS.to_string()),
            data: Bytes::new(data),
            data_id: file_id(DATA_PATH),
            memory: Vec::new(),
        }
    }

    /// Reads the file at `relative` inside the project root, refusing paths
    /// that lead outside it.
    pub fn read(&self, relative: &Path) -> FileResult<Bytes> {
        match sandbox::resolve(&self.root, relative) {
            Ok(path) => std::fs::read(&path).map(Bytes::new).map_err(|e| FileError::from_io(e, &path)),
            Err(Refusal::Missing) => Err(FileError::NotFound(relative.to_path_buf())),
            Err(_) => Err(FileError::AccessDenied),
        }
    }

    /// The fonts.
    pub fn fonts(&self) -> &FontSet {
        &self.fonts
    }

    /// How the output profile shows CMYK colours on screens.
    pub fn colours(&self) -> &Colours {
        &self.colours
    }
}

fn file_id(path: &str) -> FileId {
    // The paths given here are constants that are valid virtual paths.
    let vpath = VirtualPath::new(path).unwrap_or_else(|_| unreachable!("constant path {path}"));
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

/// One document's world: the shared engine plus its template and data.
pub struct KalemWorld<'a> {
    engine: &'a Engine,
    main: Source,
    blocks: Source,
    data: Bytes,
    data_id: FileId,
    memory: Vec<(FileId, Bytes)>,
}

impl KalemWorld<'_> {
    /// The world with in-memory files (absolute path, e.g. under
    /// `/.kalem/`, and bytes), or why a path is not a valid typst path.
    pub fn with_files<P: AsRef<str>>(mut self, files: impl IntoIterator<Item = (P, Bytes)>) -> Result<Self, String> {
        for (path, bytes) in files {
            let path = path.as_ref();
            let vpath = VirtualPath::new(path).map_err(|e| format!("{path}: {e:?}"))?;
            self.memory.push((RootedPath::new(VirtualRoot::Project, vpath).intern(), bytes));
        }
        Ok(self)
    }
}

impl World for KalemWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.engine.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.engine.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        [&self.main, &self.blocks].into_iter().find(|s| s.id() == id).cloned().ok_or(FileError::NotSource)
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.data_id {
            return Ok(self.data.clone());
        }
        if let Some((_, bytes)) = self.memory.iter().find(|(file, _)| *file == id) {
            return Ok(bytes.clone());
        }
        if let Some(source) = [&self.main, &self.blocks].into_iter().find(|s| s.id() == id) {
            return Ok(Bytes::from_string(source.clone()));
        }
        let rooted = id.get();
        if !matches!(rooted.root(), VirtualRoot::Project) {
            return Err(FileError::Other(Some("kalem does not load typst packages".into())));
        }
        self.engine.read(Path::new(rooted.vpath().get_without_slash()))
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.engine.typst_fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        Datetime::from_ymd(2026, 1, 1)
    }
}
