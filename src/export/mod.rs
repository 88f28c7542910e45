//! Export: PDFs and images from typeset editions, written atomically.

pub mod pdf;
pub mod skeleton;
pub mod write;
