//! `<<changelog [since=DATE] [until=DATE]>>`: every entry of every pattern's history, newest
//! first, under a heading for each month: what entered the handbook, moved up or down, or was
//! replaced (naming its replacement), each pattern linked.

use crate::book::directive::Directive;
use crate::data::date::Date;
use crate::data::history::changelog;
use crate::data::labels::Key;
use crate::render::{Context, Output, Problem};
use crate::text::inline;

const MONTHS: [Key; 12] = [
    Key::MonthJanuary,
    Key::MonthFebruary,
    Key::MonthMarch,
    Key::MonthApril,
    Key::MonthMay,
    Key::MonthJune,
    Key::MonthJuly,
    Key::MonthAugust,
    Key::MonthSeptember,
    Key::MonthOctober,
    Key::MonthNovember,
    Key::MonthDecember,
];

pub fn render(cx: &Context, directive: &Directive, out: &mut Output) -> Result<(), Problem> {
    let since = date_arg(directive, "since")?;
    let until = date_arg(directive, "until")?;
    if let (Some(since), Some(until)) = (since, until)
        && since > until
    {
        return Err(Problem::new(
            format!("since={since} is after until={until}"),
            Some("give the earlier date as since= and the later one as until=".into()),
        ));
    }
    let events = changelog(cx.data, since, until);
    if events.is_empty() {
        out.text = cx.label_md(Key::ChangelogEmpty, &[]) + "\n";
        return Ok(());
    }
    let mut text = String::new();
    let mut month = None;
    for event in &events {
        let this = (event.date.year(), event.date.month());
        if month != Some(this) {
            if month.is_some() {
                text.push('\n');
            }
            month = Some(this);
            let name = cx.label(MONTHS[usize::from(this.1.unsigned_abs()) - 1]);
            let year = this.0.to_string();
            let title = cx
                .data
                .labels
                .get(Key::ChangelogMonth)
                .plain(&[&name, &year]);
            let id = format!("changelog-{}-{:02}", this.0, this.1);
            text.push_str(&cx.heading(out, 0, &title, &id));
            text.push_str("\n\n");
        }
        let date = event.date.to_string();
        let line = cx.label_md(
            Key::ChangelogEntry,
            &[&date, &cx.pattern_link(event.pattern), &cx.change_md(event)],
        );
        let note = event.note.map(|n| format!(" — {}", inline::markdown(n)));
        text.push_str(&format!("- {line}{}\n", note.unwrap_or_default()));
    }
    out.text = text;
    Ok(())
}

/// The date `key=` gives, if it is there.
fn date_arg(directive: &Directive, key: &str) -> Result<Option<Date>, Problem> {
    let Some(value) = directive.arg(key) else {
        return Ok(None);
    };
    Date::parse(value).map(Some).ok_or_else(|| {
        Problem::new(
            format!("{key}={value} is not a date"),
            Some(format!("write {key}=YYYY-MM-DD, like {key}=2026-01-01")),
        )
    })
}
