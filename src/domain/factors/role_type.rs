//! Role type: which kind of work a posting or a resume is about (Frontend, Backend, Full Stack,
//! … and non-software families), from its skills and titles (`lexicon::ROLE_SIGNATURES`) and
//! from its vectors' cosine with each role's prototype text.

use serde::{Deserialize, Serialize};

use super::lexicon::ROLE_SIGNATURES;
use super::text::{contains_any, words};
use super::{Factor, PostingFacts, ResumeFacts, Verdict};
use crate::domain::constants::{
    FULL_STACK_MIN_SHARE, ROLE_ADJACENT, ROLE_DIFFERENT, ROLE_MIN_CONFIDENCE, ROLE_MIN_MARGIN,
    ROLE_PROTOTYPE_COSINE, ROLE_PROTOTYPE_WEIGHT, ROLE_SAME, ROLE_SIGNATURE_WEIGHT,
    ROLE_TITLE_BONUS,
};
use crate::domain::round3;
use crate::domain::skills::normalize_skill;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Role {
    Frontend,
    Backend,
    #[serde(rename = "Full Stack")]
    FullStack,
    Mobile,
    Data,
    #[serde(rename = "Machine Learning")]
    MachineLearning,
    #[serde(rename = "DevOps/SRE")]
    DevOps,
    #[serde(rename = "QA")]
    Qa,
    Security,
    Design,
    Product,
    Healthcare,
    Sales,
    Marketing,
    Finance,
    #[serde(rename = "People/HR")]
    PeopleOps,
    #[serde(rename = "Operations/Logistics")]
    Operations,
    Education,
    Hospitality,
}

impl Role {
    pub fn name(self) -> &'static str {
        match self {
            Role::Frontend => "Frontend",
            Role::Backend => "Backend",
            Role::FullStack => "Full Stack",
            Role::Mobile => "Mobile",
            Role::Data => "Data",
            Role::MachineLearning => "Machine Learning",
            Role::DevOps => "DevOps/SRE",
            Role::Qa => "QA",
            Role::Security => "Security",
            Role::Design => "Design",
            Role::Product => "Product",
            Role::Healthcare => "Healthcare",
            Role::Sales => "Sales",
            Role::Marketing => "Marketing",
            Role::Finance => "Finance",
            Role::PeopleOps => "People/HR",
            Role::Operations => "Operations/Logistics",
            Role::Education => "Education",
            Role::Hospitality => "Hospitality",
        }
    }

    /// Every role's name, in `ROLE_SIGNATURES` order.
    pub fn names() -> Vec<&'static str> {
        ROLE_SIGNATURES.iter().map(|s| s.role.name()).collect()
    }

    /// The role a caller names ("full stack", "DevOps/SRE", "ml"), case and spacing ignored.
    pub fn parse(name: &str) -> Option<Role> {
        let key: String = name
            .to_lowercase()
            .chars()
            .filter(|c| c.is_alphanumeric())
            .collect();
        ROLE_SIGNATURES.iter().map(|s| s.role).find(|r| {
            let own: String = r
                .name()
                .to_lowercase()
                .chars()
                .filter(|c| c.is_alphanumeric())
                .collect();
            own == key
                || (r.name().contains('/') && r.name().to_lowercase().split('/').any(|p| p == key))
                || matches!(
                    (r, key.as_str()),
                    (Role::MachineLearning, "ml") | (Role::PeopleOps, "hr")
                )
        })
    }
}

/// Roles close enough that moving between them is common.
const ADJACENT: &[(Role, Role)] = &[
    (Role::FullStack, Role::Frontend),
    (Role::FullStack, Role::Backend),
    (Role::Backend, Role::DevOps),
    (Role::Backend, Role::Data),
    (Role::Data, Role::MachineLearning),
    (Role::Security, Role::DevOps),
    (Role::Qa, Role::Backend),
    (Role::Qa, Role::Frontend),
    (Role::Design, Role::Frontend),
    (Role::Product, Role::Design),
    (Role::Mobile, Role::Frontend),
    (Role::Sales, Role::Marketing),
];

fn adjacent(a: Role, b: Role) -> bool {
    ADJACENT
        .iter()
        .any(|&(x, y)| (x, y) == (a, b) || (y, x) == (a, b))
}

/// A role told for one document, with the evidence's strength (0–1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoleGuess {
    pub role: Role,
    pub confidence: f64,
}

/// The most likely role of a document with these skills and titles (most recent first) and
/// prototype cosines (`ROLE_SIGNATURES` order; empty for signatures only).
pub fn tell_role(skills: &[&str], titles: &[&str], prototypes: &[f32]) -> Option<(Role, f64)> {
    let skills: Vec<String> = skills
        .iter()
        .map(|s| normalize_skill(s))
        .filter(|s| !s.is_empty())
        .collect();
    let titles: Vec<Vec<String>> = titles.iter().map(|t| words(t)).collect();
    let share = |signature: &[&str]| {
        if skills.is_empty() {
            0.0
        } else {
            skills
                .iter()
                .filter(|s| signature.contains(&s.as_str()))
                .count() as f64
                / skills.len() as f64
        }
    };
    let (lo, hi) = ROLE_PROTOTYPE_COSINE;
    let frontend = share(ROLE_SIGNATURES[0].skills);
    let backend = share(ROLE_SIGNATURES[1].skills);
    let mut scores: Vec<(Role, f64)> = Vec::with_capacity(ROLE_SIGNATURES.len());
    for (i, signature) in ROLE_SIGNATURES.iter().enumerate() {
        let mut evidence = share(signature.skills);
        if signature.role == Role::FullStack
            && frontend >= FULL_STACK_MIN_SHARE
            && backend >= FULL_STACK_MIN_SHARE
        {
            evidence = frontend + backend;
        }
        if titles.iter().any(|t| contains_any(t, signature.titles)) {
            evidence += ROLE_TITLE_BONUS;
        }
        let evidence = evidence.min(1.0);
        let score = match prototypes.get(i) {
            Some(&cosine) => {
                let prototype = ((f64::from(cosine) - lo) / (hi - lo)).clamp(0.0, 1.0);
                ROLE_SIGNATURE_WEIGHT * evidence + ROLE_PROTOTYPE_WEIGHT * prototype
            }
            None => evidence,
        };
        scores.push((signature.role, score));
    }
    // Highest first; the earlier role on a tie.
    scores.sort_by(|a, b| b.1.total_cmp(&a.1));
    let (role, best) = *scores.first()?;
    let runner_up = scores.get(1).map_or(0.0, |s| s.1);
    // A document spread over many roles (a generic posting listing a bit of everything) is of
    // none: its best role must stand out.
    (best >= ROLE_MIN_CONFIDENCE && best - runner_up >= ROLE_MIN_MARGIN).then_some((role, best))
}

