//! Legal dates with their precision, and periods built from them.
//!
//! Sources often give only a year ("ratified in 2011") or a month. A [`LegalDate`] keeps
//! what is known as the range of days it may denote, so "was this in force on 2011-06-01?"
//! answers `Unknown` instead of inventing a day.

use super::Truth;
use chrono::{Datelike, Months, NaiveDate};
use serde::{Serialize, Serializer};
use std::fmt;
use std::fmt::Write as _;

/// How much of a date the source gives.
/// The years a date may fall in: wider than any law lacuna models, narrow enough to catch a
/// mistyped year.
pub const YEARS: std::ops::RangeInclusive<i32> = 1800..=2200;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Precision {
    Year,
    Month,
    Day,
    /// A window of days: stated as `EARLIEST..LATEST`, or computed from an imprecise date by a
    /// treaty rule (e.g. "first day of the month after three months").
    Derived,
}

/// A date as a source states it: the earliest and latest day it may denote.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct LegalDate {
    earliest: NaiveDate,
    latest: NaiveDate,
    precision: Precision,
}

/// Why a date string was refused; the message names the value and what is valid.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error(
        "`{0}` is not a date: write YYYY-MM-DD, or YYYY-MM or YYYY when the source gives no day"
    )]
    Syntax(String),
    #[error("`{text}` has month {month}: months run from 01 to 12")]
    Month { text: String, month: u32 },
    #[error("`{text}` has day {day}, but {year}-{month:02} has {days} days")]
    Day {
        text: String,
        year: i32,
        month: u32,
        day: u32,
        days: u32,
    },
    #[error("`{0}` is out of range: lacuna accepts years 1800 to 2200")]
    Range(String),
    #[error("`{0}` is a window that ends before it starts")]
    Window(String),
}

fn days_in_month(year: i32, month: u32) -> u32 {
    let first = NaiveDate::from_ymd_opt(year, month, 1).expect("month was checked");
    let next = first + Months::new(1);
    (next - first).num_days() as u32
}

impl LegalDate {
    /// A date known to the day.
    pub fn day(date: NaiveDate) -> LegalDate {
        LegalDate {
            earliest: date,
            latest: date,
            precision: Precision::Day,
        }
    }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, refusing impossible days such as `1976-06-40`;
    /// or a window `EARLIEST..LATEST` of two such dates when a source pins a date only
    /// between two bounds (e.g. "ratified by October 2017"); or `..LATEST` when only the
    /// latest possible day is known (a law in force when the source was written, whose
    /// commencement the source does not give).
    pub fn parse(text: &str) -> Result<LegalDate, DateError> {
        if let Some((start, end)) = text.split_once("..") {
            let end = LegalDate::parse_single(end)?;
            // `..DATE`: on DATE at the latest, with no known lower bound.
            let earliest = if start.is_empty() {
                NaiveDate::from_ymd_opt(1800, 1, 1).expect("valid day")
            } else {
                LegalDate::parse_single(start)?.earliest
            };
            if end.latest < earliest {
                return Err(DateError::Window(text.to_string()));
            }
            return Ok(LegalDate {
                earliest,
                latest: end.latest,
                precision: Precision::Derived,
            });
        }
        LegalDate::parse_single(text)
    }

    fn parse_single(text: &str) -> Result<LegalDate, DateError> {
        let parts: Vec<&str> = text.split('-').collect();
        let number = |part: &str, width: usize| -> Result<u32, DateError> {
            if part.len() != width || !part.bytes().all(|b| b.is_ascii_digit()) {
                return Err(DateError::Syntax(text.to_string()));
            }
            part.parse::<u32>()
                .map_err(|_| DateError::Syntax(text.to_string()))
        };
        if parts.is_empty() || parts.len() > 3 {
            return Err(DateError::Syntax(text.to_string()));
        }
        let year = number(parts[0], 4)? as i32;
        if !YEARS.contains(&year) {
            return Err(DateError::Range(text.to_string()));
        }
        let month = match parts.get(1) {
            Some(part) => {
                let month = number(part, 2)?;
                if !(1..=12).contains(&month) {
                    return Err(DateError::Month {
                        text: text.to_string(),
                        month,
                    });
                }
                Some(month)
            }
            None => None,
        };
        let day = match parts.get(2) {
            Some(part) => Some(number(part, 2)?),
            None => None,
        };
        let ymd = |y: i32, m: u32, d: u32| NaiveDate::from_ymd_opt(y, m, d).expect("checked");
        Ok(match (month, day) {
            (None, _) => LegalDate {
                earliest: ymd(year, 1, 1),
                latest: ymd(year, 12, 31),
                precision: Precision::Year,
            },
            (Some(month), None) => LegalDate {
                earliest: ymd(year, month, 1),
                latest: ymd(year, month, days_in_month(year, month)),
                precision: Precision::Month,
            },
            (Some(month), Some(day)) => {
                let days = days_in_month(year, month);
                if day == 0 || day > days {
                    return Err(DateError::Day {
                        text: text.to_string(),
                        year,
                        month,
                        day,
                        days,
                    });
                }
                LegalDate::day(ymd(year, month, day))
            }
        })
    }

