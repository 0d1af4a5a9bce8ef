//! Claims on the texts a process is about to embed, so that processes sharing the database
//! (a fleet of backfill workers, several API servers) embed each new text once: before running
//! the model, a process claims the texts it found in no cache; a text another process holds a
//! live claim on is waited for (its vector appears in `textembeddings`) instead of embedded.
//!
//! Document: `_id` = [`text_key`](super::text_key), `owner` (the claiming process's id),
//! `expiresAt` (the end of the lease; a TTL index with `expireAfterSeconds: 0` sweeps expired
//! claims, which are claimable before the sweep anyway). Timestamps come from the claiming
//! process's clock: the hosts of a fleet must agree to well within the lease
//! ([`TEXT_CLAIM_LEASE_SECONDS`](super::ttl::TEXT_CLAIM_LEASE_SECONDS)), as NTP does.

use std::collections::HashSet;

use bson::{doc, Bson, Document};

use super::{Store, DUPLICATE_KEY, KEYS_PER_QUERY, UPSERTS_PER_COMMAND};
use crate::error::{Error, Result};

pub(super) const OWNER: &str = "owner";
pub(super) const EXPIRES_AT: &str = "expiresAt";

/// MongoDB's write-conflict code: another writer changed the same claim at the same moment,
/// so this process did not get it (it polls, then tries again).
const WRITE_CONFLICT: i32 = 112;

impl Store {
    /// Claims each of `keys` for `owner` until `lease` from now, unless another owner holds a
    /// live claim on it; returns the keys claimed. One unordered `update` command per 1,000
    /// keys, an upsert per key filtered on `{ _id, claim expired or already owner's }`: where
    /// another owner's live claim holds the key, the filter matches nothing and the upsert's
    /// insert collides with that claim on `_id` — a duplicate-key write error, so the key is
    /// not claimed. An owner's own live claim is renewed, never waited on.
    pub async fn claim_texts(
        &self,
        keys: &[String],
        owner: &str,
        lease: chrono::Duration,
    ) -> Result<HashSet<String>> {
        let collection = &self.names().text_claims;
        let mut claimed = HashSet::new();
        for chunk in keys.chunks(UPSERTS_PER_COMMAND) {
            let now = bson::DateTime::now();
            let expires =
                bson::DateTime::from_millis(now.timestamp_millis() + lease.num_milliseconds());
            let updates: Vec<Document> = chunk
                .iter()
                .map(|key| {
                    doc! {
                        "q": { "_id": key, "$or": [{ EXPIRES_AT: { "$lt": now } }, { OWNER: owner }] },
                        "u": { "$set": { OWNER: owner, EXPIRES_AT: expires } },
                        "upsert": true,
                    }
                })
                .collect();
            let command = doc! { "update": collection, "updates": updates, "ordered": false };
            let reply = self.inner.db.run_command(command).await?;
            let held = held_elsewhere(&reply, collection)?;
            claimed.extend(
                chunk
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| !held.contains(i))
                    .map(|(_, key)| key.clone()),
            );
        }
        Ok(claimed)
    }

    /// Drops `owner`'s claims on `keys` (another owner's are left alone); one query per 500
    /// keys.
    pub async fn release_texts(&self, keys: &[String], owner: &str) -> Result<()> {
        let collection = self.collection(&self.names().text_claims);
        for chunk in keys.chunks(KEYS_PER_QUERY) {
            collection
                .delete_many(doc! { "_id": { "$in": chunk.to_vec() }, OWNER: owner })
                .await?;
        }
        Ok(())
    }
}

/// The statements of a claim command that another owner's live claim refused, by index; any
/// other write error fails the claim.
fn held_elsewhere(reply: &Document, collection: &str) -> Result<HashSet<usize>> {
    let Ok(errors) = reply.get_array("writeErrors") else {
        return Ok(HashSet::new());
    };
    let mut held = HashSet::new();
    for error in errors.iter().filter_map(Bson::as_document) {
        let code = error.get_i32("code").unwrap_or_default();
        let index = match error.get("index") {
            Some(Bson::Int32(i)) => usize::try_from(*i).ok(),
            Some(Bson::Int64(i)) => usize::try_from(*i).ok(),
            _ => None,
        };
        match index {
            Some(index) if code == DUPLICATE_KEY || code == WRITE_CONFLICT => {
                held.insert(index);
            }
            _ => {
                let message = error.get_str("errmsg").unwrap_or("unknown write error");
                return Err(Error::DatabaseRejected(format!(
                    "claiming texts in {collection} failed: {message}"
                )));
            }
        }
    }
    Ok(held)
}
