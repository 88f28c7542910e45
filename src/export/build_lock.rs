//! One build per project at a time: a build holds `output/.kalem-build.lock`
//! (holding its process id) from before it tidies `output/` until it ends.
//! A second build started meanwhile is refused with the first one's process
//! id, instead of deleting the first build's staged files; a lock left by a
//! build that was killed (its process is gone) is taken over.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Location};

/// The lock file, relative to the project root.
pub const LOCK_FILE: &str = "output/.kalem-build.lock";

/// A held lock; dropping it removes the file.
#[derive(Debug)]
pub struct BuildLock {
    path: PathBuf,
}

impl Drop for BuildLock {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// Takes the lock of the project at `root` (canonical; `output/` already
/// checked by the sandbox), or says which process holds it.
pub fn take(root: &Path) -> Result<BuildLock, Diagnostic> {
    let path = root.join(LOCK_FILE);
    let fail = |e: std::io::Error| {
        Diagnostic::error(format!("cannot create the build lock: {e}")).at(Location::file(LOCK_FILE)).hint("check that the output folder is writable and the disk is not full")
    };
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(fail)?;
    }
    for _ in 0..3 {
        match std::fs::OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(mut file) => {
                file.write_all(format!("{}\n", std::process::id()).as_bytes()).map_err(fail)?;
                return Ok(BuildLock { path });
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                let holder = std::fs::read_to_string(&path).ok().and_then(|t| t.trim().parse::<u32>().ok());
                match holder {
                    Some(pid) if pid != std::process::id() && alive(pid) => {
                        return Err(Diagnostic::error(format!("another kalem (process {pid}) is building this project right now"))
                            .at(Location::file(LOCK_FILE))
                            .hint(format!("wait until it ends, or stop it (`kill {pid}`); if no kalem runs, delete {LOCK_FILE}")));
                    }
                    // Left by a build that was killed, by this process, or
                    // half-written: stale.
                    _ => {
                        let _ = std::fs::remove_file(&path);
                    }
                }
            }
            Err(e) => return Err(fail(e)),
        }
    }
    Err(fail(std::io::Error::other("another build keeps taking it")))
}

/// Whether the process `pid` runs.
fn alive(pid: u32) -> bool {
    if cfg!(target_os = "linux") {
        return Path::new("/proc").join(pid.to_string()).exists();
    }
    std::process::Command::new("kill").args(["-0", &pid.to_string()]).stderr(std::process::Stdio::null()).status().is_ok_and(|s| s.success())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_live_holder_is_named_and_a_dead_one_is_taken_over() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        let mut other = std::process::Command::new("sleep").arg("30").spawn().unwrap();
        std::fs::create_dir_all(root.join("output")).unwrap();
        std::fs::write(root.join(LOCK_FILE), format!("{}\n", other.id())).unwrap();
        let refused = take(&root).unwrap_err();
        assert!(refused.message.contains(&format!("process {}", other.id())), "{refused:?}");
        other.kill().unwrap();
        other.wait().unwrap();
        let lock = take(&root).expect("the dead holder's lock is taken over");
        assert_eq!(std::fs::read_to_string(root.join(LOCK_FILE)).unwrap().trim(), std::process::id().to_string());
        drop(lock);
        assert!(!root.join(LOCK_FILE).exists(), "the lock is removed when the build ends");
    }
}
