//! Resumes and job postings as the core needs them, decoded leniently: real documents
//! have missing fields, nulls, skills as plain strings or `{name, …}`, and dates as BSON
//! dates or strings such as "2020-01-15T00:00:00.000Z" or "present". Nothing here fails;
//! what cannot be read becomes empty (or [`DateInput::Missing`]).

use bson::{doc, Bson, Document};

use super::ObjectId;
use crate::domain::constants::MAX_FREE_TEXT_CHARS;
use crate::domain::experience::{DateInput, WorkPeriod};
use crate::domain::extraction::named_skills;
use crate::domain::limits::{bound_chars, Side, Truncation};
use crate::domain::scoring::{ResumeProfile, WorkEntry};
use crate::domain::taxonomy::taxonomy;

/// Where a document's skills come from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SkillSource {
    /// Its `skills` list.
    #[default]
    Listed,
    /// Its text, on the taxonomy: the document has no skills list (missing or empty).
    Text,
}

/// A document's listed skills or, when it lists none, the skills its texts name.
fn skills_or_named<'a>(
    listed: Vec<String>,
    texts: impl IntoIterator<Item = &'a str>,
) -> (Vec<String>, SkillSource) {
    if listed.is_empty() {
        let named = named_skills(taxonomy(), texts);
        if !named.is_empty() {
            return (named, SkillSource::Text);
        }
    }
    (listed, SkillSource::Listed)
}

/// Which resume fields a read fetches (a projection keeps documents small).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResumeFields {
    /// Everything the resume score looks at.
    Scoring,
    /// What resume ↔ job matching embeds: skills, work experience, certifications.
    Matching,
}

impl ResumeFields {
    pub(super) fn projection(self) -> Document {
        let fields: &[&str] = match self {
            ResumeFields::Scoring => &[
                "firstName",
                "lastName",
                "email",
                "phone",
                "summary",
                "skills",
                "workExperience",
                "education",
                "certifications",
            ],
            ResumeFields::Matching => &[
                "summary",
                "skills",
                "workExperience",
                "education",
                "certifications",
                "location",
                "address",
            ],
        };
        fields
            .iter()
            .map(|field| (field.to_string(), Bson::Int32(1)))
            .collect()
    }
}

/// A resume: the profile the scoring rules read and, in the same order as
/// `profile.work_experience`, each work entry's dates. Fields outside the requested
/// [`ResumeFields`] are empty.
#[derive(Debug, Clone, PartialEq)]
pub struct ResumeRecord {
    pub id: ObjectId,
    pub profile: ResumeProfile,
    pub work_periods: Vec<WorkPeriod>,
    /// Each education entry's `degree` (blank entries left out).
    pub degrees: Vec<String>,
    /// `location`, else `address`: a string, or `{ city, state, country }` joined with commas.
    pub location: String,
    /// What was cut: as read, the summary (at [`MAX_FREE_TEXT_CHARS`]); for matching, what
    /// the per-document limits cut from `profile` too (see `domain::limits`).
    pub truncated: Truncation,
    /// Where `profile.skills` come from (matching reads only; a score counts listed skills).
    pub skill_source: SkillSource,
}

#[derive(Debug, Clone, PartialEq)]
pub struct JobRecord {
    pub id: ObjectId,
    pub title: String,
    pub company: String,
    pub location: String,
    pub experience_level: String,
    pub status: String,
    /// Its `skills` list, or the skills its description and requirements name.
    pub skills: Vec<String>,
    pub skill_source: SkillSource,
    pub requirements: Vec<String>,
    /// Read for its skills, the factors and the document vector, cut to [`MAX_FREE_TEXT_CHARS`].
    pub description: String,
    /// What was cut: as read, the description; for matching, what the per-document limits
    /// cut too (see `domain::limits`).
    pub truncated: Truncation,
}

impl JobRecord {
    /// Its `skills` list as written (cut to the limits), empty when its skills are read
    /// from its text.
    pub fn listed_skills(&self) -> &[String] {
        match self.skill_source {
            SkillSource::Listed => &self.skills,
            SkillSource::Text => &[],
        }
    }
}

