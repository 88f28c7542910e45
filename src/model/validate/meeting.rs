//! A meeting block: date, times, venue and organisers, checked.

use super::{Ctx, Want};
use crate::load::marked::Step;
use crate::model::brochure::EventSpec;
use crate::model::event::{self, Date, Event, Time};

/// The meeting of an `event:` block, or none after reporting what is wrong.
pub(super) fn event_block(ctx: &mut Ctx, path: &[Step], spec: &EventSpec) -> Option<Event> {
    let sub = |key: &'static str| -> Vec<Step> { path.iter().copied().chain([Step::Key(key)]).collect() };
    let date = Date::parse(&spec.date);
    if date.is_none() {
        ctx.error(&sub("date"), format!("`{}` is not a date", spec.date), "write the day as year-month-day, e.g. `2026-07-30`");
    }
    let mut time = |key: &'static str, text: &str| {
        let parsed = Time::parse(text);
        if parsed.is_none() {
            ctx.error(&sub(key), format!("`{text}` is not a time of day"), "write hours and minutes on the 24-hour clock in quotes, e.g. `\"14:00\"`");
        }
        parsed
    };
    let start = time("start", &spec.start);
    let end = match &spec.end {
        Some(text) => Some(time("end", text)?),
        None => None,
    };
    if let (Some(start), Some(end)) = (start, end)
        && (end.hour, end.minute) <= (start.hour, start.minute)
    {
        ctx.error(&sub("end"), format!("the meeting ends at {end}, not after it starts at {start}"), "check both times (24-hour clock, e.g. start \"14:00\", end \"16:30\"); a meeting past midnight is announced with its start only");
    }
    ctx.key(&sub("venue"), &spec.venue, Want::Text);
    for (i, organiser) in spec.organisers.iter().enumerate() {
        let at: Vec<Step> = sub("organisers").into_iter().chain([Step::Index(i)]).collect();
        ctx.key(&at, organiser, Want::Text);
    }
    for label in event::EVENT_LABELS.into_iter().chain([event::DATE_FORMAT]) {
        ctx.key(path, label, Want::Text);
    }
    ctx.key(path, event::MONTHS, Want::List);
    ctx.count(event::MONTHS, 12, "the 12 month names, January first");
    ctx.key(path, event::WEEKDAYS, Want::List);
    ctx.count(event::WEEKDAYS, 7, "the 7 weekday names, Monday first");
    Some(Event { date: date?, start: start?, end, venue: spec.venue.clone(), organisers: spec.organisers.clone() })
}

