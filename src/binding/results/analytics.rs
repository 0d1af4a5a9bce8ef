//! `clusterJobs`, `similarJobs`, `marketInsights`, `skillGap`, `extractSkills`.

use napi::bindgen_prelude::{Either, Null};
use napi_derive::napi;

use super::{count, Truncated};
use crate::binding::enums::{ConceptKind, GapTargetKind, Via};
use crate::domain::limits::Cut;
use crate::service;

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
    /// Where each of `jobIds` lies on the board's map: its coordinates on the two directions
    /// in which the clustered postings spread most (their first two principal components),
    /// measured from their mean. For drawing the families on a plane.
    pub positions: Vec<MapPoint>,
}

/// A posting's place on the board's map (three decimals).
#[napi(object, object_from_js = false)]
pub struct MapPoint {
    pub x: f64,
    pub y: f64,
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
                    positions: c
                        .positions
                        .into_iter()
                        .map(|p| MapPoint { x: p.x, y: p.y })
                        .collect(),
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
