//! Skills read from free text: what the taxonomy names verbatim, and what the model finds
//! near the text's phrases.
//!
//! 1. **Names.** [`Taxonomy::mentions`]: preferred names and aliases on whole words
//!    ("PostgreSQL", "k8s", "teamwork"). Score 1.
//! 2. **Phrases.** The text is cut into sentences and those into short phrases at punctuation
//!    and function words ("solving business problems"); the caller embeds phrases, sentences
//!    and the concepts' names, and a concept scores its best blend of phrase and sentence
//!    cosine ([`nearest_concepts`]). A phrase's nearest concept is reported when it scores at
//!    least [`EXTRACTION_MIN_SCORE`]; the others are ranked candidates.
//! 3. **Context.** With the model at hand, an ESCO concept named only by one of its
//!    alternative labels counts when its sentence is about it ([`alias_context`]): ESCO's
//!    alternative labels include everyday words.
//!
//! Everything here is pure: vectors in, ranked skills out.

use std::collections::HashMap;

use super::constants::{
    EXTRACTION_ALIAS_MIN_CONTEXT, EXTRACTION_MAX_PHRASE_WORDS, EXTRACTION_MIN_SCORE,
    EXTRACTION_NEAREST_PER_PHRASE, EXTRACTION_SENTENCE_WEIGHT,
};
use super::taxonomy::{words, ConceptId, ConceptKind, Mention, Taxonomy, Via, Word};

/// A phrase of a text, to be embedded: its byte range, its text and the sentence it is in
/// (an index into [`sentences`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phrase {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub sentence: usize,
}

/// The sentences of a text, as byte ranges: cut after `.`, `!`, `?` or `;` followed by a
/// space or the end, at line breaks and at bullets. Blank pieces are left out.
pub fn sentences(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next_blank = chars.peek().is_none_or(|(_, n)| n.is_whitespace());
        let ends =
            matches!(c, '\n' | '•' | '·') || (matches!(c, '.' | '!' | '?' | ';') && next_blank);
        if ends {
            let end = if matches!(c, '\n' | '•' | '·') {
                i
            } else {
                i + c.len_utf8()
            };
            push_sentence(text, start, end, &mut out);
            start = i + c.len_utf8();
        }
    }
    push_sentence(text, start, text.len(), &mut out);
    out
}

fn push_sentence(text: &str, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    let piece = &text[start..end];
    let trimmed = piece.trim();
    if !trimmed.is_empty() {
        let lead = piece.len() - piece.trim_start().len();
        out.push((start + lead, start + lead + trimmed.len()));
    }
}

/// A skill found in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub concept: ConceptId,
    /// Byte range of the text that names it.
    pub start: usize,
    pub end: usize,
    /// 1 for a name, else the [`nearest_concepts`] score.
    pub score: f32,
    pub via: Via,
    /// Reported by default: a name, or the nearest concept of a phrase scoring at least
    /// [`EXTRACTION_MIN_SCORE`].
    pub accepted: bool,
}

/// Words that end a phrase: articles, pronouns, prepositions, conjunctions, auxiliaries and
/// the filler of job ads ("experience", "ability", "strong"), which carry no skill of their own.
#[rustfmt::skip]
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
    let bounds = sentences(text);
    let sentence_of = |at: usize| bounds.iter().position(|&(_, end)| at < end).unwrap_or(0);
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
                    sentence: sentence_of(start),
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
    word.chars()
        .all(|c| c.is_ascii_digit() || c == '.' || c == '+')
}

/// A concept found near a phrase: its best score, where, and whether it was the nearest
/// concept of some phrase (only those are reported by default: one skill per phrase).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Near {
    pub score: f32,
    pub start: usize,
    pub end: usize,
    pub nearest: bool,
}

/// For each phrase, the [`EXTRACTION_NEAREST_PER_PHRASE`] concepts nearest to it, scored
/// `(1 − w)·cos(phrase, concept) + w·cos(sentence, concept)` with w =
/// [`EXTRACTION_SENTENCE_WEIGHT`]: the sentence says which sense a phrase has ("managing
/// accounts" in a sales ad or a sysadmin's). A concept keeps its best phrase. `phrase_vectors`
/// and `sentence_vectors` are unit vectors in the order of `phrases` and of the sentences the
/// phrases name; `concepts` are the concepts' name vectors, indexed by [`ConceptId`].
pub fn nearest_concepts(
    phrases: &[Phrase],
    phrase_vectors: &[&[f32]],
    sentence_vectors: &[&[f32]],
    concepts: &[&[f32]],
) -> HashMap<ConceptId, Near> {
    let w = EXTRACTION_SENTENCE_WEIGHT;
    let mut by_sentence: HashMap<usize, Vec<f32>> = HashMap::new();
    let mut best: HashMap<ConceptId, Near> = HashMap::new();
    for (phrase, vector) in phrases.iter().zip(phrase_vectors) {
        let context = by_sentence.entry(phrase.sentence).or_insert_with(|| {
            let sentence = sentence_vectors
                .get(phrase.sentence)
                .copied()
                .unwrap_or(&[]);
            concepts.iter().map(|c| dot(sentence, c)).collect()
        });
        let mut top: Vec<(f32, ConceptId)> = Vec::with_capacity(EXTRACTION_NEAREST_PER_PHRASE + 1);
        for (id, concept) in concepts.iter().enumerate() {
            if concept.is_empty() {
                continue;
            }
            let score = (1.0 - w) * dot(vector, concept) + w * context[id];
            if top.len() < EXTRACTION_NEAREST_PER_PHRASE || score > top[top.len() - 1].0 {
                let at = top.partition_point(|(s, _)| *s >= score);
                top.insert(at, (score, id as ConceptId));
                top.truncate(EXTRACTION_NEAREST_PER_PHRASE);
            }
        }
        for (rank, (score, id)) in top.into_iter().enumerate() {
            let entry = best.entry(id).or_insert(Near {
                score: f32::MIN,
                start: 0,
                end: 0,
                nearest: false,
            });
            entry.nearest |= rank == 0;
            if score > entry.score {
                (entry.score, entry.start, entry.end) = (score, phrase.start, phrase.end);
            }
        }
    }
    best
}

