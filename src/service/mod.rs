//! One function per seed command: parse ids → fresh cached result? → fetch (store) → embed
//! (engine, through the text-vector cache) → score / match (domain) → write caches (store) →
//! result in the seed's shape. Caches are written only after everything was computed, so a
//! failure leaves them as they were.

mod analytics;
pub mod catalogue;
mod commands;
mod extended;
pub mod registry;
mod skills_in_text;
pub mod vectors;

pub use analytics::{
    cluster_count, cluster_id, cluster_seed, similar_limit, ClusterRequest, GapTarget, JobClusters,
    MarketInsights, SimilarJob, SkillGapResult,
};
pub use catalogue::CatalogueStats;
pub use commands::run;
pub use skills_in_text::{ExtractOptions, ExtractedSkill, Extraction};

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::domain::constants::{
    CF_BLEND_WEIGHT, CF_CANDIDATES_PER_RESULT, DEFAULT_RESULT_LIMIT, EXTENDED_MAX_POOL,
    EXTENDED_MIN_POOL, EXTENDED_POOL_PER_RESULT, MAX_RESULT_LIMIT,
};
use crate::domain::demand::rank_skill_demand;
use crate::domain::experience::{total_experience_years, ExperienceSummary, SkippedPeriod};
use crate::domain::factors::collaborative::CoApplied;
use crate::domain::factors::{extended_match, Factor, Factors, MatchModel, Preferences, Role};
use crate::domain::limits::{Limits, Truncation};
use crate::domain::matching::{
    compare, cosine, match_percentage, match_skills, mean_vector, recommendation_level,
    MatchResult, SectionSimilarities,
};
use crate::domain::scoring::{score_resume, ResumeScore};
use crate::domain::sections::{posting_sections, resume_document, resume_sections, SectionTexts};
use crate::domain::skill_gap::Coverage;
use crate::engine::EngineHandle;
use crate::error::{Error, Result};
use crate::store::{
    cache_written_at, fresh_since, is_active_status, parse_object_id, Cache, CacheKey, IdKind,
    JobRecord, ObjectId, ResumeFields, ResumeRecord, SkillSource, Store, MATCH_VECTOR,
};
use catalogue::Board;
use vectors::{TextVectors, Vector};

pub use crate::domain::sections::section;

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
    fn reads_comparisons(&self) -> bool {
        !self.force && self.preferences.is_none()
    }
}

/// Field of every cached result naming the per-document limits it was computed under.
const LIMITS_FIELD: &str = "limits";

/// Postings handled between two progress reports / abort checks of a long call: small enough
/// to report often and stop soon, large enough to keep model batches full.
const JOBS_PER_STEP: usize = 32;

/// Progress reporting and cancellation for long calls (`batch_compare`, `recommendations`,
/// `backfill_job_embeddings`). Work stops between steps; every step writes only complete
/// cache entries, so an aborted call leaves the caches consistent.
#[derive(Clone, Default)]
pub struct Control {
    cancelled: Option<Arc<AtomicBool>>,
    progress: Option<Arc<dyn Fn(Progress) + Send + Sync>>,
    /// Whatever the caller ties to the call's lifetime (the binding's abort listener, removed
    /// when this is dropped): released when the last clone of the control is.
    _held: Option<Arc<dyn Send + Sync>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Progress {
    pub done: usize,
    pub total: usize,
}

impl Control {
    pub fn new(
        cancelled: Option<Arc<AtomicBool>>,
        progress: Option<Arc<dyn Fn(Progress) + Send + Sync>>,
    ) -> Self {
        Self {
            cancelled,
            progress,
            _held: None,
        }
    }

    /// The same control, keeping `held` alive until the call ends.
    pub fn holding(self, held: Arc<dyn Send + Sync>) -> Self {
        Self {
            _held: Some(held),
            ..self
        }
    }

    fn check(&self) -> Result<()> {
        match &self.cancelled {
            Some(flag) if flag.load(Ordering::Relaxed) => Err(Error::Aborted),
            _ => Ok(()),
        }
    }

    /// Whether the call was aborted, as a check that can move to a blocking thread.
    fn stop_check(&self) -> impl Fn() -> bool + Send + 'static {
        let cancelled = self.cancelled.clone();
        move || {
            cancelled
                .as_ref()
                .is_some_and(|f| f.load(Ordering::Relaxed))
        }
    }

    fn report(&self, done: usize, total: usize) {
        if let Some(progress) = &self.progress {
            progress(Progress { done, total });
        }
        #[cfg(feature = "test-hooks")]
        crate::testing::after_report(self.cancelled.as_deref(), done, total);
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
            vector_search_index: None,
            limits: Limits::default(),
            matching: MatchModel::default(),
        }
    }
}

/// `$vectorSearch` examines this many candidates per result asked for (Atlas advises 10–20).
const VECTOR_SEARCH_CANDIDATES_PER_RESULT: usize = 10;
/// Atlas's ceiling on `numCandidates`.
const VECTOR_SEARCH_MAX_CANDIDATES: usize = 10_000;

