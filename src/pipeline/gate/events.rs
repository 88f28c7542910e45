//! An event poster is out of date once its event has ended.

use crate::diag::{Blocker, Diagnostic, Diagnostics};
use crate::export::stamp::Stamp;
use crate::model::{BlockKind, Project};

/// A blocker for every event that was over before `now`.
pub fn check(project: &Project, now: Stamp) -> Diagnostics {
    let events = project.brochures.iter().flat_map(|b| b.blocks()).filter_map(|block| match &block.kind {
        BlockKind::Event(event) => Some((block, event)),
        _ => None,
    });
    events
        .filter(|(_, event)| event.over_at() < now.0)
        .map(|(block, event)| {
            let date = event.date;
            Diagnostic::blocker(Blocker::PastEvent, format!("the event of {:04}-{:02}-{:02} ({}) is over before the build date {}", date.year, date.month, date.day, event.hours(), now.day()))
                .at(block.at.clone())
                .hint("give the next meeting's `date`, `start` and `end`, or leave this brochure out of the release")
        })
        .collect()
}
