//! Export: PDFs and images from typeset editions, written atomically.

pub mod caption;
pub mod image;
pub mod pdf;
pub mod write;
