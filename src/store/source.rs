//! Reads of the app's own collections: resumes, job postings, applications.

use std::collections::{HashMap, HashSet};

use bson::{doc, Bson, Document};

use super::records::{entry_name, items, job_projection};
use super::{collect, JobRecord, ObjectId, ResumeFields, ResumeRecord, Store, KEYS_PER_QUERY};
use crate::domain::skills::normalize_skill;
use crate::error::{Error, Result};

/// Spellings of the "active" posting status. An `$in` of exact values stays cheap and can
/// use an index, unlike a case-insensitive regex.
const ACTIVE_STATUSES: [&str; 3] = ["active", "Active", "ACTIVE"];

fn active_filter() -> Document {
    doc! { "status": { "$in": active_statuses() } }
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
        Ok(ResumeRecord::from_document(*id, &doc))
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
                .find_jobs(doc! { "_id": { "$in": chunk.to_vec() } })
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
        self.find_jobs(filter).await
    }

    /// Ids of the active postings, ordered; one query that returns ids only.
    pub async fn active_job_ids(&self) -> Result<Vec<ObjectId>> {
        let cursor = self
            .collection(&self.names().job_postings)
            .find(active_filter())
            .projection(doc! { "_id": 1 })
            .sort(doc! { "_id": 1 })
            .await?;
        Ok(collect(cursor)
            .await?
            .iter()
            .filter_map(|posting| posting.get_object_id("_id").ok())
            .collect())
    }

    /// Postings matching a caller's MongoDB filter (e.g. `{ status: "active" }`), ordered by id.
    pub async fn jobs_matching(&self, filter: Document) -> Result<Vec<JobRecord>> {
        self.find_jobs(filter).await
    }

    async fn find_jobs(&self, filter: Document) -> Result<Vec<JobRecord>> {
        let cursor = self
            .collection(&self.names().job_postings)
            .find(filter)
            .projection(job_projection())
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
        let mut user_forms = vec![Bson::String(user.to_string())];
        if let Ok(oid) = ObjectId::parse_str(user) {
            user_forms.push(Bson::ObjectId(oid));
        }
        let cursor = self
            .collection(&self.names().applications)
            .find(doc! { &fields.user: { "$in": user_forms } })
            .projection(doc! { &fields.job: 1, "_id": 0 })
            .await?;
        let mut seen = HashSet::new();
        Ok(collect(cursor)
            .await?
            .iter()
            .filter_map(|application| match application.get(&fields.job)? {
                Bson::ObjectId(id) => Some(*id),
                Bson::String(hex) => ObjectId::parse_str(hex).ok(),
                _ => None,
            })
            .filter(|id| seen.insert(*id))
            .collect())
    }

    /// Skills asked for by active postings, with how many postings ask for each, most
    /// demanded first (ties by name). A skill counts once per posting. Spellings are
    /// grouped by [`normalize_skill`] (so "React", "react" and "React.js" are one skill,
    /// as the scoring compares them) and shown in their most common spelling.
    ///
    /// Counted here rather than by an aggregation: skills are an array of strings or
    /// `{name}` documents, which pipelines (and some compatible servers) handle poorly.
    ///
    /// Only postings that share a skill with `related_to` count (all of them when none does),
    /// so a backend engineer is not told to learn what nursing postings ask for.
    pub async fn skill_demand(&self, related_to: &[String]) -> Result<Vec<(String, usize)>> {
        let cursor = self
            .collection(&self.names().job_postings)
            .find(active_filter())
            .projection(doc! { "skills": 1, "_id": 0 })
            .await?;
        let postings: Vec<Vec<(String, String)>> = collect(cursor)
            .await?
            .iter()
            .map(|posting| {
                let names = items(posting, "skills")
                    .iter()
                    .filter_map(entry_name)
                    .collect::<Vec<_>>();
                names
                    .into_iter()
                    .map(|name| (normalize_skill(&name), name))
                    .filter(|(key, _)| !key.is_empty())
                    .collect()
            })
            .collect();
        let known: HashSet<String> = related_to.iter().map(|s| normalize_skill(s)).collect();
        let related: Vec<&Vec<(String, String)>> = postings
            .iter()
            .filter(|skills| skills.iter().any(|(key, _)| known.contains(key)))
            .collect();
        let counted = if related.is_empty() {
            postings.iter().collect()
        } else {
            related
        };
        // normalised name → (postings asking for it, count of each spelling)
        let mut demand: HashMap<String, (usize, HashMap<String, usize>)> = HashMap::new();
        for skills in counted {
            let mut in_posting = HashSet::new();
            for (key, name) in skills {
                if !in_posting.insert(key.clone()) {
                    continue;
                }
                let (postings, spellings) = demand.entry(key.clone()).or_default();
                *postings += 1;
                *spellings.entry(name.clone()).or_default() += 1;
            }
        }
        let mut ranked: Vec<(String, usize)> = demand
            .into_values()
            .map(|(postings, spellings)| (most_common(spellings), postings))
            .collect();
        ranked.sort_by(|(a_name, a_count), (b_name, b_count)| {
            b_count
                .cmp(a_count)
                .then_with(|| a_name.to_lowercase().cmp(&b_name.to_lowercase()))
        });
        Ok(ranked)
    }
}

/// The most frequent spelling; ties go to the alphabetically first, so results are stable.
fn most_common(spellings: HashMap<String, usize>) -> String {
    spellings
        .into_iter()
        .max_by(|(a, a_count), (b, b_count)| a_count.cmp(b_count).then_with(|| b.cmp(a)))
        .map(|(spelling, _)| spelling)
        .unwrap_or_default()
}
