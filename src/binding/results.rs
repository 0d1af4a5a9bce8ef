//! What the functions resolve to, as JS objects: the seed's JSON shapes (snake_case keys where
//! the Python service had them), typed here once so that `index.d.ts` is generated from them.
//! Each converts from its core result; nothing else happens here.

use std::collections::{BTreeMap, HashMap};

use napi::bindgen_prelude::{Either, Null};
use napi_derive::napi;

use super::enums::{
    ConceptKind, GapTargetKind, Grade, Kernels, MatchModel, Precision, RecommendationLevel, Role,
    SkillSource, Verdict, Via,
};
use crate::domain::factors;
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

/// `None` as JS `null` (the CLI's JSON prints the same).
fn nullable<T>(value: Option<T>) -> Either<T, Null> {
    value.map_or(Either::B(Null), Either::A)
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
            listed_seconds_ago: nullable(s.listed_seconds_ago),
            last_rank_ms: s.last_rank_ms,
            last_candidates: count(s.last_candidates),
        }
    }
}

/// A value and how many postings have it, with its share of the postings counted (0–1).
#[napi(object, object_from_js = false)]
pub struct Share {
    pub name: String,
    pub postings: u32,
    pub share: f64,
}

fn shares(list: Vec<crate::domain::market::Share>) -> Vec<Share> {
    list.into_iter()
        .map(|s| Share {
            name: s.name,
            postings: count(s.postings),
            share: s.share,
        })
        .collect()
}

/// One family of postings found by `clusterJobs`.
#[napi(object, object_from_js = false)]
pub struct JobCluster {
    /// 0 for the largest cluster, then by size.
    pub id: u32,
    pub size: u32,
    /// A name for a person: the title its postings share most (seniority words dropped), else
    /// its most central posting's title.
    pub label: String,
    /// The skills most of its postings ask for, with the share of its postings that do.
    pub top_skills: Vec<Share>,
    /// Its postings, most central first.
    pub job_ids: Vec<String>,
}

/// `clusterJobs`: k-means over the active postings' skills and title vectors.
#[napi(object, object_from_js = false)]
pub struct JobClusters {
    pub k: u32,
    /// Mean silhouette (−1…1): how well the postings separate.
    pub silhouette: f64,
    pub seed: u32,
    /// Postings clustered.
    pub postings: u32,
    /// Largest first.
    pub clusters: Vec<JobCluster>,
    /// When it was computed (ISO 8601); a cached result keeps its time.
    pub computed_at: String,
}

impl From<service::JobClusters> for JobClusters {
    fn from(c: service::JobClusters) -> Self {
        Self {
            k: count(c.k),
            silhouette: c.silhouette,
            seed: c.seed,
            postings: count(c.postings),
            clusters: c
                .clusters
                .into_iter()
                .map(|c| JobCluster {
                    id: count(c.id),
                    size: count(c.size),
                    label: c.label,
                    top_skills: shares(c.top_skills),
                    job_ids: c.job_ids,
                })
                .collect(),
            computed_at: c.computed_at,
        }
    }
}

/// One result of `similarJobs`.
#[napi(object, object_from_js = false)]
pub struct SimilarJob {
    pub job_id: String,
    pub job_title: String,
    pub company: String,
    pub location: String,
    /// Cosine of the two postings' skills-and-title vectors (three decimals).
    pub similarity: f64,
}

pub fn similar_jobs(list: Vec<service::SimilarJob>) -> Vec<SimilarJob> {
    list.into_iter()
        .map(|s| SimilarJob {
            job_id: s.job_id,
            job_title: s.job_title,
            company: s.company,
            location: s.location,
            similarity: s.similarity,
        })
        .collect()
}

/// A cluster in `marketInsights`.
#[napi(object, object_from_js = false)]
pub struct ClusterSummary {
    pub id: u32,
    pub label: String,
    pub size: u32,
    pub top_skills: Vec<Share>,
}

