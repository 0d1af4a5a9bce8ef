//! `compareResumeJob`, `batchCompare`, `getRecommendations`: a comparison and its factors.

use std::collections::HashMap;

use napi::bindgen_prelude::{Either, Null};
use napi_derive::napi;

use super::{count, nullable, truncated, Truncated};
use crate::binding::enums::{MatchModel, RecommendationLevel, Role, SkillSource, Verdict};
use crate::domain::factors;
use crate::service;

#[napi(object, object_from_js = false)]
pub struct MatchBreakdown {
    #[napi(js_name = "skills_match")]
    pub skills_match: f64,
    #[napi(js_name = "experience_match")]
    pub experience_match: f64,
    /// Informational: weighs nothing in `match_percentage`.
    #[napi(js_name = "requirements_match")]
    pub requirements_match: f64,
}

/// `compareResumeJob`, and each entry of `batchCompare` / `getRecommendations`: the seed's
/// `compare_resume_job` output.
#[napi(object, object_from_js = false)]
pub struct Comparison {
    #[napi(js_name = "resume_id")]
    pub resume_id: String,
    #[napi(js_name = "job_id")]
    pub job_id: String,
    #[napi(js_name = "job_title")]
    pub job_title: String,
    pub company: String,
    /// 0–100, one decimal. Seed matching: 0.65 × skills_match + 0.35 × experience_match.
    /// Extended matching: that seed score blended with the factors (see `matchModel`).
    #[napi(js_name = "match_percentage")]
    pub match_percentage: f64,
    #[napi(js_name = "recommendation_level")]
    pub recommendation_level: RecommendationLevel,
    pub breakdown: MatchBreakdown,
    #[napi(js_name = "matched_skills")]
    pub matched_skills: Vec<String>,
    #[napi(js_name = "missing_skills")]
    pub missing_skills: Vec<String>,
    pub strengths: Vec<String>,
    pub improvements: Vec<String>,
    /// What the per-document limits left out, as `resume.<field>` / `job.<field>`; absent
    /// when nothing was.
    pub truncated: Option<HashMap<String, Truncated>>,
    /// Which formula gave `match_percentage`: the seed's, or the extended blend.
    pub match_model: MatchModel,
    /// Where each side's skills come from: its `skills` list, or (when it has none) its text.
    pub skills_source: SkillsSource,
    /// The roadmap's factors, in either mode.
    pub factors: MatchFactors,
    /// Extended `getRecommendations` only: the co-application signal blended into the order.
    pub collaborative: Option<CollaborativeSignal>,
}

/// Where a comparison's skills come from, per side.
#[napi(object, object_from_js = false)]
pub struct SkillsSource {
    pub resume: SkillSource,
    pub job: SkillSource,
}

/// One factor: a 0–100 score where it applies (null when unknown or not asked), a verdict
/// word and the evidence in words.
#[napi(object, object_from_js = false)]
pub struct Factor {
    pub score: Either<f64, Null>,
    pub verdict: Verdict,
    pub evidence: String,
}

impl From<factors::Factor> for Factor {
    fn from(f: factors::Factor) -> Self {
        Self {
            score: nullable(f.score),
            verdict: f.verdict.into(),
            evidence: f.evidence,
        }
    }
}

/// A role type told for a resume or a posting.
#[napi(object, object_from_js = false)]
pub struct RoleGuess {
    pub role: Role,
    /// 0–1.
    pub confidence: f64,
}

/// Years with a matched skill, from the dated work entries that name it.
#[napi(object, object_from_js = false)]
pub struct SkillYears {
    pub name: String,
    pub years: f64,
    /// 0 while a current role names it.
    pub last_used_years_ago: f64,
}

#[napi(object, object_from_js = false)]
pub struct MatchFactors {
    /// Work history (recent roles weigh more) against the posting's title, requirements and
    /// description.
    pub experience: Factor,
    /// The whole resume against the whole posting (document vectors).
    pub document: Factor,
    pub education: Factor,
    pub seniority: Factor,
    pub location: Factor,
    pub soft_skills: Factor,
    pub role_type: Factor,
    pub weighted_skills: Factor,
    /// Weighs nothing: says when similarities are less reliable.
    pub language: Factor,
    pub resume_role: Either<RoleGuess, Null>,
    pub job_role: Either<RoleGuess, Null>,
    pub must_have: Vec<String>,
    pub nice_to_have: Vec<String>,
    pub missing_must_have: Vec<String>,
    pub skill_years: Vec<SkillYears>,
    pub soft_skills_asked: Vec<String>,
    pub soft_skills_shown: Vec<String>,
    /// ISO 639-1 codes; null when there is too little prose to tell.
    pub resume_language: Either<String, Null>,
    pub job_language: Either<String, Null>,
}

impl From<factors::Factors> for MatchFactors {
    fn from(f: factors::Factors) -> Self {
        let role = |g: Option<factors::RoleGuess>| {
            nullable(g.map(|g| RoleGuess {
                role: g.role.into(),
                confidence: g.confidence,
            }))
        };
        Self {
            experience: f.experience.into(),
            document: f.document.into(),
            education: f.education.into(),
            seniority: f.seniority.into(),
            location: f.location.into(),
            soft_skills: f.soft_skills.into(),
            role_type: f.role_type.into(),
            weighted_skills: f.weighted_skills.into(),
            language: f.language.into(),
            resume_role: role(f.resume_role),
            job_role: role(f.job_role),
            must_have: f.must_have,
            nice_to_have: f.nice_to_have,
            missing_must_have: f.missing_must_have,
            skill_years: f
                .skill_years
                .into_iter()
                .map(|y| SkillYears {
                    name: y.name,
                    years: y.years,
                    last_used_years_ago: y.last_used_years_ago,
                })
                .collect(),
            soft_skills_asked: f.soft_skills_asked,
            soft_skills_shown: f.soft_skills_shown,
            resume_language: nullable(f.resume_language),
            job_language: nullable(f.job_language),
        }
    }
}

/// How strongly people who applied where this user applied also applied to the posting.
#[napi(object, object_from_js = false)]
pub struct CollaborativeSignal {
    /// 0–100.
    pub score: f64,
    pub co_applicants: u32,
}

impl From<service::Comparison> for Comparison {
    fn from(c: service::Comparison) -> Self {
        let m = c.result;
        Self {
            resume_id: c.resume_id,
            job_id: c.job_id,
            job_title: c.job_title,
            company: c.company,
            match_percentage: m.match_percentage,
            recommendation_level: m.recommendation_level.into(),
            breakdown: MatchBreakdown {
                skills_match: m.breakdown.skills_match,
                experience_match: m.breakdown.experience_match,
                requirements_match: m.breakdown.requirements_match,
            },
            matched_skills: m.matched_skills,
            missing_skills: m.missing_skills,
            strengths: m.strengths,
            improvements: m.improvements,
            truncated: truncated(c.truncated),
            match_model: c.match_model.into(),
            skills_source: SkillsSource {
                resume: c.skills_source.resume.into(),
                job: c.skills_source.job.into(),
            },
            factors: c.factors.into(),
            collaborative: c.collaborative.map(|c| CollaborativeSignal {
                score: c.score,
                co_applicants: count(c.co_applicants),
            }),
        }
    }
}

/// A list of comparisons, best first.
pub fn comparisons(list: Vec<service::Comparison>) -> Vec<Comparison> {
    list.into_iter().map(Comparison::from).collect()
}
