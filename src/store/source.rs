//! Reads of the app's own collections: resumes, job postings, applications.

use std::collections::{HashMap, HashSet};

use bson::{doc, Bson, Document};

use super::records::{entry_name, items, job_projection, posting_text_projection};
use super::{collect, JobRecord, ObjectId, ResumeFields, ResumeRecord, Store, KEYS_PER_QUERY};
use crate::domain::constants::CF_MAX_APPLICATIONS;
use crate::error::{Error, Result};

/// The forms a user id may be stored in: the text, and the ObjectId it spells if any.
fn user_forms(user: &str) -> Vec<Bson> {
    let oid = ObjectId::parse_str(user).ok().map(Bson::ObjectId);
    std::iter::once(Bson::String(user.to_string()))
        .chain(oid)
        .collect()
}

/// A posting id as an application stores it: an ObjectId or its 24-hex text.
fn job_id_of(value: &Bson) -> Option<ObjectId> {
    match value {
        Bson::ObjectId(id) => Some(*id),
        Bson::String(hex) => ObjectId::parse_str(hex).ok(),
        _ => None,
    }
}

/// A user id as text (see [`canonical_user`]).
fn user_text(value: &Bson) -> Option<String> {
    match value {
        Bson::String(s) => Some(canonical_user(s)),
        Bson::ObjectId(id) => Some(id.to_hex()),
        _ => None,
    }
}

/// A user id as [`Store::co_applications`] spells it: an ObjectId (or its hex in any case) as
/// lowercase hex, anything else as given.
pub fn canonical_user(user: &str) -> String {
    ObjectId::parse_str(user).map_or_else(|_| user.to_string(), |id| id.to_hex())
}

/// Spellings of the "active" posting status. An `$in` of exact values stays cheap and can
/// use an index, unlike a case-insensitive regex.
const ACTIVE_STATUSES: [&str; 3] = ["active", "Active", "ACTIVE"];

fn active_filter() -> Document {
    doc! { "status": { "$in": active_statuses() } }
}

/// The active postings among those a caller's filter selects (all active ones for `{}`).
fn active_and(filter: Document) -> Document {
    if filter.is_empty() {
        active_filter()
    } else {
        doc! { "$and": [active_filter(), filter] }
    }
}

pub(super) fn active_statuses() -> Vec<&'static str> {
    ACTIVE_STATUSES.to_vec()
}

/// Whether a posting's `status` is one that [`Store::active_jobs`] selects.
pub fn is_active_status(status: &str) -> bool {
    ACTIVE_STATUSES.contains(&status)
}

impl Store {
    /// The resume with only the fields `purpose` needs; `Err(ResumeNotFound)` when absent.
    pub async fn resume(&self, id: &ObjectId, purpose: ResumeFields) -> Result<ResumeRecord> {
        let doc = self
            .collection(&self.names().resumes)
            .find_one(doc! { "_id": id })
            .projection(purpose.projection())
            .await?
            .ok_or_else(|| Error::ResumeNotFound(id.to_hex()))?;
        let record = ResumeRecord::from_document(*id, &doc);
        Ok(match purpose {
            ResumeFields::Matching => record.with_text_skills(),
            ResumeFields::Scoring => record,
        })
    }

    /// The job posting; `Err(JobNotFound)` when absent.
    pub async fn job(&self, id: &ObjectId) -> Result<JobRecord> {
        self.jobs(std::slice::from_ref(id))
            .await?
            .pop()
            .ok_or_else(|| Error::JobNotFound(id.to_hex()))
    }

