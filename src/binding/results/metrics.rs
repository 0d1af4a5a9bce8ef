//! `metrics()`: the process's counters and histograms as one plain object (what
//! `examples/express` serves in Prometheus's text format).

use std::collections::BTreeMap;

use napi::bindgen_prelude::{Either, Null};
use napi_derive::napi;

use super::nullable;
use crate::engine::EngineStats;
use crate::observe::{self, CacheCounts, CacheKind, HistogramSnapshot, QueueMetrics};
use crate::service;

/// Counters and histograms since the process started (`catalogue`: this client's).
#[napi(object, object_from_js = false)]
pub struct Metrics {
    /// By function (`scoreResume`, …): the functions called so far.
    pub calls: BTreeMap<String, CallMetrics>,
    /// Lookups per cache, every client's together.
    pub caches: CacheMetrics,
    /// The model and its queue (one per process).
    pub model: ModelMetrics,
    /// This client's catalogue of active postings; null until its first call connects.
    pub catalogue: Either<CatalogueMetrics, Null>,
}

impl Metrics {
    /// Everything, read now; `catalogue`: the client's, when it has connected.
    pub fn read(
        engine: EngineStats,
        queue: QueueMetrics,
        catalogue: Option<service::CatalogueStats>,
    ) -> Self {
        Self {
            calls: calls(),
            caches: observe::metrics::caches().into(),
            model: ModelMetrics::new(engine, queue),
            catalogue: nullable(catalogue.map(CatalogueMetrics::from)),
        }
    }
}

/// A histogram with fixed buckets, as Prometheus reads one.
#[napi(object, object_from_js = false)]
pub struct Histogram {
    /// The buckets' upper bounds, ascending (the last bucket, +Inf, is `count`).
    pub bounds: Vec<f64>,
    /// Observations ≤ each bound: cumulative, one per bound.
    pub counts: Vec<f64>,
    /// The sum of every observation.
    pub sum: f64,
    /// Observations in all.
    pub count: f64,
}

impl From<HistogramSnapshot> for Histogram {
    fn from(h: HistogramSnapshot) -> Self {
        Self {
            bounds: h.bounds,
            counts: h.cumulative.into_iter().map(|c| c as f64).collect(),
            sum: h.sum,
            count: h.count as f64,
        }
    }
}

/// One function's calls: successes and rejections alike.
#[napi(object, object_from_js = false)]
pub struct CallMetrics {
    pub calls: f64,
    /// Rejections by `code`; codes never seen are absent.
    #[napi(ts_type = "Partial<Record<ErrorCode, number>>")]
    pub errors: BTreeMap<String, f64>,
    /// Seconds from the call to its settling.
    pub latency_seconds: Histogram,
}

/// A cache's lookups: a hit served a fresh, intact entry; a miss was computed (a `force`
/// call looks nothing up).
#[napi(object, object_from_js = false)]
pub struct CacheLookups {
    pub hits: f64,
    pub misses: f64,
}

/// Every cache, by its `collections` option name; `textMemory` is the in-process vectors
/// looked up before `textEmbeddings`.
#[napi(object, object_from_js = false)]
#[derive(Default)]
pub struct CacheMetrics {
    pub resume_scores: CacheLookups,
    pub resume_embeddings: CacheLookups,
    pub job_embeddings: CacheLookups,
    pub comparisons: CacheLookups,
    pub text_embeddings: CacheLookups,
    pub job_clusters: CacheLookups,
    pub text_memory: CacheLookups,
}

impl Default for CacheLookups {
    fn default() -> Self {
        Self {
            hits: 0.0,
            misses: 0.0,
        }
    }
}

impl From<Vec<(CacheKind, CacheCounts)>> for CacheMetrics {
    fn from(caches: Vec<(CacheKind, CacheCounts)>) -> Self {
        let mut metrics = Self::default();
        for (kind, counts) in caches {
            let slot = match kind {
                CacheKind::ResumeScores => &mut metrics.resume_scores,
                CacheKind::ResumeEmbeddings => &mut metrics.resume_embeddings,
                CacheKind::JobEmbeddings => &mut metrics.job_embeddings,
                CacheKind::Comparisons => &mut metrics.comparisons,
                CacheKind::TextEmbeddings => &mut metrics.text_embeddings,
                CacheKind::JobClusters => &mut metrics.job_clusters,
                CacheKind::TextMemory => &mut metrics.text_memory,
            };
            *slot = CacheLookups {
                hits: counts.hits as f64,
                misses: counts.misses as f64,
            };
        }
        metrics
    }
}

/// The process's one model and the queue in front of it.
#[napi(object, object_from_js = false)]
pub struct ModelMetrics {
    /// Requests waiting for the model now.
    pub queue_depth: f64,
    /// Seconds each request waited for its round to start.
    pub queue_wait_seconds: Histogram,
    /// Distinct texts per model call (concurrent calls share one).
    pub batch_texts: Histogram,
    pub texts_embedded: f64,
    pub model_calls: f64,
    pub forward_passes: f64,
    /// Seconds the model spent embedding.
    pub busy_seconds: f64,
    /// Texts embedded per second of model time (0 before the first).
    pub texts_per_second: f64,
}

impl ModelMetrics {
    fn new(stats: EngineStats, queue: QueueMetrics) -> Self {
        let texts = stats.texts_embedded as f64;
        Self {
            queue_depth: queue.depth as f64,
            queue_wait_seconds: queue.wait_seconds.into(),
            batch_texts: queue.batch_texts.into(),
            texts_embedded: texts,
            model_calls: stats.model_calls as f64,
            forward_passes: stats.forward_passes as f64,
            busy_seconds: queue.busy_seconds,
            texts_per_second: if queue.busy_seconds > 0.0 {
                texts / queue.busy_seconds
            } else {
                0.0
            },
        }
    }
}

/// A client's catalogue of active postings (see `catalogueStats()`).
#[napi(object, object_from_js = false)]
pub struct CatalogueMetrics {
    /// Active postings with vectors.
    pub postings: f64,
    /// Active postings whose embeddings the next call computes.
    pub unembedded: f64,
    pub bytes: f64,
    /// Seconds since the board was last listed (the snapshot's listing, when it started from
    /// one); null before the first.
    pub age_seconds: Either<f64, Null>,
    /// Listings completed since the client connected.
    pub refreshes: f64,
}

impl From<service::CatalogueStats> for CatalogueMetrics {
    fn from(s: service::CatalogueStats) -> Self {
        Self {
            postings: s.postings as f64,
            unembedded: s.unembedded as f64,
            bytes: s.bytes as f64,
            age_seconds: nullable(s.listed_seconds_ago),
            refreshes: s.refreshes as f64,
        }
    }
}

/// The calls' metrics by function name.
fn calls() -> BTreeMap<String, CallMetrics> {
    observe::metrics::functions()
        .into_iter()
        .map(|f| {
            let metrics = CallMetrics {
                calls: f.calls as f64,
                errors: f
                    .errors
                    .into_iter()
                    .map(|(code, n)| (code.to_string(), n as f64))
                    .collect(),
                latency_seconds: f.latency_seconds.into(),
            };
            (f.name.to_string(), metrics)
        })
        .collect()
}
