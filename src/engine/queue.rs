//! One compute thread in front of the model, fed by a queue.
//!
//! Inference is CPU-bound, so it never runs on the JS thread or on tokio's I/O workers. All
//! requests go to one thread that loads the model on first use, drains whatever is waiting,
//! embeds the distinct texts of all waiting requests in one call (the matmuls inside fan out
//! over the rayon pool, sized to the cores), and answers each request. A hundred
//! concurrent callers therefore share batches instead of oversubscribing the CPU.
//!
//! The queue is bounded: when [`QUEUE_CAPACITY`] requests wait, further callers wait (without
//! blocking a thread) until there is room, so a flood of calls cannot grow memory without end.
//! The thread serves any [`Model`]: the real [`Embedder`], or a stub in the unit tests below.

use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, AtomicU8, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Instant;

use tokio::sync::{mpsc, oneshot};

use super::{Embedder, ModelInfo, Precision};
use crate::error::{Error, Result};
use crate::observe::metrics::{BATCH_TEXTS_BOUNDS, QUEUE_WAIT_BOUNDS_US, US_PER_SECOND};
use crate::observe::{Histogram, QueueMetrics};

/// Requests that may wait for the compute thread before callers wait to enqueue.
const QUEUE_CAPACITY: usize = 1024;

/// What the compute thread needs of a model.
pub trait Model: Send {
    /// One normalised vector per text, in order.
    fn embed(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>>;
    fn tokenize(&self, texts: &[&str]) -> Result<Vec<Vec<u32>>>;
    fn info(&self) -> &ModelInfo;
    /// Forward passes run so far.
    fn forward_passes(&self) -> u64;
}

impl Model for Embedder {
    fn embed(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>> {
        Embedder::embed(self, texts)
    }
    fn tokenize(&self, texts: &[&str]) -> Result<Vec<Vec<u32>>> {
        Embedder::tokenize(self, texts)
    }
    fn info(&self) -> &ModelInfo {
        Embedder::info(self)
    }
    fn forward_passes(&self) -> u64 {
        Embedder::forward_passes(self)
    }
}

/// Loads the model in the precision asked for (`None`: the loader's default); called on
/// the compute thread at the first request, again after a failed load (the user may install
/// the model meanwhile), and when another precision is asked for.
type Loader = Box<dyn FnMut(Option<Precision>) -> Result<Box<dyn Model>> + Send>;

/// Most texts taken from the queue for one round; bounds how long an early caller can wait
/// behind a crowd of later ones.
const MAX_TEXTS_PER_ROUND: usize = 2048;

/// Work that needs the loaded model but is not batched (model info, tokenisation).
type Task = Box<dyn FnOnce(Result<&dyn Model>) + Send>;

enum Request {
    Embed {
        texts: Vec<String>,
        reply: oneshot::Sender<Result<Vec<Vec<f32>>>>,
    },
    Task(Task),
}

/// A request and when it was sent (its wait in the queue is measured from then).
type Queued = (Request, Instant);

#[derive(Clone)]
pub struct EngineHandle {
    requests: mpsc::Sender<Queued>,
    stats: Arc<Counters>,
    /// The precision asked for by [`EngineHandle::set_precision`] ([`PrecisionSlot`]).
    precision: Arc<AtomicU8>,
}

/// How the asked-for precision is kept in an atomic.
struct PrecisionSlot;

impl PrecisionSlot {
    /// Nothing asked for yet: the loader's default precision.
    const DEFAULT: u8 = 0;

    fn encode(precision: Precision) -> u8 {
        match precision {
            Precision::F32 => 1,
            Precision::Bf16 => 2,
            Precision::Int8 => 3,
            Precision::Auto => 4,
        }
    }

