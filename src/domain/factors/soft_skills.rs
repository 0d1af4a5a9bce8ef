//! Soft skills: those the posting's description and requirements name (from
//! `lexicon::SOFT_SKILLS`), and which of them the resume's summary, work titles and
//! responsibilities show.

use super::lexicon::SOFT_SKILLS;
use super::text::{named, words};
use super::{listing, Factor, PostingFacts, ResumeFacts, Verdict};

pub struct SoftSkills {
    pub factor: Factor,
    pub asked: Vec<String>,
    pub shown: Vec<String>,
}

/// The soft skills a text names, in `SOFT_SKILLS` order.
pub fn soft_skills_in(text: &str) -> Vec<&'static str> {
    named(&words(text), SOFT_SKILLS).collect()
}

pub fn assess(resume: &ResumeFacts, posting: &PostingFacts) -> SoftSkills {
    let posting_text = [posting.description]
        .into_iter()
        .chain(posting.requirements.iter().map(String::as_str))
        .collect::<Vec<_>>()
        .join(". ");
    let mut resume_text = vec![resume.summary.to_string()];
    for entry in &resume.work {
        resume_text.push(entry.title.to_string());
        resume_text.extend(entry.responsibilities.iter().cloned());
    }
    resume_text.extend(resume.skills.iter().map(|(name, _)| name.to_string()));
    let asked = soft_skills_in(&posting_text);
    let has = soft_skills_in(&resume_text.join(". "));
    let shown: Vec<String> = asked
        .iter()
        .filter(|s| has.contains(s))
        .map(|s| s.to_string())
        .collect();
    let asked: Vec<String> = asked.iter().map(|s| s.to_string()).collect();
    let factor = if asked.is_empty() {
        Factor::unscored(Verdict::NotAsked, "The posting names no soft skills")
    } else {
        let missing: Vec<String> = asked
            .iter()
            .filter(|s| !shown.contains(s))
            .cloned()
            .collect();
        let score = 100.0 * shown.len() as f64 / asked.len() as f64;
        let verdict = if missing.is_empty() {
            Verdict::Evidenced
        } else if shown.is_empty() {
            Verdict::Missing
        } else {
            Verdict::PartlyEvidenced
        };
        let mut evidence = format!("The posting asks for {}", listing(&asked));
        if !shown.is_empty() {
            evidence.push_str(&format!("; the resume shows {}", listing(&shown)));
        }
        if !missing.is_empty() {
            evidence.push_str(&format!("; no sign of {}", listing(&missing)));
        }
        Factor::scored(score, verdict, evidence)
    };
    SoftSkills {
        factor,
        asked,
        shown,
    }
}

#[cfg(test)]
mod tests {
    use super::super::WorkFact;
    use super::*;

    #[test]
    fn soft_skills_are_found_by_phrase_and_stem() {
        assert_eq!(
            soft_skills_in("Strong written and verbal communication; mentor junior engineers in a fast-paced team"),
            ["Communication", "Leadership", "Adaptability"]
        );
        assert!(soft_skills_in("Python, SQL, Docker").is_empty());
    }

    #[test]
    fn the_score_is_the_share_of_asked_skills_the_resume_shows() {
        let responsibilities = vec!["Led a team of four engineers".to_string()];
        let resume = ResumeFacts {
            summary: "Engineer who collaborates across teams",
            work: vec![WorkFact {
                title: "Lead Engineer",
                responsibilities: &responsibilities,
                range: None,
                vector: &[],
            }],
            ..Default::default()
        };
        let requirements = vec!["Excellent communication skills".to_string()];
        let posting = PostingFacts {
            description: "You will mentor others and collaborate with product.",
            requirements: &requirements,
            ..Default::default()
        };
        let result = assess(&resume, &posting);
        assert_eq!(result.asked, ["Communication", "Teamwork", "Leadership"]);
        assert_eq!(result.shown, ["Teamwork", "Leadership"]);
        assert_eq!(result.factor.score, Some(66.7));
        assert!(result.factor.evidence.contains("no sign of Communication"));
        let silent = assess(&resume, &PostingFacts::default());
        assert_eq!(silent.factor.score, None);
    }
}
