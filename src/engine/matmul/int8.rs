//! int8 matmuls: weights quantized per output column (symmetric, i8), inputs per row at run
//! time (asymmetric, u8), products summed exactly in i32, then scaled back to f32.
//!
//! `x · w ≈ s_x · s_w · Σ (q_x − z_x) · q_w = s_x · s_w · (Σ q_x · q_w − z_x · Σ q_w)`: the
//! kernels compute `Σ q_x · q_w`; [`dequantize`] subtracts `z_x · Σ q_w` (exact, in i32) and
//! applies both scales. Every instruction set gets the same integers, so the results are the
//! same on every CPU, bit for bit.
//!
//! Two layouts of the packed operands, as the instruction that multiplies them wants them:
//! - [`Int8Layout::Quads`], for AVX512-VNNI's `vpdpbusd` (four u8 × i8 products per lane):
//!   each `u32` holds four consecutive `k` of one column (weights) or row (inputs);
//! - [`Int8Layout::Pairs`], for AVX2's `vpmaddwd` and the portable code (two i16 × i16
//!   products per lane, never saturating): each `u32` holds two consecutive `k` as 16 bits.

use crate::engine::packed::{Buffer, PackedReader};
use crate::engine::simd::{self, multiversion, Isa};

/// Largest magnitude of a quantized weight: ±127, so the weights are symmetric around 0.
const WEIGHT_LEVELS: f32 = 127.0;
/// Levels of a quantized input (u8).
const INPUT_LEVELS: f32 = 255.0;
/// A value more than this many times its row's RMS is an outlier: it is clipped for the
/// quantization, and what it exceeds the clip by is added back in f32. Without it, the few
/// channels where transformers keep very large values (10× the rest, in one or two channels
/// of the first token) set the step of the whole row. Tuned on the calibration texts
/// (`examples/int8_sensitivity.rs`).
const OUTLIER_RMS_MULTIPLE: f32 = 4.0;
/// At most this many outliers per row; beyond that the clip rises, by [`CLIP_STEP`] at a time,
/// until no more are beyond it.
pub(super) const MAX_OUTLIERS: usize = 8;
const CLIP_STEP: f32 = 1.25;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Int8Layout {
    Quads,
    Pairs,
}

impl Int8Layout {
    /// Quads where AVX512-VNNI runs, else pairs.
    pub fn for_cpu() -> Self {
        if simd::has_vnni() {
            Int8Layout::Quads
        } else {
            Int8Layout::Pairs
        }
    }

    /// `k` per packed `u32`.
    pub fn per_word(self) -> usize {
        match self {
            Int8Layout::Quads => 4,
            Int8Layout::Pairs => 2,
        }
    }

    /// The instruction set of the kernels that read this layout.
    pub fn kernel_isa(self) -> Isa {
        match self {
            Int8Layout::Quads => Isa::Avx512,
            Int8Layout::Pairs => simd::isa().min(Isa::Avx2),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Int8Layout::Quads => "vnni",
            Int8Layout::Pairs => "pairs",
        }
    }

    /// `k` consecutive quantized values (a multiple of [`per_word`](Self::per_word)) as words.
    fn pack_word(self, values: &[i32]) -> u32 {
        match self {
            Int8Layout::Quads => values
                .iter()
                .enumerate()
                .fold(0, |w, (i, &v)| w | ((v as u8 as u32) << (8 * i))),
            Int8Layout::Pairs => {
                (values[0] as i16 as u16 as u32) | ((values[1] as i16 as u16 as u32) << 16)
            }
        }
    }
}

/// One column's weights quantized: `(scale, values)` with `w ≈ scale · value`.
pub(super) fn quantize_column(column: &[f32]) -> (f32, Vec<i32>) {
    let largest = column.iter().fold(0f32, |m, w| m.max(w.abs()));
    let scale = if largest > 0.0 && largest.is_finite() {
        largest / WEIGHT_LEVELS
    } else {
        1.0
    };
    let values = column
        .iter()
        .map(|w| {
            (w / scale)
                .round_ties_even()
                .clamp(-WEIGHT_LEVELS, WEIGHT_LEVELS) as i32
        })
        .collect();
    (scale, values)
}