pub struct Service {
    store: Store,
    engine: EngineHandle,
    vectors: TextVectors,
    settings: Settings,
    catalogue: tokio::sync::Mutex<Board>,
    /// The taxonomy's concept-name vectors, embedded on the first `extractSkills`.
    concepts: tokio::sync::OnceCell<Arc<Vec<Vector>>>,
}

impl Service {
    pub fn new(store: Store, engine: EngineHandle, settings: Settings) -> Self {
        Self {
            store,
            engine,
            vectors: TextVectors::default(),
            settings,
            catalogue: tokio::sync::Mutex::new(Board::default()),
            concepts: tokio::sync::OnceCell::new(),
        }
    }

    /// What the catalogue of active postings holds now.
    pub async fn catalogue_stats(&self) -> CatalogueStats {
        self.catalogue.lock().await.stats()
    }

    pub async fn score_resume(&self, resume_id: &str, opts: Options) -> Result<ScoreResult> {
        let id = parse_object_id(IdKind::Resume, resume_id)?;
        let key = CacheKey::Resume(id);
        if let Some(hit) = self.cached(Cache::ResumeScores, &key, &opts).await? {
            return Ok(hit);
        }
        let resume = self.store.resume(&id, ResumeFields::Scoring).await?;
        let postings = self.store.active_posting_skills().await?;
        let demand = rank_skill_demand(&postings, &resume.profile.skills);
        let in_demand: Vec<String> = demand.into_iter().map(|(name, _)| name).collect();
        let score = score_resume(&resume.profile, &experience(&resume), &in_demand);
        let result = ScoreResult {
            resume_id: id.to_hex(),
            score,
        };
        self.put(Cache::ResumeScores, &key, &result).await?;
        Ok(result)
    }

    pub async fn resume_embeddings(
        &self,
        resume_id: &str,
        opts: Options,
    ) -> Result<ResumeEmbeddings> {
        let id = parse_object_id(IdKind::Resume, resume_id)?;
        self.resume_means(id, &opts).await
    }

    /// The resume's section means: cached, or computed and cached.
    async fn resume_means(&self, id: ObjectId, opts: &Options) -> Result<ResumeEmbeddings> {
        let key = CacheKey::Resume(id);
        if let Some(hit) = self.cached(Cache::ResumeEmbeddings, &key, opts).await? {
            return Ok(hit);
        }
        let resume = self.matching_resume(&id).await?;
        let sections = resume_sections(&resume.profile);
        let vectors = self
            .vectors(sections.iter().flat_map(|(_, texts)| texts))
            .await?;
        let result = resume_embeddings(&resume, &sections, &vectors);
        self.put(Cache::ResumeEmbeddings, &key, &result).await?;
        Ok(result)
    }

    pub async fn job_embeddings(&self, job_id: &str, opts: Options) -> Result<JobEmbeddings> {
        let id = parse_object_id(IdKind::Job, job_id)?;
        let job = match self
            .cached::<JobEmbeddings>(Cache::JobEmbeddings, &CacheKey::Job(id), &opts)
            .await?
        {
            Some(hit) => return Ok(hit),
            None => self.job(&id).await?,
        };
        let mut computed = self
            .job_embeddings_for(std::slice::from_ref(&job), &Options::FORCE)
            .await?;
        computed
            .remove(&id)
            .ok_or_else(|| Error::Internal(format!("no embeddings computed for job {id}")))
    }

    pub async fn compare_resume_job(
        &self,
        resume_id: &str,
        job_id: &str,
        opts: Options,
    ) -> Result<Comparison> {
        let resume = parse_object_id(IdKind::Resume, resume_id)?;
        let job = parse_object_id(IdKind::Job, job_id)?;
        let mut results = self
            .comparisons(
                resume,
                &[job],
                MissingJobs::Fail,
                &opts,
                &Control::default(),
            )
            .await?;
        Ok(results.remove(0))
    }

    /// Comparisons with each existing posting of `job_ids` (unknown ids are skipped), best first.
    pub async fn batch_compare(
        &self,
        resume_id: &str,
        job_ids: &[String],
        limit: usize,
        opts: Options,
        control: &Control,
    ) -> Result<Vec<Comparison>> {
        let resume = parse_object_id(IdKind::Resume, resume_id)?;
        let jobs = job_ids
            .iter()
            .map(|j| parse_object_id(IdKind::Job, j))
            .collect::<Result<Vec<_>>>()?;
        control.check()?;
        let means = self.resume_means(resume, &opts).await?.mean_embeddings;
        let pool = self.pool_size(limit, &opts);
        let mut results = self
            .best_comparisons(resume, &means, &jobs, pool, &opts, control)
            .await?;
        self.keep_role(&mut results, &opts);
        results.truncate(limit);
        Ok(results)
    }

    /// How many of the seed's best a call compares in full to return `limit`: more under
    /// extended matching or a role filter, which re-rank or drop some of them.
    fn pool_size(&self, limit: usize, opts: &Options) -> usize {
        if self.settings.matching == MatchModel::Extended || opts.role.is_some() {
            (limit * EXTENDED_POOL_PER_RESULT)
                .max(EXTENDED_MIN_POOL)
                .min(limit.max(EXTENDED_MAX_POOL))
        } else {
            limit
        }
    }

