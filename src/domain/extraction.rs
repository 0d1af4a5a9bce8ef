//! Skills read from free text: what the taxonomy names verbatim, and what the model finds
//! near the text's phrases.
//!
//! 1. **Names.** [`Taxonomy::mentions`]: preferred names and aliases on whole words
//!    ("PostgreSQL", "k8s", "teamwork"). Score 1.
//! 2. **Phrases.** The text is cut into short phrases at punctuation and function words
//!    ("solving business problems", "manage a team of nurses"); the caller embeds each phrase
//!    and the concepts' names, and a concept scores the best cosine of any phrase with it
//!    ([`nearest_concepts`]). A concept is reported when its score reaches
//!    [`EXTRACTION_MIN_SCORE`].
//!
//! Everything here is pure: vectors in, ranked skills out.

use std::collections::HashMap;

use super::constants::{
    EXTRACTION_MAX_PHRASE_WORDS, EXTRACTION_MIN_SCORE, EXTRACTION_NEAREST_PER_PHRASE,
};
use super::taxonomy::{words, ConceptId, Taxonomy, Via, Word};

/// A phrase of a text, to be embedded: its byte range and its words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phrase {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// A skill found in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub concept: ConceptId,
    /// Byte range of the text that names it.
    pub start: usize,
    pub end: usize,
    /// 1 for a name, else the cosine of the phrase with the concept's name.
    pub score: f32,
    pub via: Via,
    /// At least [`EXTRACTION_MIN_SCORE`] (every name is).
    pub accepted: bool,
}

/// Words that end a phrase: articles, pronouns, prepositions, conjunctions, auxiliaries and
/// the filler of job ads ("experience", "ability", "strong"), which carry no skill of their own.
const PHRASE_BREAKS: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "nor", "as", "at", "by", "for", "from", "in", "into",
    "of", "on", "onto", "to", "with", "within", "without", "via", "per", "about", "across",
    "through", "throughout", "over", "under", "between", "among", "including", "such", "like",
    "is", "are", "was", "were", "be", "been", "being", "am", "will", "would", "shall", "should",
    "can", "could", "may", "might", "must", "do", "does", "did", "have", "has", "had", "having",
    "we", "you", "they", "he", "she", "it", "i", "our", "your", "their", "its", "my", "us",
    "them", "who", "whom", "which", "that", "this", "these", "those", "what", "where", "when",
    "while", "if", "then", "than", "so", "also", "very", "well", "all", "any", "some", "each",
    "every", "other", "etc", "e.g", "i.e", "not", "no", "more", "most", "least", "less", "plus",
    "experience", "experienced", "ability", "able", "strong", "excellent", "good", "great",
    "solid", "proven", "knowledge", "understanding", "familiarity", "familiar", "skills",
    "skill", "years", "year", "preferred", "required", "requirement", "requirements",
    "looking", "join", "team", "role", "position", "candidate", "candidates", "ideal", "work",
    "working", "responsible", "responsibilities", "using", "use",
];

/// The phrases of a text: runs of words between punctuation and [`PHRASE_BREAKS`], at most
/// [`EXTRACTION_MAX_PHRASE_WORDS`] words (a longer run is cut into pieces of that size), each
/// once.
pub fn phrases(text: &str) -> Vec<Phrase> {
    let all = words(text);
    let mut out: Vec<Phrase> = Vec::new();
    let mut run: Vec<&Word> = Vec::new();
    let flush = |run: &mut Vec<&Word>, out: &mut Vec<Phrase>| {
        for piece in run.chunks(EXTRACTION_MAX_PHRASE_WORDS) {
            let (start, end) = (piece[0].start, piece[piece.len() - 1].end);
            let phrase = text[start..end].to_string();
            if !out.iter().any(|p| p.text.eq_ignore_ascii_case(&phrase)) {
                out.push(Phrase {
                    start,
                    end,
                    text: phrase,
                });
            }
        }
        run.clear();
    };
    for (i, word) in all.iter().enumerate() {
        let gap = i > 0 && separated(&text[all[i - 1].end..word.start]);
        if gap {
            flush(&mut run, &mut out);
        }
        if PHRASE_BREAKS.contains(&word.lower.as_str()) || is_number(&word.lower) {
            flush(&mut run, &mut out);
        } else {
            run.push(word);
        }
    }
    flush(&mut run, &mut out);
    out
}

/// Whether the characters between two words end a phrase: any punctuation but a hyphen,
/// slash or apostrophe inside a compound.
fn separated(between: &str) -> bool {
    between
        .chars()
        .any(|c| !c.is_whitespace() && !matches!(c, '-' | '/' | '\'' | '’' | '&'))
}

fn is_number(word: &str) -> bool {
    word.chars().all(|c| c.is_ascii_digit() || c == '.' || c == '+')
}

