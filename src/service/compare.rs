//! Comparisons of a resume with postings: gather the texts, embed them (through the text-vector
//! cache), assess each pair (domain), write the caches. Also the section embeddings of each side.

use std::collections::{HashMap, HashSet};

use super::vectors::Vector;
use crate::domain::factors::{
    extended_match, Factor, Factors, MatchModel, Preferences, ResumeFacts,
};
use crate::domain::matching::{
    compare, cosine, match_skills, mean_vector, recommendation_level, MatchResult,
    SectionSimilarities,
};
use crate::domain::sections::{posting_sections, resume_document, resume_sections, SectionTexts};
use crate::domain::skill_gap::Coverage;
use crate::error::{Error, Result};
use crate::observe::{cache_lookups, CacheKind};
use crate::store::{
    cache_written_at, is_active_status, parse_object_id, Cache, CacheKey, IdKind, JobRecord,
    ObjectId, ResumeRecord, SkillSource, MATCH_VECTOR,
};

use crate::domain::sections::section;

use super::control::JOBS_PER_STEP;
use super::score::experience;
use super::{
    catalogue, extended, Comparison, Control, JobEmbeddings, Options, ResumeEmbeddings,
    ResumeMetrics, Sections, Service, SkillsSource,
};

impl Service {
    pub async fn resume_embeddings(
        &self,
        resume_id: &str,
        opts: Options,
    ) -> Result<ResumeEmbeddings> {
        let id = parse_object_id(IdKind::Resume, resume_id)?;
        self.resume_means(id, &opts).await
    }

    /// The resume's section means: cached, or computed and cached.
    pub(super) async fn resume_means(
        &self,
        id: ObjectId,
        opts: &Options,
    ) -> Result<ResumeEmbeddings> {
        let key = CacheKey::Resume(id);
        if let Some(hit) = self.cached(Cache::ResumeEmbeddings, &key, opts).await? {
            return Ok(hit);
        }
        let resume = self.matching_resume(&id).await?;
        let sections = resume_sections(&resume.profile);
        let vectors = self
            .vectors(sections.iter().flat_map(|(_, texts)| texts))
            .await?;
        let result = resume_embeddings(&resume, &sections, &vectors);
        self.put(Cache::ResumeEmbeddings, &key, &result).await?;
        Ok(result)
    }

    pub async fn job_embeddings(&self, job_id: &str, opts: Options) -> Result<JobEmbeddings> {
        let id = parse_object_id(IdKind::Job, job_id)?;
        let job = match self
            .cached::<JobEmbeddings>(Cache::JobEmbeddings, &CacheKey::Job(id), &opts)
            .await?
        {
            Some(hit) => return Ok(hit),
            None => self.job(&id).await?,
        };
        let mut computed = self
            .job_embeddings_for(std::slice::from_ref(&job), &Options::FORCE)
            .await?;
        computed
            .remove(&id)
            .ok_or_else(|| Error::Internal(format!("no embeddings computed for job {id}")))
    }

    pub async fn compare_resume_job(
        &self,
        resume_id: &str,
        job_id: &str,
        opts: Options,
    ) -> Result<Comparison> {
        let resume = parse_object_id(IdKind::Resume, resume_id)?;
        let job = parse_object_id(IdKind::Job, job_id)?;
        let mut results = self
            .comparisons(
                resume,
                &[job],
                MissingJobs::Fail,
                &opts,
                &Control::default(),
            )
            .await?;
        Ok(results.remove(0))
    }

    /// Comparisons with each existing posting of `job_ids` (unknown ids are skipped), best first.
    pub async fn batch_compare(
        &self,
        resume_id: &str,
        job_ids: &[String],
        limit: usize,
        opts: Options,
        control: &Control,
    ) -> Result<Vec<Comparison>> {
        let resume = parse_object_id(IdKind::Resume, resume_id)?;
        let jobs = job_ids
            .iter()
            .map(|j| parse_object_id(IdKind::Job, j))
            .collect::<Result<Vec<_>>>()?;
        control.check()?;
        let means = self.resume_means(resume, &opts).await?.mean_embeddings;
        let pool = self.pool_size(limit, &opts);
        let mut results = self
            .best_comparisons(resume, &means, &jobs, pool, &opts, control)
            .await?;
        self.keep_role(&mut results, &opts);
        results.truncate(limit);
        Ok(results)
    }