/// For each ESCO concept that a text's `mentions` ([`Taxonomy::mentions`]) name only by
/// alternative labels, the best cosine between the concept and a sentence naming it: [`rank`]
/// accepts such a mention at [`EXTRACTION_ALIAS_MIN_CONTEXT`] or above. `bounds` are the
/// text's [`sentences`] and `sentence_vectors` their vectors; `concepts` as for
/// [`nearest_concepts`].
pub fn alias_context(
    taxonomy: &Taxonomy,
    mentions: &[Mention],
    bounds: &[(usize, usize)],
    sentence_vectors: &[&[f32]],
    concepts: &[&[f32]],
) -> HashMap<ConceptId, f32> {
    let by_label: Vec<ConceptId> = mentions
        .iter()
        .filter(|m| m.via == Via::Label)
        .map(|m| m.concept)
        .collect();
    let mut context: HashMap<ConceptId, f32> = HashMap::new();
    for mention in mentions {
        let esco = taxonomy.concept(mention.concept).kind == ConceptKind::Esco;
        if mention.via != Via::Alias || !esco || by_label.contains(&mention.concept) {
            continue;
        }
        let sentence = bounds
            .iter()
            .position(|&(_, end)| mention.start < end)
            .and_then(|i| sentence_vectors.get(i));
        let concept = concepts.get(mention.concept as usize);
        let cosine = match (sentence, concept) {
            (Some(s), Some(c)) if !c.is_empty() => dot(s, c),
            _ => continue,
        };
        let best = context.entry(mention.concept).or_insert(f32::MIN);
        *best = best.max(cosine);
    }
    context
}

