//! What the functions resolve to, as JS objects: the seed's JSON shapes (snake_case keys where
//! the Python service had them), typed here once so that `index.d.ts` is generated from them.
//! Each converts from its core result; nothing else happens here.

use std::collections::{BTreeMap, HashMap};

use napi::bindgen_prelude::{Either, Null};
use napi_derive::napi;

use crate::domain::limits::{Cut, Truncation};
use crate::domain::sections::section;
use crate::service;

/// What the per-document limits cut from one field: `kept` of `total` items (characters for
/// `characters`).
#[napi(object, object_from_js = false)]
pub struct Truncated {
    pub kept: u32,
    pub total: u32,
}

/// A count as a JS number (u32 saturates; no count here comes near it).
fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn truncated(t: Truncation) -> Option<HashMap<String, Truncated>> {
    (!t.is_empty()).then(|| {
        t.into_iter()
            .map(|(field, Cut { kept, total })| {
                (
                    field,
                    Truncated {
                        kept: count(kept),
                        total: count(total),
                    },
                )
            })
            .collect()
    })
}

/// A section's mean vector, when the section has text.
fn mean(sections: &mut BTreeMap<String, Vec<f32>>, name: &str) -> Option<Vec<f64>> {
    sections
        .remove(name)
        .map(|v| v.into_iter().map(f64::from).collect())
}

#[napi(object, object_from_js = false)]
pub struct ScoreBreakdown {
    pub completeness: f64,
    pub experience: f64,
    pub skills: f64,
    pub certifications: f64,
}

/// `scoreResume`: the seed's `score_resume` output.
#[napi(object, object_from_js = false)]
pub struct ResumeScore {
    #[napi(js_name = "resume_id")]
    pub resume_id: String,
    /// 0–100, one decimal.
    #[napi(js_name = "overall_score")]
    pub overall_score: f64,
    #[napi(ts_type = "Grade")]
    pub grade: String,
    pub breakdown: ScoreBreakdown,
    #[napi(js_name = "total_experience_years")]
    pub total_experience_years: f64,
    pub strengths: Vec<String>,
    pub improvements: Vec<String>,
    /// `"Learn <Skill>"` for in-demand skills the resume lacks.
    pub recommendations: Vec<String>,
}

impl From<service::ScoreResult> for ResumeScore {
    fn from(r: service::ScoreResult) -> Self {
        let s = r.score;
        Self {
            resume_id: r.resume_id,
            overall_score: s.overall_score,
            grade: s.grade,
            breakdown: ScoreBreakdown {
                completeness: s.breakdown.completeness,
                experience: s.breakdown.experience,
                skills: s.breakdown.skills,
                certifications: s.breakdown.certifications,
            },
            total_experience_years: s.total_experience_years,
            strengths: s.strengths,
            improvements: s.improvements,
            recommendations: s.recommendations,
        }
    }
}

/// 768 numbers per section; a section with no text is absent.
#[napi(object, object_from_js = false)]
pub struct ResumeSections {
    pub skills: Option<Vec<f64>>,
    pub work_experience: Option<Vec<f64>>,
    pub certifications: Option<Vec<f64>>,
}

#[napi(object, object_from_js = false)]
pub struct SkippedWorkPeriod {
    /// Position of the entry in `workExperience`.
    pub index: u32,
    pub reason: String,
}

#[napi(object, object_from_js = false)]
pub struct ResumeMetrics {
    pub total_experience_years: f64,
    /// Work entries left out of the years because their dates could not be read.
    pub skipped_work_periods: Vec<SkippedWorkPeriod>,
    /// What the per-document limits left out of the embeddings; absent when nothing was.
    pub truncated: Option<HashMap<String, Truncated>>,
}

/// `generateResumeEmbeddings`: the seed's `generate_resume_embeddings` output.
#[napi(object, object_from_js = false)]
pub struct ResumeEmbeddings {
    #[napi(js_name = "resume_id")]
    pub resume_id: String,
    pub mean_embeddings: ResumeSections,
    pub metrics: ResumeMetrics,
}

