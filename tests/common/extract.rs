//! What the PDF readers people use get out of kalem's PDFs: poppler's
//! `pdftotext`, MuPDF (through PyMuPDF) and pdf.js (Firefox's reader),
//! and how many of the strings kalem printed come back from each.
//!
//! `.ci/run` installs the three and sets `KALEM_EXTRACTORS=required`: then a
//! missing reader fails the test that needs it, with the command to install
//! it. Elsewhere such a test says what is missing and passes.

use std::path::Path;
use std::process::Command;

use unicode_normalization::char::is_combining_mark;

/// A PDF text reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Extractor {
    /// poppler's `pdftotext`.
    Poppler,
    /// MuPDF as PyMuPDF bundles it.
    MuPdf,
    /// pdf.js from `pdfjs-dist`.
    PdfJs,
}

/// Every reader, in the order reports list them.
pub const EXTRACTORS: [Extractor; 3] = [Extractor::Poppler, Extractor::MuPdf, Extractor::PdfJs];

impl Extractor {
    /// The reader's name in reports.
    pub fn name(self) -> &'static str {
        match self {
            Extractor::Poppler => "pdftotext",
            Extractor::MuPdf => "mupdf",
            Extractor::PdfJs => "pdf.js",
        }
    }

    fn command(self, pdf: &Path) -> Command {
        let dir = super::repo().join("tests/extract");
        let mut cmd = match self {
            Extractor::Poppler => Command::new("pdftotext"),
            Extractor::MuPdf => {
                let mut c = Command::new("python3");
                c.arg(dir.join("mupdf.py"));
                c
            }
            Extractor::PdfJs => {
                let mut c = Command::new("node");
                c.arg(dir.join("pdfjs.mjs")).current_dir(&dir);
                c
            }
        };
        cmd.arg(pdf);
        if self == Extractor::Poppler {
            cmd.args(["-enc", "UTF-8", "-"]);
        }
        cmd
    }

    fn install(self) -> &'static str {
        match self {
            Extractor::Poppler => "apt-get install -y poppler-utils",
            Extractor::MuPdf => "pip install pymupdf==1.28.2",
            Extractor::PdfJs => "npm ci --prefix tests/extract",
        }
    }

    /// The text of `pdf` as this reader gives it, or why it could not run.
    pub fn text(self, pdf: &Path) -> Result<String, String> {
        let out = self.command(pdf).output().map_err(|e| format!("{} cannot run ({e}); install it: {}", self.name(), self.install()))?;
        if !out.status.success() {
            let err = String::from_utf8_lossy(&out.stderr);
            return Err(format!("{} failed on {} ({err}); install it: {}", self.name(), pdf.display(), self.install()));
        }
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    }

    /// Whether the reader runs here, tried on `pdf`. When it does not, the
    /// test fails if `KALEM_EXTRACTORS=required` (as `.ci/run` sets), and
    /// is told to go on without it otherwise, after printing what to install.
    pub fn available(self, pdf: &Path) -> bool {
        match self.text(pdf) {
            Ok(_) => true,
            Err(why) if std::env::var("KALEM_EXTRACTORS").as_deref() == Ok("required") => panic!("{why}"),
            Err(why) => {
                eprintln!("not measured: {why}");
                false
            }
        }
    }
}

/// Bidi controls: poppler wraps right-to-left lines in embeddings of its
/// own; kalem writes none.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{061C}')
}

/// The text compared exactly: bidi controls dropped, every run of
/// whitespace one space; marks, ZWNJ and punctuation stay where they are.
pub fn exact_form(text: &str) -> String {
    let kept: String = text.chars().filter(|c| !is_bidi_control(*c)).collect();
    kept.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Only the letters and digits, in order: marks, ZWNJ, punctuation and
/// spaces set aside.
pub fn letters_form(text: &str) -> String {
    text.chars().filter(|c| c.is_alphanumeric() && !is_combining_mark(*c)).collect()
}

/// How many of some strings came back from one PDF.
#[derive(Debug, Default, Clone)]
pub struct Score {
    /// Strings looked for.
    pub total: usize,
    /// Found with their letters in order.
    pub letters: usize,
    /// Found exactly.
    pub exact: usize,
    /// The strings whose letters were not found, as expected.
    pub lost: Vec<String>,
    /// The strings found in letters but not exactly, each with what the
    /// reader gave for it.
    pub inexact: Vec<(String, String)>,
}

impl Score {
    /// Looks for each of `strings` in `extracted`.
    pub fn of(strings: &[String], extracted: &str) -> Score {
        let (exact_hay, letters_hay) = (exact_form(extracted), letters_form(extracted));
        let mut score = Score::default();
        for s in strings {
            let (exact, letters) = (exact_form(s), letters_form(s));
            if letters.is_empty() {
                continue;
            }
            score.total += 1;
            if letters_hay.contains(&letters) {
                score.letters += 1;
            } else {
                score.lost.push(exact.clone());
            }
            if exact_hay.contains(&exact) {
                score.exact += 1;
            } else if let Some(read) = read_as(&exact_hay, &letters) {
                score.inexact.push((exact, read));
            }
        }
        score
    }

    /// Adds another PDF's figures.
    pub fn add(&mut self, other: Score) {
        self.total += other.total;
        self.letters += other.letters;
        self.exact += other.exact;
        self.lost.extend(other.lost);
        self.inexact.extend(other.inexact);
    }

    /// Share of strings with their letters in order, in per cent.
    pub fn letters_pct(&self) -> f64 {
        pct(self.letters, self.total)
    }

    /// Share of strings found exactly, in per cent.
    pub fn exact_pct(&self) -> f64 {
        pct(self.exact, self.total)
    }
}

/// What a reader gave for a string whose letters it kept in order: the
/// part of `exact_hay` from the first of `letters` to the last, with the
/// marks after it.
pub fn read_as(exact_hay: &str, letters: &str) -> Option<String> {
    let chars: Vec<char> = exact_hay.chars().collect();
    let at: Vec<usize> = (0..chars.len()).filter(|&i| letters_form(&chars[i].to_string()) == chars[i].to_string()).collect();
    let hay: String = at.iter().map(|&i| chars[i]).collect();
    let start = hay.find(letters)?;
    let (first, count) = (hay[..start].chars().count(), letters.chars().count());
    let end = chars[at[first + count - 1] + 1..].iter().take_while(|c| is_combining_mark(**c)).count();
    Some(chars[at[first]..=at[first + count - 1] + end].iter().collect())
}

fn pct(n: usize, total: usize) -> f64 {
    if total == 0 { 100.0 } else { 100.0 * n as f64 / total as f64 }
}