    fn decode(slot: u8) -> Option<Precision> {
        match slot {
            1 => Some(Precision::F32),
            2 => Some(Precision::Bf16),
            3 => Some(Precision::Int8),
            4 => Some(Precision::Auto),
            _ => None,
        }
    }
}

/// What the model has done since the process started: lets callers (and tests) tell a cache
/// hit from a computation; and how the queue in front of it fares (`metrics()`).
struct Counters {
    /// The loaded model's dimension; 0 until a model has loaded.
    dimension: AtomicUsize,
    texts_embedded: AtomicU64,
    model_calls: AtomicU64,
    forward_passes: AtomicU64,
    /// Requests sent and not yet taken into a round (those waiting for room included).
    queued: AtomicU64,
    /// µs from a request's sending to the start of its round (the model loaded).
    queue_wait: Histogram,
    /// Distinct texts per model call.
    batch_texts: Histogram,
    /// µs spent in the model's embed calls.
    busy_micros: AtomicU64,
}

impl Default for Counters {
    fn default() -> Self {
        Self {
            dimension: AtomicUsize::new(0),
            texts_embedded: AtomicU64::new(0),
            model_calls: AtomicU64::new(0),
            forward_passes: AtomicU64::new(0),
            queued: AtomicU64::new(0),
            queue_wait: Histogram::new(QUEUE_WAIT_BOUNDS_US),
            batch_texts: Histogram::new(BATCH_TEXTS_BOUNDS),
            busy_micros: AtomicU64::new(0),
        }
    }
}

#[derive(Debug, Clone, Copy, serde::Serialize)]
pub struct EngineStats {
    pub texts_embedded: u64,
    pub model_calls: u64,
    pub forward_passes: u64,
}

impl EngineHandle {
    /// Starts the compute thread; the model in `model_dir` loads on the first request, in
    /// `precision` until [`EngineHandle::set_precision`] asks for another, at most
    /// `batch_size` texts per forward pass (`None`: no limit beyond the token budget).
    pub fn start(model_dir: PathBuf, precision: Precision, batch_size: Option<usize>) -> Self {
        Self::start_with(Box::new(move |asked| {
            Embedder::load(&model_dir, asked.unwrap_or(precision))
                .map(|e| Box::new(e.with_batch_size(batch_size)) as Box<dyn Model>)
        }))
    }

    /// Asks for the matmuls in `precision` from the next request on: the compute thread
    /// reloads the model (packing its weights anew) before it serves that request.
    pub fn set_precision(&self, precision: Precision) {
        self.precision
            .store(PrecisionSlot::encode(precision), Ordering::SeqCst);
    }

    /// Starts the compute thread with a model of the caller's.
    pub fn start_with(load: Loader) -> Self {
        let (requests, inbox) = mpsc::channel(QUEUE_CAPACITY);
        let stats = Arc::new(Counters::default());
        let precision = Arc::new(AtomicU8::new(PrecisionSlot::DEFAULT));
        let (counters, asked) = (stats.clone(), precision.clone());
        std::thread::Builder::new()
            .name("resume-ai-engine".into())
            .spawn(move || serve(load, inbox, &counters, &asked))
            .expect("spawning the engine thread");
        Self {
            requests,
            stats,
            precision,
        }
    }

    pub fn stats(&self) -> EngineStats {
        EngineStats {
            texts_embedded: self.stats.texts_embedded.load(Ordering::Relaxed),
            model_calls: self.stats.model_calls.load(Ordering::Relaxed),
            forward_passes: self.stats.forward_passes.load(Ordering::Relaxed),
        }
    }

    pub fn queue_metrics(&self) -> QueueMetrics {
        let counters = &self.stats;
        QueueMetrics {
            depth: counters.queued.load(Ordering::Relaxed),
            wait_seconds: counters.queue_wait.snapshot(US_PER_SECOND),
            batch_texts: counters.batch_texts.snapshot(1.0),
            busy_seconds: counters.busy_micros.load(Ordering::Relaxed) as f64 / US_PER_SECOND,
        }
    }

    /// The dimension of the vectors the model gives, once a model has loaded in this process
    /// (cached vectors are checked against it: a stored vector of another length is a miss).
    pub fn dimension(&self) -> Option<usize> {
        Some(self.stats.dimension.load(Ordering::Relaxed)).filter(|&d| d > 0)
    }

    pub async fn embed(&self, texts: Vec<String>) -> Result<Vec<Vec<f32>>> {
        if texts.is_empty() {
            return Ok(Vec::new());
        }
        crate::observe::call::model_request(texts.len());
        let (reply, answer) = oneshot::channel();
        self.send(Request::Embed { texts, reply }).await?;
        answer.await.map_err(|_| stopped())?
    }

    /// Loads the model if needed and describes it.
    pub async fn info(&self) -> Result<ModelInfo> {
        self.with_model(|model| Ok(model.info().clone())).await
    }

    /// Token ids as the model sees them (special tokens included, truncated).
    pub async fn tokenize(&self, texts: Vec<String>) -> Result<Vec<Vec<u32>>> {
        self.with_model(move |model| {
            model.tokenize(&texts.iter().map(String::as_str).collect::<Vec<_>>())
        })
        .await
    }

