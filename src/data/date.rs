//! Calendar dates: the data's `YYYY-MM-DD` strings (a pattern's `history` and `reviewed`), and
//! "today" (SPEC §4), which staleness and the tier badges' markers are measured from.

use std::fmt;

use jiff::civil;

use crate::diag::Problem;

/// A day of the proleptic Gregorian calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(civil::Date);

impl Date {
    /// `text` if it is a real day written `YYYY-MM-DD` (nothing else: no week dates, no times).
    pub fn parse(text: &str) -> Option<Date> {
        let b = text.as_bytes();
        let shaped = b.len() == 10
            && b[4] == b'-'
            && b[7] == b'-'
            && [0, 1, 2, 3, 5, 6, 8, 9]
                .iter()
                .all(|&i| b[i].is_ascii_digit());
        if !shaped {
            return None;
        }
        let number = |range: std::ops::Range<usize>| text[range].parse::<i16>().ok();
        let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
        let month = i8::try_from(month).ok()?;
        let day = i8::try_from(day).ok()?;
        civil::Date::new(year, month, day).ok().map(Date)
    }

    /// The day `seconds` after 1970-01-01T00:00:00Z falls on, in UTC.
    pub fn from_unix_seconds(seconds: i64) -> Option<Date> {
        let at = jiff::Timestamp::from_second(seconds).ok()?;
        Some(Date(jiff::tz::Offset::UTC.to_datetime(at).date()))
    }

    /// Today, as SPEC §4 has it: the day of `SOURCE_DATE_EPOCH` when that is set (reproducible
    /// builds), else the current date in UTC.
    pub fn today() -> Result<Date, Problem> {
        match std::env::var("SOURCE_DATE_EPOCH") {
            Ok(value) => Self::of_source_date_epoch(&value),
            Err(_) => Ok(Date(
                jiff::tz::Offset::UTC
                    .to_datetime(jiff::Timestamp::now())
                    .date(),
            )),
        }
    }

    /// The day of a `SOURCE_DATE_EPOCH` value: whole seconds since 1970-01-01 UTC.
    pub fn of_source_date_epoch(value: &str) -> Result<Date, Problem> {
        value
            .trim()
            .parse::<i64>()
            .ok()
            .and_then(Date::from_unix_seconds)
            .ok_or_else(|| {
                Problem::new(
                    format!("SOURCE_DATE_EPOCH is \"{value}\", not a number of seconds since 1970-01-01"),
                    Some("set it to a whole number of seconds, e.g. `SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)`, or unset it to use today's date".into()),
                )
            })
    }

    /// Whole days from `earlier` to this day (negative if `earlier` is later).
    pub fn days_since(self, earlier: Date) -> i64 {
        i64::from((self.0 - earlier.0).get_days())
    }

    pub fn year(self) -> i16 {
        self.0.year()
    }

    /// 1 to 12.
    pub fn month(self) -> i8 {
        self.0.month()
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:04}-{:02}-{:02}",
            self.0.year(),
            self.0.month(),
            self.0.day()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_real_days_written_in_full_are_dates() {
        assert_eq!(Date::parse("2024-02-29").unwrap().to_string(), "2024-02-29");
        for wrong in [
            "2023-02-29",
            "2024-13-01",
            "2024-00-10",
            "2024-1-01",
            "20240201",
            "2024-02-01T00:00",
            "+2024-02-01",
            "２０２４-02-01",
            "",
            "2024/02/01",
        ] {
            assert_eq!(Date::parse(wrong), None, "{wrong}");
        }
    }

    #[test]
    fn source_date_epoch_gives_its_utc_day_and_days_count_across_months() {
        let day = Date::of_source_date_epoch("1764633599").unwrap(); // 2025-12-01T23:59:59Z
        assert_eq!(day.to_string(), "2025-12-01");
        assert_eq!(
            Date::of_source_date_epoch("0").unwrap().to_string(),
            "1970-01-01"
        );
        assert!(Date::of_source_date_epoch("soon").is_err());
        assert!(Date::of_source_date_epoch("99999999999999999").is_err());
        let earlier = Date::parse("2025-10-02").unwrap();
        assert_eq!(day.days_since(earlier), 60);
        assert_eq!(earlier.days_since(day), -60);
    }
}
