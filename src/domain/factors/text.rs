//! Words and phrases in free text, the way the factor rules read it: lowercase, apostrophes and
//! dots dropped inside words ("Bachelor's" → "bachelors", "B.Sc." → "bsc", "Node.js" →
//! "nodejs"), split on anything else that is not a letter, a digit, `+` or `#`.

/// The words of `text`.
pub fn words(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.to_lowercase().chars().collect();
    // A dot between digits is a decimal point ("3.5 years"); any other dot or apostrophe joins.
    let kept: String = chars
        .iter()
        .enumerate()
        .filter(|&(i, c)| match c {
            '\'' | '’' => false,
            '.' => {
                i > 0
                    && chars[i - 1].is_ascii_digit()
                    && chars.get(i + 1).is_some_and(|n| n.is_ascii_digit())
            }
            _ => true,
        })
        .map(|(_, c)| *c)
        .collect();
    kept.split(|c: char| !(c.is_alphanumeric() || c == '+' || c == '#' || c == '.'))
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Words after which a dot does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "eg", "ie", "etc", "vs", "inc", "sr", "jr", "dr", "approx", "incl",
];

/// Whether `phrase` occurs in `words` as consecutive words. A phrase word ending in `*` matches
/// any word it begins ("communicat*" matches "communication" and "communicate").
pub fn contains(words: &[String], phrase: &str) -> bool {
    position(words, phrase).is_some()
}

/// Whether any of `phrases` occurs in `words`.
pub fn contains_any(words: &[String], phrases: &[&str]) -> bool {
    phrases.iter().any(|p| contains(words, p))
}

/// The keys of a `(key, phrases)` table, in table order, whose phrases occur in `words`.
pub fn named<'t, T: Copy>(
    words: &'t [String],
    table: &'t [(T, &[&str])],
) -> impl DoubleEndedIterator<Item = T> + 't {
    table
        .iter()
        .filter(move |(_, phrases)| contains_any(words, phrases))
        .map(|(key, _)| *key)
}

/// Where `phrase` first occurs in `words` (see [`contains`]).
pub fn position(words: &[String], phrase: &str) -> Option<usize> {
    let pattern: Vec<String> = phrase.split_whitespace().flat_map(pattern_words).collect();
    if pattern.is_empty() || pattern.len() > words.len() {
        return None;
    }
    (0..=words.len() - pattern.len()).find(|&start| {
        pattern
            .iter()
            .zip(&words[start..])
            .all(|(p, w)| match p.strip_suffix('*') {
                Some(prefix) => w.starts_with(prefix),
                None => p == w,
            })
    })
}

/// A phrase word as [`words`] would split it ("detail-oriented" is two words), keeping a `*`.
fn pattern_words(word: &str) -> Vec<String> {
    let star = word.ends_with('*');
    let mut parts = words(word.trim_end_matches('*'));
    if star {
        if let Some(last) = parts.last_mut() {
            last.push('*');
        }
    }
    parts
}

/// Sentences of a text (split at `.`, `!`, `?`, `;` and line breaks followed by space), each
/// as words; a list item is one sentence already.
pub fn sentences(text: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let ends = matches!(c, '!' | '?' | ';' | '\n')
            || (c == '.'
                && chars.peek().is_none_or(|n| n.is_whitespace())
                && !ends_with_abbreviation(&current));
        if ends {
            out.push(words(&current));
            current.clear();
        } else {
            current.push(c);
        }
    }
    out.push(words(&current));
    out.retain(|s| !s.is_empty());
    out
}

/// Whether `text` ends with a dotted abbreviation ("e.g", "B.Sc", "Ph.D") or a word of
/// [`ABBREVIATIONS`], so that a following dot does not end the sentence.
fn ends_with_abbreviation(text: &str) -> bool {
    let last = text
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or_default();
    let letters: String = last
        .chars()
        .filter(|c| *c != '.')
        .collect::<String>()
        .to_lowercase();
    (last.contains('.') && letters.chars().all(char::is_alphabetic) && !letters.is_empty())
        || ABBREVIATIONS.contains(&letters.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_drop_dots_and_apostrophes_inside_words() {
        assert_eq!(
            words("B.Sc. in C++; Bachelor's, Node.js & detail-oriented"),
            [
                "bsc",
                "in",
                "c++",
                "bachelors",
                "nodejs",
                "detail",
                "oriented"
            ]
        );
    }

    #[test]
    fn phrases_match_whole_words_or_prefixes() {
        let text = words("Strong communication skills and a detail-oriented team player");
        assert!(contains(&text, "communicat*"));
        assert!(contains(&text, "detail-oriented"));
        assert!(contains(&text, "team player"));
        assert!(!contains(&text, "team lead"));
        assert!(!contains(&text, "skill"));
        assert!(!contains(&[], "x"));
    }

    #[test]
    fn decimal_points_stay_and_abbreviations_do_not_end_sentences() {
        assert_eq!(words("3.5+ years, v2.0."), ["3.5+", "years", "v2.0"]);
        let s = sentences("Nice to have: cloud (e.g. AWS, GCP). B.Sc. in CS required. Go");
        assert_eq!(s.len(), 3, "{s:?}");
        assert!(s[0].contains(&"aws".to_string()) && s[0].contains(&"nice".to_string()));
        assert_eq!(s[1], ["bsc", "in", "cs", "required"]);
    }

    #[test]
    fn sentences_split_at_stops_but_not_inside_names() {
        let s = sentences("Use Node.js daily. Must have: Python! Nice to have; Go\nSQL");
        assert_eq!(s.len(), 5);
        assert_eq!(s[0], ["use", "nodejs", "daily"]);
    }
}
