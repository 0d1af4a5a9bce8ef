//! Weighted skills: each posting skill is a must-have, listed, or nice-to-have by how the
//! posting asks for it; the score is the importance-weighted coverage (`skill_gap`), and each
//! matched skill gets its years from the dated work entries that name it.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::lexicon::{MUST_HAVE_WORDS, NICE_TO_HAVE_WORDS};
use super::text::{contains, contains_any, sentences, words};
use super::{listing, Factor, PostingFacts, ResumeFacts, Verdict};
use crate::domain::constants::{
    LISTED_SKILL_IMPORTANCE, MUST_HAVE_IMPORTANCE, NICE_TO_HAVE_IMPORTANCE,
};
use crate::domain::experience::{merged_years, years_since};
use crate::domain::round1;
use crate::domain::skill_gap::{skill_gap, Coverage, SkillGap, TargetSkill};

/// Years with a skill from the dated work entries whose title or responsibilities name it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SkillYears {
    /// As the posting spells it.
    pub name: String,
    pub years: f64,
    /// 0 while a current role names it.
    pub last_used_years_ago: f64,
}

pub struct WeightedSkills {
    pub factor: Factor,
    pub must_have: Vec<String>,
    pub nice_to_have: Vec<String>,
    pub missing_must_have: Vec<String>,
    pub years: Vec<SkillYears>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Importance {
    Must,
    Listed,
    Nice,
}

/// How the posting asks for a skill: named in the title or in a requirement (without a wish
/// word) → must; named with a wish word anywhere → nice to have; otherwise listed.
fn importance(
    skill: &str,
    title: &[String],
    requirements: &[Vec<String>],
    description: &[Vec<String>],
) -> Importance {
    let phrase = words(skill).join(" ");
    if phrase.is_empty() {
        return Importance::Listed;
    }
    let wish = |s: &Vec<String>| contains_any(s, NICE_TO_HAVE_WORDS);
    let condition = |s: &Vec<String>| contains_any(s, MUST_HAVE_WORDS);
    let naming = |list: &'_ [Vec<String>]| {
        list.iter()
            .filter(|s| contains(s, &phrase))
            .cloned()
            .collect::<Vec<_>>()
    };
    let in_requirements = naming(requirements);
    let in_description = naming(description);
    if in_requirements.iter().chain(&in_description).any(wish) {
        return Importance::Nice;
    }
    if contains(title, &phrase)
        || !in_requirements.is_empty()
        || in_description.iter().any(condition)
    {
        return Importance::Must;
    }
    Importance::Listed
}

impl Importance {
    /// The skill's weight in the coverage.
    fn weight(self) -> f64 {
        match self {
            Importance::Must => MUST_HAVE_IMPORTANCE,
            Importance::Listed => LISTED_SKILL_IMPORTANCE,
            Importance::Nice => NICE_TO_HAVE_IMPORTANCE,
        }
    }
}

pub fn assess(resume: &ResumeFacts, posting: &PostingFacts, now: DateTime<Utc>) -> WeightedSkills {
    let asked = asked_skills(posting);
    let by = |kind: Importance| -> Vec<String> {
        asked
            .iter()
            .filter(|(_, _, i)| *i == kind)
            .map(|(n, _, _)| n.trim().to_string())
            .collect()
    };
    let (must_have, nice_to_have) = (by(Importance::Must), by(Importance::Nice));
    let target: Vec<TargetSkill> = asked
        .iter()
        .map(|(name, vector, kind)| TargetSkill {
            name,
            importance: kind.weight(),
            vector,
        })
        .collect();
    let gap = skill_gap(&resume.skills, &target, Coverage::Concepts);
    let missing_must_have: Vec<String> = gap
        .missing
        .iter()
        .filter(|m| must_have.contains(&m.name))
        .map(|m| m.name.clone())
        .collect();
    let years: Vec<SkillYears> = gap
        .covered
        .iter()
        .filter_map(|c| skill_years(resume, &c.name, &c.by, now))
        .collect();
    let factor = if target.is_empty() {
        Factor::unscored(Verdict::Unknown, "The posting lists no skills")
    } else {
        coverage_factor(&gap, &must_have, &missing_must_have, &years)
    };
    WeightedSkills {
        factor,
        must_have,
        nice_to_have,
        missing_must_have,
        years,
    }
}

/// The posting's skills, each with its embedding and how the posting asks for it.
fn asked_skills<'a>(posting: &PostingFacts<'a>) -> Vec<(&'a str, &'a [f32], Importance)> {
    let title = words(posting.title);
    let requirements: Vec<Vec<String>> = posting
        .requirements
        .iter()
        .flat_map(|r| sentences(r))
        .collect();
    let description = sentences(posting.description);
    posting
        .skills
        .iter()
        .map(|(name, vector)| {
            (
                *name,
                *vector,
                importance(name, &title, &requirements, &description),
            )
        })
        .collect()
}

