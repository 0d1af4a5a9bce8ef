//! Letter grade for a 0–100 score.
//!
//! Callers round the overall score to one decimal *before* grading (see
//! `scoring::score_resume`), so the displayed score and grade always agree:
//! 94.96 is shown as 95.0 and graded "A+". [`grade_for`] itself grades the
//! value exactly as given.

use super::band;
use super::constants::GRADE_BOUNDARIES;
use super::labels::Grade;

/// Grade from [`GRADE_BOUNDARIES`]: the first grade whose lower bound the
/// score reaches. Scores above 100 are "A+"; negative or NaN scores are "F".
pub fn grade_for(score: f64) -> Grade {
    band(GRADE_BOUNDARIES, score)
}

#[cfg(test)]
mod tests {
    use super::grade_for;

    #[test]
    fn boundaries_follow_the_seed_scale() {
        let cases = [
            (100.0, "A+"),
            (95.0, "A+"),
            (94.99, "A"),
            (90.0, "A"),
            (89.99, "B+"),
            (85.0, "B+"),
            (84.99, "B"),
            (80.0, "B"),
            (79.99, "C+"),
            (75.0, "C+"),
            (74.99, "C"),
            (70.0, "C"),
            (69.99, "D"),
            (60.0, "D"),
            (59.99, "F"),
            (0.0, "F"),
        ];
        for (score, expected) in cases {
            assert_eq!(grade_for(score).as_str(), expected, "grade_for({score})");
        }
    }

    #[test]
    fn out_of_range_scores_are_clamped() {
        assert_eq!(grade_for(120.0).as_str(), "A+");
        assert_eq!(grade_for(-5.0).as_str(), "F");
        assert_eq!(grade_for(f64::NAN).as_str(), "F");
        assert_eq!(grade_for(f64::NEG_INFINITY).as_str(), "F");
    }
}
