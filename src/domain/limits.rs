//! How much of one document is embedded. A resume with 10,000 skills must not hold the one
//! compute queue for minutes while every other caller waits, nor return 10,000 missing
//! skills; so each list a model call reads is cut to a limit, and each text to a length.
//! The score is not affected (it counts, it does not embed), nor are the experience years.
//! What was cut is reported in the result (`truncated`), never silently dropped.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::constants::{
    MAX_CERTIFICATIONS_EMBEDDED, MAX_FREE_TEXT_CHARS, MAX_NAME_CHARS, MAX_REQUIREMENTS_EMBEDDED,
    MAX_RESPONSIBILITIES_PER_ENTRY, MAX_SKILLS_EMBEDDED, MAX_TEXT_CHARS, MAX_WORK_ENTRIES_EMBEDDED,
    SECTIONS_VERSION,
};
use super::scoring::ResumeProfile;

/// Per-document limits on what the model embeds (`configure({ limits })` overrides them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub skills: usize,
    pub work_entries: usize,
    pub responsibilities_per_entry: usize,
    pub requirements: usize,
    pub certifications: usize,
    /// Characters kept of each name (skill, certification, title, level, location).
    pub name_chars: usize,
    /// Characters kept of each sentence (responsibility, requirement).
    pub text_chars: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            skills: MAX_SKILLS_EMBEDDED,
            work_entries: MAX_WORK_ENTRIES_EMBEDDED,
            responsibilities_per_entry: MAX_RESPONSIBILITIES_PER_ENTRY,
            requirements: MAX_REQUIREMENTS_EMBEDDED,
            certifications: MAX_CERTIFICATIONS_EMBEDDED,
            name_chars: MAX_NAME_CHARS,
            text_chars: MAX_TEXT_CHARS,
        }
    }
}

/// What one field lost: `kept` of `total` items (or characters, for `characters`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cut {
    pub kept: usize,
    pub total: usize,
}

/// Field name → what was cut; empty when nothing was.
pub type Truncation = BTreeMap<String, Cut>;

/// Keeps the first `max` items of `list`, recording the cut under `field`.
pub fn bound_list<T>(list: &mut Vec<T>, max: usize, field: &str, out: &mut Truncation) {
    if list.len() > max {
        record(out, field, max, list.len());
        list.truncate(max);
    }
}

/// Keeps the first `max_chars` characters of `text`, adding the cut to `characters`.
pub fn bound_text(text: &mut String, max_chars: usize, out: &mut Truncation) {
    bound_chars(text, max_chars, "characters", out);
}

/// Keeps the first `max_chars` characters of `text`, recording the cut under `field`.
pub fn bound_chars(text: &mut String, max_chars: usize, field: &str, out: &mut Truncation) {
    if let Some((end, _)) = text.char_indices().nth(max_chars) {
        let total = text.chars().count();
        text.truncate(end);
        record(out, field, max_chars, total);
    }
}

/// The side of a comparison a cut belongs to: every result names a cut `<side>.<field>`
/// (`resume.skills`, `job.requirements`, `job.description`), whichever call reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Resume,
    Job,
}

impl Side {
    /// `field` as a key of [`Truncation`]: `<side>.<field>`.
    pub fn field(self, field: &str) -> String {
        let side = match self {
            Side::Resume => "resume",
            Side::Job => "job",
        };
        format!("{side}.{field}")
    }
}

/// `cuts` with every field named for `side` (see [`Side::field`]).
fn on_side(side: Side, cuts: Truncation) -> Truncation {
    cuts.into_iter()
        .map(|(field, cut)| (side.field(&field), cut))
        .collect()
}

fn record(out: &mut Truncation, field: &str, kept: usize, total: usize) {
    let cut = out
        .entry(field.to_string())
        .or_insert(Cut { kept: 0, total: 0 });
    cut.kept += kept;
    cut.total += total;
}

impl Limits {
    /// The limits as a short string, stored with each cached result: a result computed under
    /// other limits is recomputed rather than served.
    pub fn fingerprint(&self) -> String {
        format!(
            "s{} w{} r{} q{} c{} n{} t{} d{} v{}",
            self.skills,
            self.work_entries,
            self.responsibilities_per_entry,
            self.requirements,
            self.certifications,
            self.name_chars,
            self.text_chars,
            MAX_FREE_TEXT_CHARS,
            SECTIONS_VERSION
        )
    }

