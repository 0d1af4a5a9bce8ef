//! MPNet encoder (the transformer inside all-mpnet-base-v2), in the style of
//! candle-transformers' `bert.rs`: a config struct, one struct per layer, `forward`.
//!
//! Follows Hugging Face's `modeling_mpnet.py` (post-LN layers, relative-position bias shared by
//! all layers, RoBERTa-style position ids) with one difference in shape, not in result: the
//! batch is *packed*. Sequences are laid end to end as rows of one `(total_tokens, hidden)`
//! matrix, so the dense layers (nearly all of the work) never compute a padding token, and
//! attention runs per sequence, so no attention mask is needed.
//!
//! candle loads the weights; the forward pass runs on plain buffers that live as long as the
//! model ([`Workspace`]), through the packed matmuls of [`super::matmul`] and the vectorised
//! element-wise code of [`super::simd`], so a forward pass allocates no activations once the
//! buffers have grown to the largest batch seen (only small per-sequence bookkeeping).

use std::cell::RefCell;
use std::sync::Mutex;

use candle_core::Result;
use candle_nn::VarBuilder;
use rayon::prelude::*;
use serde::Deserialize;

use super::matmul::{pack_panels, panel_product, Epilogue, Linear, Precision, Scratch, PANEL};
use super::packed::{Buffer, PackedReader, PackedWriter};
use super::plan::{Matmul, PrecisionPlan};
use super::simd::{self, multiversion};

/// Buckets and reach of MPNet's relative-position bias (fixed in `modeling_mpnet.py`).
const RELATIVE_MAX_DISTANCE: i64 = 128;

#[derive(Debug, Clone, Deserialize)]
pub struct Config {
    pub vocab_size: usize,
    pub hidden_size: usize,
    pub num_hidden_layers: usize,
    pub num_attention_heads: usize,
    pub intermediate_size: usize,
    pub max_position_embeddings: usize,
    pub layer_norm_eps: f64,
    pub pad_token_id: u32,
    pub relative_attention_num_buckets: usize,
    #[serde(default = "default_hidden_act")]
    pub hidden_act: String,
}

fn default_hidden_act() -> String {
    "gelu".into()
}

/// A batch of tokenised texts, sorted by length (longest first) by the caller.
pub struct PackedBatch<'a> {
    pub sequences: &'a [&'a [u32]],
}

impl PackedBatch<'_> {
    /// `(first row, length)` of each sequence in the packed rows.
    fn spans(&self) -> Vec<(usize, usize)> {
        let mut row = 0;
        self.sequences
            .iter()
            .map(|seq| {
                let span = (row, seq.len());
                row += seq.len();
                span
            })
            .collect()
    }

    fn tokens(&self) -> usize {
        self.sequences.iter().map(|s| s.len()).sum()
    }
}

fn read(vb: &VarBuilder, shape: &[usize], name: &str) -> Result<Vec<f32>> {
    vb.get(shape, name)?.flatten_all()?.to_vec1::<f32>()
}

fn pack(
    weight: &[f32],
    bias: Vec<f32>,
    dims: (usize, usize),
    precision: Precision,
) -> Result<Linear> {
    Linear::pack(weight, bias, dims.0, dims.1, precision).map_err(candle_core::Error::Msg)
}

fn linear(vb: VarBuilder, dims: (usize, usize), precision: Precision) -> Result<Linear> {
    let weight = read(&vb, &[dims.1, dims.0], "weight")?;
    pack(&weight, read(&vb, &[dims.1], "bias")?, dims, precision)
}

/// LayerNorm over the hidden size, as `torch.nn.LayerNorm`.
struct LayerNorm {
    gamma: Buffer<f32>,
    beta: Buffer<f32>,
    eps: f32,
}

impl LayerNorm {
    fn load(vb: VarBuilder, size: usize, eps: f64) -> Result<Self> {
        Ok(Self {
            gamma: read(&vb, &[size], "weight")?.into(),
            beta: read(&vb, &[size], "bias")?.into(),
            eps: eps as f32,
        })
    }

