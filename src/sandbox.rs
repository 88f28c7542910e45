//! The project root is a sandbox: nothing kalem or typst reads may lie
//! outside it, whether reached by `..`, an absolute path or a symlink.

use std::fmt;
use std::io::Read;
use std::path::{Component, Path, PathBuf};

/// Why a path was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The path leaves the project folder.
    Outside,
    /// The path does not exist (or cannot be read).
    Missing,
    /// Links along the path point at each other and never reach a file.
    Loop,
    /// A link where kalem writes: whatever it points at, writes would land
    /// there.
    Link,
    /// An ordinary file where a folder should be.
    NotAFolder,
}

impl Refusal {
    /// What is wrong, completing "`path` …".
    pub fn what(&self) -> &'static str {
        match self {
            Refusal::Outside => "is outside the project folder",
            Refusal::Missing => "does not exist",
            Refusal::Loop => "is a loop of links that point at each other",
            Refusal::Link => "is a link: kalem would write wherever it points",
            Refusal::NotAFolder => "is a file, not a folder",
        }
    }
}

/// The error code of "too many levels of symbolic links".
#[cfg(target_os = "linux")]
const ELOOP: i32 = 40;
#[cfg(not(target_os = "linux"))]
const ELOOP: i32 = 62;

/// Why `path` cannot be canonicalised: a loop of links, or it is missing.
fn unresolved(e: &std::io::Error) -> Refusal {
    if e.raw_os_error() == Some(ELOOP) { Refusal::Loop } else { Refusal::Missing }
}

/// Resolves `relative` inside `root` (which must be canonical) and returns
/// the canonical path, or why it is refused.
pub fn resolve(root: &Path, relative: &Path) -> Result<PathBuf, Refusal> {
    if relative.is_absolute() || relative.components().any(|c| matches!(c, Component::ParentDir | Component::Prefix(_))) {
        return Err(Refusal::Outside);
    }
    let canonical = root.join(relative).canonicalize().map_err(|e| unresolved(&e))?;
    if canonical.starts_with(root) { Ok(canonical) } else { Err(Refusal::Outside) }
}

/// Most folders below the output folder that [`output_files`] looks at.
const MAX_OUTPUT_FOLDERS: usize = 10_000;

/// The files below the folder `relative` of `root` (which must be
/// canonical), for a build about to write there; none when it does not
/// exist yet. Refused, with the offending path, when the folder or any
/// folder below it is a link, or it lies outside the project: writes
/// there would land wherever the link points.
pub fn output_files(root: &Path, relative: &Path) -> Result<Vec<PathBuf>, (PathBuf, Refusal)> {
    let top = root.join(relative);
    let Ok(meta) = std::fs::symlink_metadata(&top) else { return Ok(Vec::new()) };
    if meta.file_type().is_symlink() {
        let why = match top.canonicalize() {
            Err(e) => unresolved(&e),
            Ok(_) => Refusal::Link,
        };
        return Err((top, why));
    }
    if !meta.is_dir() {
        return Err((top, Refusal::NotAFolder));
    }
    if !top.canonicalize().is_ok_and(|c| c.starts_with(root)) {
        return Err((top, Refusal::Outside));
    }
    let (mut files, mut folders, mut seen) = (Vec::new(), vec![top], 0);
    while let Some(folder) = folders.pop() {
        seen += 1;
        let entries = std::fs::read_dir(&folder).map_err(|_| (folder.clone(), Refusal::Missing))?;
        for entry in entries.flatten() {
            let path = entry.path();
            match entry.file_type() {
                Ok(t) if t.is_symlink() && path.is_dir() => return Err((path, Refusal::Link)),
                Ok(t) if t.is_dir() && seen < MAX_OUTPUT_FOLDERS => folders.push(path),
                Ok(t) if t.is_file() => files.push(path),
                _ => {}
            }
        }
    }
    Ok(files)
}

/// Checks that writing `target` (absolute, or relative to the working
/// folder) stays inside `root` (canonical): the target and every folder
/// between it and the project are ordinary files and folders, none a link,
/// so a planted `schema -> /etc` or `output/x -> ~` cannot redirect a write.
/// Returns the offending path and why.
pub fn writable(root: &Path, target: &Path) -> Result<(), (PathBuf, Refusal)> {
    if target.components().any(|c| matches!(c, Component::ParentDir)) {
        return Err((target.to_path_buf(), Refusal::Outside));
    }
    let absolute = std::path::absolute(target).map_err(|_| (target.to_path_buf(), Refusal::Missing))?;
    let mut at = absolute.as_path();
    let mut is_target = true;
    loop {
        if let Ok(meta) = std::fs::symlink_metadata(at) {
            if at.canonicalize().is_ok_and(|c| c == root) {
                return Ok(());
            }
            if meta.file_type().is_symlink() {
                let why = at.canonicalize().map_or_else(|e| unresolved(&e), |_| Refusal::Link);
                return Err((at.to_path_buf(), why));
            }
            if !is_target && !meta.is_dir() {
                return Err((at.to_path_buf(), Refusal::NotAFolder));
            }
        }
        is_target = false;
        match at.parent() {
            Some(parent) if parent != at => at = parent,
            _ => return Err((absolute.clone(), Refusal::Outside)),
        }
    }
}