/// The packed int8 weights of a layer and what [`dequantize`] needs of each column.
pub(super) struct Int8Panels {
    pub(super) layout: Int8Layout,
    /// Panels of `PANEL` columns: for each word of `k`, the panel's columns side by side.
    pub(super) words: Buffer<u32>,
    /// Each column's scale.
    pub(super) scales: Buffer<f32>,
    /// Each column's sum of quantized weights (for the inputs' zero point).
    pub(super) sums: Buffer<i32>,
}

impl Int8Panels {
    /// Quantizes and packs `weight` (`out_dim × in_dim`, row-major); `in_dim` must be a
    /// multiple of the layout's `k` per word.
    pub(super) fn pack(
        weight: &[f32],
        in_dim: usize,
        out_dim: usize,
        layout: Int8Layout,
        panel: usize,
    ) -> Self {
        use rayon::prelude::*;
        let per_word = layout.per_word();
        let columns: Vec<(f32, Vec<i32>)> = (0..out_dim)
            .into_par_iter()
            .map(|n| quantize_column(&weight[n * in_dim..(n + 1) * in_dim]))
            .collect();
        let depth = in_dim / per_word;
        let mut words = vec![0u32; depth * out_dim];
        words
            .par_chunks_mut(depth * panel)
            .enumerate()
            .for_each(|(p, block)| {
                for c in 0..panel {
                    let (_, values) = &columns[p * panel + c];
                    for (k, chunk) in values.chunks_exact(per_word).enumerate() {
                        block[k * panel + c] = layout.pack_word(chunk);
                    }
                }
            });
        Self {
            layout,
            words: words.into(),
            scales: Buffer::Owned(columns.iter().map(|(s, _)| *s).collect()),
            sums: Buffer::Owned(columns.iter().map(|(_, v)| v.iter().sum()).collect()),
        }
    }

    /// The sections [`Linear::write`](super::Linear::write) wrote after the layout's tag.
    pub(super) fn read(
        input: &mut PackedReader,
        layout: Int8Layout,
        in_dim: usize,
        out_dim: usize,
    ) -> Result<Self, String> {
        Ok(Self {
            layout,
            words: input.take(in_dim / layout.per_word() * out_dim)?,
            scales: input.take(out_dim)?,
            sums: input.take(out_dim)?,
        })
    }

    /// Adds, to one row of panel `p`'s tile, what that row's outliers exceeded their clip
    /// by, times the (quantized) weights of their channels: `y_c += e · s_c · q_cj`.
    pub(super) fn add_outliers(
        &self,
        row: &mut [f32],
        p: usize,
        in_dim: usize,
        outliers: &[(u32, f32)],
    ) {
        let panel = row.len();
        let per_word = self.layout.per_word();
        let depth = in_dim / per_word;
        let scales = &self.scales[p * panel..(p + 1) * panel];
        let quads = self.layout == Int8Layout::Quads;
        for &(channel, excess) in outliers {
            let channel = channel as usize;
            let words = &self.words[(p * depth + channel / per_word) * panel..][..panel];
            let shift = ((channel % per_word) * (32 / per_word)) as u32;
            add_channel(row, words, scales, shift, quads, excess);
        }
    }
}

/// Each input row's quantization, kept by the caller between calls.
#[derive(Default)]
pub struct QuantizedRows {
    pub(super) words: Vec<u32>,
    pub(super) scales: Vec<f32>,
    pub(super) zeros: Vec<i32>,
    /// [`MAX_OUTLIERS`] slots per row of `(channel, excess over the clip)`, the first
    /// `outlier_counts[row]` of them used.
    outliers: Vec<(u32, f32)>,
    outlier_counts: Vec<u32>,
}

