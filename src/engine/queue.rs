//! One compute thread in front of the model, fed by a queue.
//!
//! Inference is CPU-bound, so it never runs on the JS thread or on tokio's I/O workers. All
//! requests go to one thread that loads the model on first use, drains whatever is waiting,
//! embeds the distinct texts of all waiting requests in one call (the matmuls inside fan out
//! over candle's thread pool, sized to the cores), and answers each request. A hundred
//! concurrent callers therefore share batches instead of oversubscribing the CPU.

use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{mpsc, Arc};

use tokio::sync::oneshot;

use super::{Embedder, ModelInfo};
use crate::error::{Error, Result};

/// Most texts taken from the queue for one round; bounds how long an early caller can wait
/// behind a crowd of later ones.
const MAX_TEXTS_PER_ROUND: usize = 2048;

/// Work that needs the loaded model but is not batched (model info, tokenisation).
type Task = Box<dyn FnOnce(Result<&Embedder>) + Send>;

enum Request {
    Embed {
        texts: Vec<String>,
        reply: oneshot::Sender<Result<Vec<Vec<f32>>>>,
    },
    Task(Task),
}

#[derive(Clone)]
pub struct EngineHandle {
    requests: mpsc::Sender<Request>,
    stats: Arc<Counters>,
}

/// What the model has done since the process started: lets callers (and tests) tell a cache
/// hit from a computation.
#[derive(Default)]
struct Counters {
    texts_embedded: AtomicU64,
    model_calls: AtomicU64,
    forward_passes: AtomicU64,
}

#[derive(Debug, Clone, Copy, serde::Serialize)]
pub struct EngineStats {
    pub texts_embedded: u64,
    pub model_calls: u64,
    pub forward_passes: u64,
}

impl EngineHandle {
    /// Starts the compute thread; the model itself loads on the first request.
    pub fn start(model_dir: PathBuf) -> Self {
        let (requests, inbox) = mpsc::channel();
        let stats = Arc::new(Counters::default());
        let counters = stats.clone();
        std::thread::Builder::new()
            .name("resume-ai-engine".into())
            .spawn(move || serve(model_dir, inbox, &counters))
            .expect("spawning the engine thread");
        Self { requests, stats }
    }

    pub fn stats(&self) -> EngineStats {
        EngineStats {
            texts_embedded: self.stats.texts_embedded.load(Ordering::Relaxed),
            model_calls: self.stats.model_calls.load(Ordering::Relaxed),
            forward_passes: self.stats.forward_passes.load(Ordering::Relaxed),
        }
    }

    pub async fn embed(&self, texts: Vec<String>) -> Result<Vec<Vec<f32>>> {
        if texts.is_empty() {
            return Ok(Vec::new());
        }
        let (reply, answer) = oneshot::channel();
        self.send(Request::Embed { texts, reply })?;
        answer.await.map_err(|_| stopped())?
    }

    /// Loads the model if needed and describes it.
    pub async fn info(&self) -> Result<ModelInfo> {
        self.with_embedder(|embedder| Ok(embedder.info().clone()))
            .await
    }

    /// Token ids as the model sees them (special tokens included, truncated).
    pub async fn tokenize(&self, texts: Vec<String>) -> Result<Vec<Vec<u32>>> {
        self.with_embedder(move |embedder| {
            embedder.tokenize(&texts.iter().map(String::as_str).collect::<Vec<_>>())
        })
        .await
    }

    async fn with_embedder<T: Send + 'static>(
        &self,
        f: impl FnOnce(&Embedder) -> Result<T> + Send + 'static,
    ) -> Result<T> {
        let (reply, answer) = oneshot::channel();
        let task: Task = Box::new(move |embedder| {
            let _ = reply.send(embedder.and_then(|e| guarded(|| f(e))));
        });
        self.send(Request::Task(task))?;
        answer.await.map_err(|_| stopped())?
    }

    fn send(&self, request: Request) -> Result<()> {
        self.requests.send(request).map_err(|_| stopped())
    }
}

fn stopped() -> Error {
    Error::Embedding("the engine thread has stopped".into())
}

fn serve(model_dir: PathBuf, inbox: mpsc::Receiver<Request>, counters: &Counters) {
    let mut embedder: Option<Embedder> = None;
    while let Ok(first) = inbox.recv() {
        let mut round = vec![first];
        let mut texts_in_round = 0;
        while texts_in_round < MAX_TEXTS_PER_ROUND {
            match inbox.try_recv() {
                Ok(request) => {
                    if let Request::Embed { texts, .. } = &request {
                        texts_in_round += texts.len();
                    }
                    round.push(request)
                }
                Err(_) => break,
            }
        }
        let loaded = match &embedder {
            Some(e) => Ok(e),
            // A failed load is reported to this round and retried on the next (the user may
            // fetch the model meanwhile).
            None => guarded(|| Embedder::load(&model_dir)).map(|e| &*embedder.insert(e)),
        };
        match loaded {
            Ok(embedder) => answer_round(embedder, round, counters),
            Err(e) => fail_round(round, &e),
        }
    }
}

fn answer_round(embedder: &Embedder, round: Vec<Request>, counters: &Counters) {
    let mut jobs = Vec::new();
    for request in round {
        match request {
            Request::Task(task) => task(Ok(embedder)),
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
    let embedded = guarded(|| {
        #[cfg(feature = "test-hooks")]
        crate::testing::model_call();
        embedder.embed(&distinct)
    });
    counters
        .forward_passes
        .store(embedder.forward_passes(), Ordering::Relaxed);
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
