//! An image path of a block, checked to name a readable image inside the
//! project.

use std::path::{Path, PathBuf};

use super::{Ctx, MAX_PATH_BYTES};
use crate::load::assets;
use crate::load::marked::Step;
use crate::sandbox::{self, Refusal};

/// The project-relative path of an image named `raw`, checked to lie inside
/// the project and to be an image kalem reads; none after reporting why not.
pub(super) fn image_path(ctx: &mut Ctx, at: &[Step], raw: &str) -> Option<PathBuf> {
    if raw.len() > MAX_PATH_BYTES || raw.split('/').any(|part| part.len() > 255) {
        let shown: String = raw.chars().take(40).collect();
        ctx.error(at, format!("image path `{shown}…` is {} characters long, longer than file systems allow", raw.chars().count()), "give the image a short name in assets/, e.g. `assets/cover.jpg`");
        return None;
    }
    let relative = Path::new(raw);
    match sandbox::resolve(ctx.root, relative) {
        Ok(canonical) => {
            let ext = canonical.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
            if !matches!(ext.as_deref(), Some("svg" | "png" | "jpg" | "jpeg")) {
                ctx.error(at, format!("`{raw}` is not an image kalem can place"), "use an SVG, PNG or JPEG file");
                return None;
            }
            if let Err(refused) = assets::check_image(&canonical) {
                ctx.error(at, format!("image `{raw}` {}", refused.problem), refused.hint);
                return None;
            }
            canonical.strip_prefix(ctx.root).ok().map(Path::to_path_buf)
        }
        Err(Refusal::Outside) => {
            ctx.error(at, format!("image `{raw}` is outside the project folder"), "copy the file into assets/ and write its path relative to the project, e.g. `assets/logo.svg`");
            None
        }
        Err(Refusal::Missing) => {
            ctx.error(at, format!("image `{raw}` does not exist"), "check the spelling; paths are relative to the project folder, e.g. `assets/logo.svg`");
            None
        }
    }
}
