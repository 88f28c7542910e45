//! Release blockers: findings that make an output unfit to print or post.
//!
//! A blocker does not stop a build (the outputs are written, marked as
//! drafts) but `kalem release` refuses while one stands, unless
//! `--allow KIND` lets that kind pass on purpose. This enum is the one list
//! of blocker kinds; README.md lists them from [`Blocker::ALL`].

use std::fmt;
use std::str::FromStr;

/// One kind of release blocker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Blocker {
    /// A made-up phone number, an example domain or e-mail, or an asset
    /// marked `placeholder: true`.
    Placeholder,
    /// An event that has ended before the build date.
    PastEvent,
    /// A funded project's output without its funder block or statement.
    Funding,
    /// A caption over the limit of a platform the post is built for.
    CaptionLength,
    /// A QR code that does not say what it opens.
    QrLabel,
    /// A photo on a post enlarged beyond 1.5 times its native resolution.
    Upscaled,
    /// Text on a social image below the smallest readable size.
    SmallText,
    /// Text whose contrast with its background is below WCAG 2.x.
    Contrast,
    /// A translation whose source text changed since it was made (stale),
    /// or that nobody has reviewed.
    Translation,
}

impl Blocker {
    /// Every kind, in the order README.md lists them.
    pub const ALL: [Blocker; 9] = [
        Blocker::Placeholder,
        Blocker::PastEvent,
        Blocker::Funding,
        Blocker::CaptionLength,
        Blocker::QrLabel,
        Blocker::Upscaled,
        Blocker::SmallText,
        Blocker::Contrast,
        Blocker::Translation,
    ];

    /// The kind's name, as `--allow` takes it and JSON reports it.
    pub fn name(self) -> &'static str {
        match self {
            Blocker::Placeholder => "placeholder",
            Blocker::PastEvent => "past-event",
            Blocker::Funding => "funding",
            Blocker::CaptionLength => "caption-length",
            Blocker::QrLabel => "qr-label",
            Blocker::Upscaled => "upscaled",
            Blocker::SmallText => "small-text",
            Blocker::Contrast => "contrast",
            Blocker::Translation => "translation",
        }
    }

    /// What the kind means, one line, for help texts and README.md.
    pub fn meaning(self) -> &'static str {
        match self {
            Blocker::Placeholder => "a made-up phone number, an example domain or e-mail, or an asset marked `placeholder: true`",
            Blocker::PastEvent => "an event that ended before the build date",
            Blocker::Funding => "a funded project's page set or caption without the funder block or statement",
            Blocker::CaptionLength => "a caption over the limit of a platform its post is built for",
            Blocker::QrLabel => "a QR code with no label saying what it opens",
            Blocker::Upscaled => "a photo on a post shown above 1.5 times its native resolution",
            Blocker::SmallText => "text on a social image below the smallest readable size",
            Blocker::Contrast => "text below WCAG 2.x contrast on its background",
            Blocker::Translation => "a translation whose source text changed since it was made (stale), or that nobody has reviewed",
        }
    }
}

impl fmt::Display for Blocker {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Blocker {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Blocker::ALL.into_iter().find(|b| b.name() == s).ok_or_else(|| {
            let names: Vec<&str> = Blocker::ALL.iter().map(|b| b.name()).collect();
            format!("unknown blocker kind `{s}`; the kinds are {}", names.join(", "))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_read_back() {
        for kind in Blocker::ALL {
            assert_eq!(kind.name().parse::<Blocker>(), Ok(kind));
        }
        assert!("placeholders".parse::<Blocker>().unwrap_err().contains("past-event"));
    }
}
