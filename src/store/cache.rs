//! The seed's four result caches, behind one generic path.
//!
//! A cache document holds its key field(s) (`resume`, `jobPosting` or both, as ObjectIds),
//! the cached body, `createdAt` (first write) and `updatedAt` (every write; the TTL index
//! field). TTL sweeps run only every minute or so and may lag, so reads also check the age.

use std::collections::{HashMap, HashSet};

use bson::{doc, Bson, Document};

use super::ttl::{
    COMPARISON_TTL_DAYS, JOB_EMBEDDINGS_TTL_DAYS, RESUME_EMBEDDINGS_TTL_DAYS, RESUME_SCORE_TTL_DAYS,
};
use super::vectors::{pack_vectors, section_vectors, MEAN_EMBEDDINGS};
use super::{collect, fresh_since, CollectionNames, ObjectId, Store, KEYS_PER_QUERY};
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

    /// Time to live from the seed's caching table ([`super::ttl`]).
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

/// When a cached document read by this store was last written (`updatedAt`); the epoch when
/// it has none.
pub fn cache_written_at(doc: &Document) -> bson::DateTime {
    doc.get_datetime(UPDATED_AT)
        .copied()
        .unwrap_or(bson::DateTime::from_millis(0))
}

/// Whether a cached document was written less than `max_age` ago. Lookups by key test this
/// here rather than in the query: a filter of a key `$in` plus an `updatedAt` range lets a
/// planner answer it from the TTL index or a collection scan, over every cached document
/// (the local server did, for each posting-embeddings lookup: 0.4–0.5 s at 5,000 postings).
pub fn is_fresh(doc: &Document, max_age: chrono::Duration) -> bool {
    cache_written_at(doc) >= fresh_since(max_age)
}

