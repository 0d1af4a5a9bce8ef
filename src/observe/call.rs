//! One call, observed: [`observed`] times it, counts it in its function's metrics, and
//! writes its log line. What the call did on the way — cache hits and misses, model
//! requests, cut documents, its ids — is added up in a [`Tally`] that the call's task
//! carries (a task-local: the code that records needs no handle on the call).

use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use super::log;
use super::metrics::{self, FunctionMetrics};

/// A cache whose lookups are counted: the result caches by their `collections` option name,
/// and the in-process vectors in front of `textEmbeddings`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CacheKind {
    ResumeScores,
    ResumeEmbeddings,
    JobEmbeddings,
    Comparisons,
    TextEmbeddings,
    JobClusters,
    /// The in-process LRU of text vectors, looked up before `textEmbeddings`.
    TextMemory,
}

impl CacheKind {
    pub const ALL: [CacheKind; 7] = [
        CacheKind::ResumeScores,
        CacheKind::ResumeEmbeddings,
        CacheKind::JobEmbeddings,
        CacheKind::Comparisons,
        CacheKind::TextEmbeddings,
        CacheKind::JobClusters,
        CacheKind::TextMemory,
    ];

    /// The name `metrics()` reports it under.
    pub fn name(self) -> &'static str {
        match self {
            CacheKind::ResumeScores => "resumeScores",
            CacheKind::ResumeEmbeddings => "resumeEmbeddings",
            CacheKind::JobEmbeddings => "jobEmbeddings",
            CacheKind::Comparisons => "comparisons",
            CacheKind::TextEmbeddings => "textEmbeddings",
            CacheKind::JobClusters => "jobClusters",
            CacheKind::TextMemory => "textMemory",
        }
    }
}

/// What one call did, added up while it runs.
#[derive(Default)]
pub struct Tally {
    cache_hits: AtomicU64,
    cache_misses: AtomicU64,
    /// Requests to the model queue: each is answered by one model call (shared with the
    /// other requests of its round).
    model_batches: AtomicU64,
    /// Texts this call sent to the model (before the round's de-duplication).
    texts_embedded: AtomicU64,
    /// Fields cut to the per-document limits, over the documents the call read.
    truncations: AtomicU64,
    /// The ids the call was given, kept only when logs may carry them.
    ids: Mutex<Vec<(&'static str, String)>>,
}

tokio::task_local! {
    static TALLY: Arc<Tally>;
}

/// The tally of the call running on this task, to carry into a task it spawns ([`carried`]).
pub fn current() -> Option<Arc<Tally>> {
    TALLY.try_with(Arc::clone).ok()
}

/// Runs `future` (on a task the call spawned) adding to `tally`.
pub fn carried<F: Future>(tally: Option<Arc<Tally>>, future: F) -> impl Future<Output = F::Output> {
    let tally = tally.unwrap_or_default();
    TALLY.scope(tally, future)
}

fn with_tally(f: impl FnOnce(&Tally)) {
    let _ = TALLY.try_with(|tally| f(tally));
}

/// Counts lookups of `kind`: `hits` found fresh and intact, `misses` computed instead. A
/// `force` call looks nothing up and counts nothing.
pub fn cache_lookups(kind: CacheKind, hits: usize, misses: usize) {
    let (hits, misses) = (hits as u64, misses as u64);
    metrics::count_cache(kind, hits, misses);
    with_tally(|t| {
        t.cache_hits.fetch_add(hits, Ordering::Relaxed);
        t.cache_misses.fetch_add(misses, Ordering::Relaxed);
    });
}

/// Counts a request of `texts` texts to the model queue (for the call's log line; the
/// queue keeps the process's counts).
pub fn model_request(texts: usize) {
    with_tally(|t| {
        t.model_batches.fetch_add(1, Ordering::Relaxed);
        t.texts_embedded.fetch_add(texts as u64, Ordering::Relaxed);
    });
}

/// Counts `fields` fields of a document cut to the limits.
pub fn truncations(fields: usize) {
    if fields > 0 {
        with_tally(|t| {
            t.truncations.fetch_add(fields as u64, Ordering::Relaxed);
        });
    }
}

/// Notes an id the call was given (`field`: `resumeId`, `jobId`, `userId`), for its log
/// line; kept only while logs carry ids.
pub fn note_id(field: &'static str, id: &str) {
    if log::ids_enabled() {
        with_tally(|t| {
            let mut ids = t.ids.lock().unwrap_or_else(|e| e.into_inner());
            ids.push((field, crate::error::echoed(id)));
        });
    }
}

/// Runs one call of `function`: times it, counts it (with `error_code` of its outcome, when
/// it failed) and writes its log line.
pub async fn observed<F: Future>(
    function: &'static FunctionMetrics,
    call: F,
    error_code: impl FnOnce(&F::Output) -> Option<&'static str>,
) -> F::Output {
    log::init();
    let tally = Arc::new(Tally::default());
    let started = Instant::now();
    let outcome = TALLY.scope(tally.clone(), call).await;
    let elapsed = started.elapsed();
    let code = error_code(&outcome);
    function.record(elapsed.as_micros().min(u64::MAX as u128) as u64, code);
    let load = |n: &AtomicU64| n.load(Ordering::Relaxed);
    let ids = std::mem::take(&mut *tally.ids.lock().unwrap_or_else(|e| e.into_inner()));
    let id = |field: &str| {
        ids.iter()
            .find(|(f, _)| *f == field)
            .map(|(_, id)| id.as_str())
    };
    log::call_line(log::CallLine {
        function: function.name,
        code,
        duration_ms: elapsed.as_secs_f64() * 1e3,
        cache_hits: load(&tally.cache_hits),
        cache_misses: load(&tally.cache_misses),
        model_batches: load(&tally.model_batches),
        texts_embedded: load(&tally.texts_embedded),
        truncations: load(&tally.truncations),
        resume_id: id("resumeId"),
        job_id: id("jobId"),
        user_id: id("userId"),
    });
    outcome
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_call_counts_what_its_task_and_the_tasks_it_carries_its_tally_into_record() {
        let function = metrics::function("unitTestObserved");
        let before: u64 = metrics::caches()
            .iter()
            .filter(|(k, _)| *k == CacheKind::JobClusters)
            .map(|(_, c)| c.hits)
            .sum();
        let tally = observed(
            function,
            async {
                cache_lookups(CacheKind::JobClusters, 2, 1);
                let tally = current();
                tokio::spawn(carried(tally.clone(), async { model_request(5) }))
                    .await
                    .unwrap();
                truncations(3);
                tally.unwrap()
            },
            |_| Some("ABORTED"),
        )
        .await;
        assert_eq!(tally.cache_hits.load(Ordering::Relaxed), 2);
        assert_eq!(tally.cache_misses.load(Ordering::Relaxed), 1);
        assert_eq!(tally.model_batches.load(Ordering::Relaxed), 1);
        assert_eq!(tally.texts_embedded.load(Ordering::Relaxed), 5);
        assert_eq!(tally.truncations.load(Ordering::Relaxed), 3);
        let after: u64 = metrics::caches()
            .iter()
            .filter(|(k, _)| *k == CacheKind::JobClusters)
            .map(|(_, c)| c.hits)
            .sum();
        assert!(after >= before + 2);
        let snapshot = metrics::functions()
            .into_iter()
            .find(|f| f.name == "unitTestObserved")
            .unwrap();
        assert_eq!((snapshot.calls, snapshot.errors), (1, vec![("ABORTED", 1)]));
        // Outside a call, recording is a no-op for the tally and never panics.
        model_request(1);
        truncations(1);
    }
}