    pub fn earliest(&self) -> NaiveDate {
        self.earliest
    }

    pub fn latest(&self) -> NaiveDate {
        self.latest
    }

    pub fn precision(&self) -> Precision {
        self.precision
    }

    /// Whether this date had come by `day` (the event happened on or before it).
    pub fn reached_by(&self, day: NaiveDate) -> Truth {
        if self.latest <= day {
            Truth::Yes
        } else if self.earliest > day {
            Truth::No
        } else {
            Truth::Unknown
        }
    }

    /// The days on which [`LegalDate::reached_by`] changes its answer: `earliest` (from `No`
    /// to `Unknown`, or to `Yes` for an exact day) and `latest` (from `Unknown` to `Yes`).
    /// Any two days between the same change days get the same answer for every fact.
    pub fn change_days(&self) -> [NaiveDate; 2] {
        [self.earliest, self.latest]
    }

    /// Whether this date is certainly before `other` (every day it may denote is earlier).
    pub fn certainly_before(&self, other: &LegalDate) -> bool {
        self.latest < other.earliest
    }

    /// Applies a day-level rule to both ends of the range.
    pub fn map(&self, rule: impl Fn(NaiveDate) -> NaiveDate) -> LegalDate {
        let earliest = rule(self.earliest);
        let latest = rule(self.latest);
        LegalDate {
            earliest,
            latest,
            precision: if earliest == latest {
                Precision::Day
            } else {
                Precision::Derived
            },
        }
    }

    /// The later of two dates, bound by bound.
    pub fn later_of(&self, other: &LegalDate) -> LegalDate {
        let earliest = self.earliest.max(other.earliest);
        let latest = self.latest.max(other.latest);
        let precision = if earliest == latest {
            Precision::Day
        } else if (earliest, latest) == (self.earliest, self.latest) {
            self.precision
        } else if (earliest, latest) == (other.earliest, other.latest) {
            other.precision
        } else {
            Precision::Derived
        };
        LegalDate {
            earliest,
            latest,
            precision,
        }
    }

    pub fn year(&self) -> i32 {
        self.earliest.year()
    }
}

impl fmt::Display for LegalDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.precision {
            Precision::Day => write!(f, "{}", self.earliest.format("%Y-%m-%d")),
            Precision::Month => write!(f, "{}", self.earliest.format("%Y-%m")),
            Precision::Year => write!(f, "{}", self.earliest.year()),
            Precision::Derived if self.earliest.year() == 1800 && self.earliest.ordinal() == 1 => {
                write!(f, "..{}", self.latest.format("%Y-%m-%d"))
            }
            Precision::Derived => write!(
                f,
                "{}..{}",
                self.earliest.format("%Y-%m-%d"),
                self.latest.format("%Y-%m-%d")
            ),
        }
    }
}

impl Serialize for LegalDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// A half-open period `[from, until)`: the fact holds from `from` (or always, if absent) and
/// stops holding on `until` (or never, if absent).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Period {
    pub from: Option<LegalDate>,
    pub until: Option<LegalDate>,
}

impl Period {
    pub const ALWAYS: Period = Period {
        from: None,
        until: None,
    };

    /// Whether the period covers `day`, `Unknown` when an imprecise bound leaves it open.
    pub fn covers(&self, day: NaiveDate) -> Truth {
        let started = self.from.map_or(Truth::Yes, |from| from.reached_by(day));
        let ended = self.until.map_or(Truth::No, |until| until.reached_by(day));
        started.and(ended.negate())
    }

    /// The period in words for an explanation read on `day`: a start known only as "by D at
    /// the latest" is said so, and when the period may or may not cover `day`, the sentence
    /// says that too, so that a fact and an `unknown` beside it do not read as a contradiction.
    pub fn describe_on(&self, day: NaiveDate) -> String {
        let open_start = |date: &LegalDate| {
            date.precision == Precision::Derived
                && date.earliest.year() == 1800
                && date.earliest.ordinal() == 1
        };
        let mut parts = Vec::new();
        match &self.from {
            None => {}
            Some(from) if open_start(from) => parts.push(format!(
                "in force by {} at the latest",
                from.latest.format("%Y-%m-%d")
            )),
            Some(from) => parts.push(format!("from {from}")),
        }
        if let Some(until) = &self.until {
            parts.push(format!("until {until}"));
        }
        let mut text = if parts.is_empty() {
            "always".to_string()
        } else {
            parts.join(", ")
        };
        if self.covers(day).is_unknown() {
            let _ = write!(
                text,
                "; not known to be in force on {}",
                day.format("%Y-%m-%d")
            );
        }
        text
    }