    /// The shared path of every comparison: fresh cached comparisons as they are; for the rest,
    /// one fetch of the resume and the postings, one text-vector lookup for everything still
    /// needed, then the section means and the comparisons, written back to their caches.
    pub(super) async fn comparisons(
        &self,
        resume_id: ObjectId,
        job_ids: &[ObjectId],
        missing: MissingJobs,
        opts: &Options,
        control: &Control,
    ) -> Result<Vec<Comparison>> {
        let mut done: HashMap<ObjectId, Comparison> = HashMap::new();
        if opts.reads_comparisons() {
            for (job, doc) in self
                .store
                .cached_comparisons(&resume_id, job_ids, Cache::Comparisons.ttl())
                .await?
            {
                if let Some(comparison) = self.decode::<Comparison>(doc) {
                    if comparison.match_model == self.settings.matching {
                        done.insert(job, comparison);
                    }
                }
            }
            let asked = job_ids.iter().collect::<HashSet<_>>().len();
            cache_lookups(CacheKind::Comparisons, done.len(), asked - done.len());
        }
        let todo: Vec<ObjectId> = job_ids
            .iter()
            .filter(|j| !done.contains_key(j))
            .copied()
            .collect();
        let total = job_ids.len();
        control.report(total - todo.len(), total);
        if !todo.is_empty() {
            let (resume, jobs) =
                tokio::try_join!(self.matching_resume(&resume_id), self.jobs(&todo))?;
            if missing == MissingJobs::Fail && jobs.len() < todo.len() {
                let absent = todo
                    .iter()
                    .find(|id| !jobs.iter().any(|j| j.id == **id))
                    .unwrap();
                return Err(Error::JobNotFound(absent.to_hex()));
            }
            let mut reported = total - todo.len() + (todo.len() - jobs.len());
            for (i, step) in jobs.chunks(JOBS_PER_STEP).enumerate() {
                self.step_turn(i, control).await?;
                for (job, comparison) in step
                    .iter()
                    .zip(self.compute_comparisons(&resume, step, opts).await?)
                {
                    done.insert(job.id, comparison);
                }
                reported += step.len();
                control.report(reported, total);
            }
        }
        Ok(job_ids.iter().filter_map(|j| done.remove(j)).collect())
    }

    /// Comparisons of one resume with `jobs`, in order: one text-vector lookup for everything
    /// still needed, then section means and matches, written back to their caches.
    pub(super) async fn compute_comparisons(
        &self,
        resume: &ResumeRecord,
        jobs: &[JobRecord],
        opts: &Options,
    ) -> Result<Vec<Comparison>> {
        let resume_key = CacheKey::Resume(resume.id);
        let cached_resume: Option<ResumeEmbeddings> = self
            .cached(Cache::ResumeEmbeddings, &resume_key, opts)
            .await?;
        let resume_sections = resume_sections(&resume.profile);
        let extended = self.settings.matching == MatchModel::Extended;
        let texts = StepTexts::new(resume, jobs, self.settings.limits.text_chars, extended);
        // The postings' embeddings first: they embed the postings' skill names, which the
        // lookup below then finds in memory (run side by side, both would miss on the same
        // new names and the model would embed them twice).
        let job_embeddings = self.job_embeddings_for(jobs, opts).await?;
        let uncached_sections = cached_resume.is_none().then_some(&resume_sections);
        let vectors = self
            .vectors(texts.wanted(resume, jobs, uncached_sections))
            .await?;

        let resume_embeddings = match cached_resume {
            Some(hit) => hit,
            None => {
                let computed = resume_embeddings(resume, &resume_sections, &vectors);
                self.put(Cache::ResumeEmbeddings, &resume_key, &computed)
                    .await?;
                computed
            }
        };
        let step = Step::new(&vectors, &texts.prototypes, opts, extended);
        let resume_skills = step.skills(&resume.profile.skills);
        let resume_document_vector = step.document_vector(&texts.resume_windows);
        let resume_facts = extended::resume_facts(
            resume,
            &resume_skills,
            &resume_embeddings,
            texts.work.iter().map(|t| step.extended_vector(t)).collect(),
            &step.prototypes,
            &resume_document_vector,
            step.now,
        );
        let mut results = Vec::with_capacity(jobs.len());
        let mut writes = Vec::with_capacity(jobs.len());
        for (i, job) in jobs.iter().enumerate() {
            let posting = Posting {
                record: job,
                means: &job_embeddings[&job.id].mean_embeddings,
                description: &texts.descriptions[i],
                windows: &texts.job_windows[i],
            };
            let comparison = self.comparison(
                resume,
                &resume_facts,
                &resume_skills,
                &resume_embeddings.mean_embeddings,
                posting,
                &step,
            );
            if opts.preferences.is_none() {
                let key = CacheKey::Pair {
                    resume: resume.id,
                    job: job.id,
                };
                writes.push((key, self.body(&comparison)?));
            }
            results.push(comparison);
        }
        self.store
            .put_cached_many(Cache::Comparisons, writes)
            .await?;
        Ok(results)
    }

