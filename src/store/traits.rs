//! What the service needs from the database, as traits: the documents it reads, the result
//! caches it reads and writes, and the per-text vector cache. [`Store`] (MongoDB) implements
//! them; the service's unit tests use an in-memory store ([`super::memory`]) instead, as the
//! engine's tests use a stub [`crate::engine::Model`].
//!
//! Filters are MongoDB filter documents (a caller's `filter` option is passed on as given).

use std::collections::{HashMap, HashSet};

use async_trait::async_trait;
use bson::Document;

use super::{Cache, CacheKey, JobRecord, JobVectors, ObjectId, ResumeFields, ResumeRecord, Store};
use crate::error::Result;

/// Resumes, postings and applications: read only.
#[async_trait]
pub trait Documents: Send + Sync {
    /// The resume with the fields `purpose` needs; `Err(ResumeNotFound)` when absent.
    async fn resume(&self, id: &ObjectId, purpose: ResumeFields) -> Result<ResumeRecord>;
    /// The postings among `ids`, each once, in the order of `ids`; unknown ids are absent.
    async fn jobs(&self, ids: &[ObjectId]) -> Result<Vec<JobRecord>>;
    /// Postings matching `filter`, by id.
    async fn jobs_matching(&self, filter: Document) -> Result<Vec<JobRecord>>;
    /// Active postings matching `filter`, by id.
    async fn active_jobs_matching(&self, filter: Document) -> Result<Vec<JobRecord>>;
    /// Active postings matching `filter`, by id, with only titles and skills read.
    async fn active_job_titles_matching(&self, filter: Document) -> Result<Vec<JobRecord>>;
    /// Ids of the active postings matching `filter`, ascending.
    async fn active_job_ids_matching(&self, filter: Document) -> Result<Vec<ObjectId>>;
    /// The active postings among `ids`.
    async fn active_among(&self, ids: &[ObjectId]) -> Result<HashSet<ObjectId>>;
    /// How many postings matching `filter` have each status, most first.
    async fn status_counts(&self, filter: Document) -> Result<Vec<(String, usize)>>;
    /// The skill names of the postings among `ids` (their list, or the names their text
    /// gives when they have none), by posting; unknown ids are absent.
    async fn posting_skills(&self, ids: &[ObjectId]) -> Result<Vec<(ObjectId, Vec<String>)>>;
    /// Ids of the postings `user` applied to, each once.
    async fn applied_job_ids(&self, user: &str) -> Result<Vec<ObjectId>>;
    /// `(user, posting)` applications of the user and of those who applied where they did.
    async fn co_applications(
        &self,
        user: &str,
        mine: &[ObjectId],
    ) -> Result<Vec<(String, ObjectId)>>;
}

/// The seed's result caches (plus the clusters cache): documents under a key, fresh while
/// younger than a TTL.
#[async_trait]
pub trait ResultCache: Send + Sync {
    /// Entries the read rule refused as damaged so far (each then recomputed).
    fn damaged_entries(&self) -> u64;
    /// The cached document under `key` if written less than `max_age` ago.
    async fn cached(
        &self,
        cache: Cache,
        key: &CacheKey,
        max_age: chrono::Duration,
    ) -> Result<Option<Document>>;
    /// Writes each `(key, body)`, replacing what was there.
    async fn put_cached_many(&self, cache: Cache, entries: Vec<(CacheKey, Document)>)
        -> Result<()>;
    /// Fresh cached comparisons of `resume` with any of `jobs`, by job.
    async fn cached_comparisons(
        &self,
        resume: &ObjectId,
        jobs: &[ObjectId],
        max_age: chrono::Duration,
    ) -> Result<HashMap<ObjectId, Document>>;
    /// Fresh cached embeddings of any of `jobs`, by job.
    async fn cached_job_embeddings(
        &self,
        jobs: &[ObjectId],
        max_age: chrono::Duration,
    ) -> Result<HashMap<ObjectId, Document>>;
    /// The named sections of every posting's fresh embeddings written at or after `since`.
    async fn job_vectors(
        &self,
        sections: &[&str],
        since: Option<bson::DateTime>,
        max_age: chrono::Duration,
    ) -> Result<Vec<JobVectors>>;
    /// The postings with fresh cached embeddings (ids only).
    async fn job_embedding_ids(&self, max_age: chrono::Duration) -> Result<HashSet<ObjectId>>;
    /// The named sections of the fresh embeddings of any of `jobs`, by job.
    async fn job_vectors_of(
        &self,
        jobs: &[ObjectId],
        sections: &[&str],
        max_age: chrono::Duration,
    ) -> Result<HashMap<ObjectId, JobVectors>>;
    /// Active postings nearest `query` by a vector-search index over the match vectors.
    async fn vector_search(
        &self,
        index: &str,
        query: &[f32],
        num_candidates: usize,
        limit: usize,
    ) -> Result<Vec<ObjectId>>;
    /// Deletes everything cached for the resume; how many documents went.
    async fn invalidate_resume(&self, id: &ObjectId) -> Result<u64>;
    /// Deletes everything cached for the posting; how many documents went.
    async fn invalidate_job(&self, id: &ObjectId) -> Result<u64>;
    /// A cached clustering under `key`, if younger than `max_age`.
    async fn cached_clusters(
        &self,
        key: &str,
        max_age: chrono::Duration,
    ) -> Result<Option<Document>>;
    /// Writes a clustering under `key`.
    async fn put_clusters(&self, key: &str, request: Document, body: Document) -> Result<()>;
}

