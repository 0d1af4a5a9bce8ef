//! Progress reporting and cancellation of long calls.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use serde::Serialize;

use crate::error::{Error, Result};

/// Postings handled between two progress reports / abort checks of a long call: small enough
/// to report often and stop soon, large enough to keep model batches full.
pub(super) const JOBS_PER_STEP: usize = 32;

/// Progress reporting and cancellation for long calls (`batch_compare`, `recommendations`,
/// `backfill_job_embeddings`). Work stops between steps; every step writes only complete
/// cache entries, so an aborted call leaves the caches consistent.
#[derive(Clone, Default)]
pub struct Control {
    cancelled: Option<Arc<AtomicBool>>,
    progress: Option<Arc<dyn Fn(Progress) + Send + Sync>>,
    /// Whatever the caller ties to the call's lifetime (the binding's abort listener, removed
    /// when this is dropped): released when the last clone of the control is.
    _held: Option<Arc<dyn Send + Sync>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Progress {
    pub done: usize,
    pub total: usize,
}

impl Control {
    pub fn new(
        cancelled: Option<Arc<AtomicBool>>,
        progress: Option<Arc<dyn Fn(Progress) + Send + Sync>>,
    ) -> Self {
        Self {
            cancelled,
            progress,
            _held: None,
        }
    }

    /// The same control, keeping `held` alive until the call ends.
    pub fn holding(self, held: Arc<dyn Send + Sync>) -> Self {
        Self {
            _held: Some(held),
            ..self
        }
    }

    /// The control of a later stage of the same call: it stops on the same abort, and its
    /// reports `(done, total)` reach the caller as `(offset + done, offset + total)`, where
    /// `offset` is the work of the stages before it. `done` never goes back; `total` grows as
    /// a stage finds its work.
    pub(super) fn after(&self, offset: usize) -> Control {
        let progress = self.progress.clone().map(|report| {
            Arc::new(move |p: Progress| {
                report(Progress {
                    done: offset + p.done,
                    total: offset + p.total,
                })
            }) as Arc<dyn Fn(Progress) + Send + Sync>
        });
        Control {
            cancelled: self.cancelled.clone(),
            progress,
            _held: self._held.clone(),
        }
    }

    pub(super) fn check(&self) -> Result<()> {
        match &self.cancelled {
            Some(flag) if flag.load(Ordering::Relaxed) => Err(Error::Aborted),
            _ => Ok(()),
        }
    }

    /// Whether the call was aborted, as a check that can move to a blocking thread.
    pub(super) fn stop_check(&self) -> impl Fn() -> bool + Send + 'static {
        let cancelled = self.cancelled.clone();
        move || {
            cancelled
                .as_ref()
                .is_some_and(|f| f.load(Ordering::Relaxed))
        }
    }

    pub(super) fn report(&self, done: usize, total: usize) {
        if let Some(progress) = &self.progress {
            progress(Progress { done, total });
        }
        #[cfg(feature = "test-hooks")]
        crate::testing::after_report(self.cancelled.as_deref(), done, total);
    }
}
