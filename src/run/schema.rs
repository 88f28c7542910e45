//! `kalem schema`: writes the JSON Schemas for editors.

use std::path::Path;

use super::finish;
use crate::cli::SchemaArgs;
use crate::diag::Diagnostic;
use crate::export::write::write_atomic;
use crate::model::schema::{schemas, to_file_text};

/// Writes each schema file into `--out`, inside the project (the working
/// folder): a `schema/` that is a link is refused like a linked `output/`.
pub fn run(args: &SchemaArgs) -> u8 {
    let root = match Path::new(".").canonicalize() {
        Ok(root) => root,
        Err(e) => return finish(&[Diagnostic::error(format!("cannot open the working folder: {e}")).hint("run `kalem schema` in the project folder")], Path::new(".")),
    };
    for (name, schema) in schemas() {
        let path = args.out.join(name);
        if let Err(d) = write_atomic(&root, &path, to_file_text(&schema).as_bytes()) {
            return finish(&[d], &root);
        }
        println!("wrote {}", path.display());
    }
    0
}
