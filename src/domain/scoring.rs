//! Resume quality score: four 0–100 components, a weighted overall score,
//! a letter grade and rule-based advice.
//!
//! Components (each rounded to one decimal):
//! - completeness: points for each filled-in field or section;
//! - experience: merged years of work through [`EXPERIENCE_SCORE_CURVE`];
//! - skills: distinct normalised skills through [`SKILLS_SCORE_CURVE`];
//! - certifications: count through [`CERTIFICATIONS_SCORE_CURVE`].
//!
//! The overall score is the weighted sum of the *rounded* components, itself
//! rounded, and the grade is taken from that rounded overall, so every shown
//! number can be recomputed from the others.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use super::constants::{
    CERTIFICATIONS_SCORE_CURVE, CERTIFICATIONS_WEIGHT, COMPLETENESS_CERTIFICATIONS_POINTS,
    COMPLETENESS_EDUCATION_POINTS, COMPLETENESS_EMAIL_POINTS, COMPLETENESS_NAME_POINTS,
    COMPLETENESS_PHONE_POINTS, COMPLETENESS_RESPONSIBILITIES_POINTS, COMPLETENESS_SKILLS_POINTS,
    COMPLETENESS_SUMMARY_POINTS, COMPLETENESS_WEIGHT, COMPLETENESS_WORK_POINTS,
    EXPERIENCE_SCORE_CURVE, EXPERIENCE_WEIGHT, MAX_RECOMMENDATIONS, SKILLS_SCORE_CURVE,
    SKILLS_WEIGHT, STRENGTH_THRESHOLD,
};
use super::experience::ExperienceSummary;
use super::grade::grade_for;
use super::labels::Grade;
use super::round1;
use super::skill_gap::missing_by_name;
use super::skills::normalize_skill;

/// One work-experience entry (dates are handled by `experience`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct WorkEntry {
    pub job_title: String,
    pub company: String,
    pub responsibilities: Vec<String>,
}

