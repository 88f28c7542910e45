//! Validates the `social:` posts of a brochure file.

use super::image::image_path;
use super::{Ctx, Want};
use crate::load::marked::Step;
use crate::load::yaml::suggestion;
use crate::model::Cmyk;
use crate::model::social::{DEFAULT_QUALITY, ImageFormat, Post, PostSpec, Preset, Slide, valid_id};
use crate::model::translations::Entry;
use crate::diag::Diagnostic;

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
        let slides = slides(ctx, &base, spec);
        images_per_post(ctx, &sub("presets"), &presets, slides.len());
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
        if let Some(key) = &spec.qr_label {
            ctx.key(&sub("qr_label"), key, Want::Text);
            if spec.qr.is_none() {
                ctx.error(&sub("qr_label"), "`qr_label` labels a QR code, and this post has none", "add `qr:` or remove `qr_label`");
            }
        }
        let theme = ctx.config.theme.clone();
        let (background, photo) = match &spec.background {
            Some(b) => super::image::background(ctx, &sub("background"), b),
            None => (None, None),
        };
        if photo.as_ref().is_some_and(|p| p.alt.is_some()) {
            let at: Vec<Step> = sub("background").into_iter().chain([Step::Key("alt")]).collect();
            ctx.error(&at, "a post's photo is described by the post's own `alt:`", "move the description to the post's `alt:` and remove this one");
        }
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
                slides,
                caption: spec.caption.clone(),
                hashtags: spec.hashtags.clone(),
                image,
                qr: qr.flatten(),
                qr_label: spec.qr_label.clone(),
                at: ctx.at(&sub("id")),
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

/// Most images one post may render (presets times slides): all six named
/// presets for a carousel of 20 slides.
pub const MAX_POST_IMAGES: usize = 120;
/// Most pixels all the images of one post may have together, in millions
/// (all six named presets times 20 slides is 153).
pub const MAX_POST_MEGAPIXELS: u64 = 200;

/// Refuses a post whose presets times slides are more images, or more
/// pixels, than [`MAX_POST_IMAGES`] and [`MAX_POST_MEGAPIXELS`]: each is
/// rendered, held and encoded.
fn images_per_post(ctx: &mut Ctx, at: &[Step], presets: &[Preset], slides: usize) {
    let slides = slides.max(1);
    let images = presets.len() * slides;
    let pixels = presets.iter().map(|p| u64::from(p.width) * u64::from(p.height)).sum::<u64>() * slides as u64;
    if images > MAX_POST_IMAGES || pixels > MAX_POST_MEGAPIXELS * 1_000_000 {
        ctx.error(
            at,
            format!("this post makes {images} images ({} presets × {slides} slides) of {} million pixels in all, more than the {MAX_POST_IMAGES} images and {MAX_POST_MEGAPIXELS} million pixels kalem renders for one post", presets.len(), pixels / 1_000_000),
            "list only the presets you post to (each named one is at most 1080 × 1920), or split the carousel into several posts",
        );
    }
}

/// Most slides a carousel may have (Instagram takes 20).
const MAX_SLIDES: usize = 20;

/// The slides of a carousel post, checked: each with something to show,
/// its keys present, an item range its list has in every language.
fn slides<'a>(ctx: &mut Ctx, base: &[Step<'a>], spec: &PostSpec) -> Vec<Slide> {
    let Some(specs) = &spec.slides else { return Vec::new() };
    let at = |extra: &[Step<'a>]| -> Vec<Step<'a>> { base.iter().copied().chain([Step::Key("slides")]).chain(extra.iter().copied()).collect() };
    if specs.is_empty() || specs.len() > MAX_SLIDES {
        ctx.error(&at(&[]), format!("a carousel has 1 to {MAX_SLIDES} slides, this one {}", specs.len()), "list the slides under `slides:`, each with `heading`, `text` or `list`, and `alt`");
    }
    if spec.text.is_some() || spec.list.is_some() {
        ctx.error(&at(&[]), "a carousel's text goes on its slides", "move the post's `text` or `list` into a slide");
    }
    let mut out = Vec::new();
    for (j, slide) in specs.iter().enumerate() {
        let here = |key: &'static str| at(&[Step::Index(j), Step::Key(key)]);
        if slide.heading.is_none() && slide.text.is_none() && slide.list.is_none() {
            ctx.error(&at(&[Step::Index(j)]), format!("slide {} shows nothing", j + 1), "give it a `heading`, a `text` or a `list`");
        }
        let heading = slide.heading.clone().unwrap_or_else(|| spec.heading.clone());
        ctx.key(&here("heading"), &heading, Want::Text);
        for (key, want, name) in [(&slide.text, Want::Text, "text"), (&slide.list, Want::List, "list")] {
            if let Some(key) = key {
                ctx.key(&here(name), key, want);
            }
        }
        ctx.key(&here("alt"), &slide.alt, Want::Text);
        let items = slide.items.and_then(|[first, last]| {
            let Some(list) = &slide.list else {
                ctx.error(&here("items"), "`items` chooses items of a `list`", "add `list:` with the translation key of the list, or remove `items`");
                return None;
            };
            if first == 0 || last < first {
                ctx.error(&here("items"), format!("items [{first}, {last}] are not a range"), "count items from 1, e.g. `items: [1, 3]` for the first three");
                return None;
            }
            too_short(ctx, list, last);
            Some(first - 1..last)
        });
        out.push(Slide { heading, text: slide.text.clone(), list: slide.list.clone(), items, alt: slide.alt.clone() });
    }
    out
}

/// Reports every language whose list `key` has fewer than `last` items.
fn too_short(ctx: &mut Ctx, key: &str, last: usize) {
    for lang in ctx.languages.clone() {
        let Some(table) = ctx.translations.get(&lang) else { continue };
        if let Some(Entry::List(items)) = table.entries.get(key)
            && items.len() < last
        {
            let d = Diagnostic::error(format!("a slide shows items up to {last} of `{key}`, which has {} in language {lang}", items.len()))
                .at_opt(table.location(key))
                .key(key)
                .lang(&lang)
                .hint(format!("add the missing items to `{key}`, or end the slide's `items` at {}", items.len()));
            ctx.diagnostics.push(d);
        }
    }
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
