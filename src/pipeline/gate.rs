//! The release gate: every finding that makes an output unfit to print or
//! post, gathered once per run for `kalem build`, `check` and `release`
//! alike. What counts as a blocker is [`Blocker`]'s one list; this module
//! runs the checks that need the whole project, the image jobs add theirs
//! (text size, QR read-back) as they go.

mod events;
pub mod funding;
mod photos;
mod qr_labels;
mod translations;

use std::collections::BTreeSet;

use super::{Resources, Status};
use crate::diag::{Blocker, Diagnostic, Diagnostics};
use crate::export::stamp::Stamp;
use crate::layout::numbers::{self, Printed};
use crate::model::{Project, contrast, placeholders};

/// The findings of the whole project, with the numbers and addresses its
/// outputs print.
pub struct ProjectFindings {
    /// Errors, blockers and warnings.
    pub diagnostics: Diagnostics,
    /// Every phone number, web address and e-mail an output prints or encodes.
    pub printed: Vec<Printed>,
}

/// Runs every check that needs the whole project rather than one output:
/// numbers, placeholders, contrast, events, funding, QR labels, photos,
/// each language's conventions and letters, and stale and unreviewed
/// translations.
/// `now` is the build's moment, which decides whether an event is over.
pub fn project_findings(project: &Project, resources: &Resources, now: Stamp) -> ProjectFindings {
    let (printed, mut diagnostics) = numbers::report(project);
    diagnostics.extend(placeholders::check(project));
    let colours = resources.engine.colours();
    diagnostics.extend(contrast::check(project, |c| colours.srgb(c)));
    diagnostics.extend(events::check(project, now));
    diagnostics.extend(funding::check(project));
    diagnostics.extend(qr_labels::check(project));
    diagnostics.extend(photos::check(project));
    diagnostics.extend(crate::model::rules::notes(&project.config));
    diagnostics.extend(crate::prepare::coverage::languages(&project.config, resources.engine.fonts()));
    diagnostics.extend(translations::check(project));
    // A brochure's variants share its file: what is wrong there is said once.
    let mut once = Vec::with_capacity(diagnostics.len());
    for d in diagnostics {
        if !once.contains(&d) {
            once.push(d);
        }
    }
    ProjectFindings { diagnostics: once, printed }
}

/// Which blockers a run lets through on purpose (`--allow KIND`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Gate {
    /// The kinds allowed.
    pub allowed: BTreeSet<Blocker>,
}

impl Gate {
    /// The blockers among `diagnostics` that stand: not of an allowed kind.
    pub fn standing<'a>(&'a self, diagnostics: &'a [Diagnostic]) -> impl Iterator<Item = &'a Diagnostic> + 'a {
        diagnostics.iter().filter(|d| d.blocks().is_some_and(|kind| !self.allowed.contains(&kind)))
    }

    /// Whether outputs with these findings are drafts.
    pub fn is_draft(&self, diagnostics: &[Diagnostic]) -> bool {
        self.standing(diagnostics).next().is_some()
    }
}

/// The project's findings before any output is set, and whether the run's
/// outputs are drafts.
pub fn assess(project: &Project, resources: &Resources, gate: &Gate) -> (ProjectFindings, Status) {
    let found = project_findings(project, resources, now(resources.setup.date));
    let status = if gate.is_draft(&found.diagnostics) { Status::Draft } else { Status::Clean };
    (found, status)
}

/// The moment a run is made: `SOURCE_DATE_EPOCH` when set, else the clock.
pub fn now(setup_date: Option<Stamp>) -> Stamp {
    setup_date.unwrap_or_else(Stamp::now)
}