/// Projection for [`JobRecord`].
pub(super) fn job_projection() -> Document {
    doc! {
        "title": 1, "company": 1, "location": 1, "experienceLevel": 1, "status": 1,
        "skills": 1, "requirements": 1, "description": 1,
    }
}

impl ResumeRecord {
    pub(super) fn from_document(id: ObjectId, doc: &Document) -> Self {
        let work: Vec<&Document> = items(doc, "workExperience")
            .iter()
            .filter_map(Bson::as_document)
            .collect();
        let mut truncated = Truncation::new();
        Self {
            id,
            profile: ResumeProfile {
                first_name: text(doc, "firstName"),
                last_name: text(doc, "lastName"),
                email: text(doc, "email"),
                phone: text(doc, "phone"),
                summary: free_text(doc, "summary", Side::Resume, &mut truncated),
                skills: names(doc, "skills"),
                work_experience: work
                    .iter()
                    .map(|entry| WorkEntry {
                        job_title: text(entry, "jobTitle"),
                        company: text(entry, "company"),
                        responsibilities: names(entry, "responsibilities"),
                    })
                    .collect(),
                education_count: items(doc, "education")
                    .iter()
                    .filter(|entry| !matches!(entry, Bson::Null))
                    .count(),
                certifications: names(doc, "certifications"),
            },
            work_periods: work
                .iter()
                .map(|entry| WorkPeriod {
                    start: date(entry, "startDate"),
                    end: date(entry, "endDate"),
                })
                .collect(),
            degrees: items(doc, "education")
                .iter()
                .filter_map(Bson::as_document)
                .map(|entry| text(entry, "degree"))
                .filter(|degree| !degree.is_empty())
                .collect(),
            location: place(doc, "location")
                .unwrap_or_else(|| place(doc, "address").unwrap_or_default()),
            truncated,
            skill_source: SkillSource::Listed,
        }
    }

    /// For matching: a resume without a skills list gets the skills its summary and work
    /// entries' responsibilities name (titles, as for postings, are embedded on their own).
    pub(super) fn with_text_skills(mut self) -> Self {
        let listed = std::mem::take(&mut self.profile.skills);
        let profile = &self.profile;
        let texts = std::iter::once(profile.summary.as_str()).chain(
            profile
                .work_experience
                .iter()
                .flat_map(|w| w.responsibilities.iter().map(String::as_str)),
        );
        let (skills, source) = skills_or_named(listed, texts);
        self.profile.skills = skills;
        self.skill_source = source;
        self
    }
}

impl JobRecord {
    /// `None` for a posting whose `_id` is not an ObjectId.
    pub(super) fn from_document(doc: &Document) -> Option<Self> {
        let title = text(doc, "title");
        let requirements = names(doc, "requirements");
        let mut truncated = Truncation::new();
        let description = free_text(doc, "description", Side::Job, &mut truncated);
        let (skills, skill_source) = posting_skills(doc, &description, &requirements);
        Some(Self {
            id: doc.get_object_id("_id").ok()?,
            title,
            company: text(doc, "company"),
            location: text(doc, "location"),
            experience_level: text(doc, "experienceLevel"),
            status: text(doc, "status"),
            skills,
            skill_source,
            requirements,
            description,
            truncated,
        })
    }
}

/// A posting's listed skills, else those its description and requirements name. Not its
/// title: the title is embedded as a section of its own, and a title-only posting clusters
/// better on it alone than with the few skill words it holds ("Marketing Executive").
fn posting_skills(
    doc: &Document,
    description: &str,
    requirements: &[String],
) -> (Vec<String>, SkillSource) {
    let texts = std::iter::once(description).chain(requirements.iter().map(String::as_str));
    skills_or_named(names(doc, "skills"), texts)
}

/// A posting's title, and what its skills are read from (its list, else its text).
pub(super) fn posting_text_projection() -> Document {
    doc! { "title": 1, "skills": 1, "requirements": 1, "description": 1 }
}

