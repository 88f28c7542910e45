//! What a build writes, as values: the files of each job, and the one place
//! that knows the project's folder names.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::image::render;
use crate::model::variant::file_stem;
use typst_layout::Page;

/// The kinds of file a build writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The PDF/X-4 print file of an edition.
    PrintPdf,
    /// The screen PDF of an edition.
    ScreenPdf,
    /// One social-media image (PNG or JPEG).
    SocialImage,
    /// The alt text of a social image.
    AltText,
    /// The caption of a post, with its hashtags.
    Caption,
    /// A brochure's contact sheet.
    ContactSheet,
    /// The coordinator's proof of a build.
    Proof,
    /// The campaign website (`output/site/`), as one output.
    Site,
}

impl Kind {
    /// The kind's name in reports and the release manifest.
    pub fn name(self) -> &'static str {
        match self {
            Kind::PrintPdf => "print-pdf",
            Kind::ScreenPdf => "screen-pdf",
            Kind::SocialImage => "social-image",
            Kind::AltText => "alt-text",
            Kind::Caption => "caption",
            Kind::ContactSheet => "contact-sheet",
            Kind::Proof => "proof",
            Kind::Site => "site",
        }
    }

    /// The kind of a [`Kind::name`].
    pub fn from_name(name: &str) -> Option<Kind> {
        ALL_KINDS.into_iter().find(|k| k.name() == name)
    }
}

const ALL_KINDS: [Kind; 8] = [Kind::PrintPdf, Kind::ScreenPdf, Kind::SocialImage, Kind::AltText, Kind::Caption, Kind::ContactSheet, Kind::Proof, Kind::Site];

/// What one job wrote.
#[derive(Debug, Clone)]
pub struct Output {
    /// What the file is.
    pub kind: Kind,
    /// The brochure it belongs to.
    pub brochure: String,
    /// Its language; none for the contact sheet, which has them all.
    pub lang: Option<String>,
    /// The file, relative to the project root.
    pub path: PathBuf,
    /// Pages in it.
    pub pages: usize,
    /// Its size in bytes.
    pub bytes: usize,
    /// Small renderings of its pages, in order, for the contact sheet,
    /// written beside the build's records (never held for the whole build).
    pub previews: Vec<PreviewFile>,
    /// Its SHA-256, when known without reading it again.
    pub sha256: Option<String>,
}

impl Output {
    /// An output of `kind` at `path`, without previews.
    pub fn new(kind: Kind, brochure: &str, lang: Option<&str>, path: PathBuf, pages: usize, bytes: usize) -> Output {
        Output { kind, brochure: brochure.to_string(), lang: lang.map(str::to_string), path, pages, bytes, previews: Vec::new(), sha256: None }
    }

    /// The same output with `previews` of its pages.
    pub fn with_previews(self, previews: Vec<PreviewFile>) -> Output {
        Output { previews, ..self }
    }

    /// The same output with its SHA-256.
    pub fn with_sha256(self, sha256: String) -> Output {
        Output { sha256: Some(sha256), ..self }
    }
}

/// A preview written to disk: what the contact sheet writes under it and
/// its PNG file, relative to the project root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreviewFile {
    /// E.g. `page 2`.
    pub label: String,
    /// The PNG, relative to the project root.
    pub path: PathBuf,
}

impl PreviewFile {
    /// Reads the preview's pixels back.
    pub fn load(&self, root: &Path) -> Result<Preview, String> {
        let image = ::image::open(root.join(&self.path)).map_err(|e| format!("cannot read the preview `{}`: {e}", self.path.display()))?.to_rgb8();
        Ok(Preview { label: self.label.clone(), width: image.width(), height: image.height(), rgb: Arc::from(image.into_raw()) })
    }
}

/// Height of a preview in pixels: a contact-sheet thumbnail (45 mm) at the
/// sheet's resolution (1.4 pixels per point).
pub const PREVIEW_HEIGHT: f64 = 45.0 / 25.4 * 72.0 * 1.4;

/// A small RGB rendering of one page, kept in memory for the contact sheet.
#[derive(Clone)]
pub struct Preview {
    /// What the contact sheet writes under it, e.g. `page 2`.
    pub label: String,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// Rows of 8-bit RGB pixels.
    pub rgb: Arc<[u8]>,
}

impl std::fmt::Debug for Preview {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Preview({}, {}×{})", self.label, self.width, self.height)
    }
}

impl Preview {
    /// Renders `page` (without bleed) [`PREVIEW_HEIGHT`] pixels high.
    pub fn of(page: &Page, label: String) -> Preview {
        let scale = PREVIEW_HEIGHT / page.frame.height().to_pt().max(1.0);
        let image = render(page, scale, false);
        Preview { label, width: image.width(), height: image.height(), rgb: Arc::from(image.into_raw()) }
    }