    fn write(&self, out: &mut PackedWriter) -> std::io::Result<()> {
        out.put(&self.gamma)?;
        out.put(&self.beta)
    }

    fn read(input: &mut PackedReader, size: usize, eps: f64) -> std::result::Result<Self, String> {
        Ok(Self {
            gamma: input.take(size)?,
            beta: input.take(size)?,
            eps: eps as f32,
        })
    }

    /// Normalises each row of `x` in place.
    fn forward(&self, x: &mut [f32]) {
        let size = self.gamma.len();
        x.par_chunks_mut(size * ROWS_PER_TASK).for_each(|rows| {
            for row in rows.chunks_exact_mut(size) {
                layer_norm_row(row, &self.gamma, &self.beta, self.eps);
            }
        });
    }
}

/// Rows per parallel task of the row-wise steps: enough to amortise scheduling.
const ROWS_PER_TASK: usize = 16;

multiversion! {
    fn layer_norm_row(x: &mut [f32], gamma: &[f32], beta: &[f32], eps: f32) {
        let n = x.len() as f32;
        let mean = simd::sum(x) / n;
        let mut lanes = [0f32; 16];
        for chunk in x.chunks_exact(16) {
            for (l, v) in lanes.iter_mut().zip(chunk) {
                *l += (v - mean) * (v - mean);
            }
        }
        let tail: f32 = x.chunks_exact(16).remainder().iter().map(|v| (v - mean) * (v - mean)).sum();
        let variance = (lanes.iter().sum::<f32>() + tail) / n;
        let scale = 1.0 / (variance + eps).sqrt();
        for ((v, g), b) in x.iter_mut().zip(gamma).zip(beta) {
            *v = (*v - mean) * scale * g + b;
        }
    }
}

struct Embeddings {
    /// `(vocab, hidden)`.
    word_embeddings: Buffer<f32>,
    /// `(max_positions, hidden)`.
    position_embeddings: Buffer<f32>,
    layer_norm: LayerNorm,
    padding_idx: u32,
    hidden: usize,
}

impl Embeddings {
    fn load(vb: VarBuilder, cfg: &Config) -> Result<Self> {
        let h = cfg.hidden_size;
        Ok(Self {
            word_embeddings: read(&vb.pp("word_embeddings"), &[cfg.vocab_size, h], "weight")?
                .into(),
            position_embeddings: read(
                &vb.pp("position_embeddings"),
                &[cfg.max_position_embeddings, h],
                "weight",
            )?
            .into(),
            layer_norm: LayerNorm::load(vb.pp("LayerNorm"), h, cfg.layer_norm_eps)?,
            padding_idx: cfg.pad_token_id,
            hidden: h,
        })
    }

    fn write(&self, out: &mut PackedWriter) -> std::io::Result<()> {
        out.put(&self.word_embeddings)?;
        out.put(&self.position_embeddings)?;
        self.layer_norm.write(out)
    }

    fn read(input: &mut PackedReader, cfg: &Config) -> std::result::Result<Self, String> {
        let h = cfg.hidden_size;
        Ok(Self {
            word_embeddings: input.take(cfg.vocab_size * h)?,
            position_embeddings: input.take(cfg.max_position_embeddings * h)?,
            layer_norm: LayerNorm::read(input, h, cfg.layer_norm_eps)?,
            padding_idx: cfg.pad_token_id,
            hidden: h,
        })
    }

    /// Position ids as RoBERTa/MPNet derive them from the ids themselves: non-pad tokens count
    /// up from `padding_idx + 1`; a pad token (even one written literally in a text) gets
    /// `padding_idx` and does not advance the count.
    fn position_ids(&self, ids: &[u32]) -> Vec<u32> {
        let mut seen = 0;
        ids.iter()
            .map(|&id| {
                if id == self.padding_idx {
                    self.padding_idx
                } else {
                    seen += 1;
                    self.padding_idx + seen
                }
            })
            .collect()
    }

