//! Hooks that make the Node tests deterministic, compiled only with the `test-hooks` feature
//! (`npm test` builds the addon with it; `npm run build` and the demo never do).
//!
//! - Holding steps: an abort sent from JS reaches the core through the JS thread, so a long
//!   call could finish its remaining steps before the abort lands. While the hold is on, a
//!   call with a signal waits after each intermediate progress report until that signal is
//!   aborted (or [`HOLD_LIMIT`] passes, so a broken test fails instead of hanging).
//! - A panic in the model: the next forward pass panics, to exercise the path that turns a
//!   panic into `INTERNAL_ERROR` and keeps the compute thread serving.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

static HOLD_STEPS: AtomicBool = AtomicBool::new(false);
static PANIC_IN_NEXT_MODEL_CALL: AtomicBool = AtomicBool::new(false);

const HOLD_LIMIT: Duration = Duration::from_secs(30);

pub fn hold_steps_until_abort(on: bool) {
    HOLD_STEPS.store(on, Ordering::SeqCst);
}

pub fn panic_in_next_model_call() {
    PANIC_IN_NEXT_MODEL_CALL.store(true, Ordering::SeqCst);
}

/// Called after a progress report of `done` of `total`.
pub(crate) fn after_report(cancelled: Option<&AtomicBool>, done: usize, total: usize) {
    let Some(flag) = cancelled else { return };
    if !(HOLD_STEPS.load(Ordering::SeqCst) && 0 < done && done < total) {
        return;
    }
    let start = Instant::now();
    while !flag.load(Ordering::SeqCst) && start.elapsed() < HOLD_LIMIT {
        std::thread::sleep(Duration::from_millis(1));
    }
}

/// Panics once after [`panic_in_next_model_call`].
pub(crate) fn model_call() {
    if PANIC_IN_NEXT_MODEL_CALL.swap(false, Ordering::SeqCst) {
        panic!("test hook: a panic in the model");
    }
}
