//! kalem turns YAML brochure definitions and translations into print-ready
//! PDFs in Turkish, Arabic and Farsi.
//!
//! The pipeline runs in stages, one module each: [`load`] parses files with
//! positions, [`model`] validates and resolves them, [`prepare`] makes every
//! language and script decision on plain strings, [`blocks`] is the one
//! block model every renderer reads, [`layout`] places panels and lets
//! typst set the text, [`export`] writes the files, [`site`] renders the
//! same blocks as the campaign website. [`diag`]
//! carries errors and warnings through all of them as values.

pub mod cli;
pub mod blocks;
pub mod diag;
pub mod export;
pub mod fonts;
pub mod layout;
pub mod load;
pub mod model;
pub mod pipeline;
pub mod prepare;
pub mod run;
pub mod sandbox;
pub mod site;
