//! What the factors read, gathered from the records and vectors a comparison already has, and
//! the co-application signal of extended recommendations.

use std::collections::{HashMap, HashSet};

use crate::domain::experience::{merged_years, period_range};
use crate::domain::factors::collaborative::{co_applied, CoApplied};
use crate::domain::factors::lexicon::ROLE_SIGNATURES;
use crate::domain::factors::{PostingFacts, ResumeFacts, WorkFact};
use crate::domain::matching::{cosine, mean_vector, weighted_unit_mean};
use crate::domain::sections::{posting_document, work_text};
use crate::error::Result;
use crate::store::{canonical_user, Documents, JobRecord, ObjectId, ResumeRecord};

use super::vectors::Vector;
use super::{section, ResumeEmbeddings, Sections};

/// The role prototypes' texts, embedded with the other texts of a comparison (the text-vector
/// cache keeps them after the first call).
pub fn role_prototype_texts() -> Vec<String> {
    ROLE_SIGNATURES
        .iter()
        .map(|s| s.prototype.to_string())
        .collect()
}

/// Mean cosine of each prototype with the document's `sections` that exist.
fn prototype_cosines(means: &Sections, sections: [&str; 2], prototypes: &[&[f32]]) -> Vec<f32> {
    let present: Vec<&Vec<f32>> = sections.iter().filter_map(|s| means.get(*s)).collect();
    if present.is_empty() || prototypes.iter().any(|p| p.is_empty()) {
        return Vec::new();
    }
    prototypes
        .iter()
        .map(|p| present.iter().map(|v| cosine(p, v)).sum::<f32>() / present.len() as f32)
        .collect()
}

/// The text a work entry is embedded as (`domain::sections`), one per entry.
pub fn work_texts(resume: &ResumeRecord) -> Vec<String> {
    resume
        .profile
        .work_experience
        .iter()
        .map(|w| work_text(&w.job_title, &w.responsibilities))
        .collect()
}

/// A posting's description as embedded for the experience factor: cut to the text limit.
pub fn description_text(job: &JobRecord, text_chars: usize) -> String {
    let cut: String = job.description.chars().take(text_chars).collect();
    cut.trim().to_string()
}

/// A posting's document windows (`domain::sections::posting_document`).
pub fn posting_windows(job: &JobRecord) -> Vec<String> {
    posting_document(&job.title, &job.description, &job.requirements)
}

/// The document vector: the mean of the windows' vectors (empty when none was embedded).
pub fn document_vector(windows: &[String], vectors: &HashMap<String, Vector>) -> Vec<f32> {
    let found: Vec<&[f32]> = windows
        .iter()
        .filter_map(|w| vectors.get(w).map(|v| &v[..]))
        .collect();
    mean_vector(&found).unwrap_or_default()
}

/// `work_vectors`: each work entry's vector, in entry order.
pub fn resume_facts<'a>(
    resume: &'a ResumeRecord,
    skills: &[(&'a str, &'a [f32])],
    embeddings: &ResumeEmbeddings,
    work_vectors: Vec<&'a [f32]>,
    prototypes: &[&[f32]],
    document: &'a [f32],
    now: chrono::DateTime<chrono::Utc>,
) -> ResumeFacts<'a> {
    let mut work: Vec<WorkFact> = resume
        .profile
        .work_experience
        .iter()
        .zip(&resume.work_periods)
        .zip(work_vectors)
        .map(|((entry, period), vector)| WorkFact {
            title: &entry.job_title,
            responsibilities: &entry.responsibilities,
            range: period_range(period, now),
            vector,
        })
        .collect();
    // Most recent first; undated entries keep their order, last.
    work.sort_by_key(|w| std::cmp::Reverse(w.range.map(|(_, end)| end)));
    let ranges: Vec<_> = work.iter().filter_map(|w| w.range).collect();
    ResumeFacts {
        summary: &resume.profile.summary,
        skills: skills.to_vec(),
        years: (!ranges.is_empty()).then(|| merged_years(ranges)),
        work,
        degrees: &resume.degrees,
        location: &resume.location,
        role_prototypes: prototype_cosines(
            &embeddings.mean_embeddings,
            [section::SKILLS, section::WORK_EXPERIENCE],
            prototypes,
        ),
        document,
    }
}

/// `description`: the vector of [`description_text`] (empty when it has none).
pub fn posting_facts<'a>(
    job: &'a JobRecord,
    skills: Vec<(&'a str, &'a [f32])>,
    means: &Sections,
    description: &[f32],
    prototypes: &[&[f32]],
    document: &'a [f32],
) -> PostingFacts<'a> {
    let parts: Vec<&[f32]> = [
        means.get(section::JOB_TITLE),
        means.get(section::REQUIREMENTS),
    ]
    .into_iter()
    .flatten()
    .map(Vec::as_slice)
    .chain((!description.is_empty()).then_some(description))
    .collect();
    PostingFacts {
        title: &job.title,
        experience_level: &job.experience_level,
        location: &job.location,
        description: &job.description,
        requirements: &job.requirements,
        skills,
        role_prototypes: prototype_cosines(
            means,
            [section::SKILLS, section::JOB_TITLE],
            prototypes,
        ),
        whole: weighted_unit_mean(&parts.iter().map(|p| (*p, 1.0)).collect::<Vec<_>>()),
        document,
    }
}

/// Postings co-applied with the user's applications (`applied`), best first.
pub async fn co_applied_postings(
    store: &dyn Documents,
    user: &str,
    applied: &HashSet<ObjectId>,
) -> Result<Vec<CoApplied<ObjectId>>> {
    let mine: Vec<ObjectId> = applied.iter().copied().collect();
    let applications = store.co_applications(user, &mine).await?;
    Ok(co_applied(&canonical_user(user), &applications))
}