/// For each phrase (with its unit vector), the [`EXTRACTION_NEAREST_PER_PHRASE`] concepts
/// nearest to it; a concept keeps its best phrase. `concepts` are unit vectors of the
/// concepts' names, indexed by [`ConceptId`].
pub fn nearest_concepts(
    phrases: &[(&Phrase, &[f32])],
    concepts: &[&[f32]],
) -> HashMap<ConceptId, (f32, usize, usize)> {
    let mut best: HashMap<ConceptId, (f32, usize, usize)> = HashMap::new();
    for (phrase, vector) in phrases {
        let mut top: Vec<(f32, ConceptId)> = Vec::with_capacity(EXTRACTION_NEAREST_PER_PHRASE + 1);
        for (id, concept) in concepts.iter().enumerate() {
            if concept.is_empty() {
                continue;
            }
            let score = dot(vector, concept);
            if top.len() < EXTRACTION_NEAREST_PER_PHRASE || score > top[top.len() - 1].0 {
                let at = top.partition_point(|(s, _)| *s >= score);
                top.insert(at, (score, id as ConceptId));
                top.truncate(EXTRACTION_NEAREST_PER_PHRASE);
            }
        }
        for (score, id) in top {
            let entry = best.entry(id).or_insert((f32::MIN, 0, 0));
            if score > entry.0 {
                *entry = (score, phrase.start, phrase.end);
            }
        }
    }
    best
}

/// The skills `texts` name (no model: names and aliases only), as people call them, each
/// once, in order of first mention: what a document without a skills list is matched on.
pub fn named_skills<'a>(taxonomy: &Taxonomy, texts: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut seen: Vec<ConceptId> = Vec::new();
    for text in texts {
        for mention in taxonomy.mentions(text) {
            if !seen.contains(&mention.concept) {
                seen.push(mention.concept);
            }
        }
    }
    seen.into_iter()
        .map(|id| taxonomy.concept(id).display.clone())
        .collect()
}

/// Dot product in eight lanes, which the compiler vectorises (a plain `sum` it cannot
/// reorder): a 1,000-word text scores ~300 phrases against ~14,000 concepts.
fn dot(a: &[f32], b: &[f32]) -> f32 {
    let mut lanes = [0.0_f32; 8];
    let (a8, b8) = (a.chunks_exact(8), b.chunks_exact(8));
    let tail: f32 = a8
        .remainder()
        .iter()
        .zip(b8.remainder())
        .map(|(x, y)| x * y)
        .sum();
    for (x, y) in a8.zip(b8) {
        for i in 0..8 {
            lanes[i] += x[i] * y[i];
        }
    }
    lanes.iter().sum::<f32>() + tail
}

/// The skills of a text, best first: names (score 1, in text order), then concepts found by
/// embedding, by score; each concept once. Entries below `min_score` are dropped, and at most
/// `limit` are kept.
pub fn rank(
    taxonomy: &Taxonomy,
    text: &str,
    embedded: &HashMap<ConceptId, (f32, usize, usize)>,
    min_score: f32,
    limit: usize,
) -> Vec<Found> {
    let mut found: Vec<Found> = Vec::new();
    for mention in taxonomy.mentions(text) {
        if !found.iter().any(|f| f.concept == mention.concept) {
            found.push(Found {
                concept: mention.concept,
                start: mention.start,
                end: mention.end,
                score: 1.0,
                via: mention.via,
                accepted: true,
            });
        }
    }
    let mut by_score: Vec<(&ConceptId, &(f32, usize, usize))> = embedded.iter().collect();
    by_score.sort_by(|a, b| b.1 .0.total_cmp(&a.1 .0).then(a.0.cmp(b.0)));
    for (&concept, &(score, start, end)) in by_score {
        if found.iter().any(|f| f.concept == concept) {
            continue;
        }
        found.push(Found {
            concept,
            start,
            end,
            score,
            via: Via::Embedding,
            accepted: score >= EXTRACTION_MIN_SCORE,
        });
    }
    found.retain(|f| f.score >= min_score);
    found.truncate(limit);
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_break_at_punctuation_function_words_and_numbers() {
        let text = "We look for people passionate about solving business problems, with 5+ years of Python/Django and CI-CD experience.";
        let got: Vec<String> = phrases(text).into_iter().map(|p| p.text).collect();
        assert_eq!(
            got,
            [
                "look",
                "people passionate",
                "solving business problems",
                "Python/Django",
                "CI-CD"
            ]
        );
    }

    #[test]
    fn long_runs_are_cut_and_repeats_kept_once() {
        let text = "alpha beta gamma delta epsilon zeta eta theta. Alpha beta gamma delta epsilon zeta";
        let got: Vec<String> = phrases(text).into_iter().map(|p| p.text).collect();
        assert_eq!(EXTRACTION_MAX_PHRASE_WORDS, 6);
        assert_eq!(
            got,
            ["alpha beta gamma delta epsilon zeta", "eta theta"]
        );
    }

    #[test]
    fn each_concept_keeps_its_best_phrase() {
        let p1 = Phrase {
            start: 0,
            end: 3,
            text: "one".into(),
        };
        let p2 = Phrase {
            start: 4,
            end: 7,
            text: "two".into(),
        };
        let (a, b, c) = ([1.0_f32, 0.0], [0.6_f32, 0.8], [0.0_f32, 1.0]);
        let best = nearest_concepts(&[(&p1, &a), (&p2, &b)], &[&a, &c, &[]]);
        assert_eq!(best[&0], (1.0, 0, 3));
        assert_eq!(best[&1], (0.8, 4, 7));
        assert!(!best.contains_key(&2), "a concept without a vector is never near");
    }
}
