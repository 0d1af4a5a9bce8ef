//! What the service and the engine report of themselves: backfills, invalidations, the
//! catalogue, the database, the model.

use napi::bindgen_prelude::{Either, Null};
use napi_derive::napi;

use super::{count, nullable};
use crate::binding::enums::{Kernels, Precision};
use crate::service;

#[napi(object, object_from_js = false)]
pub struct Backfill {
    /// Postings matching the filter.
    pub total: u32,
    /// Postings embedded by this call.
    pub embedded: u32,
    /// Postings that already had fresh cached embeddings.
    pub fresh: u32,
}

impl From<service::Backfill> for Backfill {
    fn from(b: service::Backfill) -> Self {
        Self {
            total: count(b.total),
            embedded: count(b.embedded),
            fresh: count(b.fresh),
        }
    }
}

/// `planBackfill()`: what a backfill would embed, in chunks for a queue's jobs.
#[napi(object, object_from_js = false)]
pub struct BackfillPlan {
    /// Postings matching the filter.
    pub total: u32,
    /// Postings that already have fresh cached embeddings (in no chunk).
    pub fresh: u32,
    /// The ids of the others, in id order, in chunks of at most `chunkSize`: pass each to
    /// `backfillJobEmbeddings({ jobIds })`.
    pub chunks: Vec<Vec<String>>,
}

impl From<service::BackfillPlan> for BackfillPlan {
    fn from(p: service::BackfillPlan) -> Self {
        Self {
            total: count(p.total),
            fresh: count(p.fresh),
            chunks: p.chunks,
        }
    }
}

#[napi(object, object_from_js = false)]
pub struct Invalidation {
    pub id: String,
    /// Cache documents removed.
    pub deleted: f64,
}

impl From<service::Invalidation> for Invalidation {
    fn from(i: service::Invalidation) -> Self {
        Self {
            id: i.id,
            deleted: i.deleted as f64,
        }
    }
}

/// `catalogueStats()`: the in-process catalogue of active postings that recommendations rank.
#[napi(object, object_from_js = false)]
pub struct CatalogueStats {
    /// Active postings with vectors.
    pub postings: u32,
    /// Active postings whose embeddings the next recommendation call computes.
    pub unembedded: u32,
    /// Memory of the vectors (f16 rows, ids, timestamps) and the skills lists.
    pub bytes: f64,
    /// Bytes of the snapshot this client last loaded or wrote (0 when none).
    pub snapshot_bytes: f64,
    /// Whether this client's catalogue started from the database's snapshot.
    pub from_snapshot: bool,
    /// Seconds since the active postings were last listed; null before the first call.
    pub listed_seconds_ago: Either<f64, Null>,
    /// Milliseconds the last ranking took (scan and candidate selection).
    pub last_rank_ms: f64,
    /// Postings the last ranking named as candidates for exact re-scoring.
    pub last_candidates: u32,
    /// Cache entries (any cache) refused as damaged since this client connected: NaN or
    /// infinite numbers, vectors of the wrong length or type; each was recomputed and
    /// overwritten, never served.
    pub damaged_cache_entries: f64,
    /// Listings of the board completed since this client connected (the first fill
    /// included; a start from the snapshot is not one).
    pub refreshes: f64,
}

impl From<service::CatalogueStats> for CatalogueStats {
    fn from(s: service::CatalogueStats) -> Self {
        Self {
            postings: count(s.postings),
            unembedded: count(s.unembedded),
            bytes: s.bytes as f64,
            snapshot_bytes: s.snapshot_bytes as f64,
            from_snapshot: s.from_snapshot,
            listed_seconds_ago: nullable(s.listed_seconds_ago),
            last_rank_ms: s.last_rank_ms,
            last_candidates: count(s.last_candidates),
            damaged_cache_entries: s.damaged_cache_entries as f64,
            refreshes: s.refreshes as f64,
        }
    }
}

