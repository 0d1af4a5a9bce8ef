//! `scoreResume`, `generateResumeEmbeddings`, `generateJobEmbeddings`.

use std::collections::HashMap;

use napi_derive::napi;

use super::{count, mean, truncated, Truncated};
use crate::binding::enums::Grade;
use crate::domain::sections::section;
use crate::service;

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
    pub grade: Grade,
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
            grade: s.grade.into(),
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
    /// What the per-document limits left out, as `resume.<field>` / `job.<field>` (the
    /// names comparisons use); absent when nothing was.
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
    /// What the per-document limits left out, as `resume.<field>` / `job.<field>` (the
    /// names comparisons use); absent when nothing was.
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
