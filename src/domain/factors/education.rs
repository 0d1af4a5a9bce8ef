//! Education: the resume's highest degree against the lowest degree the posting asks for.

use serde::{Deserialize, Serialize};

use super::lexicon::{DEGREE_ABBREVIATIONS, DEGREE_FLEXIBLE, DEGREE_WORDS, NICE_TO_HAVE_WORDS};
use super::text::{contains_any, named, position, sentences, words};
use super::{Factor, PostingFacts, ResumeFacts, Verdict};
use crate::domain::constants::{
    EDUCATION_BELOW_FLEXIBLE, EDUCATION_BELOW_PREFERRED, EDUCATION_LEVELS_BELOW,
    EDUCATION_ONE_LEVEL_BELOW,
};

/// Degree levels, lowest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Degree {
    HighSchool,
    Certificate,
    Associate,
    Bachelor,
    Master,
    Doctorate,
}

impl Degree {
    fn name(self) -> &'static str {
        match self {
            Degree::HighSchool => "high school",
            Degree::Certificate => "a certificate or bootcamp",
            Degree::Associate => "an associate degree",
            Degree::Bachelor => "a bachelor's degree",
            Degree::Master => "a master's degree",
            Degree::Doctorate => "a doctorate",
        }
    }
}

/// The level a resume's degree field names (abbreviations included: "BS Biology").
pub fn degree_of(text: &str) -> Option<Degree> {
    let w = words(text);
    named_degree(&w).or_else(|| {
        DEGREE_ABBREVIATIONS
            .iter()
            // An abbreviation names the degree only as the field's first word ("MS Biology").
            .find(|(_, abbreviations)| {
                abbreviations
                    .iter()
                    .any(|a| w.first().is_some_and(|f| f == a))
            })
            .map(|(degree, _)| *degree)
    })
}

/// The highest level a sentence names in full words, or by an abbreviation followed by
/// "degree" or "in" ("MS in Statistics").
fn named_degree(w: &[String]) -> Option<Degree> {
    named(w, DEGREE_WORDS).next()
}

fn abbreviated_degree(w: &[String]) -> Option<Degree> {
    DEGREE_ABBREVIATIONS
        .iter()
        .find_map(|(degree, abbreviations)| {
            abbreviations.iter().find_map(|a| {
                let at = position(w, a)?;
                matches!(w.get(at + 1).map(String::as_str), Some("degree" | "in"))
                    .then_some(*degree)
            })
        })
}

/// What a posting asks: the lowest level its degree sentences name, whether that is only
/// preferred, and whether equivalent experience is accepted.
struct Asked {
    degree: Degree,
    preferred: bool,
    flexible: bool,
}

fn asked(posting: &PostingFacts) -> Option<Asked> {
    let mut found: Vec<(Degree, bool, bool)> = Vec::new();
    let texts = posting
        .requirements
        .iter()
        .map(String::as_str)
        .chain([posting.description]);
    for sentence in texts.flat_map(sentences) {
        // A sentence naming several levels ("Bachelor's or Master's") asks for the lowest.
        let lowest = named(&sentence, DEGREE_WORDS)
            .next_back()
            .or_else(|| abbreviated_degree(&sentence));
        if let Some(degree) = lowest {
            let preferred = contains_any(&sentence, NICE_TO_HAVE_WORDS);
            let flexible = contains_any(&sentence, DEGREE_FLEXIBLE);
            found.push((degree, preferred, flexible));
        }
    }
    // Conditions first; wishes only when the posting states no condition.
    let required: Vec<_> = found
        .iter()
        .filter(|(_, preferred, _)| !preferred)
        .collect();
    let pool = if required.is_empty() {
        found.iter().collect()
    } else {
        required
    };
    let (degree, preferred, _) = **pool.iter().min_by_key(|(d, _, _)| *d)?;
    let flexible = pool.iter().any(|(d, _, f)| *d == degree && *f);
    Some(Asked {
        degree,
        preferred,
        flexible,
    })
}

