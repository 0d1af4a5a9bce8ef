//! `getRecommendations`: candidates from the catalogue (or a vector-search index), refreshed
//! when due, then the best of them compared in full; and the ranking that `batchCompare` shares.

use std::collections::{HashMap, HashSet};

use crate::domain::constants::{
    CF_BLEND_WEIGHT, CF_CANDIDATES_PER_RESULT, DEFAULT_RESULT_LIMIT, EXTENDED_MAX_POOL,
    EXTENDED_MIN_POOL, EXTENDED_POOL_PER_RESULT, MAX_RESULT_LIMIT,
};
use crate::domain::factors::collaborative::CoApplied;
use crate::domain::factors::MatchModel;
use crate::domain::matching::match_percentage;
use crate::error::{Error, Result};
use crate::store::{is_active_status, parse_object_id, Cache, IdKind, ObjectId};

use super::compare::{section_similarities, MissingJobs};
use super::control::JOBS_PER_STEP;
use super::{catalogue, extended, Collaborative, Comparison, Control, Options, Sections, Service};

/// `$vectorSearch` examines this many candidates per result asked for (Atlas advises 10–20).
pub(super) const VECTOR_SEARCH_CANDIDATES_PER_RESULT: usize = 10;
/// Atlas's ceiling on `numCandidates`.
pub(super) const VECTOR_SEARCH_MAX_CANDIDATES: usize = 10_000;

impl Service {
    /// How many of the seed's best a call compares in full to return `limit`: more under
    /// extended matching or a role filter, which re-rank or drop some of them.
    pub(super) fn pool_size(&self, limit: usize, opts: &Options) -> usize {
        if self.settings.matching == MatchModel::Extended || opts.role.is_some() {
            (limit * EXTENDED_POOL_PER_RESULT)
                .max(EXTENDED_MIN_POOL)
                .min(limit.max(EXTENDED_MAX_POOL))
        } else {
            limit
        }
    }