    /// Drops the postings not told to be of the role the caller asked for.
    fn keep_role(&self, results: &mut Vec<Comparison>, opts: &Options) {
        if let Some(role) = opts.role {
            results.retain(|c| {
                c.factors
                    .job_role
                    .as_ref()
                    .is_some_and(|g| g.role == role.name())
            });
        }
    }

    /// Active postings the user has not applied to, ranked by match with the resume: the
    /// catalogue (or a vector-search index) names the few postings that can be among the
    /// best `limit`, and only those are compared in full.
    pub async fn recommendations(
        &self,
        user_id: &str,
        resume_id: &str,
        limit: usize,
        opts: Options,
        control: &Control,
    ) -> Result<Vec<Comparison>> {
        let (resume, applied) = self.recommendation_inputs(user_id, resume_id).await?;
        control.check()?;
        let means = self.resume_means(resume, &opts).await?.mean_embeddings;
        let extended = self.settings.matching == MatchModel::Extended;
        let pool = self.pool_size(limit, &opts);
        let mut candidates = match &self.settings.vector_search_index {
            Some(index) => {
                self.vector_search_candidates(index, &means, &applied, pool)
                    .await?
            }
            None => {
                self.catalogue_candidates(&means, &applied, pool, control)
                    .await?
            }
        };
        let co_applied = if extended {
            extended::co_applied_postings(&self.store, user_id, &applied).await?
        } else {
            Vec::new()
        };
        // Co-applied postings join the candidates when they are still open.
        let suggested: Vec<ObjectId> = co_applied
            .iter()
            .take(limit * CF_CANDIDATES_PER_RESULT)
            .map(|c| c.job)
            .filter(|id| !applied.contains(id) && !candidates.contains(id))
            .collect();
        let open: Vec<ObjectId> = self
            .jobs(&suggested)
            .await?
            .into_iter()
            .filter(|job| is_active_status(&job.status))
            .map(|job| job.id)
            .collect();
        candidates.extend(&open);
        let mut results = self
            .best_comparisons(
                resume,
                &means,
                &candidates,
                // The seed ranks co-applied postings low; they stay in for the blend.
                pool + open.len(),
                &opts,
                &Control::default(),
            )
            .await?;
        if !co_applied.is_empty() {
            let signal: HashMap<String, &CoApplied<ObjectId>> =
                co_applied.iter().map(|c| (c.job.to_hex(), c)).collect();
            for result in &mut results {
                result.collaborative = signal.get(&result.job_id).map(|c| Collaborative {
                    score: c.score,
                    co_applicants: c.co_applicants,
                });
            }
            // Stable: equal blends keep the match order.
            let blended = |c: &Comparison| {
                let cf = c.collaborative.as_ref().map_or(0.0, |c| c.score);
                (1.0 - CF_BLEND_WEIGHT) * c.result.match_percentage + CF_BLEND_WEIGHT * cf
            };
            results.sort_by(|a, b| blended(b).total_cmp(&blended(a)));
        }
        self.keep_role(&mut results, &opts);
        results.truncate(limit);
        Ok(results)
    }

    async fn recommendation_inputs(
        &self,
        user_id: &str,
        resume_id: &str,
    ) -> Result<(ObjectId, HashSet<ObjectId>)> {
        if user_id.trim().is_empty() {
            return Err(Error::InvalidId("Invalid user id: (empty)".into()));
        }
        let resume = parse_object_id(IdKind::Resume, resume_id)?;
        let applied = self.store.applied_job_ids(user_id).await?;
        Ok((resume, applied.into_iter().collect()))
    }

    /// Candidates from the in-process catalogue, refreshed when due; active postings without
    /// embeddings are embedded first, in steps that report progress and can be aborted.
    async fn catalogue_candidates(
        &self,
        resume: &Sections,
        exclude: &HashSet<ObjectId>,
        limit: usize,
        control: &Control,
    ) -> Result<Vec<ObjectId>> {
        self.refresh_catalogue().await?;
        let (ranked, unembedded) = {
            let board = self.catalogue.lock().await;
            (board.len(), board.unembedded())
        };
        let total = ranked + unembedded.len();
        self.embed_into_catalogue(&unembedded, ranked, total, control)
            .await?;
        control.check()?;
        Ok(self
            .catalogue
            .lock()
            .await
            .candidates(resume, exclude, limit))
    }

    /// Lists the active postings again, and reads the embeddings written since, when the
    /// catalogue is due; drops embeddings past their TTL.
    async fn refresh_catalogue(&self) -> Result<()> {
        let mut board = self.catalogue.lock().await;
        if board.due(self.settings.catalogue_refresh) {
            let since = board.changes_since();
            let (active, changed) = tokio::try_join!(
                self.store.active_job_ids_matching(bson::Document::new()),
                self.store.job_vectors(
                    &catalogue::MATCH_SECTIONS,
                    since,
                    Cache::JobEmbeddings.ttl()
                )
            )?;
            board.apply_listing(&active, changed);
        }
        board.expire(fresh_since(Cache::JobEmbeddings.ttl()));
        Ok(())
    }

