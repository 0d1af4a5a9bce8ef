//! Experience against the whole posting: the resume's work entries, recent ones weighing more,
//! against the posting's title, requirements and description together (the seed compares
//! work with the title alone, so a generic title says little and the posting's content nothing).

use chrono::{DateTime, Utc};

use super::{Factor, PostingFacts, ResumeFacts, Verdict};
use crate::domain::constants::{RECENCY_HALF_LIFE_YEARS, UNDATED_ENTRY_WEIGHT};
use crate::domain::experience::years_since;
use crate::domain::matching::{cosine, similarity_to_percent, weighted_unit_mean};
use crate::domain::round3;

/// How much a work entry counts: 1 while current, halving every
/// [`RECENCY_HALF_LIFE_YEARS`] since it ended; [`UNDATED_ENTRY_WEIGHT`] without dates.
fn recency_weight(range: Option<(DateTime<Utc>, DateTime<Utc>)>, now: DateTime<Utc>) -> f64 {
    match range {
        Some((_, end)) => 0.5_f64.powf(years_since(end, now) / RECENCY_HALF_LIFE_YEARS),
        None => UNDATED_ENTRY_WEIGHT,
    }
}

pub fn assess(resume: &ResumeFacts, posting: &PostingFacts, now: DateTime<Utc>) -> Factor {
    if posting.whole.is_empty() {
        return Factor::unscored(
            Verdict::Unknown,
            "The posting has no title, requirements or description to compare",
        );
    }
    let entries: Vec<(&str, &[f32], f64)> = resume
        .work
        .iter()
        .filter(|w| !w.vector.is_empty() && w.vector.len() == posting.whole.len())
        .map(|w| (w.title, w.vector, recency_weight(w.range, now)))
        .collect();
    if entries.is_empty() {
        return Factor::unscored(
            Verdict::Unknown,
            "The resume has no work entries to compare",
        );
    }
    let history = weighted_unit_mean(
        &entries
            .iter()
            .map(|(_, vector, weight)| (*vector, *weight))
            .collect::<Vec<_>>(),
    );
    let similarity = cosine(&history, &posting.whole);
    let (closest, closest_similarity) = entries
        .iter()
        .map(|(title, vector, _)| (*title, cosine(vector, &posting.whole)))
        .fold(
            ("", f32::MIN),
            |best, e| if e.1 > best.1 { e } else { best },
        );
    let score = similarity_to_percent(similarity);
    let verdict = match score {
        s if s >= 60.0 => Verdict::Relevant,
        s if s >= 40.0 => Verdict::Related,
        _ => Verdict::Distant,
    };
    let mut evidence = format!(
        "Work history (recent roles weigh more) against the posting's title, requirements and description: similarity {}",
        round3(f64::from(similarity))
    );
    if !closest.is_empty() {
        evidence.push_str(&format!(
            "; closest role \"{closest}\" ({})",
            round3(f64::from(closest_similarity))
        ));
    }
    Factor::scored(score, verdict, evidence)
}

#[cfg(test)]
mod tests {
    use super::super::WorkFact;
    use super::*;
    use chrono::TimeZone;

    fn at(year: i32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(year, 1, 1, 0, 0, 0).unwrap()
    }

    #[test]
    fn recent_roles_weigh_more_than_old_ones() {
        assert_eq!(recency_weight(Some((at(2020), at(2024))), at(2024)), 1.0);
        let old = recency_weight(
            Some((at(2010), at(2024 - RECENCY_HALF_LIFE_YEARS as i32))),
            at(2024),
        );
        assert!((old - 0.5).abs() < 0.01, "{old}");
        assert_eq!(recency_weight(None, at(2024)), UNDATED_ENTRY_WEIGHT);

        let posting = PostingFacts {
            whole: vec![1.0, 0.0],
            ..Default::default()
        };
        let none: Vec<String> = vec![];
        let history = |current: &'static [f32], old: &'static [f32]| ResumeFacts {
            work: vec![
                WorkFact {
                    title: "Now",
                    responsibilities: &none,
                    range: Some((at(2021), at(2024))),
                    vector: current,
                },
                WorkFact {
                    title: "Then",
                    responsibilities: &none,
                    range: Some((at(2000), at(2006))),
                    vector: old,
                },
            ],
            ..Default::default()
        };
        let recent_fit = assess(&history(&[1.0, 0.0], &[0.0, 1.0]), &posting, at(2024));
        let old_fit = assess(&history(&[0.0, 1.0], &[1.0, 0.0]), &posting, at(2024));
        assert!(
            recent_fit.score > old_fit.score,
            "{recent_fit:?} vs {old_fit:?}"
        );
        assert!(recent_fit.evidence.contains("closest role \"Now\""));
    }

    #[test]
    fn nothing_to_compare_is_unknown() {
        assert_eq!(
            assess(&ResumeFacts::default(), &PostingFacts::default(), at(2024)).score,
            None
        );
        let posting = PostingFacts {
            whole: vec![1.0],
            ..Default::default()
        };
        assert_eq!(
            assess(&ResumeFacts::default(), &posting, at(2024))
                .verdict
                .as_str(),
            "unknown"
        );
    }
}