    /// Writes the embedded tokens of `batch` into `hidden` (`(tokens, hidden)`).
    fn forward(&self, batch: &PackedBatch, hidden: &mut [f32]) -> Result<()> {
        let h = self.hidden;
        let mut rows = hidden.chunks_exact_mut(h);
        for seq in batch.sequences {
            for (&id, position) in seq.iter().zip(self.position_ids(seq)) {
                let word = self
                    .word_embeddings
                    .get(id as usize * h..(id as usize + 1) * h);
                let place = position as usize * h..(position as usize + 1) * h;
                let (Some(word), Some(place)) = (word, self.position_embeddings.get(place)) else {
                    return Err(candle_core::Error::Msg(format!(
                        "token id {id} or position {position} is outside the model's tables"
                    )));
                };
                let row = rows.next().expect("hidden holds every token");
                for ((out, w), p) in row.iter_mut().zip(word).zip(place) {
                    *out = w + p;
                }
            }
        }
        self.layer_norm.forward(hidden);
        Ok(())
    }
}

/// MPNet's relative-position bucket (T5-style, bidirectional), computed in f32 exactly as
/// `relative_position_bucket` in `modeling_mpnet.py` does so bucket edges agree.
fn relative_position_bucket(relative_position: i64, num_buckets: usize) -> u32 {
    let half = (num_buckets / 2) as i64;
    let n = -relative_position;
    let mut bucket = if n < 0 { half } else { 0 };
    let n = n.abs();
    let max_exact = half / 2;
    bucket += if n < max_exact {
        n
    } else {
        let scaled = (n as f32 / max_exact as f32).ln()
            / ((RELATIVE_MAX_DISTANCE as f64 / max_exact as f64).ln() as f32)
            * (half - max_exact) as f32;
        (max_exact + scaled as i64).min(half - 1)
    };
    bucket as u32
}

/// What one attention head needs to find its slices of the fused q/k/v rows.
#[derive(Clone, Copy)]
struct Heads {
    count: usize,
    size: usize,
    /// `1 / √size`.
    scale: f32,
}

/// Self-attention with a fused q/k/v projection (one matmul instead of three).
struct SelfAttention {
    qkv: Linear,
    output: Linear,
    heads: Heads,
}

/// The context rows written by the attention tasks of one layer; each (sequence, head) task
/// writes only its own rows × head columns.
#[derive(Clone, Copy)]
struct SharedRows(*mut f32);
// SAFETY: tasks write disjoint (row range × head column) blocks.
unsafe impl Send for SharedRows {}
unsafe impl Sync for SharedRows {}

/// One attention task's buffers, kept per thread between tasks and calls.
#[derive(Default)]
struct AttentionScratch {
    /// The head's keys as panels of `PANEL` keys (`head size × keys`).
    keys: Vec<f32>,
    /// The head's values as panels (`keys × head size`).
    values: Vec<f32>,
    /// `(len, len rounded up to PANEL)`: scores, then probabilities.
    scores: Vec<f32>,
    slivers: Vec<u32>,
}

thread_local! {
    static ATTENTION_SCRATCH: RefCell<AttentionScratch> = RefCell::new(AttentionScratch::default());
}

impl SelfAttention {
    fn load(vb: VarBuilder, cfg: &Config, precision: impl Fn(Matmul) -> Precision) -> Result<Self> {
        let h = cfg.hidden_size;
        let mut weight = Vec::with_capacity(3 * h * h);
        let mut bias = Vec::with_capacity(3 * h);
        for name in ["q", "k", "v"] {
            weight.extend(read(&vb.pp(name), &[h, h], "weight")?);
            bias.extend(read(&vb.pp(name), &[h], "bias")?);
        }
        let size = h / cfg.num_attention_heads;
        if !size.is_multiple_of(PANEL) || size * cfg.num_attention_heads != h {
            return Err(candle_core::Error::Msg(format!(
                "{} heads of a hidden size of {h}: the kernels need heads of a multiple of {PANEL}",
                cfg.num_attention_heads
            )));
        }
        Ok(Self {
            qkv: pack(&weight, bias, (h, 3 * h), precision(Matmul::Qkv))?,
            output: linear(vb.pp("o"), (h, h), precision(Matmul::AttentionOutput))?,
            heads: Heads {
                count: cfg.num_attention_heads,
                size,
                scale: 1.0 / (size as f32).sqrt(),
            },
        })
    }

