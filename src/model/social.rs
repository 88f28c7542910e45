//! Social-media posts: what a brochure file lists under `social:`, the
//! platform presets with their safe zones, and the validated [`Post`].

use std::path::PathBuf;

use schemars::JsonSchema;
use serde::Deserialize;

use super::Cmyk;

/// A post as written under `social:` in a brochure file.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PostSpec {
    /// The post's id, used in file names: lower-case letters, digits, `-`.
    pub id: String,
    /// Preset names or custom sizes `WxH` in pixels; every named preset when
    /// left out.
    #[serde(default)]
    pub presets: Option<Vec<String>>,
    /// Translation key of the heading.
    pub heading: String,
    /// Translation key of a paragraph under the heading.
    #[serde(default)]
    pub text: Option<String>,
    /// Translation key of a list under the heading.
    #[serde(default)]
    pub list: Option<String>,
    /// Contact id from `kalem.yaml` shown as the call to action.
    #[serde(default)]
    pub contact: Option<String>,
    /// Translation key of the words beside the contact's number; the
    /// contact's name when left out.
    #[serde(default)]
    pub cta: Option<String>,
    /// Translation key of the alt text for screen readers.
    pub alt: String,
    /// A carousel: one image per slide, in order, instead of `text` and
    /// `list`. Each slide has its own alt text; the post one caption.
    #[serde(default)]
    pub slides: Option<Vec<SlideSpec>>,
    /// Translation key of the caption posted with the image.
    pub caption: String,
    /// Translation key of a list of hashtags (without `#`) for the caption.
    #[serde(default)]
    pub hashtags: Option<String>,
    /// An illustration, a path inside the project (SVG, PNG or JPEG).
    #[serde(default)]
    pub image: Option<String>,
    /// A QR code in place of the illustration: a web address, `tel:157`
    /// or a contact id; drawn in the text colour.
    #[serde(default)]
    pub qr: Option<String>,
    /// Background: a colour name, or a photo filling the image (with an
    /// overlay colour, which then counts as the background); the theme's
    /// heading colour otherwise.
    #[serde(default)]
    pub background: Option<super::photo::BackgroundSpec>,
    /// Text colour name; the theme's callout text colour otherwise.
    #[serde(default)]
    pub color: Option<String>,
    /// Accent colour name (call to action, rule); the theme's callout colour
    /// otherwise.
    #[serde(default)]
    pub accent: Option<String>,
    /// Image file format.
    #[serde(default)]
    pub format: ImageFormat,
    /// JPEG quality from 1 to 100.
    #[serde(default)]
    pub quality: Option<u8>,
}

/// One slide of a carousel as written: a heading (the post's when left
/// out), and a paragraph or a list, or some items of a list.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SlideSpec {
    /// Translation key of the slide's heading; the post's when left out.
    #[serde(default)]
    pub heading: Option<String>,
    /// Translation key of a paragraph.
    #[serde(default)]
    pub text: Option<String>,
    /// Translation key of a list.
    #[serde(default)]
    pub list: Option<String>,
    /// With `list`, the items to show, `[first, last]` counted from 1.
    #[serde(default)]
    pub items: Option<[usize; 2]>,
    /// Translation key of the slide's alt text.
    pub alt: String,
}

/// A validated slide.
#[derive(Debug, Clone, PartialEq)]
pub struct Slide {
    /// Translation key of the heading.
    pub heading: String,
    /// Translation key of the paragraph, if any.
    pub text: Option<String>,
    /// Translation key of the list, if any.
    pub list: Option<String>,
    /// The items of the list to show, from 0, end excluded; all if none.
    pub items: Option<std::ops::Range<usize>>,
    /// Translation key of the alt text.
    pub alt: String,
}

/// The file format of a post's images.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ImageFormat {
    /// Lossless sRGB PNG.
    #[default]
    Png,
    /// sRGB JPEG at a quality setting.
    Jpeg,
}

impl ImageFormat {
    /// The file extension.
    pub fn extension(self) -> &'static str {
        match self {
            ImageFormat::Png => "png",
            ImageFormat::Jpeg => "jpg",
        }
    }
}

/// JPEG quality when a post does not set one.
pub const DEFAULT_QUALITY: u8 = 90;

/// The named presets: name, width and height in pixels (domain-facts).
pub const PRESETS: [(&str, u32, u32); 6] = [
    ("instagram-square", 1080, 1080),
    ("instagram-portrait", 1080, 1350),
    ("instagram-story", 1080, 1920),
    ("facebook-link", 1200, 630),
    ("x-post", 1600, 900),
    ("linkedin", 1200, 627),
];

/// Smallest and largest side of a custom size, in pixels.
pub const CUSTOM_SIDE: std::ops::RangeInclusive<u32> = 200..=4096;

