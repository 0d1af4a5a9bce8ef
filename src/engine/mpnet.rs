//! MPNet encoder (the transformer inside all-mpnet-base-v2), in the style of
//! candle-transformers' `bert.rs`: a config struct, one struct per layer, `forward`.
//!
//! Follows Hugging Face's `modeling_mpnet.py` (post-LN layers, relative-position bias shared by
//! all layers, RoBERTa-style position ids) with one difference in shape, not in result: the
//! batch is *packed*. Sequences are laid end to end as rows of one `(total_tokens, hidden)`
//! matrix, so the dense layers (nearly all of the work) never compute a padding token, and
//! attention runs on groups of sequences of equal length, so no attention mask is needed.

use candle_core::{DType, Device, Module, Result, Tensor, D};
use candle_nn::{Embedding, LayerNorm, VarBuilder};

use super::kernels::{gelu_erf, Dense};
use serde::Deserialize;

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

/// A batch of tokenised texts, sorted by length (longest first) by the caller so that
/// sequences of equal length are adjacent.
pub struct PackedBatch<'a> {
    pub sequences: &'a [&'a [u32]],
}

/// Adjacent sequences of one length: they share one attention call per layer, and one
/// contiguous copy of the position bias, made once per forward pass for all layers.
struct Group {
    first_row: usize,
    count: usize,
    len: usize,
    /// `(heads, len, len)`, contiguous.
    position_bias: Tensor,
}

impl PackedBatch<'_> {
    /// Runs of adjacent sequences of the same length: (first row, sequence count, length).
    fn length_groups(&self) -> Vec<(usize, usize, usize)> {
        let mut groups: Vec<(usize, usize, usize)> = Vec::new();
        let mut row = 0;
        for seq in self.sequences {
            match groups.last_mut() {
                Some((_, count, len)) if *len == seq.len() => *count += 1,
                _ => groups.push((row, 1, seq.len())),
            }
            row += seq.len();
        }
        groups
    }
}

struct Embeddings {
    word_embeddings: Embedding,
    position_embeddings: Embedding,
    layer_norm: LayerNorm,
    padding_idx: u32,
}

