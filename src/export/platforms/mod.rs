//! Caption limits of the platforms a post is built for, counted as each
//! platform counts: X by twitter-text's weighted length ([`x`]), the others
//! by characters (code points), Instagram also by hashtags.

mod urls;
pub mod x;

use std::sync::LazyLock;

use regex::Regex;

use crate::diag::{Blocker, Diagnostic, Diagnostics};
use crate::model::Edition;
use crate::model::social::{Post, Preset};

/// A platform that posts captions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Platform {
    /// X (formerly Twitter): 280, weighted.
    X,
    /// Instagram: 2,200 characters, 30 hashtags.
    Instagram,
    /// LinkedIn: 3,000 characters.
    LinkedIn,
    /// Facebook: 63,206 characters.
    Facebook,
}

/// How a platform measures a caption.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    /// twitter-text's weighted length.
    Weighted,
    /// Unicode code points.
    Characters,
    /// Hashtags.
    Hashtags,
}

/// A caption's count on one platform's measure, beside its limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Count {
    /// The platform.
    pub platform: Platform,
    /// What is counted.
    pub measure: Measure,
    /// The caption's count.
    pub count: usize,
    /// The most the platform takes.
    pub limit: usize,
}

impl Platform {
    /// The platform a preset is made for; none for a custom `WxH` size.
    pub fn of(preset: &Preset) -> Option<Platform> {
        match preset.name.as_str() {
            name if name.starts_with("instagram-") => Some(Platform::Instagram),
            "facebook-link" => Some(Platform::Facebook),
            "x-post" => Some(Platform::X),
            "linkedin" => Some(Platform::LinkedIn),
            _ => None,
        }
    }

    /// The platform's name, as its users write it.
    pub fn name(self) -> &'static str {
        match self {
            Platform::X => "X",
            Platform::Instagram => "Instagram",
            Platform::LinkedIn => "LinkedIn",
            Platform::Facebook => "Facebook",
        }
    }

    /// The caption's counts on each of the platform's measures.
    pub fn counts(self, caption: &str) -> Vec<Count> {
        let count = |measure, count, limit| Count { platform: self, measure, count, limit };
        let characters = caption.chars().count();
        match self {
            Platform::X => vec![count(Measure::Weighted, x::weighted_length(caption), 280)],
            Platform::Instagram => vec![count(Measure::Characters, characters, 2_200), count(Measure::Hashtags, hashtags(caption), 30)],
            Platform::LinkedIn => vec![count(Measure::Characters, characters, 3_000)],
            Platform::Facebook => vec![count(Measure::Characters, characters, 63_206)],
        }
    }
}

/// The platforms a post is built for, each once, in a fixed order.
pub fn platforms(post: &Post) -> Vec<Platform> {
    let mut out: Vec<Platform> = post.presets.iter().filter_map(Platform::of).collect();
    out.sort();
    out.dedup();
    out
}

/// The number of hashtags in `text`: a `#` not inside a word, then letters,
/// marks, digits or `_`.
fn hashtags(text: &str) -> usize {
    static HASHTAG: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?:^|[^\p{L}\p{M}\p{N}_&#])#[\p{L}\p{M}\p{N}_]+").expect("hashtag pattern"));
    HASHTAG.find_iter(text).count()
}

/// A release blocker for each limit the caption of `post` in `edition`
/// exceeds on a platform the post is built for. `caption` is the caption
/// file as written; its final line break is not posted and not counted.
pub fn caption_blockers(edition: &Edition, post: &Post, caption: &str) -> Diagnostics {
    let posted = caption.strip_suffix('\n').unwrap_or(caption);
    platforms(post)
        .into_iter()
        .flat_map(|platform| platform.counts(posted))
        .filter(|c| c.count > c.limit)
        .map(|c| blocker(edition, post, c))
        .collect()
}

/// The blocker for one count over its limit.
fn blocker(edition: &Edition, post: &Post, c: Count) -> Diagnostic {
    let (platform, over) = (c.platform.name(), c.count - c.limit);
    let presets: Vec<&str> =
        post.presets.iter().filter(|p| Platform::of(p) == Some(c.platform)).map(|p| p.name.as_str()).collect();
    let (what, how, shorten) = match c.measure {
        Measure::Weighted => ("", " (weighted as X counts)", format!("shorten it by {over} (a URL counts 23, an emoji or a character above U+10FF 2)")),
        Measure::Characters => (" characters", "", format!("shorten it by {over} characters")),
        Measure::Hashtags => (" hashtags", "", format!("drop {over} hashtags")),
    };
    Diagnostic::blocker(
        Blocker::CaptionLength,
        format!("caption of post `{}` is {}{what} of {platform}'s {}{how}", post.id, c.count, c.limit),
    )
    .at_opt(edition.table.location(&post.caption))
    .key(&post.caption)
    .lang(edition.lang)
    .hint(format!("{shorten}, or drop {} from the post's presets", presets.join(", ")))
}

#[cfg(test)]
mod tests;
