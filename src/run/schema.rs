//! `kalem schema`: writes the JSON Schemas for editors.

use super::finish;
use crate::cli::SchemaArgs;
use crate::export::write::write_atomic;
use crate::model::schema::{schemas, to_file_text};

/// Writes each schema file into `--out`.
pub fn run(args: &SchemaArgs) -> u8 {
    for (name, schema) in schemas() {
        let path = args.out.join(name);
        if let Err(d) = write_atomic(&path, to_file_text(&schema).as_bytes()) {
            return finish(&[d], &args.out);
        }
        println!("wrote {}", path.display());
    }
    0
}