    /// Embeds the postings `ids` (the catalogue learns each active one; one deleted since is
    /// dropped) in steps of [`JOBS_PER_STEP`], reporting progress from `done` of `total`.
    async fn embed_into_catalogue(
        &self,
        ids: &[ObjectId],
        mut done: usize,
        total: usize,
        control: &Control,
    ) -> Result<()> {
        control.report(done, total);
        for step in ids.chunks(JOBS_PER_STEP) {
            control.check()?;
            let jobs = self.jobs(step).await?;
            if jobs.len() < step.len() {
                // Deleted since the listing.
                let mut board = self.catalogue.lock().await;
                for id in step.iter().filter(|id| !jobs.iter().any(|j| j.id == **id)) {
                    board.remove(id);
                }
            }
            self.job_embeddings_for(&jobs, &Options::default()).await?;
            done += step.len();
            control.report(done, total);
        }
        Ok(())
    }

    /// Candidates from a MongoDB Atlas Vector Search index (approximate: re-scored exactly
    /// by the caller, but a posting the index misses is missed).
    async fn vector_search_candidates(
        &self,
        index: &str,
        resume: &Sections,
        exclude: &HashSet<ObjectId>,
        limit: usize,
    ) -> Result<Vec<ObjectId>> {
        let Some(query) = catalogue::match_query(resume) else {
            return Ok(Vec::new());
        };
        let num_candidates =
            (limit * VECTOR_SEARCH_CANDIDATES_PER_RESULT).min(VECTOR_SEARCH_MAX_CANDIDATES);
        let wanted = (2 * limit + exclude.len()).min(num_candidates);
        let mut found = self
            .store
            .vector_search(index, &query, num_candidates, wanted)
            .await?;
        found.retain(|id| !exclude.contains(id));
        found.sort_unstable();
        Ok(found)
    }

    /// The best `limit` of the existing postings among `job_ids`, compared in full, best
    /// first (ties in the order of `job_ids`). Postings are ranked by their exact match
    /// percentage from their cached skills and title means (only those two sections are read;
    /// postings that lack them are embedded in steps that report progress and can be
    /// aborted); only the winners get the full comparison, so a call writes `limit`
    /// comparisons, not one per posting.
    async fn best_comparisons(
        &self,
        resume: ObjectId,
        resume_means: &Sections,
        job_ids: &[ObjectId],
        limit: usize,
        opts: &Options,
        control: &Control,
    ) -> Result<Vec<Comparison>> {
        let mut seen = HashSet::new();
        let order: Vec<ObjectId> = job_ids
            .iter()
            .filter(|id| seen.insert(**id))
            .copied()
            .collect();
        let mut means: HashMap<ObjectId, Sections> = HashMap::new();
        if !opts.force {
            let ttl = Cache::JobEmbeddings.ttl();
            for (id, found) in self
                .store
                .job_vectors_of(&order, &catalogue::MATCH_SECTIONS, ttl)
                .await?
            {
                let sections = catalogue::MATCH_SECTIONS
                    .iter()
                    .zip(found.sections)
                    .filter_map(|(name, v)| Some((name.to_string(), v?)))
                    .collect();
                means.insert(id, sections);
            }
        }
        let missing: Vec<ObjectId> = order
            .iter()
            .filter(|id| !means.contains_key(id))
            .copied()
            .collect();
        let total = order.len();
        let mut done = total - missing.len();
        control.report(done, total);
        for step in missing.chunks(JOBS_PER_STEP) {
            control.check()?;
            // Unknown ids are simply absent: they are skipped.
            let jobs = self.jobs(step).await?;
            for (id, computed) in self.job_embeddings_for(&jobs, opts).await? {
                means.insert(id, computed.mean_embeddings);
            }
            done += step.len();
            control.report(done, total);
        }
        let mut ranked: Vec<(f64, usize, ObjectId)> = order
            .iter()
            .enumerate()
            .filter_map(|(position, id)| {
                let job = means.get(id)?;
                let similarities = section_similarities(resume_means, job);
                Some((match_percentage(&similarities), position, *id))
            })
            .collect();
        ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        // Full comparisons, best first, until `limit` postings that still exist are compared
        // (a posting deleted after its embeddings were cached is skipped).
        let position: HashMap<String, usize> = ranked
            .iter()
            .map(|(_, position, id)| (id.to_hex(), *position))
            .collect();
        let mut results: Vec<Comparison> = Vec::with_capacity(limit);
        let mut next = ranked.iter();
        while results.len() < limit {
            let mut batch: Vec<(usize, ObjectId)> = next
                .by_ref()
                .take(limit - results.len())
                .map(|(_, position, id)| (*position, *id))
                .collect();
            if batch.is_empty() {
                break;
            }
            batch.sort_unstable();
            let ids: Vec<ObjectId> = batch.into_iter().map(|(_, id)| id).collect();
            results.extend(
                self.comparisons(resume, &ids, MissingJobs::Skip, opts, &Control::default())
                    .await?,
            );
        }
        results.sort_by(|a, b| {
            b.result
                .match_percentage
                .total_cmp(&a.result.match_percentage)
                .then(position[&a.job_id].cmp(&position[&b.job_id]))
        });
        Ok(results)
    }

