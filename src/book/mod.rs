//! The book: its configuration, the directives found in its chapters, where every section lands
//! (the site), and the data's cross references (the index) the renderers read.

pub mod assets;
pub mod config;
pub mod directive;
pub mod index;
pub mod scan;
pub mod site;
