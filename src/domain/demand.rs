//! Which skills the job market asks for: the ranking behind a score's "Learn X" advice.

use std::collections::HashMap;
use std::hash::Hash;

use super::skills::normalize_skill;

/// Skills asked for by `postings` (each a list of skill names), with how many postings ask
/// for each, most demanded first (ties by name); see [`PostingSkills::rank`].
pub fn rank_skill_demand(postings: &[Vec<String>], related_to: &[String]) -> Vec<(String, usize)> {
    let mut board = PostingSkills::default();
    for (i, names) in postings.iter().enumerate() {
        board.insert(i, names);
    }
    board.rank(related_to)
}

/// The skills lists of a board of postings, kept up to date posting by posting (the
/// catalogue's state behind `scoreResume`'s "Learn X", so no call reads the board).
/// Names are interned: a posting costs 4 bytes per skill, whatever the spellings.
#[derive(Debug, Clone)]
pub struct PostingSkills<K> {
    /// Every spelling seen, and its normalised key's index in `keys`.
    names: Vec<(String, u32)>,
    name_ids: HashMap<String, u32>,
    key_ids: HashMap<String, u32>,
    lists: HashMap<K, Box<[u32]>>,
}

impl<K> Default for PostingSkills<K> {
    fn default() -> Self {
        Self {
            names: Vec::new(),
            name_ids: HashMap::new(),
            key_ids: HashMap::new(),
            lists: HashMap::new(),
        }
    }
}

impl<K: Hash + Eq + Copy> PostingSkills<K> {
    /// Sets (or replaces) a posting's skills list. Names that normalise to nothing are left out.
    pub fn insert(&mut self, posting: K, names: &[String]) {
        let ids: Vec<u32> = names.iter().filter_map(|name| self.intern(name)).collect();
        self.lists.insert(posting, ids.into());
    }

    pub fn remove(&mut self, posting: &K) {
        self.lists.remove(posting);
    }

    /// Keeps only the postings `keep` says yes to.
    pub fn retain(&mut self, mut keep: impl FnMut(&K) -> bool) {
        self.lists.retain(|posting, _| keep(posting));
    }

    pub fn contains(&self, posting: &K) -> bool {
        self.lists.contains_key(posting)
    }

    pub fn len(&self) -> usize {
        self.lists.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lists.is_empty()
    }

    /// Postings and their skill names, for a snapshot.
    pub fn lists(&self) -> impl Iterator<Item = (K, Vec<&str>)> + '_ {
        self.lists.iter().map(|(posting, ids)| {
            let names = ids.iter().map(|id| self.names[*id as usize].0.as_str());
            (*posting, names.collect())
        })
    }

    /// Memory of the lists and names (approximate).
    pub fn bytes(&self) -> usize {
        let lists: usize = self.lists.values().map(|l| 4 * l.len() + 32).sum();
        let names: usize = self.names.iter().map(|(n, _)| 2 * n.len() + 48).sum();
        lists + names
    }

    fn intern(&mut self, name: &str) -> Option<u32> {
        if let Some(id) = self.name_ids.get(name) {
            return Some(*id);
        }
        let key = normalize_skill(name);
        if key.is_empty() {
            return None;
        }
        let next_key = self.key_ids.len() as u32;
        let key_id = *self.key_ids.entry(key).or_insert(next_key);
        let id = self.names.len() as u32;
        self.names.push((name.to_string(), key_id));
        self.name_ids.insert(name.to_string(), id);
        Some(id)
    }

    /// Skills asked for, with how many postings ask for each, most demanded first (ties by
    /// name). A skill counts once per posting. Spellings are grouped by [`normalize_skill`]
    /// (so "React", "react" and "React.js" are one skill, as the scoring compares them) and
    /// shown in their most common spelling.
    ///
    /// Only postings that share a skill with `related_to` count (all of them when none does),
    /// so a backend engineer is not told to learn what nursing postings ask for.
    pub fn rank(&self, related_to: &[String]) -> Vec<(String, usize)> {
        // Counted in arrays indexed by interned number, not hash maps: a score ranks the
        // whole board's lists in memory, so this is its cost (about 0.1 µs a skill).
        let mut known = vec![false; self.key_ids.len()];
        for skill in related_to {
            if let Some(key) = self.key_ids.get(&normalize_skill(skill)) {
                known[*key as usize] = true;
            }
        }
        let key_of = |id: &u32| self.names[*id as usize].1 as usize;
        let related: Vec<&[u32]> = self
            .lists
            .values()
            .filter(|ids| ids.iter().any(|id| known[key_of(id)]))
            .map(|ids| &ids[..])
            .collect();
        let counted: Vec<&[u32]> = if related.is_empty() {
            self.lists.values().map(|ids| &ids[..]).collect()
        } else {
            related
        };
        // Per key: postings asking for it; per spelling: postings that spell it so. The
        // posting that last counted a key makes a skill count once per posting.
        let mut postings = vec![0_usize; self.key_ids.len()];
        let mut spellings = vec![0_usize; self.names.len()];
        let mut counted_by = vec![usize::MAX; self.key_ids.len()];
        for (posting, ids) in counted.iter().enumerate() {
            for id in ids.iter() {
                let key = key_of(id);
                if counted_by[key] != posting {
                    counted_by[key] = posting;
                    postings[key] += 1;
                    spellings[*id as usize] += 1;
                }
            }
        }
        // Each key's most common spelling; ties go to the alphabetically first.
        let mut shown: Vec<Option<usize>> = vec![None; self.key_ids.len()];
        for (id, &count) in spellings.iter().enumerate().filter(|(_, c)| **c > 0) {
            let slot = &mut shown[self.names[id].1 as usize];
            let better = slot.is_none_or(|best| {
                count > spellings[best]
                    || (count == spellings[best] && self.names[id].0 < self.names[best].0)
            });
            if better {
                *slot = Some(id);
            }
        }
        let mut ranked: Vec<(String, usize)> = shown
            .iter()
            .zip(&postings)
            .filter_map(|(id, count)| Some((self.names[(*id)?].0.clone(), *count)))
            .collect();
        ranked.sort_by(|(a_name, a_count), (b_name, b_count)| {
            b_count
                .cmp(a_count)
                .then_with(|| a_name.to_lowercase().cmp(&b_name.to_lowercase()))
        });
        ranked
    }
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
