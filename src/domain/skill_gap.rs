//! Which of a target's skills a resume covers, and what it lacks, most important first: the
//! one rule behind a comparison's matched / missing skills, `skillGap` and the score's
//! "Learn X" advice.
//!
//! A target skill is covered when a resume skill normalises to the same name (aliases
//! included: "JS" covers "JavaScript"), under [`Coverage::Concepts`] when the taxonomy says
//! both name one concept or the resume's implies the target's ("PostgreSQL" covers "SQL",
//! "Django" covers "Python"), or when its embedding has cosine ≥
//! [`SKILL_SIMILARITY_THRESHOLD`]. A missing skill names the closest resume skill and its
//! similarity; when that is at least [`ADJACENT_SKILL_SIMILARITY`] the skill is "adjacent" and
//! earns the similarity as partial credit in [`SkillGap::coverage`]. Skills without
//! embeddings (empty vectors) compare by name only.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use super::constants::{ADJACENT_SKILL_SIMILARITY, SKILL_SIMILARITY_THRESHOLD};
use super::matching::cosine;
use super::skills::normalize_skill;
use super::taxonomy::{taxonomy, ConceptId};
use super::{round1, round3};

/// Which rules cover a skill besides equal names and near embeddings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Coverage {
    /// The seed's rules alone: equal names, then cosine. Seed-mode comparisons keep their
    /// `matched_skills` / `missing_skills` exactly as the Python service computed them.
    Names,
    /// Also the taxonomy: same concept, or a concept the resume's skill implies.
    Concepts,
}