/// Text → vector, by the text's key (`text_key`).
#[async_trait]
pub trait TextCache: Send + Sync {
    /// The fresh vectors of any of `keys`, by key.
    async fn text_vectors(
        &self,
        keys: &[String],
        max_age: chrono::Duration,
    ) -> Result<HashMap<String, Vec<f32>>>;
    /// Writes `(key, vector)` entries computed by `model`.
    async fn put_text_vectors(&self, model: &str, entries: &[(String, &[f32])]) -> Result<()>;
    /// Claims each of `keys` for `owner` for `lease`, unless another owner holds a live
    /// claim on it; the keys claimed (an owner's own claims are always granted).
    async fn claim_texts(
        &self,
        keys: &[String],
        owner: &str,
        lease: chrono::Duration,
    ) -> Result<HashSet<String>>;
    /// Drops `owner`'s claims on `keys`.
    async fn release_texts(&self, keys: &[String], owner: &str) -> Result<()>;
}

/// Snapshots of the catalogue of active postings: one current blob per `tag`, replaced
/// whole or not at all.
#[async_trait]
pub trait Snapshots: Send + Sync {
    /// When the current snapshot under `tag` was written.
    async fn snapshot_written_at(&self, tag: &str) -> Result<Option<bson::DateTime>>;
    /// The current snapshot under `tag`, checked whole (chunks, length, SHA-256); `None`
    /// when there is none or it does not check out.
    async fn snapshot(&self, tag: &str) -> Result<Option<Vec<u8>>>;
    /// Makes `blob` the current snapshot under `tag`.
    async fn put_snapshot(&self, tag: &str, blob: &[u8]) -> Result<()>;
}

/// Everything the service needs from the database.
pub trait Storage: Documents + ResultCache + TextCache + Snapshots {}

impl<T: Documents + ResultCache + TextCache + Snapshots> Storage for T {}

#[async_trait]
impl Snapshots for Store {
    async fn snapshot_written_at(&self, tag: &str) -> Result<Option<bson::DateTime>> {
        Store::snapshot_written_at(self, tag).await
    }
    async fn snapshot(&self, tag: &str) -> Result<Option<Vec<u8>>> {
        Store::snapshot(self, tag).await
    }
    async fn put_snapshot(&self, tag: &str, blob: &[u8]) -> Result<()> {
        Store::put_snapshot(self, tag, blob).await
    }
}

#[async_trait]
impl Documents for Store {
    async fn resume(&self, id: &ObjectId, purpose: ResumeFields) -> Result<ResumeRecord> {
        Store::resume(self, id, purpose).await
    }
    async fn jobs(&self, ids: &[ObjectId]) -> Result<Vec<JobRecord>> {
        Store::jobs(self, ids).await
    }
    async fn jobs_matching(&self, filter: Document) -> Result<Vec<JobRecord>> {
        Store::jobs_matching(self, filter).await
    }
    async fn active_jobs_matching(&self, filter: Document) -> Result<Vec<JobRecord>> {
        Store::active_jobs_matching(self, filter).await
    }
    async fn active_job_titles_matching(&self, filter: Document) -> Result<Vec<JobRecord>> {
        Store::active_job_titles_matching(self, filter).await
    }
    async fn active_job_ids_matching(&self, filter: Document) -> Result<Vec<ObjectId>> {
        Store::active_job_ids_matching(self, filter).await
    }
    async fn status_counts(&self, filter: Document) -> Result<Vec<(String, usize)>> {
        Store::status_counts(self, filter).await
    }
    async fn active_among(&self, ids: &[ObjectId]) -> Result<HashSet<ObjectId>> {
        Store::active_among(self, ids).await
    }
    async fn posting_skills(&self, ids: &[ObjectId]) -> Result<Vec<(ObjectId, Vec<String>)>> {
        Store::posting_skills(self, ids).await
    }
    async fn applied_job_ids(&self, user: &str) -> Result<Vec<ObjectId>> {
        Store::applied_job_ids(self, user).await
    }
    async fn co_applications(
        &self,
        user: &str,
        mine: &[ObjectId],
    ) -> Result<Vec<(String, ObjectId)>> {
        Store::co_applications(self, user, mine).await
    }
}

