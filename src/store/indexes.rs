//! Indexes of the cache collections: a unique index on each cache key (lookups by key,
//! and concurrent writers cannot create duplicates) and a TTL index on `updatedAt` (the
//! server deletes stale entries; expireAfterSeconds = the seed's TTL). Text claims expire at
//! their own `expiresAt` instead (`expireAfterSeconds: 0`).

use bson::{doc, Bson, Document};
use mongodb::error::ErrorKind;
use mongodb::options::IndexOptions;
use mongodb::IndexModel;

use super::cache::UPDATED_AT;
use super::text_claims::EXPIRES_AT;
use super::ttl::{JOB_CLUSTERS_TTL_HOURS, TEXT_EMBEDDING_TTL_DAYS};
use super::{collect, Cache, Store};
use crate::error::Result;

/// MongoDB's error code for a collection that does not exist.
const NAMESPACE_NOT_FOUND: i32 = 26;

/// One cache index and whether the server has it (see [`Store::index_report`]).
#[derive(Debug, Clone, PartialEq)]
pub struct IndexState {
    pub collection: String,
    /// Its key fields, comma-separated.
    pub keys: String,
    pub unique: bool,
    pub ttl_seconds: Option<i64>,
    pub present: bool,
}

/// One index the store wants.
struct IndexSpec<'a> {
    collection: &'a str,
    keys: Document,
    unique: bool,
    ttl_seconds: Option<i64>,
}

impl<'a> IndexSpec<'a> {
    fn unique(collection: &'a str, fields: &[&str]) -> Self {
        Self {
            collection,
            keys: fields
                .iter()
                .map(|f| (f.to_string(), Bson::Int32(1)))
                .collect(),
            unique: true,
            ttl_seconds: None,
        }
    }

    fn ttl(collection: &'a str, ttl: chrono::Duration) -> Self {
        Self {
            collection,
            keys: doc! { UPDATED_AT: 1 },
            unique: false,
            ttl_seconds: Some(ttl.num_seconds()),
        }
    }

    /// A TTL index that deletes each document once the time in its `field` has passed.
    fn expiring(collection: &'a str, field: &str) -> Self {
        Self {
            collection,
            keys: doc! { field: 1 },
            unique: false,
            ttl_seconds: Some(0),
        }
    }

    /// Whether an existing index (a `listIndexes` entry with the same keys) has these options.
    fn matches(&self, index: &Document) -> bool {
        let unique = index.get_bool("unique").unwrap_or(false);
        let ttl = index.get("expireAfterSeconds").and_then(number);
        unique == self.unique && ttl == self.ttl_seconds.map(|s| s as f64)
    }
}

impl Store {
    /// Creates the cache indexes. Idempotent; the work runs once per `Store` (a failed run
    /// is retried by the next call). An index with the wanted keys but other options — a
    /// changed TTL constant, a key index that is not unique — is dropped and recreated.
    pub async fn ensure_indexes(&self) -> Result<()> {
        self.inner
            .indexes
            .get_or_try_init(|| self.create_indexes())
            .await?;
        Ok(())
    }

    /// Creates (or fixes) every cache index now: `init`. Idempotent.
    pub async fn create_indexes(&self) -> Result<()> {
        for spec in self.index_specs() {
            self.ensure_index(spec).await?;
        }
        Ok(())
    }

    /// Whether the connected user may create indexes in this database, from
    /// `connectionStatus` (see [`may_create_indexes`]); `None` when the server does not say.
    pub async fn can_create_indexes(&self) -> Option<bool> {
        let reply = self
            .inner
            .db
            .run_command(doc! { "connectionStatus": 1, "showPrivileges": true })
            .await
            .ok()?;
        may_create_indexes(&reply, self.inner.db.name())
    }

    fn index_specs(&self) -> Vec<IndexSpec<'_>> {
        let names = self.names();
        let mut specs = Vec::new();
        for cache in Cache::ALL {
            let collection = cache.collection_name(names);
            specs.push(IndexSpec::unique(collection, cache.key_fields()));
            specs.push(IndexSpec::ttl(collection, cache.ttl()));
        }
        // Text embeddings are keyed by `_id`, which is unique already.
        let text_ttl = chrono::Duration::days(TEXT_EMBEDDING_TTL_DAYS);
        specs.push(IndexSpec::ttl(&names.text_embeddings, text_ttl));
        // So are cached clusterings.
        let clusters_ttl = chrono::Duration::hours(JOB_CLUSTERS_TTL_HOURS);
        specs.push(IndexSpec::ttl(&names.job_clusters, clusters_ttl));
        // Text claims are keyed by `_id` too, and end at their own `expiresAt`.
        specs.push(IndexSpec::expiring(&names.text_claims, EXPIRES_AT));
        specs
    }

    /// Each index [`Store::ensure_indexes`] wants, and whether the server has it with the
    /// wanted options. Creates nothing; the first query also tells whether the server answers.
    pub async fn index_report(&self) -> Result<Vec<IndexState>> {
        let mut report = Vec::new();
        for spec in self.index_specs() {
            let existing = self.existing_indexes(spec.collection).await?;
            let present = existing.iter().any(|index| {
                index
                    .get_document("key")
                    .is_ok_and(|keys| same_keys(keys, &spec.keys))
                    && spec.matches(index)
            });
            let keys: Vec<&str> = spec.keys.keys().map(String::as_str).collect();
            report.push(IndexState {
                collection: spec.collection.to_string(),
                keys: keys.join(", "),
                unique: spec.unique,
                ttl_seconds: spec.ttl_seconds,
                present,
            });
        }
        Ok(report)
    }

    /// `listIndexes` of a collection; none when it does not exist yet.
    async fn existing_indexes(&self, collection: &str) -> Result<Vec<Document>> {
        match self.collection(collection).list_indexes().await {
            Ok(cursor) => collect(cursor.with_type::<Document>()).await,
            Err(error) if matches!(&*error.kind, ErrorKind::Command(e) if e.code == NAMESPACE_NOT_FOUND) => {
                Ok(Vec::new())
            }
            Err(error) => Err(error.into()),
        }
    }

    async fn ensure_index(&self, spec: IndexSpec<'_>) -> Result<()> {
        let collection = self.collection(spec.collection);
        let existing = self.existing_indexes(spec.collection).await?;
        let same_keys = existing.iter().find(|index| {
            index
                .get_document("key")
                .is_ok_and(|keys| same_keys(keys, &spec.keys))
        });
        if let Some(index) = same_keys {
            if spec.matches(index) {
                return Ok(());
            }
            if let Ok(name) = index.get_str("name") {
                collection.drop_index(name).await?;
            }
        }
        let options = IndexOptions::builder()
            .unique(spec.unique.then_some(true))
            .expire_after(
                spec.ttl_seconds
                    .map(|s| std::time::Duration::from_secs(s.max(0) as u64)),
            )
            .build();
        let model = IndexModel::builder()
            .keys(spec.keys)
            .options(options)
            .build();
        collection.create_index(model).await?;
        Ok(())
    }
}

