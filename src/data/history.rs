//! What a pattern's `history` says happened, entry by entry: when it entered the handbook, when
//! its tier moved up or down (and, for a legacy pattern, what replaced it). The cards' timelines,
//! the tier badges' markers, `<<changelog>>` and `diff` all read it from here.

use crate::data::Data;
use crate::data::date::Date;
use crate::data::model::{Pattern, Tier};

/// How an entry changed the pattern's tier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Change {
    /// The first entry: the pattern entered the handbook.
    Added,
    MovedUp,
    MovedDown,
    /// The same tier as the entry before (a note, say).
    Kept,
}

/// One entry of a pattern's history, read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Event<'d> {
    /// The pattern's id.
    pub pattern: &'d str,
    pub date: Date,
    pub tier: Tier,
    pub change: Change,
    pub note: Option<&'d str>,
    /// The pattern's replacement (a canonical id), on the entry that made a replaced pattern
    /// bronze: its last entry, where that adds it as bronze or moves it down.
    pub replaced_by: Option<&'d str>,
}

/// A tier's rank: gold first.
fn rank(tier: Tier) -> u8 {
    match tier {
        Tier::Gold => 0,
        Tier::Silver => 1,
        Tier::Bronze => 2,
    }
}

/// The events of pattern `id`, oldest first. An entry whose date is no date is left out
/// (`validate` reports it).
pub fn events<'d>(data: &'d Data, id: &'d str, pattern: &'d Pattern) -> Vec<Event<'d>> {
    let mut out: Vec<Event> = Vec::new();
    let last = pattern.history.len().saturating_sub(1);
    for (i, entry) in pattern.history.iter().enumerate() {
        let Some(date) = Date::parse(&entry.date) else {
            continue;
        };
        let change = match out.last() {
            None => Change::Added,
            Some(before) if rank(entry.tier) < rank(before.tier) => Change::MovedUp,
            Some(before) if rank(entry.tier) > rank(before.tier) => Change::MovedDown,
            Some(_) => Change::Kept,
        };
        let replaced_by = match (&pattern.replaced_by, change) {
            (Some(replacement), Change::Added | Change::MovedDown)
                if i == last && entry.tier == Tier::Bronze =>
            {
                data.pattern(replacement).map(|(id, _)| id)
            }
            _ => None,
        };
        out.push(Event {
            pattern: id,
            date,
            tier: entry.tier,
            change,
            note: entry.note.as_deref(),
            replaced_by,
        });
    }
    out
}

/// The pattern's last move (entering the handbook included), if it happened at most `days`
/// before `today` and not after it: what its tier badge marks.
pub fn recent_move<'d>(
    data: &'d Data,
    id: &'d str,
    pattern: &'d Pattern,
    today: Date,
    days: u32,
) -> Option<Event<'d>> {
    let last = events(data, id, pattern)
        .into_iter()
        .rev()
        .find(|e| e.change != Change::Kept)?;
    let ago = today.days_since(last.date);
    (0..=i64::from(days)).contains(&ago).then_some(last)
}

/// Every event of every pattern from `since` to `until` (both included, where given), newest
/// first; events of one day by pattern id.
pub fn changelog(data: &Data, since: Option<Date>, until: Option<Date>) -> Vec<Event<'_>> {
    let mut out: Vec<Event> = (data.patterns.iter())
        .flat_map(|(id, p)| events(data, id, &p.value))
        .filter(|e| since.is_none_or(|s| e.date >= s) && until.is_none_or(|u| e.date <= u))
        .collect();
    out.sort_by(|a, b| b.date.cmp(&a.date).then(a.pattern.cmp(b.pattern)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data() -> Data {
        let json = r#"{ "schema_version": "1.1", "patterns": {
            "a": { "name": "A", "tier": "gold", "category": "c", "summary": "s", "history": [
                { "date": "2025-01-01", "tier": "silver" },
                { "date": "2025-06-01", "tier": "silver", "note": "checked" },
                { "date": "2026-03-01", "tier": "gold", "note": "up" } ] },
            "b": { "name": "B", "tier": "bronze", "category": "c", "summary": "s", "replaced_by": "a",
                   "history": [ { "date": "2027-01-01", "tier": "bronze" } ] } } }"#;
        crate::data::load::load_bytes("data.json", json.as_bytes().to_vec()).data
    }

    fn day(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    #[test]
    fn entries_read_as_added_kept_moved_and_replaced() {
        let data = data();
        let a = &data.patterns["a"].value;
        let changes: Vec<Change> = events(&data, "a", a).iter().map(|e| e.change).collect();
        assert_eq!(changes, [Change::Added, Change::Kept, Change::MovedUp]);
        let b = events(&data, "b", &data.patterns["b"].value);
        assert_eq!((b[0].change, b[0].replaced_by), (Change::Added, Some("a")));
    }

    #[test]
    fn a_move_is_recent_from_its_day_to_recent_days_after_and_never_before_it() {
        let data = data();
        let a = &data.patterns["a"].value;
        let recent = |today: &str| recent_move(&data, "a", a, day(today), 30).map(|e| e.date);
        assert_eq!(recent("2026-03-01"), Some(day("2026-03-01")));
        assert_eq!(recent("2026-03-31"), Some(day("2026-03-01")), "30 days on");
        assert_eq!(recent("2026-04-01"), None, "31 days on");
        assert_eq!(
            recent("2026-02-28"),
            None,
            "a day before: after today, no marker"
        );
        let b = &data.patterns["b"].value;
        assert!(recent_move(&data, "b", b, day("2026-12-01"), 3650).is_none());
    }

    #[test]
    fn the_changelog_is_newest_first_within_its_dates() {
        let data = data();
        let dates = |since: Option<&str>, until: Option<&str>| -> Vec<String> {
            changelog(&data, since.map(day), until.map(day))
                .iter()
                .map(|e| format!("{} {}", e.date, e.pattern))
                .collect()
        };
        assert_eq!(
            dates(None, None),
            [
                "2027-01-01 b",
                "2026-03-01 a",
                "2025-06-01 a",
                "2025-01-01 a"
            ]
        );
        assert_eq!(
            dates(Some("2025-06-01"), Some("2026-03-01")),
            ["2026-03-01 a", "2025-06-01 a"]
        );
    }
}