    /// Embeds every posting matching `filter` (all postings when empty) that lacks fresh
    /// cached embeddings, in steps of [`JOBS_PER_STEP`].
    pub async fn backfill_job_embeddings(
        &self,
        filter: bson::Document,
        opts: Options,
        control: &Control,
    ) -> Result<Backfill> {
        control.check()?;
        let jobs = self.jobs_matching(filter).await?;
        let ids: Vec<ObjectId> = jobs.iter().map(|j| j.id).collect();
        let fresh = if opts.force {
            HashMap::new()
        } else {
            let mut cached = self
                .store
                .cached_job_embeddings(&ids, Cache::JobEmbeddings.ttl())
                .await?;
            cached.retain(|_, doc| self.under_current_limits(doc));
            cached
        };
        // Extended matching also reads each posting's description (the experience factor):
        // embedded here, once, rather than by the first recommendations that rank the posting.
        // And its document windows (the document factor).
        let descriptions: Vec<String> = if self.settings.matching == MatchModel::Extended {
            jobs.iter()
                .flat_map(|j| {
                    let description =
                        extended::description_text(j, self.settings.limits.text_chars);
                    std::iter::once(description).chain(extended::posting_windows(j))
                })
                .filter(|d| !d.is_empty())
                .collect()
        } else {
            Vec::new()
        };
        let todo: Vec<JobRecord> = jobs
            .into_iter()
            .filter(|j| !fresh.contains_key(&j.id))
            .collect();
        let (total, mut done) = (ids.len(), fresh.len());
        control.report(done, total);
        for step in todo.chunks(JOBS_PER_STEP) {
            control.check()?;
            self.job_embeddings_for(step, &Options::FORCE).await?;
            done += step.len();
            control.report(done, total);
        }
        for step in descriptions.chunks(JOBS_PER_STEP) {
            control.check()?;
            self.vectors(step).await?;
        }
        Ok(Backfill {
            total,
            embedded: todo.len(),
            fresh: fresh.len(),
        })
    }

    pub async fn invalidate_resume(&self, resume_id: &str) -> Result<Invalidation> {
        let id = parse_object_id(IdKind::Resume, resume_id)?;
        Ok(Invalidation {
            id: id.to_hex(),
            deleted: self.store.invalidate_resume(&id).await?,
        })
    }

    pub async fn invalidate_job(&self, job_id: &str) -> Result<Invalidation> {
        let id = parse_object_id(IdKind::Job, job_id)?;
        let deleted = self.store.invalidate_job(&id).await?;
        // The catalogue follows at once: a closed or deleted posting leaves it, an open one
        // is embedded again by the next call.
        let posting = self.jobs(&[id]).await?;
        let mut board = self.catalogue.lock().await;
        match posting.first() {
            Some(job) if is_active_status(&job.status) => board.mark_unembedded(id),
            _ => board.remove(&id),
        }
        Ok(Invalidation {
            id: id.to_hex(),
            deleted,
        })
    }

    /// The shared path of every comparison: fresh cached comparisons as they are; for the rest,
    /// one fetch of the resume and the postings, one text-vector lookup for everything still
    /// needed, then the section means and the comparisons, written back to their caches.
    async fn comparisons(
        &self,
        resume_id: ObjectId,
        job_ids: &[ObjectId],
        missing: MissingJobs,
        opts: &Options,
        control: &Control,
    ) -> Result<Vec<Comparison>> {
        let mut done: HashMap<ObjectId, Comparison> = HashMap::new();
        if opts.reads_comparisons() {
            for (job, doc) in self
                .store
                .cached_comparisons(&resume_id, job_ids, Cache::Comparisons.ttl())
                .await?
            {
                if let Some(comparison) = self.decode::<Comparison>(doc) {
                    if comparison.match_model == self.settings.matching {
                        done.insert(job, comparison);
                    }
                }
            }
        }
        let todo: Vec<ObjectId> = job_ids
            .iter()
            .filter(|j| !done.contains_key(j))
            .copied()
            .collect();
        let total = job_ids.len();
        control.report(total - todo.len(), total);
        if !todo.is_empty() {
            let (resume, jobs) =
                tokio::try_join!(self.matching_resume(&resume_id), self.jobs(&todo))?;
            if missing == MissingJobs::Fail && jobs.len() < todo.len() {
                let absent = todo
                    .iter()
                    .find(|id| !jobs.iter().any(|j| j.id == **id))
                    .unwrap();
                return Err(Error::JobNotFound(absent.to_hex()));
            }
            let mut reported = total - todo.len() + (todo.len() - jobs.len());
            for step in jobs.chunks(JOBS_PER_STEP) {
                control.check()?;
                for (job, comparison) in step
                    .iter()
                    .zip(self.compute_comparisons(&resume, step, opts).await?)
                {
                    done.insert(job.id, comparison);
                }
                reported += step.len();
                control.report(reported, total);
            }
        }
        Ok(job_ids.iter().filter_map(|j| done.remove(j)).collect())
    }

