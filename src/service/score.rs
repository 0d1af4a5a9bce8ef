//! `scoreResume`: the resume's score card, with the skills active postings ask for most.

use crate::domain::experience::{total_experience_years, ExperienceSummary};
use crate::domain::scoring::score_resume;
use crate::error::Result;
use crate::store::{parse_object_id, Cache, CacheKey, IdKind, ResumeFields, ResumeRecord};

use super::{Options, ScoreResult, Service};
impl Service {
    pub async fn score_resume(&self, resume_id: &str, opts: Options) -> Result<ScoreResult> {
        let id = parse_object_id(IdKind::Resume, resume_id)?;
        let key = CacheKey::Resume(id);
        if let Some(hit) = self.cached(Cache::ResumeScores, &key, &opts).await? {
            return Ok(hit);
        }
        let resume = self.store.resume(&id, ResumeFields::Scoring).await?;
        // Demand comes from the catalogue's skills lists, kept up to date by its listings
        // and by invalidateJob: no call reads the board.
        self.refresh_catalogue().await?;
        let demand = self
            .catalogue
            .lock()
            .await
            .demand()
            .rank(&resume.profile.skills);
        let in_demand: Vec<String> = demand.into_iter().map(|(name, _)| name).collect();
        let score = score_resume(&resume.profile, &experience(&resume), &in_demand);
        let result = ScoreResult {
            resume_id: id.to_hex(),
            score,
        };
        self.put(Cache::ResumeScores, &key, &result).await?;
        Ok(result)
    }
}

pub(super) fn experience(resume: &ResumeRecord) -> ExperienceSummary {
    total_experience_years(&resume.work_periods, chrono::Utc::now())
}
