//! The texts embedded for each section of a resume or a posting (docs/rules.md): the seed's
//! sections, each a list of texts whose vectors are averaged.

use super::constants::{DOCUMENT_MAX_WINDOWS, DOCUMENT_WINDOW_WORDS};
use super::scoring::ResumeProfile;

/// Section names, as the seed's `meanEmbeddings` keys spell them.
pub mod section {
    pub const SKILLS: &str = "skills";
    pub const WORK_EXPERIENCE: &str = "workExperience";
    pub const CERTIFICATIONS: &str = "certifications";
    pub const JOB_TITLE: &str = "jobTitle";
    pub const REQUIREMENTS: &str = "requirements";
    pub const EXPERIENCE_LEVEL: &str = "experienceLevel";
    pub const LOCATION: &str = "location";
}

/// The texts of each section of a document, by section name.
pub type SectionTexts = Vec<(&'static str, Vec<String>)>;

/// A resume's sections: its skills, one text per work entry, its certifications.
pub fn resume_sections(profile: &ResumeProfile) -> SectionTexts {
    let work = profile
        .work_experience
        .iter()
        .map(|w| work_text(&w.job_title, &w.responsibilities));
    vec![
        (section::SKILLS, non_empty(profile.skills.iter().cloned())),
        (section::WORK_EXPERIENCE, non_empty(work)),
        (
            section::CERTIFICATIONS,
            non_empty(profile.certifications.iter().cloned()),
        ),
    ]
}

/// The whole resume (summary, work entries, skills, certifications) as [`document_windows`].
pub fn resume_document(profile: &ResumeProfile) -> Vec<String> {
    let listing = |names: &[String]| non_empty(names.iter().cloned()).join(", ");
    let work = profile
        .work_experience
        .iter()
        .map(|w| work_text(&w.job_title, &w.responsibilities));
    document_windows(
        std::iter::once(profile.summary.clone())
            .chain(work)
            .chain([listing(&profile.skills), listing(&profile.certifications)]),
    )
}

/// A posting's title, description and requirements as [`document_windows`].
pub fn posting_document(title: &str, description: &str, requirements: &[String]) -> Vec<String> {
    document_windows(
        [title.to_string(), description.to_string()]
            .into_iter()
            .chain(requirements.iter().cloned()),
    )
}

/// A posting's sections: title, skills, requirements, experience level, location. The skills
/// section embeds the posting's listed skills or, when it lists none, its whole text as
/// [`posting_document`] windows: a posting without a list is described by its text, not by
/// the few names found in it (on real postings, read so, job families cluster far better;
/// see docs/rules.md). A posting with a title only leaves it empty: the title section says all
/// there is, and a second copy of it made title-only families cluster worse (validation split
/// of `bench:real`'s titles, ARI 0.363 → 0.341). `listed_skills` is the `skills` list only,
/// never skills read from text.
pub fn posting_sections(
    title: &str,
    listed_skills: &[String],
    description: &str,
    requirements: &[String],
    experience_level: &str,
    location: &str,
) -> SectionTexts {
    let listed = non_empty(listed_skills.iter().cloned());
    let text_beyond_title =
        !description.trim().is_empty() || requirements.iter().any(|r| !r.trim().is_empty());
    let skills = if !listed.is_empty() || !text_beyond_title {
        listed
    } else {
        posting_document(title, description, requirements)
    };
    vec![
        (section::JOB_TITLE, non_empty([title.to_string()])),
        (section::SKILLS, skills),
        (
            section::REQUIREMENTS,
            non_empty(requirements.iter().cloned()),
        ),
        (
            section::EXPERIENCE_LEVEL,
            non_empty([experience_level.to_string()]),
        ),
        (section::LOCATION, non_empty([location.to_string()])),
    ]
}

/// A document's texts as windows of at most [`DOCUMENT_WINDOW_WORDS`] words (each well
/// within the model's 384 tokens), at most [`DOCUMENT_MAX_WINDOWS`] of them: the mean of their
/// vectors is the document's vector. Blank texts are skipped; each text ends a sentence.
pub fn document_windows(texts: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    for text in texts {
        let mut these: Vec<String> = text.split_whitespace().map(str::to_string).collect();
        if let Some(last) = these.last_mut() {
            if !last.ends_with(['.', '!', '?', ':', ';']) {
                last.push('.');
            }
        }
        words.extend(these);
    }
    words
        .chunks(DOCUMENT_WINDOW_WORDS)
        .take(DOCUMENT_MAX_WINDOWS)
        .map(|w| w.join(" "))
        .collect()
}

/// A work entry as one text: the title, then what the person did there.
pub fn work_text(title: &str, responsibilities: &[String]) -> String {
    let done: Vec<&str> = responsibilities
        .iter()
        .map(|r| r.trim())
        .filter(|r| !r.is_empty())
        .collect();
    match (title.trim(), done.is_empty()) {
        (title, true) => title.to_string(),
        ("", false) => done.join(". "),
        (title, false) => format!("{title}: {}", done.join(". ")),
    }
}

fn non_empty(texts: impl IntoIterator<Item = String>) -> Vec<String> {
    texts
        .into_iter()
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
        .collect()
}

#[cfg(test)]
mod document_tests {
    use super::*;

    #[test]
    fn windows_cover_the_texts_in_order_and_stop_at_the_limit() {
        let long: Vec<String> = (0..DOCUMENT_WINDOW_WORDS + 5)
            .map(|i| format!("w{i}"))
            .collect();
        let windows =
            document_windows(["Backend Engineer".to_string(), " ".into(), long.join(" ")]);
        assert_eq!(windows.len(), 2);
        assert!(windows[0].starts_with("Backend Engineer. w0 w1"));
        assert_eq!(windows[0].split(' ').count(), DOCUMENT_WINDOW_WORDS);
        assert!(windows[1].ends_with(&format!("w{}.", DOCUMENT_WINDOW_WORDS + 4)));
        let many = vec!["word ".repeat(DOCUMENT_WINDOW_WORDS * (DOCUMENT_MAX_WINDOWS + 3))];
        assert_eq!(document_windows(many).len(), DOCUMENT_MAX_WINDOWS);
        assert!(document_windows(Vec::<String>::new()).is_empty());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::scoring::WorkEntry;

    #[test]
    fn a_work_entry_is_its_title_then_its_responsibilities() {
        assert_eq!(
            work_text(
                " Dev ",
                &["Built APIs".into(), " ".into(), "Wrote tests".into()]
            ),
            "Dev: Built APIs. Wrote tests"
        );
        assert_eq!(work_text("Dev", &[]), "Dev");
        assert_eq!(work_text("", &["Built APIs".into()]), "Built APIs");
    }

    #[test]
    fn blank_texts_are_left_out_and_sections_keep_the_seed_names() {
        let profile = ResumeProfile {
            skills: vec!["Python".into(), "  ".into()],
            work_experience: vec![WorkEntry {
                job_title: " ".into(),
                ..WorkEntry::default()
            }],
            ..ResumeProfile::default()
        };
        let sections = resume_sections(&profile);
        assert_eq!(sections[0], ("skills", vec!["Python".to_string()]));
        assert_eq!(sections[1], ("workExperience", vec![]));
        assert_eq!(sections[2], ("certifications", vec![]));
        assert_eq!(resume_document(&profile), ["Python."]);
        let posting = posting_sections(
            "Engineer",
            &["Rust".into(), " ".into()],
            "Build it",
            &["5 years".into()],
            "",
            "Remote",
        );
        let names: Vec<&str> = posting.iter().map(|(n, _)| *n).collect();
        assert_eq!(
            names,
            [
                "jobTitle",
                "skills",
                "requirements",
                "experienceLevel",
                "location"
            ]
        );
        assert_eq!(posting[1].1, ["Rust"]);
        assert_eq!(
            posting_document("Engineer", "Build it", &["5 years".into()]),
            ["Engineer. Build it. 5 years."]
        );
    }

    #[test]
    fn a_posting_without_a_skills_list_embeds_its_whole_text_as_skills() {
        let unlisted = posting_sections("Nurse", &[" ".into()], "Care for patients", &[], "", "");
        assert_eq!(
            unlisted[1],
            ("skills", vec!["Nurse. Care for patients.".to_string()])
        );
        let title_only = posting_sections("Nurse", &[], " ", &[" ".into()], "", "");
        assert_eq!(
            title_only[1],
            ("skills", vec![]),
            "the title is its own section"
        );
    }
}
