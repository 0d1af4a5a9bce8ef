//! Which skills the job market asks for: the ranking behind a score's "Learn X" advice.

use std::collections::{HashMap, HashSet};

use super::skills::normalize_skill;

/// Skills asked for by `postings` (each a list of skill names), with how many postings ask
/// for each, most demanded first (ties by name). A skill counts once per posting.
/// Spellings are grouped by [`normalize_skill`] (so "React", "react" and "React.js" are one
/// skill, as the scoring compares them) and shown in their most common spelling.
///
/// Only postings that share a skill with `related_to` count (all of them when none does),
/// so a backend engineer is not told to learn what nursing postings ask for.
pub fn rank_skill_demand(postings: &[Vec<String>], related_to: &[String]) -> Vec<(String, usize)> {
    let postings: Vec<Vec<(String, &String)>> = postings
        .iter()
        .map(|names| {
            names
                .iter()
                .map(|name| (normalize_skill(name), name))
                .filter(|(key, _)| !key.is_empty())
                .collect()
        })
        .collect();
    let known: HashSet<String> = related_to.iter().map(|s| normalize_skill(s)).collect();
    let related: Vec<&Vec<(String, &String)>> = postings
        .iter()
        .filter(|skills| skills.iter().any(|(key, _)| known.contains(key)))
        .collect();
    let counted = if related.is_empty() {
        postings.iter().collect()
    } else {
        related
    };
    // normalised name → (postings asking for it, count of each spelling)
    let mut demand: HashMap<&str, (usize, HashMap<&str, usize>)> = HashMap::new();
    for skills in counted {
        let mut in_posting = HashSet::new();
        for (key, name) in skills {
            if !in_posting.insert(key) {
                continue;
            }
            let (postings, spellings) = demand.entry(key).or_default();
            *postings += 1;
            *spellings.entry(name.as_str()).or_default() += 1;
        }
    }
    let mut ranked: Vec<(String, usize)> = demand
        .into_values()
        .map(|(postings, spellings)| (most_common(&spellings).to_string(), postings))
        .collect();
    ranked.sort_by(|(a_name, a_count), (b_name, b_count)| {
        b_count
            .cmp(a_count)
            .then_with(|| a_name.to_lowercase().cmp(&b_name.to_lowercase()))
    });
    ranked
}

/// The most frequent spelling; ties go to the alphabetically first, so results are stable.
pub(super) fn most_common<'a>(spellings: &HashMap<&'a str, usize>) -> &'a str {
    spellings
        .iter()
        .max_by(|(a, a_count), (b, b_count)| a_count.cmp(b_count).then_with(|| b.cmp(a)))
        .map_or("", |(spelling, _)| *spelling)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn postings(lists: &[&[&str]]) -> Vec<Vec<String>> {
        lists
            .iter()
            .map(|l| l.iter().map(|s| s.to_string()).collect())
            .collect()
    }

    #[test]
    fn counts_postings_not_mentions_groups_spellings_and_ranks_ties_by_name() {
        let board = postings(&[
            &["React", "react", "AWS"],
            &["React.js", "Docker"],
            &["ReactJS", "AWS", "Python"],
        ]);
        let ranked = rank_skill_demand(&board, &["Python".into()]);
        // Only the related posting (the one with Python) counts.
        assert_eq!(
            ranked,
            [
                ("AWS".to_string(), 1),
                ("Python".to_string(), 1),
                ("ReactJS".to_string(), 1)
            ]
        );
        let all = rank_skill_demand(&board, &[]);
        assert_eq!(
            all[0],
            ("React".to_string(), 3),
            "once per posting; the most common spelling wins ties alphabetically"
        );
        assert_eq!(all[1], ("AWS".to_string(), 2));
        assert_eq!(
            &all[2..],
            [("Docker".to_string(), 1), ("Python".to_string(), 1)]
        );
    }
}
