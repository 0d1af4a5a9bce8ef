//! The seed's four result caches, behind one generic path.
//!
//! A cache document holds its key field(s) (`resume`, `jobPosting` or both, as ObjectIds),
//! the cached body, `createdAt` (first write) and `updatedAt` (every write; the TTL index
//! field). TTL sweeps run only every minute or so and may lag, so reads also check the age.

use std::collections::HashMap;

use bson::{doc, Bson, Document};

use super::{collect, fresh_since, is_duplicate_key, CollectionNames, ObjectId, Store};
use crate::domain::constants::{
    COMPARISON_TTL_DAYS, JOB_EMBEDDINGS_TTL_DAYS, RESUME_EMBEDDINGS_TTL_DAYS, RESUME_SCORE_TTL_DAYS,
};
use crate::error::{Error, Result};

pub(super) const RESUME_FIELD: &str = "resume";
pub(super) const JOB_FIELD: &str = "jobPosting";
pub(super) const CREATED_AT: &str = "createdAt";
pub(super) const UPDATED_AT: &str = "updatedAt";

/// One of the seed's result caches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Cache {
    /// `resumeembeddings`, keyed by resume.
    ResumeEmbeddings,
    /// `resumescores`, keyed by resume.
    ResumeScores,
    /// `jobpostingembeddings`, keyed by job posting.
    JobEmbeddings,
    /// `resumejobcomparisons`, keyed by resume + job posting.
    Comparisons,
}

impl Cache {
    pub(super) const ALL: [Cache; 4] = [
        Cache::ResumeEmbeddings,
        Cache::ResumeScores,
        Cache::JobEmbeddings,
        Cache::Comparisons,
    ];

    /// Time to live from the seed's caching table (`domain::constants`).
    pub fn ttl(self) -> chrono::Duration {
        chrono::Duration::days(match self {
            Cache::ResumeEmbeddings => RESUME_EMBEDDINGS_TTL_DAYS,
            Cache::ResumeScores => RESUME_SCORE_TTL_DAYS,
            Cache::JobEmbeddings => JOB_EMBEDDINGS_TTL_DAYS,
            Cache::Comparisons => COMPARISON_TTL_DAYS,
        })
    }

    /// The key field(s) of its documents.
    pub(super) fn key_fields(self) -> &'static [&'static str] {
        match self {
            Cache::ResumeEmbeddings | Cache::ResumeScores => &[RESUME_FIELD],
            Cache::JobEmbeddings => &[JOB_FIELD],
            Cache::Comparisons => &[RESUME_FIELD, JOB_FIELD],
        }
    }

    pub(super) fn collection_name(self, names: &CollectionNames) -> &str {
        match self {
            Cache::ResumeEmbeddings => &names.resume_embeddings,
            Cache::ResumeScores => &names.resume_scores,
            Cache::JobEmbeddings => &names.job_embeddings,
            Cache::Comparisons => &names.comparisons,
        }
    }
}

/// The key of one cache document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CacheKey {
    Resume(ObjectId),
    Job(ObjectId),
    Pair { resume: ObjectId, job: ObjectId },
}

impl CacheKey {
    /// The key as a filter, which is also what an upsert writes.
    fn filter(&self) -> Document {
        match *self {
            CacheKey::Resume(resume) => doc! { RESUME_FIELD: resume },
            CacheKey::Job(job) => doc! { JOB_FIELD: job },
            CacheKey::Pair { resume, job } => doc! { RESUME_FIELD: resume, JOB_FIELD: job },
        }
    }

    /// The key's filter, checked against the cache's key fields (a mismatch is a bug in
    /// the caller, which would otherwise silently never hit).
    fn filter_for(&self, cache: Cache) -> Result<Document> {
        let filter = self.filter();
        if !filter.keys().eq(cache.key_fields()) {
            return Err(Error::InvalidArgument(format!(
                "cache {cache:?} is keyed by {:?}, got {self:?}",
                cache.key_fields()
            )));
        }
        Ok(filter)
    }
}

impl Store {
    /// The cached document (key fields, body, `createdAt`, `updatedAt`, `_id`) if it was
    /// written less than `max_age` ago, else `None`.
    pub async fn cached(
        &self,
        cache: Cache,
        key: &CacheKey,
        max_age: chrono::Duration,
    ) -> Result<Option<Document>> {
        let mut filter = key.filter_for(cache)?;
        filter.insert(UPDATED_AT, doc! { "$gte": fresh_since(max_age) });
        Ok(self.cache_collection(cache).find_one(filter).await?)
    }