    /// Cuts the parts of a resume that matching embeds: skills, certifications, work
    /// entries, each entry's responsibilities, and every one of those texts. The cuts are
    /// named `resume.<field>`.
    pub fn bound_profile(&self, profile: &mut ResumeProfile) -> Truncation {
        let mut out = Truncation::new();
        bound_list(&mut profile.skills, self.skills, "skills", &mut out);
        bound_list(
            &mut profile.certifications,
            self.certifications,
            "certifications",
            &mut out,
        );
        bound_list(
            &mut profile.work_experience,
            self.work_entries,
            "workExperience",
            &mut out,
        );
        for entry in &mut profile.work_experience {
            bound_list(
                &mut entry.responsibilities,
                self.responsibilities_per_entry,
                "responsibilities",
                &mut out,
            );
            bound_text(&mut entry.job_title, self.name_chars, &mut out);
            for text in &mut entry.responsibilities {
                bound_text(text, self.text_chars, &mut out);
            }
        }
        for name in profile.skills.iter_mut().chain(&mut profile.certifications) {
            bound_text(name, self.name_chars, &mut out);
        }
        on_side(Side::Resume, out)
    }

    /// Cuts the parts of a posting that matching embeds, named `job.<field>`.
    pub fn bound_posting(
        &self,
        skills: &mut Vec<String>,
        requirements: &mut Vec<String>,
        names: [&mut String; 3],
    ) -> Truncation {
        let mut out = Truncation::new();
        bound_list(skills, self.skills, "skills", &mut out);
        bound_list(requirements, self.requirements, "requirements", &mut out);
        for name in skills.iter_mut().chain(names) {
            bound_text(name, self.name_chars, &mut out);
        }
        for text in requirements.iter_mut() {
            bound_text(text, self.text_chars, &mut out);
        }
        on_side(Side::Job, out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::scoring::WorkEntry;

    #[test]
    fn lists_and_texts_are_cut_and_reported() {
        let limits = Limits {
            skills: 2,
            work_entries: 1,
            responsibilities_per_entry: 1,
            requirements: 1,
            certifications: 5,
            name_chars: 3,
            text_chars: 1,
        };
        let mut profile = ResumeProfile {
            skills: vec!["Go".into(), "Rust".into(), "C".into()],
            work_experience: vec![
                WorkEntry {
                    job_title: "Dev".into(),
                    company: String::new(),
                    responsibilities: vec!["ab".into(), "cd".into()],
                };
                3
            ],
            ..ResumeProfile::default()
        };
        let cut = limits.bound_profile(&mut profile);
        assert_eq!(profile.skills, ["Go", "Rus"]);
        assert_eq!(profile.work_experience.len(), 1);
        assert_eq!(profile.work_experience[0].responsibilities, ["a"]);
        assert_eq!(cut["resume.skills"], Cut { kept: 2, total: 3 });
        assert_eq!(cut["resume.workExperience"], Cut { kept: 1, total: 3 });
        assert_eq!(cut["resume.responsibilities"], Cut { kept: 1, total: 2 });
        // "Rust" to 3 names characters, "ab" to 1 sentence character.
        assert_eq!(
            cut["resume.characters"],
            Cut {
                kept: 3 + 1,
                total: 4 + 2
            }
        );
        assert!(!cut.contains_key("resume.certifications"));
    }

    #[test]
    fn nothing_cut_reports_nothing() {
        let mut skills = vec!["Python".to_string()];
        let mut requirements = vec![];
        let (mut a, mut b, mut c) = ("Engineer".to_string(), String::new(), String::new());
        let cut = Limits::default().bound_posting(
            &mut skills,
            &mut requirements,
            [&mut a, &mut b, &mut c],
        );
        assert!(cut.is_empty());
    }

    #[test]
    fn characters_not_bytes() {
        let mut out = Truncation::new();
        let mut text = "ééé".to_string();
        bound_text(&mut text, 2, &mut out);
        assert_eq!(text, "éé");
    }
}