    /// One resume compared with one posting: factors, the seed's match (blended under
    /// extended matching), and what was cut.
    fn comparison(
        &self,
        resume: &ResumeRecord,
        resume_facts: &ResumeFacts,
        resume_skills: &[(&str, &[f32])],
        resume_means: &Sections,
        posting: Posting,
        step: &Step,
    ) -> Comparison {
        let job = posting.record;
        let job_document_vector = step.document_vector(posting.windows);
        let job_skills = step.skills(&job.skills);
        let posting_facts = extended::posting_facts(
            job,
            job_skills.clone(),
            posting.means,
            step.extended_vector(posting.description),
            &step.prototypes,
            &job_document_vector,
        );
        let mut factors = crate::domain::factors::assess(
            resume_facts,
            &posting_facts,
            &step.preferences,
            step.now,
        );
        if !step.extended {
            factors.experience = Factor::not_computed();
            factors.document = Factor::not_computed();
        }
        let similarities = section_similarities(resume_means, posting.means);
        Comparison {
            resume_id: resume.id.to_hex(),
            job_id: job.id.to_hex(),
            job_title: job.title.clone(),
            company: job.company.clone(),
            result: step.match_result(
                &similarities,
                resume_skills,
                resume,
                &job_skills,
                job,
                &factors,
            ),
            truncated: resume
                .truncated
                .iter()
                .chain(&job.truncated)
                .map(|(field, cut)| (field.clone(), *cut))
                .collect(),
            match_model: self.settings.matching,
            skills_source: SkillsSource {
                resume: resume.skill_source,
                job: job.skill_source,
            },
            factors,
            collaborative: None,
        }
    }

    /// Section embeddings of each posting: fresh cached ones as they are (one query), the rest
    /// computed with one text-vector lookup and written to `jobpostingembeddings`.
    pub(super) async fn job_embeddings_for(
        &self,
        jobs: &[JobRecord],
        opts: &Options,
    ) -> Result<HashMap<ObjectId, JobEmbeddings>> {
        let ids: Vec<ObjectId> = jobs.iter().map(|j| j.id).collect();
        let mut found: HashMap<ObjectId, JobEmbeddings> = HashMap::new();
        let mut written: HashMap<ObjectId, bson::DateTime> = HashMap::new();
        if !opts.force {
            for (id, doc) in self
                .store
                .cached_job_embeddings(&ids, Cache::JobEmbeddings.ttl())
                .await?
            {
                let written_at = cache_written_at(&doc);
                if let Some(embeddings) = self.decode(doc) {
                    written.insert(id, written_at);
                    found.insert(id, embeddings);
                }
            }
            let asked = ids.iter().collect::<HashSet<_>>().len();
            cache_lookups(CacheKind::JobEmbeddings, found.len(), asked - found.len());
        }
        let missing: Vec<(&JobRecord, SectionTexts)> = jobs
            .iter()
            .filter(|j| !found.contains_key(&j.id))
            .map(|j| {
                let texts = posting_sections(
                    &j.title,
                    j.listed_skills(),
                    &j.description,
                    &j.requirements,
                    &j.experience_level,
                    &j.location,
                );
                (j, texts)
            })
            .collect();
        let texts: Vec<&String> = missing
            .iter()
            .flat_map(|(_, sections)| sections.iter().flat_map(|(_, t)| t))
            .collect();
        let vectors = self.vectors(texts).await?;
        let mut writes = Vec::with_capacity(missing.len());
        for (job, sections) in &missing {
            let embeddings = JobEmbeddings {
                job_id: job.id.to_hex(),
                mean_embeddings: mean_sections(sections, &vectors),
                truncated: job.truncated.clone(),
            };
            let mut body = self.body(&embeddings)?;
            // For a vector-search index (see `catalogue::match_vector`), filtered by status.
            if let Some(vector) = catalogue::match_vector(&embeddings.mean_embeddings) {
                body.insert(MATCH_VECTOR, vector);
            }
            body.insert("status", job.status.as_str());
            writes.push((CacheKey::Job(job.id), body));
            found.insert(job.id, embeddings);
        }
        self.store
            .put_cached_many(Cache::JobEmbeddings, writes)
            .await?;
        let now = bson::DateTime::now();
        // The catalogue learns whatever was read or computed here.
        let mut board = self.catalogue.lock().await;
        for job in jobs {
            let Some(embeddings) = found.get(&job.id) else {
                continue;
            };
            if is_active_status(&job.status) {
                let means = &embeddings.mean_embeddings;
                board.put(
                    job.id,
                    means.get(section::SKILLS).map(Vec::as_slice),
                    means.get(section::JOB_TITLE).map(Vec::as_slice),
                    written.get(&job.id).copied().unwrap_or(now),
                );
            } else {
                board.remove(&job.id);
            }
        }
        Ok(found)
    }
}