#[async_trait]
impl ResultCache for Store {
    fn damaged_entries(&self) -> u64 {
        Store::damaged_entries(self)
    }
    async fn cached(
        &self,
        cache: Cache,
        key: &CacheKey,
        max_age: chrono::Duration,
    ) -> Result<Option<Document>> {
        Store::cached(self, cache, key, max_age).await
    }
    async fn put_cached_many(
        &self,
        cache: Cache,
        entries: Vec<(CacheKey, Document)>,
    ) -> Result<()> {
        Store::put_cached_many(self, cache, entries).await
    }
    async fn cached_comparisons(
        &self,
        resume: &ObjectId,
        jobs: &[ObjectId],
        max_age: chrono::Duration,
    ) -> Result<HashMap<ObjectId, Document>> {
        Store::cached_comparisons(self, resume, jobs, max_age).await
    }
    async fn cached_job_embeddings(
        &self,
        jobs: &[ObjectId],
        max_age: chrono::Duration,
    ) -> Result<HashMap<ObjectId, Document>> {
        Store::cached_job_embeddings(self, jobs, max_age).await
    }
    async fn job_vectors(
        &self,
        sections: &[&str],
        since: Option<bson::DateTime>,
        max_age: chrono::Duration,
    ) -> Result<Vec<JobVectors>> {
        Store::job_vectors(self, sections, since, max_age).await
    }
    async fn job_embedding_ids(&self, max_age: chrono::Duration) -> Result<HashSet<ObjectId>> {
        Store::job_embedding_ids(self, max_age).await
    }
    async fn job_vectors_of(
        &self,
        jobs: &[ObjectId],
        sections: &[&str],
        max_age: chrono::Duration,
    ) -> Result<HashMap<ObjectId, JobVectors>> {
        Store::job_vectors_of(self, jobs, sections, max_age).await
    }
    async fn vector_search(
        &self,
        index: &str,
        query: &[f32],
        num_candidates: usize,
        limit: usize,
    ) -> Result<Vec<ObjectId>> {
        Store::vector_search(self, index, query, num_candidates, limit).await
    }
    async fn invalidate_resume(&self, id: &ObjectId) -> Result<u64> {
        Store::invalidate_resume(self, id).await
    }
    async fn invalidate_job(&self, id: &ObjectId) -> Result<u64> {
        Store::invalidate_job(self, id).await
    }
    async fn cached_clusters(
        &self,
        key: &str,
        max_age: chrono::Duration,
    ) -> Result<Option<Document>> {
        Store::cached_clusters(self, key, max_age).await
    }
    async fn put_clusters(&self, key: &str, request: Document, body: Document) -> Result<()> {
        Store::put_clusters(self, key, request, body).await
    }
}

#[async_trait]
impl TextCache for Store {
    async fn text_vectors(
        &self,
        keys: &[String],
        max_age: chrono::Duration,
    ) -> Result<HashMap<String, Vec<f32>>> {
        Store::text_vectors(self, keys, max_age).await
    }
    async fn put_text_vectors(&self, model: &str, entries: &[(String, &[f32])]) -> Result<()> {
        Store::put_text_vectors(self, model, entries).await
    }
    async fn claim_texts(
        &self,
        keys: &[String],
        owner: &str,
        lease: chrono::Duration,
    ) -> Result<HashSet<String>> {
        Store::claim_texts(self, keys, owner, lease).await
    }
    async fn release_texts(&self, keys: &[String], owner: &str) -> Result<()> {
        Store::release_texts(self, keys, owner).await
    }
}