pub struct RoleTypes {
    pub factor: Factor,
    pub resume: Option<RoleGuess>,
    pub job: Option<RoleGuess>,
}

pub fn assess(resume: &ResumeFacts, posting: &PostingFacts) -> RoleTypes {
    let resume_skills: Vec<&str> = resume.skills.iter().map(|(n, _)| *n).collect();
    // The two latest roles say what a person does now.
    let resume_titles: Vec<&str> = resume.work.iter().take(2).map(|w| w.title).collect();
    let job_skills: Vec<&str> = posting.skills.iter().map(|(n, _)| *n).collect();
    let theirs = tell_role(&resume_skills, &resume_titles, &resume.role_prototypes);
    let ours = tell_role(&job_skills, &[posting.title], &posting.role_prototypes);
    let guess = |g: Option<(Role, f64)>| {
        g.map(|(role, confidence)| RoleGuess {
            role,
            confidence: round3(confidence),
        })
    };
    let factor = match (theirs, ours) {
        (Some((a, _)), Some((b, _))) if a == b => Factor::scored(
            ROLE_SAME,
            Verdict::Same,
            format!("Both are {} work", a.name()),
        ),
        (Some((a, _)), Some((b, _))) if adjacent(a, b) => Factor::scored(
            ROLE_ADJACENT,
            Verdict::Adjacent,
            format!(
                "The resume is {} work; the posting is {}, an adjacent role",
                a.name(),
                b.name()
            ),
        ),
        (Some((a, _)), Some((b, _))) => Factor::scored(
            ROLE_DIFFERENT,
            Verdict::Different,
            format!(
                "The resume is {} work; the posting is {}",
                a.name(),
                b.name()
            ),
        ),
        _ => Factor::unscored(
            Verdict::Unknown,
            "The role type of the resume or the posting could not be told",
        ),
    };
    RoleTypes {
        factor,
        resume: guess(theirs),
        job: guess(ours),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_role_serialises_as_its_name() {
        for role in Role::names().iter().filter_map(|n| Role::parse(n)) {
            let json = serde_json::to_string(&role).unwrap();
            assert_eq!(json, format!("\"{}\"", role.name()));
            assert_eq!(serde_json::from_str::<Role>(&json).unwrap(), role);
        }
        assert_eq!(Role::names().len(), 19);
    }

    #[test]
    fn signatures_and_titles_tell_the_role() {
        let role = |skills: &[&str], title: &str| tell_role(skills, &[title], &[]).map(|(r, _)| r);
        assert_eq!(
            role(&["React", "CSS", "HTML", "Git"], "Frontend Engineer"),
            Some(Role::Frontend)
        );
        assert_eq!(
            role(&["Django", "PostgreSQL", "Redis"], "Engineer"),
            Some(Role::Backend)
        );
        assert_eq!(
            role(&["React", "CSS", "Django", "PostgreSQL"], "Engineer"),
            Some(Role::FullStack)
        );
        assert_eq!(
            role(&["Git"], "Full Stack Developer"),
            Some(Role::FullStack)
        );
        assert_eq!(
            role(&["Patient Care", "BLS", "Epic EHR"], "Registered Nurse"),
            Some(Role::Healthcare)
        );
        assert_eq!(role(&["Juggling"], "Performer"), None);
        // A bit of every role is no role.
        let generic = [
            "Python",
            "React",
            "Patient Care",
            "Salesforce",
            "GAAP",
            "Figma",
            "SEO",
            "Recruiting",
        ];
        assert_eq!(role(&generic, "Team Member"), None);
    }

    #[test]
    fn prototypes_decide_when_signatures_are_silent() {
        let mut prototypes = vec![0.1_f32; ROLE_SIGNATURES.len()];
        prototypes[4] = 0.7; // Data
        assert_eq!(
            tell_role(&["Juggling"], &["Analyst"], &prototypes).map(|(r, _)| r),
            Some(Role::Data)
        );
    }

    #[test]
    fn roles_compare_as_same_adjacent_or_different() {
        assert!(adjacent(Role::Backend, Role::FullStack));
        assert!(!adjacent(Role::Backend, Role::Healthcare));
        assert_eq!(Role::parse("full stack"), Some(Role::FullStack));
        assert_eq!(Role::parse("DevOps"), Some(Role::DevOps));
        assert_eq!(Role::parse("ML"), Some(Role::MachineLearning));
        assert_eq!(Role::parse("plumbing"), None);
    }
}
