//! JSON Schemas of `kalem.yaml` and brochure files, generated from the Rust
//! types, so editors (with the yaml-language-server comment at the top of a
//! file) complete keys and flag typos while the designer types.

use super::Config;
use super::brochure::BrochureFile;

/// The schema files, by file name.
pub fn schemas() -> [(&'static str, serde_json::Value); 2] {
    [
        ("kalem.schema.json", serde_json::to_value(schemars::schema_for!(Config)).unwrap_or_default()),
        ("brochure.schema.json", serde_json::to_value(schemars::schema_for!(BrochureFile)).unwrap_or_default()),
    ]
}

/// A schema as written to its file: pretty JSON with a final newline.
pub fn to_file_text(schema: &serde_json::Value) -> String {
    let mut text = serde_json::to_string_pretty(schema).unwrap_or_default();
    text.push('\n');
    text
}
