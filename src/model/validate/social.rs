//! Validates the `social:` posts of a brochure file.

use super::image::image_path;
use super::{Ctx, Want};
use crate::load::marked::Step;
use crate::load::yaml::suggestion;
use crate::model::Cmyk;
use crate::model::social::{DEFAULT_QUALITY, ImageFormat, Post, PostSpec, Preset, valid_id};

/// Resolves every post, reporting problems into `ctx`. Posts with errors are
/// left out.
pub(super) fn posts(ctx: &mut Ctx, specs: &[PostSpec]) -> Vec<Post> {
    let mut seen: Vec<&str> = Vec::new();
    let mut posts = Vec::new();
    for (i, spec) in specs.iter().enumerate() {
        let before = ctx.diagnostics.len();
        let base = [Step::Key("social"), Step::Index(i)];
        let sub = |key: &'static str| [base[0], base[1], Step::Key(key)];
        if !valid_id(&spec.id) {
            ctx.error(&sub("id"), format!("post id `{}` cannot be used in a file name", spec.id), "use lower-case Latin letters, digits and `-`, e.g. `hotline-157`");
        } else if seen.contains(&spec.id.as_str()) {
            ctx.error(&sub("id"), format!("post id `{}` is used twice", spec.id), "give every post its own id");
        }
        seen.push(&spec.id);

        let presets = presets(ctx, &base, spec.presets.as_deref());
        ctx.key(&sub("heading"), &spec.heading, Want::Text);
        if let Some(key) = &spec.text {
            ctx.key(&sub("text"), key, Want::Text);
        }
        if let Some(key) = &spec.list {
            ctx.key(&sub("list"), key, Want::List);
        }
        ctx.key(&sub("alt"), &spec.alt, Want::Text);
        ctx.key(&sub("caption"), &spec.caption, Want::Text);
        if let Some(key) = &spec.hashtags {
            ctx.key(&sub("hashtags"), key, Want::List);
        }
        if let Some(key) = &spec.cta {
            ctx.key(&sub("cta"), key, Want::Text);
            if spec.contact.is_none() {
                ctx.error(&sub("cta"), "`cta` needs a `contact` whose number it stands beside", "add `contact: yimer157` (a contact id from kalem.yaml) or remove `cta`");
            }
        }
        if let Some(id) = &spec.contact {
            match ctx.config.contacts.get(id) {
                Some(contact) if spec.cta.is_none() => {
                    let name = contact.name.clone();
                    ctx.key(&sub("contact"), &name, Want::Text);
                }
                Some(_) => {}
                None => {
                    let known: Vec<String> = ctx.config.contacts.keys().cloned().collect();
                    ctx.error(&sub("contact"), format!("unknown contact `{id}`"), suggestion(id, &known, "contact") + " (contacts are defined in kalem.yaml)");
                }
            }
        }
        let image = spec.image.as_deref().and_then(|raw| image_path(ctx, &sub("image"), raw));
        let qr = spec.qr.as_deref().map(|raw| super::campaign::social_qr(ctx, &sub("qr"), raw, spec.image.is_some()));
        let theme = ctx.config.theme.clone();
        let (background, photo) = match &spec.background {
            Some(b) => super::image::background(ctx, &sub("background"), b),
            None => (None, None),
        };
        let background = background.unwrap_or_else(|| color(ctx, &sub("background"), None, &theme.heading));
        let text_color = color(ctx, &sub("color"), spec.color.as_deref(), &theme.callout_text);
        let accent = color(ctx, &sub("accent"), spec.accent.as_deref(), &theme.callout);
        let quality = match (spec.format, spec.quality) {
            (_, None) => DEFAULT_QUALITY,
            (ImageFormat::Jpeg, Some(q)) if (1..=100).contains(&q) => q,
            (ImageFormat::Jpeg, Some(q)) => {
                ctx.error(&sub("quality"), format!("jpeg quality {q} is out of range"), "give a quality from 1 (smallest file) to 100 (best); 85 to 92 suits social media");
                DEFAULT_QUALITY
            }
            (ImageFormat::Png, Some(_)) => {
                ctx.error(&sub("quality"), "`quality` only applies to jpeg images", "add `format: jpeg`, or remove `quality` (png is lossless)");
                DEFAULT_QUALITY
            }
        };
        if ctx.diagnostics.len() == before {
            posts.push(Post {
                id: spec.id.clone(),
                presets,
                heading: spec.heading.clone(),
                text: spec.text.clone(),
                list: spec.list.clone(),
                contact: spec.contact.clone(),
                cta: spec.cta.clone(),
                alt: spec.alt.clone(),
                caption: spec.caption.clone(),
                hashtags: spec.hashtags.clone(),
                image,
                qr: qr.flatten(),
                background,
                photo,
                color: text_color,
                accent,
                format: spec.format,
                quality,
            });
        }
    }
    posts
}

/// The presets of a post: every named one when none are given.
fn presets<'a>(ctx: &mut Ctx, base: &[Step<'a>], names: Option<&[String]>) -> Vec<Preset> {
    let at = |extra: &[Step<'a>]| -> Vec<Step<'a>> { base.iter().copied().chain([Step::Key("presets")]).chain(extra.iter().copied()).collect() };
    let Some(names) = names else { return Preset::all() };
    if names.is_empty() {
        ctx.error(&at(&[]), "this post has no presets", "list sizes, e.g. `presets: [instagram-square, instagram-story]`, or remove `presets:` for all of them");
    }
    let mut presets: Vec<Preset> = Vec::new();
    for (j, name) in names.iter().enumerate() {
        match Preset::parse(name) {
            Some(p) if presets.contains(&p) => ctx.error(&at(&[Step::Index(j)]), format!("preset `{name}` is listed twice"), "list each size once"),
            Some(p) => presets.push(p),
            None => {
                let hint = suggestion(name, &Preset::names(), "preset");
                ctx.error(&at(&[Step::Index(j)]), format!("unknown preset `{name}`"), format!("{hint}, or a size in pixels such as `1080x1350` (each side 200 to 4096)"));
            }
        }
    }
    presets
}

/// A colour of the post, or the theme's colour for that role.
fn color(ctx: &mut Ctx, path: &[Step], name: Option<&str>, default: &str) -> Cmyk {
    match name {
        Some(name) => ctx.color(path, name).unwrap_or(Cmyk::BLACK),
        None => ctx.config.colors.get(default).copied().unwrap_or(Cmyk::BLACK),
    }
}