    /// Comparisons of one resume with `jobs`, in order: one text-vector lookup for everything
    /// still needed, then section means and matches, written back to their caches.
    async fn compute_comparisons(
        &self,
        resume: &ResumeRecord,
        jobs: &[JobRecord],
        opts: &Options,
    ) -> Result<Vec<Comparison>> {
        let resume_key = CacheKey::Resume(resume.id);
        let cached_resume: Option<ResumeEmbeddings> = self
            .cached(Cache::ResumeEmbeddings, &resume_key, opts)
            .await?;
        let resume_sections = resume_sections(&resume.profile);
        // Every skill name is matched one by one, so its vector is needed whatever is cached.
        let mut texts: Vec<&String> = resume
            .profile
            .skills
            .iter()
            .chain(jobs.iter().flat_map(|j| &j.skills))
            .collect();
        if cached_resume.is_none() {
            texts.extend(resume_sections.iter().flat_map(|(_, t)| t));
        }
        // The factors' texts: role prototypes, work entries one by one, descriptions.
        let prototypes = extended::role_prototype_texts();
        let work_texts = extended::work_texts(resume);
        let descriptions: Vec<String> = jobs
            .iter()
            .map(|j| extended::description_text(j, self.settings.limits.text_chars))
            .collect();
        let resume_windows = resume_document(&resume.profile);
        let job_windows: Vec<Vec<String>> = jobs.iter().map(extended::posting_windows).collect();
        texts.extend(prototypes.iter());
        // The experience factor embeds each posting's description, a long text the seed never
        // embeds (~80 ms each on 2 cores): only extended matching, which uses it, pays for it.
        let extended = self.settings.matching == MatchModel::Extended;
        if extended {
            texts.extend(work_texts.iter().filter(|t| !t.is_empty()));
            texts.extend(descriptions.iter().filter(|d| !d.is_empty()));
            texts.extend(resume_windows.iter().chain(job_windows.iter().flatten()));
        }
        // The postings' embeddings first: they embed the postings' skill names, which the
        // lookup below then finds in memory (run side by side, both would miss on the same
        // new names and the model would embed them twice).
        let job_embeddings = self.job_embeddings_for(jobs, opts).await?;
        let vectors = self.vectors(texts).await?;

        let resume_embeddings = match cached_resume {
            Some(hit) => hit,
            None => {
                let computed = resume_embeddings(resume, &resume_sections, &vectors);
                self.put(Cache::ResumeEmbeddings, &resume_key, &computed)
                    .await?;
                computed
            }
        };
        let resume_skills: Vec<(&str, &[f32])> = resume
            .profile
            .skills
            .iter()
            .map(|s| (s.as_str(), vector_of(&vectors, s)))
            .collect();
        let prototype_vectors: Vec<&[f32]> =
            prototypes.iter().map(|t| vector_of(&vectors, t)).collect();
        let now = chrono::Utc::now();
        let preferences = opts.preferences.as_deref().cloned().unwrap_or_default();
        // The document factor's vectors: extended matching only, like the descriptions.
        let document_vector = |windows: &[String]| {
            if extended {
                extended::document_vector(windows, &vectors)
            } else {
                Vec::new()
            }
        };
        let resume_document_vector = document_vector(&resume_windows);
        let resume_facts = extended::resume_facts(
            resume,
            &resume_skills,
            &resume_embeddings,
            work_texts
                .iter()
                .map(|t| {
                    if extended && !t.is_empty() {
                        vector_of(&vectors, t)
                    } else {
                        &[]
                    }
                })
                .collect(),
            &prototype_vectors,
            &resume_document_vector,
            now,
        );
        let mut results = Vec::with_capacity(jobs.len());
        let mut writes = Vec::with_capacity(jobs.len());
        for ((job, description), windows) in jobs.iter().zip(&descriptions).zip(&job_windows) {
            let job_document_vector = document_vector(windows);
            let job_skills: Vec<(&str, &[f32])> = job
                .skills
                .iter()
                .map(|s| (s.as_str(), vector_of(&vectors, s)))
                .collect();
            let job_means = &job_embeddings[&job.id].mean_embeddings;
            let similarities = section_similarities(&resume_embeddings.mean_embeddings, job_means);
            let posting_facts = extended::posting_facts(
                job,
                job_skills.clone(),
                job_means,
                if extended {
                    vector_of(&vectors, description)
                } else {
                    &[]
                },
                &prototype_vectors,
                &job_document_vector,
            );
            let mut factors =
                crate::domain::factors::assess(&resume_facts, &posting_facts, &preferences, now);
            if !extended {
                factors.experience = Factor::not_computed();
                factors.document = Factor::not_computed();
            }
            // Seed mode keeps the seed's skill lists for documents that list skills; extended
            // matching, and skills read from text, also know concepts.
            let from_text =
                resume.skill_source == SkillSource::Text || job.skill_source == SkillSource::Text;
            let coverage = if extended || from_text {
                Coverage::Concepts
            } else {
                Coverage::Names
            };
            let mut result = compare(
                &similarities,
                match_skills(&resume_skills, &job_skills, coverage),
            );
            if extended {
                result.match_percentage = extended_match(result.match_percentage, &factors);
                result.recommendation_level =
                    recommendation_level(result.match_percentage).to_string();
            }
            let comparison = Comparison {
                resume_id: resume.id.to_hex(),
                job_id: job.id.to_hex(),
                job_title: job.title.clone(),
                company: job.company.clone(),
                result,
                truncated: prefixed("resume", &resume.truncated)
                    .chain(prefixed("job", &job.truncated))
                    .collect(),
                match_model: self.settings.matching,
                skills_source: SkillsSource {
                    resume: resume.skill_source,
                    job: job.skill_source,
                },
                factors,
                collaborative: None,
            };
            let key = CacheKey::Pair {
                resume: resume.id,
                job: job.id,
            };
            if opts.preferences.is_none() {
                writes.push((key, self.body(&comparison)?));
            }
            results.push(comparison);
        }
        self.store
            .put_cached_many(Cache::Comparisons, writes)
            .await?;
        Ok(results)
    }

