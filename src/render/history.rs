//! A pattern's history in words, for every renderer: what an entry changed, a line of a card's
//! timeline, and the marker a tier badge carries after a recent move (`recent-days`).

use crate::data::history::{Change, Event, recent_move};
use crate::data::labels::Key;
use crate::render::Context;
use crate::text::escape::html;
use crate::text::inline;

/// The label that says what `change` did.
fn change_key(change: Change) -> Key {
    match change {
        Change::Added => Key::HistoryAdded,
        Change::MovedUp => Key::HistoryUp,
        Change::MovedDown => Key::HistoryDown,
        Change::Kept => Key::HistoryKept,
    }
}

impl Context<'_> {
    /// What `event` changed, as Markdown: "moved up to Gold", "moved down to Bronze, replaced by
    /// [Saga](…)".
    pub fn change_md(&self, event: &Event) -> String {
        let change = self.label_md(change_key(event.change), &[&self.tier_badge(event.tier)]);
        match event.replaced_by {
            Some(by) => self.label_md(Key::HistoryReplaced, &[&change, &self.pattern_link(by)]),
            None => change,
        }
    }

    /// One line of a card's timeline, as Markdown: its date, what changed and its note.
    pub fn history_line_md(&self, event: &Event) -> String {
        let date = event.date.to_string();
        let line = self.label_md(Key::HistoryEntry, &[&date, &self.change_md(event)]);
        match event.note {
            Some(note) => format!("{line} — {}", inline::markdown(note)),
            None => line,
        }
    }

    /// The same line as plain text: a marker's text alternative.
    fn history_line_plain(&self, event: &Event) -> String {
        let labels = &self.data.labels;
        let tier = labels.tier(event.tier);
        let mut change = labels.get(change_key(event.change)).plain(&[&tier]);
        if let Some((_, by)) = event.replaced_by.and_then(|by| self.data.pattern(by)) {
            change = labels
                .get(Key::HistoryReplaced)
                .plain(&[&change, &by.value.name]);
        }
        let date = event.date.to_string();
        let line = labels.get(Key::HistoryEntry).plain(&[&date, &change]);
        match event.note {
            Some(note) => format!("{line} — {}", inline::plain(note)),
            None => line,
        }
    }

    /// The tier badge of pattern `id` (an id or an alias; nothing for an unknown one), with a
    /// marker where the pattern entered the handbook or changed tier within `recent-days`. On
    /// HTML pages the marker's text alternative is that history entry, its note included.
    pub fn pattern_badge(&self, id: &str) -> String {
        let Some((id, pattern)) = self.index.pattern(id) else {
            return String::new();
        };
        let badge = self.tier_badge(pattern.value.tier);
        let Some(event) = (self.recent)
            .and_then(|(today, days)| recent_move(self.data, id, &pattern.value, today, days))
        else {
            return badge;
        };
        let (key, kind) = match event.change {
            Change::Added => (Key::MarkerNew, "new"),
            Change::MovedUp => (Key::MarkerUp, "up"),
            Change::MovedDown | Change::Kept => (Key::MarkerDown, "down"),
        };
        if !self.html {
            return format!("{badge} {}", self.label_md(key, &[]));
        }
        // The badge may stand in a table's cell, which a `|` would end, attribute or not.
        let alt = html(&self.history_line_plain(&event)).replace('|', "&#124;");
        format!(
            "{badge} <span class=\"patterns-marker\" data-move=\"{kind}\" role=\"img\" aria-label=\"{alt}\" title=\"{alt}\">{}</span>",
            // Its text is read as Markdown (the span is inline HTML): escaped for Markdown.
            self.label_md(key, &[])
        )
    }
}
