//! Resume ↔ job matching from embeddings.
//!
//! The caller embeds each section (one vector per skill / entry / line),
//! averages each side with [`mean_vector`] and compares the means with
//! [`cosine`]; this module turns those similarities into the match result.
//! Per the seed algorithm (extended matching then blends this score with the factors:
//! `factors::extended_match`):
//!
//! ```text
//! match_percentage = 0.65 × skills_match + 0.35 × experience_match
//!   skills:       resume skills          ↔ job skills
//!   experience:   resume work experience ↔ job title
//!   requirements: resume certifications  ↔ job requirements (informational only)
//! ```

use serde::{Deserialize, Serialize};

use super::constants::{
    EXPERIENCE_MATCH_WEIGHT, MATCH_IMPROVEMENT_THRESHOLD, MATCH_STRENGTH_THRESHOLD,
    MAX_SKILLS_IN_SENTENCE, RECOMMENDATION_LEVELS, SKILLS_MATCH_WEIGHT,
};
use super::labels::RecommendationLevel;
use super::skill_gap::{skill_gap, Coverage, TargetSkill};
use super::{band, round1};

/// Cosine similarity in [-1, 1]. 0 when the lengths differ, either vector is
/// empty or zero, or any value is not finite — never NaN.
pub fn cosine(a: &[f32], b: &[f32]) -> f32 {
    if a.len() != b.len() {
        return 0.0;
    }
    let (mut dot, mut norm_a, mut norm_b) = (0.0_f64, 0.0_f64, 0.0_f64);
    for (&x, &y) in a.iter().zip(b) {
        let (x, y) = (f64::from(x), f64::from(y));
        dot += x * y;
        norm_a += x * x;
        norm_b += y * y;
    }
    let similarity = dot / (norm_a * norm_b).sqrt();
    if similarity.is_finite() {
        similarity.clamp(-1.0, 1.0) as f32
    } else {
        0.0
    }
}

/// Element-wise arithmetic mean. `None` for no vectors or vectors of
/// different lengths (nothing meaningful to average).
pub fn mean_vector(vectors: &[&[f32]]) -> Option<Vec<f32>> {
    let dimensions = vectors.first()?.len();
    if vectors.iter().any(|vector| vector.len() != dimensions) {
        return None;
    }
    let mut sum = vec![0.0_f64; dimensions];
    for vector in vectors {
        for (total, &value) in sum.iter_mut().zip(*vector) {
            *total += f64::from(value);
        }
    }
    let count = vectors.len() as f64;
    Some(
        sum.into_iter()
            .map(|total| (total / count) as f32)
            .collect(),
    )
}

/// `Σ weight × v / |v|` over `(vector, weight)` parts of the first part's length (zero or
/// non-finite vectors left out): a direction to compare by [`cosine`]. Empty for no parts.
pub fn weighted_unit_mean(parts: &[(&[f32], f64)]) -> Vec<f32> {
    let Some((first, _)) = parts.first() else {
        return Vec::new();
    };
    let mut sum = vec![0.0_f64; first.len()];
    for (vector, weight) in parts.iter().filter(|(v, _)| v.len() == first.len()) {
        let norm = vector
            .iter()
            .map(|x| f64::from(*x).powi(2))
            .sum::<f64>()
            .sqrt();
        if norm > 0.0 && norm.is_finite() {
            for (s, x) in sum.iter_mut().zip(*vector) {
                *s += weight * f64::from(*x) / norm;
            }
        }
    }
    sum.into_iter().map(|x| x as f32).collect()
}

/// Cosine → 0–100 score: `clamp(cosine, 0, 1) × 100`, rounded to one decimal.
/// Negative similarity means unrelated, so it scores 0 like orthogonal text.
pub fn similarity_to_percent(cosine: f32) -> f64 {
    round1(f64::from(cosine).clamp(0.0, 1.0) * 100.0)
}

/// Level from [`RECOMMENDATION_LEVELS`]: "Excellent Match" (≥ 80),
/// "Good Match" (≥ 65), "Fair Match" (≥ 50), else "Poor Match".
pub fn recommendation_level(match_percentage: f64) -> RecommendationLevel {
    band(RECOMMENDATION_LEVELS, match_percentage)
}

