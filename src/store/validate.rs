//! MongoDB's naming rules, checked before a configuration is accepted: a bad name must be a
//! clear `INVALID_ARGUMENT` from `configure`, not a database called `a/b`, a cache written
//! into `system.users`, or a field name that MongoDB reads as a query operator.

use mongodb::options::ConnectionString;

use super::StoreConfig;
use crate::error::{echoed, Error, Result};

/// MongoDB's limit on a database name, in bytes.
const MAX_DB_NAME_BYTES: usize = 63;
/// Characters MongoDB refuses in database names (on any platform).
const DB_NAME_FORBIDDEN: &[char] = &[
    '/', '\\', '.', ' ', '"', '$', '*', '<', '>', ':', '|', '?', '\0',
];
/// MongoDB's limit on `database.collection`, in bytes.
const MAX_NAMESPACE_BYTES: usize = 255;

impl StoreConfig {
    /// Checks the URI, the database name, every collection name and both field names. An
    /// empty URI passes: no database is configured yet, and calls say so (`DB_ERROR`).
    pub fn validate(&self) -> Result<()> {
        if !self.uri.is_empty() {
            ConnectionString::parse(&self.uri).map_err(|e| {
                invalid(format!(
                    "mongoUri {:?} is not a MongoDB URI: {}",
                    echoed(&self.uri),
                    e.kind
                ))
            })?;
        }
        database_name(&self.db_name)?;
        let names = &self.collections;
        for (option, name) in [
            ("resumes", &names.resumes),
            ("jobPostings", &names.job_postings),
            ("applications", &names.applications),
            ("resumeEmbeddings", &names.resume_embeddings),
            ("resumeScores", &names.resume_scores),
            ("jobEmbeddings", &names.job_embeddings),
            ("comparisons", &names.comparisons),
            ("textEmbeddings", &names.text_embeddings),
            ("jobClusters", &names.job_clusters),
            ("catalogueSnapshots", &names.catalogue_snapshots),
            ("textClaims", &names.text_claims),
        ] {
            collection_name(option, name, &self.db_name)?;
        }
        field_name("applicationUserField", &self.application_fields.user)?;
        field_name("applicationJobField", &self.application_fields.job)
    }
}

fn invalid(message: String) -> Error {
    Error::InvalidArgument(message)
}

fn database_name(name: &str) -> Result<()> {
    if name.is_empty() || name.len() > MAX_DB_NAME_BYTES || name.contains(DB_NAME_FORBIDDEN) {
        return Err(invalid(format!(
            "dbName {:?} is not a MongoDB database name (1 to {MAX_DB_NAME_BYTES} bytes, none of / \\ . space \" $ * < > : | ?)",
            echoed(name)
        )));
    }
    Ok(())
}

fn collection_name(option: &str, name: &str, db_name: &str) -> Result<()> {
    let problem = if name.is_empty() {
        Some("is empty")
    } else if name.contains('$') || name.contains('\0') {
        Some("contains $ or a null character")
    } else if name.starts_with("system.") {
        Some("is a system collection")
    } else if db_name.len() + 1 + name.len() > MAX_NAMESPACE_BYTES {
        Some("makes a namespace over 255 bytes")
    } else {
        None
    };
    match problem {
        Some(problem) => Err(invalid(format!(
            "collections.{option} {:?} {problem}",
            echoed(name)
        ))),
        None => Ok(()),
    }
}

fn field_name(option: &str, name: &str) -> Result<()> {
    if name.is_empty()
        || name.starts_with('$')
        || name.contains('\0')
        || name.split('.').any(str::is_empty)
    {
        return Err(invalid(format!(
            "collections.{option} {:?} is not a field name (non-empty, no leading $, no empty path segment)",
            echoed(name)
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> StoreConfig {
        StoreConfig::new("mongodb://127.0.0.1:27017", "app")
    }

    #[test]
    fn the_defaults_pass() {
        config().validate().unwrap();
        StoreConfig::new(
            "mongodb+srv://u:p@cluster0.example.net/app?retryWrites=true",
            "app",
        )
        .validate()
        .unwrap();
    }

    #[test]
    fn bad_names_are_invalid_arguments() {
        let mut cases: Vec<StoreConfig> = Vec::new();
        for uri in ["not a uri", "http://x"] {
            cases.push(StoreConfig {
                uri: uri.into(),
                ..config()
            });
        }
        for db in ["", "$x", "a/b", "a.b", "a b", &"x".repeat(64)] {
            cases.push(StoreConfig {
                db_name: db.into(),
                ..config()
            });
        }
        for collection in ["", "system.users", "a$b", "a\0b", &"c".repeat(300)] {
            let mut c = config();
            c.collections.resume_scores = collection.into();
            cases.push(c);
        }
        for field in ["", "$where", "a..b", ".a"] {
            let mut c = config();
            c.application_fields.user = field.into();
            cases.push(c);
        }
        for case in cases {
            let error = case.validate().expect_err(&format!("{case:?}"));
            assert_eq!(error.code(), "INVALID_ARGUMENT", "{case:?}");
        }
    }

    #[test]
    fn dotted_field_paths_and_odd_but_legal_collection_names_pass() {
        let mut c = config();
        c.application_fields.user = "applicant.id".into();
        c.collections.comparisons = "cache.comparisons-v2".into();
        c.validate().unwrap();
    }
}