/// Height over width from which an image is shown full-screen as a story or
/// reel, with the platform's controls over its top and bottom.
const STORY_ASPECT: f64 = 1.7;

/// A platform size.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preset {
    /// The name used in file names: the preset's name or `WxH`.
    pub name: String,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
}

impl Preset {
    /// A named preset or a custom `WxH` size (`1080x1350`), if `text` is one
    /// and the size is within [`CUSTOM_SIDE`].
    pub fn parse(text: &str) -> Option<Preset> {
        if let Some((name, width, height)) = PRESETS.iter().find(|(n, ..)| *n == text) {
            return Some(Preset { name: name.to_string(), width: *width, height: *height });
        }
        let (w, h) = text.split_once(['x', '×'])?;
        let (width, height): (u32, u32) = (w.trim().parse().ok()?, h.trim().parse().ok()?);
        (CUSTOM_SIDE.contains(&width) && CUSTOM_SIDE.contains(&height))
            .then(|| Preset { name: format!("{width}x{height}"), width, height })
    }

    /// Every named preset.
    pub fn all() -> Vec<Preset> {
        PRESETS.iter().map(|(n, w, h)| Preset { name: n.to_string(), width: *w, height: *h }).collect()
    }

    /// The names of the named presets.
    pub fn names() -> Vec<String> {
        PRESETS.iter().map(|(n, ..)| n.to_string()).collect()
    }

    /// Fractions of the height at the top and bottom where no text may go:
    /// 14 % and 20 % for stories (the platform's controls cover them), none
    /// otherwise.
    pub fn reserved(&self) -> (f64, f64) {
        if f64::from(self.height) / f64::from(self.width) >= STORY_ASPECT { (0.14, 0.20) } else { (0.0, 0.0) }
    }
}

/// A validated post, ready to lay out.
#[derive(Debug, Clone)]
pub struct Post {
    /// Id, safe for file names.
    pub id: String,
    /// Sizes to render, at least one.
    pub presets: Vec<Preset>,
    /// Translation key of the heading.
    pub heading: String,
    /// Translation key of the paragraph, if any.
    pub text: Option<String>,
    /// Translation key of the list, if any.
    pub list: Option<String>,
    /// Call to action: contact id from `kalem.yaml`, if any.
    pub contact: Option<String>,
    /// Translation key of the words beside the number.
    pub cta: Option<String>,
    /// Translation key of the alt text.
    pub alt: String,
    /// The slides of a carousel, in order; empty for a single image.
    pub slides: Vec<Slide>,
    /// Translation key of the caption.
    pub caption: String,
    /// Translation key of the hashtag list, if any.
    pub hashtags: Option<String>,
    /// Illustration, relative to the project root, checked to stay inside it.
    pub image: Option<PathBuf>,
    /// What the QR code in the illustration's place encodes, if any.
    pub qr: Option<String>,
    /// Where the post starts in its brochure file.
    pub at: crate::diag::Location,
    /// Background colour: the overlay's over a photo.
    pub background: Cmyk,
    /// A photo filling the image, if any.
    pub photo: Option<super::photo::Photo>,
    /// Text colour.
    pub color: Cmyk,
    /// Accent colour.
    pub accent: Cmyk,
    /// File format.
    pub format: ImageFormat,
    /// JPEG quality, 1 to 100.
    pub quality: u8,
}

/// Whether `id` is usable in a file name on every system.
pub fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !id.starts_with('-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presets_parse_by_name_or_size() {
        let story = Preset::parse("instagram-story").unwrap();
        assert_eq!((story.width, story.height), (1080, 1920));
        assert_eq!(Preset::parse("1080x1350").unwrap().name, "1080x1350");
        assert_eq!(Preset::parse("640×480").unwrap().name, "640x480");
        for bad in ["instagram-sqare", "10x10", "1080x", "x1080", "99999x100"] {
            assert_eq!(Preset::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn only_tall_sizes_reserve_story_zones() {
        assert_eq!(Preset::parse("instagram-story").unwrap().reserved(), (0.14, 0.20));
        assert_eq!(Preset::parse("720x1280").unwrap().reserved(), (0.14, 0.20));
        assert_eq!(Preset::parse("instagram-portrait").unwrap().reserved(), (0.0, 0.0));
        assert_eq!(Preset::parse("facebook-link").unwrap().reserved(), (0.0, 0.0));
    }

    #[test]
    fn ids_must_be_file_name_safe() {
        assert!(valid_id("hotline-157"));
        for bad in ["", "Hotline", "a b", "../x", "-x", "çocuk"] {
            assert!(!valid_id(bad), "{bad}");
        }
    }
}