/// The resume fields the score looks at. An empty string means missing.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ResumeProfile {
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub phone: String,
    pub summary: String,
    pub skills: Vec<String>,
    pub work_experience: Vec<WorkEntry>,
    pub education_count: usize,
    pub certifications: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScoreBreakdown {
    pub completeness: f64,
    pub experience: f64,
    pub skills: f64,
    pub certifications: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResumeScore {
    pub overall_score: f64,
    pub grade: Grade,
    pub breakdown: ScoreBreakdown,
    pub total_experience_years: f64,
    pub strengths: Vec<String>,
    pub improvements: Vec<String>,
    /// `"Learn <Skill>"` for in-demand skills the resume lacks.
    pub recommendations: Vec<String>,
}

impl ResumeScore {
    /// Whether every score is on the 0–100 scale and the years are not negative (a cached
    /// score must be).
    pub fn in_range(&self) -> bool {
        let b = &self.breakdown;
        [
            self.overall_score,
            b.completeness,
            b.experience,
            b.skills,
            b.certifications,
        ]
        .into_iter()
        .all(super::is_percentage)
            && self.total_experience_years >= 0.0
    }
}

/// Scores a resume. `experience` comes from `experience::total_experience_years`
/// over the same work entries; `in_demand_skills` are ordered most-demanded
/// first (from active job postings) and feed the recommendations.
pub fn score_resume(
    profile: &ResumeProfile,
    experience: &ExperienceSummary,
    in_demand_skills: &[String],
) -> ResumeScore {
    let facts = Facts::of(profile, experience);
    let breakdown = ScoreBreakdown {
        completeness: round1(completeness_score(&facts)),
        experience: round1(piecewise_linear(facts.years, EXPERIENCE_SCORE_CURVE)),
        skills: round1(piecewise_linear(
            facts.skills.len() as f64,
            SKILLS_SCORE_CURVE,
        )),
        certifications: round1(piecewise_linear(
            facts.certifications as f64,
            CERTIFICATIONS_SCORE_CURVE,
        )),
    };
    let overall_score = round1(
        COMPLETENESS_WEIGHT * breakdown.completeness
            + EXPERIENCE_WEIGHT * breakdown.experience
            + SKILLS_WEIGHT * breakdown.skills
            + CERTIFICATIONS_WEIGHT * breakdown.certifications,
    );
    ResumeScore {
        overall_score,
        grade: grade_for(overall_score),
        strengths: strengths(&facts, &breakdown),
        improvements: improvements(&facts, &breakdown),
        recommendations: recommendations(&profile.skills, in_demand_skills),
        total_experience_years: facts.years,
        breakdown,
    }
}

/// What the rules look at, extracted once from the resume.
struct Facts {
    has_full_name: bool,
    has_email: bool,
    has_phone: bool,
    has_summary: bool,
    /// Distinct normalised skill names.
    skills: HashSet<String>,
    work_entries: usize,
    /// Work entries with at least one non-blank responsibility.
    described_entries: usize,
    has_education: bool,
    certifications: usize,
    years: f64,
    /// Work periods whose dates could not be used.
    undated_entries: usize,
}

impl Facts {
    fn of(profile: &ResumeProfile, experience: &ExperienceSummary) -> Self {
        let filled = |text: &str| !text.trim().is_empty();
        Facts {
            has_full_name: filled(&profile.first_name) && filled(&profile.last_name),
            has_email: filled(&profile.email),
            has_phone: filled(&profile.phone),
            has_summary: filled(&profile.summary),
            skills: profile
                .skills
                .iter()
                .map(|skill| normalize_skill(skill))
                .filter(|skill| !skill.is_empty())
                .collect(),
            work_entries: profile.work_experience.len(),
            described_entries: profile
                .work_experience
                .iter()
                .filter(|entry| entry.responsibilities.iter().any(|r| filled(r)))
                .count(),
            has_education: profile.education_count > 0,
            certifications: profile.certifications.iter().filter(|c| filled(c)).count(),
            years: round1(experience.years.max(0.0)),
            undated_entries: experience.skipped.len(),
        }
    }
}

/// Sum of the completeness points earned (0–100).
fn completeness_score(facts: &Facts) -> f64 {
    let described_share = if facts.work_entries == 0 {
        0.0
    } else {
        facts.described_entries as f64 / facts.work_entries as f64
    };
    let earned = |present: bool, points: f64| if present { points } else { 0.0 };
    earned(facts.has_full_name, COMPLETENESS_NAME_POINTS)
        + earned(facts.has_email, COMPLETENESS_EMAIL_POINTS)
        + earned(facts.has_phone, COMPLETENESS_PHONE_POINTS)
        + earned(facts.has_summary, COMPLETENESS_SUMMARY_POINTS)
        + earned(!facts.skills.is_empty(), COMPLETENESS_SKILLS_POINTS)
        + earned(facts.work_entries > 0, COMPLETENESS_WORK_POINTS)
        + described_share * COMPLETENESS_RESPONSIBILITIES_POINTS
        + earned(facts.has_education, COMPLETENESS_EDUCATION_POINTS)
        + earned(facts.certifications > 0, COMPLETENESS_CERTIFICATIONS_POINTS)
}

/// Linear interpolation between `(x, y)` points sorted by `x`; outside the
/// points the nearest end value applies, and NaN counts as below the first.
fn piecewise_linear(x: f64, points: &[(f64, f64)]) -> f64 {
    let (first, last) = (points[0], points[points.len() - 1]);
    if x.is_nan() || x <= first.0 {
        return first.1;
    }
    if x >= last.0 {
        return last.1;
    }
    points
        .windows(2)
        .find(|pair| x <= pair[1].0)
        .map_or(last.1, |pair| {
            let ((x0, y0), (x1, y1)) = (pair[0], pair[1]);
            y0 + (x - x0) / (x1 - x0) * (y1 - y0)
        })
}

/// One sentence per component at or above [`STRENGTH_THRESHOLD`], in
/// breakdown order; completeness only when nothing is missing at all.
fn strengths(facts: &Facts, breakdown: &ScoreBreakdown) -> Vec<String> {
    let mut strengths = Vec::new();
    if breakdown.completeness >= 100.0 {
        strengths.push("Complete resume with every section filled in".to_string());
    }
    if breakdown.experience >= STRENGTH_THRESHOLD {
        strengths.push(format!("Solid work experience ({} years)", facts.years));
    }
    if breakdown.skills >= STRENGTH_THRESHOLD {
        strengths.push(format!(
            "Strong skills section ({} skills)",
            facts.skills.len()
        ));
    }
    if breakdown.certifications >= STRENGTH_THRESHOLD {
        strengths.push(format!(
            "Well certified ({} certifications)",
            facts.certifications
        ));
    }
    strengths
}

/// Actionable advice in resume order: missing fields, then sections that
/// are thin, then dates that could not be read.
fn improvements(facts: &Facts, breakdown: &ScoreBreakdown) -> Vec<String> {
    let mut advice: Vec<String> = [
        (facts.has_full_name, "Add your full name"),
        (facts.has_email, "Add an email address"),
        (facts.has_phone, "Add a phone number"),
        (facts.has_summary, "Add a professional summary"),
    ]
    .iter()
    .filter(|(present, _)| !present)
    .map(|(_, text)| text.to_string())
    .collect();

    if facts.skills.is_empty() {
        advice.push("List your skills".to_string());
    } else if breakdown.skills < STRENGTH_THRESHOLD {
        advice.push(format!("Add more skills ({} listed)", facts.skills.len()));
    }
    if facts.work_entries == 0 {
        advice.push("Add your work experience".to_string());
    } else if facts.described_entries < facts.work_entries {
        advice.push(format!(
            "Describe your responsibilities in every role ({} of {} have none)",
            facts.work_entries - facts.described_entries,
            facts.work_entries
        ));
    }
    if facts.undated_entries > 0 {
        advice.push(format!(
            "Fix unreadable work experience dates ({} not counted)",
            facts.undated_entries
        ));
    }
    if !facts.has_education {
        advice.push("Add your education".to_string());
    }
    if facts.certifications == 0 {
        advice.push("Add certifications".to_string());
    } else if breakdown.certifications < STRENGTH_THRESHOLD {
        advice.push(format!(
            "Add more certifications ({} listed)",
            facts.certifications
        ));
    }
    advice
}

/// `"Learn <Skill>"` for the first [`MAX_RECOMMENDATIONS`] in-demand skills that the resume
/// lacks, in demand order: the skill gap against the market (`skill_gap`), by name (scoring
/// runs no model).
fn recommendations(resume_skills: &[String], in_demand_skills: &[String]) -> Vec<String> {
    missing_by_name(resume_skills, in_demand_skills)
        .into_iter()
        .take(MAX_RECOMMENDATIONS)
        .map(|skill| format!("Learn {}", skill.trim()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::experience::SkippedPeriod;

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    fn experience(years: f64) -> ExperienceSummary {
        ExperienceSummary {
            years,
            skipped: Vec::new(),
        }
    }

    fn described(title: &str) -> WorkEntry {
        WorkEntry {
            job_title: title.to_string(),
            company: "Acme".to_string(),
            responsibilities: strings(&["Built things"]),
        }
    }

    fn full_profile() -> ResumeProfile {
        ResumeProfile {
            first_name: "Ada".to_string(),
            last_name: "Lovelace".to_string(),
            email: "ada@example.com".to_string(),
            phone: "+44 20 7946 0000".to_string(),
            summary: "Backend engineer".to_string(),
            skills: strings(&[
                "Rust",
                "Python",
                "Go",
                "SQL",
                "Docker",
                "Kubernetes",
                "AWS",
                "React",
                "Node.js",
                "Git",
                "Linux",
                "Redis",
            ]),
            work_experience: vec![described("Engineer"), described("Senior Engineer")],
            education_count: 1,
            certifications: strings(&["AWS SA", "CKA"]),
        }
    }

    #[test]
    fn weights_sum_to_one_and_completeness_points_to_hundred() {
        let weights =
            COMPLETENESS_WEIGHT + EXPERIENCE_WEIGHT + SKILLS_WEIGHT + CERTIFICATIONS_WEIGHT;
        assert!((weights - 1.0).abs() < 1e-9);
        let points = COMPLETENESS_NAME_POINTS
            + COMPLETENESS_EMAIL_POINTS
            + COMPLETENESS_PHONE_POINTS
            + COMPLETENESS_SUMMARY_POINTS
            + COMPLETENESS_SKILLS_POINTS
            + COMPLETENESS_WORK_POINTS
            + COMPLETENESS_RESPONSIBILITIES_POINTS
            + COMPLETENESS_EDUCATION_POINTS
            + COMPLETENESS_CERTIFICATIONS_POINTS;
        assert!((points - 100.0).abs() < 1e-9);
    }

    #[test]
    fn piecewise_linear_interpolates_and_saturates() {
        let cases = [
            (-1.0, 0.0),
            (f64::NAN, 0.0),
            (0.0, 0.0),
            (0.5, 20.0),
            (1.0, 40.0),
            (3.5, 67.5),
            (5.2, 80.8),
            (10.0, 100.0),
            (40.0, 100.0),
        ];
        for (years, expected) in cases {
            let score = piecewise_linear(years, EXPERIENCE_SCORE_CURVE);
            assert!(
                (score - expected).abs() < 1e-9,
                "curve({years}) = {score}, want {expected}"
            );
        }
    }

    #[test]
    fn full_resume_scores_each_component_and_the_weighted_overall() {
        let score = score_resume(&full_profile(), &experience(5.2), &[]);
        assert_eq!(
            score.breakdown,
            ScoreBreakdown {
                completeness: 100.0,
                experience: 80.8,
                skills: 94.0,
                certifications: 75.0
            }
        );
        // 0.30·100 + 0.30·80.8 + 0.30·94 + 0.10·75 = 89.94 → 89.9
        assert_eq!(score.overall_score, 89.9);
        assert_eq!(score.grade.as_str(), "B+");
        assert_eq!(score.total_experience_years, 5.2);
        assert_eq!(
            score.strengths,
            [
                "Complete resume with every section filled in",
                "Solid work experience (5.2 years)",
                "Strong skills section (12 skills)",
            ]
        );
        assert_eq!(score.improvements, ["Add more certifications (2 listed)"]);
    }

    #[test]
    fn grade_follows_the_rounded_overall() {
        // 99 of 100 roles described → completeness 99.9; one certification → 50.
        // 0.30·99.9 + 0.30·100 + 0.30·100 + 0.10·50 = 94.97 → shown as 95.0, so "A+", not "A".
        let mut profile = full_profile();
        profile.work_experience = vec![described("Engineer"); 99];
        profile.work_experience.push(WorkEntry::default());
        profile.skills = (0..15).map(|i| format!("skill{i}")).collect();
        profile.certifications = strings(&["CKA"]);
        let score = score_resume(&profile, &experience(12.0), &[]);
        assert_eq!(score.breakdown.completeness, 99.9);
        assert_eq!(score.overall_score, 95.0);
        assert_eq!(score.grade.as_str(), "A+");
    }

    #[test]
    fn empty_resume_gets_a_valid_low_score_and_full_advice() {
        let score = score_resume(&ResumeProfile::default(), &experience(0.0), &[]);
        assert_eq!(score.overall_score, 0.0);
        assert_eq!(score.grade.as_str(), "F");
        assert!(score.strengths.is_empty());
        assert_eq!(
            score.improvements,
            [
                "Add your full name",
                "Add an email address",
                "Add a phone number",
                "Add a professional summary",
                "List your skills",
                "Add your work experience",
                "Add your education",
                "Add certifications",
            ]
        );
        assert!(score.recommendations.is_empty());
    }

    #[test]
    fn nan_or_negative_years_never_leak_into_the_score() {
        for years in [f64::NAN, -3.0] {
            let score = score_resume(&full_profile(), &experience(years), &[]);
            assert_eq!(score.breakdown.experience, 0.0);
            assert_eq!(score.total_experience_years, 0.0);
            assert!(score.overall_score.is_finite());
        }
    }

    #[test]
    fn skills_are_counted_once_after_normalisation() {
        let mut profile = full_profile();
        profile.skills = strings(&["React", "React.js", "reactjs", " ", "Node", "NodeJS"]);
        let score = score_resume(&profile, &experience(5.2), &[]);
        // 2 distinct skills → 2/3 of the way to 45 points.
        assert_eq!(score.breakdown.skills, 30.0);
        assert!(score
            .improvements
            .contains(&"Add more skills (2 listed)".to_string()));
    }

    #[test]
    fn partial_descriptions_and_unreadable_dates_are_reported() {
        let mut profile = full_profile();
        profile.work_experience.push(WorkEntry {
            responsibilities: strings(&["  "]),
            ..WorkEntry::default()
        });
        let summary = ExperienceSummary {
            years: 5.2,
            skipped: vec![SkippedPeriod {
                index: 2,
                reason: "missing start date".to_string(),
            }],
        };
        let score = score_resume(&profile, &summary, &[]);
        // 2 of 3 entries described → 90 + 10·2/3 = 96.67
        assert_eq!(score.breakdown.completeness, 96.7);
        assert!(!score.strengths[0].starts_with("Complete resume"));
        assert_eq!(
            &score.improvements[..2],
            [
                "Describe your responsibilities in every role (1 of 3 have none)",
                "Fix unreadable work experience dates (1 not counted)",
            ]
        );
    }

    #[test]
    fn recommendations_are_missing_in_demand_skills_in_demand_order() {
        let in_demand = strings(&[
            "AWS",
            "ReactJS",
            "Docker",
            "docker",
            "",
            "Terraform",
            "GraphQL",
            "Kafka",
            "Spark",
            "Scala",
        ]);
        let mut profile = full_profile();
        profile.skills = strings(&["React", "Python"]);
        let score = score_resume(&profile, &experience(1.0), &in_demand);
        assert_eq!(
            score.recommendations,
            [
                "Learn AWS",
                "Learn Docker",
                "Learn Terraform",
                "Learn GraphQL",
                "Learn Kafka"
            ]
        );
        assert_eq!(score.recommendations.len(), MAX_RECOMMENDATIONS);
    }

    #[test]
    fn serialises_with_the_seed_field_names() {
        let score = score_resume(&full_profile(), &experience(5.2), &strings(&["Terraform"]));
        let json = serde_json::to_value(&score).unwrap();
        let mut keys: Vec<&str> = json
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        keys.sort_unstable();
        assert_eq!(
            keys,
            [
                "breakdown",
                "grade",
                "improvements",
                "overall_score",
                "recommendations",
                "strengths",
                "total_experience_years",
            ]
        );
        assert_eq!(
            json["breakdown"],
            serde_json::json!({"completeness": 100.0, "experience": 80.8, "skills": 94.0, "certifications": 75.0})
        );
        assert_eq!(
            json["recommendations"],
            serde_json::json!(["Learn Terraform"])
        );
        // Cached scores read back unchanged.
        assert_eq!(serde_json::from_value::<ResumeScore>(json).unwrap(), score);
    }
}