/// Same fields in the same order with the same directions; servers may report `1` as an
/// int32, int64 or double.
fn same_keys(a: &Document, b: &Document) -> bool {
    a.len() == b.len()
        && a.iter().zip(b).all(|((a_field, a_dir), (b_field, b_dir))| {
            a_field == b_field && number(a_dir).is_some() && number(a_dir) == number(b_dir)
        })
}

fn number(value: &Bson) -> Option<f64> {
    match value {
        Bson::Int32(n) => Some(f64::from(*n)),
        Bson::Int64(n) => Some(*n as f64),
        Bson::Double(n) => Some(*n),
        _ => None,
    }
}

/// Reads a `connectionStatus` reply (with `showPrivileges`): true without access control (no
/// authenticated user), true when a privilege grants `createIndex` on `database` (or on every
/// database, or any resource), false when none does, `None` when the reply lacks the fields.
fn may_create_indexes(reply: &Document, database: &str) -> Option<bool> {
    let auth = reply.get_document("authInfo").ok()?;
    let users = auth.get_array("authenticatedUsers").ok()?;
    if users.is_empty() {
        return Some(true);
    }
    let privileges = auth.get_array("authenticatedUserPrivileges").ok()?;
    Some(privileges.iter().filter_map(Bson::as_document).any(|p| {
        let resource = p.get_document("resource").ok();
        let covers = resource.is_some_and(|r| {
            r.get_bool("anyResource").unwrap_or(false)
                || matches!(r.get_str("db"), Ok(db) if db.is_empty() || db == database)
        });
        let actions = p.get_array("actions").ok();
        covers && actions.is_some_and(|a| a.iter().any(|x| x.as_str() == Some("createIndex")))
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reply as MongoDB shapes it for one authenticated user and these privileges.
    fn reply_for_user(privileges: Vec<Document>) -> Document {
        doc! { "authInfo": {
            "authenticatedUsers": [{ "user": "app", "db": "admin" }],
            "authenticatedUserRoles": [],
            "authenticatedUserPrivileges": privileges,
        }, "ok": 1 }
    }

    fn privilege(db: &str, collection: &str, actions: &[&str]) -> Document {
        doc! { "resource": { "db": db, "collection": collection }, "actions": actions }
    }

    #[test]
    fn without_access_control_anyone_may_create_indexes() {
        let reply = doc! { "authInfo": {
        "authenticatedUsers": [], "authenticatedUserPrivileges": [] }, "ok": 1 };
        assert_eq!(may_create_indexes(&reply, "hiring"), Some(true));
    }

    #[test]
    fn a_read_write_user_of_the_database_may() {
        // readWrite on "hiring" grants createIndex (with find, insert, update, …).
        let rw = privilege(
            "hiring",
            "",
            &["find", "insert", "update", "remove", "createIndex"],
        );
        assert_eq!(
            may_create_indexes(&reply_for_user(vec![rw]), "hiring"),
            Some(true)
        );
        // readWriteAnyDatabase: db "" covers every database.
        let any_db = privilege("", "", &["find", "createIndex"]);
        assert_eq!(
            may_create_indexes(&reply_for_user(vec![any_db]), "hiring"),
            Some(true)
        );
        let root =
            doc! { "resource": { "anyResource": true }, "actions": ["anyAction", "createIndex"] };
        assert_eq!(
            may_create_indexes(&reply_for_user(vec![root]), "hiring"),
            Some(true)
        );
    }

    #[test]
    fn a_read_only_user_or_one_of_another_database_may_not() {
        let read = privilege("hiring", "", &["find", "listIndexes", "listCollections"]);
        assert_eq!(
            may_create_indexes(&reply_for_user(vec![read]), "hiring"),
            Some(false)
        );
        let elsewhere = privilege("staging", "", &["find", "createIndex"]);
        assert_eq!(
            may_create_indexes(&reply_for_user(vec![elsewhere]), "hiring"),
            Some(false)
        );
        assert_eq!(
            may_create_indexes(&reply_for_user(vec![]), "hiring"),
            Some(false)
        );
    }

    #[test]
    fn a_reply_without_auth_info_says_nothing() {
        assert_eq!(may_create_indexes(&doc! { "ok": 1 }, "hiring"), None);
    }
}
