//! `backfillJobEmbeddings`: every posting's embeddings ahead of time, in steps.

use std::collections::HashMap;

use crate::domain::factors::MatchModel;
use crate::error::Result;
use crate::store::{Cache, JobRecord, ObjectId};

use super::control::JOBS_PER_STEP;
use super::{extended, Backfill, Control, Options, Service};

impl Service {
    /// Embeds every posting matching `filter` (all postings when empty) that lacks fresh
    /// cached embeddings, in steps of [`JOBS_PER_STEP`].
    pub async fn backfill_job_embeddings(
        &self,
        filter: bson::Document,
        opts: Options,
        control: &Control,
    ) -> Result<Backfill> {
        control.check()?;
        let jobs = self.jobs_matching(filter).await?;
        let ids: Vec<ObjectId> = jobs.iter().map(|j| j.id).collect();
        let fresh = if opts.force {
            HashMap::new()
        } else {
            let mut cached = self
                .store
                .cached_job_embeddings(&ids, Cache::JobEmbeddings.ttl())
                .await?;
            cached.retain(|_, doc| self.under_current_limits(doc));
            cached
        };
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
        let (total, mut done) = (ids.len(), fresh.len());
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
