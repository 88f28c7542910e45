//! The smallest text a social image may carry: 28 px on an image 1080 px
//! wide and in proportion on other widths (a feed shows every image at the
//! width of the screen), times the language's `text_scale` (a script with
//! a small x-height, such as Naskh, must be set larger to read as large).
//! It is read from the laid-out page, so that every text counts: heading,
//! body, call to action, organisation line and slide counter.

use super::PostData;
use super::checks::{FitReport, Subject, TextBox};
use crate::diag::{Blocker, Diagnostic};
use crate::layout::geometry::Rect;
use crate::model::Direction;
use crate::model::edition::ORGANISATION_NAME;
use crate::prepare::Run;

/// Smallest text size in px on an image [`FLOOR_WIDTH`] px wide.
pub const FLOOR_PX: f64 = 28.0;
/// The image width [`FLOOR_PX`] is given for, in px.
pub const FLOOR_WIDTH: f64 = 1080.0;
/// Text this many px under the floor passes: the template's sizes are
/// computed, not exact.
const TOLERANCE: f64 = 0.05;

/// The smallest text size in px on an image `width` px wide, in a language
/// whose `text_scale` is `scale`.
pub fn floor(width: f64, scale: f64) -> f64 {
    FLOOR_PX * width / FLOOR_WIDTH * scale
}

/// The part of a post a text belongs to, found from the box it stands in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Heading,
    Body,
    Number,
    Cta,
    Brand,
    Counter,
    Other,
}

impl Part {
    /// What messages call it.
    fn name(self) -> &'static str {
        match self {
            Part::Heading => "the heading",
            Part::Body => "the text",
            Part::Number => "the call to action's number",
            Part::Cta => "the call to action",
            Part::Brand => "the organisation line",
            Part::Counter => "the slide counter",
            Part::Other => "a text",
        }
    }
}

/// Which part of the post `text` is: by the box its ink's centre stands
/// in; in the text box by the nearer of the heading and body sizes the
/// template reported.
fn part(text: &TextBox, data: &PostData, reports: &[FitReport]) -> Part {
    let r = &text.bounds;
    let (x, y) = (r.x + r.w / 2.0, r.y + r.h / 2.0);
    let holds = |b: &Rect| x >= b.x && x <= b.x + b.w && y >= b.y && y <= b.y + b.h;
    let is = |whole: &str| !text.text.trim().is_empty() && whole.contains(text.text.trim());
    let frames = &data.frames;
    if frames.cta.as_ref().is_some_and(holds) {
        return if data.cta.as_ref().is_some_and(|c| is(&c.number.text)) { Part::Number } else { Part::Cta };
    }
    if holds(&frames.brand) {
        return if data.cue.as_ref().is_some_and(|c| is(&c.count)) { Part::Counter } else { Part::Brand };
    }
    if !holds(&frames.text) {
        return Part::Other;
    }
    let sizes = reports.iter().find_map(|r| match r {
        FitReport::Text { heading, body, .. } => Some((*heading, *body)),
        FitReport::Cta { .. } => None,
    });
    match sizes {
        Some((heading, body)) if (text.size - body).abs() < (text.size - heading).abs() => Part::Body,
        _ => Part::Heading,
    }
}

/// What a message quotes of the part `piece` is in: its whole text, in
/// reading order, when the post's data holds it; of the body, the line;
/// with spaces where kalem tied words (`prepare::ties`), as the translator
/// wrote them.
fn quote(part: Part, piece: &TextBox, boxes: &[TextBox], data: &PostData, dir: Direction) -> String {
    let joined = |runs: &[Run]| runs.iter().map(|r| r.text.as_str()).collect::<String>();
    let whole = match part {
        Part::Heading => Some(joined(&data.heading)),
        Part::Cta => data.cta.as_ref().map(|c| joined(&c.label)),
        Part::Number => data.cta.as_ref().map(|c| c.number.text.clone()),
        Part::Brand => Some(joined(&data.brand)),
        Part::Counter => data.cue.as_ref().map(|c| c.count.clone()),
        Part::Body | Part::Other => None,
    };
    whole.unwrap_or_else(|| line_of(piece, boxes, dir)).replace('\u{A0}', " ")
}

