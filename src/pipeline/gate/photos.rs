//! A photo on a post is not shown much larger than it is: enlarged beyond
//! [`MAX_ENLARGEMENT`] times its pixels it looks soft on every phone. (Print
//! has its own floor in pixels per inch.)

use crate::diag::{Blocker, Diagnostic, Diagnostics};
use crate::model::Project;

/// How far a photo may be enlarged on a social image.
pub const MAX_ENLARGEMENT: f64 = 1.5;

/// A blocker for every post and preset whose background photo is enlarged
/// beyond [`MAX_ENLARGEMENT`].
pub fn check(project: &Project) -> Diagnostics {
    let mut out = Vec::new();
    for post in project.brochures.iter().flat_map(|b| &b.social) {
        let Some(photo) = &post.photo else { continue };
        for preset in &post.presets {
            let crop = photo.crop(f64::from(preset.width), f64::from(preset.height));
            let scale = crop.w / f64::from(photo.pixels.0);
            if scale > MAX_ENLARGEMENT {
                let (pw, ph) = photo.pixels;
                let need = (f64::from(pw) * scale / MAX_ENLARGEMENT).ceil();
                out.push(
                    Diagnostic::blocker(Blocker::Upscaled, format!("post `{}` enlarges its {pw} × {ph} photo {scale:.1} times on {} ({} × {} px)", post.id, preset.name, preset.width, preset.height))
                        .at(post.at.clone())
                        .hint(format!("use a photo at least {need:.0} px wide (`{}`), or a colour background", photo.path.display())),
                );
            }
        }
    }
    out
}