/// `marketInsights`: counts over the active postings.
#[napi(object, object_from_js = false)]
pub struct MarketInsights {
    /// Active postings analysed.
    pub postings: u32,
    /// Every posting the filter selects, by status.
    pub postings_by_status: Vec<Share>,
    /// Most asked first; "JS" and "JavaScript" count as one skill.
    pub skill_demand: Vec<Share>,
    pub experience_levels: Vec<Share>,
    pub locations: Vec<Share>,
    /// Role types told from each posting's skills and title.
    pub role_types: Vec<Share>,
    /// `clusterJobs()` over the same postings.
    pub clusters: Vec<ClusterSummary>,
    pub computed_at: String,
}

impl From<service::MarketInsights> for MarketInsights {
    fn from(m: service::MarketInsights) -> Self {
        Self {
            postings: count(m.postings),
            postings_by_status: shares(m.postings_by_status),
            skill_demand: shares(m.skill_demand),
            experience_levels: shares(m.experience_levels),
            locations: shares(m.locations),
            role_types: shares(m.role_types),
            clusters: m
                .clusters
                .into_iter()
                .map(|c| ClusterSummary {
                    id: count(c.id),
                    label: c.label,
                    size: count(c.size),
                    top_skills: shares(c.top_skills),
                })
                .collect(),
            computed_at: m.computed_at,
        }
    }
}

/// A target skill the resume covers.
#[napi(object, object_from_js = false)]
pub struct CoveredSkill {
    pub name: String,
    /// The resume skill that covers it.
    pub by: String,
    /// 1 for the same name (aliases included), else the cosine of the two names.
    pub similarity: f64,
}

#[napi(object, object_from_js = false)]
pub struct ClosestSkill {
    pub name: String,
    pub similarity: f64,
}

/// A target skill the resume lacks.
#[napi(object, object_from_js = false)]
pub struct MissingSkill {
    pub name: String,
    /// Share of the cluster's postings asking for it; 1 for a posting's skills.
    pub importance: f64,
    /// The resume skill nearest to it; null when the resume lists none.
    pub closest: Either<ClosestSkill, Null>,
    /// Near enough (cosine ≥ 0.5) to earn its similarity as partial credit.
    pub adjacent: bool,
}

#[napi(object, object_from_js = false)]
pub struct SkillGapTarget {
    pub kind: GapTargetKind,
    /// The job id, or the cluster id as a string.
    pub id: String,
    /// The job's title or the cluster's label.
    pub label: String,
}

/// `skillGap`: what a resume lacks for a posting or a family of postings.
#[napi(object, object_from_js = false)]
pub struct SkillGap {
    pub resume_id: String,
    pub target: SkillGapTarget,
    /// 0–100: importance-weighted share of the target's skills covered, adjacent ones
    /// counting their similarity.
    pub coverage: f64,
    /// In the target's order.
    pub covered: Vec<CoveredSkill>,
    /// Most important first.
    pub missing: Vec<MissingSkill>,
}

impl From<service::SkillGapResult> for SkillGap {
    fn from(g: service::SkillGapResult) -> Self {
        Self {
            resume_id: g.resume_id,
            target: SkillGapTarget {
                kind: g.target.kind.into(),
                id: g.target.id,
                label: g.target.label,
            },
            coverage: g.coverage,
            covered: g
                .covered
                .into_iter()
                .map(|c| CoveredSkill {
                    name: c.name,
                    by: c.by,
                    similarity: c.similarity,
                })
                .collect(),
            missing: g
                .missing
                .into_iter()
                .map(|m| MissingSkill {
                    name: m.name,
                    importance: m.importance,
                    closest: m.closest.map_or(Either::B(Null), |c| {
                        Either::A(ClosestSkill {
                            name: c.name,
                            similarity: c.similarity,
                        })
                    }),
                    adjacent: m.adjacent,
                })
                .collect(),
        }
    }
}

/// A cache index and whether the server has it.
#[napi(object, object_from_js = false)]
pub struct IndexStatus {
    pub collection: String,
    /// Key fields, comma-separated.
    pub keys: String,
    pub unique: bool,
    /// The TTL of a TTL index; null otherwise.
    pub ttl_seconds: Either<f64, Null>,
    pub present: bool,
}

/// `databaseStatus()`.
#[napi(object, object_from_js = false)]
pub struct DatabaseStatus {
    pub database: String,
    pub indexes: Vec<IndexStatus>,
}

