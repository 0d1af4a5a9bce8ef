//! Per-text embedding cache (beyond the seed): an embedding depends only on the model and
//! the text, so it is stored under a hash of both and shared by every resume and posting
//! that contains the text.
//!
//! Document: `_id` = [`text_key`], `model`, `vector` (a float32 binary vector, see
//! `store::vectors`), `createdAt`, `updatedAt` (TTL index field).

use std::collections::HashMap;

use bson::doc;
use sha2::{Digest, Sha256};

use super::cache::{is_fresh, CREATED_AT, UPDATED_AT};
use super::vectors::{decode_vector, encode_vector};
use super::{collect, Store, KEYS_PER_QUERY};
use crate::error::Result;

/// The cache key of `text` embedded by `model`: hex SHA-256 of `"<model>\n<text>"`.
pub fn text_key(model: &str, text: &str) -> String {
    let digest = Sha256::digest(format!("{model}\n{text}"));
    digest.iter().map(|byte| format!("{byte:02x}")).collect()
}

impl Store {
    /// The stored vectors among `keys` written less than `max_age` ago, by key; one query
    /// per 500 keys. A damaged entry (see `vectors::decode_vector`) is missing, and counted.
    pub async fn text_vectors(
        &self,
        keys: &[String],
        max_age: chrono::Duration,
    ) -> Result<HashMap<String, Vec<f32>>> {
        let collection = self.collection(&self.names().text_embeddings);
        let mut found = HashMap::new();
        for chunk in keys.chunks(KEYS_PER_QUERY) {
            // The key alone: freshness is tested here (see `cache::is_fresh`).
            let cursor = collection
                .find(doc! { "_id": { "$in": chunk.to_vec() } })
                .projection(doc! { "vector": 1, UPDATED_AT: 1 })
                .await?;
            for entry in collect(cursor).await? {
                if !is_fresh(&entry, max_age) {
                    continue;
                }
                let vector = entry.get("vector").and_then(decode_vector);
                match (entry.get_str("_id"), vector) {
                    (Ok(key), Some(vector)) => drop(found.insert(key.to_string(), vector)),
                    // Damaged (NaN, zero, another type): a miss, embedded again.
                    _ => self.count_damaged(),
                }
            }
        }
        Ok(found)
    }

    /// Stores `(key, vector)` pairs embedded by `model`, replacing older vectors and
    /// refreshing `updatedAt`, in unordered batches (see [`Store::upsert_many`]).
    pub async fn put_text_vectors(&self, model: &str, entries: &[(String, &[f32])]) -> Result<()> {
        let now = bson::DateTime::now();
        let updates = entries
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
        self.upsert_many(&self.names().text_embeddings, updates)
            .await?;
        Ok(())
    }
}
