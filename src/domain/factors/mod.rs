//! The roadmap's matching factors (experience, document, education, seniority, location, soft
//! skills, role type, weighted skills, language) and the extended match that blends them with
//! the seed's score.
//!
//! Each factor is a pure rule over what the seed's schemas hold, read leniently: an absent
//! field gives "unknown" and no score, never a penalty. Each gives a 0–100 `score` where it
//! applies, a `verdict` word and its `evidence` in words. Numbers live in `constants`, word
//! lists in [`lexicon`]; docs/rules.md describes them for users.

pub mod collaborative;
mod education;
mod experience;
mod language;
pub mod lexicon;
mod location;
mod role_type;
mod seniority;
mod soft_skills;
pub mod text;
mod weighted_skills;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::constants::{
    BLEND_DOCUMENT, BLEND_EDUCATION, BLEND_EXPERIENCE, BLEND_LOCATION, BLEND_ROLE_TYPE,
    BLEND_SEED_MATCH, BLEND_SENIORITY, BLEND_SOFT_SKILLS, BLEND_WEIGHTED_SKILLS,
};
use super::experience::Range;
pub use super::labels::Verdict;
use super::matching::{cosine, similarity_to_percent};
use super::{round1, round3};

pub use education::Degree;
pub use role_type::{tell_role, Role, RoleGuess};
pub use seniority::Seniority;
pub use weighted_skills::SkillYears;

/// Which formula gives `match_percentage`: the seed's two cosines, or their blend with the
/// factors.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MatchModel {
    #[default]
    Seed,
    Extended,
}

impl MatchModel {
    pub fn as_str(self) -> &'static str {
        match self {
            MatchModel::Seed => "seed",
            MatchModel::Extended => "extended",
        }
    }

    /// `seed` or `extended`.
    pub fn parse(name: &str) -> Option<Self> {
        [MatchModel::Seed, MatchModel::Extended]
            .into_iter()
            .find(|m| m.as_str() == name.trim().to_ascii_lowercase())
    }
}

/// One factor's outcome.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Factor {
    /// 0–100, one decimal; `None` where the factor does not apply or is unknown.
    pub score: Option<f64>,
    pub verdict: Verdict,
    pub evidence: String,
}

impl Factor {
    fn scored(score: f64, verdict: Verdict, evidence: String) -> Self {
        Self {
            score: Some(round1(score.clamp(0.0, 100.0))),
            verdict,
            evidence,
        }
    }

    /// The experience and document factors outside extended matching, which alone embeds
    /// what they read.
    pub fn not_computed() -> Self {
        Self::unscored(
            Verdict::NotComputed,
            "Computed under extended matching only (it embeds each posting's description and whole text)",
        )
    }

    fn unscored(verdict: Verdict, evidence: impl Into<String>) -> Self {
        Self {
            score: None,
            verdict,
            evidence: evidence.into(),
        }
    }
}

/// Every factor of one comparison, with the details behind some of them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Factors {
    /// Work history against the whole posting (extended mode's experience measure).
    pub experience: Factor,
    /// The whole resume against the whole posting: their document vectors.
    pub document: Factor,
    pub education: Factor,
    pub seniority: Factor,
    pub location: Factor,
    pub soft_skills: Factor,
    pub role_type: Factor,
    pub weighted_skills: Factor,
    pub language: Factor,
    /// The role types told for each side.
    pub resume_role: Option<RoleGuess>,
    pub job_role: Option<RoleGuess>,
    /// The posting's skills by importance, as it spells them.
    pub must_have: Vec<String>,
    pub nice_to_have: Vec<String>,
    /// Must-haves the resume does not cover.
    pub missing_must_have: Vec<String>,
    /// Years with each matched skill from dated work entries that name it.
    pub skill_years: Vec<SkillYears>,
    /// Soft skills the posting asks for, and those the resume shows of them.
    pub soft_skills_asked: Vec<String>,
    pub soft_skills_shown: Vec<String>,
    /// ISO 639-1 codes, `None` when the text is too short to tell.
    pub resume_language: Option<String>,
    pub job_language: Option<String>,
}