#[derive(PartialEq, Eq, Clone, Copy)]
pub(super) enum MissingJobs {
    Fail,
    Skip,
}

/// The vector of a text the lookup was asked for; empty (compared by name only) otherwise.
pub(super) fn vector_of<'a>(vectors: &'a HashMap<String, Vector>, text: &str) -> &'a [f32] {
    vectors.get(text).map_or(&[], |v| v)
}

pub(super) fn similarity(a: Option<&Vec<f32>>, b: Option<&Vec<f32>>) -> Option<f32> {
    Some(cosine(a?, b?))
}

/// The seed's three section comparisons of a resume with a posting.
pub(super) fn section_similarities(resume: &Sections, job: &Sections) -> SectionSimilarities {
    SectionSimilarities {
        skills: similarity(resume.get(section::SKILLS), job.get(section::SKILLS)),
        experience: similarity(
            resume.get(section::WORK_EXPERIENCE),
            job.get(section::JOB_TITLE),
        ),
        requirements: similarity(
            resume.get(section::CERTIFICATIONS),
            job.get(section::REQUIREMENTS),
        ),
    }
}

pub(super) fn mean_sections(
    sections: &SectionTexts,
    vectors: &HashMap<String, Vector>,
) -> Sections {
    sections
        .iter()
        .filter_map(|(name, texts)| {
            let members: Vec<&[f32]> = texts
                .iter()
                .map(|t| vector_of(vectors, t))
                .filter(|v| !v.is_empty())
                .collect();
            mean_vector(&members).map(|mean| (name.to_string(), mean))
        })
        .collect()
}

pub(super) fn resume_embeddings(
    resume: &ResumeRecord,
    sections: &SectionTexts,
    vectors: &HashMap<String, Vector>,
) -> ResumeEmbeddings {
    let experience = experience(resume);
    ResumeEmbeddings {
        resume_id: resume.id.to_hex(),
        mean_embeddings: mean_sections(sections, vectors),
        metrics: ResumeMetrics {
            total_experience_years: experience.years,
            skipped_work_periods: experience.skipped,
            truncated: resume.truncated.clone(),
        },
    }
}

/// The texts one step of comparisons reads besides the skills and sections: the role
/// prototypes, the resume's work entries, each posting's description, and both sides'
/// document windows.
struct StepTexts {
    prototypes: Vec<String>,
    work: Vec<String>,
    descriptions: Vec<String>,
    resume_windows: Vec<String>,
    job_windows: Vec<Vec<String>>,
    extended: bool,
}