/// Some sections of one posting's cached embeddings (see [`Store::job_vectors`]).
#[derive(Debug, Clone, PartialEq)]
pub struct JobVectors {
    pub job: ObjectId,
    /// In the order the sections were asked for; `None` when absent.
    pub sections: Vec<Option<Vec<f32>>>,
    pub updated_at: bson::DateTime,
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
        let filter = key.filter_for(cache)?;
        let found = self.cache_collection(cache).find_one(filter).await?;
        // A damaged entry is a miss: the caller recomputes and overwrites it.
        Ok(found
            .filter(|doc| is_fresh(doc, max_age))
            .and_then(|doc| self.intact(doc)))
    }

    /// Writes `body` under `key`; see [`Store::put_cached_many`].
    pub async fn put_cached(&self, cache: Cache, key: &CacheKey, body: Document) -> Result<()> {
        self.put_cached_many(cache, vec![(*key, body)]).await
    }

    /// Writes each `(key, body)`: updates the existing document or inserts a new one, in
    /// unordered batches (one round trip per batch). `updatedAt` is set on every write,
    /// `createdAt` only on the first. Fields of a body named `_id`, `createdAt`, `updatedAt`
    /// or like a key field are ignored (the store owns them); vectors under `meanEmbeddings`
    /// and `matchVector` are stored as binary vectors.
    pub async fn put_cached_many(
        &self,
        cache: Cache,
        entries: Vec<(CacheKey, Document)>,
    ) -> Result<()> {
        let now = bson::DateTime::now();
        let statements = entries
            .into_iter()
            .map(|(key, mut body)| {
                let filter = key.filter_for(cache)?;
                for reserved in ["_id", CREATED_AT, UPDATED_AT]
                    .iter()
                    .chain(cache.key_fields())
                {
                    body.remove(*reserved);
                }
                pack_vectors(&mut body);
                body.insert(UPDATED_AT, now);
                let mut on_insert = filter.clone();
                on_insert.insert(CREATED_AT, now);
                Ok(doc! {
                    "q": filter,
                    "u": { "$set": body, "$setOnInsert": on_insert },
                    "upsert": true,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        self.upsert_many(cache.collection_name(self.names()), statements)
            .await
    }

    /// Fresh cached comparisons of `resume` with any of `jobs`, by job id, one query per 500 ids.
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

    /// Fresh cached embeddings of any of `jobs`, by job id, one query per 500 ids.
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
        let mut found = HashMap::new();
        for chunk in jobs.chunks(KEYS_PER_QUERY) {
            filter.insert(JOB_FIELD, doc! { "$in": chunk.to_vec() });
            // No server-side sort or `updatedAt` range (a planner may answer either from the
            // TTL index, over every document; see `is_fresh`); should duplicates exist (no
            // unique index yet), the newest wins here.
            let cursor = self.cache_collection(cache).find(filter.clone()).await?;
            for entry in collect(cursor).await? {
                if !is_fresh(&entry, max_age) {
                    continue;
                }
                let Some(entry) = self.intact(entry) else {
                    continue;
                };
                let Ok(job) = entry.get_object_id(JOB_FIELD) else {
                    continue;
                };
                let newer = found
                    .get(&job)
                    .is_none_or(|kept| cache_written_at(kept) <= cache_written_at(&entry));
                if newer {
                    found.insert(job, entry);
                }
            }
        }
        Ok(found)
    }

    /// The named sections of every job posting's cached embeddings written at or after
    /// `since` and less than `max_age` ago, in one query that returns only those sections.
    /// A section that is absent or unreadable is `None`.
    pub async fn job_vectors(
        &self,
        sections: &[&str],
        since: Option<bson::DateTime>,
        max_age: chrono::Duration,
    ) -> Result<Vec<JobVectors>> {
        let oldest = fresh_since(max_age).max(since.unwrap_or(bson::DateTime::MIN));
        self.find_job_vectors(doc! { UPDATED_AT: { "$gte": oldest } }, sections)
            .await
    }

    /// The postings with fresh cached embeddings (only their ids are read): a catalogue
    /// listing compares them with its rows to learn of embeddings that `invalidateJob`
    /// deleted in any process, which a read of what was written since cannot show.
    pub async fn job_embedding_ids(&self, max_age: chrono::Duration) -> Result<HashSet<ObjectId>> {
        let cursor = self
            .cache_collection(Cache::JobEmbeddings)
            .find(doc! { UPDATED_AT: { "$gte": fresh_since(max_age) } })
            .projection(doc! { JOB_FIELD: 1, "_id": 0 })
            .await?;
        Ok(collect(cursor)
            .await?
            .iter()
            .filter_map(|entry| entry.get_object_id(JOB_FIELD).ok())
            .collect())
    }

    /// The named sections of the fresh cached embeddings of any of `jobs` (one query per 500
    /// ids, only those sections transferred), by job id.
    pub async fn job_vectors_of(
        &self,
        jobs: &[ObjectId],
        sections: &[&str],
        max_age: chrono::Duration,
    ) -> Result<HashMap<ObjectId, JobVectors>> {
        let mut found = HashMap::new();
        let oldest = fresh_since(max_age);
        for chunk in jobs.chunks(KEYS_PER_QUERY) {
            let filter = doc! { JOB_FIELD: { "$in": chunk.to_vec() } };
            for entry in self.find_job_vectors(filter, sections).await? {
                if entry.updated_at >= oldest {
                    found.insert(entry.job, entry);
                }
            }
        }
        Ok(found)
    }

    async fn find_job_vectors(
        &self,
        filter: Document,
        sections: &[&str],
    ) -> Result<Vec<JobVectors>> {
        let mut projection = doc! { JOB_FIELD: 1, UPDATED_AT: 1, "_id": 0 };
        for section in sections {
            projection.insert(format!("{MEAN_EMBEDDINGS}.{section}"), 1);
        }
        let cursor = self
            .cache_collection(Cache::JobEmbeddings)
            .find(filter)
            .projection(projection)
            .await?;
        Ok(collect(cursor)
            .await?
            .iter()
            .filter_map(|entry| {
                let job = entry.get_object_id(JOB_FIELD).ok()?;
                let updated_at = entry.get_datetime(UPDATED_AT).ok().copied()?;
                // A damaged entry is left out, as if not cached: it is recomputed.
                let Some(sections) = section_vectors(entry.get(MEAN_EMBEDDINGS), sections) else {
                    self.count_damaged();
                    return None;
                };
                Some(JobVectors {
                    job,
                    updated_at,
                    sections,
                })
            })
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

    pub(super) fn cache_collection(&self, cache: Cache) -> mongodb::Collection<Document> {
        self.collection(cache.collection_name(self.names()))
    }
}
