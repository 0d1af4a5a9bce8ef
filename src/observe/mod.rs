//! What the process reports about itself: counters and histograms read by `metrics()`
//! ([`metrics`]), and one structured log line per call on stderr when asked for ([`log`]).
//!
//! Both are fed from one place per fact: a call is timed and counted by [`call::observed`]
//! (which the binding wraps around every function), a cache lookup by
//! [`call::cache_lookups`], a model request by the engine's queue, a cut document by the
//! service. Recording is atomics only: no lock is taken on a call's path.

pub mod call;
pub mod histogram;
pub mod log;
pub mod metrics;

pub use call::{cache_lookups, observed, CacheKind};
pub use histogram::{Histogram, HistogramSnapshot};
pub use log::{LogLevel, LogSettings};
pub use metrics::{CacheCounts, FunctionMetrics, FunctionSnapshot, QueueMetrics};
