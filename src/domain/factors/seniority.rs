//! Seniority: the level a posting asks for (its `experienceLevel`, else its title, with any "N+
//! years" requirement) against the resume's merged years of work.

use serde::{Deserialize, Serialize};

use super::lexicon::{NICE_TO_HAVE_WORDS, SENIORITY_WORDS};
use super::text::{contains_any, named, sentences, words};
use super::{Factor, PostingFacts, ResumeFacts, Verdict};
use crate::domain::constants::{
    OVER_QUALIFIED_FLOOR, OVER_QUALIFIED_MARGIN_YEARS, OVER_QUALIFIED_POINTS_PER_YEAR,
    SENIORITY_YEAR_BANDS, UNDER_QUALIFIED_POINTS_PER_YEAR,
};

/// Seniority levels, lowest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Seniority {
    Intern,
    Entry,
    Mid,
    Senior,
    Lead,
    Executive,
}

/// The most senior level `text` names.
pub fn seniority_of(text: &str) -> Option<Seniority> {
    named(&words(text), SENIORITY_WORDS).next()
}

fn band(level: Seniority) -> (f64, f64) {
    SENIORITY_YEAR_BANDS[level as usize]
}

/// The largest "N+ years" / "N years" a requirement sets as a condition.
fn years_required(requirements: &[String]) -> Option<f64> {
    requirements
        .iter()
        .flat_map(|r| sentences(r))
        .filter(|s| !contains_any(s, NICE_TO_HAVE_WORDS))
        .flat_map(|s| {
            s.windows(2)
                .filter(|pair| pair[1].starts_with("year"))
                .filter_map(|pair| pair[0].trim_end_matches('+').parse::<f64>().ok())
                .filter(|n| (0.0..=40.0).contains(n))
                .collect::<Vec<_>>()
        })
        .reduce(f64::max)
}

pub fn assess(resume: &ResumeFacts, posting: &PostingFacts) -> Factor {
    let level = seniority_of(posting.experience_level).or_else(|| seniority_of(posting.title));
    let years_asked = years_required(posting.requirements);
    let (from, to, asked) = match (level, years_asked) {
        (None, None) => {
            return Factor::unscored(
                Verdict::Unknown,
                "The posting states no level and no years of experience",
            )
        }
        (Some(level), years) => {
            let (from, to) = band(level);
            let from = years.unwrap_or(from);
            let words = format!("{level:?}").to_lowercase();
            (
                from,
                to.max(from),
                format!("a {words} role ({})", span(from, to.max(from))),
            )
        }
        (None, Some(years)) => (years, f64::INFINITY, format!("{years}+ years")),
    };
    let Some(years) = resume.years else {
        return Factor::unscored(
            Verdict::Unknown,
            format!("The posting asks for {asked}; the resume's work dates could not be read"),
        );
    };
    let had = format!("{years:.1} years of experience");
    if years + 0.25 < from {
        let score = 100.0 - UNDER_QUALIFIED_POINTS_PER_YEAR * (from - years);
        return Factor::scored(
            score,
            Verdict::UnderQualified,
            format!("{had}; the posting asks for {asked}"),
        );
    }
    if years > to + OVER_QUALIFIED_MARGIN_YEARS {
        let score =
            (100.0 - OVER_QUALIFIED_POINTS_PER_YEAR * (years - to)).max(OVER_QUALIFIED_FLOOR);
        return Factor::scored(
            score,
            Verdict::OverQualified,
            format!("{had}; the posting asks for {asked}"),
        );
    }
    if years > to {
        return Factor::scored(100.0, Verdict::Fits, format!("{had}: a little above {asked}, within the {OVER_QUALIFIED_MARGIN_YEARS}-year margin"));
    }
    Factor::scored(100.0, Verdict::Fits, format!("{had} fits {asked}"))
}

fn span(from: f64, to: f64) -> String {
    if to.is_finite() {
        format!("{from}–{to} years")
    } else {
        format!("{from}+ years")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_level_has_its_band_in_order() {
        use Seniority::*;
        let levels = [Intern, Entry, Mid, Senior, Lead, Executive];
        assert_eq!(levels.len(), SENIORITY_YEAR_BANDS.len());
        for (position, level) in levels.into_iter().enumerate() {
            assert_eq!(level as usize, position);
        }
        assert_eq!(band(Senior), (5.0, 10.0));
        assert!(band(Executive).1.is_infinite());
    }

    fn run(years: Option<f64>, level: &str, title: &str, requirements: &[&str]) -> Factor {
        let requirements: Vec<String> = requirements.iter().map(|s| s.to_string()).collect();
        let resume = ResumeFacts {
            years,
            ..Default::default()
        };
        let posting = PostingFacts {
            experience_level: level,
            title,
            requirements: &requirements,
            ..Default::default()
        };
        assess(&resume, &posting)
    }

    #[test]
    fn levels_come_from_the_level_field_then_the_title() {
        assert_eq!(seniority_of("Senior"), Some(Seniority::Senior));
        assert_eq!(seniority_of("Entry level"), Some(Seniority::Entry));
        assert_eq!(seniority_of("Lead Backend Engineer"), Some(Seniority::Lead));
        assert_eq!(seniority_of("Backend Engineer"), None);
        assert_eq!(
            run(Some(6.0), "", "Senior Data Engineer", &[])
                .verdict
                .as_str(),
            "fits"
        );
    }

    #[test]
    fn under_and_over_qualified_lose_points_by_the_year() {
        let junior_for_senior = run(Some(1.0), "Senior", "", &[]);
        assert_eq!(junior_for_senior.verdict.as_str(), "under-qualified");
        assert_eq!(junior_for_senior.score, Some(0.0));
        assert_eq!(run(Some(4.0), "Senior", "", &[]).score, Some(75.0));
        let lead_for_entry = run(Some(12.0), "Entry", "", &[]);
        assert_eq!(lead_for_entry.verdict.as_str(), "over-qualified");
        assert_eq!(lead_for_entry.score, Some(OVER_QUALIFIED_FLOOR));
        assert_eq!(run(Some(3.0), "Mid", "", &[]).score, Some(100.0));
    }

    #[test]
    fn a_years_requirement_sets_the_floor_unless_it_is_a_wish() {
        assert_eq!(
            run(
                Some(3.0),
                "Mid",
                "",
                &["Must have 5+ years of experience with Go"]
            )
            .verdict
            .as_str(),
            "under-qualified"
        );
        assert_eq!(
            run(Some(3.0), "Mid", "", &["7 years with Go is a plus"])
                .verdict
                .as_str(),
            "fits"
        );
        assert_eq!(
            run(Some(2.0), "", "Engineer", &["3 years of Python"]).score,
            Some(75.0)
        );
        assert_eq!(run(None, "Senior", "", &[]).score, None);
        assert_eq!(
            run(Some(2.0), "", "Engineer", &[]).verdict.as_str(),
            "unknown"
        );
    }
}
