//! resume-ai: AI resume scoring, resume↔job matching and job recommendations with
//! all-mpnet-base-v2 embeddings, in-process for Node.js.
//!
//! The core (`engine`, `error`, …) knows nothing of JavaScript; `binding` is the thin napi
//! layer that converts arguments, results and errors.

pub mod config;
pub mod domain;
pub mod engine;
pub mod error;
pub mod observe;
pub mod service;
pub mod store;
#[cfg(feature = "test-hooks")]
pub mod testing;

#[cfg(feature = "node")]
mod binding;
