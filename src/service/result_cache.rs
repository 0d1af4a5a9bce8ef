//! The seed's result caches as the pipelines use them: a fresh entry computed under the
//! current limits answers; anything else is a miss. Invalidation of a resume's or a posting's
//! entries.

use serde::de::DeserializeOwned;
use serde::Serialize;

use super::analytics::JobClusters;
use super::{
    Comparison, Invalidation, JobEmbeddings, Options, ResumeEmbeddings, ScoreResult, Service,
};
use crate::error::{Error, Result};
use crate::observe::{cache_lookups, CacheKind};
use crate::store::{is_active_status, parse_object_id, Cache, CacheKey, IdKind};

/// Which metrics count lookups of `cache`.
pub(super) fn counted_as(cache: Cache) -> CacheKind {
    match cache {
        Cache::ResumeEmbeddings => CacheKind::ResumeEmbeddings,
        Cache::ResumeScores => CacheKind::ResumeScores,
        Cache::JobEmbeddings => CacheKind::JobEmbeddings,
        Cache::Comparisons => CacheKind::Comparisons,
    }
}

/// A result the caches hold. Beyond what the store's read rule checks (every number
/// finite, every vector sound), a cached value is served only when `in_range`: its scores
/// on their scale.
pub(super) trait CachedResult: DeserializeOwned {
    fn in_range(&self) -> bool {
        true
    }
}

impl CachedResult for ScoreResult {
    fn in_range(&self) -> bool {
        self.score.in_range()
    }
}

impl CachedResult for Comparison {
    fn in_range(&self) -> bool {
        self.result.in_range()
    }
}

// Their vectors are the store's to check; their other numbers are counts and years.
impl CachedResult for ResumeEmbeddings {}
impl CachedResult for JobEmbeddings {}
impl CachedResult for JobClusters {}

/// Field of every cached result naming the per-document limits it was computed under.
pub(super) const LIMITS_FIELD: &str = "limits";

impl Service {
    pub(super) async fn cached<T: CachedResult>(
        &self,
        cache: Cache,
        key: &CacheKey,
        opts: &Options,
    ) -> Result<Option<T>> {
        if opts.force {
            return Ok(None);
        }
        let hit = self
            .store
            .cached(cache, key, cache.ttl())
            .await?
            .and_then(|doc| self.decode(doc));
        let found = usize::from(hit.is_some());
        cache_lookups(counted_as(cache), found, 1 - found);
        Ok(hit)
    }

    pub(super) async fn put<T: Serialize>(
        &self,
        cache: Cache,
        key: &CacheKey,
        value: &T,
    ) -> Result<()> {
        self.store
            .put_cached_many(cache, vec![(*key, self.body(value)?)])
            .await
    }

    /// A cache body: the value plus the per-document limits it was computed under.
    pub(super) fn body<T: Serialize>(&self, value: &T) -> Result<bson::Document> {
        let mut body = bson::to_document(value)
            .map_err(|e| Error::Internal(format!("encoding a cache entry: {e}")))?;
        body.insert(LIMITS_FIELD, self.settings.limits.fingerprint());
        Ok(body)
    }

    /// A cached result as `T`, or `None` (a miss: recomputed and overwritten, never an
    /// error for the caller) when it was computed under other limits, holds vectors of
    /// another length than the model's, does not decode (another version's entry, a hand
    /// edit) or is out of range. (The store has already refused damaged entries: see
    /// `store::vectors::read_intact`.)
    pub(super) fn decode<T: CachedResult>(&self, doc: bson::Document) -> Option<T> {
        if !self.under_current_limits(&doc) || !self.of_model_dimension(&doc) {
            return None;
        }
        bson::from_document::<T>(doc).ok().filter(T::in_range)
    }

    /// Whether every `meanEmbeddings` section has the loaded model's length (anything goes
    /// before a model has loaded in this process: then the store's rule of one length holds).
    fn of_model_dimension(&self, doc: &bson::Document) -> bool {
        let (Some(dimension), Ok(sections)) =
            (self.engine.dimension(), doc.get_document("meanEmbeddings"))
        else {
            return true;
        };
        sections
            .values()
            .all(|v| matches!(v, bson::Bson::Array(values) if values.len() == dimension))
    }

    pub(super) fn under_current_limits(&self, doc: &bson::Document) -> bool {
        doc.get_str(LIMITS_FIELD).ok() == Some(self.settings.limits.fingerprint().as_str())
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
        // is embedded again by the next call and its skills (the demand) are read again.
        let posting = self.jobs(&[id]).await?;
        let mut board = self.catalogue.lock().await;
        match posting.first() {
            Some(job) if is_active_status(&job.status) => {
                board.mark_unembedded(id);
                board.set_skills(id, &job.skills);
            }
            _ => board.remove(&id),
        }
        Ok(Invalidation {
            id: id.to_hex(),
            deleted,
        })
    }
}