/// A skill the target asks for, how much it matters (any non-negative scale: a share of
/// postings, a count) and its embedding (empty: compared by name only).
#[derive(Debug, Clone, Copy)]
pub struct TargetSkill<'a> {
    pub name: &'a str,
    pub importance: f64,
    pub vector: &'a [f32],
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CoveredSkill {
    /// As the target spells it.
    pub name: String,
    /// The resume skill that covers it.
    pub by: String,
    /// 1 for the same name, else the cosine of the two names' embeddings (3 decimals).
    pub similarity: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClosestSkill {
    pub name: String,
    pub similarity: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MissingSkill {
    pub name: String,
    pub importance: f64,
    /// The resume skill nearest to it; `None` when nothing can be compared.
    pub closest: Option<ClosestSkill>,
    /// The closest skill is near enough to earn partial credit.
    pub adjacent: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SkillGap {
    /// In target order.
    pub covered: Vec<CoveredSkill>,
    /// Most important first; target order among equals.
    pub missing: Vec<MissingSkill>,
    /// 0–100: importance-weighted share of the target covered, adjacent skills counting
    /// their similarity. 100 for a target without skills.
    pub coverage: f64,
}

/// The gap between a resume's skills (`(name, embedding)`) and a target's. Blank target
/// skills are ignored; a skill named twice (after normalisation) counts once, with its
/// highest importance.
pub fn skill_gap(
    resume: &[(&str, &[f32])],
    target: &[TargetSkill],
    coverage: Coverage,
) -> SkillGap {
    let resume: Vec<ResumeSkill> = resume
        .iter()
        .map(|(name, vector)| ResumeSkill {
            key: normalize_skill(name),
            name: name.trim(),
            vector,
        })
        .filter(|skill| !skill.key.is_empty())
        .collect();
    let known = concepts_reached(&resume, coverage);
    let asked = distinct_skills(target);
    let mut covered = Vec::new();
    let mut missing: Vec<MissingSkill> = Vec::new();
    let (mut earned, mut total) = (0.0, 0.0);
    for (key, skill) in &asked {
        let importance = skill.importance.max(0.0);
        total += importance;
        if let Some(by) = covered_by_rule(key, skill, &resume, &known, coverage) {
            earned += importance;
            covered.push(CoveredSkill {
                name: skill.name.trim().to_string(),
                by: by.to_string(),
                similarity: 1.0,
            });
            continue;
        }
        let closest = closest_skill(skill, &resume);
        match closest {
            Some((by, similarity)) if similarity >= SKILL_SIMILARITY_THRESHOLD => {
                earned += importance;
                covered.push(CoveredSkill {
                    name: skill.name.trim().to_string(),
                    by: by.to_string(),
                    similarity: round3(f64::from(similarity)),
                });
            }
            _ => {
                let adjacent = closest.is_some_and(|(_, s)| s >= ADJACENT_SKILL_SIMILARITY);
                if adjacent {
                    earned += importance * f64::from(closest.unwrap().1);
                }
                missing.push(MissingSkill {
                    name: skill.name.trim().to_string(),
                    importance: skill.importance,
                    closest: closest.map(|(name, s)| ClosestSkill {
                        name: name.to_string(),
                        similarity: round3(f64::from(s)),
                    }),
                    adjacent,
                });
            }
        }
    }
    missing.sort_by(|a, b| b.importance.total_cmp(&a.importance));
    let coverage = coverage_percent(earned, total, covered.len(), asked.len());
    SkillGap {
        covered,
        missing,
        coverage,
    }
}

/// A resume skill as [`skill_gap`] compares it.
struct ResumeSkill<'a> {
    /// Its normalised name ([`normalize_skill`]).
    key: String,
    /// As the resume spells it, trimmed.
    name: &'a str,
    vector: &'a [f32],
}

/// Each resume skill's concept and what it implies, once (none by [`Coverage::Names`]).
fn concepts_reached<'a>(
    resume: &[ResumeSkill<'a>],
    coverage: Coverage,
) -> Vec<(&'a str, Vec<ConceptId>)> {
    match coverage {
        Coverage::Names => Vec::new(),
        Coverage::Concepts => {
            let taxonomy = taxonomy();
            resume
                .iter()
                .filter_map(|skill| {
                    let id = taxonomy.lookup(skill.name)?;
                    let mut reach = taxonomy.implied(id);
                    reach.push(id);
                    Some((skill.name, reach))
                })
                .collect()
        }
    }
}

/// The target's skills by normalised name, blank ones left out, each once in target order
/// with its highest importance.
fn distinct_skills<'a>(target: &[TargetSkill<'a>]) -> Vec<(String, TargetSkill<'a>)> {
    let mut asked: Vec<(String, TargetSkill)> = Vec::new();
    for skill in target {
        let key = normalize_skill(skill.name);
        if key.is_empty() {
            continue;
        }
        match asked.iter_mut().find(|(k, _)| *k == key) {
            Some((_, first)) => first.importance = first.importance.max(skill.importance),
            None => asked.push((key, *skill)),
        }
    }
    asked
}

/// The resume skill that covers `skill` without embeddings: the same normalised name, then
/// (by [`Coverage::Concepts`]) one whose concept is or implies the skill's.
fn covered_by_rule<'a>(
    key: &str,
    skill: &TargetSkill,
    resume: &[ResumeSkill<'a>],
    known: &[(&'a str, Vec<ConceptId>)],
    coverage: Coverage,
) -> Option<&'a str> {
    let by_name = resume.iter().find(|r| r.key == key).map(|r| r.name);
    let by_concept = || {
        let wanted = taxonomy().lookup(skill.name)?;
        known
            .iter()
            .find(|(_, reach)| reach.contains(&wanted))
            .map(|(name, _)| *name)
    };
    match coverage {
        Coverage::Names => by_name,
        Coverage::Concepts => by_name.or_else(by_concept),
    }
}

/// The resume skill whose embedding is nearest `skill`'s, and the cosine (the first of equals
/// wins); `None` when either side has no embedding.
fn closest_skill<'a>(skill: &TargetSkill, resume: &[ResumeSkill<'a>]) -> Option<(&'a str, f32)> {
    resume
        .iter()
        .filter(|r| !r.vector.is_empty() && !skill.vector.is_empty())
        .map(|r| (r.name, cosine(skill.vector, r.vector)))
        .fold(None, |best: Option<(&str, f32)>, (name, s)| match best {
            Some((_, b)) if b >= s => best,
            _ => Some((name, s)),
        })
}

