//! The sequence cue of a carousel slide: its place as `n/N` in the
//! language's digits, and, while slides follow, an arrow toward the next
//! one and a strip of it peeking in at that edge: the right edge in
//! left-to-right languages, the left edge in right-to-left ones, where
//! readers swipe from.

use serde::Serialize;

use crate::layout::geometry::Rect;
use crate::model::social::Preset;
use crate::model::{Digits, Direction};
use crate::prepare::digits;

/// Width of the peeking strip of the next slide, as a share of the shorter
/// side; it stays inside the margin, clear of the text.
const PEEK: f64 = 0.022;

/// Where a slide stands in its carousel, as the template shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SlideCue {
    /// `n/N` in the language's digits.
    pub count: String,
    /// The side the next slide comes from, which the arrow points to:
    /// `right` or `left`; none on the last slide.
    pub toward: Option<&'static str>,
    /// The strip of the next slide at that side, in pixels; none on the
    /// last slide.
    pub peek: Option<Rect>,
}

/// The cue of slide `n` (from 1) of `total` on `preset`.
pub fn cue(preset: &Preset, dir: Direction, digits: Digits, n: usize, total: usize) -> SlideCue {
    let (w, h) = (f64::from(preset.width), f64::from(preset.height));
    let strip = PEEK * w.min(h);
    let more = n < total;
    let (toward, x) = match dir {
        Direction::Ltr => ("right", w - strip),
        Direction::Rtl => ("left", 0.0),
    };
    SlideCue {
        count: digits::convert(&format!("{n}/{total}"), digits),
        toward: more.then_some(toward),
        peek: more.then_some(Rect { x, y: 0.0, w: strip, h }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cue_points_where_the_next_slide_comes_from() {
        let p = Preset::parse("instagram-square").unwrap();
        let ltr = cue(&p, Direction::Ltr, Digits::Latin, 1, 4);
        assert_eq!((ltr.count.as_str(), ltr.toward), ("1/4", Some("right")));
        assert!(ltr.peek.unwrap().x > 1000.0);
        let rtl = cue(&p, Direction::Rtl, Digits::Persian, 2, 4);
        assert_eq!((rtl.count.as_str(), rtl.toward), ("۲/۴", Some("left")));
        assert_eq!(rtl.peek.unwrap().x, 0.0);
        let last = cue(&p, Direction::Rtl, Digits::Persian, 4, 4);
        assert_eq!((last.toward, last.peek), (None, None));
    }
}
