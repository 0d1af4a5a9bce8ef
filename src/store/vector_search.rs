//! Candidates from a MongoDB Atlas Vector Search index over `jobpostingembeddings.matchVector`,
//! for boards past what one process should hold in memory. Only the candidates' ids come back;
//! the caller re-scores them exactly. The local test server has no `$vectorSearch`, so only the
//! pipeline is tested here (see docs/recommendations.md).
//!
//! The index this expects (Atlas "vectorSearch" type, on the job embeddings collection):
//!
//! ```json
//! { "fields": [
//!     { "type": "vector", "path": "matchVector", "numDimensions": 1536, "similarity": "dotProduct" },
//!     { "type": "filter", "path": "status" } ] }
//! ```

use bson::{doc, Bson, Document};

use super::cache::{Cache, JOB_FIELD};
use super::source::active_statuses;
use super::vectors::MATCH_VECTOR;
use super::{collect, ObjectId, Store};
use crate::error::Result;

/// The aggregation pipeline: approximate nearest neighbours of `query` among active postings.
pub fn vector_search_pipeline(
    index: &str,
    query: &[f32],
    num_candidates: usize,
    limit: usize,
) -> Vec<Document> {
    let query: Vec<Bson> = query.iter().map(|x| Bson::Double(f64::from(*x))).collect();
    vec![
        doc! {
            "$vectorSearch": {
                "index": index,
                "path": MATCH_VECTOR,
                "queryVector": query,
                "numCandidates": num_candidates as i64,
                "limit": limit as i64,
                "filter": { "status": { "$in": active_statuses() } },
            }
        },
        doc! { "$project": { "_id": 0, JOB_FIELD: 1 } },
    ]
}

impl Store {
    /// Ids of the postings the index finds nearest to `query`, nearest first.
    pub async fn vector_search(
        &self,
        index: &str,
        query: &[f32],
        num_candidates: usize,
        limit: usize,
    ) -> Result<Vec<ObjectId>> {
        let pipeline = vector_search_pipeline(index, query, num_candidates, limit);
        let cursor = self
            .cache_collection(Cache::JobEmbeddings)
            .aggregate(pipeline)
            .await?;
        Ok(collect(cursor)
            .await?
            .iter()
            .filter_map(|hit| hit.get_object_id(JOB_FIELD).ok())
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pipeline_asks_the_index_for_active_postings_and_returns_ids() {
        let pipeline = vector_search_pipeline("jobs_match", &[0.5, -0.25], 200, 20);
        assert_eq!(pipeline.len(), 2);
        let search = pipeline[0].get_document("$vectorSearch").unwrap();
        assert_eq!(search.get_str("index").unwrap(), "jobs_match");
        assert_eq!(search.get_str("path").unwrap(), "matchVector");
        assert_eq!(search.get_i64("numCandidates").unwrap(), 200);
        assert_eq!(search.get_i64("limit").unwrap(), 20);
        assert_eq!(
            search.get_array("queryVector").unwrap(),
            &vec![Bson::Double(0.5), Bson::Double(-0.25)]
        );
        let statuses = search
            .get_document("filter")
            .unwrap()
            .get_document("status")
            .unwrap()
            .get_array("$in")
            .unwrap();
        assert!(statuses.contains(&Bson::String("active".into())));
        assert_eq!(
            pipeline[1],
            doc! { "$project": { "_id": 0, "jobPosting": 1 } }
        );
    }
}
