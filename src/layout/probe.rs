//! What the templates report back. A template measures what typst set and
//! reports it as metadata labelled `<kalem-fit>`; this is the one reader of
//! those reports. A report that does not parse, or a missing one, is an
//! error: a silently dropped report would switch a check off.

use serde::de::DeserializeOwned;
use typst::foundations::{Label, Selector};
use typst::introspection::{Introspector, MetadataElem};
use typst::utils::PicoStr;
use typst_layout::PagedDocument;

use crate::diag::Diagnostic;

/// The label of the templates' fit reports.
pub const FIT_LABEL: &str = "kalem-fit";

/// Every fit report of `doc`, parsed; `expected` of them, or an error
/// naming the `template` and what went wrong.
pub fn fit_reports<T: DeserializeOwned>(doc: &PagedDocument, template: &str, expected: usize) -> Result<Vec<T>, Diagnostic> {
    let broken = |what: String| {
        Diagnostic::error(format!("the {template} template's fit report {what}, so kalem cannot check that the text fits"))
            .hint("this is a fault in kalem's templates, not in your files; please report it with the brochure that shows it")
    };
    let label = Label::new(PicoStr::intern(FIT_LABEL)).ok_or_else(|| broken("has no label".into()))?;
    let found: Vec<T> = doc
        .introspector()
        .query(&Selector::Label(label))
        .iter()
        .map(|content| {
            let meta = content.to_packed::<MetadataElem>().ok_or_else(|| broken("is not metadata".into()))?;
            let value = serde_json::to_value(&meta.value).map_err(|e| broken(format!("cannot be read ({e})")))?;
            serde_json::from_value(value).map_err(|e| broken(format!("cannot be read ({e})")))
        })
        .collect::<Result<_, _>>()?;
    if found.len() != expected {
        return Err(broken(format!("came {} time(s) where {expected} were expected", found.len())));
    }
    Ok(found)
}
