//! Export: PDFs and images from typeset editions, written atomically, and
//! the exchange files translators' tools read (XLIFF, PO).

pub mod build_lock;
pub mod colour_spaces;
pub mod contact_sheet;
pub mod content_walk;
pub mod flate;
pub mod icc;
pub mod ink_checks;
pub mod inks;
pub mod inspect;
pub mod manifest;
pub mod marks;
pub mod output;
pub mod caption;
pub mod image;
pub mod pdf;
pub mod platforms;
pub mod skeleton;
pub mod pdfx;
pub mod po;
pub mod qr_read;
pub mod record;
pub mod preflight;
pub mod rgb_images;
pub mod stamp;
pub mod unreadable;
pub mod write;
pub mod xliff;
pub mod xmp;