/// A resume as the factors read it.
#[derive(Debug, Clone, Default)]
pub struct ResumeFacts<'a> {
    pub summary: &'a str,
    /// `(name, embedding)`; an empty embedding compares by name only.
    pub skills: Vec<(&'a str, &'a [f32])>,
    /// Most recent first where dates say so.
    pub work: Vec<WorkFact<'a>>,
    /// Merged years of work (`None` when no period could be read).
    pub years: Option<f64>,
    pub degrees: &'a [String],
    /// Free text: "Berlin, Germany".
    pub location: &'a str,
    /// Cosine of the resume's vectors with each role prototype, in `lexicon::ROLE_SIGNATURES`
    /// order (empty: signatures only).
    pub role_prototypes: Vec<f32>,
    /// The document vector: mean of the whole resume's windows (empty when unknown).
    pub document: &'a [f32],
}

#[derive(Debug, Clone)]
pub struct WorkFact<'a> {
    pub title: &'a str,
    pub responsibilities: &'a [String],
    pub range: Option<Range>,
    /// The entry's embedding (title and responsibilities); empty when unknown.
    pub vector: &'a [f32],
}

/// A posting as the factors read it.
#[derive(Debug, Clone, Default)]
pub struct PostingFacts<'a> {
    pub title: &'a str,
    pub experience_level: &'a str,
    pub location: &'a str,
    pub description: &'a str,
    pub requirements: &'a [String],
    pub skills: Vec<(&'a str, &'a [f32])>,
    pub role_prototypes: Vec<f32>,
    /// The mean of the posting's unit title, requirements and description vectors (empty when
    /// it has none).
    pub whole: Vec<f32>,
    /// The document vector: mean of the title, description and requirements in windows
    /// (empty when unknown).
    pub document: &'a [f32],
}

/// What a caller says about the candidate (`{ location, remote }` options).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Preferences {
    /// Replaces the resume's location.
    pub location: Option<String>,
    /// The candidate wants remote work only.
    pub remote_only: bool,
}

/// Every factor of a resume against a posting.
pub fn assess(
    resume: &ResumeFacts,
    posting: &PostingFacts,
    preferences: &Preferences,
    now: DateTime<Utc>,
) -> Factors {
    let skills = weighted_skills::assess(resume, posting, now);
    let soft = soft_skills::assess(resume, posting);
    let roles = role_type::assess(resume, posting);
    let languages = language::assess(resume, posting);
    Factors {
        experience: experience::assess(resume, posting, now),
        document: document_factor(resume.document, posting.document),
        education: education::assess(resume, posting),
        seniority: seniority::assess(resume, posting),
        location: location::assess(resume, posting, preferences),
        soft_skills: soft.factor,
        role_type: roles.factor,
        weighted_skills: skills.factor,
        language: languages.factor,
        resume_role: roles.resume,
        job_role: roles.job,
        must_have: skills.must_have,
        nice_to_have: skills.nice_to_have,
        missing_must_have: skills.missing_must_have,
        skill_years: skills.years,
        soft_skills_asked: soft.asked,
        soft_skills_shown: soft.shown,
        resume_language: languages.resume,
        job_language: languages.job,
    }
}

/// The whole resume against the whole posting: the cosine of their document vectors as 0–100.
fn document_factor(resume: &[f32], posting: &[f32]) -> Factor {
    if resume.is_empty() || posting.is_empty() || resume.len() != posting.len() {
        return Factor::unscored(Verdict::Unknown, "No document vector for one of the two");
    }
    let similarity = cosine(resume, posting);
    let score = similarity_to_percent(similarity);
    let verdict = match score {
        s if s >= 60.0 => Verdict::Close,
        s if s >= 40.0 => Verdict::Related,
        _ => Verdict::Distant,
    };
    Factor::scored(
        score,
        verdict,
        format!(
            "The whole resume against the posting's title, description and requirements: similarity {}",
            round3(f64::from(similarity))
        ),
    )
}

