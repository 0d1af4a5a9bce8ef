//! An in-memory [`Storage`](super::Storage) for the service's unit tests: the same document
//! decoding, freshness rule and vector packing as [`Store`](super::Store), without a server.
//! Filters are equality and `$in` on top-level fields and `$and` of those (what the tests
//! pass); anything else is an error, so a test cannot silently match everything. Tests may
//! age entries to cross a TTL.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Mutex;

use async_trait::async_trait;
use bson::{Bson, Document};

use super::cache::{is_fresh, CREATED_AT, UPDATED_AT};
use super::source::canonical_user;
use super::traits::{Documents, ResultCache, Snapshots, TextCache};
use super::vectors::{decode_vector, pack_vectors, read_intact, section_vectors, MEAN_EMBEDDINGS};
use super::{
    fresh_since, is_active_status, Cache, CacheKey, JobRecord, JobVectors, ObjectId, ResumeFields,
    ResumeRecord, MATCH_VECTOR,
};
use crate::error::{Error, Result};

#[derive(Default)]
pub struct MemoryStore {
    state: Mutex<State>,
    damaged: std::sync::atomic::AtomicU64,
    /// Posting documents returned so far (what a test of "no call reads the board" counts).
    postings_read: std::sync::atomic::AtomicU64,
}

#[derive(Default)]
struct State {
    resumes: HashMap<ObjectId, Document>,
    /// By id, so listings come in id order as the server's do.
    jobs: BTreeMap<ObjectId, Document>,
    /// `(user, posting)`.
    applications: Vec<(String, ObjectId)>,
    caches: HashMap<(Cache, CacheKey), Document>,
    clusters: HashMap<String, Document>,
    texts: HashMap<String, (Vec<f32>, bson::DateTime)>,
    /// Catalogue snapshots by tag, and when each was written.
    snapshots: HashMap<String, (bson::DateTime, Vec<u8>)>,
}

impl MemoryStore {
    /// Posting documents the store has returned so far.
    pub fn postings_read(&self) -> u64 {
        self.postings_read
            .load(std::sync::atomic::Ordering::Relaxed)
    }

    fn read_postings<T>(&self, found: Vec<T>) -> Vec<T> {
        self.postings_read
            .fetch_add(found.len() as u64, std::sync::atomic::Ordering::Relaxed);
        found
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Adds or replaces a resume (its `_id` is returned).
    pub fn put_resume(&self, mut doc: Document) -> ObjectId {
        let id = doc.get_object_id("_id").unwrap_or_else(|_| ObjectId::new());
        doc.insert("_id", id);
        self.state().resumes.insert(id, doc);
        id
    }

    /// Adds or replaces a posting (its `_id` is returned).
    pub fn put_job(&self, mut doc: Document) -> ObjectId {
        let id = doc.get_object_id("_id").unwrap_or_else(|_| ObjectId::new());
        doc.insert("_id", id);
        self.state().jobs.insert(id, doc);
        id
    }

    /// A stored posting as it was put.
    pub fn jobs_doc(&self, id: &ObjectId) -> Document {
        self.state().jobs[id].clone()
    }

    pub fn apply(&self, user: &str, job: ObjectId) {
        self.state().applications.push((user.to_string(), job));
    }

    /// The stored cache document, as a read would return it: vectors unpacked; `None` when
    /// missing or damaged (the read rule of every cache).
    pub fn cache_entry(&self, cache: Cache, key: &CacheKey) -> Option<Document> {
        let mut doc = self.state().caches.get(&(cache, *key)).cloned()?;
        if read_intact(&mut doc) {
            return Some(doc);
        }
        self.damaged
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        None
    }

    /// Edits a stored cache document in place, as a buggy writer or a hand edit would.
    pub fn damage(&self, cache: Cache, key: &CacheKey, edit: impl FnOnce(&mut Document)) {
        edit(
            self.state()
                .caches
                .get_mut(&(cache, *key))
                .expect("a cached entry"),
        );
    }

    /// How many documents a cache holds.
    pub fn cache_len(&self, cache: Cache) -> usize {
        self.state()
            .caches
            .keys()
            .filter(|(c, _)| *c == cache)
            .count()
    }

    /// Moves every entry of `cache` back in time by `age`, as if written that long ago.
    pub fn age(&self, cache: Cache, age: chrono::Duration) {
        for ((c, _), doc) in self.state().caches.iter_mut() {
            if *c == cache {
                let written = doc
                    .get_datetime(UPDATED_AT)
                    .map_or(0, |d| d.timestamp_millis());
                let older = bson::DateTime::from_millis(written - age.num_milliseconds());
                doc.insert(UPDATED_AT, older);
            }
        }
    }
}

/// Equality on top-level fields, `{ field: { $in: [...] } }` and `$and` of such filters; `{}`
/// matches everything.
fn matches(doc: &Document, filter: &Document) -> Result<bool> {
    let unsupported = || {
        Error::Internal(format!(
            "memory store: filter {filter} is not equality, $in or $and"
        ))
    };
    for (field, wanted) in filter {
        if field == "$and" {
            let Bson::Array(parts) = wanted else {
                return Err(unsupported());
            };
            for part in parts {
                let Bson::Document(part) = part else {
                    return Err(unsupported());
                };
                if !matches(doc, part)? {
                    return Ok(false);
                }
            }
            continue;
        }
        if field.starts_with('$') {
            return Err(unsupported());
        }
        let found = doc.get(field);
        match wanted {
            Bson::Document(d) if d.keys().any(|k| k.starts_with('$')) => match d.get_array("$in") {
                Ok(options) if d.len() == 1 => {
                    if !found.is_some_and(|v| options.contains(v)) {
                        return Ok(false);
                    }
                }
                _ => return Err(unsupported()),
            },
            _ if found != Some(wanted) => return Ok(false),
            _ => {}
        }
    }
    Ok(true)
}

fn is_active(doc: &Document) -> bool {
    is_active_status(doc.get_str("status").unwrap_or(""))
}

fn job_of(key: &CacheKey) -> Option<ObjectId> {
    match key {
        CacheKey::Job(job) | CacheKey::Pair { job, .. } => Some(*job),
        CacheKey::Resume(_) => None,
    }
}

fn resume_of(key: &CacheKey) -> Option<ObjectId> {
    match key {
        CacheKey::Resume(resume) | CacheKey::Pair { resume, .. } => Some(*resume),
        CacheKey::Job(_) => None,
    }
}

impl State {
    fn jobs_where(&self, filter: &Document, active_only: bool) -> Result<Vec<JobRecord>> {
        let mut found = Vec::new();
        for doc in self.jobs.values() {
            if (!active_only || is_active(doc)) && matches(doc, filter)? {
                found.extend(JobRecord::from_document(doc));
            }
        }
        Ok(found)
    }

