//! Writing outputs so that nothing half-written is ever left behind: bytes
//! go to a temporary file in the target folder, which is then renamed over
//! the target in one step.

use std::io::Write;
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

use crate::diag::{Diagnostic, Location};
use crate::sandbox;
use super::build_lock::{self, BuildLock};
use super::output::{OUTPUT_DIR, Output};

/// Prefix and suffix of the temporary files outputs are written to.
const PART_PREFIX: &str = ".kalem-";
const PART_SUFFIX: &str = ".part";

/// Writes `bytes` to `path` atomically, creating parent folders, when the
/// path stays inside the project `root` (see [`write_together`]).
pub fn write_atomic(root: &Path, path: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    write_together(root, &[(path, bytes)])
}

/// Writes `bytes` to `path` as [`write_atomic`] does, unless the file
/// already holds exactly them (a record or report a no-op build would
/// otherwise write and flush again).
pub fn write_if_changed(root: &Path, path: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    let same = sandbox::writable(root, path).is_ok() && std::fs::symlink_metadata(path).is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64) && std::fs::read(path).is_ok_and(|old| old == bytes);
    if same { Ok(()) } else { write_atomic(root, path, bytes) }
}

/// Writes several files so that they are replaced together or not at all:
/// every file is written and flushed beside its target first, and only when
/// all of them are complete are they renamed into place. When one cannot be
/// written (a full disk, a read-only folder), every target keeps its old
/// content and the temporary files are removed. Every path must stay inside
/// the project `root` (canonical) with no link on the way: otherwise
/// nothing is written.
pub fn write_together(root: &Path, files: &[(&Path, &[u8])]) -> Result<(), Diagnostic> {
    for (path, _) in files {
        sandbox::writable(root, path).map_err(|(at, why)| refused(root, &at, &why))?;
    }
    let staged = files.iter().map(|(path, bytes)| stage(path, bytes).map(|tmp| (tmp, *path))).collect::<Result<Vec<_>, _>>()?;
    for (tmp, path) in staged {
        tmp.persist(path).map_err(|e| failure(path, "rename the output into place", &e.error))?;
    }
    Ok(())
}

/// Writes an edition's files (each described by its [`Output`], paths
/// relative to `root`) together, as [`write_together`] does.
pub fn write_outputs(root: &Path, files: Vec<(Output, &[u8])>) -> Result<Vec<Output>, Diagnostic> {
    let targets: Vec<PathBuf> = files.iter().map(|(output, _)| root.join(&output.path)).collect();
    let staged: Vec<(&Path, &[u8])> = targets.iter().zip(&files).map(|(target, (_, bytes))| (target.as_path(), *bytes)).collect();
    write_together(root, &staged)?;
    Ok(files.into_iter().map(|(output, _)| output).collect())
}

/// Why kalem does not write at `at`: what is there, and what to do.
fn refused(root: &Path, at: &Path, why: &sandbox::Refusal) -> Diagnostic {
    use sandbox::Refusal;
    let hint = match why {
        Refusal::Link | Refusal::Loop => "remove the link; kalem creates the folders it writes to itself",
        Refusal::NotAFolder => "move the file away: kalem needs a folder there",
        Refusal::Outside | Refusal::Missing => "write inside the project folder (paths are relative to it)",
    };
    let shown = at.strip_prefix(root).unwrap_or(at);
    Diagnostic::error(format!("cannot write here: `{}` {}", shown.display(), why.what())).at(Location::file(shown)).hint(hint)
}

fn failure(path: &Path, what: &str, e: &std::io::Error) -> Diagnostic {
    Diagnostic::error(format!("cannot {what}: {e}")).at(Location::file(path)).hint("check that the output folder is writable and the disk is not full")
}

/// Writes `bytes` to a temporary file beside `path`, flushed to disk.
fn stage(path: &Path, bytes: &[u8]) -> Result<NamedTempFile, Diagnostic> {
    let fail = |what: &str, e: std::io::Error| failure(path, what, &e);
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| fail("create the output folder", e))?;
    let mut tmp = tempfile::Builder::new().prefix(PART_PREFIX).suffix(PART_SUFFIX).tempfile_in(dir).map_err(|e| fail("create a temporary file", e))?;
    tmp.write_all(bytes).map_err(|e| fail("write the output", e))?;
    // Temporary files are private (0600); outputs go to print shops and
    // shared folders, so they get the usual 0644.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file().set_permissions(std::fs::Permissions::from_mode(0o644)).map_err(|e| fail("set the output's permissions", e))?;
    }
    tmp.as_file().sync_all().map_err(|e| fail("flush the output", e))?;
    Ok(tmp)
}

/// Makes the project's output folder ready for a build: refuses it when it,
/// or any folder in it, is a link (kalem would write wherever it points),
/// takes the build lock (one build at a time: see [`build_lock`]) and
/// removes the temporary files an interrupted build left behind. The lock
/// is held until the returned value is dropped.
pub fn prepare_output(root: &Path) -> Result<BuildLock, Diagnostic> {
    let relative = Path::new(OUTPUT_DIR);
    let files = sandbox::output_files(root, relative).map_err(|(at, why)| refused(root, &at, &why))?;
    let lock = build_lock::take(root)?;
    let parts = files.iter().filter(|f| f.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with(PART_PREFIX) && n.ends_with(PART_SUFFIX)));
    for part in parts {
        std::fs::remove_file(part).map_err(|e| failure(part.strip_prefix(root).unwrap_or(part), "remove a left-over temporary file", &e))?;
    }
    Ok(lock)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_and_replaces_without_leftovers() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("a/b/out.pdf");
        let root = dir.path().canonicalize().unwrap();
        write_atomic(&root, &target, b"one").unwrap();
        write_atomic(&root, &target, b"two").unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"two");
        let names: Vec<_> = std::fs::read_dir(target.parent().unwrap()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, vec![std::ffi::OsString::from("out.pdf")]);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&target).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o644, "others can read the output");
        }
    }

    #[test]
    fn files_written_together_keep_their_old_content_when_one_fails() {
        let dir = tempfile::tempdir().unwrap();
        let print = dir.path().join("tr/print.pdf");
        let root = dir.path().canonicalize().unwrap();
        write_atomic(&root, &print, b"old print").unwrap();
        std::fs::write(dir.path().join("blocked"), b"a file where a folder should be").unwrap();
        let screen = dir.path().join("blocked/screen.pdf");
        assert!(write_together(&root, &[(&print, b"new print"), (&screen, b"new screen")]).is_err());
        assert_eq!(std::fs::read(&print).unwrap(), b"old print");
        let names: Vec<_> = std::fs::read_dir(print.parent().unwrap()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, vec![std::ffi::OsString::from("print.pdf")], "no temporary file is left");
    }
}
