//! The process's counters: calls per function (count, errors by code, latency) and cache
//! lookups per cache. The model queue's counters live with the queue
//! (`engine::EngineHandle::queue_metrics`), the catalogue's with the catalogue; `metrics()`
//! reads them all.
//!
//! The histograms' bucket bounds are here, fixed (Prometheus sums buckets across processes
//! only when every process has the same ones).

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

use super::call::CacheKind;
use super::histogram::{Histogram, HistogramSnapshot};
use crate::error::Error;

/// Bounds of a call's latency, in µs: 1 ms (an in-memory hit) to 2 min (a backfill step
/// queued behind others); a score from cache takes a few ms, a first comparison ~0.1–1 s.
pub const CALL_LATENCY_BOUNDS_US: &[u64] = &[
    1_000,
    2_500,
    5_000,
    10_000,
    25_000,
    50_000,
    100_000,
    250_000,
    500_000,
    1_000_000,
    2_500_000,
    5_000_000,
    10_000_000,
    30_000_000,
    60_000_000,
    120_000_000,
];

/// Bounds of a model request's wait in the queue before its round starts, in µs: 0.1 ms
/// (an idle engine) to 30 s (behind a hostile document's round, see `bench:hostile`).
pub const QUEUE_WAIT_BOUNDS_US: &[u64] = &[
    100, 500, 1_000, 5_000, 10_000, 50_000, 100_000, 250_000, 500_000, 1_000_000, 2_500_000,
    5_000_000, 10_000_000, 30_000_000,
];

/// Bounds of the distinct texts one model call embeds: powers of two up to the most a
/// round takes from the queue (2,048; one large request can exceed it: +Inf).
pub const BATCH_TEXTS_BOUNDS: &[u64] = &[1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048];

/// Microseconds per second: histograms in µs are reported in seconds (Prometheus's base unit).
pub const US_PER_SECOND: f64 = 1e6;

/// One function's calls, as recorded by [`super::observed`].
pub struct FunctionMetrics {
    /// The function's JS name (`scoreResume`).
    pub name: &'static str,
    calls: AtomicU64,
    /// Rejections by code, in the order of [`Error::CODES`].
    errors: [AtomicU64; Error::CODES.len()],
    latency: Histogram,
}

/// [`FunctionMetrics`] read at one moment.
#[derive(Debug, Clone)]
pub struct FunctionSnapshot {
    pub name: &'static str,
    pub calls: u64,
    /// Rejections by code; codes never seen are left out.
    pub errors: Vec<(&'static str, u64)>,
    /// Seconds from the call to its settling, successes and rejections alike.
    pub latency_seconds: HistogramSnapshot,
}

impl FunctionMetrics {
    fn new(name: &'static str) -> Self {
        Self {
            name,
            calls: AtomicU64::new(0),
            errors: std::array::from_fn(|_| AtomicU64::new(0)),
            latency: Histogram::new(CALL_LATENCY_BOUNDS_US),
        }
    }

    /// Counts one call that took `micros` and failed with `error_code`, if it did.
    pub fn record(&self, micros: u64, error_code: Option<&str>) {
        self.calls.fetch_add(1, Ordering::Relaxed);
        self.latency.observe(micros);
        if let Some(code) = error_code {
            if let Some(i) = Error::CODES.iter().position(|c| *c == code) {
                self.errors[i].fetch_add(1, Ordering::Relaxed);
            }
        }
    }

    fn snapshot(&self) -> FunctionSnapshot {
        FunctionSnapshot {
            name: self.name,
            calls: self.calls.load(Ordering::Relaxed),
            errors: Error::CODES
                .iter()
                .zip(&self.errors)
                .map(|(code, n)| (*code, n.load(Ordering::Relaxed)))
                .filter(|&(_, n)| n > 0)
                .collect(),
            latency_seconds: self.latency.snapshot(US_PER_SECOND),
        }
    }
}

/// Every function called so far, in the order of their first call. Locked only to register a
/// function (once per call site: see [`function`]) and to read.
static FUNCTIONS: Mutex<Vec<&'static FunctionMetrics>> = Mutex::new(Vec::new());

/// The metrics of the function named `js_name`, registered on first use. Call sites keep
/// the reference (a `OnceLock` each), so a call takes no lock.
pub fn function(js_name: &str) -> &'static FunctionMetrics {
    let mut functions = FUNCTIONS.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(found) = functions.iter().find(|f| f.name == js_name) {
        return found;
    }
    let name: &'static str = Box::leak(js_name.to_string().into_boxed_str());
    let registered: &'static FunctionMetrics = Box::leak(Box::new(FunctionMetrics::new(name)));
    functions.push(registered);
    registered
}

/// Every function called so far, by name.
pub fn functions() -> Vec<FunctionSnapshot> {
    let functions = FUNCTIONS.lock().unwrap_or_else(|e| e.into_inner()).clone();
    let mut snapshots: Vec<_> = functions.iter().map(|f| f.snapshot()).collect();
    snapshots.sort_by_key(|s| s.name);
    snapshots
}

/// How the model's queue fares since the process started (kept by the queue:
/// `EngineHandle::queue_metrics`).
#[derive(Debug, Clone)]
pub struct QueueMetrics {
    /// Requests waiting now (sent, not yet taken into a round).
    pub depth: u64,
    /// Seconds each request waited for its round to start.
    pub wait_seconds: HistogramSnapshot,
    /// Distinct texts per model call.
    pub batch_texts: HistogramSnapshot,
    /// Seconds the model spent embedding.
    pub busy_seconds: f64,
}

/// Hits and misses of one cache.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CacheCounts {
    pub hits: u64,
    pub misses: u64,
}

struct CacheCounters {
    hits: AtomicU64,
    misses: AtomicU64,
}

static CACHES: [CacheCounters; CacheKind::ALL.len()] = [const {
    CacheCounters {
        hits: AtomicU64::new(0),
        misses: AtomicU64::new(0),
    }
}; CacheKind::ALL.len()];

pub(super) fn count_cache(kind: CacheKind, hits: u64, misses: u64) {
    let counters = &CACHES[kind as usize];
    counters.hits.fetch_add(hits, Ordering::Relaxed);
    counters.misses.fetch_add(misses, Ordering::Relaxed);
}

/// Every cache's lookups since the process started (every client's).
pub fn caches() -> Vec<(CacheKind, CacheCounts)> {
    CacheKind::ALL
        .iter()
        .map(|&kind| {
            let counters = &CACHES[kind as usize];
            let counts = CacheCounts {
                hits: counters.hits.load(Ordering::Relaxed),
                misses: counters.misses.load(Ordering::Relaxed),
            };
            (kind, counts)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_function_is_registered_once_and_counts_errors_by_code() {
        let metrics = function("unitTestFunction");
        assert!(std::ptr::eq(metrics, function("unitTestFunction")));
        metrics.record(1_500, None);
        metrics.record(3_000_000, Some("JOB_NOT_FOUND"));
        metrics.record(10, Some("JOB_NOT_FOUND"));
        let snapshot = functions()
            .into_iter()
            .find(|f| f.name == "unitTestFunction")
            .unwrap();
        assert_eq!(snapshot.calls, 3);
        assert_eq!(snapshot.errors, [("JOB_NOT_FOUND", 2)]);
        assert_eq!(snapshot.latency_seconds.count, 3);
        assert!((snapshot.latency_seconds.sum - 3.00151).abs() < 1e-9);
    }
}