    fn job_vectors(&self, entry: &Document, sections: &[&str]) -> Option<JobVectors> {
        Some(JobVectors {
            job: entry.get_object_id("jobPosting").ok()?,
            updated_at: *entry.get_datetime(UPDATED_AT).ok()?,
            sections: section_vectors(entry.get(MEAN_EMBEDDINGS), sections)?,
        })
    }
}

#[async_trait]
impl Documents for MemoryStore {
    async fn resume(&self, id: &ObjectId, purpose: ResumeFields) -> Result<ResumeRecord> {
        let state = self.state();
        let doc = state
            .resumes
            .get(id)
            .ok_or_else(|| Error::ResumeNotFound(id.to_hex()))?;
        let record = ResumeRecord::from_document(*id, doc);
        Ok(match purpose {
            ResumeFields::Matching => record.with_text_skills(),
            ResumeFields::Scoring => record,
        })
    }
    async fn jobs(&self, ids: &[ObjectId]) -> Result<Vec<JobRecord>> {
        let found = {
            let state = self.state();
            let mut seen = HashSet::new();
            ids.iter()
                .filter(|id| seen.insert(**id))
                .filter_map(|id| JobRecord::from_document(state.jobs.get(id)?))
                .collect()
        };
        Ok(self.read_postings(found))
    }
    async fn jobs_matching(&self, filter: Document) -> Result<Vec<JobRecord>> {
        let found = self.state().jobs_where(&filter, false)?;
        Ok(self.read_postings(found))
    }
    async fn active_jobs_matching(&self, filter: Document) -> Result<Vec<JobRecord>> {
        let found = self.state().jobs_where(&filter, true)?;
        Ok(self.read_postings(found))
    }
    async fn active_job_titles_matching(&self, filter: Document) -> Result<Vec<JobRecord>> {
        let found = self.state().jobs_where(&filter, true)?;
        Ok(self.read_postings(found))
    }
    async fn active_job_ids_matching(&self, filter: Document) -> Result<Vec<ObjectId>> {
        let jobs = self.state().jobs_where(&filter, true)?;
        Ok(self.read_postings(jobs).into_iter().map(|j| j.id).collect())
    }
    async fn status_counts(&self, filter: Document) -> Result<Vec<(String, usize)>> {
        let mut counts: HashMap<String, usize> = HashMap::new();
        for job in self.state().jobs_where(&filter, false)? {
            *counts.entry(job.status).or_default() += 1;
        }
        let mut counts: Vec<(String, usize)> = counts.into_iter().collect();
        counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        Ok(counts)
    }
    async fn active_among(&self, ids: &[ObjectId]) -> Result<HashSet<ObjectId>> {
        let jobs = Documents::jobs(self, ids).await?;
        Ok(jobs
            .into_iter()
            .filter(|j| is_active_status(&j.status))
            .map(|j| j.id)
            .collect())
    }
    async fn posting_skills(&self, ids: &[ObjectId]) -> Result<Vec<(ObjectId, Vec<String>)>> {
        let jobs = Documents::jobs(self, ids).await?;
        Ok(jobs.into_iter().map(|j| (j.id, j.skills)).collect())
    }
    async fn applied_job_ids(&self, user: &str) -> Result<Vec<ObjectId>> {
        let mut seen = HashSet::new();
        Ok(self
            .state()
            .applications
            .iter()
            .filter(|(who, job)| who == user && seen.insert(*job))
            .map(|(_, job)| *job)
            .collect())
    }
    async fn co_applications(
        &self,
        user: &str,
        mine: &[ObjectId],
    ) -> Result<Vec<(String, ObjectId)>> {
        let me = canonical_user(user);
        let state = self.state();
        let others: HashSet<&String> = state
            .applications
            .iter()
            .filter(|(who, job)| mine.contains(job) && canonical_user(who) != me)
            .map(|(who, _)| who)
            .collect();
        let mut pairs: Vec<(String, ObjectId)> = mine.iter().map(|j| (me.clone(), *j)).collect();
        pairs.extend(
            state
                .applications
                .iter()
                .filter(|(who, _)| others.contains(who))
                .map(|(who, job)| (canonical_user(who), *job)),
        );
        Ok(pairs)
    }
}

#[async_trait]
impl ResultCache for MemoryStore {
    fn damaged_entries(&self) -> u64 {
        self.damaged.load(std::sync::atomic::Ordering::Relaxed)
    }
    async fn cached(
        &self,
        cache: Cache,
        key: &CacheKey,
        max_age: chrono::Duration,
    ) -> Result<Option<Document>> {
        Ok(self
            .cache_entry(cache, key)
            .filter(|doc| is_fresh(doc, max_age)))
    }
    async fn put_cached_many(
        &self,
        cache: Cache,
        entries: Vec<(CacheKey, Document)>,
    ) -> Result<()> {
        let now = bson::DateTime::now();
        let mut state = self.state();
        for (key, mut body) in entries {
            for reserved in ["_id", CREATED_AT, UPDATED_AT, "resume", "jobPosting"] {
                body.remove(reserved);
            }
            pack_vectors(&mut body);
            let created = state
                .caches
                .get(&(cache, key))
                .and_then(|old| old.get_datetime(CREATED_AT).ok().copied())
                .unwrap_or(now);
            if let Some(resume) = resume_of(&key) {
                body.insert("resume", resume);
            }
            if let Some(job) = job_of(&key) {
                body.insert("jobPosting", job);
            }
            body.insert(CREATED_AT, created);
            body.insert(UPDATED_AT, now);
            state.caches.insert((cache, key), body);
        }
        Ok(())
    }
    async fn cached_comparisons(
        &self,
        resume: &ObjectId,
        jobs: &[ObjectId],
        max_age: chrono::Duration,
    ) -> Result<HashMap<ObjectId, Document>> {
        let mut found = HashMap::new();
        for job in jobs {
            let key = CacheKey::Pair {
                resume: *resume,
                job: *job,
            };
            if let Some(doc) = self.cached(Cache::Comparisons, &key, max_age).await? {
                found.insert(*job, doc);
            }
        }
        Ok(found)
    }
    async fn cached_job_embeddings(
        &self,
        jobs: &[ObjectId],
        max_age: chrono::Duration,
    ) -> Result<HashMap<ObjectId, Document>> {
        let mut found = HashMap::new();
        for job in jobs {
            let key = CacheKey::Job(*job);
            if let Some(doc) = self.cached(Cache::JobEmbeddings, &key, max_age).await? {
                found.insert(*job, doc);
            }
        }
        Ok(found)
    }
    async fn job_vectors(
        &self,
        sections: &[&str],
        since: Option<bson::DateTime>,
        max_age: chrono::Duration,
    ) -> Result<Vec<JobVectors>> {
        let oldest = fresh_since(max_age).max(since.unwrap_or(bson::DateTime::MIN));
        let state = self.state();
        Ok(state
            .caches
            .iter()
            .filter(|((cache, _), doc)| {
                *cache == Cache::JobEmbeddings
                    && doc.get_datetime(UPDATED_AT).is_ok_and(|d| *d >= oldest)
            })
            .filter_map(|(_, doc)| state.job_vectors(doc, sections))
            .collect())
    }
    async fn job_embedding_ids(&self, max_age: chrono::Duration) -> Result<HashSet<ObjectId>> {
        let state = self.state();
        Ok(state
            .caches
            .iter()
            .filter(|((cache, _), doc)| *cache == Cache::JobEmbeddings && is_fresh(doc, max_age))
            .filter_map(|((_, key), _)| job_of(key))
            .collect())
    }
    async fn job_vectors_of(
        &self,
        jobs: &[ObjectId],
        sections: &[&str],
        max_age: chrono::Duration,
    ) -> Result<HashMap<ObjectId, JobVectors>> {
        let state = self.state();
        Ok(jobs
            .iter()
            .filter_map(|job| {
                state
                    .caches
                    .get(&(Cache::JobEmbeddings, CacheKey::Job(*job)))
            })
            .filter(|doc| is_fresh(doc, max_age))
            .filter_map(|doc| state.job_vectors(doc, sections))
            .map(|v| (v.job, v))
            .collect())
    }
    /// Exact search over the stored match vectors of active postings.
    async fn vector_search(
        &self,
        _index: &str,
        query: &[f32],
        _num_candidates: usize,
        limit: usize,
    ) -> Result<Vec<ObjectId>> {
        let state = self.state();
        let mut scored: Vec<(f32, ObjectId)> = state
            .caches
            .iter()
            .filter(|((cache, _), doc)| *cache == Cache::JobEmbeddings && is_active(doc))
            .filter_map(|((_, key), doc)| {
                let vector = decode_vector(doc.get(MATCH_VECTOR)?)?;
                let dot = vector.iter().zip(query).map(|(a, b)| a * b).sum();
                Some((dot, job_of(key)?))
            })
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        Ok(scored.into_iter().take(limit).map(|(_, id)| id).collect())
    }
    async fn invalidate_resume(&self, id: &ObjectId) -> Result<u64> {
        let mut state = self.state();
        let before = state.caches.len();
        state.caches.retain(|(cache, key), _| {
            !(resume_of(key) == Some(*id) && *cache != Cache::JobEmbeddings)
        });
        Ok((before - state.caches.len()) as u64)
    }
    async fn invalidate_job(&self, id: &ObjectId) -> Result<u64> {
        let mut state = self.state();
        let before = state.caches.len();
        state.caches.retain(|(_, key), _| job_of(key) != Some(*id));
        Ok((before - state.caches.len()) as u64)
    }
    async fn cached_clusters(
        &self,
        key: &str,
        max_age: chrono::Duration,
    ) -> Result<Option<Document>> {
        Ok(self
            .state()
            .clusters
            .get(key)
            .filter(|doc| is_fresh(doc, max_age))
            .cloned())
    }
    async fn put_clusters(&self, key: &str, request: Document, body: Document) -> Result<()> {
        let mut doc = body;
        doc.insert("request", request);
        doc.insert(UPDATED_AT, bson::DateTime::now());
        self.state().clusters.insert(key.to_string(), doc);
        Ok(())
    }
}

#[async_trait]
impl TextCache for MemoryStore {
    async fn text_vectors(
        &self,
        keys: &[String],
        max_age: chrono::Duration,
    ) -> Result<HashMap<String, Vec<f32>>> {
        let oldest = fresh_since(max_age);
        let state = self.state();
        Ok(keys
            .iter()
            .filter_map(|key| {
                let (vector, written) = state.texts.get(key)?;
                (*written >= oldest).then(|| (key.clone(), vector.clone()))
            })
            .collect())
    }
    async fn put_text_vectors(&self, _model: &str, entries: &[(String, &[f32])]) -> Result<()> {
        let now = bson::DateTime::now();
        let mut state = self.state();
        for (key, vector) in entries {
            state.texts.insert(key.clone(), (vector.to_vec(), now));
        }
        Ok(())
    }
    /// One process: every claim is granted.
    async fn claim_texts(
        &self,
        keys: &[String],
        _owner: &str,
        _lease: chrono::Duration,
    ) -> Result<HashSet<String>> {
        Ok(keys.iter().cloned().collect())
    }
    async fn release_texts(&self, _keys: &[String], _owner: &str) -> Result<()> {
        Ok(())
    }
}

#[async_trait]
impl Snapshots for MemoryStore {
    async fn snapshot_written_at(&self, tag: &str) -> Result<Option<bson::DateTime>> {
        Ok(self.state().snapshots.get(tag).map(|(at, _)| *at))
    }
    async fn snapshot(&self, tag: &str) -> Result<Option<Vec<u8>>> {
        Ok(self
            .state()
            .snapshots
            .get(tag)
            .map(|(_, blob)| blob.clone()))
    }
    async fn put_snapshot(&self, tag: &str, blob: &[u8]) -> Result<()> {
        let written = bson::DateTime::now();
        self.state()
            .snapshots
            .insert(tag.to_string(), (written, blob.to_vec()));
        Ok(())
    }
}