    async fn with_model<T: Send + 'static>(
        &self,
        f: impl FnOnce(&dyn Model) -> Result<T> + Send + 'static,
    ) -> Result<T> {
        let (reply, answer) = oneshot::channel();
        let task: Task = Box::new(move |model| {
            let _ = reply.send(model.and_then(|m| guarded(|| f(m))));
        });
        self.send(Request::Task(task)).await?;
        answer.await.map_err(|_| stopped())?
    }

    async fn send(&self, request: Request) -> Result<()> {
        // Counted while it waits for room too; uncounted if it never gets in (the engine
        // stopped, or the caller's future was dropped meanwhile). Once sent, the compute
        // thread uncounts it when it takes it.
        let waiting = Waiting::new(&self.stats.queued);
        let sent = self.requests.send((request, Instant::now())).await;
        if sent.is_ok() {
            std::mem::forget(waiting);
        }
        sent.map_err(|_| stopped())
    }
}

/// One request counted in the queue's depth until dropped.
struct Waiting<'a>(&'a AtomicU64);

impl<'a> Waiting<'a> {
    fn new(queued: &'a AtomicU64) -> Self {
        queued.fetch_add(1, Ordering::Relaxed);
        Self(queued)
    }
}

impl Drop for Waiting<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::Relaxed);
    }
}

fn stopped() -> Error {
    Error::Embedding("the engine thread has stopped".into())
}

fn serve(
    mut load: Loader,
    mut inbox: mpsc::Receiver<Queued>,
    counters: &Counters,
    asked: &AtomicU8,
) {
    // The model and the precision slot it was loaded for.
    let mut model: Option<(Box<dyn Model>, u8)> = None;
    while let Some(first) = inbox.blocking_recv() {
        let mut texts_in_round = match &first.0 {
            Request::Embed { texts, .. } => texts.len(),
            Request::Task(_) => 0,
        };
        let mut round = vec![first];
        while texts_in_round < MAX_TEXTS_PER_ROUND {
            match inbox.try_recv() {
                Ok(queued) => {
                    if let Request::Embed { texts, .. } = &queued.0 {
                        texts_in_round += texts.len();
                    }
                    round.push(queued)
                }
                Err(_) => break,
            }
        }
        counters
            .queued
            .fetch_sub(round.len() as u64, Ordering::Relaxed);
        let slot = asked.load(Ordering::SeqCst);
        if model
            .as_ref()
            .is_some_and(|(m, loaded_for)| *loaded_for != slot && runs_differently(slot, m.info()))
        {
            // Another precision was asked for: free the old weights before packing new ones
            // (both would not fit some machines). Should the reload fail, the error goes to
            // this round and the next round tries again.
            model = None;
        }
        let loaded = match &model {
            Some((m, _)) => Ok(m.as_ref()),
            // A failed load is reported to this round and retried on the next (the user may
            // fetch the model meanwhile).
            None => guarded(|| load(PrecisionSlot::decode(slot))).map(|m| {
                counters
                    .dimension
                    .store(m.info().dimension, Ordering::Relaxed);
                &*model.insert((m, slot)).0
            }),
        };
        let started = Instant::now();
        let round: Vec<Request> = round
            .into_iter()
            .map(|(request, sent)| {
                let waited = started.saturating_duration_since(sent).as_micros();
                counters.queue_wait.observe(waited as u64);
                request
            })
            .collect();
        match loaded {
            Ok(model) => answer_round(model, round, counters),
            Err(e) => fail_round(round, &e),
        }
    }
}

/// Whether the precision in `slot` would run differently from what `info` says runs: asking
/// for fp32 again, or for bf16 on a CPU that runs fp32 anyway, reloads nothing.
fn runs_differently(slot: u8, info: &ModelInfo) -> bool {
    // The default slot is only ever the first: what was loaded is the default.
    PrecisionSlot::decode(slot).is_some_and(|asked| asked.runnable() != info.precision)
}

