//! Total years of work experience from a resume's work periods.
//!
//! Periods that overlap or touch are merged first, so two parallel jobs in
//! 2020 count as one year, not two. Periods whose dates cannot be used are
//! skipped and reported rather than guessed.

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone, Utc};
use serde::{Deserialize, Serialize};

use super::constants::{DAYS_PER_YEAR, PRESENT_KEYWORDS};
use super::round1;

/// A date as stored in the resume: a real date, free text, or nothing.
#[derive(Debug, Clone, PartialEq)]
pub enum DateInput {
    Date(DateTime<Utc>),
    /// RFC 3339 ("2020-01-15T00:00:00.000Z"), "2020-01-15", "2020-01",
    /// "2020", or an end-date keyword such as "present".
    Text(String),
    Missing,
}

/// One work-experience entry's dates.
#[derive(Debug, Clone, PartialEq)]
pub struct WorkPeriod {
    pub start: DateInput,
    pub end: DateInput,
}

/// A period left out of the total, with the reason (for logs and users).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SkippedPeriod {
    /// Position of the period in the input.
    pub index: usize,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExperienceSummary {
    /// Merged working time in years, rounded to one decimal.
    pub years: f64,
    pub skipped: Vec<SkippedPeriod>,
}

/// Sums the periods' merged time. Rules:
///
/// - missing or unreadable start → skipped;
/// - missing/empty end, or "present" / "current" / "now" → `now`;
/// - unreadable end → skipped;
/// - dates after `now` are clamped to `now`;
/// - end before start (after clamping) → skipped;
/// - overlapping or touching periods are merged;
/// - years = merged days / 365.25, rounded to one decimal.
pub fn total_experience_years(periods: &[WorkPeriod], now: DateTime<Utc>) -> ExperienceSummary {
    let mut ranges = Vec::new();
    let mut skipped = Vec::new();
    for (index, period) in periods.iter().enumerate() {
        match resolve_period(period, now) {
            Ok(range) => ranges.push(range),
            Err(reason) => skipped.push(SkippedPeriod { index, reason }),
        }
    }
    ExperienceSummary {
        years: round1(merged_years(ranges)),
        skipped,
    }
}

const SECONDS_PER_DAY: f64 = 86_400.0;

/// A usable period: `(start, end)`, clamped to now.
pub type Range = (DateTime<Utc>, DateTime<Utc>);

/// The period as a clamped range (the rules of [`total_experience_years`]); `None` when its
/// dates cannot be used.
pub fn period_range(period: &WorkPeriod, now: DateTime<Utc>) -> Option<Range> {
    resolve_period(period, now).ok()
}

/// Years from `then` to `now` (0 when `then` is later), not rounded.
pub fn years_since(then: DateTime<Utc>, now: DateTime<Utc>) -> f64 {
    (now - then).num_seconds().max(0) as f64 / SECONDS_PER_DAY / DAYS_PER_YEAR
}

/// Years covered by `ranges` once overlaps are merged (not rounded).
pub fn merged_years(ranges: Vec<Range>) -> f64 {
    let seconds: i64 = merge(ranges)
        .iter()
        .map(|(start, end)| (*end - *start).num_seconds())
        .sum();
    seconds as f64 / SECONDS_PER_DAY / DAYS_PER_YEAR
}

/// The period as a clamped `(start, end)` range, or why it cannot be used.
fn resolve_period(period: &WorkPeriod, now: DateTime<Utc>) -> Result<Range, String> {
    let start = match &period.start {
        DateInput::Date(date) => *date,
        DateInput::Text(text) if !text.trim().is_empty() => {
            parse_date(text).ok_or_else(|| format!("unreadable start date {:?}", text.trim()))?
        }
        _ => return Err("missing start date".to_string()),
    };
    let end = match &period.end {
        DateInput::Date(date) => *date,
        DateInput::Text(text) if !is_present(text) => {
            parse_date(text).ok_or_else(|| format!("unreadable end date {:?}", text.trim()))?
        }
        _ => now,
    };
    let (start, end) = (start.min(now), end.min(now));
    if end < start {
        return Err("end date is before start date".to_string());
    }
    Ok((start, end))
}

/// Empty text or a "present" keyword means the job is ongoing.
fn is_present(text: &str) -> bool {
    let text = text.trim();
    text.is_empty()
        || PRESENT_KEYWORDS
            .iter()
            .any(|keyword| text.eq_ignore_ascii_case(keyword))
}

/// Parses RFC 3339 (with or without fraction or offset; no offset means UTC),
/// "YYYY-MM-DD", "YYYY-MM" (first of the month) or "YYYY" (1 January).
fn parse_date(text: &str) -> Option<DateTime<Utc>> {
    let text = text.trim();
    if let Ok(date) = DateTime::parse_from_rfc3339(text) {
        return Some(date.with_timezone(&Utc));
    }
    let naive = NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f")
        .ok()
        .or_else(|| {
            let day = NaiveDate::parse_from_str(text, "%Y-%m-%d")
                .or_else(|_| NaiveDate::parse_from_str(&format!("{text}-01"), "%Y-%m-%d"))
                .or_else(|_| NaiveDate::parse_from_str(&format!("{text}-01-01"), "%Y-%m-%d"))
                .ok()?;
            day.and_hms_opt(0, 0, 0)
        })?;
    Some(Utc.from_utc_datetime(&naive))
}