/// Job skills split into those the resume covers and those it lacks,
/// in job order and spelled as the job spells them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SkillMatch {
    pub matched_skills: Vec<String>,
    pub missing_skills: Vec<String>,
}

/// Each side is `(skill name, embedding of that name)`: the job's skills split by
/// [`skill_gap`] (same name after normalisation, or embeddings with cosine ≥
/// [`SKILL_SIMILARITY_THRESHOLD`](super::constants::SKILL_SIMILARITY_THRESHOLD)), both lists
/// in job order. An empty embedding makes that skill exact-match only. Blank job skills are
/// ignored and duplicates (after normalisation) are listed once.
pub fn match_skills(
    resume_skills: &[(&str, &[f32])],
    job_skills: &[(&str, &[f32])],
    coverage: Coverage,
) -> SkillMatch {
    let target: Vec<TargetSkill> = job_skills
        .iter()
        .map(|(name, vector)| TargetSkill {
            name,
            importance: 1.0,
            vector,
        })
        .collect();
    let gap = skill_gap(resume_skills, &target, coverage);
    SkillMatch {
        matched_skills: gap.covered.into_iter().map(|c| c.name).collect(),
        missing_skills: gap.missing.into_iter().map(|m| m.name).collect(),
    }
}

/// Cosine similarity of the two sides' mean embeddings per section;
/// `None` when either side has nothing to embed.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct SectionSimilarities {
    /// Resume skills ↔ job skills.
    pub skills: Option<f32>,
    /// Resume work experience ↔ job title.
    pub experience: Option<f32>,
    /// Resume certifications ↔ job requirements (informational only).
    pub requirements: Option<f32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MatchBreakdown {
    pub skills_match: f64,
    pub experience_match: f64,
    pub requirements_match: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MatchResult {
    pub match_percentage: f64,
    pub recommendation_level: RecommendationLevel,
    pub breakdown: MatchBreakdown,
    pub matched_skills: Vec<String>,
    pub missing_skills: Vec<String>,
    pub strengths: Vec<String>,
    pub improvements: Vec<String>,
}

impl MatchResult {
    /// Whether every percentage is on the 0–100 scale (a cached result must be).
    pub fn in_range(&self) -> bool {
        let b = &self.breakdown;
        [
            self.match_percentage,
            b.skills_match,
            b.experience_match,
            b.requirements_match,
        ]
        .into_iter()
        .all(super::is_percentage)
    }
}

/// Builds the match result. Each sub-score is [`similarity_to_percent`] of
/// its section (0 when the section could not be compared); the match is the
/// weighted sum of the rounded sub-scores, rounded, and the level is taken
/// from that rounded value.
pub fn compare(similarities: &SectionSimilarities, skills: SkillMatch) -> MatchResult {
    let breakdown = breakdown(similarities);
    let match_percentage = weighted_match(&breakdown);
    MatchResult {
        match_percentage,
        recommendation_level: recommendation_level(match_percentage),
        strengths: strengths(&breakdown, &skills),
        improvements: improvements(similarities, &breakdown, &skills),
        breakdown,
        matched_skills: skills.matched_skills,
        missing_skills: skills.missing_skills,
    }
}

/// The match percentage alone, as [`compare`] computes it (for ranking many postings).
pub fn match_percentage(similarities: &SectionSimilarities) -> f64 {
    weighted_match(&breakdown(similarities))
}

fn breakdown(similarities: &SectionSimilarities) -> MatchBreakdown {
    let percent = |similarity: Option<f32>| similarity.map_or(0.0, similarity_to_percent);
    MatchBreakdown {
        skills_match: percent(similarities.skills),
        experience_match: percent(similarities.experience),
        requirements_match: percent(similarities.requirements),
    }
}

fn weighted_match(breakdown: &MatchBreakdown) -> f64 {
    round1(
        SKILLS_MATCH_WEIGHT * breakdown.skills_match
            + EXPERIENCE_MATCH_WEIGHT * breakdown.experience_match,
    )
}

/// Sub-scores at or above [`MATCH_STRENGTH_THRESHOLD`], then matched skills.
fn strengths(breakdown: &MatchBreakdown, skills: &SkillMatch) -> Vec<String> {
    let mut strengths: Vec<String> = [
        (breakdown.skills_match, "Strong technical skills"),
        (breakdown.experience_match, "Relevant work experience"),
        (
            breakdown.requirements_match,
            "Certifications align with the job requirements",
        ),
    ]
    .iter()
    .filter(|(score, _)| *score >= MATCH_STRENGTH_THRESHOLD)
    .map(|(_, text)| text.to_string())
    .collect();
    if !skills.matched_skills.is_empty() {
        strengths.push(format!(
            "Has required skills: {}",
            name_list(&skills.matched_skills)
        ));
    }
    strengths
}

/// In breakdown order: per section, why it could not be compared or advice
/// when its sub-score is below [`MATCH_IMPROVEMENT_THRESHOLD`]; the missing
/// skills follow the skills advice.
fn improvements(
    similarities: &SectionSimilarities,
    breakdown: &MatchBreakdown,
    skills: &SkillMatch,
) -> Vec<String> {
    let mut advice = Vec::new();
    advice.extend(section_advice(
        similarities.skills,
        breakdown.skills_match,
        "No skills to compare: the resume or the job posting lists none",
        "Highlight skills relevant to this role",
    ));
    if !skills.missing_skills.is_empty() {
        advice.push(format!(
            "Gain experience with {}",
            name_list(&skills.missing_skills)
        ));
    }
    advice.extend(section_advice(
        similarities.experience,
        breakdown.experience_match,
        "No work experience to compare with the job title",
        "Emphasise experience related to this role",
    ));
    advice.extend(section_advice(
        similarities.requirements,
        breakdown.requirements_match,
        "No certifications or job requirements to compare",
        "Consider certifications that match the job requirements",
    ));
    advice
}

/// `not_compared` when the section had no similarity, `low` when its
/// sub-score is weak, otherwise nothing.
fn section_advice(
    similarity: Option<f32>,
    score: f64,
    not_compared: &str,
    low: &str,
) -> Option<String> {
    match similarity {
        None => Some(not_compared.to_string()),
        Some(_) if score < MATCH_IMPROVEMENT_THRESHOLD => Some(low.to_string()),
        Some(_) => None,
    }
}

/// "A, B, C" or "A, B, C and 2 more" (at most [`MAX_SKILLS_IN_SENTENCE`] names).
fn name_list(names: &[String]) -> String {
    let shown = names[..names.len().min(MAX_SKILLS_IN_SENTENCE)].join(", ");
    match names.len().saturating_sub(MAX_SKILLS_IN_SENTENCE) {
        0 => shown,
        more => format!("{shown} and {more} more"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::constants::SKILL_SIMILARITY_THRESHOLD;

    fn names(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn cosine_of_known_vectors() {
        let cases: [(&[f32], &[f32], f32); 5] = [
            (&[1.0, 0.0], &[1.0, 0.0], 1.0),
            (&[1.0, 0.0], &[0.0, 1.0], 0.0),
            (&[1.0, 0.0], &[-1.0, 0.0], -1.0),
            (&[3.0, 4.0], &[6.0, 8.0], 1.0),
            (&[1.0, 1.0], &[1.0, 0.0], std::f32::consts::FRAC_1_SQRT_2),
        ];
        for (a, b, expected) in cases {
            let got = cosine(a, b);
            assert!(
                (got - expected).abs() < 1e-6,
                "cosine({a:?}, {b:?}) = {got}"
            );
        }
    }

    #[test]
    fn cosine_is_zero_for_degenerate_input_never_nan() {
        let cases: [(&[f32], &[f32]); 5] = [
            (&[], &[]),
            (&[0.0, 0.0], &[1.0, 2.0]),
            (&[1.0, 2.0], &[1.0, 2.0, 3.0]),
            (&[f32::NAN, 1.0], &[1.0, 1.0]),
            (&[f32::INFINITY, 1.0], &[1.0, 1.0]),
        ];
        for (a, b) in cases {
            assert_eq!(cosine(a, b), 0.0, "cosine({a:?}, {b:?})");
        }
    }

    #[test]
    fn cosine_does_not_overflow_on_large_finite_values() {
        let large: &[f32] = &[1e30, 1e30];
        assert!((cosine(large, large) - 1.0).abs() < 1e-6);
    }

    #[test]
    fn mean_vector_averages_element_wise() {
        let a: &[f32] = &[1.0, 2.0];
        let b: &[f32] = &[3.0, 6.0];
        assert_eq!(mean_vector(&[a, b]), Some(vec![2.0, 4.0]));
        assert_eq!(mean_vector(&[a]), Some(vec![1.0, 2.0]));
        assert_eq!(mean_vector(&[]), None);
        assert_eq!(mean_vector(&[a, &[1.0]]), None);
    }

    #[test]
    fn weighted_unit_mean_weighs_directions_not_lengths() {
        let a: &[f32] = &[10.0, 0.0];
        let b: &[f32] = &[0.0, 2.0];
        assert_eq!(weighted_unit_mean(&[(a, 3.0), (b, 1.0)]), vec![3.0, 1.0]);
        assert_eq!(
            weighted_unit_mean(&[(a, 1.0), (&[0.0, 0.0], 1.0), (&[1.0], 1.0)]),
            vec![1.0, 0.0]
        );
        assert!(weighted_unit_mean(&[]).is_empty());
    }

    #[test]
    fn similarity_to_percent_clamps_and_rounds() {
        let cases = [
            (0.75, 75.0),
            (0.6834, 68.3),
            (1.0, 100.0),
            (1.2, 100.0),
            (-0.4, 0.0),
            (f32::NAN, 0.0),
        ];
        for (similarity, expected) in cases {
            assert_eq!(
                similarity_to_percent(similarity),
                expected,
                "similarity_to_percent({similarity})"
            );
        }
    }

    #[test]
    fn recommendation_level_thresholds() {
        let cases = [
            (100.0, "Excellent Match"),
            (80.0, "Excellent Match"),
            (79.99, "Good Match"),
            (72.1, "Good Match"),
            (65.0, "Good Match"),
            (64.99, "Fair Match"),
            (50.0, "Fair Match"),
            (49.99, "Poor Match"),
            (0.0, "Poor Match"),
            (-1.0, "Poor Match"),
            (f64::NAN, "Poor Match"),
        ];
        for (percentage, expected) in cases {
            assert_eq!(
                recommendation_level(percentage).as_str(),
                expected,
                "level({percentage})"
            );
        }
    }

    #[test]
    fn skills_match_by_name_or_embedding_in_job_order() {
        let python: &[f32] = &[1.0, 0.0, 0.0];
        let postgres: &[f32] = &[0.0, 1.0, 0.0];
        let postgresql: &[f32] = &[0.0, 0.95, 0.2]; // cosine ≈ 0.98 with postgres
        let aws: &[f32] = &[0.0, 0.0, 1.0];
        let docker: &[f32] = &[0.3, 0.0, 0.95]; // cosine ≈ 0.95 with aws, but no aws on resume
        let resume = [
            ("Python", python),
            ("Postgres", postgres),
            ("React.js", &[][..]),
        ];
        let job = [
            ("AWS", aws),
            ("PostgreSQL", postgresql),
            ("ReactJS", &[][..]),
            ("Docker", docker),
            ("python", python),
            ("Python3", &[0.7, 0.7, 0.0][..]), // cosine ≈ 0.71: below the threshold
            ("  ", &[][..]),
            ("aws", aws),
        ];
        let result = match_skills(&resume, &job, Coverage::Names);
        assert_eq!(
            result.matched_skills,
            names(&["PostgreSQL", "ReactJS", "python"])
        );
        assert_eq!(result.missing_skills, names(&["AWS", "Docker", "Python3"]));
    }

    #[test]
    fn skill_similarity_threshold_is_inclusive() {
        let threshold = f64::from(SKILL_SIMILARITY_THRESHOLD);
        let at: &[f32] = &[
            threshold as f32,
            (1.0 - threshold * threshold).sqrt() as f32,
        ];
        let below: &[f32] = &[
            threshold as f32 - 0.01,
            (1.0 - threshold * threshold).sqrt() as f32 + 0.02,
        ];
        let resume = [("Kubernetes", &[1.0_f32, 0.0][..])];
        assert_eq!(
            match_skills(&resume, &[("K8s", at)], Coverage::Names).matched_skills,
            names(&["K8s"])
        );
        assert_eq!(
            match_skills(&resume, &[("Helm", below)], Coverage::Names).missing_skills,
            names(&["Helm"])
        );
    }

    #[test]
    fn match_uses_the_seed_weights_and_ignores_requirements() {
        let similarities = SectionSimilarities {
            skills: Some(0.75),
            experience: Some(0.68),
            requirements: Some(0.55),
        };
        let result = compare(&similarities, SkillMatch::default());
        assert_eq!(
            result.breakdown,
            MatchBreakdown {
                skills_match: 75.0,
                experience_match: 68.0,
                requirements_match: 55.0
            }
        );
        // 0.65·75 + 0.35·68 = 72.55 → 72.6
        assert_eq!(result.match_percentage, 72.6);
        assert_eq!(result.recommendation_level.as_str(), "Good Match");

        let without_requirements = SectionSimilarities {
            requirements: None,
            ..similarities
        };
        assert_eq!(
            compare(&without_requirements, SkillMatch::default()).match_percentage,
            72.6
        );
        assert!((SKILLS_MATCH_WEIGHT + EXPERIENCE_MATCH_WEIGHT - 1.0).abs() < 1e-9);
    }

    #[test]
    fn strengths_and_improvements_follow_sub_scores_and_skills() {
        let similarities = SectionSimilarities {
            skills: Some(0.82),
            experience: Some(0.41),
            requirements: Some(0.6),
        };
        let skills = SkillMatch {
            matched_skills: names(&["Python", "React"]),
            missing_skills: names(&["AWS", "Docker", "Kubernetes", "Terraform", "Go"]),
        };
        let result = compare(&similarities, skills);
        assert_eq!(
            result.strengths,
            [
                "Strong technical skills",
                "Has required skills: Python, React"
            ]
        );
        assert_eq!(
            result.improvements,
            [
                "Gain experience with AWS, Docker, Kubernetes and 2 more",
                "Emphasise experience related to this role",
            ]
        );
        assert_eq!(result.matched_skills, ["Python", "React"]);
        assert_eq!(result.missing_skills.len(), 5);
    }

    #[test]
    fn empty_sections_score_zero_and_are_explained() {
        let result = compare(&SectionSimilarities::default(), SkillMatch::default());
        assert_eq!(result.match_percentage, 0.0);
        assert_eq!(result.recommendation_level.as_str(), "Poor Match");
        assert!(result.strengths.is_empty());
        assert_eq!(
            result.improvements,
            [
                "No skills to compare: the resume or the job posting lists none",
                "No work experience to compare with the job title",
                "No certifications or job requirements to compare",
            ]
        );
    }

    #[test]
    fn nan_similarities_never_reach_the_result() {
        let similarities = SectionSimilarities {
            skills: Some(f32::NAN),
            experience: Some(0.9),
            requirements: Some(f32::NAN),
        };
        let result = compare(&similarities, SkillMatch::default());
        assert_eq!(result.breakdown.skills_match, 0.0);
        assert_eq!(result.match_percentage, 31.5);
        assert!(serde_json::to_string(&result)
            .unwrap()
            .contains("\"match_percentage\":31.5"));
    }

    #[test]
    fn serialises_with_the_seed_field_names() {
        let skills = SkillMatch {
            matched_skills: names(&["Python"]),
            missing_skills: names(&["AWS"]),
        };
        let result = compare(&SectionSimilarities::default(), skills);
        let json = serde_json::to_value(&result).unwrap();
        let keys = |value: &serde_json::Value| {
            let mut keys: Vec<String> = value.as_object().unwrap().keys().cloned().collect();
            keys.sort_unstable();
            keys
        };
        assert_eq!(
            keys(&json),
            [
                "breakdown",
                "improvements",
                "match_percentage",
                "matched_skills",
                "missing_skills",
                "recommendation_level",
                "strengths",
            ]
        );
        assert_eq!(
            keys(&json["breakdown"]),
            ["experience_match", "requirements_match", "skills_match"]
        );
        // Cached comparisons read back unchanged.
        assert_eq!(serde_json::from_value::<MatchResult>(json).unwrap(), result);
    }
}