/// A place: text, or a document's `city`, `state`/`region` and `country` joined with commas;
/// `None` when blank.
fn place(doc: &Document, key: &str) -> Option<String> {
    let joined = match doc.get(key)? {
        Bson::Document(parts) => ["city", "state", "region", "country"]
            .iter()
            .map(|k| text(parts, k))
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join(", "),
        _ => text(doc, key),
    };
    (!joined.is_empty()).then_some(joined)
}

/// A scalar field as trimmed text; numbers (a phone stored as a number) as their digits.
/// A free text (a description, a summary) cut to [`MAX_FREE_TEXT_CHARS`], the cut recorded
/// as `<side>.<key>`.
fn free_text(doc: &Document, key: &str, side: Side, cuts: &mut Truncation) -> String {
    let mut text = text(doc, key);
    bound_chars(&mut text, MAX_FREE_TEXT_CHARS, &side.field(key), cuts);
    text
}

fn text(doc: &Document, key: &str) -> String {
    match doc.get(key) {
        Some(Bson::String(s)) => s.trim().to_string(),
        Some(Bson::Int32(n)) => n.to_string(),
        Some(Bson::Int64(n)) => n.to_string(),
        // NaN and infinities are not text anyone wrote: missing, not "NaN".
        Some(Bson::Double(n)) if n.is_finite() => n.to_string(),
        _ => String::new(),
    }
}

/// The elements of an array field; a lone value counts as a one-element list, null or
/// missing as an empty one.
pub(super) fn items<'a>(doc: &'a Document, key: &str) -> &'a [Bson] {
    match doc.get(key) {
        Some(Bson::Array(values)) => values,
        None | Some(Bson::Null) => &[],
        Some(value) => std::slice::from_ref(value),
    }
}

/// A list entry's text: a string, or the `name` of a document (`{name, proficiency}`);
/// trimmed, `None` when blank or of another type.
pub(super) fn entry_name(entry: &Bson) -> Option<String> {
    let name = match entry {
        Bson::String(s) => s.as_str(),
        Bson::Document(d) => d.get_str("name").ok()?,
        _ => return None,
    };
    let name = name.trim();
    (!name.is_empty()).then(|| name.to_string())
}

/// A list of names (skills, certifications) or plain strings (requirements, responsibilities).
fn names(doc: &Document, key: &str) -> Vec<String> {
    items(doc, key).iter().filter_map(entry_name).collect()
}

/// A date as stored: BSON date, text (parsed later by the domain, "present" included) or a
/// bare year number.
fn date(doc: &Document, key: &str) -> DateInput {
    match doc.get(key) {
        Some(Bson::DateTime(d)) => DateInput::Date(d.to_chrono()),
        Some(Bson::String(s)) => DateInput::Text(s.clone()),
        Some(Bson::Int32(n)) => DateInput::Text(n.to_string()),
        Some(Bson::Int64(n)) => DateInput::Text(n.to_string()),
        _ => DateInput::Missing,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_location_is_text_or_an_address_document_and_degrees_skip_blanks() {
        let id = ObjectId::new();
        let located = doc! { "location": " Berlin, Germany ", "address": "ignored" };
        assert_eq!(
            ResumeRecord::from_document(id, &located).location,
            "Berlin, Germany"
        );
        let addressed = doc! {
            "address": { "street": "1 Main St", "city": "Austin", "state": "TX", "country": "USA" },
            "education": [{ "degree": "BSc Physics" }, { "degree": " " }, null, { "institution": "X" }],
        };
        let record = ResumeRecord::from_document(id, &addressed);
        assert_eq!(record.location, "Austin, TX, USA");
        assert_eq!(record.degrees, ["BSc Physics"]);
        assert_eq!(ResumeRecord::from_document(id, &doc! {}).location, "");
    }

    #[test]
    fn scalars_become_text_and_non_numbers_become_missing() {
        let doc = doc! { "a": " x ", "b": 5551234_i64, "c": f64::NAN, "d": f64::INFINITY, "e": 2.5, "f": true };
        let read: Vec<String> = ["a", "b", "c", "d", "e", "f", "missing"]
            .iter()
            .map(|k| text(&doc, k))
            .collect();
        assert_eq!(read, ["x", "5551234", "", "", "2.5", "", ""]);
    }
}