    /// Writes `body` under `key`: updates the existing document or inserts a new one.
    /// `updatedAt` is set on every write, `createdAt` only on the first. Fields of `body`
    /// named `_id`, `createdAt`, `updatedAt` or like a key field are ignored (the store owns
    /// them).
    pub async fn put_cached(&self, cache: Cache, key: &CacheKey, mut body: Document) -> Result<()> {
        let filter = key.filter_for(cache)?;
        for reserved in ["_id", CREATED_AT, UPDATED_AT]
            .iter()
            .chain(cache.key_fields())
        {
            body.remove(*reserved);
        }
        let now = bson::DateTime::now();
        body.insert(UPDATED_AT, now);
        let mut on_insert = filter.clone();
        on_insert.insert(CREATED_AT, now);
        let update = doc! { "$set": body, "$setOnInsert": on_insert };

        let collection = self.cache_collection(cache);
        let upsert = || {
            collection
                .update_one(filter.clone(), update.clone())
                .upsert(true)
        };
        match upsert().await {
            // Two writers inserted the same new key at once; now it exists, so this updates.
            Err(error) if is_duplicate_key(&error) => upsert().await?,
            result => result?,
        };
        Ok(())
    }

    /// Fresh cached comparisons of `resume` with any of `jobs`, by job id, in one query.
    pub async fn cached_comparisons(
        &self,
        resume: &ObjectId,
        jobs: &[ObjectId],
        max_age: chrono::Duration,
    ) -> Result<HashMap<ObjectId, Document>> {
        self.cached_by_job(
            Cache::Comparisons,
            doc! { RESUME_FIELD: resume },
            jobs,
            max_age,
        )
        .await
    }

    /// Fresh cached embeddings of any of `jobs`, by job id, in one query.
    pub async fn cached_job_embeddings(
        &self,
        jobs: &[ObjectId],
        max_age: chrono::Duration,
    ) -> Result<HashMap<ObjectId, Document>> {
        self.cached_by_job(Cache::JobEmbeddings, Document::new(), jobs, max_age)
            .await
    }

    async fn cached_by_job(
        &self,
        cache: Cache,
        mut filter: Document,
        jobs: &[ObjectId],
        max_age: chrono::Duration,
    ) -> Result<HashMap<ObjectId, Document>> {
        if jobs.is_empty() {
            return Ok(HashMap::new());
        }
        filter.insert(JOB_FIELD, doc! { "$in": jobs.to_vec() });
        filter.insert(UPDATED_AT, doc! { "$gte": fresh_since(max_age) });
        // Oldest first, so should duplicates exist (no unique index yet) the newest wins.
        let cursor = self
            .cache_collection(cache)
            .find(filter)
            .sort(doc! { UPDATED_AT: 1 })
            .await?;
        Ok(collect(cursor)
            .await?
            .into_iter()
            .filter_map(|entry| Some((entry.get_object_id(JOB_FIELD).ok()?, entry)))
            .collect())
    }

    /// Deletes everything cached for the resume (embeddings, score, comparisons); returns
    /// how many documents went.
    pub async fn invalidate_resume(&self, id: &ObjectId) -> Result<u64> {
        self.invalidate(
            &[
                Cache::ResumeEmbeddings,
                Cache::ResumeScores,
                Cache::Comparisons,
            ],
            RESUME_FIELD,
            id,
        )
        .await
    }

    /// Deletes everything cached for the job posting (embeddings, comparisons); returns
    /// how many documents went.
    pub async fn invalidate_job(&self, id: &ObjectId) -> Result<u64> {
        self.invalidate(&[Cache::JobEmbeddings, Cache::Comparisons], JOB_FIELD, id)
            .await
    }

    async fn invalidate(&self, caches: &[Cache], field: &str, id: &ObjectId) -> Result<u64> {
        let mut deleted = 0;
        for cache in caches {
            let filter = doc! { field: Bson::ObjectId(*id) };
            deleted += self
                .cache_collection(*cache)
                .delete_many(filter)
                .await?
                .deleted_count;
        }
        Ok(deleted)
    }

    fn cache_collection(&self, cache: Cache) -> mongodb::Collection<Document> {
        self.collection(cache.collection_name(self.names()))
    }
}