/// A cache index and whether the server has it.
#[napi(object, object_from_js = false)]
pub struct IndexStatus {
    pub collection: String,
    /// Key fields, comma-separated.
    pub keys: String,
    pub unique: bool,
    /// The TTL of a TTL index; null otherwise.
    pub ttl_seconds: Either<f64, Null>,
    pub present: bool,
}

/// `databaseStatus()`.
#[napi(object, object_from_js = false)]
pub struct DatabaseStatus {
    pub database: String,
    pub indexes: Vec<IndexStatus>,
    /// Whether the connected user may create indexes here (true without access control);
    /// null when the server does not say.
    pub can_create_indexes: Either<bool, Null>,
}

impl From<service::connection::DatabaseStatus> for DatabaseStatus {
    fn from(s: service::connection::DatabaseStatus) -> Self {
        Self {
            database: s.database,
            can_create_indexes: s.can_create_indexes.map_or(Either::B(Null), Either::A),
            indexes: s
                .indexes
                .into_iter()
                .map(|i| IndexStatus {
                    collection: i.collection,
                    keys: i.keys,
                    unique: i.unique,
                    ttl_seconds: i
                        .ttl_seconds
                        .map_or(Either::B(Null), |t| Either::A(t as f64)),
                    present: i.present,
                })
                .collect(),
        }
    }
}

#[napi(object)]
pub struct ModelInfo {
    pub name: String,
    pub dimension: u32,
    pub max_tokens: u32,
    pub sha256: String,
    pub threads: u32,
    pub model_dir: String,
    /// The weights are the published all-mpnet-base-v2 (their sha256 matches).
    pub verified: bool,
    /// SIMD features of this CPU that the kernels choose from at run time.
    pub cpu_features: Vec<String>,
    /// The kernels that run, chosen at run time: `avx512`, `avx2` or `portable`.
    pub kernels: Kernels,
    /// The matmuls' arithmetic that runs: `fp32`, `int8`, or `bf16` where it was asked for
    /// and the CPU has AVX512_BF16.
    pub precision: Precision,
    /// The matmuls that run in another precision than `precision` (int8 keeps its most
    /// sensitive in fp32), as `'layer.matmul: precision'`.
    pub precision_exceptions: Vec<String>,
    /// Where int8 runs, its kernels: `'vnni'` (AVX512-VNNI) or `'pairs'` (AVX2 or portable).
    pub int8_kernels: Option<String>,
    /// The packed-weights file the weights are mapped from, shared by every process on the
    /// machine; absent when they sit in this process's own memory (no file could be written
    /// beside the model).
    pub packed_weights: Option<String>,
}

#[napi(object)]
pub struct EngineStats {
    /// Distinct texts run through the model since the process started.
    pub texts_embedded: i64,
    /// Model invocations (each may batch many callers' texts).
    pub model_calls: i64,
    /// Forward passes of the network: an invocation runs several when its texts exceed the
    /// token budget of one pass or `BATCH_SIZE`.
    pub forward_passes: i64,
}

impl From<crate::engine::ModelInfo> for ModelInfo {
    fn from(info: crate::engine::ModelInfo) -> Self {
        Self {
            name: info.name,
            dimension: count(info.dimension),
            max_tokens: count(info.max_tokens),
            threads: count(info.threads),
            model_dir: info.model_dir,
            verified: info.sha256 == crate::engine::MODEL_SHA256,
            cpu_features: info.cpu_features.iter().map(|f| f.to_string()).collect(),
            kernels: info.kernels.into(),
            precision: info.precision.into(),
            precision_exceptions: info.precision_exceptions,
            int8_kernels: info.int8_kernels.map(str::to_string),
            packed_weights: info.packed_weights,
            sha256: info.sha256,
        }
    }
}

impl From<crate::engine::EngineStats> for EngineStats {
    fn from(stats: crate::engine::EngineStats) -> Self {
        Self {
            texts_embedded: stats.texts_embedded as i64,
            model_calls: stats.model_calls as i64,
            forward_passes: stats.forward_passes as i64,
        }
    }
}
