//! Collaborative filtering, item to item: postings that people who applied where this user
//! applied also applied to. Two postings are as similar as the cosine of their applicant sets
//! (`shared / √(applicants₁ × applicants₂)`); a posting's score for the user is the mean of its
//! similarity to each posting the user applied to, as 0–100.

use std::collections::{HashMap, HashSet};
use std::hash::Hash;

use crate::domain::constants::CF_MIN_CO_APPLICANTS;
use crate::domain::round1;

/// A posting's co-application signal for one user.
#[derive(Debug, Clone, PartialEq)]
pub struct CoApplied<J> {
    pub job: J,
    /// 0–100.
    pub score: f64,
    /// Other applicants who share an application with the user and applied to this posting.
    pub co_applicants: usize,
}

/// Postings scored for a user from `applications` (`(user, job)` pairs: at least every
/// application of the users who share one with `user`; duplicates count once). Only postings
/// with at least [`CF_MIN_CO_APPLICANTS`] co-applicants, never one the user applied to; best
/// first, ties by job order.
pub fn co_applied<U, J>(user: &U, applications: &[(U, J)]) -> Vec<CoApplied<J>>
where
    U: Eq + Hash + Clone,
    J: Eq + Hash + Clone + Ord,
{
    let pairs: HashSet<(&U, &J)> = applications.iter().map(|(u, j)| (u, j)).collect();
    let mut applicants: HashMap<&J, HashSet<&U>> = HashMap::new();
    for (u, j) in &pairs {
        applicants.entry(*j).or_default().insert(*u);
    }
    let mine: Vec<&J> = pairs
        .iter()
        .filter(|(u, _)| *u == user)
        .map(|(_, j)| *j)
        .collect();
    if mine.is_empty() {
        return Vec::new();
    }
    let mut results = Vec::new();
    for (job, people) in &applicants {
        if mine.contains(job) {
            continue;
        }
        let mut sum = 0.0;
        let mut co: HashSet<&U> = HashSet::new();
        for applied in &mine {
            let theirs = &applicants[applied];
            let shared: Vec<&&U> = people
                .intersection(theirs)
                .filter(|u| **u != user)
                .collect();
            if shared.is_empty() {
                continue;
            }
            co.extend(shared.iter().map(|u| **u));
            sum += shared.len() as f64 / ((people.len() * theirs.len()) as f64).sqrt();
        }
        if co.len() >= CF_MIN_CO_APPLICANTS {
            results.push(CoApplied {
                job: (*job).clone(),
                score: round1(100.0 * sum / mine.len() as f64),
                co_applicants: co.len(),
            });
        }
    }
    results.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.job.cmp(&b.job)));
    results
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postings_shared_by_similar_applicants_rank_first() {
        let log = [
            ("me", 1),
            ("me", 2),
            ("a", 1),
            ("a", 2),
            ("a", 3),
            ("b", 1),
            ("b", 3),
            ("c", 2),
            ("c", 3),
            ("c", 4),
            ("d", 9),
            ("d", 4), // no overlap with me
            ("e", 1),
            ("e", 5), // only one co-applicant for 5
        ];
        let pairs: Vec<(&str, i32)> = log.to_vec();
        let found = co_applied(&"me", &pairs);
        let jobs: Vec<i32> = found.iter().map(|c| c.job).collect();
        assert_eq!(jobs, [3]);
        assert_eq!(found[0].co_applicants, 3);
        assert!(found[0].score > 0.0 && found[0].score <= 100.0);
        assert!(co_applied(&"nobody", &pairs).is_empty());
    }
}
