//! PDF export of a typeset edition.

use typst::foundations::Smart;
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards};

use crate::diag::Diagnostic;

/// Writes typst's PDF of the print edition, which [`super::pdfx`] finishes.
/// `ident` must be stable for the same edition (brochure id and language)
/// so that rebuilds give the same bytes.
pub fn print_pdf(document: &PagedDocument, ident: &str) -> Result<Vec<u8>, Diagnostic> {
    export(document, ident, "print", &[])
}

/// Writes the screen PDF as PDF/UA-1 (typst checks it: title, language,
/// alt text on every image), tagged, with the links the screen data
/// carries.
pub fn screen_pdf(document: &PagedDocument, ident: &str) -> Result<Vec<u8>, Diagnostic> {
    export(document, ident, "screen", &[PdfStandard::Ua_1])
}

/// Writes the coordinator's proof, a plain PDF for reading and signing.
pub fn proof_pdf(document: &PagedDocument) -> Result<Vec<u8>, Diagnostic> {
    export(document, "proof", "proof", &[])
}

fn export(document: &PagedDocument, ident: &str, kind: &str, standards: &[PdfStandard]) -> Result<Vec<u8>, Diagnostic> {
    let standards = PdfStandards::new(standards).map_err(|e| Diagnostic::error(format!("{kind} pdf standards: {}", e.message())))?;
    let options = PdfOptions {
        standards,
        ident: Smart::Custom(format!("{ident}-{kind}")),
        creator: Smart::Custom(Some(format!("kalem {}", env!("CARGO_PKG_VERSION")))),
        timestamp: None,
        tagged: true,
        ..PdfOptions::default()
    };
    // Tied words copy as words (layout::spaces).
    typst_pdf::pdf(&crate::layout::spaces::plain(document), &options).map(without_default_suspects).map_err(|errors| {
        let message = errors.iter().map(|e| e.message.to_lowercase()).collect::<Vec<_>>().join("; ");
        let d = Diagnostic::error(format!("{kind} pdf export failed: {message}"));
        match errors.iter().find_map(|e| e.hints.first()) {
            Some(hint) => d.hint(hint.v.to_string()),
            None => d,
        }
    })
}

/// The PDF without typst's `/Suspects false` in `/MarkInfo`: `false` is
/// what a missing entry means, and poppler 22.12 (Debian 12) reports the
/// entry as a syntax error to whoever runs `pdfinfo`, a print shop's
/// first check. The entry is blanked out with spaces of the same length,
/// so every byte offset of the file holds; a file that does not have it
/// exactly once is left as it is.
fn without_default_suspects(mut pdf: Vec<u8>) -> Vec<u8> {
    const ENTRY: &[u8] = b"/Suspects false";
    let mut found = pdf.windows(ENTRY.len()).enumerate().filter(|(_, w)| *w == ENTRY).map(|(i, _)| i);
    if let (Some(at), None) = (found.next(), found.next()) {
        pdf[at..at + ENTRY.len()].fill(b' ');
    }
    pdf
}