pub fn assess(resume: &ResumeFacts, posting: &PostingFacts) -> Factor {
    let Some(asked) = asked(posting) else {
        return Factor::unscored(Verdict::NotRequired, "The posting names no degree");
    };
    let Some(held) = resume.degrees.iter().filter_map(|d| degree_of(d)).max() else {
        let evidence = if resume.degrees.is_empty() {
            format!(
                "The posting asks for {}; the resume lists no education",
                asked.degree.name()
            )
        } else {
            format!(
                "The posting asks for {}; the resume's degrees could not be read",
                asked.degree.name()
            )
        };
        return Factor::unscored(Verdict::Unknown, evidence);
    };
    let ask = format!(
        "{}{}{}",
        asked.degree.name(),
        if asked.preferred { " (preferred)" } else { "" },
        if asked.flexible {
            " or equivalent experience"
        } else {
            ""
        }
    );
    if held > asked.degree {
        return Factor::scored(
            100.0,
            Verdict::Exceeds,
            format!("Holds {}; the posting asks for {ask}", held.name()),
        );
    }
    if held == asked.degree {
        return Factor::scored(
            100.0,
            Verdict::Meets,
            format!("Holds {}, as the posting asks", held.name()),
        );
    }
    let levels_below = asked.degree as i32 - held as i32;
    let score = if asked.preferred {
        EDUCATION_BELOW_PREFERRED
    } else if asked.flexible {
        EDUCATION_BELOW_FLEXIBLE
    } else if levels_below == 1 {
        EDUCATION_ONE_LEVEL_BELOW
    } else {
        EDUCATION_LEVELS_BELOW
    };
    Factor::scored(
        score,
        Verdict::Below,
        format!("Holds {}; the posting asks for {ask}", held.name()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn posting(requirements: &[&str], description: &'static str) -> (Vec<String>, &'static str) {
        (
            requirements.iter().map(|s| s.to_string()).collect(),
            description,
        )
    }

    fn run(degrees: &[&str], requirements: &[&str]) -> Factor {
        let (requirements, description) = posting(requirements, "");
        let degrees: Vec<String> = degrees.iter().map(|s| s.to_string()).collect();
        let resume = ResumeFacts {
            degrees: &degrees,
            ..Default::default()
        };
        let posting = PostingFacts {
            requirements: &requirements,
            description,
            ..Default::default()
        };
        assess(&resume, &posting)
    }

    #[test]
    fn degrees_are_read_from_words_and_abbreviations() {
        assert_eq!(degree_of("BSc Computer Science"), Some(Degree::Bachelor));
        assert_eq!(degree_of("B.S. Biology"), Some(Degree::Bachelor));
        assert_eq!(
            degree_of("Master of Business Administration"),
            Some(Degree::Master)
        );
        assert_eq!(degree_of("Ph.D. Physics"), Some(Degree::Doctorate));
        assert_eq!(degree_of("High School Diploma"), Some(Degree::HighSchool));
        assert_eq!(
            degree_of("Coding Bootcamp Certificate"),
            Some(Degree::Certificate)
        );
        assert_eq!(degree_of("Computer Science"), None);
        assert_eq!(
            degree_of("Certificate in MS Office"),
            Some(Degree::Certificate)
        );
        assert_eq!(degree_of("Mastery of Scrum"), None);
    }

    #[test]
    fn verdicts_follow_levels_wishes_and_equivalents() {
        let bachelor = ["Bachelor's degree in Computer Science"];
        assert_eq!(
            run(&["MSc Data Science"], &bachelor).verdict.as_str(),
            "exceeds"
        );
        assert_eq!(run(&["BSc Physics"], &bachelor).score, Some(100.0));
        let below = run(&["High School Diploma"], &bachelor);
        assert_eq!(
            (below.verdict.as_str(), below.score),
            ("below", Some(EDUCATION_LEVELS_BELOW))
        );
        assert_eq!(
            run(&["Associate Degree in IT"], &bachelor).score,
            Some(EDUCATION_ONE_LEVEL_BELOW)
        );
        let flexible = ["BS in Computer Science or equivalent experience"];
        assert_eq!(
            run(&["High School Diploma"], &flexible).score,
            Some(EDUCATION_BELOW_FLEXIBLE)
        );
        let wish = ["Master's degree preferred"];
        assert_eq!(
            run(&["BSc Physics"], &wish).score,
            Some(EDUCATION_BELOW_PREFERRED)
        );
        // "Bachelor's or Master's" asks for the lower.
        assert_eq!(
            run(
                &["BSc Physics"],
                &["Bachelor's or Master's degree in Physics"]
            )
            .verdict
            .as_str(),
            "meets"
        );
    }

    #[test]
    fn silence_and_missing_data_are_not_penalised() {
        assert_eq!(
            run(
                &["BSc"],
                &["5+ years with Python", "Proficiency in MS Office"]
            )
            .score,
            None
        );
        let unknown = run(&[], &["Bachelor's degree required"]);
        assert_eq!((unknown.verdict.as_str(), unknown.score), ("unknown", None));
    }
}