    fn write(&self, out: &mut PackedWriter) -> std::io::Result<()> {
        self.qkv.write(out)?;
        self.output.write(out)
    }

    fn read(input: &mut PackedReader, cfg: &Config) -> std::result::Result<Self, String> {
        let h = cfg.hidden_size;
        let size = h / cfg.num_attention_heads;
        Ok(Self {
            qkv: Linear::read(input, h, 3 * h)?,
            output: Linear::read(input, h, h)?,
            heads: Heads {
                count: cfg.num_attention_heads,
                size,
                scale: 1.0 / (size as f32).sqrt(),
            },
        })
    }

    /// `context` ← softmax(q·kᵀ/√d + position bias)·v for every sequence and head, from the
    /// fused projections in `qkv` (`(tokens, 3 × hidden)`).
    fn attend(
        &self,
        qkv: &[f32],
        spans: &[(usize, usize)],
        bias: &PositionBias,
        context: &mut [f32],
    ) {
        let heads = self.heads;
        let out = SharedRows(context.as_mut_ptr());
        // (first row, length, head); longest sequences first (the caller sorts them), so the
        // big tasks start early.
        let tasks: Vec<(usize, usize, usize)> = spans
            .iter()
            .flat_map(|&(first, len)| (0..heads.count).map(move |head| (first, len, head)))
            .collect();
        tasks.par_iter().for_each(|&(first, len, head)| {
            ATTENTION_SCRATCH.with(|scratch| {
                // SAFETY: this task writes only rows first..first + len, columns of `head`.
                unsafe {
                    attend_head(
                        qkv,
                        first,
                        len,
                        head,
                        heads,
                        bias.head(head),
                        &mut scratch.borrow_mut(),
                        out,
                    )
                };
            });
        });
    }
}

/// One head of one sequence (rows `first..first + len`): two small products on the
/// matmul kernels, and a softmax between them.
///
/// # Safety
/// No one else may access the context block of these rows and this head meanwhile.
#[allow(clippy::too_many_arguments)]
unsafe fn attend_head(
    qkv: &[f32],
    first: usize,
    len: usize,
    head: usize,
    heads: Heads,
    bias: BiasRows,
    scratch: &mut AttentionScratch,
    out: SharedRows,
) {
    let hidden = heads.count * heads.size;
    let (size, stride) = (heads.size, 3 * hidden);
    let at = |row: usize, part: usize, d: usize| {
        qkv[(first + row) * stride + part * hidden + head * size + d]
    };
    let AttentionScratch {
        keys,
        values,
        scores,
        slivers,
    } = scratch;
    pack_panels(size, len, keys, |d, j| at(j, 1, d));
    let width = len.div_ceil(PANEL) * PANEL;
    scores.resize(len * width, 0.0);
    let queries = &qkv[first * stride + head * size..];
    panel_product(
        queries,
        stride,
        len,
        size,
        keys,
        scores.as_mut_ptr(),
        width,
        slivers,
    );
    for (i, row) in scores.chunks_exact_mut(width).enumerate() {
        softmax(&mut row[..len], bias.row(i, len), heads.scale);
    }
    pack_panels(len, size, values, |j, d| at(j, 2, d));
    let context = out.0.add(first * hidden + head * size);
    panel_product(scores, width, len, len, values, context, hidden, slivers);
}

multiversion! {
    /// `scores` ← softmax(scores × scale + bias), in place.
    fn softmax(scores: &mut [f32], bias: &[f32], scale: f32) {
        for (s, &b) in scores.iter_mut().zip(bias) {
            *s = *s * scale + b;
        }
        let max = simd::max(scores);
        for s in scores.iter_mut() {
            *s = simd::exp(*s - max);
        }
        let norm = 1.0 / simd::sum(scores);
        for s in scores.iter_mut() {
            *s *= norm;
        }
    }
}

/// MPNet's relative-position bias for every query/key pair up to the longest sequence:
/// `(heads, max_len, max_len)`; a sequence of length L uses the top-left L×L block.
struct PositionBias {
    values: Buffer<f32>,
    max_len: usize,
}