/// The extended match percentage: the weighted mean of the seed's match and the factors that
/// have a score (see the `BLEND_*` constants), one decimal. The document factor takes
/// [`BLEND_DOCUMENT`]; the others share the rest in their proportions.
pub fn extended_match(seed_match: f64, factors: &Factors) -> f64 {
    let rest = 1.0 - BLEND_DOCUMENT;
    let parts = [
        (BLEND_DOCUMENT, factors.document.score),
        (rest * BLEND_SEED_MATCH, Some(seed_match)),
        (rest * BLEND_WEIGHTED_SKILLS, factors.weighted_skills.score),
        (rest * BLEND_EXPERIENCE, factors.experience.score),
        (rest * BLEND_SENIORITY, factors.seniority.score),
        (rest * BLEND_LOCATION, factors.location.score),
        (rest * BLEND_ROLE_TYPE, factors.role_type.score),
        (rest * BLEND_EDUCATION, factors.education.score),
        (rest * BLEND_SOFT_SKILLS, factors.soft_skills.score),
    ];
    let (sum, weight) = parts
        .iter()
        .filter_map(|(w, score)| Some((w * (*score)?, *w)))
        .fold((0.0, 0.0), |(s, t), (ws, w)| (s + ws, t + w));
    round1(sum / weight)
}

/// "A, B and C".
fn listing(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn factor(score: Option<f64>) -> Factor {
        Factor {
            score,
            verdict: Verdict::Unknown,
            evidence: String::new(),
        }
    }

    fn factors(scores: [Option<f64>; 6]) -> Factors {
        Factors {
            experience: factor(None),
            document: factor(None),
            weighted_skills: factor(scores[0]),
            seniority: factor(scores[1]),
            location: factor(scores[2]),
            role_type: factor(scores[3]),
            education: factor(scores[4]),
            soft_skills: factor(scores[5]),
            language: factor(None),
            resume_role: None,
            job_role: None,
            must_have: vec![],
            nice_to_have: vec![],
            missing_must_have: vec![],
            skill_years: vec![],
            soft_skills_asked: vec![],
            soft_skills_shown: vec![],
            resume_language: None,
            job_language: None,
        }
    }

    #[test]
    fn the_blend_weighs_known_factors_and_ignores_unknown_ones() {
        let total = BLEND_SEED_MATCH
            + BLEND_WEIGHTED_SKILLS
            + BLEND_EXPERIENCE
            + BLEND_SENIORITY
            + BLEND_LOCATION
            + BLEND_ROLE_TYPE
            + BLEND_EDUCATION
            + BLEND_SOFT_SKILLS;
        assert!((total - 1.0).abs() < 1e-9);
        assert_eq!(extended_match(70.0, &factors([None; 6])), 70.0);
        // (w·70 + 0.15·0) / (w + 0.15): the document factor's share scales both alike.
        let expected = round1(BLEND_SEED_MATCH * 70.0 / (BLEND_SEED_MATCH + BLEND_SENIORITY));
        assert_eq!(
            extended_match(70.0, &factors([None, Some(0.0), None, None, None, None])),
            expected
        );
        assert_eq!(extended_match(80.0, &factors([Some(80.0); 6])), 80.0);
        let mut with_document = factors([Some(60.0); 6]);
        with_document.experience = factor(Some(60.0));
        with_document.document = factor(Some(100.0));
        let expected = round1(BLEND_DOCUMENT * 100.0 + (1.0 - BLEND_DOCUMENT) * 60.0);
        assert_eq!(extended_match(60.0, &with_document), expected);
    }

    #[test]
    fn listing_joins_with_and() {
        let names = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(listing(&names(&["A", "B", "C"])), "A, B and C");
        assert_eq!(listing(&names(&["A"])), "A");
    }
}
