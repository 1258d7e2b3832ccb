//! `<<count [tier=T] [category=C] [tag=G]>>`: the number of matching patterns, inline.

use crate::book::directive::Directive;
use crate::render::{Context, Output, Problem, pattern_index};

pub fn render(cx: &Context, directive: &Directive, out: &mut Output) -> Result<(), Problem> {
    out.text = pattern_index::count(cx, directive)?.to_string();
    Ok(())
}
