//! `<<count [tier=T] [category=C]>>`: the number of matching patterns, inline.

use crate::book::directive::Directive;
use crate::render::{Context, Problem, pattern_index};

pub fn render(cx: &Context, directive: &Directive) -> Result<String, Problem> {
    Ok(pattern_index::count(cx, directive)?.to_string())
}
