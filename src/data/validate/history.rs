//! Time in the data: each pattern's `history` (real dates, strictly ascending, ending at the
//! pattern's tier) and `reviewed` date; and, measured from "today", the patterns whose review
//! is too old (`stale-after-days`), which is a warning of the book's, not of the data alone.

use crate::data::Data;
use crate::data::date::Date;
use crate::data::json_path::JsonPath;
use crate::diag::Diagnostic;
use crate::text::inline;

use super::Checker;

const DATE_HELP: &str = "write the date as YYYY-MM-DD, e.g. \"2026-06-01\"";

impl<'a> Checker<'a> {
    pub(super) fn histories(&mut self) {
        let data = self.data;
        for (id, pattern) in &data.patterns {
            let (origin, p) = (&pattern.origin, &pattern.value);
            let mut before: Option<(Date, usize)> = None;
            for (i, entry) in p.history.iter().enumerate() {
                let at = JsonPath::root().key("history").index(i);
                let date = Date::parse(&entry.date);
                if date.is_none() {
                    let message = format!("\"{}\" is not a date", entry.date);
                    self.error(origin, &at.key("date"), message, Some(DATE_HELP.into()));
                }
                if let Some(note) = &entry.note {
                    self.inline(origin, &at.key("note"), note);
                }
                let Some(date) = date else { continue };
                if let Some((earlier, j)) = before
                    && date <= earlier
                {
                    self.error(
                        origin,
                        &at.key("date"),
                        format!(
                            "history[{i}] ({date}) does not come after history[{j}] ({earlier})"
                        ),
                        Some("list the history oldest first, one entry per date".into()),
                    );
                }
                before = Some((date, i));
            }
            if let Some(last) = p.history.last()
                && last.tier != p.tier
            {
                let at = JsonPath::root().key("history").index(p.history.len() - 1);
                self.error(
                    origin,
                    &at.key("tier"),
                    format!(
                        "pattern \"{id}\" is {} but its history ends at {}",
                        p.tier.as_str(),
                        last.tier.as_str()
                    ),
                    Some(format!(
                        "the last history entry is the pattern's tier now: add an entry moving it to {}, or correct its \"tier\"",
                        p.tier.as_str()
                    )),
                );
            }
            if let Some(reviewed) = &p.reviewed
                && Date::parse(reviewed).is_none()
            {
                let message = format!("\"{reviewed}\" is not a date");
                self.error(
                    origin,
                    &JsonPath::root().key("reviewed"),
                    message,
                    Some(DATE_HELP.into()),
                );
            }
        }
    }
}

/// A warning for each pattern whose `reviewed` date is more than `days` before `today`, or that
/// has none (a date that is no date is `validate`'s error, not a warning). Dates after today
/// are not stale.
pub fn stale(data: &Data, today: Date, days: u32) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (id, pattern) in &data.patterns {
        let p = &pattern.value;
        let owner = p
            .owner
            .as_deref()
            .map(|o| format!(" (owner: {})", inline::plain(o)));
        let owner = owner.unwrap_or_default();
        let (at, message) = match p.reviewed.as_deref().map(|r| (r, Date::parse(r))) {
            None => (
                JsonPath::root(),
                format!(
                    "pattern \"{id}\"{owner} has no \"reviewed\" date, and stale-after-days is {days}"
                ),
            ),
            Some((_, Some(reviewed))) if today.days_since(reviewed) > i64::from(days) => (
                JsonPath::root().key("reviewed"),
                format!(
                    "pattern \"{id}\"{owner} was last reviewed on {reviewed}, {} days ago (stale after {days})",
                    today.days_since(reviewed)
                ),
            ),
            Some(_) => continue,
        };
        let location = match at.is_root() {
            true => data.locate_key(&pattern.origin, &at),
            false => data.locate(&pattern.origin, &at),
        };
        let help = format!(
            "review the pattern's page, then set its \"reviewed\" to that day ({today} if today)"
        );
        out.push(Diagnostic::warning(Some(location), message).with_help(Some(help)));
    }
    out
}