/// Largest font, profile or image file kalem reads, in bytes.
pub const MAX_ASSET_BYTES: u64 = 64 << 20;

/// Why a file was not read.
#[derive(Debug)]
pub enum ReadProblem {
    /// A pipe, a device, a socket or a folder: reading it could block
    /// forever or never end.
    NotAFile,
    /// Larger than the limit, in bytes.
    TooBig(u64),
    /// The system refused.
    Io(std::io::Error),
}

impl fmt::Display for ReadProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadProblem::NotAFile => write!(f, "cannot read file: it is not an ordinary file (a pipe, a device or a folder)"),
            ReadProblem::TooBig(limit) if *limit >= 1 << 20 => write!(f, "file is larger than {} MiB", limit >> 20),
            ReadProblem::TooBig(limit) => write!(f, "file is larger than {} KiB", limit >> 10),
            ReadProblem::Io(e) => write!(f, "cannot read file: {e}"),
        }
    }
}

/// Reads a whole file of at most `limit` bytes. Only ordinary files are
/// read, and the limit holds before and while reading: a pipe is never
/// opened, `/dev/zero` or a growing file stops at the limit.
pub fn read_bytes(path: &Path, limit: u64) -> Result<Vec<u8>, ReadProblem> {
    if !std::fs::metadata(path).map_err(ReadProblem::Io)?.is_file() {
        return Err(ReadProblem::NotAFile);
    }
    let file = std::fs::File::open(path).map_err(ReadProblem::Io)?;
    let meta = file.metadata().map_err(ReadProblem::Io)?;
    if !meta.is_file() {
        return Err(ReadProblem::NotAFile);
    }
    if meta.len() > limit {
        return Err(ReadProblem::TooBig(limit));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(limit + 1).read_to_end(&mut bytes).map_err(ReadProblem::Io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadProblem::TooBig(limit));
    }
    Ok(bytes)
}


#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_parent_absolute_and_symlink_escapes() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("project");
        std::fs::create_dir_all(root.join("assets")).unwrap();
        std::fs::write(root.join("assets/logo.svg"), "<svg/>").unwrap();
        std::fs::write(dir.path().join("secret.txt"), "x").unwrap();
        let root = root.canonicalize().unwrap();
        assert!(resolve(&root, Path::new("assets/logo.svg")).is_ok());
        assert_eq!(resolve(&root, Path::new("../secret.txt")), Err(Refusal::Outside));
        assert_eq!(resolve(&root, &dir.path().join("secret.txt")), Err(Refusal::Outside));
        assert_eq!(resolve(&root, Path::new("assets/none.svg")), Err(Refusal::Missing));
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(dir.path().join("secret.txt"), root.join("assets/link.txt")).unwrap();
            assert_eq!(resolve(&root, Path::new("assets/link.txt")), Err(Refusal::Outside));
        }
    }

    #[cfg(unix)]
    #[test]
    fn output_folders_that_are_links_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("project");
        std::fs::create_dir_all(root.join("output/a/tr")).unwrap();
        std::fs::write(root.join("output/a/tr/x.pdf"), "x").unwrap();
        let root = root.canonicalize().unwrap();
        assert_eq!(output_files(&root, Path::new("output")), Ok(vec![root.join("output/a/tr/x.pdf")]));
        assert_eq!(output_files(&root, Path::new("none")), Ok(vec![]));
        std::os::unix::fs::symlink(dir.path(), root.join("output/a/ar")).unwrap();
        assert_eq!(output_files(&root, Path::new("output")), Err((root.join("output/a/ar"), Refusal::Link)));
        std::os::unix::fs::symlink(dir.path(), root.join("out2")).unwrap();
        assert_eq!(output_files(&root, Path::new("out2")), Err((root.join("out2"), Refusal::Link)));
        std::fs::write(root.join("out3"), "x").unwrap();
        assert_eq!(output_files(&root, Path::new("out3")), Err((root.join("out3"), Refusal::NotAFolder)));
    }

    #[cfg(unix)]
    #[test]
    fn devices_folders_and_big_files_are_not_read() {
        assert!(matches!(read_bytes(Path::new("/dev/zero"), 1024), Err(ReadProblem::NotAFile)));
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(read_bytes(dir.path(), 1024), Err(ReadProblem::NotAFile)));
        let file = dir.path().join("a.yaml");
        std::fs::write(&file, [b'x'; 2048]).unwrap();
        assert!(matches!(read_bytes(&file, 1024), Err(ReadProblem::TooBig(1024))));
        assert_eq!(read_bytes(&file, 4096).unwrap().len(), 2048);
    }
}
