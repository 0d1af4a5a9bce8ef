//! Counts over a set of postings: how many ask for each skill, level and location, and what
//! to call a cluster of postings.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::constants::FAMILY_NAME_DROPPED_WORDS;
use super::demand::{most_common, rank_skill_demand};
use super::round3;

/// A value and how many postings have it, with its share of the postings counted (0–1,
/// three decimals).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Share {
    pub name: String,
    pub postings: usize,
    pub share: f64,
}

/// The skills `postings` ask for, most asked first, at most `top`: counted once per posting,
/// with the same normalisation and aliases as skill matching ("JS" and "JavaScript" count
/// once), each named by its most common spelling.
pub fn skill_shares(postings: &[Vec<String>], top: usize) -> Vec<Share> {
    let total = postings.len();
    rank_skill_demand(postings, &[])
        .into_iter()
        .take(top)
        .map(|(name, count)| share(name, count, total))
        .collect()
}

/// Each distinct value (compared without case and extra spaces; blank as `blank`) with its
/// count, most common first (then by name), at most `top`; named by its most common spelling.
pub fn value_shares<'a>(
    values: impl IntoIterator<Item = &'a str>,
    blank: &str,
    top: usize,
) -> Vec<Share> {
    let mut groups: HashMap<String, (usize, HashMap<&'a str, usize>)> = HashMap::new();
    let mut total = 0;
    for value in values {
        total += 1;
        let spelled = value.trim();
        let key = spelled
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        let (count, spellings) = groups.entry(key).or_default();
        *count += 1;
        *spellings.entry(spelled).or_default() += 1;
    }
    let mut ranked: Vec<Share> = groups
        .into_values()
        .map(|(count, spellings)| {
            let name = most_common(&spellings);
            let name = if name.is_empty() { blank } else { name };
            share(name.to_string(), count, total)
        })
        .collect();
    ranked.sort_by(|a, b| {
        b.postings
            .cmp(&a.postings)
            .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
    });
    ranked.truncate(top);
    ranked
}

/// A name for a cluster of postings, from their titles ordered most central first: the
/// title its postings share most once qualifiers and seniority words are dropped ("Senior
/// Data Engineer" and "Data Engineer (Spark)" are one title), the more central on a tie — so a cluster whose
/// titles all differ is named after its most central posting.
pub fn cluster_label(titles_by_centrality: &[&str]) -> String {
    // (count, first position, spellings) per title without seniority words.
    let mut groups: HashMap<String, (usize, usize, HashMap<String, usize>)> = HashMap::new();
    for (position, title) in titles_by_centrality.iter().enumerate() {
        // "Backend Engineer, Platform (Python/AWS)": the qualifiers after the role go.
        let role = [" - ", " – ", " — ", "(", ",", "|"]
            .iter()
            .filter_map(|cut| title.find(cut))
            .min()
            .map_or(*title, |end| &title[..end]);
        let kept: Vec<&str> = role
            .split_whitespace()
            .filter(|w| {
                !FAMILY_NAME_DROPPED_WORDS
                    .contains(&w.trim_end_matches('.').to_lowercase().as_str())
            })
            .collect();
        if kept.is_empty() {
            continue;
        }
        let spelled = kept.join(" ");
        let group = groups
            .entry(spelled.to_lowercase())
            .or_insert((0, position, HashMap::new()));
        group.0 += 1;
        *group.2.entry(spelled).or_default() += 1;
    }
    groups
        .into_values()
        .max_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)))
        .map(|(_, _, spellings)| {
            let spellings: HashMap<&str, usize> =
                spellings.iter().map(|(s, c)| (s.as_str(), *c)).collect();
            most_common(&spellings).to_string()
        })
        .or_else(|| titles_by_centrality.first().map(|t| t.trim().to_string()))
        .unwrap_or_default()
}

fn share(name: String, postings: usize, total: usize) -> Share {
    let share = if total == 0 {
        0.0
    } else {
        round3(postings as f64 / total as f64)
    };
    Share {
        name,
        postings,
        share,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skills_count_once_per_posting_across_aliases() {
        let postings = vec![
            vec!["JS".to_string(), "React".to_string()],
            vec!["JavaScript".to_string(), "javascript".to_string()],
            vec!["JavaScript".to_string()],
            vec![],
        ];
        let shares = skill_shares(&postings, 5);
        assert_eq!(
            shares[0],
            Share {
                name: "JavaScript".into(),
                postings: 3,
                share: 0.75
            }
        );
        assert_eq!(shares[1].name, "React");
        assert_eq!(shares.len(), 2);
    }

    #[test]
    fn values_group_without_case_and_blank_gets_a_name() {
        let shares = value_shares(
            ["Remote", " remote", "Berlin", "", "Remote"],
            "Unspecified",
            10,
        );
        let got: Vec<(&str, usize)> = shares
            .iter()
            .map(|s| (s.name.as_str(), s.postings))
            .collect();
        assert_eq!(got, [("Remote", 3), ("Berlin", 1), ("Unspecified", 1)]);
        assert_eq!(shares[0].share, 0.6);
    }

    #[test]
    fn clusters_are_named_by_their_shared_title_else_their_most_central() {
        assert_eq!(
            cluster_label(&[
                "Lead Frontend Engineer",
                "Web Developer",
                "Senior Web Developer",
                "Frontend Engineer",
                "Web Developer II"
            ]),
            "Web Developer"
        );
        assert_eq!(
            cluster_label(&[
                "Data Scientist",
                "Sr. Frontend Engineer",
                "Frontend Engineer"
            ]),
            "Frontend Engineer"
        );
        assert_eq!(
            cluster_label(&["Nurse", "Pharmacist"]),
            "Nurse",
            "all differ: the most central"
        );
        assert_eq!(
            cluster_label(&["Senior"]),
            "Senior",
            "nothing left: the title as it is"
        );
        assert_eq!(
            cluster_label(&[
                "Senior Software Engineer, Platform (Python/AWS)",
                "DevOps Engineer (AWS/Terraform)",
                "Software Engineer - Payments"
            ]),
            "Software Engineer"
        );
    }
}
