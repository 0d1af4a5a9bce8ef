//! MongoDB storage: reads the app's resumes, job postings and applications, and keeps the
//! result caches of the seed's caching table plus a per-text embedding cache.
//!
//! One [`Store`] wraps one pooled driver client; clone it freely (it is an `Arc`). The driver
//! connects lazily, with bounded timeouts, so an unreachable server turns into
//! [`Error::Database`] (`DB_UNAVAILABLE`) within seconds instead of a hang; what the server
//! refuses is [`Error::DatabaseRejected`] (`DB_ERROR`).
//!
//! Call [`Store::ensure_indexes`] once at startup: it creates the caches' unique key and
//! TTL indexes.
//!
//! Map of the module:
//! - `records` — lenient decoding of the app's documents into [`ResumeRecord`] / [`JobRecord`];
//! - `source` — reads of `resumes`, `jobpostings` and `applications`;
//! - `cache` — the four result caches ([`Cache`], [`CacheKey`]) and invalidation;
//! - `text_cache` — content-addressed embedding vectors per text ([`text_key`]);
//! - `text_claims` — leases on the texts a process is embedding, shared by every process;
//! - `vectors` — vectors as BSON binary vectors, and the legacy forms still read;
//! - `vector_search` — the Atlas `$vectorSearch` candidate query;
//! - `indexes` — [`Store::ensure_indexes`].

mod cache;
mod clusters_cache;
mod indexes;
#[cfg(test)]
pub mod memory;
mod records;
mod snapshot;
mod source;
mod text_cache;
mod text_claims;
mod traits;
pub mod ttl;
mod validate;
mod vector_search;
mod vectors;

use std::sync::Arc;
use std::time::Duration;

use bson::{doc, Bson, Document};
use mongodb::options::ClientOptions;
use mongodb::{Client, Collection, Cursor, Database};
use tokio::sync::OnceCell;

use crate::error::{Error, Result};

pub use bson::oid::ObjectId;
pub use cache::{cache_written_at, Cache, CacheKey, JobVectors};
pub use indexes::IndexState;
pub use records::{JobRecord, ResumeFields, ResumeRecord, SkillSource};
pub use source::{canonical_user, is_active_status};
pub use text_cache::text_key;
pub use traits::{Documents, ResultCache, Snapshots, Storage, TextCache};
pub use vectors::MATCH_VECTOR;

/// How long an operation waits for a usable server before failing.
const SERVER_SELECTION_TIMEOUT: Duration = Duration::from_secs(5);
/// How long opening one TCP/TLS connection may take.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// Database used when neither `MONGODB_DB` nor the URI names one.
const DEFAULT_DB_NAME: &str = "resume_ai";

/// Names of the collections the store reads and writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CollectionNames {
    pub resumes: String,
    pub job_postings: String,
    pub applications: String,
    pub resume_embeddings: String,
    pub resume_scores: String,
    pub job_embeddings: String,
    pub comparisons: String,
    /// Per-text embedding cache (not in the seed).
    pub text_embeddings: String,
    /// Cached `clusterJobs` results (not in the seed).
    pub job_clusters: String,
    /// Snapshots of the in-process catalogue of active postings (not in the seed).
    pub catalogue_snapshots: String,
    /// Leases on texts being embedded, so that processes sharing the database embed each
    /// new text once (not in the seed; see `text_claims`).
    pub text_claims: String,
}

impl Default for CollectionNames {
    /// The names the Node app (Mongoose) uses.
    fn default() -> Self {
        Self {
            resumes: "resumes".into(),
            job_postings: "jobpostings".into(),
            applications: "applications".into(),
            resume_embeddings: "resumeembeddings".into(),
            resume_scores: "resumescores".into(),
            job_embeddings: "jobpostingembeddings".into(),
            comparisons: "resumejobcomparisons".into(),
            text_embeddings: "textembeddings".into(),
            job_clusters: "jobclusters".into(),
            catalogue_snapshots: "cataloguesnapshots".into(),
            text_claims: "textclaims".into(),
        }
    }
}

/// Which fields of an application document hold the applicant's user id and the posting id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApplicationFields {
    pub user: String,
    pub job: String,
}