/// One head's `(max_len, max_len)` block.
#[derive(Clone, Copy)]
struct BiasRows<'a> {
    values: &'a [f32],
    max_len: usize,
}

impl BiasRows<'_> {
    fn row(&self, query: usize, len: usize) -> &[f32] {
        &self.values[query * self.max_len..][..len]
    }
}

impl PositionBias {
    fn load(vb: VarBuilder, cfg: &Config, max_len: usize) -> Result<Self> {
        let (buckets, heads) = (cfg.relative_attention_num_buckets, cfg.num_attention_heads);
        let table = read(&vb, &[buckets, heads], "weight")?;
        // Bucket of each key − query distance, from −(max_len − 1) to max_len − 1.
        let reach = max_len as i64 - 1;
        let bucket_of: Vec<usize> = (-reach..=reach)
            .map(|distance| relative_position_bucket(distance, buckets) as usize)
            .collect();
        let mut values = vec![0f32; heads * max_len * max_len];
        for (head, block) in values.chunks_exact_mut(max_len * max_len).enumerate() {
            for (query, row) in block.chunks_exact_mut(max_len).enumerate() {
                for (key, v) in row.iter_mut().enumerate() {
                    let bucket = bucket_of[(key as i64 - query as i64 + reach) as usize];
                    *v = table[bucket * heads + head];
                }
            }
        }
        Ok(Self {
            values: values.into(),
            max_len,
        })
    }

    fn read(
        input: &mut PackedReader,
        cfg: &Config,
        max_len: usize,
    ) -> std::result::Result<Self, String> {
        Ok(Self {
            values: input.take(cfg.num_attention_heads * max_len * max_len)?,
            max_len,
        })
    }

    fn head(&self, head: usize) -> BiasRows<'_> {
        let block = self.max_len * self.max_len;
        BiasRows {
            values: &self.values[head * block..(head + 1) * block],
            max_len: self.max_len,
        }
    }
}

struct Layer {
    attention: SelfAttention,
    attention_norm: LayerNorm,
    intermediate: Linear,
    output: Linear,
    output_norm: LayerNorm,
}

impl Layer {
    fn load(vb: VarBuilder, cfg: &Config, precision: impl Fn(Matmul) -> Precision) -> Result<Self> {
        let (h, i, eps) = (cfg.hidden_size, cfg.intermediate_size, cfg.layer_norm_eps);
        Ok(Self {
            attention: SelfAttention::load(vb.pp("attention.attn"), cfg, &precision)?,
            attention_norm: LayerNorm::load(vb.pp("attention.LayerNorm"), h, eps)?,
            intermediate: linear(
                vb.pp("intermediate.dense"),
                (h, i),
                precision(Matmul::Intermediate),
            )?,
            output: linear(vb.pp("output.dense"), (i, h), precision(Matmul::Output))?,
            output_norm: LayerNorm::load(vb.pp("output.LayerNorm"), h, eps)?,
        })
    }

    fn write(&self, out: &mut PackedWriter) -> std::io::Result<()> {
        self.attention.write(out)?;
        self.attention_norm.write(out)?;
        self.intermediate.write(out)?;
        self.output.write(out)?;
        self.output_norm.write(out)
    }

    fn read(input: &mut PackedReader, cfg: &Config) -> std::result::Result<Self, String> {
        let (h, i, eps) = (cfg.hidden_size, cfg.intermediate_size, cfg.layer_norm_eps);
        Ok(Self {
            attention: SelfAttention::read(input, cfg)?,
            attention_norm: LayerNorm::read(input, h, eps)?,
            intermediate: Linear::read(input, h, i)?,
            output: Linear::read(input, i, h)?,
            output_norm: LayerNorm::read(input, h, eps)?,
        })
    }