impl From<service::ResumeEmbeddings> for ResumeEmbeddings {
    fn from(r: service::ResumeEmbeddings) -> Self {
        let mut means = r.mean_embeddings;
        Self {
            resume_id: r.resume_id,
            mean_embeddings: ResumeSections {
                skills: mean(&mut means, section::SKILLS),
                work_experience: mean(&mut means, section::WORK_EXPERIENCE),
                certifications: mean(&mut means, section::CERTIFICATIONS),
            },
            metrics: ResumeMetrics {
                total_experience_years: r.metrics.total_experience_years,
                skipped_work_periods: r
                    .metrics
                    .skipped_work_periods
                    .into_iter()
                    .map(|p| SkippedWorkPeriod {
                        index: count(p.index),
                        reason: p.reason,
                    })
                    .collect(),
                truncated: truncated(r.metrics.truncated),
            },
        }
    }
}

/// 768 numbers per section; a section with no text is absent.
#[napi(object, object_from_js = false)]
pub struct JobSections {
    pub job_title: Option<Vec<f64>>,
    pub skills: Option<Vec<f64>>,
    pub requirements: Option<Vec<f64>>,
    pub experience_level: Option<Vec<f64>>,
    pub location: Option<Vec<f64>>,
}

/// `generateJobEmbeddings`: the seed's `generate_job_embeddings` output.
#[napi(object, object_from_js = false)]
pub struct JobEmbeddings {
    #[napi(js_name = "job_id")]
    pub job_id: String,
    pub mean_embeddings: JobSections,
    /// What the per-document limits left out of the embeddings; absent when nothing was.
    pub truncated: Option<HashMap<String, Truncated>>,
}

impl From<service::JobEmbeddings> for JobEmbeddings {
    fn from(j: service::JobEmbeddings) -> Self {
        let mut means = j.mean_embeddings;
        Self {
            job_id: j.job_id,
            mean_embeddings: JobSections {
                job_title: mean(&mut means, section::JOB_TITLE),
                skills: mean(&mut means, section::SKILLS),
                requirements: mean(&mut means, section::REQUIREMENTS),
                experience_level: mean(&mut means, section::EXPERIENCE_LEVEL),
                location: mean(&mut means, section::LOCATION),
            },
            truncated: truncated(j.truncated),
        }
    }
}

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
    /// 0–100, one decimal: 0.65 × skills_match + 0.35 × experience_match.
    #[napi(js_name = "match_percentage")]
    pub match_percentage: f64,
    #[napi(js_name = "recommendation_level", ts_type = "RecommendationLevel")]
    pub recommendation_level: String,
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
            recommendation_level: m.recommendation_level,
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
        }
    }
}

/// A list of comparisons, best first.
pub fn comparisons(list: Vec<service::Comparison>) -> Vec<Comparison> {
    list.into_iter().map(Comparison::from).collect()
}

#[napi(object, object_from_js = false)]
pub struct Backfill {
    /// Postings matching the filter.
    pub total: u32,
    /// Postings embedded by this call.
    pub embedded: u32,
    /// Postings that already had fresh cached embeddings.
    pub fresh: u32,
}

impl From<service::Backfill> for Backfill {
    fn from(b: service::Backfill) -> Self {
        Self {
            total: count(b.total),
            embedded: count(b.embedded),
            fresh: count(b.fresh),
        }
    }
}

#[napi(object, object_from_js = false)]
pub struct Invalidation {
    pub id: String,
    /// Cache documents removed.
    pub deleted: f64,
}

impl From<service::Invalidation> for Invalidation {
    fn from(i: service::Invalidation) -> Self {
        Self {
            id: i.id,
            deleted: i.deleted as f64,
        }
    }
}

/// `catalogueStats()`: the in-process catalogue of active postings that recommendations rank.
#[napi(object, object_from_js = false)]
pub struct CatalogueStats {
    /// Active postings with vectors.
    pub postings: u32,
    /// Active postings whose embeddings the next recommendation call computes.
    pub unembedded: u32,
    /// Memory of the vectors (f16 rows, ids, timestamps).
    pub bytes: f64,
    /// Seconds since the active postings were last listed; null before the first call.
    pub listed_seconds_ago: Either<f64, Null>,
    /// Milliseconds the last ranking took (scan and candidate selection).
    pub last_rank_ms: f64,
    /// Postings the last ranking named as candidates for exact re-scoring.
    pub last_candidates: u32,
}

impl From<service::CatalogueStats> for CatalogueStats {
    fn from(s: service::CatalogueStats) -> Self {
        Self {
            postings: count(s.postings),
            unembedded: count(s.unembedded),
            bytes: s.bytes as f64,
            listed_seconds_ago: s.listed_seconds_ago.map_or(Either::B(Null), Either::A),
            last_rank_ms: s.last_rank_ms,
            last_candidates: count(s.last_candidates),
        }
    }
}