impl From<service::connection::DatabaseStatus> for DatabaseStatus {
    fn from(s: service::connection::DatabaseStatus) -> Self {
        Self {
            database: s.database,
            indexes: s
                .indexes
                .into_iter()
                .map(|i| IndexStatus {
                    collection: i.collection,
                    keys: i.keys,
                    unique: i.unique,
                    ttl_seconds: i
                        .ttl_seconds
                        .map_or(Either::B(Null), |t| Either::A(t as f64)),
                    present: i.present,
                })
                .collect(),
        }
    }
}

/// A skill `extractSkills` found in a text.
#[napi(object, object_from_js = false)]
pub struct ExtractedSkill {
    /// The concept's preferred name (ESCO's, or the tool layer's).
    pub name: String,
    /// ESCO's concept uuid, or the tool's id.
    pub id: String,
    pub kind: ConceptKind,
    /// `[start, end)` in the text, in UTF-16 code units: `text.slice(start, end)` is what
    /// named it.
    pub span: Vec<u32>,
    /// 1 for a name, else the cosine of the text's phrase with the concept's name.
    pub score: f64,
    pub via: Via,
    /// Reported by default: named, or found by embedding at the threshold or above.
    pub accepted: bool,
}

/// `extractSkills`: the skills a text names, best first.
#[napi(object, object_from_js = false)]
pub struct SkillExtraction {
    pub skills: Vec<ExtractedSkill>,
    /// Characters read of a text longer than the limit (20,000); absent when all was read.
    pub truncated: Option<Truncated>,
}

pub fn skill_extraction(e: service::Extraction) -> SkillExtraction {
    SkillExtraction {
        skills: e
            .skills
            .into_iter()
            .map(|s| ExtractedSkill {
                span: s.span.iter().map(|&o| count(o)).collect(),
                name: s.name,
                id: s.id,
                kind: s.kind.into(),
                score: s.score,
                via: s.via.into(),
                accepted: s.accepted,
            })
            .collect(),
        truncated: e.truncated.map(|Cut { kept, total }| Truncated {
            kept: count(kept),
            total: count(total),
        }),
    }
}

#[napi(object)]
pub struct ModelInfo {
    pub name: String,
    pub dimension: u32,
    pub max_tokens: u32,
    pub sha256: String,
    pub threads: u32,
    pub model_dir: String,
    /// The weights are the published all-mpnet-base-v2 (their sha256 matches).
    pub verified: bool,
    /// SIMD features of this CPU that the kernels choose from at run time.
    pub cpu_features: Vec<String>,
    /// The kernels that run, chosen at run time: `avx512`, `avx2` or `portable`.
    pub kernels: Kernels,
    /// The matmuls' arithmetic that runs: `fp32`, or `bf16` where it was asked for and the
    /// CPU has AVX512_BF16.
    pub precision: Precision,
}

#[napi(object)]
pub struct EngineStats {
    /// Distinct texts run through the model since the process started.
    pub texts_embedded: i64,
    /// Model invocations (each may batch many callers' texts).
    pub model_calls: i64,
    /// Forward passes of the network: an invocation runs several when its texts exceed the
    /// token budget of one pass or `BATCH_SIZE`.
    pub forward_passes: i64,
}

impl From<crate::engine::ModelInfo> for ModelInfo {
    fn from(info: crate::engine::ModelInfo) -> Self {
        Self {
            name: info.name,
            dimension: count(info.dimension),
            max_tokens: count(info.max_tokens),
            threads: count(info.threads),
            model_dir: info.model_dir,
            verified: info.sha256 == crate::engine::MODEL_SHA256,
            cpu_features: info.cpu_features.iter().map(|f| f.to_string()).collect(),
            kernels: info.kernels.into(),
            precision: info.precision.into(),
            sha256: info.sha256,
        }
    }
}

impl From<crate::engine::EngineStats> for EngineStats {
    fn from(stats: crate::engine::EngineStats) -> Self {
        Self {
            texts_embedded: stats.texts_embedded as i64,
            model_calls: stats.model_calls as i64,
            forward_passes: stats.forward_passes as i64,
        }
    }
}