    /// Section embeddings of each posting: fresh cached ones as they are (one query), the rest
    /// computed with one text-vector lookup and written to `jobpostingembeddings`.
    async fn job_embeddings_for(
        &self,
        jobs: &[JobRecord],
        opts: &Options,
    ) -> Result<HashMap<ObjectId, JobEmbeddings>> {
        let ids: Vec<ObjectId> = jobs.iter().map(|j| j.id).collect();
        let mut found: HashMap<ObjectId, JobEmbeddings> = HashMap::new();
        let mut written: HashMap<ObjectId, bson::DateTime> = HashMap::new();
        if !opts.force {
            for (id, doc) in self
                .store
                .cached_job_embeddings(&ids, Cache::JobEmbeddings.ttl())
                .await?
            {
                let written_at = cache_written_at(&doc);
                if let Some(embeddings) = self.decode(doc) {
                    written.insert(id, written_at);
                    found.insert(id, embeddings);
                }
            }
        }
        let missing: Vec<(&JobRecord, SectionTexts)> = jobs
            .iter()
            .filter(|j| !found.contains_key(&j.id))
            .map(|j| {
                let texts = posting_sections(
                    &j.title,
                    &j.skills,
                    &j.requirements,
                    &j.experience_level,
                    &j.location,
                );
                (j, texts)
            })
            .collect();
        let texts: Vec<&String> = missing
            .iter()
            .flat_map(|(_, sections)| sections.iter().flat_map(|(_, t)| t))
            .collect();
        let vectors = self.vectors(texts).await?;
        let mut writes = Vec::with_capacity(missing.len());
        for (job, sections) in &missing {
            let embeddings = JobEmbeddings {
                job_id: job.id.to_hex(),
                mean_embeddings: mean_sections(sections, &vectors),
                truncated: job.truncated.clone(),
            };
            let mut body = self.body(&embeddings)?;
            // For a vector-search index (see `catalogue::match_vector`), filtered by status.
            if let Some(vector) = catalogue::match_vector(&embeddings.mean_embeddings) {
                body.insert(MATCH_VECTOR, vector);
            }
            body.insert("status", job.status.as_str());
            writes.push((CacheKey::Job(job.id), body));
            found.insert(job.id, embeddings);
        }
        self.store
            .put_cached_many(Cache::JobEmbeddings, writes)
            .await?;
        let now = bson::DateTime::now();
        // The catalogue learns whatever was read or computed here.
        let mut board = self.catalogue.lock().await;
        for job in jobs {
            let Some(embeddings) = found.get(&job.id) else {
                continue;
            };
            if is_active_status(&job.status) {
                let means = &embeddings.mean_embeddings;
                board.put(
                    job.id,
                    means.get(section::SKILLS).map(Vec::as_slice),
                    means.get(section::JOB_TITLE).map(Vec::as_slice),
                    written.get(&job.id).copied().unwrap_or(now),
                );
            } else {
                board.remove(&job.id);
            }
        }
        Ok(found)
    }

    /// A resume as matching reads it: cut to the per-document limits.
    async fn matching_resume(&self, id: &ObjectId) -> Result<ResumeRecord> {
        let mut resume = self.store.resume(id, ResumeFields::Matching).await?;
        resume.truncated = self.settings.limits.bound_profile(&mut resume.profile);
        Ok(resume)
    }

    async fn job(&self, id: &ObjectId) -> Result<JobRecord> {
        Ok(self.bounded(vec![self.store.job(id).await?]).remove(0))
    }

    async fn jobs(&self, ids: &[ObjectId]) -> Result<Vec<JobRecord>> {
        Ok(self.bounded(self.store.jobs(ids).await?))
    }

    async fn jobs_matching(&self, filter: bson::Document) -> Result<Vec<JobRecord>> {
        Ok(self.bounded(self.store.jobs_matching(filter).await?))
    }

    /// Postings cut to the per-document limits.
    fn bounded(&self, mut jobs: Vec<JobRecord>) -> Vec<JobRecord> {
        for job in &mut jobs {
            job.truncated = self.settings.limits.bound_posting(
                &mut job.skills,
                &mut job.requirements,
                [&mut job.title, &mut job.experience_level, &mut job.location],
            );
        }
        jobs
    }

