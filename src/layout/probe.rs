//! What the templates report back. A template measures what typst set and
//! reports it as metadata labelled `<kalem-fit>`, and marks each QR code it
//! draws with metadata labelled `<kalem-qr>`; this is the one reader of
//! those reports. A report that does not parse, or a missing one, is an
//! error: a silently dropped report would switch a check off.

use serde::Deserialize;
use serde::de::DeserializeOwned;
use typst::foundations::{Content, Label, Selector};
use typst::introspection::{Introspector, MetadataElem};
use typst::utils::PicoStr;
use typst_layout::PagedDocument;

use crate::diag::Diagnostic;

/// The label of the templates' fit reports.
pub const FIT_LABEL: &str = "kalem-fit";

/// The label of the mark at the top-left corner of each QR code.
pub const QR_LABEL: &str = "kalem-qr";

/// What a template reports of a QR code it draws.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct QrReport {
    /// Where the brochure asks for the code, as the data gave it
    /// ([`crate::blocks::campaign::QrData::source`]).
    pub source: String,
    /// Modules per side, quiet zone included.
    pub modules: usize,
    /// Side in pt, quiet zone included.
    pub side: f64,
}

/// The QR report `content` is, if it is one (the start tag of metadata
/// labelled [`QR_LABEL`]), parsed; an error if it does not parse.
pub fn qr_report(content: &Content) -> Option<Result<QrReport, Diagnostic>> {
    let meta = content.to_packed::<MetadataElem>()?;
    (content.label()?.resolve().as_str() == QR_LABEL).then(|| {
        parse(meta, |what| {
            Diagnostic::error(format!("a QR code's report {what}, so kalem cannot read the code back"))
                .hint("this is a fault in kalem's templates, not in your files; please report it with the brochure that shows it")
        })
    })
}

/// The value of a report.
fn parse<T: DeserializeOwned>(meta: &MetadataElem, broken: impl Fn(String) -> Diagnostic) -> Result<T, Diagnostic> {
    let value = serde_json::to_value(&meta.value).map_err(|e| broken(format!("cannot be read ({e})")))?;
    serde_json::from_value(value).map_err(|e| broken(format!("cannot be read ({e})")))
}

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
            parse(meta, broken)
        })
        .collect::<Result<_, _>>()?;
    if found.len() != expected {
        return Err(broken(format!("came {} time(s) where {expected} were expected", found.len())));
    }
    Ok(found)
}