    /// `ws.hidden` ← the layer's output for the `rows` packed tokens.
    fn forward(
        &self,
        ws: &mut Workspace,
        rows: usize,
        spans: &[(usize, usize)],
        bias: &PositionBias,
    ) {
        let Workspace {
            hidden,
            qkv,
            context,
            sum,
            expanded,
            scratch,
        } = ws;
        let attention = &self.attention;
        attention
            .qkv
            .forward(hidden, rows, Epilogue::Bias, qkv, scratch);
        attention.attend(qkv, spans, bias, context);
        attention
            .output
            .forward(context, rows, Epilogue::BiasResidual(hidden), sum, scratch);
        self.attention_norm.forward(sum);
        std::mem::swap(hidden, sum);
        // erf GELU, as PyTorch's default `gelu`, applied as each tile is finished.
        self.intermediate
            .forward(hidden, rows, Epilogue::BiasGelu, expanded, scratch);
        self.output
            .forward(expanded, rows, Epilogue::BiasResidual(hidden), sum, scratch);
        self.output_norm.forward(sum);
        std::mem::swap(hidden, sum);
    }
}

/// The activations of one forward pass, kept (and grown, never shrunk) between passes.
#[derive(Default)]
struct Workspace {
    hidden: Vec<f32>,
    qkv: Vec<f32>,
    context: Vec<f32>,
    /// Sub-layer output plus residual, before its LayerNorm.
    sum: Vec<f32>,
    expanded: Vec<f32>,
    scratch: Scratch,
}

impl Workspace {
    fn fit(&mut self, rows: usize, cfg: &Dims) {
        let (h, i) = (cfg.hidden, cfg.intermediate);
        for (buffer, width) in [
            (&mut self.hidden, h),
            (&mut self.qkv, 3 * h),
            (&mut self.context, h),
            (&mut self.sum, h),
            (&mut self.expanded, i),
        ] {
            buffer.resize(rows * width, 0.0);
        }
    }
}

struct Dims {
    hidden: usize,
    intermediate: usize,
}

pub struct MPNetModel {
    embeddings: Embeddings,
    layers: Vec<Layer>,
    position_bias: PositionBias,
    dims: Dims,
    workspace: Mutex<Workspace>,
}

impl MPNetModel {
    /// Loads the weights and packs each matmul's weights in the precision `plan` gives it
    /// (where the CPU runs it, else fp32).
    pub fn load(
        vb: VarBuilder,
        cfg: &Config,
        max_len: usize,
        plan: &PrecisionPlan,
    ) -> Result<Self> {
        let encoder = vb.pp("encoder");
        let layers = (0..cfg.num_hidden_layers)
            .map(|i| Layer::load(encoder.pp(format!("layer.{i}")), cfg, |m| plan.get(i, m)))
            .collect::<Result<Vec<_>>>()?;
        Ok(Self {
            embeddings: Embeddings::load(vb.pp("embeddings"), cfg)?,
            layers,
            position_bias: PositionBias::load(encoder.pp("relative_attention_bias"), cfg, max_len)?,
            dims: Dims {
                hidden: cfg.hidden_size,
                intermediate: cfg.intermediate_size,
            },
            workspace: Mutex::new(Workspace::default()),
        })
    }

    /// Writes every weight, as the kernels read them, to the packed-weights file.
    pub fn write(&self, out: &mut PackedWriter) -> std::io::Result<()> {
        self.embeddings.write(out)?;
        for layer in &self.layers {
            layer.write(out)?;
        }
        out.put(&self.position_bias.values)
    }

    /// The model that [`write`](Self::write) wrote, read in place from the mapped file.
    pub fn read(input: &mut PackedReader, cfg: &Config, max_len: usize) -> Result<Self> {
        let read = |input: &mut PackedReader| -> std::result::Result<Self, String> {
            let embeddings = Embeddings::read(input, cfg)?;
            let layers = (0..cfg.num_hidden_layers)
                .map(|_| Layer::read(input, cfg))
                .collect::<std::result::Result<Vec<_>, _>>()?;
            let position_bias = PositionBias::read(input, cfg, max_len)?;
            if !input.finished() {
                return Err("the file holds more than this model".into());
            }
            Ok(Self {
                embeddings,
                layers,
                position_bias,
                dims: Dims {
                    hidden: cfg.hidden_size,
                    intermediate: cfg.intermediate_size,
                },
                workspace: Mutex::new(Workspace::default()),
            })
        };
        read(input).map_err(|e| candle_core::Error::Msg(format!("packed weights: {e}")))
    }

