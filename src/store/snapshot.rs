//! Snapshots of the catalogue of active postings (beyond the seed): what lets a new process
//! rank a board of 100,000 postings without reading every posting's embeddings first.
//!
//! A snapshot is one blob (see `service::catalogue::snapshot` for its layout) stored as
//! chunks of [`CHUNK_BYTES`] under a generation id, plus one pointer document per `tag` (the
//! model, the limits and the layout the blob was made under):
//!
//! - chunk: `_id` = `"<generation>/<n>"`, `tag`, `generation`, `n`, `data` (binary),
//!   `createdAt`;
//! - pointer: `_id` = tag, `generation`, `chunks`, `bytes`, `sha256`, `createdAt`.
//!
//! A writer writes every chunk of a new generation first and replaces the pointer last, in
//! one document write: several processes writing at once each write a whole generation of
//! their own, and the pointer names one of them, never a mix. A reader checks the chunk
//! count, the length and the SHA-256 against the pointer, so a generation deleted while it
//! was read is a miss, never a wrong board. Writers delete generations that are no longer
//! current once they are [`READ_GRACE_MS`] old, which leaves readers time to finish.

use bson::{doc, spec::BinarySubtype, Binary, Document};
use sha2::{Digest, Sha256};

use super::cache::CREATED_AT;
use super::Store;
use crate::error::Result;

/// Bytes per chunk document: well under MongoDB's 16 MB document limit.
const CHUNK_BYTES: usize = 8 << 20;

/// How long a generation that is no longer current is kept for readers still reading it.
const READ_GRACE_MS: i64 = 10 * 60 * 1000;

/// The hex SHA-256 of `blob`.
pub fn checksum(blob: &[u8]) -> String {
    Sha256::digest(blob)
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

impl Store {
    fn snapshots(&self) -> mongodb::Collection<Document> {
        self.collection(&self.names().catalogue_snapshots)
    }

    /// When the current snapshot under `tag` was written.
    pub async fn snapshot_written_at(&self, tag: &str) -> Result<Option<bson::DateTime>> {
        let pointer = self
            .snapshots()
            .find_one(doc! { "_id": tag })
            .projection(doc! { CREATED_AT: 1 })
            .await?;
        Ok(pointer.and_then(|p| p.get_datetime(CREATED_AT).ok().copied()))
    }

    /// The current snapshot under `tag`, checked whole; `None` when there is none or it does
    /// not check out (counted as damaged).
    pub async fn snapshot(&self, tag: &str) -> Result<Option<Vec<u8>>> {
        let Some(pointer) = self.snapshots().find_one(doc! { "_id": tag }).await? else {
            return Ok(None);
        };
        let (Ok(generation), Ok(chunks), Ok(bytes), Ok(sha256)) = (
            pointer.get_str("generation"),
            pointer.get_i64("chunks"),
            pointer.get_i64("bytes"),
            pointer.get_str("sha256"),
        ) else {
            self.count_damaged();
            return Ok(None);
        };
        let mut blob = Vec::with_capacity(usize::try_from(bytes).unwrap_or(0));
        let mut cursor = self
            .snapshots()
            // Chunks only: the pointer carries `generation` too, but no `tag`.
            .find(doc! { "tag": tag, "generation": generation })
            .sort(doc! { "n": 1 })
            .await?;
        let mut read = 0_i64;
        while cursor.advance().await? {
            let chunk = cursor.deserialize_current()?;
            match (chunk.get_i64("n"), chunk.get_binary_generic("data")) {
                (Ok(n), Ok(data)) if n == read => blob.extend_from_slice(data),
                _ => break,
            }
            read += 1;
        }
        if read != chunks || blob.len() as i64 != bytes || checksum(&blob) != sha256 {
            self.count_damaged();
            return Ok(None);
        }
        Ok(Some(blob))
    }

    /// Writes `blob` as a new generation and makes it the current snapshot under `tag`;
    /// then deletes the generations of `tag` that have been superseded for long enough.
    pub async fn put_snapshot(&self, tag: &str, blob: &[u8]) -> Result<()> {
        let generation = bson::oid::ObjectId::new().to_hex();
        let now = bson::DateTime::now();
        let chunks: Vec<Document> = blob
            .chunks(CHUNK_BYTES)
            .enumerate()
            .map(|(n, data)| {
                doc! {
                    "_id": format!("{generation}/{n}"),
                    "tag": tag,
                    "generation": &generation,
                    "n": n as i64,
                    "data": Binary { subtype: BinarySubtype::Generic, bytes: data.to_vec() },
                    CREATED_AT: now,
                }
            })
            .collect();
        let count = chunks.len() as i64;
        for chunk in chunks {
            self.snapshots().insert_one(chunk).await?;
        }
        self.snapshots()
            .replace_one(
                doc! { "_id": tag },
                doc! {
                    "generation": &generation,
                    "chunks": count,
                    "bytes": blob.len() as i64,
                    "sha256": checksum(blob),
                    CREATED_AT: now,
                },
            )
            .upsert(true)
            .await?;
        let superseded = bson::DateTime::from_millis(now.timestamp_millis() - READ_GRACE_MS);
        let current = self
            .snapshots()
            .find_one(doc! { "_id": tag })
            .projection(doc! { "generation": 1 })
            .await?
            .and_then(|p| p.get_str("generation").ok().map(str::to_string))
            .unwrap_or(generation);
        self.snapshots()
            .delete_many(doc! {
                "tag": tag,
                "generation": { "$ne": current },
                CREATED_AT: { "$lt": superseded },
            })
            .await?;
        Ok(())
    }
}
