//! PDF export of a typeset edition.

use typst::foundations::Smart;
use typst_layout::PagedDocument;
use typst_pdf::PdfOptions;

use crate::diag::Diagnostic;

/// Writes the print PDF of an edition. `ident` must be stable for the same
/// edition (brochure id and language) so that rebuilds give the same bytes.
pub fn print_pdf(document: &PagedDocument, ident: &str) -> Result<Vec<u8>, Diagnostic> {
    let options = PdfOptions {
        ident: Smart::Custom(ident.to_string()),
        creator: Smart::Custom(Some(format!("kalem {}", env!("CARGO_PKG_VERSION")))),
        timestamp: None,
        ..PdfOptions::default()
    };
    typst_pdf::pdf(document, &options).map_err(|errors| {
        let message = errors.first().map(|e| e.message.to_lowercase()).unwrap_or_default();
        Diagnostic::error(format!("pdf export failed: {message}"))
    })
}
