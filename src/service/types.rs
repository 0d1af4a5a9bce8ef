//! What the service takes and returns: call options, settings, and the results in the
//! seed's shapes (serialised as they are cached).

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::domain::experience::SkippedPeriod;
use crate::domain::factors::{Factors, MatchModel, Preferences, Role};
use crate::domain::limits::{Limits, Truncation};
use crate::domain::matching::MatchResult;
use crate::domain::scoring::ResumeScore;
use crate::store::SkillSource;

use super::catalogue;
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Recompute even when a fresh cached result exists, and overwrite it.
    pub force: bool,
    /// What the caller says about the candidate (`{ location, remote }`): comparisons made
    /// with them are computed fresh and not cached, since they are not the resume's alone.
    pub preferences: Option<Arc<Preferences>>,
    /// `getRecommendations` / `batchCompare`: only postings told to be of this role type.
    pub role: Option<Role>,
}

impl Options {
    /// Forced recomputation, nothing else.
    pub const FORCE: Options = Options {
        force: true,
        preferences: None,
        role: None,
    };

    /// Whether cached comparisons may answer.
    pub(super) fn reads_comparisons(&self) -> bool {
        !self.force && self.preferences.is_none()
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Backfill {
    /// Postings matching the filter.
    pub total: usize,
    /// Postings whose embeddings were computed now.
    pub embedded: usize,
    /// Postings that already had fresh cached embeddings.
    pub fresh: usize,
}

/// `planBackfill`: the postings a backfill would embed, in chunks.
#[derive(Debug, Clone, Serialize)]
pub struct BackfillPlan {
    /// Postings matching the filter.
    pub total: usize,
    /// Postings that already have fresh cached embeddings (in no chunk).
    pub fresh: usize,
    /// The ids (hex) of the others, in id order, in chunks of at most the chunk size.
    pub chunks: Vec<Vec<String>>,
}

/// Mean embedding per section; a section with no text is absent.
pub type Sections = BTreeMap<String, Vec<f32>>;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ResumeEmbeddings {
    pub resume_id: String,
    #[serde(rename = "meanEmbeddings")]
    pub mean_embeddings: Sections,
    pub metrics: ResumeMetrics,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ResumeMetrics {
    #[serde(rename = "totalExperienceYears")]
    pub total_experience_years: f64,
    /// Work entries left out of the years because their dates could not be read.
    #[serde(rename = "skippedWorkPeriods", default)]
    pub skipped_work_periods: Vec<SkippedPeriod>,
    /// What the per-document limits left out of the embeddings; absent when nothing.
    #[serde(default, skip_serializing_if = "Truncation::is_empty")]
    pub truncated: Truncation,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct JobEmbeddings {
    pub job_id: String,
    #[serde(rename = "meanEmbeddings")]
    pub mean_embeddings: Sections,
    /// What the per-document limits left out of the embeddings; absent when nothing.
    #[serde(default, skip_serializing_if = "Truncation::is_empty")]
    pub truncated: Truncation,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ScoreResult {
    pub resume_id: String,
    #[serde(flatten)]
    pub score: ResumeScore,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Comparison {
    pub resume_id: String,
    pub job_id: String,
    pub job_title: String,
    pub company: String,
    #[serde(flatten)]
    pub result: MatchResult,
    /// What the per-document limits left out, as `resume.<field>` / `job.<field>` (so the
    /// skill lists name at most the limit); absent when nothing.
    #[serde(default, skip_serializing_if = "Truncation::is_empty")]
    pub truncated: Truncation,
    /// Which formula gave `match_percentage`. Required when a cached comparison is read:
    /// one cached before the factors existed, or under the other model, is recomputed.
    #[serde(rename = "matchModel")]
    pub match_model: MatchModel,
    /// Where each side's skills come from. Required when a cached comparison is read: one
    /// cached before documents without skills lists were read is recomputed.
    #[serde(rename = "skillsSource")]
    pub skills_source: SkillsSource,
    pub factors: Factors,
    /// `getRecommendations` in extended mode: the co-application signal that was blended
    /// into the ranking (per user, never cached).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collaborative: Option<Collaborative>,
}

/// Where the skills of each side of a comparison come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkillsSource {
    pub resume: SkillSource,
    pub job: SkillSource,
}

/// A recommendation's co-application signal (see `domain::factors::collaborative`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Collaborative {
    /// 0–100.
    pub score: f64,
    pub co_applicants: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Invalidation {
    pub id: String,
    pub deleted: u64,
}

/// Settings a caller may change (`configure`).
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// How long the in-process catalogue of active postings is used before the postings are
    /// listed again (see [`catalogue`]).
    pub catalogue_refresh: Duration,
    /// How old the database's catalogue snapshot may grow before a listing writes a new one.
    pub catalogue_snapshot_every: Duration,
    /// The name of a MongoDB Atlas Vector Search index over `jobpostingembeddings.matchVector`:
    /// when set, candidates come from `$vectorSearch` instead of the in-process catalogue.
    pub vector_search_index: Option<String>,
    /// How much of one document the model embeds.
    pub limits: Limits,
    /// The formula of `match_percentage` (`configure({ matching })`).
    pub matching: MatchModel,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            catalogue_refresh: catalogue::DEFAULT_REFRESH,
            catalogue_snapshot_every: catalogue::DEFAULT_SNAPSHOT_EVERY,
            vector_search_index: None,
            limits: Limits::default(),
            matching: MatchModel::default(),
        }
    }
}