    /// The precision most matmuls run in (int8 keeps a few in fp32).
    pub fn precision(&self) -> Precision {
        self.layers
            .first()
            .map_or(Precision::F32, |l| l.intermediate.precision())
    }

    /// The matmuls that run in another precision than [`precision`](Self::precision).
    pub fn exceptions(&self) -> Vec<(usize, Matmul, Precision)> {
        let main = self.precision();
        let mut found = Vec::new();
        for (i, layer) in self.layers.iter().enumerate() {
            for (matmul, linear) in [
                (Matmul::Qkv, &layer.attention.qkv),
                (Matmul::AttentionOutput, &layer.attention.output),
                (Matmul::Intermediate, &layer.intermediate),
                (Matmul::Output, &layer.output),
            ] {
                if linear.precision() != main {
                    found.push((i, matmul, linear.precision()));
                }
            }
        }
        found
    }

    /// Encodes a packed batch and mean-pools each sequence: one row of `hidden` per sequence,
    /// not normalised.
    pub fn forward_mean_pooled(&self, batch: &PackedBatch) -> Result<Vec<Vec<f32>>> {
        let rows = batch.tokens();
        let spans = batch.spans();
        if let Some(&(_, len)) = spans
            .iter()
            .find(|(_, len)| *len > self.position_bias.max_len || *len == 0)
        {
            return Err(candle_core::Error::Msg(format!(
                "a sequence of {len} tokens: the model takes 1 to {}",
                self.position_bias.max_len
            )));
        }
        let mut ws = self.workspace.lock().unwrap_or_else(|p| p.into_inner());
        ws.fit(rows, &self.dims);
        self.embeddings.forward(batch, &mut ws.hidden)?;
        for layer in &self.layers {
            layer.forward(&mut ws, rows, &spans, &self.position_bias);
        }
        let h = self.dims.hidden;
        Ok(spans
            .iter()
            .map(|&(first, len)| {
                let mut pooled = vec![0f32; h];
                for row in ws.hidden[first * h..(first + len) * h].chunks_exact(h) {
                    for (p, v) in pooled.iter_mut().zip(row) {
                        *p += v;
                    }
                }
                pooled.iter_mut().for_each(|p| *p /= len as f32);
                pooled
            })
            .collect())
    }
}

/// L2-normalises `v`, as sentence-transformers' `Normalize` module (eps 1e-12).
pub fn normalize(v: &mut [f32]) {
    let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt().max(1e-12);
    v.iter_mut().for_each(|x| *x /= norm);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_match_modeling_mpnet() {
        // (query - key, bucket) from modeling_mpnet.py's formula evaluated in f32 (num_buckets 32,
        // max_distance 128): distances under 8 are exact, larger ones log-spaced up to 128, and
        // keys after the query land in the upper half.
        let cases = [
            (0, 0),
            (1, 1),
            (7, 7),
            (8, 8),
            (15, 9),
            (16, 10),
            (31, 11),
            (32, 12),
            (63, 13),
            (64, 14),
            (127, 15),
            (128, 15),
            (300, 15),
            (-1, 17),
            (-7, 23),
            (-8, 24),
            (-16, 26),
            (-128, 31),
            (-300, 31),
        ];
        for (query_minus_key, bucket) in cases {
            assert_eq!(
                relative_position_bucket(-query_minus_key, 32),
                bucket,
                "query - key = {query_minus_key}"
            );
        }
    }

    #[test]
    fn spans_follow_the_packed_rows() {
        let (a, b, c) = ([1u32, 2, 3], [4u32, 5, 6], [7u32, 8]);
        let seqs: Vec<&[u32]> = vec![&a, &b, &c];
        let batch = PackedBatch { sequences: &seqs };
        assert_eq!(batch.spans(), vec![(0, 3), (3, 3), (6, 2)]);
        assert_eq!(batch.tokens(), 8);
    }
}