    /// Drops the postings not told to be of the role the caller asked for.
    pub(super) fn keep_role(&self, results: &mut Vec<Comparison>, opts: &Options) {
        if let Some(role) = opts.role {
            results.retain(|c| c.factors.job_role.as_ref().is_some_and(|g| g.role == role));
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
        let pool = self.pool_size(limit, &opts);
        let (mut candidates, reported) = match &self.settings.vector_search_index {
            Some(index) => {
                let found = self
                    .vector_search_candidates(index, &means, &applied, pool)
                    .await?;
                (found, 0)
            }
            None => {
                self.catalogue_candidates(&means, &applied, pool, control)
                    .await?
            }
        };
        let co_applied = if self.settings.matching == MatchModel::Extended {
            extended::co_applied_postings(&*self.store, user_id, &applied).await?
        } else {
            Vec::new()
        };
        let open = self
            .open_co_applied(&co_applied, &applied, &candidates, limit)
            .await?;
        candidates.extend(&open);
        let mut results = self
            .best_comparisons(
                resume,
                &means,
                &candidates,
                // The seed ranks co-applied postings low; they stay in for the blend.
                pool + open.len(),
                &opts,
                &control.after(reported),
            )
            .await?;
        blend_co_applied(&mut results, &co_applied);
        self.keep_role(&mut results, &opts);
        results.truncate(limit);
        Ok(results)
    }

    /// The co-applied postings that join the candidates: still open, not applied to, not
    /// already among them; at most [`CF_CANDIDATES_PER_RESULT`] per result asked for.
    async fn open_co_applied(
        &self,
        co_applied: &[CoApplied<ObjectId>],
        applied: &HashSet<ObjectId>,
        candidates: &[ObjectId],
        limit: usize,
    ) -> Result<Vec<ObjectId>> {
        let suggested: Vec<ObjectId> = co_applied
            .iter()
            .take(limit * CF_CANDIDATES_PER_RESULT)
            .map(|c| c.job)
            .filter(|id| !applied.contains(id) && !candidates.contains(id))
            .collect();
        Ok(self
            .jobs(&suggested)
            .await?
            .into_iter()
            .filter(|job| is_active_status(&job.status))
            .map(|job| job.id)
            .collect())
    }

    pub(super) async fn recommendation_inputs(
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
    pub(super) async fn catalogue_candidates(
        &self,
        resume: &Sections,
        exclude: &HashSet<ObjectId>,
        limit: usize,
        control: &Control,
    ) -> Result<(Vec<ObjectId>, usize)> {
        self.refresh_catalogue().await?;
        let (ranked, unembedded) = {
            let board = self.catalogue.lock().await;
            (board.len(), board.unembedded())
        };
        let total = ranked + unembedded.len();
        self.embed_into_catalogue(&unembedded, ranked, total, control)
            .await?;
        loop {
            control.check()?;
            let candidates = self
                .catalogue
                .lock()
                .await
                .candidates(resume, exclude, limit);
            // Closed since the last listing: leaves the catalogue, and the candidates are
            // named again without it (so the result stays that of the open postings).
            let open = self.store.active_among(&candidates).await?;
            if open.len() == candidates.len() {
                return Ok((candidates, total));
            }
            let mut board = self.catalogue.lock().await;
            for closed in candidates.iter().filter(|id| !open.contains(id)) {
                board.remove(closed);
            }
        }
    }

    /// Embeds the postings `ids` (the catalogue learns each active one; one deleted since is
    /// dropped) in steps of [`JOBS_PER_STEP`], reporting progress from `done` of `total`.
    pub(super) async fn embed_into_catalogue(
        &self,
        ids: &[ObjectId],
        mut done: usize,
        total: usize,
        control: &Control,
    ) -> Result<()> {
        control.report(done, total);
        for (i, step) in ids.chunks(JOBS_PER_STEP).enumerate() {
            self.step_turn(i, control).await?;
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
    pub(super) async fn vector_search_candidates(
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
    pub(super) async fn best_comparisons(
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
        let means = self.match_means(&order, opts, control).await?;
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
        let ranked: Vec<(usize, ObjectId)> = ranked
            .into_iter()
            .map(|(_, position, id)| (position, id))
            .collect();
        self.compare_best(resume, &ranked, limit, opts, &control.after(order.len()))
            .await
    }

    /// The skills and title means of each posting of `order`: fresh cached ones (unless
    /// forced), the rest embedded in steps that report progress and can be aborted. Unknown
    /// ids are absent.
    async fn match_means(
        &self,
        order: &[ObjectId],
        opts: &Options,
        control: &Control,
    ) -> Result<HashMap<ObjectId, Sections>> {
        let mut means: HashMap<ObjectId, Sections> = HashMap::new();
        if !opts.force {
            let ttl = Cache::JobEmbeddings.ttl();
            for (id, found) in self
                .store
                .job_vectors_of(order, &catalogue::MATCH_SECTIONS, ttl)
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
        for (i, step) in missing.chunks(JOBS_PER_STEP).enumerate() {
            self.step_turn(i, control).await?;
            let jobs = self.jobs(step).await?;
            for (id, computed) in self.job_embeddings_for(&jobs, opts).await? {
                means.insert(id, computed.mean_embeddings);
            }
            done += step.len();
            control.report(done, total);
        }
        Ok(means)
    }

    /// Full comparisons of the `ranked` postings (`(position in the caller's list, id)`, best
    /// first), until `limit` postings that still exist are compared (one deleted after its
    /// embeddings were cached is skipped); best first, ties by position.
    async fn compare_best(
        &self,
        resume: ObjectId,
        ranked: &[(usize, ObjectId)],
        limit: usize,
        opts: &Options,
        control: &Control,
    ) -> Result<Vec<Comparison>> {
        let position: HashMap<String, usize> = ranked
            .iter()
            .map(|(position, id)| (id.to_hex(), *position))
            .collect();
        let mut results: Vec<Comparison> = Vec::with_capacity(limit);
        let mut next = ranked.iter();
        let mut tried = 0;
        while results.len() < limit {
            let mut batch: Vec<(usize, ObjectId)> =
                next.by_ref().take(limit - results.len()).copied().collect();
            if batch.is_empty() {
                break;
            }
            batch.sort_unstable();
            let ids: Vec<ObjectId> = batch.into_iter().map(|(_, id)| id).collect();
            let stage = control.after(tried);
            tried += ids.len();
            results.extend(
                self.comparisons(resume, &ids, MissingJobs::Skip, opts, &stage)
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

/// Attaches each result's co-application signal and re-ranks by the blend of match and
/// signal ([`CF_BLEND_WEIGHT`]); nothing changes without co-applications.
fn blend_co_applied(results: &mut [Comparison], co_applied: &[CoApplied<ObjectId>]) {
    if co_applied.is_empty() {
        return;
    }
    let signal: HashMap<String, &CoApplied<ObjectId>> =
        co_applied.iter().map(|c| (c.job.to_hex(), c)).collect();
    for result in results.iter_mut() {
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
