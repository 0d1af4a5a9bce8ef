//! Text → 768-d sentence embeddings, as sentence-transformers' all-mpnet-base-v2 computes them.
//!
//! [`Embedder`] is the synchronous model (tokenizer + MPNet + mean pooling + L2 normalisation);
//! [`EngineHandle`] is how the rest of the crate uses it: an async queue in front of one
//! compute thread, so concurrent callers share batches instead of fighting for the cores.

pub mod files;
pub mod matmul;
pub mod mpnet;
pub mod packed;
pub mod plan;
mod queue;
pub mod simd;

use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

use candle_core::{DType, Device};
use candle_nn::VarBuilder;
use tokenizers::{Tokenizer, TruncationParams};

use crate::error::{Error, Result};
pub use files::{ModelFiles, MODEL_NAME, MODEL_SHA256};
pub use matmul::{Int8Layout, Precision};
use mpnet::{MPNetModel, PackedBatch};
pub use plan::{Matmul, PrecisionPlan};
pub use queue::{EngineHandle, EngineStats, Model};

/// Upper bound on the tokens of one forward pass: bounds the memory of the activations (the
/// widest, the FFN's, is 4096 × 3072 f32 = 50 MB) while keeping matrices large enough for
/// the matmul kernels to run at full speed.
const MAX_TOKENS_PER_FORWARD: usize = 4096;

#[derive(Debug, Clone, serde::Serialize)]
pub struct ModelInfo {
    pub name: String,
    pub dimension: usize,
    pub max_tokens: usize,
    pub sha256: String,
    pub threads: usize,
    pub model_dir: String,
    /// The SIMD features of this CPU that the kernels choose from at run time.
    pub cpu_features: Vec<&'static str>,
    /// The kernels that run: `avx512`, `avx2` or `portable` (chosen at run time).
    pub kernels: simd::Isa,
    /// The matmuls' arithmetic that runs: `fp32`, `int8`, or `bf16` where it was asked for
    /// and the CPU has AVX512_BF16.
    pub precision: Precision,
    /// The matmuls that run in another precision (int8 keeps its most sensitive in fp32), as
    /// `layer.matmul: precision`.
    pub precision_exceptions: Vec<String>,
    /// The int8 kernels, where int8 runs: `vnni` (AVX512-VNNI) or `pairs` (AVX2, portable).
    pub int8_kernels: Option<&'static str>,
    /// The packed-weights file the weights are mapped from (shared by every process of the
    /// machine); `None` when they sit in this process's memory (no file could be written).
    pub packed_weights: Option<String>,
}

impl ModelInfo {
    /// The description of a model of one's own behind the [`Model`] trait (a stub in tests, a
    /// bag-of-words model): fp32, portable kernels, no weights file.
    pub fn own_model(name: &str, dimension: usize, max_tokens: usize) -> Self {
        Self {
            name: name.to_string(),
            dimension,
            max_tokens,
            sha256: String::new(),
            threads: 1,
            model_dir: String::new(),
            cpu_features: Vec::new(),
            kernels: simd::Isa::Portable,
            precision: Precision::F32,
            precision_exceptions: Vec::new(),
            int8_kernels: None,
            packed_weights: None,
        }
    }
}

/// The x86 SIMD features this CPU has among those the kernels use (the encoder's kernels
/// pick AVX-512, AVX512_BF16 or AVX2/FMA, the catalogue's scan AVX2/F16C; portable code
/// runs elsewhere).
pub fn cpu_features() -> Vec<&'static str> {
    #[cfg(target_arch = "x86_64")]
    {
        let mut found = Vec::new();
        macro_rules! probe {
            ($($feature:tt),*) => {
                $(if is_x86_feature_detected!($feature) {
                    found.push($feature);
                })*
            };
        }
        probe!("avx2", "fma", "f16c", "avx512f", "avx512bf16", "avx512vnni");
        found
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        Vec::new()
    }
}

impl From<candle_core::Error> for Error {
    fn from(e: candle_core::Error) -> Self {
        Error::Embedding(e.to_string())
    }
}

/// The model from its packed-weights file, which is built first when missing or stale
/// (see [`packed`]); from the safetensors into this process's own memory where no file can
/// be written (a read-only folder). Returns the model, the weights' sha256 and the file.
fn load_model(
    files: &ModelFiles,
    plan: &PrecisionPlan,
    packed_file: bool,
) -> Result<(MPNetModel, String, Option<std::path::PathBuf>)> {
    let max_len = files.max_seq_length;
    let from_safetensors = || -> Result<MPNetModel> {
        // SAFETY: the weights file is memory-mapped read-only; like every mmap user we rely
        // on it not being truncated while the process runs.
        let vb = unsafe {
            VarBuilder::from_mmaped_safetensors(&[files.weights()], DType::F32, &Device::Cpu)?
        };
        Ok(MPNetModel::load(vb, &files.config, max_len, plan)?)
    };
    if !packed_file {
        return Ok((from_safetensors()?, files.weights_sha256()?, None));
    }
    let identity = files.packed_identity(&plan.runnable().describe(), max_len)?;
    let path = packed::path_for(&files.dir, &identity);
    // The model packed for the file, kept in case the file cannot be written.
    let mut built = None;
    let file = packed::open_or_build(
        &path,
        &identity,
        || files.weights_sha256().map_err(std::io::Error::other),
        |out| {
            let model = from_safetensors().map_err(std::io::Error::other)?;
            let written = model.write(out);
            built = Some(model);
            written
        },
    );
    if let Ok(file) = &file {
        if let Ok(model) = MPNetModel::read(&mut file.reader(), &files.config, max_len) {
            return Ok((model, file.weights_sha256.clone(), Some(path)));
        }
    }
    let model = match built {
        Some(model) => model,
        None => from_safetensors()?,
    };
    Ok((model, files.weights_sha256()?, None))
}