impl StepTexts {
    fn new(resume: &ResumeRecord, jobs: &[JobRecord], text_chars: usize, extended: bool) -> Self {
        Self {
            prototypes: extended::role_prototype_texts(),
            work: extended::work_texts(resume),
            descriptions: jobs
                .iter()
                .map(|j| extended::description_text(j, text_chars))
                .collect(),
            resume_windows: resume_document(&resume.profile),
            job_windows: jobs.iter().map(extended::posting_windows).collect(),
            extended,
        }
    }

    /// Every text whose vector the step needs: each skill name (matched one by one, so
    /// needed whatever is cached), the resume's sections when its means are not cached, the
    /// role prototypes, and under extended matching the long texts the seed never embeds
    /// (~80 ms each on 2 cores: only the mode that uses them pays for them).
    fn wanted<'a>(
        &'a self,
        resume: &'a ResumeRecord,
        jobs: &'a [JobRecord],
        resume_sections: Option<&'a SectionTexts>,
    ) -> Vec<&'a String> {
        let mut texts: Vec<&String> = resume
            .profile
            .skills
            .iter()
            .chain(jobs.iter().flat_map(|j| &j.skills))
            .collect();
        if let Some(sections) = resume_sections {
            texts.extend(sections.iter().flat_map(|(_, t)| t));
        }
        texts.extend(self.prototypes.iter());
        if self.extended {
            texts.extend(self.work.iter().filter(|t| !t.is_empty()));
            texts.extend(self.descriptions.iter().filter(|d| !d.is_empty()));
            texts.extend(self.resume_windows.iter());
            texts.extend(self.job_windows.iter().flatten());
        }
        texts
    }
}

/// One posting of a step, with its section means and the long texts read for it.
struct Posting<'a> {
    record: &'a JobRecord,
    means: &'a Sections,
    description: &'a str,
    windows: &'a [String],
}

/// What every comparison of one step shares: the vectors looked up, the role prototypes'
/// vectors, the caller's preferences and the clock.
struct Step<'a> {
    vectors: &'a HashMap<String, Vector>,
    prototypes: Vec<&'a [f32]>,
    preferences: Preferences,
    now: chrono::DateTime<chrono::Utc>,
    extended: bool,
}

impl<'a> Step<'a> {
    fn new(
        vectors: &'a HashMap<String, Vector>,
        prototypes: &[String],
        opts: &Options,
        extended: bool,
    ) -> Self {
        Self {
            vectors,
            prototypes: prototypes.iter().map(|t| vector_of(vectors, t)).collect(),
            preferences: opts.preferences.as_deref().cloned().unwrap_or_default(),
            now: chrono::Utc::now(),
            extended,
        }
    }

    /// Each skill name with its vector.
    fn skills(&self, names: &'a [String]) -> Vec<(&'a str, &'a [f32])> {
        names
            .iter()
            .map(|s| (s.as_str(), vector_of(self.vectors, s)))
            .collect()
    }

    /// A long text's vector under extended matching; empty (not compared) otherwise.
    fn extended_vector(&self, text: &str) -> &'a [f32] {
        if self.extended && !text.is_empty() {
            vector_of(self.vectors, text)
        } else {
            &[]
        }
    }

    /// The document factor's vector: extended matching only, like the descriptions.
    fn document_vector(&self, windows: &[String]) -> Vec<f32> {
        if self.extended {
            extended::document_vector(windows, self.vectors)
        } else {
            Vec::new()
        }
    }

    /// The seed's match from the section similarities and the skills; extended matching
    /// blends its percentage with the factors.
    fn match_result(
        &self,
        similarities: &SectionSimilarities,
        resume_skills: &[(&str, &[f32])],
        resume: &ResumeRecord,
        job_skills: &[(&str, &[f32])],
        job: &JobRecord,
        factors: &Factors,
    ) -> MatchResult {
        // Seed mode keeps the seed's skill lists for documents that list skills; extended
        // matching, and skills read from text, also know concepts.
        let from_text =
            resume.skill_source == SkillSource::Text || job.skill_source == SkillSource::Text;
        let coverage = if self.extended || from_text {
            Coverage::Concepts
        } else {
            Coverage::Names
        };
        let mut result = compare(
            similarities,
            match_skills(resume_skills, job_skills, coverage),
        );
        if self.extended {
            result.match_percentage = extended_match(result.match_percentage, factors);
            result.recommendation_level = recommendation_level(result.match_percentage);
        }
        result
    }
}