/// The skills `texts` name (no model: names and aliases only), as people call them, each
/// once, in order of first mention: what a document without a skills list is matched on.
pub fn named_skills<'a>(
    taxonomy: &Taxonomy,
    texts: impl IntoIterator<Item = &'a str>,
) -> Vec<String> {
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

/// The skills of a text, best first: its `mentions` ([`Taxonomy::mentions`]: names, score 1,
/// in text order), then concepts found by embedding, by score; each concept once. A concept named only by alternative labels whose
/// [`alias_context`] is below [`EXTRACTION_ALIAS_MIN_CONTEXT`] is not accepted as named: it
/// ranks by that cosine among the embedding candidates (and is accepted there if a phrase
/// found it). Without `min_score` only the accepted ones are kept; with it, every candidate
/// scoring at least that (accepted or not). At most `limit`.
pub fn rank(
    mentions: &[Mention],
    embedded: &HashMap<ConceptId, Near>,
    context: &HashMap<ConceptId, f32>,
    min_score: Option<f32>,
    limit: usize,
) -> Vec<Found> {
    let mut found: Vec<Found> = Vec::new();
    let mut weak: Vec<Found> = Vec::new();
    for mention in mentions {
        if found
            .iter()
            .chain(&weak)
            .any(|f| f.concept == mention.concept)
        {
            continue;
        }
        let named = Found {
            concept: mention.concept,
            start: mention.start,
            end: mention.end,
            score: 1.0,
            via: mention.via,
            accepted: true,
        };
        match context.get(&mention.concept) {
            Some(&cosine) if cosine < EXTRACTION_ALIAS_MIN_CONTEXT => weak.push(Found {
                score: cosine.max(0.0),
                accepted: false,
                ..named
            }),
            _ => found.push(named),
        }
    }
    let mut ranked: Vec<Found> = embedded
        .iter()
        .filter(|(concept, _)| !found.iter().any(|f| f.concept == **concept))
        .map(|(&concept, near)| Found {
            concept,
            start: near.start,
            end: near.end,
            score: near.score,
            via: Via::Embedding,
            accepted: near.nearest && near.score >= EXTRACTION_MIN_SCORE,
        })
        .collect();
    weak.retain(|w| !embedded.contains_key(&w.concept));
    ranked.extend(weak);
    ranked.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.concept.cmp(&b.concept)));
    found.extend(ranked);
    found.retain(|f| match min_score {
        None => f.accepted,
        Some(min) => f.score >= min,
    });
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
        let text =
            "alpha beta gamma delta epsilon zeta eta theta. Alpha beta gamma delta epsilon zeta";
        let got: Vec<String> = phrases(text).into_iter().map(|p| p.text).collect();
        assert_eq!(EXTRACTION_MAX_PHRASE_WORDS, 6);
        assert_eq!(got, ["alpha beta gamma delta epsilon zeta", "eta theta"]);
    }

    #[test]
    fn each_concept_keeps_its_best_phrase_and_only_a_phrase_s_nearest_is_marked() {
        let phrase = |start, end, sentence| Phrase {
            start,
            end,
            text: String::new(),
            sentence,
        };
        let (p1, p2) = (phrase(0, 3, 0), phrase(4, 7, 1));
        let (a, b, c) = ([1.0_f32, 0.0], [0.6_f32, 0.8], [0.0_f32, 1.0]);
        let w = EXTRACTION_SENTENCE_WEIGHT;
        // Sentence 0 is the phrase itself; sentence 1 points at `c`.
        let best = nearest_concepts(&[p1, p2], &[&a, &b], &[&a, &c], &[&a, &c, &[]]);
        assert_eq!((best[&0].start, best[&0].score), (0, 1.0));
        assert!(best[&0].nearest);
        let c_score = (1.0 - w) * 0.8 + w;
        assert_eq!((best[&1].start, best[&1].score), (4, c_score));
        assert!(best[&1].nearest, "c is phrase 2's nearest");
        assert!(
            !best.contains_key(&2),
            "a concept without a vector is never near"
        );
    }

    #[test]
    fn sentences_end_at_stops_line_breaks_and_bullets_not_inside_words() {
        let text = "Use Node.js daily. Ship fast!\n• Own CI; review code";
        let got: Vec<&str> = sentences(text)
            .into_iter()
            .map(|(s, e)| &text[s..e])
            .collect();
        assert_eq!(
            got,
            ["Use Node.js daily.", "Ship fast!", "Own CI;", "review code"]
        );
        let p = phrases(text);
        let review = p.iter().find(|p| p.text == "review code").unwrap();
        assert_eq!(review.sentence, 3);
    }

    #[test]
    fn an_esco_alternative_label_counts_only_where_its_sentence_is_about_it() {
        let esco = "id\tpreferred\talt_labels\tbroader\ttype\n\
            e-think\tthink creatively\tdesign\t\tskill\n\
            e-team\twork in teams\tteamwork\t\tskill\n";
        let tools = "id\tname\taliases\timplies\tesco\n\
            django\tDjango\tdjango framework\t\t\n";
        let taxonomy = Taxonomy::parse(esco, tools).unwrap();
        let id = |name: &str| taxonomy.lookup(name).unwrap();
        let (think, team, django) = (id("think creatively"), id("work in teams"), id("Django"));
        let text = "Design the schema. Work in teams; teamwork with the Django framework.";
        // Concept vectors by id; sentence 0 is far from "think creatively".
        let mut concepts: Vec<Vec<f32>> = vec![vec![0.0, 1.0]; taxonomy.len()];
        concepts[think as usize] = vec![1.0, 0.0];
        let concepts: Vec<&[f32]> = concepts.iter().map(Vec::as_slice).collect();
        let far: [f32; 2] = [0.2, 0.98];
        let near: [f32; 2] = [0.9, 0.436];
        let other: [f32; 2] = [0.0, 1.0];

        let (mentions, bounds) = (taxonomy.mentions(text), sentences(text));
        let context_of = |sentence: &[f32; 2]| {
            let vectors: [&[f32]; 3] = [sentence, &other, &other];
            alias_context(&taxonomy, &mentions, &bounds, &vectors, &concepts)
        };
        let context = context_of(&far);
        assert_eq!(
            context.len(),
            1,
            "only an ESCO concept named by an alias alone: {context:?}"
        );
        assert!((context[&think] - 0.2).abs() < 1e-6);
        let found = rank(&mentions, &HashMap::new(), &context, Some(0.0), 10);
        let ids: Vec<ConceptId> = found.iter().map(|f| f.concept).collect();
        assert_eq!(
            ids,
            [team, django, think],
            "names first, the weak alias after them"
        );
        let weak = &found[2];
        assert!(!weak.accepted && (weak.score - 0.2).abs() < 1e-6 && weak.via == Via::Alias);
        let accepted = rank(&mentions, &HashMap::new(), &context, None, 10);
        assert!(accepted.iter().all(|f| f.concept != think));

        let context = context_of(&near);
        let found = rank(&mentions, &HashMap::new(), &context, None, 10);
        let think_found = found.iter().find(|f| f.concept == think).unwrap();
        assert!(
            think_found.accepted && think_found.score == 1.0,
            "{found:?}"
        );
        assert_eq!(found.len(), 3);
        assert!(context[&think] >= EXTRACTION_ALIAS_MIN_CONTEXT);
    }
}
