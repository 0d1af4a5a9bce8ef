//! Rust integration tests, in one binary so that the release build links once: the store
//! against a real server (MONGODB_URI), the encoder and the skill threshold against the real
//! model.

mod encoder;
mod skill_threshold;
mod store;
mod text_vectors;
