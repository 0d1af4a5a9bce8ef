//! How long each cache collection's documents live: the seed's caching table, plus the caches
//! this library adds. The TTL indexes (`indexes.rs`) and every fresh-read check use these.

/// Resume section embeddings (`resumeembeddings`).
pub const RESUME_EMBEDDINGS_TTL_DAYS: i64 = 90;
/// Resume scores (`resumescores`); short because the in-demand skills behind
/// the recommendations change with the job postings.
pub const RESUME_SCORE_TTL_DAYS: i64 = 7;
/// Job posting embeddings (`jobpostingembeddings`).
pub const JOB_EMBEDDINGS_TTL_DAYS: i64 = 90;
/// Resume ↔ job comparisons (`resumejobcomparisons`).
pub const COMPARISON_TTL_DAYS: i64 = 30;
/// Per-text embedding cache (not in the seed): an embedding depends only on
/// the text and the model, so it is as long-lived as the section embeddings.
pub const TEXT_EMBEDDING_TTL_DAYS: i64 = 90;
/// `jobclusters` (not in the seed): a board's families change slowly, postings daily.
pub const JOB_CLUSTERS_TTL_HOURS: i64 = 24;
/// How long a process's claim on a text it is about to embed (`textclaims`) holds off the
/// other processes. It must be longer than the claimant takes to embed one step's texts and
/// write them (a backfill step of 32 postings is a few hundred texts, seconds of model time):
/// a claim that expired while its owner was still working lets a second process embed the
/// same texts. It is also how long the texts of a process that died mid-step wait before
/// another process claims them again, so not much longer than that.
pub const TEXT_CLAIM_LEASE_SECONDS: i64 = 60;