pub struct Embedder {
    tokenizer: Tokenizer,
    model: MPNetModel,
    info: ModelInfo,
    /// Most texts in one forward pass: `BATCH_SIZE` when set (as the Python service honoured
    /// it, to bound memory), else only the token budget limits a pass.
    max_texts_per_forward: usize,
    /// Forward passes run so far (a call splits into several when over the token budget or
    /// `BATCH_SIZE`).
    forward_passes: AtomicU64,
}

impl Embedder {
    /// Loads the model in `dir`, its matmuls in `precision` where the CPU runs it (else fp32:
    /// [`Precision::runnable`]; [`ModelInfo::precision`] says which).
    pub fn load(dir: &Path, precision: Precision) -> Result<Self> {
        Self::load_with_plan(dir, &PrecisionPlan::of(precision), true)
    }

    /// Loads the model in `dir` with each matmul in the precision `plan` gives it, mapped
    /// from its packed-weights file when `packed_file` (else packed in this process's memory
    /// and no file written: the sensitivity measurement tries dozens of plans).
    pub fn load_with_plan(dir: &Path, plan: &PrecisionPlan, packed_file: bool) -> Result<Self> {
        let files = ModelFiles::open(dir)?;
        let mut tokenizer =
            Tokenizer::from_file(files.tokenizer()).map_err(|e| Error::Embedding(e.to_string()))?;
        // tokenizer.json ships fixed padding and truncation at 128; sentence-transformers
        // truncates at max_seq_length and pads per batch. We pack, so we never pad.
        tokenizer.with_padding(None);
        tokenizer
            .with_truncation(Some(TruncationParams {
                max_length: files.max_seq_length,
                ..Default::default()
            }))
            .map_err(|e| Error::Embedding(e.to_string()))?;
        let (model, sha256, packed_weights) = load_model(&files, plan, packed_file)?;
        let precision = model.precision();
        let info = ModelInfo {
            name: MODEL_NAME.to_string(),
            dimension: files.config.hidden_size,
            max_tokens: files.max_seq_length,
            sha256,
            threads: rayon::current_num_threads(),
            model_dir: files.dir.display().to_string(),
            cpu_features: cpu_features(),
            kernels: simd::isa(),
            precision,
            precision_exceptions: model
                .exceptions()
                .iter()
                .map(|(layer, matmul, p)| format!("{layer}.{}: {}", matmul.name(), p.name()))
                .collect(),
            int8_kernels: (precision == Precision::Int8).then(|| Int8Layout::for_cpu().name()),
            packed_weights: packed_weights.map(|p| p.display().to_string()),
        };
        Ok(Self {
            tokenizer,
            model,
            info,
            max_texts_per_forward: usize::MAX,
            forward_passes: AtomicU64::new(0),
        })
    }

    /// At most `batch_size` texts per forward pass (`BATCH_SIZE`; `None`: no limit beyond
    /// the token budget).
    pub fn with_batch_size(mut self, batch_size: Option<usize>) -> Self {
        self.max_texts_per_forward = batch_size.unwrap_or(usize::MAX).max(1);
        self
    }

    pub fn info(&self) -> &ModelInfo {
        &self.info
    }

    pub fn forward_passes(&self) -> u64 {
        self.forward_passes.load(Ordering::Relaxed)
    }

    /// Token ids exactly as sentence-transformers feeds them to the model (special tokens
    /// included, truncated to `max_tokens`).
    pub fn tokenize(&self, texts: &[&str]) -> Result<Vec<Vec<u32>>> {
        let encodings = self
            .tokenizer
            .encode_batch(texts.to_vec(), true)
            .map_err(|e| Error::Embedding(e.to_string()))?;
        Ok(encodings
            .into_iter()
            .map(|e| e.get_ids().to_vec())
            .collect())
    }

    /// Embeds `texts`, returning one normalised vector per text in input order.
    pub fn embed(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>> {
        let tokens = self.tokenize(texts)?;
        // Longest first, so equal lengths are adjacent and each forward pass is homogeneous.
        let mut order: Vec<usize> = (0..tokens.len()).collect();
        order.sort_by_key(|&i| std::cmp::Reverse(tokens[i].len()));
        let mut vectors = vec![Vec::new(); tokens.len()];
        let mut start = 0;
        while start < order.len() {
            let mut end = start;
            let mut budget = 0;
            while end < order.len()
                && end - start < self.max_texts_per_forward
                && (end == start || budget + tokens[order[end]].len() <= MAX_TOKENS_PER_FORWARD)
            {
                budget += tokens[order[end]].len();
                end += 1;
            }
            let sequences: Vec<&[u32]> = order[start..end]
                .iter()
                .map(|&i| tokens[i].as_slice())
                .collect();
            // On a worker of the pool: the pass's parallel steps then start on the thread that
            // reaches them instead of waking the pool and putting this thread to sleep, each time.
            let pooled = rayon::scope(|_| {
                self.model.forward_mean_pooled(&PackedBatch {
                    sequences: &sequences,
                })
            })?;
            self.forward_passes.fetch_add(1, Ordering::Relaxed);
            for (&i, mut row) in order[start..end].iter().zip(pooled) {
                mpnet::normalize(&mut row);
                vectors[i] = row;
            }
            start = end;
        }
        Ok(vectors)
    }
}
