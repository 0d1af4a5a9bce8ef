//! Language: the language of each side's prose, told from its most common words. The model is
//! trained on English, so similarities across languages, or of two non-English texts, are
//! less reliable; the factor says so and weighs nothing.

use super::lexicon::LANGUAGE_WORDS;
use super::text::words;
use super::{Factor, PostingFacts, ResumeFacts, Verdict};
use crate::domain::constants::LANGUAGE_MIN_WORDS;

pub struct Languages {
    pub factor: Factor,
    pub resume: Option<String>,
    pub job: Option<String>,
}

/// The language (ISO 639-1) whose common words `text` uses most, when it uses at least
/// [`LANGUAGE_MIN_WORDS`] of them.
pub fn language_of(text: &str) -> Option<&'static str> {
    let w = words(text);
    LANGUAGE_WORDS
        .iter()
        .map(|(code, common)| {
            (
                code,
                w.iter().filter(|x| common.contains(&x.as_str())).count(),
            )
        })
        .filter(|(_, hits)| *hits >= LANGUAGE_MIN_WORDS)
        .max_by_key(|(_, hits)| *hits)
        .map(|(code, _)| *code)
}

pub fn assess(resume: &ResumeFacts, posting: &PostingFacts) -> Languages {
    let mut resume_text = vec![resume.summary.to_string()];
    for entry in &resume.work {
        resume_text.extend(entry.responsibilities.iter().cloned());
    }
    let posting_text = [posting.description.to_string()]
        .into_iter()
        .chain(posting.requirements.iter().cloned())
        .collect::<Vec<_>>()
        .join(". ");
    let theirs = language_of(&resume_text.join(". "));
    let ours = language_of(&posting_text);
    let factor = match (theirs, ours) {
        (Some("en"), Some("en")) => Factor::unscored(Verdict::Same, "Both are in English"),
        (Some(a), Some(b)) if a == b => Factor::unscored(
            Verdict::Same,
            format!("Both are in {a}; the model is trained on English, so similarities are less reliable"),
        ),
        (Some(a), Some(b)) => Factor::unscored(
            Verdict::Different,
            format!("The resume is in {a} and the posting in {b}: similarities across languages are less reliable"),
        ),
        _ => Factor::unscored(Verdict::Unknown, "Too little prose to tell the language of both sides"),
    };
    Languages {
        factor,
        resume: theirs.map(str::to_string),
        job: ours.map(str::to_string),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_words_tell_the_language() {
        assert_eq!(
            language_of("We are looking for an engineer with experience in the design of APIs"),
            Some("en")
        );
        assert_eq!(language_of("Wir suchen eine Entwicklerin mit Erfahrung in der Entwicklung von APIs und Datenbanken"), Some("de"));
        assert_eq!(
            language_of(
                "Buscamos una persona con experiencia en el desarrollo de APIs para el equipo"
            ),
            Some("es")
        );
        assert_eq!(language_of("Python, SQL, Docker"), None);
    }

    #[test]
    fn different_languages_are_flagged_without_a_score() {
        let responsibilities =
            vec!["Entwicklung von Diensten und Datenbanken mit der Firma und dem Team".to_string()];
        let resume = ResumeFacts {
            summary: "Ich bin eine Entwicklerin mit Erfahrung",
            work: vec![super::super::WorkFact {
                title: "",
                responsibilities: &responsibilities,
                range: None,
                vector: &[],
            }],
            ..Default::default()
        };
        let posting = PostingFacts {
            description: "We are hiring an engineer to join our team and build the services of the future with you.",
            ..Default::default()
        };
        let result = assess(&resume, &posting);
        assert_eq!(
            (result.resume.as_deref(), result.job.as_deref()),
            (Some("de"), Some("en"))
        );
        assert_eq!(
            (result.factor.verdict.as_str(), result.factor.score),
            ("different", None)
        );
    }
}