/// The text of the line `piece` stands on, as far as it is set at the same
/// size: typst cuts a line into pieces wherever the font or direction
/// changes, or a mark is set apart from its letter. The pieces go by the
/// edge the line starts from, which misplaces a left-to-right run of more
/// than one piece inside right-to-left text.
fn line_of(piece: &TextBox, boxes: &[TextBox], dir: Direction) -> String {
    let mut line: Vec<&TextBox> =
        boxes.iter().filter(|b| (b.baseline - piece.baseline).abs() < TOLERANCE && (b.size - piece.size).abs() < TOLERANCE).collect();
    // In reading order: by the edge the line starts from.
    let start = |b: &TextBox| match dir {
        Direction::Ltr => b.bounds.x,
        Direction::Rtl => -(b.bounds.x + b.bounds.w),
    };
    line.sort_by(|a, b| start(a).total_cmp(&start(b)));
    line.iter().map(|b| b.text.as_str()).collect::<String>().trim().to_string()
}

/// A [`Blocker::SmallText`] for the smallest text of the page under
/// [`floor`], naming the post, preset, language, the part of the image
/// and its translation key, at the post's place in its brochure file; none
/// when every text is large enough.
pub fn small_text(boxes: &[TextBox], data: &PostData, reports: &[FitReport], subject: &Subject) -> Option<Diagnostic> {
    let Subject { post, preset, edition, .. } = *subject;
    let scale = edition.language.text_scale;
    let least = floor(f64::from(preset.width), scale);
    let smallest = boxes.iter().filter(|b| b.size < least - TOLERANCE).min_by(|a, b| a.size.total_cmp(&b.size))?;
    let part = part(smallest, data, reports);
    let keys = subject.keys();
    let key = match part {
        Part::Heading => Some(keys.heading),
        Part::Body => Some(keys.body),
        Part::Cta => keys.cta,
        Part::Brand => Some(ORGANISATION_NAME),
        Part::Number | Part::Counter | Part::Other => None,
    };
    let named = key.map_or(String::new(), |k| format!(" (`{k}`)"));
    let scaled = if scale == 1.0 { String::new() } else { format!(" × text_scale {scale}") };
    let message = format!(
        "{}{named} of {} is set at {:.1} px on preset `{}` ({}×{} px), under the {least:.1} px its width asks for ({FLOOR_PX} px at {FLOOR_WIDTH} px wide{scaled}): “{}”",
        part.name(),
        subject.name(),
        smallest.size,
        preset.name,
        preset.width,
        preset.height,
        quote(part, smallest, boxes, data, edition.dir()),
    );
    let leave = format!("leave `{}` out of the post's `presets:`", preset.name);
    let hint = match (part, key) {
        (Part::Heading | Part::Body | Part::Cta, Some(k)) => {
            format!("shorten `{k}` in {} so that it fits at a larger size, or {leave}", edition.table.file.display())
        }
        (Part::Number, _) => format!("give the call to action a contact with a shorter number, or {leave}"),
        _ => format!("the layout sets this text's size whatever its length: {leave}"),
    };
    let found = Diagnostic::blocker(Blocker::SmallText, message).at(post.at.clone()).lang(edition.lang).hint(hint);
    Some(match key {
        Some(k) => found.key(k),
        None => found,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_floor_grows_with_the_width_and_the_text_scale() {
        for (width, scale, px) in [(1080.0, 1.0, 28.0), (1200.0, 1.0, 31.1), (1600.0, 1.0, 41.5), (1200.0, 1.12, 34.8), (400.0, 1.0, 10.4)] {
            assert!((floor(width, scale) - px).abs() < 0.05, "{width} px × {scale}: {}", floor(width, scale));
        }
    }
}
