//! What a build writes, as values: the files of each job.

use std::path::PathBuf;

/// What one job wrote.
#[derive(Debug, Clone)]
pub struct Output {
    /// The file, relative to the project root.
    pub path: PathBuf,
    /// Pages in it.
    pub pages: usize,
    /// Its size in bytes.
    pub bytes: usize,
}

/// The folder below the project root that every output goes to.
pub const OUTPUT_DIR: &str = "output";
