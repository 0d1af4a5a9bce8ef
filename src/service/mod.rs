//! One function per seed command: parse ids → fresh cached result? → fetch (store) → embed
//! (engine, through the text-vector cache) → score / match (domain) → write caches (store) →
//! result in the seed's shape. Caches are written only after everything was computed, so a
//! failure leaves them as they were.

mod analytics;
mod backfill;
pub mod catalogue;
mod commands;
mod compare;
pub mod connection;
mod control;
mod extended;
pub mod recommend;
mod result_cache;
mod score;
mod skills_in_text;
#[cfg(test)]
mod tests;
mod types;
pub mod vectors;

pub use analytics::{
    cluster_count, cluster_id, cluster_seed, similar_limit, ClusterRequest, GapTarget,
    GapTargetKind, JobClusters, MarketInsights, SimilarJob, SkillGapResult,
};
pub use backfill::{backfill_chunk_size, only_jobs, DEFAULT_BACKFILL_CHUNK, MAX_BACKFILL_CHUNK};
pub use catalogue::CatalogueStats;
pub use commands::run;
pub use control::{Control, Progress};
pub use recommend::result_limit;
pub use skills_in_text::{ExtractOptions, ExtractedSkill, Extraction};
pub use types::*;

use std::collections::HashMap;
use std::sync::Arc;

use crate::engine::EngineHandle;
use crate::error::{Error, Result};
use crate::store::{JobRecord, ObjectId, ResumeFields, ResumeRecord, Storage};
use catalogue::Board;
use vectors::{TextVectors, Vector};

pub use crate::domain::sections::section;

pub struct Service {
    /// The database, behind the traits the pipelines need (MongoDB in production).
    store: Arc<dyn Storage>,
    engine: EngineHandle,
    vectors: TextVectors,
    settings: Settings,
    catalogue: Arc<tokio::sync::Mutex<Board>>,
    /// Fills and refreshes the catalogue, and writes its snapshots.
    keeper: catalogue::refresh::Keeper,
    /// The taxonomy's concept-name vectors, embedded on the first `extractSkills`.
    concepts: tokio::sync::OnceCell<Arc<Vec<Vector>>>,
    /// Admits calls in arrival order, at most [`calls_in_flight`] at once (see [`Service::admit`]).
    admission: Arc<tokio::sync::Semaphore>,
}

/// A call's place among the [`calls_in_flight`] (see [`Service::admit`]).
pub type Turn = tokio::sync::OwnedSemaphorePermit;

tokio::task_local! {
    /// The turn of the call this task runs, so that its long steps can give it back.
    static CURRENT_TURN: std::cell::RefCell<Option<Turn>>;
}

/// Runs `call` holding `turn` until it returns (its steps may trade it for a later one: see
/// [`Service::step_turn`]).
pub fn with_turn<F: std::future::Future>(
    turn: Turn,
    call: F,
) -> impl std::future::Future<Output = F::Output> {
    CURRENT_TURN.scope(std::cell::RefCell::new(Some(turn)), call)
}

/// Calls a service runs at once: enough to keep the model and the database busy (two per
/// core, at least four), few enough that a burst is served first come, first served instead
/// of every caller sharing the database and finishing together at the end.
fn calls_in_flight() -> usize {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    (2 * cores).max(4)
}

impl Service {
    pub fn new(store: Arc<dyn Storage>, engine: EngineHandle, settings: Settings) -> Self {
        let catalogue = Arc::new(tokio::sync::Mutex::new(Board::default()));
        Self {
            keeper: catalogue::refresh::Keeper::new(store.clone(), catalogue.clone(), &settings),
            store,
            engine,
            vectors: TextVectors::default(),
            settings,
            catalogue,
            concepts: tokio::sync::OnceCell::new(),
            admission: Arc::new(tokio::sync::Semaphore::new(calls_in_flight())),
        }
    }