fn answer_round(model: &dyn Model, round: Vec<Request>, counters: &Counters) {
    let mut jobs = Vec::new();
    for request in round {
        match request {
            Request::Task(task) => task(Ok(model)),
            // A caller that gave up (aborted, timed out) no longer needs its texts embedded.
            Request::Embed { reply, .. } if reply.is_closed() => {}
            Request::Embed { texts, reply } => jobs.push((texts, reply)),
        }
    }
    // Each distinct text is embedded once, however many callers asked for it.
    let mut slot_of: HashMap<&str, usize> = HashMap::new();
    let mut distinct: Vec<&str> = Vec::new();
    for (texts, _) in &jobs {
        for text in texts {
            slot_of.entry(text.as_str()).or_insert_with(|| {
                distinct.push(text);
                distinct.len() - 1
            });
        }
    }
    if distinct.is_empty() {
        return;
    }
    counters.model_calls.fetch_add(1, Ordering::Relaxed);
    counters
        .texts_embedded
        .fetch_add(distinct.len() as u64, Ordering::Relaxed);
    counters.batch_texts.observe(distinct.len() as u64);
    let started = Instant::now();
    let embedded = guarded(|| {
        #[cfg(feature = "test-hooks")]
        crate::testing::model_call();
        model.embed(&distinct)
    });
    let busy = started.elapsed();
    counters
        .busy_micros
        .fetch_add(busy.as_micros() as u64, Ordering::Relaxed);
    tracing::debug!(
        target: "resume_ai::engine",
        requests = jobs.len(),
        texts = distinct.len(),
        computeMs = (busy.as_secs_f64() * 1e6).round() / 1e3,
        "model call"
    );
    counters
        .forward_passes
        .store(model.forward_passes(), Ordering::Relaxed);
    let embedded = embedded.and_then(|vectors| {
        if vectors.len() == distinct.len() {
            Ok(vectors)
        } else {
            Err(Error::Internal(format!(
                "the model returned {} vectors for {} texts",
                vectors.len(),
                distinct.len()
            )))
        }
    });
    match embedded {
        Ok(vectors) => {
            let answers: Vec<Vec<Vec<f32>>> = jobs
                .iter()
                .map(|(texts, _)| {
                    texts
                        .iter()
                        .map(|t| vectors[slot_of[t.as_str()]].clone())
                        .collect()
                })
                .collect();
            for ((_, reply), answer) in jobs.into_iter().zip(answers) {
                let _ = reply.send(Ok(answer));
            }
        }
        Err(e) => {
            for (_, reply) in jobs {
                let _ = reply.send(Err(e.clone()));
            }
        }
    }
}

fn fail_round(round: Vec<Request>, error: &Error) {
    for request in round {
        match request {
            Request::Task(task) => task(Err(error.clone())),
            Request::Embed { reply, .. } => drop(reply.send(Err(error.clone()))),
        }
    }
}

