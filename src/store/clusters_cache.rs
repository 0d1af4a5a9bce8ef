//! Cached `clusterJobs` results (beyond the seed), one document per request: `_id` = a hash
//! of the request (filter, k, seed), `request` (the same, readable), the result's fields,
//! `createdAt`, `updatedAt` (TTL index field).

use bson::{doc, Document};

use super::cache::{is_fresh, CREATED_AT, UPDATED_AT};
use super::Store;
use crate::error::Result;

impl Store {
    /// The cached result for `key` written less than `max_age` ago.
    pub async fn cached_clusters(
        &self,
        key: &str,
        max_age: chrono::Duration,
    ) -> Result<Option<Document>> {
        Ok(self
            .collection(&self.names().job_clusters)
            .find_one(doc! { "_id": key })
            .await?
            .filter(|doc| is_fresh(doc, max_age)))
    }

    /// Stores the result for `key`, replacing an older one.
    pub async fn put_clusters(&self, key: &str, request: Document, body: Document) -> Result<()> {
        let now = bson::DateTime::now();
        let mut set = body;
        set.insert("request", request);
        set.insert(UPDATED_AT, now);
        self.collection(&self.names().job_clusters)
            .update_one(
                doc! { "_id": key },
                doc! { "$set": set, "$setOnInsert": { CREATED_AT: now } },
            )
            .upsert(true)
            .await?;
        Ok(())
    }
}