/// The scored factor of a posting with skills: the coverage, the must-haves covered and
/// missing, and the longest use.
fn coverage_factor(
    gap: &SkillGap,
    must_have: &[String],
    missing_must_have: &[String],
    years: &[SkillYears],
) -> Factor {
    let mut evidence = format!(
        "Covers {:.0}% of the posting's skills by importance",
        gap.coverage
    );
    if !must_have.is_empty() {
        let covered = must_have.len() - missing_must_have.len();
        evidence.push_str(&format!("; {covered} of {} must-haves", must_have.len()));
    }
    if !missing_must_have.is_empty() {
        evidence.push_str(&format!(" (missing {})", listing(missing_must_have)));
    }
    if let Some(longest) = years.iter().max_by(|a, b| a.years.total_cmp(&b.years)) {
        evidence.push_str(&format!(
            "; longest use: {} for {} years",
            longest.name, longest.years
        ));
    }
    let verdict = if !missing_must_have.is_empty() {
        Verdict::MissingMustHave
    } else if gap.missing.iter().any(|m| !m.adjacent) {
        Verdict::Partial
    } else {
        Verdict::Covered
    };
    Factor::scored(gap.coverage, verdict, evidence)
}

/// Years of the dated work entries that name the skill (as the posting or the resume spells
/// it), merged, and how long ago the last of them ended.
fn skill_years(
    resume: &ResumeFacts,
    name: &str,
    by: &str,
    now: DateTime<Utc>,
) -> Option<SkillYears> {
    let phrases: Vec<String> = [name, by]
        .iter()
        .map(|s| words(s).join(" "))
        .filter(|p| !p.is_empty())
        .collect();
    let ranges: Vec<_> = resume
        .work
        .iter()
        .filter(|entry| {
            let text = words(&format!(
                "{} . {}",
                entry.title,
                entry.responsibilities.join(" . ")
            ));
            phrases.iter().any(|p| contains(&text, p))
        })
        .filter_map(|entry| entry.range)
        .collect();
    let last_end = ranges.iter().map(|(_, end)| *end).max()?;
    let ago = years_since(last_end, now);
    Some(SkillYears {
        name: name.to_string(),
        years: round1(merged_years(ranges)),
        last_used_years_ago: round1(ago),
    })
}

#[cfg(test)]
mod tests {
    use super::super::WorkFact;
    use super::*;
    use chrono::TimeZone;

    fn at(year: i32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(year, 1, 1, 0, 0, 0).unwrap()
    }

    #[test]
    fn wording_decides_importance_and_must_haves_weigh_most() {
        let requirements: Vec<String> = [
            "Must have 3+ years with Python",
            "Experience with PostgreSQL",
            "Kubernetes is a plus",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let posting = PostingFacts {
            title: "Backend Engineer (Go)",
            requirements: &requirements,
            description: "Nice to have: Terraform. We use Docker daily.",
            skills: [
                "Python",
                "Go",
                "PostgreSQL",
                "Kubernetes",
                "Terraform",
                "Docker",
            ]
            .iter()
            .map(|s| (*s, &[][..]))
            .collect(),
            ..Default::default()
        };
        let responsibilities = vec!["Built Python services".to_string()];
        let older = vec!["Maintained Python and Docker scripts".to_string()];
        let resume = ResumeFacts {
            skills: vec![
                ("Python", &[][..]),
                ("Docker", &[][..]),
                ("Kubernetes", &[][..]),
            ],
            work: vec![
                WorkFact {
                    title: "Engineer",
                    responsibilities: &responsibilities,
                    range: Some((at(2021), at(2024))),
                    vector: &[],
                },
                WorkFact {
                    title: "Developer",
                    responsibilities: &older,
                    range: Some((at(2018), at(2020))),
                    vector: &[],
                },
            ],
            ..Default::default()
        };
        let result = assess(&resume, &posting, at(2024));
        assert_eq!(result.must_have, ["Python", "Go", "PostgreSQL"]);
        assert_eq!(result.nice_to_have, ["Kubernetes", "Terraform"]);
        assert_eq!(result.missing_must_have, ["Go", "PostgreSQL"]);
        assert_eq!(result.factor.verdict.as_str(), "missing must-have");
        // Covered: Python 1.0 + Docker 0.6 + Kubernetes 0.25 = 1.85 of 3 + 0.6 + 0.5 = 4.1.
        assert_eq!(result.factor.score, Some(45.1));
        let python = &result.years[0];
        assert_eq!(
            (
                python.name.as_str(),
                python.years,
                python.last_used_years_ago
            ),
            ("Python", 5.0, 0.0)
        );
        let docker = result.years.iter().find(|y| y.name == "Docker").unwrap();
        assert_eq!((docker.years, docker.last_used_years_ago), (2.0, 4.0));
    }

    #[test]
    fn a_posting_without_skills_has_no_score() {
        let result = assess(&ResumeFacts::default(), &PostingFacts::default(), at(2024));
        assert_eq!(result.factor.score, None);
    }
}
