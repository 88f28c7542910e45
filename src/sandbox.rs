//! The project root is a sandbox: nothing kalem or typst reads may lie
//! outside it, whether reached by `..`, an absolute path or a symlink.

use std::path::{Component, Path, PathBuf};

/// Why a path was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The path leaves the project folder.
    Outside,
    /// The path does not exist (or cannot be read).
    Missing,
}

/// Resolves `relative` inside `root` (which must be canonical) and returns
/// the canonical path, or why it is refused.
pub fn resolve(root: &Path, relative: &Path) -> Result<PathBuf, Refusal> {
    if relative.is_absolute() || relative.components().any(|c| matches!(c, Component::ParentDir | Component::Prefix(_))) {
        return Err(Refusal::Outside);
    }
    let canonical = root.join(relative).canonicalize().map_err(|_| Refusal::Missing)?;
    if canonical.starts_with(root) { Ok(canonical) } else { Err(Refusal::Outside) }
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
}