/// Runs model code so that a panic inside it becomes an error (`INTERNAL_ERROR`: a panic is
/// our bug, not a property of the input) instead of killing the thread and, through it,
/// every pending request.
fn guarded<T>(f: impl FnOnce() -> Result<T>) -> Result<T> {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|panic| {
        let message = panic
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| panic.downcast_ref::<&str>().copied())
            .unwrap_or("panic in the model");
        Err(Error::Internal(message.to_string()))
    })
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::AtomicUsize;
    use std::sync::{Arc, Mutex};

    use super::*;

    /// A model whose vector of a text is `[text length]`; "panic" panics, and every call
    /// first waits until the gate is open.
    struct Stub {
        info: ModelInfo,
        gate: Arc<Mutex<()>>,
    }

    impl Model for Stub {
        fn embed(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>> {
            assert!(!texts.contains(&"panic"), "a panic in the model");
            let _open = self.gate.lock().unwrap();
            Ok(texts.iter().map(|t| vec![t.len() as f32]).collect())
        }
        fn tokenize(&self, texts: &[&str]) -> Result<Vec<Vec<u32>>> {
            Ok(texts.iter().map(|t| vec![t.len() as u32]).collect())
        }
        fn info(&self) -> &ModelInfo {
            &self.info
        }
        fn forward_passes(&self) -> u64 {
            0
        }
    }

    fn stub_info() -> ModelInfo {
        ModelInfo::own_model("stub", 1, 1)
    }

    /// An engine over the stub, with its gate and a count of load attempts; the first
    /// `failing_loads` loads fail.
    fn engine(failing_loads: usize) -> (EngineHandle, Arc<Mutex<()>>, Arc<AtomicUsize>) {
        let gate = Arc::new(Mutex::new(()));
        let loads = Arc::new(AtomicUsize::new(0));
        let (g, l) = (gate.clone(), loads.clone());
        let handle = EngineHandle::start_with(Box::new(move |_| {
            if l.fetch_add(1, Ordering::SeqCst) < failing_loads {
                return Err(Error::Embedding("no model here".into()));
            }
            Ok(Box::new(Stub {
                info: stub_info(),
                gate: g.clone(),
            }) as Box<dyn Model>)
        }));
        (handle, gate, loads)
    }

    fn queued(engine: &EngineHandle) -> usize {
        engine.requests.max_capacity() - engine.requests.capacity()
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    // The gate is held across awaits on purpose: it keeps the stub model busy while callers queue.
    #[allow(clippy::await_holding_lock)]
    async fn waiting_callers_share_one_model_call_and_each_text_is_embedded_once() {
        let (engine, gate, _) = engine(0);
        // Hold the model inside a first call, so that the next callers all queue up.
        let closed = gate.lock().unwrap();
        let first = tokio::spawn({
            let engine = engine.clone();
            async move { engine.embed(vec!["warm".into()]).await }
        });
        while engine.stats().model_calls == 0 {
            tokio::task::yield_now().await;
        }
        let callers: Vec<_> = (0..10)
            .map(|i| {
                let engine = engine.clone();
                let texts = vec![format!("text {i}"), "shared".to_string(), "x".repeat(i)];
                tokio::spawn(async move { (texts.clone(), engine.embed(texts).await) })
            })
            .collect();
        while queued(&engine) < 10 {
            tokio::task::yield_now().await;
        }
        assert_eq!(
            engine.queue_metrics().depth,
            10,
            "ten wait behind the first"
        );
        drop(closed);
        first.await.unwrap().unwrap();
        for caller in callers {
            let (texts, vectors) = caller.await.unwrap();
            let lengths: Vec<f32> = texts.iter().map(|t| t.len() as f32).collect();
            let got: Vec<f32> = vectors.unwrap().iter().map(|v| v[0]).collect();
            assert_eq!(got, lengths, "each caller gets its own texts, in order");
        }
        let stats = engine.stats();
        assert_eq!(
            stats.model_calls, 2,
            "the warm-up, then one call for all ten"
        );
        // "warm", ten "text i", "shared" once, and "x" * i for i in 0..10 (all distinct).
        assert_eq!(stats.texts_embedded, 1 + 10 + 1 + 10);
        let queue = engine.queue_metrics();
        assert_eq!(queue.depth, 0);
        assert_eq!(queue.wait_seconds.count, 11, "each request's wait");
        assert_eq!(queue.batch_texts.count, 2, "one batch size per model call");
        assert_eq!(queue.batch_texts.sum, 22.0);
        assert_eq!(queue.batch_texts.cumulative[0], 1, "the warm-up's one text");
    }

    #[tokio::test]
    async fn a_panic_is_an_internal_error_and_the_thread_serves_on() {
        let (engine, _, _) = engine(0);
        let error = engine.embed(vec!["panic".into()]).await.unwrap_err();
        assert_eq!(error.code(), "INTERNAL_ERROR");
        assert_eq!(error.to_string(), "Internal error: a panic in the model");
        assert_eq!(engine.embed(vec!["ok".into()]).await.unwrap(), [[2.0]]);
    }

    #[tokio::test]
    async fn a_failed_load_fails_that_round_and_is_retried_on_the_next() {
        let (engine, _, loads) = engine(1);
        let error = engine.embed(vec!["a".into()]).await.unwrap_err();
        assert_eq!(error.code(), "EMBEDDING_FAILED");
        assert_eq!(
            error.to_string(),
            "Failed to generate embedding: no model here"
        );
        assert_eq!(engine.info().await.unwrap().name, "stub");
        assert_eq!(loads.load(Ordering::SeqCst), 2);
        assert_eq!(engine.tokenize(vec!["abc".into()]).await.unwrap(), [[3]]);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn more_callers_than_the_queue_holds_all_complete() {
        let (engine, _, _) = engine(0);
        let callers: Vec<_> = (0..QUEUE_CAPACITY * 2)
            .map(|i| {
                let engine = engine.clone();
                tokio::spawn(async move { engine.embed(vec!["y".repeat(i % 7)]).await })
            })
            .collect();
        for (i, caller) in callers.into_iter().enumerate() {
            assert_eq!(caller.await.unwrap().unwrap(), [[(i % 7) as f32]]);
        }
    }
}