/// Sorts ranges and merges those that overlap or touch.
fn merge(mut ranges: Vec<Range>) -> Vec<Range> {
    ranges.sort();
    let mut merged: Vec<Range> = Vec::with_capacity(ranges.len());
    for (start, end) in ranges {
        match merged.last_mut() {
            Some(last) if start <= last.1 => last.1 = last.1.max(end),
            _ => merged.push((start, end)),
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        parse_date(text).unwrap()
    }

    fn now() -> DateTime<Utc> {
        at("2024-01-01")
    }

    fn text(value: &str) -> DateInput {
        DateInput::Text(value.to_string())
    }

    fn period(start: DateInput, end: DateInput) -> WorkPeriod {
        WorkPeriod { start, end }
    }

    fn years(periods: &[WorkPeriod]) -> f64 {
        total_experience_years(periods, now()).years
    }

    #[test]
    fn accepts_the_documented_date_formats() {
        let jan_15 = Utc.with_ymd_and_hms(2020, 1, 15, 0, 0, 0).unwrap();
        let cases = [
            ("2020-01-15T00:00:00.000Z", jan_15),
            ("2020-01-15T00:00:00Z", jan_15),
            ("2020-01-15T02:00:00+02:00", jan_15),
            ("2020-01-15T00:00:00", jan_15),
            ("2020-01-15T00:00:00.000", jan_15),
            (" 2020-01-15 ", jan_15),
            (
                "2020-01",
                Utc.with_ymd_and_hms(2020, 1, 1, 0, 0, 0).unwrap(),
            ),
            ("2020", Utc.with_ymd_and_hms(2020, 1, 1, 0, 0, 0).unwrap()),
        ];
        for (input, expected) in cases {
            assert_eq!(parse_date(input), Some(expected), "parse_date({input:?})");
        }
        for input in ["Jan 2020", "2020-13", "15/01/2020", "soon", "20201"] {
            assert_eq!(parse_date(input), None, "parse_date({input:?})");
        }
    }

    #[test]
    fn single_periods() {
        let cases = [
            (
                "closed period",
                period(text("2020-01-01"), text("2022-01-01")),
                2.0,
            ),
            (
                "date values",
                period(DateInput::Date(at("2021-01-01")), DateInput::Date(now())),
                3.0,
            ),
            (
                "present",
                period(text("2019-01-01"), text(" Present ")),
                5.0,
            ),
            ("current", period(text("2019-01-01"), text("CURRENT")), 5.0),
            ("now", period(text("2019-01-01"), text("now")), 5.0),
            (
                "missing end",
                period(text("2019-01-01"), DateInput::Missing),
                5.0,
            ),
            ("empty end", period(text("2019-01-01"), text("")), 5.0),
            (
                "future end clamped",
                period(text("2022-01-01"), text("2030-01-01")),
                2.0,
            ),
            (
                "future start clamped",
                period(text("2030-01-01"), text("present")),
                0.0,
            ),
            (
                "same day",
                period(text("2020-05-05"), text("2020-05-05")),
                0.0,
            ),
            ("six months", period(text("2023-07"), text("2024-01")), 0.5),
        ];
        for (name, input, expected) in cases {
            let summary = total_experience_years(&[input], now());
            assert_eq!(summary.years, expected, "{name}");
            assert!(summary.skipped.is_empty(), "{name}: {:?}", summary.skipped);
        }
    }

    #[test]
    fn overlapping_and_touching_periods_are_merged() {
        let cases = [
            (
                "overlap",
                vec![
                    period(text("2018-01-01"), text("2021-01-01")),
                    period(text("2020-01-01"), text("2022-01-01")),
                ],
                4.0,
            ),
            (
                "contained",
                vec![
                    period(text("2016-01-01"), text("2022-01-01")),
                    period(text("2018-01-01"), text("2019-01-01")),
                ],
                6.0,
            ),
            (
                "touching",
                vec![
                    period(text("2020-01-01"), text("2021-01-01")),
                    period(text("2021-01-01"), text("2022-01-01")),
                ],
                2.0,
            ),
            (
                "gap, unsorted input",
                vec![
                    period(text("2022-01-01"), text("present")),
                    period(text("2016-01-01"), text("2018-01-01")),
                ],
                4.0,
            ),
        ];
        for (name, input, expected) in cases {
            assert_eq!(years(&input), expected, "{name}");
        }
    }

    #[test]
    fn unusable_periods_are_skipped_and_reported() {
        let periods = [
            period(text("2020-01-01"), text("2022-01-01")),
            period(text("someday"), text("2022-01-01")),
            period(text("2020-01-01"), text("later")),
            period(DateInput::Missing, text("2022-01-01")),
            period(text("  "), DateInput::Missing),
            period(text("2022-01-01"), text("2020-01-01")),
            period(text("2030-01-01"), text("2020-01-01")),
        ];
        let summary = total_experience_years(&periods, now());
        assert_eq!(summary.years, 2.0);
        let reported: Vec<(usize, &str)> = summary
            .skipped
            .iter()
            .map(|skip| (skip.index, skip.reason.as_str()))
            .collect();
        assert_eq!(
            reported,
            [
                (1, "unreadable start date \"someday\""),
                (2, "unreadable end date \"later\""),
                (3, "missing start date"),
                (4, "missing start date"),
                (5, "end date is before start date"),
                (6, "end date is before start date"),
            ]
        );
    }

    #[test]
    fn no_periods_is_zero_years() {
        let summary = total_experience_years(&[], now());
        assert_eq!(summary.years, 0.0);
        assert!(summary.skipped.is_empty());
    }
}
