//! Words and phrases in free text, the way the factor rules read it: lowercase, apostrophes and
//! dots dropped inside words ("Bachelor's" → "bachelors", "B.Sc." → "bsc", "Node.js" →
//! "nodejs"), split on anything else that is not a letter, a digit, `+` or `#`.

/// The words of `text`.
pub fn words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .replace(['\'', '’', '.'], "")
        .split(|c: char| !(c.is_alphanumeric() || c == '+' || c == '#'))
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Whether `phrase` occurs in `words` as consecutive words. A phrase word ending in `*` matches
/// any word it begins ("communicat*" matches "communication" and "communicate").
pub fn contains(words: &[String], phrase: &str) -> bool {
    position(words, phrase).is_some()
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
            || (c == '.' && chars.peek().is_none_or(|n| n.is_whitespace()));
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
    fn sentences_split_at_stops_but_not_inside_names() {
        let s = sentences("Use Node.js daily. Must have: Python! Nice to have; Go\nSQL");
        assert_eq!(s.len(), 5);
        assert_eq!(s[0], ["use", "nodejs", "daily"]);
    }
}