    /// Waits for this call's turn: calls are admitted in the order they arrive (tokio's
    /// semaphore is fair), [`calls_in_flight`] at a time. Taken once per caller's call, by the
    /// layer that receives it, which runs the call under [`with_turn`]; never inside a
    /// pipeline (a pipeline waiting for a second turn could wait forever).
    pub async fn admit(&self) -> Turn {
        self.admission
            .clone()
            .acquire_owned()
            .await
            .expect("the admission semaphore is never closed")
    }

    /// Before step `step` of a long call: after the first, gives the call's turn back and
    /// waits for the next one, so a backfill of thousands of postings takes turns with the
    /// calls that arrived meanwhile instead of holding its place for minutes; then stops if
    /// the call was aborted. Never between taking a lock or a shared initialisation and
    /// releasing it: a call waiting on that would hold the turn this one waits for.
    pub(super) async fn step_turn(&self, step: usize, control: &Control) -> Result<()> {
        control.check()?;
        if step > 0 {
            let held = CURRENT_TURN.try_with(|turn| turn.borrow_mut().take());
            if let Ok(Some(turn)) = held {
                drop(turn);
                let next = self.admit().await;
                let _ = CURRENT_TURN.try_with(|turn| *turn.borrow_mut() = Some(next));
                control.check()?;
            }
        }
        Ok(())
    }

    /// Fills the catalogue on first use and keeps it fresh (see [`catalogue::refresh`]).
    pub(super) async fn refresh_catalogue(&self) -> Result<()> {
        self.keeper.refresh().await
    }

    /// Writes the catalogue as the database's snapshot now; its bytes.
    pub async fn save_catalogue_snapshot(&self) -> Result<usize> {
        self.keeper.save_snapshot().await
    }

    /// What the catalogue of active postings holds now.
    pub async fn catalogue_stats(&self) -> CatalogueStats {
        let mut stats = self.catalogue.lock().await.stats();
        stats.damaged_cache_entries = self.store.damaged_entries();
        stats.refreshes = self.keeper.listings();
        stats
    }

    /// A resume as matching reads it: cut to the per-document limits.
    pub(super) async fn matching_resume(&self, id: &ObjectId) -> Result<ResumeRecord> {
        let mut resume = self.store.resume(id, ResumeFields::Matching).await?;
        let cuts = self.settings.limits.bound_profile(&mut resume.profile);
        resume.truncated.extend(cuts);
        crate::observe::call::truncations(resume.truncated.len());
        Ok(resume)
    }

    pub(super) async fn job(&self, id: &ObjectId) -> Result<JobRecord> {
        let job = self
            .jobs(std::slice::from_ref(id))
            .await?
            .pop()
            .ok_or_else(|| Error::JobNotFound(id.to_hex()))?;
        Ok(job)
    }

    pub(super) async fn jobs(&self, ids: &[ObjectId]) -> Result<Vec<JobRecord>> {
        Ok(self.bounded(self.store.jobs(ids).await?))
    }

    pub(super) async fn jobs_matching(&self, filter: bson::Document) -> Result<Vec<JobRecord>> {
        Ok(self.bounded(self.store.jobs_matching(filter).await?))
    }

    /// Postings cut to the per-document limits.
    pub(super) fn bounded(&self, mut jobs: Vec<JobRecord>) -> Vec<JobRecord> {
        for job in &mut jobs {
            let cuts = self.settings.limits.bound_posting(
                &mut job.skills,
                &mut job.requirements,
                [&mut job.title, &mut job.experience_level, &mut job.location],
            );
            job.truncated.extend(cuts);
            crate::observe::call::truncations(job.truncated.len());
        }
        jobs
    }

    pub(super) async fn vectors<'a>(
        &self,
        texts: impl IntoIterator<Item = &'a String>,
    ) -> Result<HashMap<String, Vector>> {
        let texts: Vec<&str> = texts.into_iter().map(String::as_str).collect();
        self.vectors.get(&*self.store, &self.engine, &texts).await
    }
}