/// 0–100: the importance earned over the total; 100 without skills, and the share of skills
/// covered when every importance is zero.
fn coverage_percent(earned: f64, total: f64, covered: usize, asked: usize) -> f64 {
    if total > 0.0 {
        round1(100.0 * earned / total)
    } else if asked == 0 {
        100.0
    } else {
        // Every importance is zero: weigh the skills equally.
        round1(100.0 * covered as f64 / asked as f64)
    }
}

/// Skills a resume lacks among `names`, in the given order (each name once): [`skill_gap`]
/// by names and the taxonomy, for callers without embeddings.
pub fn missing_by_name<'a>(resume: &[String], names: &'a [String]) -> Vec<&'a str> {
    let resume: Vec<(&str, &[f32])> = resume.iter().map(|s| (s.as_str(), &[][..])).collect();
    let count = names.len() as f64;
    let target: Vec<TargetSkill> = names
        .iter()
        .enumerate()
        .map(|(i, name)| TargetSkill {
            name,
            // Earlier names matter more, so the order is kept.
            importance: count - i as f64,
            vector: &[],
        })
        .collect();
    let gap = skill_gap(&resume, &target, Coverage::Concepts);
    let mut seen = HashSet::new();
    gap.missing
        .iter()
        .filter_map(|m| names.iter().find(|n| n.trim() == m.name))
        .map(String::as_str)
        .filter(|n| seen.insert(*n))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target<'a>(skills: &[(&'a str, f64, &'a [f32])]) -> Vec<TargetSkill<'a>> {
        skills
            .iter()
            .map(|(name, importance, vector)| TargetSkill {
                name,
                importance: *importance,
                vector,
            })
            .collect()
    }

    #[test]
    fn names_aliases_and_near_embeddings_cover_and_the_rest_is_ranked_by_importance() {
        let (x, near_x, y, mid_y, far) = (
            [1.0_f32, 0.0, 0.0],
            [0.9_f32, 0.3, 0.0], // cos 0.949 with x
            [0.0_f32, 1.0, 0.0],
            [0.0_f32, 0.6, 0.8],  // cos 0.6 with y: adjacent
            [0.0_f32, -1.0, 0.0], // nothing near
        );
        let resume: Vec<(&str, &[f32])> =
            vec![("JS", &[]), ("Pandas", &near_x), ("Statistics", &mid_y)];
        let gap = skill_gap(
            &resume,
            &target(&[
                ("JavaScript", 1.0, &[]),
                ("NumPy", 1.0, &x),
                ("Excel", 0.5, &far),
                ("R", 2.0, &y),
                ("javascript", 3.0, &[]),
            ]),
            Coverage::Names,
        );
        let covered: Vec<(&str, &str, f64)> = gap
            .covered
            .iter()
            .map(|c| (c.name.as_str(), c.by.as_str(), c.similarity))
            .collect();
        assert_eq!(
            covered,
            [("JavaScript", "JS", 1.0), ("NumPy", "Pandas", 0.949)]
        );
        let missing: Vec<(&str, f64, bool)> = gap
            .missing
            .iter()
            .map(|m| (m.name.as_str(), m.importance, m.adjacent))
            .collect();
        assert_eq!(missing, [("R", 2.0, true), ("Excel", 0.5, false)]);
        assert_eq!(gap.missing[0].closest.as_ref().unwrap().name, "Statistics");
        assert_eq!(gap.missing[0].closest.as_ref().unwrap().similarity, 0.6);
        // JavaScript counts once with importance 3: (3 + 1 + 2·0.6) / (3 + 1 + 0.5 + 2).
        assert_eq!(gap.coverage, round1(100.0 * 5.2 / 6.5));
    }

    #[test]
    fn an_empty_target_is_fully_covered_and_names_alone_keep_their_order() {
        assert_eq!(skill_gap(&[], &[], Coverage::Concepts).coverage, 100.0);
        let names: Vec<String> = ["AWS", "Docker", "amazon web services", "Python", "Kafka"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let resume = vec!["python".to_string()];
        assert_eq!(missing_by_name(&resume, &names), ["AWS", "Docker", "Kafka"]);
    }
}
