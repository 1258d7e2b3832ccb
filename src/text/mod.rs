//! Text as it lands on a page: escaped for where it goes, checked for what it may not hold, and
//! the links and anchors between chapters. Leaves: nothing here knows the data model.

pub mod escape;
pub mod ids;
pub mod inline;
pub mod link;
pub mod untrusted;