impl QuantizedRows {
    /// Quantizes `rows` rows of `k` (`x` row-major) into `layout`'s words.
    pub(super) fn quantize(&mut self, x: &[f32], rows: usize, k: usize, layout: Int8Layout) {
        use rayon::prelude::*;
        let per_row = k / layout.per_word();
        self.words.resize(rows * per_row, 0);
        self.scales.resize(rows, 0.0);
        self.zeros.resize(rows, 0);
        self.outliers.resize(rows * MAX_OUTLIERS, (0, 0.0));
        self.outlier_counts.resize(rows, 0);
        let quads = layout == Int8Layout::Quads;
        x[..rows * k]
            .par_chunks(k * ROWS_PER_TASK)
            .zip(self.words.par_chunks_mut(per_row * ROWS_PER_TASK))
            .zip(self.scales.par_chunks_mut(ROWS_PER_TASK))
            .zip(self.zeros.par_chunks_mut(ROWS_PER_TASK))
            .zip(self.outliers.par_chunks_mut(MAX_OUTLIERS * ROWS_PER_TASK))
            .zip(self.outlier_counts.par_chunks_mut(ROWS_PER_TASK))
            .for_each(|(((((x, words), scales), zeros), outliers), counts)| {
                for (((((row, out), scale), zero), outliers), count) in x
                    .chunks_exact(k)
                    .zip(words.chunks_exact_mut(per_row))
                    .zip(scales.iter_mut())
                    .zip(zeros.iter_mut())
                    .zip(outliers.chunks_exact_mut(MAX_OUTLIERS))
                    .zip(counts.iter_mut())
                {
                    quantize_row(row, quads, out, scale, zero, outliers, count);
                }
            });
    }

    /// Row `r`'s outliers: `(channel, excess over the clip)`.
    pub(super) fn outliers_of(&self, r: usize) -> &[(u32, f32)] {
        &self.outliers[r * MAX_OUTLIERS..][..self.outlier_counts[r] as usize]
    }
}

/// Rows per parallel task of the input's quantization.
const ROWS_PER_TASK: usize = 16;

multiversion! {
    /// One input row as u8 with its scale and zero point: `x ≈ scale · (q − zero)`. The
    /// range always holds 0, so the zero point is a level of its own. Values beyond the
    /// row's clip (at most [`OUTLIER_RMS_MULTIPLE`] × its RMS, lower where more than
    /// [`MAX_OUTLIERS`] values exceed that) are clipped, and written to `outliers` as
    /// `(channel, excess over the clip)`, `count` of them.
    #[allow(clippy::too_many_arguments)]
    fn quantize_row(
        x: &[f32],
        quads: bool,
        out: &mut [u32],
        scale: &mut f32,
        zero: &mut i32,
        outliers: &mut [(u32, f32)],
        count: &mut u32,
    ) {
        let mut squares = [0f32; 16];
        for chunk in x.chunks_exact(16) {
            for (s, v) in squares.iter_mut().zip(chunk) {
                *s += v * v;
            }
        }
        let tail: f32 = x.chunks_exact(16).remainder().iter().map(|v| v * v).sum();
        let rms = ((squares.iter().sum::<f32>() + tail) / x.len().max(1) as f32).sqrt();
        let mut clip = OUTLIER_RMS_MULTIPLE * rms;
        let beyond = |clip: f32| -> usize { x.iter().map(|v| usize::from(v.abs() > clip)).sum() };
        let mut outside = beyond(clip);
        while outside > MAX_OUTLIERS && clip.is_finite() && clip > 0.0 {
            clip *= CLIP_STEP;
            outside = beyond(clip);
        }
        let clipped = |v: f32| v.max(-clip).min(clip);
        // Outliers are few: only the 16-value chunks that hold one are scanned one by one.
        let mut found = 0;
        let wanted = outside.min(MAX_OUTLIERS);
        for (c, chunk) in x.chunks(16).enumerate() {
            if found == wanted {
                break;
            }
            if chunk.iter().fold(false, |any, v| any | (v.abs() > clip)) {
                for (i, &v) in chunk.iter().enumerate() {
                    if v.abs() > clip && found < wanted {
                        outliers[found] = ((c * 16 + i) as u32, v - clipped(v));
                        found += 1;
                    }
                }
            }
        }
        *count = found as u32;
        let (mut lo, mut hi) = ([0f32; 16], [0f32; 16]);
        for chunk in x.chunks_exact(16) {
            for ((l, h), &v) in lo.iter_mut().zip(hi.iter_mut()).zip(chunk) {
                let v = clipped(v);
                *l = if v < *l { v } else { *l };
                *h = if v > *h { v } else { *h };
            }
        }
        let (mut low, mut high) = (0f32, 0f32);
        for v in lo.iter().chain(&hi).chain(x.chunks_exact(16).remainder()).map(|&v| clipped(v)) {
            low = if v < low { v } else { low };
            high = if v > high { v } else { high };
        }
        let step = (high - low) / INPUT_LEVELS;
        let step = if step > 0.0 && step.is_finite() { step } else { 1.0 };
        let inverse = 1.0 / step;
        let offset = (-low * inverse).round_ties_even().clamp(0.0, INPUT_LEVELS);
        let level = |v: f32| ((clipped(v) * inverse).round_ties_even() + offset).clamp(0.0, INPUT_LEVELS) as u32;
        if quads {
            for (word, v) in out.iter_mut().zip(x.chunks_exact(4)) {
                *word = level(v[0]) | (level(v[1]) << 8) | (level(v[2]) << 16) | (level(v[3]) << 24);
            }
        } else {
            for (word, v) in out.iter_mut().zip(x.chunks_exact(2)) {
                *word = level(v[0]) | (level(v[1]) << 16);
            }
        }
        *scale = step;
        *zero = offset as i32;
    }
}

