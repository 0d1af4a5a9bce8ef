//! Per-text embedding cache (beyond the seed): an embedding depends only on the model and
//! the text, so it is stored under a hash of both and shared by every resume and posting
//! that contains the text.
//!
//! Document: `_id` = [`text_key`], `model`, `vector` (BSON binary, generic subtype,
//! little-endian f32 bytes — exact, and 4× smaller than an array of doubles), `createdAt`,
//! `updatedAt` (TTL index field).

use std::collections::HashMap;

use bson::spec::BinarySubtype;
use bson::{doc, Binary, Bson, Document};
use sha2::{Digest, Sha256};

use super::cache::{CREATED_AT, UPDATED_AT};
use super::{collect, fresh_since, Store, DUPLICATE_KEY};
use crate::error::{Error, Result};

/// Keys per `$in` query and upserts per `update` command; 500 vectors of 768 floats make
/// about 1.6 MB, well under the 16 MB command limit.
const CHUNK: usize = 500;

/// The cache key of `text` embedded by `model`: hex SHA-256 of `"<model>\n<text>"`.
pub fn text_key(model: &str, text: &str) -> String {
    let digest = Sha256::digest(format!("{model}\n{text}"));
    digest.iter().map(|byte| format!("{byte:02x}")).collect()
}

impl Store {
    /// The stored vectors among `keys` written less than `max_age` ago, by key; one query
    /// per 500 keys. Unreadable entries count as missing.
    pub async fn text_vectors(
        &self,
        keys: &[String],
        max_age: chrono::Duration,
    ) -> Result<HashMap<String, Vec<f32>>> {
        let collection = self.collection(&self.names().text_embeddings);
        let mut found = HashMap::new();
        for chunk in keys.chunks(CHUNK) {
            let filter = doc! {
                "_id": { "$in": chunk.to_vec() },
                UPDATED_AT: { "$gte": fresh_since(max_age) },
            };
            let cursor = collection
                .find(filter)
                .projection(doc! { "vector": 1 })
                .await?;
            for entry in collect(cursor).await? {
                if let (Ok(key), Some(vector)) = (entry.get_str("_id"), decode_vector(&entry)) {
                    found.insert(key.to_string(), vector);
                }
            }
        }
        Ok(found)
    }

    /// Stores `(key, vector)` pairs embedded by `model`, replacing older vectors and
    /// refreshing `updatedAt`. One round trip per 500 entries.
    pub async fn put_text_vectors(&self, model: &str, entries: &[(String, &[f32])]) -> Result<()> {
        let now = bson::DateTime::now();
        for chunk in entries.chunks(CHUNK) {
            let updates: Vec<Document> = chunk
                .iter()
                .map(|(key, vector)| {
                    doc! {
                        "q": { "_id": key },
                        "u": {
                            "$set": { "model": model, "vector": encode_vector(vector), UPDATED_AT: now },
                            "$setOnInsert": { CREATED_AT: now },
                        },
                        "upsert": true,
                    }
                })
                .collect();
            // A raw `update` command carries many upserts in one round trip (the driver's
            // bulk-write API needs MongoDB 8).
            self.run_upserts(doc! {
                "update": &self.names().text_embeddings,
                "updates": updates,
                "ordered": false,
            })
            .await?;
        }
        Ok(())
    }

    /// Runs an `update` command and checks its per-statement errors. Duplicate-key errors
    /// (another writer inserted the same new key at the same moment) are retried once:
    /// the upserts are idempotent, and the retry finds the documents and updates them.
    async fn run_upserts(&self, command: Document) -> Result<()> {
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
                return Err(Error::Database(format!(
                    "{} of {} text embedding writes failed: {message}",
                    errors.len(),
                    command.get_array("updates").map_or(0, Vec::len),
                )));
            }
            retried = true;
        }
    }
}

fn encode_vector(vector: &[f32]) -> Binary {
    Binary {
        subtype: BinarySubtype::Generic,
        bytes: vector.iter().flat_map(|x| x.to_le_bytes()).collect(),
    }
}

fn decode_vector(entry: &Document) -> Option<Vec<f32>> {
    match entry.get("vector")? {
        Bson::Binary(Binary {
            subtype: BinarySubtype::Generic,
            bytes,
        }) if bytes.len() % 4 == 0 => Some(
            bytes
                .chunks_exact(4)
                .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
                .collect(),
        ),
        _ => None,
    }
}
