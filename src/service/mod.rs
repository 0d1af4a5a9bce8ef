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
    catalogue: tokio::sync::Mutex<Board>,
    /// The taxonomy's concept-name vectors, embedded on the first `extractSkills`.
    concepts: tokio::sync::OnceCell<Arc<Vec<Vector>>>,
}

impl Service {
    pub fn new(store: Arc<dyn Storage>, engine: EngineHandle, settings: Settings) -> Self {
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
        let mut stats = self.catalogue.lock().await.stats();
        stats.damaged_cache_entries = self.store.damaged_entries();
        stats
    }

    /// A resume as matching reads it: cut to the per-document limits.
    pub(super) async fn matching_resume(&self, id: &ObjectId) -> Result<ResumeRecord> {
        let mut resume = self.store.resume(id, ResumeFields::Matching).await?;
        let cuts = self.settings.limits.bound_profile(&mut resume.profile);
        resume.truncated.extend(cuts);
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