    /// Writes the preview as a PNG to `path` (relative to `root`) and lets
    /// its pixels go.
    pub fn save(self, root: &Path, path: PathBuf) -> Result<PreviewFile, crate::diag::Diagnostic> {
        let image = ::image::RgbImage::from_raw(self.width, self.height, self.rgb.to_vec()).ok_or_else(|| crate::diag::Diagnostic::error("a preview's pixels do not match its size"))?;
        let bytes = super::image::encode(&image, crate::model::social::ImageFormat::Png, 100)?;
        super::write::write_atomic(root, &root.join(&path), &bytes)?;
        Ok(PreviewFile { label: self.label, path })
    }
}

/// Writes previews as `<stem>-<n>.png` (from 1) into `dir` (relative to
/// `root`).
pub fn save_previews(root: &Path, dir: &Path, stem: &str, previews: Vec<Preview>) -> Result<Vec<PreviewFile>, crate::diag::Diagnostic> {
    previews.into_iter().enumerate().map(|(i, p)| p.save(root, dir.join(format!("{stem}-{}.png", i + 1)))).collect()
}

fn edition_dir(brochure: &str, lang: &str) -> PathBuf {
    Path::new("output").join(brochure).join(lang)
}

/// Where an edition's print PDF goes, relative to the project root.
/// `brochure` is the brochure's output key ([`crate::model::Brochure::key`]):
/// its id, or `<id>/<variant>`.
pub fn print_path(brochure: &str, lang: &str) -> PathBuf {
    edition_dir(brochure, lang).join(format!("{}-{lang}-print.pdf", file_stem(brochure)))
}

/// Where an edition's screen PDF goes, relative to the project root.
pub fn screen_path(brochure: &str, lang: &str) -> PathBuf {
    edition_dir(brochure, lang).join(format!("{}-{lang}-screen.pdf", file_stem(brochure)))
}

/// Where the social files of an edition go, relative to the project root.
pub fn social_dir(brochure: &str, lang: &str) -> PathBuf {
    edition_dir(brochure, lang).join("social")
}

/// The name of one social image without its extension: `<post>-<preset>`,
/// or `<post>-<preset>-<n>` for slide `n` (from 1) of a carousel.
pub fn social_stem(post: &str, preset: &str, slide: Option<usize>) -> String {
    match slide {
        Some(n) => format!("{post}-{preset}-{n}"),
        None => format!("{post}-{preset}"),
    }
}

/// Where a social image goes: `<stem>.<extension>` (see [`social_stem`]).
pub fn social_image_path(brochure: &str, lang: &str, stem: &str, extension: &str) -> PathBuf {
    social_dir(brochure, lang).join(format!("{stem}.{extension}"))
}

/// Where the alt text of a social image goes: `<stem>.alt.txt`.
pub fn alt_text_path(brochure: &str, lang: &str, stem: &str) -> PathBuf {
    social_dir(brochure, lang).join(format!("{stem}.alt.txt"))
}

/// Where a post's caption goes: `<post>.caption.txt`.
pub fn caption_path(brochure: &str, lang: &str, post: &str) -> PathBuf {
    social_dir(brochure, lang).join(format!("{post}.caption.txt"))
}

/// Where a brochure's contact sheet goes, relative to the project root.
pub fn contact_sheet_path(brochure: &str) -> PathBuf {
    Path::new("output").join(brochure).join("contact-sheet.png")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folder_names_are_the_documented_ones() {
        assert_eq!(print_path("x", "tr"), Path::new("output/x/tr/x-tr-print.pdf"));
        assert_eq!(screen_path("x", "ar"), Path::new("output/x/ar/x-ar-screen.pdf"));
        assert_eq!(social_image_path("x", "fa", &social_stem("p", "s", None), "jpg"), Path::new("output/x/fa/social/p-s.jpg"));
        assert_eq!(alt_text_path("x", "fa", &social_stem("p", "s", None)), Path::new("output/x/fa/social/p-s.alt.txt"));
        assert_eq!(social_image_path("x", "ar", &social_stem("p", "s", Some(2)), "png"), Path::new("output/x/ar/social/p-s-2.png"));
        assert_eq!(alt_text_path("x", "ar", &social_stem("p", "s", Some(2))), Path::new("output/x/ar/social/p-s-2.alt.txt"));
        assert_eq!(caption_path("x", "tr", "p"), Path::new("output/x/tr/social/p.caption.txt"));
        assert_eq!(contact_sheet_path("x"), Path::new("output/x/contact-sheet.png"));
        assert_eq!(print_path("x/ankara", "ar"), Path::new("output/x/ankara/ar/x-ankara-ar-print.pdf"));
        assert_eq!(social_dir("x/ankara", "fa"), Path::new("output/x/ankara/fa/social"));
        assert_eq!(contact_sheet_path("x/ankara"), Path::new("output/x/ankara/contact-sheet.png"));
    }
}

/// The folder below the project root that every output goes to.
pub const OUTPUT_DIR: &str = "output";
