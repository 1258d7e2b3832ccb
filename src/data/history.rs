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