    /// The postings among `ids`, one query per 500 ids. Each found id appears once, in the order of
    /// its first occurrence in `ids`; missing ones are simply absent (the caller decides).
    pub async fn jobs(&self, ids: &[ObjectId]) -> Result<Vec<JobRecord>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let mut found: HashMap<ObjectId, JobRecord> = HashMap::new();
        for chunk in ids.chunks(KEYS_PER_QUERY) {
            let jobs = self
                .find_jobs(doc! { "_id": { "$in": chunk.to_vec() } }, job_projection())
                .await?;
            found.extend(jobs.into_iter().map(|job| (job.id, job)));
        }
        Ok(ids.iter().filter_map(|id| found.remove(id)).collect())
    }

    /// Active postings (status "active", any common capitalisation) except `exclude`,
    /// ordered by id.
    pub async fn active_jobs(&self, exclude: &[ObjectId]) -> Result<Vec<JobRecord>> {
        let mut filter = active_filter();
        if !exclude.is_empty() {
            filter.insert("_id", doc! { "$nin": exclude.to_vec() });
        }
        self.find_jobs(filter, job_projection()).await
    }

    /// Ids of the active postings that also match a caller's filter (`{}`: all of them),
    /// ascending; one query that returns ids only.
    pub async fn active_job_ids_matching(&self, filter: Document) -> Result<Vec<ObjectId>> {
        let cursor = self
            .collection(&self.names().job_postings)
            .find(active_and(filter))
            .projection(doc! { "_id": 1 })
            .sort(doc! { "_id": 1 })
            .await?;
        Ok(collect(cursor)
            .await?
            .iter()
            .filter_map(|posting| posting.get_object_id("_id").ok())
            .collect())
    }

    /// The active postings that also match a caller's filter, ordered by id.
    pub async fn active_jobs_matching(&self, filter: Document) -> Result<Vec<JobRecord>> {
        self.find_jobs(active_and(filter), job_projection()).await
    }

    /// How many postings matching a caller's filter have each `status` (as stored; a
    /// missing status counts as "").
    pub async fn status_counts(&self, filter: Document) -> Result<Vec<(String, usize)>> {
        let cursor = self
            .collection(&self.names().job_postings)
            .find(filter)
            .projection(doc! { "status": 1, "_id": 0 })
            .await?;
        let mut counts: HashMap<String, usize> = HashMap::new();
        for posting in collect(cursor).await? {
            let status = posting.get_str("status").unwrap_or("").to_string();
            *counts.entry(status).or_default() += 1;
        }
        let mut counts: Vec<(String, usize)> = counts.into_iter().collect();
        counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        Ok(counts)
    }

    /// Postings matching a caller's MongoDB filter (e.g. `{ status: "active" }`), ordered by id.
    pub async fn jobs_matching(&self, filter: Document) -> Result<Vec<JobRecord>> {
        self.find_jobs(filter, job_projection()).await
    }

    /// The active postings that also match a caller's filter, ordered by id, with only their
    /// titles and skills read (what naming and describing clusters needs).
    pub async fn active_job_titles_matching(&self, filter: Document) -> Result<Vec<JobRecord>> {
        self.find_jobs(active_and(filter), posting_text_projection())
            .await
    }

    async fn find_jobs(&self, filter: Document, projection: Document) -> Result<Vec<JobRecord>> {
        let cursor = self
            .collection(&self.names().job_postings)
            .find(filter)
            .projection(projection)
            .sort(doc! { "_id": 1 })
            .await?;
        Ok(collect(cursor)
            .await?
            .iter()
            .filter_map(JobRecord::from_document)
            .collect())
    }

    /// Ids of the postings `user` applied to, each once. The user field is matched in both
    /// ObjectId and string form (backends store either); posting ids are kept when they are
    /// ObjectIds or 24-hex strings.
    pub async fn applied_job_ids(&self, user: &str) -> Result<Vec<ObjectId>> {
        let fields = &self.inner.application_fields;
        let cursor = self
            .collection(&self.names().applications)
            .find(doc! { &fields.user: { "$in": user_forms(user) } })
            .projection(doc! { &fields.job: 1, "_id": 0 })
            .await?;
        let mut seen = HashSet::new();
        Ok(collect(cursor)
            .await?
            .iter()
            .filter_map(|application| job_id_of(application.get(&fields.job)?))
            .filter(|id| seen.insert(*id))
            .collect())
    }

    /// The user's applications and every application of the users who applied to a posting
    /// the user applied to, as `(user, posting)`: at most [`CF_MAX_APPLICATIONS`] besides the
    /// user's own. Users are compared as text, an ObjectId as its lowercase hex; the user
    /// appears as [`canonical_user`].
    /// `mine`: the postings the user applied to ([`Store::applied_job_ids`]).
    pub async fn co_applications(
        &self,
        user: &str,
        mine: &[ObjectId],
    ) -> Result<Vec<(String, ObjectId)>> {
        let fields = &self.inner.application_fields;
        if mine.is_empty() {
            return Ok(Vec::new());
        }
        let me = canonical_user(user);
        let applications = self.collection(&self.names().applications);
        let mut others: HashSet<String> = HashSet::new();
        for chunk in mine.chunks(KEYS_PER_QUERY) {
            let forms: Vec<Bson> = chunk
                .iter()
                .flat_map(|id| [Bson::ObjectId(*id), Bson::String(id.to_hex())])
                .collect();
            let cursor = applications
                .find(doc! { &fields.job: { "$in": forms } })
                .projection(doc! { &fields.user: 1, "_id": 0 })
                .limit(CF_MAX_APPLICATIONS as i64)
                .await?;
            let found = collect(cursor).await?;
            others.extend(found.iter().filter_map(|a| user_text(a.get(&fields.user)?)));
        }
        others.remove(&me);
        let others: Vec<String> = others.into_iter().collect();
        let mut pairs: Vec<(String, ObjectId)> =
            mine.iter().map(|job| (me.clone(), *job)).collect();
        let budget = CF_MAX_APPLICATIONS + pairs.len();
        for chunk in others.chunks(KEYS_PER_QUERY) {
            if pairs.len() >= budget {
                break;
            }
            let forms: Vec<Bson> = chunk.iter().flat_map(|u| user_forms(u)).collect();
            let cursor = applications
                .find(doc! { &fields.user: { "$in": forms } })
                .projection(doc! { &fields.user: 1, &fields.job: 1, "_id": 0 })
                .limit((budget - pairs.len()) as i64)
                .await?;
            for application in collect(cursor).await? {
                let who = application.get(&fields.user).and_then(user_text);
                let job = application.get(&fields.job).and_then(job_id_of);
                if let (Some(who), Some(job)) = (who, job) {
                    pairs.push((who, job));
                }
            }
        }
        Ok(pairs)
    }

    /// The active postings among `ids`. The filter is the key alone and the status is tested
    /// here: a server may otherwise pick the status index and scan every active posting.
    pub async fn active_among(&self, ids: &[ObjectId]) -> Result<HashSet<ObjectId>> {
        let mut open = HashSet::new();
        for chunk in ids.chunks(KEYS_PER_QUERY) {
            let cursor = self
                .collection(&self.names().job_postings)
                .find(doc! { "_id": { "$in": chunk.to_vec() } })
                .projection(doc! { "status": 1 })
                .await?;
            for posting in collect(cursor).await? {
                if let Ok(id) = posting.get_object_id("_id") {
                    if is_active_status(posting.get_str("status").unwrap_or("")) {
                        open.insert(id);
                    }
                }
            }
        }
        Ok(open)
    }

    /// The skill names of the postings among `ids`, by posting (ranked by
    /// [`crate::domain::demand::PostingSkills`]). Read here rather than counted by an
    /// aggregation: skills are an array of strings or `{name}` documents, which pipelines
    /// (and some compatible servers) handle poorly. Only the skills lists are read; the few
    /// postings without one are read again whole, for the skills their text names.
    pub async fn posting_skills(&self, ids: &[ObjectId]) -> Result<Vec<(ObjectId, Vec<String>)>> {
        let mut lists = Vec::with_capacity(ids.len());
        let mut unlisted = Vec::new();
        for chunk in ids.chunks(KEYS_PER_QUERY) {
            let cursor = self
                .collection(&self.names().job_postings)
                .find(doc! { "_id": { "$in": chunk.to_vec() } })
                .projection(doc! { "skills": 1 })
                .await?;
            for posting in collect(cursor).await? {
                let Ok(id) = posting.get_object_id("_id") else {
                    continue;
                };
                let listed: Vec<String> = items(&posting, "skills")
                    .iter()
                    .filter_map(entry_name)
                    .collect();
                if listed.is_empty() {
                    unlisted.push(id);
                } else {
                    lists.push((id, listed));
                }
            }
        }
        lists.extend(
            self.jobs(&unlisted)
                .await?
                .into_iter()
                .map(|job| (job.id, job.skills)),
        );
        Ok(lists)
    }
}
