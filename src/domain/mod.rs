//! Pure domain rules for resume scoring and resume ↔ job matching.
//!
//! No I/O, no model, no database: callers pass plain data (and embeddings
//! they computed) in, and get serialisable results out. Map of the rules:
//!
//! - [`constants`] — every weight, threshold and limit (cache TTLs: `store::ttl`).
//! - [`demand`] — which skills active postings ask for most (the "Learn X" advice).
//! - [`experience`] — total years from work periods: parse dates, treat
//!   "present" as now, skip unreadable periods (reported), merge overlaps.
//! - [`skills`] — [`skills::normalize_skill`], so "React.js" = "ReactJS" = "react".
//! - [`scoring`] — resume score: four 0–100 components, weighted overall,
//!   letter grade, strengths, improvements and `"Learn <Skill>"` advice.
//! - [`grade`] — letter grade for a score.
//! - [`labels`] — the words results are labelled with (grades, levels, verdicts), as enums.
//! - [`sections`] — the texts embedded for each section of a resume or a posting.
//! - [`limits`] — how much of one document is embedded, and the report of what was cut.
//! - [`matching`] — cosine similarity, skill matching and the resume ↔ job
//!   seed's match percentage (0.65 × skills + 0.35 × experience; extended matching blends it
//!   with the factors).
//! - [`skill_gap`] — which of a target's skills a resume covers and what it lacks, most
//!   important first (skill matching, `skillGap`, the "Learn X" advice).
//! - [`taxonomy`] — ESCO's skills and the tool layer: names → concept, implied concepts,
//!   names found in a text.
//! - [`extraction`] — skills read from free text: names, then phrases near a concept.
//! - [`clustering`] — k-means with k-means++ seeding and k chosen by silhouette.
//! - [`market`] — counts and shares over a board: skills, levels, locations, cluster names.
//! - [`factors`] — the roadmap's factors (experience, document, education, seniority,
//!   location, soft skills, role type, weighted skills, language), the extended match that
//!   blends them, and item-to-item collaborative filtering.
//!
//! All public numbers are rounded to one decimal with [`round1`] and are
//! never NaN. User-facing description: `docs/rules.md`.

pub mod clustering;
pub mod constants;
pub mod demand;
pub mod experience;
pub mod extraction;
pub mod factors;
pub mod grade;
pub mod labels;
pub mod limits;
pub mod market;
pub mod matching;
pub mod scoring;
pub mod sections;
pub mod skill_gap;
pub mod skills;
pub mod taxonomy;

/// Rounds to one decimal place. Non-finite input becomes 0 so a bad value
/// can never leak NaN into a response; `-0.0` becomes `0.0`.
pub fn round1(value: f64) -> f64 {
    if !value.is_finite() {
        return 0.0;
    }
    (value * 10.0).round() / 10.0 + 0.0
}

/// Rounds to three decimals (similarities and shares), sanitised like [`round1`].
pub fn round3(value: f64) -> f64 {
    if !value.is_finite() {
        return 0.0;
    }
    (value * 1000.0).round() / 1000.0 + 0.0
}

/// Whether `value` is a score on the 0–100 scale every percentage and score uses (what a
/// cached result must hold to be served).
pub fn is_percentage(value: f64) -> bool {
    (0.0..=100.0).contains(&value)
}

/// Label of the first `(lower_bound, label)` row, highest bound first, that
/// `value` reaches; the last row's label when none does (negative or NaN).
fn band<T: Copy>(table: &[(f64, T)], value: f64) -> T {
    let lowest = table[table.len() - 1];
    table
        .iter()
        .find(|(lower_bound, _)| value >= *lower_bound)
        .unwrap_or(&lowest)
        .1
}

#[cfg(test)]
mod tests {
    use super::round1;

    #[test]
    fn round1_rounds_half_away_from_zero_and_sanitises() {
        let cases = [
            (72.14, 72.1),
            (72.15, 72.2),
            (94.95, 95.0),
            (0.04, 0.0),
            (-0.04, 0.0),
            (f64::NAN, 0.0),
            (f64::INFINITY, 0.0),
        ];
        for (input, expected) in cases {
            assert_eq!(round1(input), expected, "round1({input})");
        }
        assert!(round1(-0.04).is_sign_positive());
    }
}
