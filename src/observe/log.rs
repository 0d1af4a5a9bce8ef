//! Structured logs: JSON lines on stderr through `tracing`, off unless `RESUME_AI_LOG` or
//! `configure({ log })` asks. At `info`, one line per call (its function, outcome, duration,
//! cache hits and misses, model requests, cut fields); at `debug` also one per model round
//! and per catalogue listing. Ids are personal data in hiring: a line carries the call's
//! ids only when `ids` is asked for too.
//!
//! The subscriber is the process's global one, installed on first use with its level behind
//! a reload handle, so `configure` can change the level at any time.

use std::sync::atomic::{AtomicBool, AtomicU8, Ordering};
use std::sync::OnceLock;

use tracing_subscriber::filter::{LevelFilter, Targets};
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::{reload, Registry};

/// How much is logged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LogLevel {
    #[default]
    Off,
    Info,
    Debug,
}

impl LogLevel {
    pub fn parse(name: &str) -> Option<Self> {
        match name {
            "off" => Some(Self::Off),
            "info" => Some(Self::Info),
            "debug" => Some(Self::Debug),
            _ => None,
        }
    }

    /// Our events at this level; none of our dependencies' (they may use `tracing` too).
    fn filter(self) -> Targets {
        let level = match self {
            Self::Off => LevelFilter::OFF,
            Self::Info => LevelFilter::INFO,
            Self::Debug => LevelFilter::DEBUG,
        };
        Targets::new().with_target(TARGET, level)
    }
}

/// What the environment or a `configure` call asks of the logs; `None`: unchanged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LogSettings {
    pub level: Option<LogLevel>,
    /// Whether call lines carry the ids the call was given.
    pub ids: Option<bool>,
}

/// The target every event of ours is under (`resume_ai::call`, `resume_ai::engine`, …).
const TARGET: &str = "resume_ai";

/// The reload handle of the installed subscriber; `None` when another global subscriber was
/// there first (then this one never logs).
static HANDLE: OnceLock<Option<reload::Handle<Targets, Registry>>> = OnceLock::new();
static LEVEL: AtomicU8 = AtomicU8::new(LogLevel::Off as u8);
static IDS: AtomicBool = AtomicBool::new(false);

/// Installs the subscriber at the environment's settings, once. A bad `RESUME_AI_LOG` leaves
/// the logs off (every call then rejects, naming the variable).
pub fn init() {
    HANDLE.get_or_init(|| {
        let from_environment = crate::config::environment()
            .map(|e| e.log)
            .unwrap_or_default();
        let level = from_environment.level.unwrap_or_default();
        LEVEL.store(level as u8, Ordering::Relaxed);
        IDS.store(from_environment.ids.unwrap_or(false), Ordering::Relaxed);
        let (filter, handle) = reload::Layer::new(level.filter());
        let lines = tracing_subscriber::fmt::layer()
            .json()
            .flatten_event(true)
            .with_current_span(false)
            .with_span_list(false)
            .with_writer(std::io::stderr);
        let subscriber = tracing_subscriber::registry().with(filter).with(lines);
        tracing::subscriber::set_global_default(subscriber)
            .ok()
            .map(|()| handle)
    });
}

/// Applies what `configure({ log })` asks (process-wide, like the engine's precision).
pub fn configure(settings: LogSettings) {
    init();
    if let Some(level) = settings.level {
        LEVEL.store(level as u8, Ordering::Relaxed);
        if let Some(Some(handle)) = HANDLE.get() {
            let _ = handle.modify(|filter| *filter = level.filter());
        }
    }
    if let Some(ids) = settings.ids {
        IDS.store(ids, Ordering::Relaxed);
    }
}

/// Whether log lines may carry ids now (asked for, and logs on).
pub fn ids_enabled() -> bool {
    IDS.load(Ordering::Relaxed) && LEVEL.load(Ordering::Relaxed) != LogLevel::Off as u8
}

/// A call's log line (see [`super::observed`]).
pub struct CallLine<'a> {
    pub function: &'a str,
    pub code: Option<&'a str>,
    pub duration_ms: f64,
    pub cache_hits: u64,
    pub cache_misses: u64,
    pub model_batches: u64,
    pub texts_embedded: u64,
    pub truncations: u64,
    pub resume_id: Option<&'a str>,
    pub job_id: Option<&'a str>,
    pub user_id: Option<&'a str>,
}

/// Writes a call's line at `info`. Absent ids and a success's code are left out of the line.
pub fn call_line(line: CallLine) {
    tracing::info!(
        target: "resume_ai::call",
        function = line.function,
        outcome = if line.code.is_some() { "error" } else { "ok" },
        code = line.code,
        durationMs = (line.duration_ms * 1e3).round() / 1e3,
        cacheHits = line.cache_hits,
        cacheMisses = line.cache_misses,
        modelBatches = line.model_batches,
        textsEmbedded = line.texts_embedded,
        truncations = line.truncations,
        resumeId = line.resume_id,
        jobId = line.job_id,
        userId = line.user_id,
        "call"
    );
}