impl Default for ApplicationFields {
    fn default() -> Self {
        Self {
            user: "user".into(),
            job: "jobPosting".into(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreConfig {
    pub uri: String,
    pub db_name: String,
    pub collections: CollectionNames,
    pub application_fields: ApplicationFields,
}

impl StoreConfig {
    /// A config with the default collection and field names.
    pub fn new(uri: impl Into<String>, db_name: impl Into<String>) -> Self {
        Self {
            uri: uri.into(),
            db_name: db_name.into(),
            collections: CollectionNames::default(),
            application_fields: ApplicationFields::default(),
        }
    }

    /// A config for `uri`: the database is `db_name`, else the one named in the URI path,
    /// else `resume_ai`.
    pub fn for_uri(uri: String, db_name: Option<String>) -> Self {
        let db_name = db_name
            .or_else(|| database_in_uri(&uri))
            .unwrap_or_else(|| DEFAULT_DB_NAME.to_string());
        Self::new(uri, db_name)
    }
}

/// The `/name` path of `mongodb://host[:port][,host…]/name?options`, if any.
fn database_in_uri(uri: &str) -> Option<String> {
    let after_scheme = uri.split_once("://")?.1;
    let path = after_scheme.split_once('/')?.1;
    let name = path.split('?').next().unwrap_or_default();
    (!name.is_empty()).then(|| name.to_string())
}

/// Handle to the database; cheap to clone.
#[derive(Clone)]
pub struct Store {
    inner: Arc<Inner>,
}

struct Inner {
    db: Database,
    names: CollectionNames,
    application_fields: ApplicationFields,
    /// Set once `ensure_indexes` has succeeded.
    indexes: OnceCell<()>,
    /// Cache entries the read rule refused as damaged (see `vectors::read_intact`).
    damaged: std::sync::atomic::AtomicU64,
}

impl Store {
    /// Cache entries refused as damaged since this store connected (each was a miss, then
    /// recomputed and overwritten).
    pub fn damaged_entries(&self) -> u64 {
        self.inner
            .damaged
            .load(std::sync::atomic::Ordering::Relaxed)
    }

    /// `entry` if intact (see [`vectors::read_intact`]), counting it otherwise.
    fn intact(&self, mut entry: Document) -> Option<Document> {
        if vectors::read_intact(&mut entry) {
            return Some(entry);
        }
        self.count_damaged();
        None
    }

    /// Counts one cache entry the read rule refused.
    fn count_damaged(&self) {
        self.inner
            .damaged
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    }

    /// Parses the URI and builds the client. No I/O happens here except DNS for
    /// `mongodb+srv` URIs; the first operation connects. Timeouts given in the URI win over
    /// the defaults.
    pub async fn connect(config: StoreConfig) -> Result<Store> {
        let mut options = ClientOptions::parse(&config.uri).await?;
        options
            .server_selection_timeout
            .get_or_insert(SERVER_SELECTION_TIMEOUT);
        options.connect_timeout.get_or_insert(CONNECT_TIMEOUT);
        options.app_name.get_or_insert_with(|| "resume-ai".into());
        let client = Client::with_options(options)?;
        Ok(Store {
            inner: Arc::new(Inner {
                db: client.database(&config.db_name),
                names: config.collections,
                application_fields: config.application_fields,
                indexes: OnceCell::new(),
                damaged: Default::default(),
            }),
        })
    }

    fn collection(&self, name: &str) -> Collection<Document> {
        self.inner.db.collection(name)
    }

    fn names(&self) -> &CollectionNames {
        &self.inner.names
    }
}

/// Which kind of id a raw string is meant to be; picks the error message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdKind {
    Resume,
    Job,
}

/// Parses a 24-hex ObjectId (surrounding whitespace ignored). The error message starts
/// with the seed's wording ("Resume not found: …", "Job not found: …") so callers that
/// match on it keep working.
pub fn parse_object_id(kind: IdKind, raw: &str) -> Result<ObjectId> {
    ObjectId::parse_str(raw.trim()).map_err(|_| {
        let prefix = match kind {
            IdKind::Resume => "Resume not found",
            IdKind::Job => "Job not found",
        };
        Error::InvalidId(format!(
            "{prefix}: {} (not a 24-hex ObjectId)",
            crate::error::echoed(raw)
        ))
    })
}

/// Server error codes that mean "not now" rather than "never": the node is shutting down,
/// recovering or no longer primary, or the network failed or timed out between nodes (the
/// driver's own list of retryable read codes, plus MaxTimeMSExpired).
const TRANSIENT_SERVER_CODES: [i32; 14] = [
    6, 7, 50, 89, 91, 134, 189, 262, 9001, 10107, 11600, 11602, 13435, 13436,
];

impl From<mongodb::error::Error> for Error {
    /// Connection loss and timeouts are `DB_UNAVAILABLE` (retryable); what the server or the
    /// driver refused is `DB_ERROR`, with the server's code name in the message.
    fn from(error: mongodb::error::Error) -> Self {
        use mongodb::error::ErrorKind;
        // The kind alone: the full Display adds driver labels that only add noise.
        let message = error.kind.to_string();
        let transient = match error.kind.as_ref() {
            ErrorKind::Io(_)
            | ErrorKind::ConnectionPoolCleared { .. }
            | ErrorKind::ServerSelection { .. }
            | ErrorKind::DnsResolve { .. } => true,
            ErrorKind::Command(command) => TRANSIENT_SERVER_CODES.contains(&command.code),
            _ => {
                error.contains_label("RetryableWriteError")
                    || error.contains_label("TransientTransactionError")
            }
        };
        if transient {
            Error::Database(message)
        } else {
            Error::DatabaseRejected(message)
        }
    }
}

/// MongoDB's duplicate-key error code: two upserts raced to insert the same key.
const DUPLICATE_KEY: i32 = 11000;

/// Keys per `$in` query: long `$in` lists are slow on some servers (the local test server's
/// cost grows with list length × documents scanned) and make large commands.
const KEYS_PER_QUERY: usize = 500;

/// Statements per `update` command and their encoded size: the server takes up to 100,000
/// statements and 16 MB per command; batches of at most 1,000 statements and 8 MB keep each
/// round trip short and far from both limits.
const UPSERTS_PER_COMMAND: usize = 1_000;
const UPSERT_BYTES_PER_COMMAND: usize = 8 << 20;

impl Store {
    /// Runs upsert statements (`{ q, u, upsert: true }`) against `collection` as unordered
    /// `update` commands: one round trip per batch, never one per document. (A raw command:
    /// the driver's bulk-write API needs MongoDB 8.) Duplicate-key errors — another writer
    /// inserted the same new key at the same moment — are retried once: the upserts are
    /// idempotent, and the retry finds the documents and updates them.
    async fn upsert_many(&self, collection: &str, statements: Vec<Document>) -> Result<()> {
        let mut batch = Vec::new();
        let mut bytes = 0;
        for statement in statements {
            let size = statement_size(&statement);
            if !batch.is_empty()
                && (batch.len() == UPSERTS_PER_COMMAND || bytes + size > UPSERT_BYTES_PER_COMMAND)
            {
                self.run_upserts(collection, std::mem::take(&mut batch))
                    .await?;
                bytes = 0;
            }
            bytes += size;
            batch.push(statement);
        }
        if !batch.is_empty() {
            self.run_upserts(collection, batch).await?;
        }
        Ok(())
    }

    async fn run_upserts(&self, collection: &str, statements: Vec<Document>) -> Result<()> {
        let count = statements.len();
        let command = doc! { "update": collection, "updates": statements, "ordered": false };
        let mut retried = false;
        loop {
            let reply = self.inner.db.run_command(command.clone()).await?;
            let errors: Vec<&Document> = match reply.get_array("writeErrors") {
                Ok(errors) => errors.iter().filter_map(Bson::as_document).collect(),
                Err(_) => return Ok(()),
            };
            let Some(first) = errors.first() else {
                return Ok(());
            };
            let all_duplicates = errors
                .iter()
                .all(|e| e.get_i32("code").is_ok_and(|c| c == DUPLICATE_KEY));
            if retried || !all_duplicates {
                let message = first.get_str("errmsg").unwrap_or("unknown write error");
                return Err(Error::DatabaseRejected(format!(
                    "{} of {count} writes to {collection} failed: {message}",
                    errors.len(),
                )));
            }
            retried = true;
        }
    }
}

/// Encoded size of a statement, for batching (an estimate is enough; the limit has room).
fn statement_size(statement: &Document) -> usize {
    bson::to_vec(statement).map_or(UPSERT_BYTES_PER_COMMAND, |bytes| bytes.len())
}

/// Drains a cursor (without pulling in a stream-combinator crate).
async fn collect(mut cursor: Cursor<Document>) -> Result<Vec<Document>> {
    let mut docs = Vec::new();
    while cursor.advance().await? {
        docs.push(cursor.deserialize_current()?);
    }
    Ok(docs)
}

/// The oldest `updatedAt` that is still younger than `max_age`.
pub fn fresh_since(max_age: chrono::Duration) -> bson::DateTime {
    chrono::Utc::now()
        .checked_sub_signed(max_age)
        .map_or(bson::DateTime::MIN, bson::DateTime::from_chrono)
}

#[cfg(test)]
mod tests {
    use super::database_in_uri;

    #[test]
    fn database_name_comes_from_the_uri_path() {
        let cases = [
            ("mongodb://127.0.0.1:27017", None),
            ("mongodb://127.0.0.1:27017/", None),
            ("mongodb://127.0.0.1:27017/?replicaSet=rs0", None),
            ("mongodb://u:p@a:1,b:2/app?replicaSet=rs0", Some("app")),
            ("mongodb+srv://cluster.example/app", Some("app")),
        ];
        for (uri, expected) in cases {
            assert_eq!(database_in_uri(uri).as_deref(), expected, "{uri}");
        }
    }
}