    async fn vectors<'a>(
        &self,
        texts: impl IntoIterator<Item = &'a String>,
    ) -> Result<HashMap<String, Vector>> {
        let texts: Vec<&str> = texts.into_iter().map(String::as_str).collect();
        self.vectors.get(&self.store, &self.engine, &texts).await
    }

    async fn cached<T: DeserializeOwned>(
        &self,
        cache: Cache,
        key: &CacheKey,
        opts: &Options,
    ) -> Result<Option<T>> {
        if opts.force {
            return Ok(None);
        }
        Ok(self
            .store
            .cached(cache, key, cache.ttl())
            .await?
            .and_then(|doc| self.decode(doc)))
    }

    async fn put<T: Serialize>(&self, cache: Cache, key: &CacheKey, value: &T) -> Result<()> {
        self.store.put_cached(cache, key, self.body(value)?).await
    }

    /// A cache body: the value plus the per-document limits it was computed under.
    fn body<T: Serialize>(&self, value: &T) -> Result<bson::Document> {
        let mut body = bson::to_document(value)
            .map_err(|e| Error::Internal(format!("encoding a cache entry: {e}")))?;
        body.insert(LIMITS_FIELD, self.settings.limits.fingerprint());
        Ok(body)
    }

    /// A cached value, if it was computed under the current limits and decodes. Anything
    /// else (other limits, another version's entry, a document edited by hand) is a miss:
    /// recomputed and overwritten, never an error for the caller.
    fn decode<T: DeserializeOwned>(&self, doc: bson::Document) -> Option<T> {
        if !self.under_current_limits(&doc) {
            return None;
        }
        bson::from_document(doc).ok()
    }

    fn under_current_limits(&self, doc: &bson::Document) -> bool {
        doc.get_str(LIMITS_FIELD).ok() == Some(self.settings.limits.fingerprint().as_str())
    }
}

/// Validates a caller's result limit: a whole number from 1 to [`MAX_RESULT_LIMIT`].
pub fn result_limit(raw: Option<f64>) -> Result<usize> {
    match raw {
        None => Ok(DEFAULT_RESULT_LIMIT),
        Some(n) if n.fract() == 0.0 && (1.0..=MAX_RESULT_LIMIT as f64).contains(&n) => {
            Ok(n as usize)
        }
        Some(n) => Err(Error::InvalidArgument(format!(
            "limit must be a whole number from 1 to {MAX_RESULT_LIMIT}, got {n}"
        ))),
    }
}

#[derive(PartialEq, Eq, Clone, Copy)]
enum MissingJobs {
    Fail,
    Skip,
}

/// The vector of a text the lookup was asked for; empty (compared by name only) otherwise.
fn vector_of<'a>(vectors: &'a HashMap<String, Vector>, text: &str) -> &'a [f32] {
    vectors.get(text).map_or(&[], |v| v)
}

fn similarity(a: Option<&Vec<f32>>, b: Option<&Vec<f32>>) -> Option<f32> {
    Some(cosine(a?, b?))
}

/// The seed's three section comparisons of a resume with a posting.
fn section_similarities(resume: &Sections, job: &Sections) -> SectionSimilarities {
    SectionSimilarities {
        skills: similarity(resume.get(section::SKILLS), job.get(section::SKILLS)),
        experience: similarity(
            resume.get(section::WORK_EXPERIENCE),
            job.get(section::JOB_TITLE),
        ),
        requirements: similarity(
            resume.get(section::CERTIFICATIONS),
            job.get(section::REQUIREMENTS),
        ),
    }
}

/// `truncated` entries named `<side>.<field>`.
fn prefixed<'a>(
    side: &'a str,
    truncated: &'a Truncation,
) -> impl Iterator<Item = (String, crate::domain::limits::Cut)> + 'a {
    truncated
        .iter()
        .map(move |(field, cut)| (format!("{side}.{field}"), *cut))
}

fn mean_sections(sections: &SectionTexts, vectors: &HashMap<String, Vector>) -> Sections {
    sections
        .iter()
        .filter_map(|(name, texts)| {
            let members: Vec<&[f32]> = texts
                .iter()
                .map(|t| vector_of(vectors, t))
                .filter(|v| !v.is_empty())
                .collect();
            mean_vector(&members).map(|mean| (name.to_string(), mean))
        })
        .collect()
}

fn resume_embeddings(
    resume: &ResumeRecord,
    sections: &SectionTexts,
    vectors: &HashMap<String, Vector>,
) -> ResumeEmbeddings {
    let experience = experience(resume);
    ResumeEmbeddings {
        resume_id: resume.id.to_hex(),
        mean_embeddings: mean_sections(sections, vectors),
        metrics: ResumeMetrics {
            total_experience_years: experience.years,
            skipped_work_periods: experience.skipped,
            truncated: resume.truncated.clone(),
        },
    }
}

fn experience(resume: &ResumeRecord) -> ExperienceSummary {
    total_experience_years(&resume.work_periods, chrono::Utc::now())
}
