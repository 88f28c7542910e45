//! PDF export of a typeset edition.

use typst::foundations::Smart;
use typst_layout::PagedDocument;
use typst_pdf::PdfOptions;

use crate::diag::Diagnostic;

/// Writes typst's PDF of the print edition, which [`super::pdfx`] finishes.
/// `ident` must be stable for the same edition (brochure id and language)
/// so that rebuilds give the same bytes.
pub fn print_pdf(document: &PagedDocument, ident: &str) -> Result<Vec<u8>, Diagnostic> {
    export(document, ident, "print")
}

/// Writes the screen PDF: tagged, with the document language and the links
/// the screen data carries.
pub fn screen_pdf(document: &PagedDocument, ident: &str) -> Result<Vec<u8>, Diagnostic> {
    export(document, ident, "screen")
}

fn export(document: &PagedDocument, ident: &str, kind: &str) -> Result<Vec<u8>, Diagnostic> {
    let options = PdfOptions {
        ident: Smart::Custom(format!("{ident}-{kind}")),
        creator: Smart::Custom(Some(format!("kalem {}", env!("CARGO_PKG_VERSION")))),
        timestamp: None,
        tagged: true,
        ..PdfOptions::default()
    };
    typst_pdf::pdf(document, &options).map_err(|errors| {
        let message = errors.first().map(|e| e.message.to_lowercase()).unwrap_or_default();
        Diagnostic::error(format!("{kind} pdf export failed: {message}"))
    })
}
