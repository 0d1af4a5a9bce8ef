//! Resumes and job postings as the core needs them, decoded leniently: real documents
//! have missing fields, nulls, skills as plain strings or `{name, …}`, and dates as BSON
//! dates or strings such as "2020-01-15T00:00:00.000Z" or "present". Nothing here fails;
//! what cannot be read becomes empty (or [`DateInput::Missing`]).

use bson::{doc, Bson, Document};

use super::ObjectId;
use crate::domain::constants::MAX_DESCRIPTION_CHARS;
use crate::domain::experience::{DateInput, WorkPeriod};
use crate::domain::limits::Truncation;
use crate::domain::scoring::{ResumeProfile, WorkEntry};

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
    /// What the per-document limits cut from `profile` (empty as read; see `domain::limits`).
    pub truncated: Truncation,
}

#[derive(Debug, Clone, PartialEq)]
pub struct JobRecord {
    pub id: ObjectId,
    pub title: String,
    pub company: String,
    pub location: String,
    pub experience_level: String,
    pub status: String,
    pub skills: Vec<String>,
    pub requirements: Vec<String>,
    /// Read by the factors only (never embedded), cut to [`MAX_DESCRIPTION_CHARS`].
    pub description: String,
    /// What the per-document limits cut (empty as read; see `domain::limits`).
    pub truncated: Truncation,
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
        Self {
            id,
            profile: ResumeProfile {
                first_name: text(doc, "firstName"),
                last_name: text(doc, "lastName"),
                email: text(doc, "email"),
                phone: text(doc, "phone"),
                summary: text(doc, "summary"),
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
            truncated: Truncation::new(),
        }
    }
}

impl JobRecord {
    /// `None` for a posting whose `_id` is not an ObjectId.
    pub(super) fn from_document(doc: &Document) -> Option<Self> {
        Some(Self {
            id: doc.get_object_id("_id").ok()?,
            title: text(doc, "title"),
            company: text(doc, "company"),
            location: text(doc, "location"),
            experience_level: text(doc, "experienceLevel"),
            status: text(doc, "status"),
            skills: names(doc, "skills"),
            requirements: names(doc, "requirements"),
            description: text(doc, "description")
                .chars()
                .take(MAX_DESCRIPTION_CHARS)
                .collect(),
            truncated: Truncation::new(),
        })
    }
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
