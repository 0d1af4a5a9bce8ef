//! The texts embedded for each section of a resume or a posting (docs/rules.md): the seed's
//! sections, each a list of texts whose vectors are averaged.

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

/// A posting's sections: title, skills, requirements, experience level, location.
pub fn posting_sections(
    title: &str,
    skills: &[String],
    requirements: &[String],
    experience_level: &str,
    location: &str,
) -> SectionTexts {
    vec![
        (section::JOB_TITLE, non_empty([title.to_string()])),
        (section::SKILLS, non_empty(skills.iter().cloned())),
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
        let posting = posting_sections("Engineer", &[], &["5 years".into()], "", "Remote");
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
    }
}