multiversion! {
    /// `y_c += excess · scale_c · q_c`, with `q_c` the weight at bit `shift` of `words[c]`.
    fn add_channel(row: &mut [f32], words: &[u32], scales: &[f32], shift: u32, quads: bool, excess: f32) {
        if quads {
            for ((y, &word), &scale) in row.iter_mut().zip(words).zip(scales) {
                *y += excess * (scale * ((word >> shift) as u8 as i8 as f32));
            }
        } else {
            for ((y, &word), &scale) in row.iter_mut().zip(words).zip(scales) {
                *y += excess * (scale * ((word >> shift) as u16 as i16 as f32));
            }
        }
    }
}

multiversion! {
    /// Turns one row of a tile's i32 sums (stored as their bits in `row`) into f32:
    /// `(sum − zero · Σ q_w) · row scale · column scale`.
    pub(super) fn dequantize(row: &mut [f32], zero: i32, row_scale: f32, sums: &[i32], scales: &[f32]) {
        for ((y, &sum), &scale) in row.iter_mut().zip(sums).zip(scales) {
            let exact = y.to_bits() as i32 - zero * sum;
            *y = exact as f32 * (row_scale * scale);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_round_trips_within_half_a_step_and_zero_is_exact() {
        let x: Vec<f32> = (0..40).map(|i| (i as f32 - 9.0) * 0.37).collect();
        for layout in [Int8Layout::Quads, Int8Layout::Pairs] {
            let mut rows = QuantizedRows::default();
            rows.quantize(&x, 1, 40, layout);
            let (scale, zero) = (rows.scales[0], rows.zeros[0]);
            let levels: Vec<i32> = rows
                .words
                .iter()
                .flat_map(|&w| match layout {
                    Int8Layout::Quads => (0..4)
                        .map(|i| ((w >> (8 * i)) & 0xff) as i32)
                        .collect::<Vec<_>>(),
                    Int8Layout::Pairs => vec![(w & 0xffff) as i32, (w >> 16) as i32],
                })
                .collect();
            assert_eq!(levels.len(), 40);
            for (v, q) in x.iter().zip(&levels) {
                let back = scale * (q - zero) as f32;
                assert!(
                    (back - v).abs() <= scale / 2.0 + 1e-6,
                    "{v} came back as {back}"
                );
            }
            assert_eq!(levels[9], zero, "0.0 is a level of its own");
            assert!(
                levels.contains(&0) && levels.contains(&255),
                "the range is used whole"
            );
        }
    }

    #[test]
    fn a_column_of_zeros_or_one_value_quantizes_without_dividing_by_zero() {
        assert_eq!(quantize_column(&[0.0; 4]), (1.0, vec![0; 4]));
        let (scale, values) = quantize_column(&[0.5, -0.25]);
        assert_eq!(values, vec![127, -64]);
        assert!((scale * 127.0 - 0.5).abs() < 1e-7);
    }
}