impl Embeddings {
    fn load(vb: VarBuilder, cfg: &Config) -> Result<Self> {
        Ok(Self {
            word_embeddings: candle_nn::embedding(
                cfg.vocab_size,
                cfg.hidden_size,
                vb.pp("word_embeddings"),
            )?,
            position_embeddings: candle_nn::embedding(
                cfg.max_position_embeddings,
                cfg.hidden_size,
                vb.pp("position_embeddings"),
            )?,
            layer_norm: candle_nn::layer_norm(
                cfg.hidden_size,
                cfg.layer_norm_eps,
                vb.pp("LayerNorm"),
            )?,
            padding_idx: cfg.pad_token_id,
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

    fn forward(&self, batch: &PackedBatch, device: &Device) -> Result<Tensor> {
        let ids: Vec<u32> = batch
            .sequences
            .iter()
            .flat_map(|s| s.iter().copied())
            .collect();
        let positions: Vec<u32> = batch
            .sequences
            .iter()
            .flat_map(|s| self.position_ids(s))
            .collect();
        let n = ids.len();
        let words = self
            .word_embeddings
            .forward(&Tensor::from_vec(ids, n, device)?)?;
        let positions = self
            .position_embeddings
            .forward(&Tensor::from_vec(positions, n, device)?)?;
        self.layer_norm.forward(&(words + positions)?)
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

/// Self-attention with a fused q/k/v projection (one matmul instead of three).
struct SelfAttention {
    qkv: Dense,
    output: Dense,
    num_heads: usize,
    head_dim: usize,
}

impl SelfAttention {
    fn load(vb: VarBuilder, cfg: &Config) -> Result<Self> {
        let h = cfg.hidden_size;
        let weight = |name: &str| vb.pp(name).get((h, h), "weight");
        let bias = |name: &str| vb.pp(name).get(h, "bias");
        let qkv_weight = Tensor::cat(&[weight("q")?, weight("k")?, weight("v")?], 0)?;
        let qkv_bias = Tensor::cat(&[bias("q")?, bias("k")?, bias("v")?], 0)?;
        Ok(Self {
            qkv: Dense::new(qkv_weight, qkv_bias)?,
            output: Dense::load(h, h, vb.pp("o"))?,
            num_heads: cfg.num_attention_heads,
            head_dim: h / cfg.num_attention_heads,
        })
    }

    /// `hidden`: packed `(tokens, hidden)`.
    fn forward(&self, hidden: &Tensor, groups: &[Group]) -> Result<Tensor> {
        let qkv = self.qkv.forward(hidden)?;
        let scale = 1.0 / (self.head_dim as f64).sqrt();
        let mut contexts = Vec::with_capacity(groups.len());
        for &Group {
            first_row,
            count,
            len,
            ref position_bias,
        } in groups
        {
            // (count, len, 3, heads, head_dim) -> three (count, heads, len, head_dim)
            let group = qkv.narrow(0, first_row, count * len)?.reshape((
                count,
                len,
                3,
                self.num_heads,
                self.head_dim,
            ))?;
            let part = |i: usize| {
                group
                    .narrow(2, i, 1)?
                    .squeeze(2)?
                    .transpose(1, 2)?
                    .contiguous()
            };
            // Scaling q (len × head_dim) is cheaper than scaling the scores (len × len).
            let (q, k, v) = ((part(0)? * scale)?, part(1)?, part(2)?);
            let scores = q.matmul(&k.t()?)?;
            let probs = candle_nn::ops::softmax_last_dim(&scores.broadcast_add(position_bias)?)?;
            let context = probs
                .matmul(&v)?
                .transpose(1, 2)?
                .reshape((count * len, self.num_heads * self.head_dim))?;
            contexts.push(context);
        }
        let context = if contexts.len() == 1 {
            contexts.pop().unwrap()
        } else {
            Tensor::cat(&contexts, 0)?
        };
        self.output.forward(&context)
    }
}

struct Layer {
    attention: SelfAttention,
    attention_norm: LayerNorm,
    intermediate: Dense,
    output: Dense,
    output_norm: LayerNorm,
}

impl Layer {
    fn load(vb: VarBuilder, cfg: &Config) -> Result<Self> {
        let (h, i) = (cfg.hidden_size, cfg.intermediate_size);
        Ok(Self {
            attention: SelfAttention::load(vb.pp("attention.attn"), cfg)?,
            attention_norm: candle_nn::layer_norm(
                h,
                cfg.layer_norm_eps,
                vb.pp("attention.LayerNorm"),
            )?,
            intermediate: Dense::load(h, i, vb.pp("intermediate.dense"))?,
            output: Dense::load(i, h, vb.pp("output.dense"))?,
            output_norm: candle_nn::layer_norm(h, cfg.layer_norm_eps, vb.pp("output.LayerNorm"))?,
        })
    }

    fn forward(&self, hidden: &Tensor, groups: &[Group]) -> Result<Tensor> {
        let attended = self.attention.forward(hidden, groups)?;
        let hidden = self.attention_norm.forward(&(attended + hidden)?)?;
        // erf GELU, as PyTorch's default `gelu`.
        let expanded = gelu_erf(&self.intermediate.forward(&hidden)?)?;
        self.output_norm
            .forward(&(self.output.forward(&expanded)? + hidden)?)
    }
}

pub struct MPNetModel {
    embeddings: Embeddings,
    layers: Vec<Layer>,
    /// `(heads, max_len, max_len)`: the bias for every query/key position pair up to the
    /// longest sequence the model accepts; a sequence of length L uses its top-left L×L block.
    position_bias: Tensor,
    device: Device,
}

impl MPNetModel {
    pub fn load(vb: VarBuilder, cfg: &Config, max_len: usize) -> Result<Self> {
        let encoder = vb.pp("encoder");
        let layers = (0..cfg.num_hidden_layers)
            .map(|i| Layer::load(encoder.pp(format!("layer.{i}")), cfg))
            .collect::<Result<Vec<_>>>()?;
        let bias_table = candle_nn::embedding(
            cfg.relative_attention_num_buckets,
            cfg.num_attention_heads,
            encoder.pp("relative_attention_bias"),
        )?;
        let buckets: Vec<u32> = (0..max_len as i64)
            .flat_map(|query| {
                (0..max_len as i64).map(move |key| {
                    relative_position_bucket(key - query, cfg.relative_attention_num_buckets)
                })
            })
            .collect();
        let buckets = Tensor::from_vec(buckets, (max_len, max_len), vb.device())?;
        let position_bias = bias_table
            .forward(&buckets)?
            .permute((2, 0, 1))?
            .contiguous()?;
        Ok(Self {
            embeddings: Embeddings::load(vb.pp("embeddings"), cfg)?,
            layers,
            position_bias,
            device: vb.device().clone(),
        })
    }

    /// Encodes a packed batch and mean-pools each sequence: `(sequences, hidden)`, not normalised.
    pub fn forward_mean_pooled(&self, batch: &PackedBatch) -> Result<Tensor> {
        let groups = batch
            .length_groups()
            .into_iter()
            .map(|(first_row, count, len)| {
                let position_bias = self
                    .position_bias
                    .narrow(1, 0, len)?
                    .narrow(2, 0, len)?
                    .contiguous()?;
                Ok(Group {
                    first_row,
                    count,
                    len,
                    position_bias,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let mut hidden = self.embeddings.forward(batch, &self.device)?;
        for layer in &self.layers {
            hidden = layer.forward(&hidden, &groups)?;
        }
        let hidden_size = hidden.dim(D::Minus1)?;
        let pooled = groups
            .iter()
            .map(|g| {
                hidden
                    .narrow(0, g.first_row, g.count * g.len)?
                    .reshape((g.count, g.len, hidden_size))?
                    .mean(1)
            })
            .collect::<Result<Vec<_>>>()?;
        Tensor::cat(&pooled, 0)
    }
}

/// L2-normalises each row, as sentence-transformers' `Normalize` module (eps 1e-12).
pub fn normalize_rows(x: &Tensor) -> Result<Tensor> {
    let norms = x
        .sqr()?
        .sum_keepdim(D::Minus1)?
        .sqrt()?
        .clamp(1e-12, f64::INFINITY)?;
    x.broadcast_div(&norms)
}

pub const DTYPE: DType = DType::F32;

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
    fn length_groups_follow_adjacent_equal_lengths() {
        let (a, b, c) = ([1u32, 2, 3], [4u32, 5, 6], [7u32, 8]);
        let seqs: Vec<&[u32]> = vec![&a, &b, &c];
        let batch = PackedBatch { sequences: &seqs };
        assert_eq!(batch.length_groups(), vec![(0, 2, 3), (6, 1, 2)]);
    }
}
