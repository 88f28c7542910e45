//! Writing outputs so that nothing half-written is ever left behind: bytes
//! go to a temporary file in the target folder, which is then renamed over
//! the target in one step.

use std::io::Write;
use std::path::Path;

use crate::diag::{Diagnostic, Location};

/// Writes `bytes` to `path` atomically, creating parent folders.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    let fail = |what: &str, e: std::io::Error| {
        Diagnostic::error(format!("cannot {what}: {e}")).at(Location::file(path)).hint("check that the output folder is writable and the disk is not full")
    };
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| fail("create the output folder", e))?;
    let mut tmp = tempfile::Builder::new().prefix(".kalem-").suffix(".part").tempfile_in(dir).map_err(|e| fail("create a temporary file", e))?;
    tmp.write_all(bytes).map_err(|e| fail("write the output", e))?;
    // Temporary files are private (0600); outputs go to print shops and
    // shared folders, so they get the usual 0644.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file().set_permissions(std::fs::Permissions::from_mode(0o644)).map_err(|e| fail("set the output's permissions", e))?;
    }
    tmp.as_file().sync_all().map_err(|e| fail("flush the output", e))?;
    tmp.persist(path).map_err(|e| fail("rename the output into place", e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_and_replaces_without_leftovers() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("a/b/out.pdf");
        write_atomic(&target, b"one").unwrap();
        write_atomic(&target, b"two").unwrap();
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
}