    /// Whether the two periods certainly share a day.
    pub fn certainly_overlaps(&self, other: &Period) -> bool {
        let starts_before_end = |a: &Period, b: &Period| match (a.from, b.until) {
            (Some(from), Some(until)) => from.latest() < until.earliest(),
            _ => true,
        };
        starts_before_end(self, other) && starts_before_end(other, self)
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.from, self.until) {
            (None, None) => f.write_str("always"),
            (Some(from), None) => write!(f, "from {from}"),
            (None, Some(until)) => write!(f, "until {until}"),
            (Some(from), Some(until)) => write!(f, "{from} to {until}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn impossible_days_are_refused_with_the_month_length() {
        let error = LegalDate::parse("1976-06-40").unwrap_err();
        assert_eq!(
            error.to_string(),
            "`1976-06-40` has day 40, but 1976-06 has 30 days"
        );
        assert!(LegalDate::parse("2023-02-29").is_err());
        assert!(LegalDate::parse("2024-02-29").is_ok());
        assert!(matches!(
            LegalDate::parse("2019-13"),
            Err(DateError::Month { month: 13, .. })
        ));
        assert!(matches!(
            LegalDate::parse("15/10/2019"),
            Err(DateError::Syntax(_))
        ));
    }

    #[test]
    fn a_window_is_unknown_inside_itself() {
        let window = LegalDate::parse("2007-10-25..2017-10-25").unwrap();
        assert_eq!(window.reached_by(day("2007-10-24")), Truth::No);
        assert_eq!(window.reached_by(day("2012-01-01")), Truth::Unknown);
        assert_eq!(window.reached_by(day("2017-10-25")), Truth::Yes);
        assert_eq!(window.to_string(), "2007-10-25..2017-10-25");
        assert_eq!(
            LegalDate::parse("2014..2023-05").unwrap().to_string(),
            "2014-01-01..2023-05-31"
        );
        assert!(matches!(
            LegalDate::parse("2020..2019"),
            Err(DateError::Window(_))
        ));
        let by = LegalDate::parse("..2024-12-31").unwrap();
        assert_eq!(by.reached_by(day("2024-06-01")), Truth::Unknown);
        assert_eq!(by.reached_by(day("2025-01-01")), Truth::Yes);
        assert_eq!(by.to_string(), "..2024-12-31");
    }

    #[test]
    fn a_year_is_unknown_inside_itself() {
        let year = LegalDate::parse("2011").unwrap();
        assert_eq!(year.reached_by(day("2010-12-31")), Truth::No);
        assert_eq!(year.reached_by(day("2011-06-01")), Truth::Unknown);
        assert_eq!(year.reached_by(day("2011-12-31")), Truth::Yes);
        assert_eq!(year.to_string(), "2011");
    }

    #[test]
    fn periods_are_half_open() {
        let period = Period {
            from: Some(LegalDate::parse("2008-07-14").unwrap()),
            until: Some(LegalDate::parse("2010-01-01").unwrap()),
        };
        assert_eq!(period.covers(day("2008-07-13")), Truth::No);
        assert_eq!(period.covers(day("2008-07-14")), Truth::Yes);
        assert_eq!(period.covers(day("2009-12-31")), Truth::Yes);
        assert_eq!(period.covers(day("2010-01-01")), Truth::No);
    }

    #[test]
    fn adjacent_periods_do_not_overlap() {
        let first = Period {
            from: None,
            until: Some(LegalDate::parse("2008-07-14").unwrap()),
        };
        let second = Period {
            from: Some(LegalDate::parse("2008-07-14").unwrap()),
            until: None,
        };
        assert!(!first.certainly_overlaps(&second));
        assert!(Period::ALWAYS.certainly_overlaps(&second));
    }

    #[test]
    fn a_bounded_start_is_said_in_words_and_an_unknown_day_is_named() {
        let day = |text: &str| NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap();
        let period = Period {
            from: Some(LegalDate::parse("..2025-12-31").unwrap()),
            until: None,
        };
        assert_eq!(
            period.describe_on(day("2020-06-01")),
            "in force by 2025-12-31 at the latest; not known to be in force on 2020-06-01"
        );
        assert_eq!(
            period.describe_on(day("2026-01-01")),
            "in force by 2025-12-31 at the latest"
        );
        let exact = Period {
            from: Some(LegalDate::parse("2022-08-23").unwrap()),
            until: None,
        };
        assert_eq!(exact.describe_on(day("2024-01-01")), "from 2022-08-23");
        assert_eq!(Period::ALWAYS.describe_on(day("2024-01-01")), "always");
    }
}
