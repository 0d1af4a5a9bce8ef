//! `backfillJobEmbeddings`: every posting's embeddings ahead of time, in steps; and
//! `planBackfill`: the same work split into chunks of posting ids, for a fleet of workers
//! (each chunk one queue job that backfills exactly its ids; see docs/fleet-backfill.md).

use std::collections::HashMap;

use bson::{doc, Document};

use crate::domain::factors::MatchModel;
use crate::error::{Error, Result};
use crate::store::{Cache, JobRecord, ObjectId};

use super::control::JOBS_PER_STEP;
use super::{extended, Backfill, BackfillPlan, Control, Options, Service};

/// Postings per chunk of a [`Service::plan_backfill`] unless the caller says otherwise: a few
/// hundred postings are seconds to a minute of model time, short enough that a worker that
/// dies loses little, long enough that queue overhead does not count.
pub const DEFAULT_BACKFILL_CHUNK: usize = 200;
/// The largest chunk a caller may ask for.
pub const MAX_BACKFILL_CHUNK: usize = 10_000;

/// Validates a caller's chunk size (default [`DEFAULT_BACKFILL_CHUNK`]).
pub fn backfill_chunk_size(raw: Option<f64>) -> Result<usize> {
    match raw {
        None => Ok(DEFAULT_BACKFILL_CHUNK),
        Some(n) if n.fract() == 0.0 && (1.0..=MAX_BACKFILL_CHUNK as f64).contains(&n) => {
            Ok(n as usize)
        }
        Some(n) => Err(Error::InvalidArgument(format!(
            "chunkSize must be a whole number from 1 to {MAX_BACKFILL_CHUNK}, got {n}"
        ))),
    }
}

/// `filter` narrowed to the postings `ids` (none for an empty list).
pub fn only_jobs(filter: Document, ids: Vec<ObjectId>) -> Document {
    let ids = doc! { "_id": { "$in": ids } };
    if filter.is_empty() {
        ids
    } else {
        doc! { "$and": [filter, ids] }
    }
}

impl Service {
    /// The postings matching `filter` (all postings when empty), and those among them with
    /// fresh cached embeddings under the current limits (none when `force`d).
    async fn backfill_state(
        &self,
        filter: Document,
        opts: &Options,
    ) -> Result<(Vec<JobRecord>, HashMap<ObjectId, Document>)> {
        let jobs = self.jobs_matching(filter).await?;
        if opts.force {
            return Ok((jobs, HashMap::new()));
        }
        let ids: Vec<ObjectId> = jobs.iter().map(|j| j.id).collect();
        let mut cached = self
            .store
            .cached_job_embeddings(&ids, Cache::JobEmbeddings.ttl())
            .await?;
        cached.retain(|_, doc| self.under_current_limits(doc));
        let kind = super::result_cache::counted_as(Cache::JobEmbeddings);
        crate::observe::cache_lookups(kind, cached.len(), jobs.len() - cached.len());
        Ok((jobs, cached))
    }

    /// What [`Service::backfill_job_embeddings`] would embed, as chunks of at most `chunk`
    /// posting ids in id order; it embeds nothing. Backfilling each chunk (a filter of its
    /// ids, see [`only_jobs`]) embeds them all, whoever does it and in whatever order.
    pub async fn plan_backfill(
        &self,
        filter: Document,
        opts: Options,
        chunk: usize,
    ) -> Result<BackfillPlan> {
        let (jobs, fresh) = self.backfill_state(filter, &opts).await?;
        let todo: Vec<String> = jobs
            .iter()
            .filter(|j| !fresh.contains_key(&j.id))
            .map(|j| j.id.to_hex())
            .collect();
        Ok(BackfillPlan {
            total: jobs.len(),
            fresh: fresh.len(),
            chunks: todo.chunks(chunk.max(1)).map(<[String]>::to_vec).collect(),
        })
    }

    /// Embeds every posting matching `filter` (all postings when empty) that lacks fresh
    /// cached embeddings, in steps of [`JOBS_PER_STEP`].
    pub async fn backfill_job_embeddings(
        &self,
        filter: Document,
        opts: Options,
        control: &Control,
    ) -> Result<Backfill> {
        control.check()?;
        let (jobs, fresh) = self.backfill_state(filter, &opts).await?;
        let total = jobs.len();
        // Extended matching also reads each posting's description (the experience factor):
        // embedded here, once, rather than by the first recommendations that rank the posting.
        // And its document windows (the document factor).
        let descriptions: Vec<String> = if self.settings.matching == MatchModel::Extended {
            jobs.iter()
                .flat_map(|j| {
                    let description =
                        extended::description_text(j, self.settings.limits.text_chars);
                    std::iter::once(description).chain(extended::posting_windows(j))
                })
                .filter(|d| !d.is_empty())
                .collect()
        } else {
            Vec::new()
        };
        let todo: Vec<JobRecord> = jobs
            .into_iter()
            .filter(|j| !fresh.contains_key(&j.id))
            .collect();
        let mut done = fresh.len();
        control.report(done, total);
        for (i, step) in todo.chunks(JOBS_PER_STEP).enumerate() {
            self.step_turn(i, control).await?;
            self.job_embeddings_for(step, &Options::FORCE).await?;
            done += step.len();
            control.report(done, total);
        }
        for (i, step) in descriptions.chunks(JOBS_PER_STEP).enumerate() {
            self.step_turn(i + 1, control).await?;
            self.vectors(step).await?;
        }
        Ok(Backfill {
            total,
            embedded: todo.len(),
            fresh: fresh.len(),
        })
    }
}
