//! Where the model lives and what its folder says about it.
//!
//! Any sentence-transformers folder of the all-mpnet-base-v2 layout works: config.json,
//! tokenizer.json, model.safetensors, sentence_bert_config.json and 1_Pooling/config.json.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use sha2::{Digest, Sha256};

use super::mpnet::Config;
use super::packed;
use crate::error::{Error, Result};

/// The model's name and the sha256 of its published `model.safetensors`, from
/// `scripts/model.env` (by build.rs), the file scripts/fetch-model.sh checks them with.
pub const MODEL_NAME: &str = env!("RESUME_AI_MODEL_NAME");
pub const MODEL_SHA256: &str = env!("RESUME_AI_MODEL_SHA256");
/// Written next to the weights by scripts/fetch-model.sh once their sha256 was checked, so a
/// process start need not hash 438 MB again.
const VERIFIED_MARKER: &str = ".sha256-ok";

#[derive(Deserialize)]
struct SentenceBertConfig {
    max_seq_length: usize,
}

#[derive(Deserialize)]
struct PoolingConfig {
    #[serde(default)]
    pooling_mode_mean_tokens: bool,
}

/// The parsed, checked description of a model folder.
pub struct ModelFiles {
    pub dir: PathBuf,
    pub config: Config,
    pub max_seq_length: usize,
}

impl ModelFiles {
    pub fn open(dir: &Path) -> Result<Self> {
        if !dir.join("model.safetensors").is_file() {
            return Err(Error::Embedding(format!(
                "model files not found in {} (run `npm run model`, or set RESUME_AI_MODEL_DIR to a {MODEL_NAME} folder)",
                dir.display()
            )));
        }
        let config: Config = read_json(&dir.join("config.json"))?;
        let sbert: SentenceBertConfig = read_json(&dir.join("sentence_bert_config.json"))?;
        let pooling: PoolingConfig = read_json(&dir.join("1_Pooling").join("config.json"))?;
        if !pooling.pooling_mode_mean_tokens {
            return Err(Error::Embedding(format!(
                "{}: only mean pooling is supported",
                dir.display()
            )));
        }
        if config.hidden_act != "gelu" {
            return Err(Error::Embedding(format!(
                "unsupported hidden_act {:?}",
                config.hidden_act
            )));
        }
        // Positions count from pad_token_id + 1, so the usable length is two short of the table.
        let max_seq_length = sbert
            .max_seq_length
            .min(config.max_position_embeddings - config.pad_token_id as usize - 1);
        Ok(Self {
            dir: dir.to_path_buf(),
            config,
            max_seq_length,
        })
    }

    pub fn weights(&self) -> PathBuf {
        self.dir.join("model.safetensors")
    }

    pub fn tokenizer(&self) -> PathBuf {
        self.dir.join("tokenizer.json")
    }

    /// What a packed-weights file of these weights, for `plan` (in words) and sequences up
    /// to `max_len`, must have been built from.
    pub fn packed_identity(&self, plan: &str, max_len: usize) -> Result<packed::Identity> {
        let meta = std::fs::metadata(self.weights()).map_err(|e| io_error(&self.weights(), e))?;
        let modified = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos());
        Ok(packed::Identity {
            format: packed::FORMAT_VERSION,
            little_endian: cfg!(target_endian = "little"),
            weights_bytes: meta.len(),
            weights_modified_ns: modified,
            plan: format!("{plan}; max_len {max_len}"),
        })
    }

    /// sha256 of the weights: from the fetch script's marker when present, else hashed now
    /// (a one-off cost of about a second for a folder the user supplied).
    pub fn weights_sha256(&self) -> Result<String> {
        if let Ok(marker) = std::fs::read_to_string(self.dir.join(VERIFIED_MARKER)) {
            let marker = marker.trim();
            if marker.len() == 64 {
                return Ok(marker.to_string());
            }
        }
        let mut file =
            std::fs::File::open(self.weights()).map_err(|e| io_error(&self.weights(), e))?;
        let mut hasher = Sha256::new();
        std::io::copy(&mut file, &mut hasher).map_err(|e| io_error(&self.weights(), e))?;
        Ok(format!("{:x}", hasher.finalize()))
    }
}

fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T> {
    let text = std::fs::read_to_string(path).map_err(|e| io_error(path, e))?;
    serde_json::from_str(&text).map_err(|e| Error::Embedding(format!("{}: {e}", path.display())))
}

fn io_error(path: &Path, e: std::io::Error) -> Error {
    Error::Embedding(format!("{}: {e}", path.display()))
}
