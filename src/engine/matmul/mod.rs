//! Linear layers (`x · Wᵀ + b`) on weights packed once, at load, into the layout the
//! microkernels read, with the bias, GELU or residual applied to each output tile while it is
//! still in cache.
//!
//! - **Packing.** `W` (`out × in`) becomes panels of [`PANEL`] output columns; a panel holds,
//!   for each `k`, its 32 weights side by side, so a microkernel reads one panel as a single
//!   forward stream. In bf16 a panel holds, for each pair `(k, k+1)`, 32 pairs of bf16: the
//!   operand layout of AVX512_BF16's `vdpbf16ps`.
//! - **Microkernels.** An `R × 32` block of the output stays in registers for a whole run
//!   over `k` (`R` ≤ 14 rows with AVX-512, 6 with AVX2, 4 portable), fed by one broadcast
//!   of `x` per row and two loads of `W` per `k`.
//! - **Blocking.** Rows of `x` are copied into per-thread row slivers (`k`-major) a block at
//!   a time; with many rows, `k` is cut into blocks so that one panel's slice stays in L1
//!   while every sliver of the block passes over it.
//! - **Threads.** Few rows (one text): the panels are split between the threads, so each
//!   core streams its share of the weights from memory once. Many rows (a batch): the rows
//!   are split, so each core packs only its own rows.

use rayon::prelude::*;

use super::packed::{Buffer, PackedReader, PackedWriter};
use super::simd;
use bf16::{bf16_pair, to_bf16_pairs};
use int8::{Int8Panels, QuantizedRows};
use job::{Job, SharedOut};
use slivers::{pack_slivers, rows_per_sliver};

pub use int8::Int8Layout;
pub use panel_product::{pack_panels, panel_product};
pub use precision::Precision;

mod bf16;
mod int8;
mod job;
mod kernels;
mod panel_product;
mod precision;
mod slivers;
#[cfg(test)]
mod tests;

/// Output columns per packed panel: two AVX-512 vectors of f32.
pub const PANEL: usize = 32;
/// Row slivers packed at a time. A panel (96–384 KB) is read from L2 by each sliver of the
/// block; the block (up to 700 KB) stays in L2 while every panel passes over it. Measured
/// with `examples/matmul_shapes.rs`: 4 slivers over all of `k` beat blocking `k` to fit a
/// panel's slice in L1 (the kernel's start and store cost more than L2 reads).
const SLIVERS_PER_BLOCK: usize = 4;
/// Above this many row slivers per thread, the rows are split between threads instead of
/// the panels.
const ROW_SPLIT_SLIVERS: usize = 18;

enum Panels {
    F32(Buffer<f32>),
    /// Each `u32` is a pair of bf16, `k` in the low half and `k + 1` in the high half.
    Bf16(Buffer<u32>),
    Int8(Int8Panels),
}

/// How a layer's panels are tagged in the packed-weights file.
mod tag {
    pub const F32: u32 = 0;
    pub const BF16: u32 = 1;
    pub const INT8_QUADS: u32 = 2;
    pub const INT8_PAIRS: u32 = 3;
}

/// What is applied to each finished output tile.
#[derive(Clone, Copy)]
pub enum Epilogue<'a> {
    Bias,
    /// `gelu(x·Wᵀ + b)`, erf form.
    BiasGelu,
    /// `x·Wᵀ + b + residual`, where `residual` has the output's shape.
    BiasResidual(&'a [f32]),
}

pub struct Linear {
    in_dim: usize,
    out_dim: usize,
    panels: Panels,
    bias: Buffer<f32>,
}

impl Linear {
    /// Packs `weight` (`out_dim × in_dim`, row-major, as PyTorch stores it).
    pub fn pack(
        weight: &[f32],
        bias: Vec<f32>,
        in_dim: usize,
        out_dim: usize,
        precision: Precision,
    ) -> Result<Self, String> {
        if weight.len() != in_dim * out_dim || bias.len() != out_dim {
            return Err(format!(
                "a {out_dim}×{in_dim} linear layer got {} weights and {} biases",
                weight.len(),
                bias.len()
            ));
        }
        if !out_dim.is_multiple_of(PANEL) {
            return Err(format!(
                "output width {out_dim} is not a multiple of {PANEL}"
            ));
        }
        // bf16 panels only where the bf16 kernel can run (and k comes in pairs), int8 where
        // k comes in whole words.
        let precision = match precision.runnable() {
            Precision::Bf16 if in_dim.is_multiple_of(2) => Precision::Bf16,
            Precision::Int8 if in_dim.is_multiple_of(Int8Layout::for_cpu().per_word()) => {
                Precision::Int8
            }
            _ => Precision::F32,
        };
        let column = |n: usize| &weight[n * in_dim..(n + 1) * in_dim];
        let panels = match precision {
            Precision::F32 | Precision::Auto => {
                let mut packed = vec![0f32; in_dim * out_dim];
                packed
                    .par_chunks_mut(in_dim * PANEL)
                    .enumerate()
                    .for_each(|(p, panel)| {
                        for c in 0..PANEL {
                            for (k, &w) in column(p * PANEL + c).iter().enumerate() {
                                panel[k * PANEL + c] = w;
                            }
                        }
                    });
                Panels::F32(packed.into())
            }
            Precision::Bf16 => {
                let mut packed = vec![0u32; in_dim / 2 * out_dim];
                packed
                    .par_chunks_mut(in_dim / 2 * PANEL)
                    .enumerate()
                    .for_each(|(p, panel)| {
                        for c in 0..PANEL {
                            for (k, pair) in column(p * PANEL + c).chunks_exact(2).enumerate() {
                                panel[k * PANEL + c] = bf16_pair(pair[0], pair[1]);
                            }
                        }
                    });
                Panels::Bf16(packed.into())
            }
            Precision::Int8 => Panels::Int8(Int8Panels::pack(
                weight,
                in_dim,
                out_dim,
                Int8Layout::for_cpu(),
                PANEL,
            )),
        };
        Ok(Self {
            in_dim,
            out_dim,
            panels,
            bias: bias.into(),
        })
    }

    /// Writes the packed layer as sections of the packed-weights file.
    pub fn write(&self, out: &mut PackedWriter) -> std::io::Result<()> {
        match &self.panels {
            Panels::F32(w) => {
                out.put_word(tag::F32)?;
                out.put(w)?;
            }
            Panels::Bf16(w) => {
                out.put_word(tag::BF16)?;
                out.put(w)?;
            }
            Panels::Int8(q) => {
                out.put_word(match q.layout {
                    Int8Layout::Quads => tag::INT8_QUADS,
                    Int8Layout::Pairs => tag::INT8_PAIRS,
                })?;
                out.put(&q.words)?;
                out.put(&q.scales)?;
                out.put(&q.sums)?;
            }
        }
        out.put(&self.bias)
    }

    /// Reads a layer that [`write`](Self::write) wrote, in place in the mapped file.
    pub fn read(input: &mut PackedReader, in_dim: usize, out_dim: usize) -> Result<Self, String> {
        let weights = in_dim * out_dim;
        let panels = match input.take_word()? {
            tag::F32 => Panels::F32(input.take(weights)?),
            tag::BF16 if simd::has_bf16() => Panels::Bf16(input.take(weights / 2)?),
            tag::INT8_QUADS if simd::has_vnni() => {
                Panels::Int8(Int8Panels::read(input, Int8Layout::Quads, in_dim, out_dim)?)
            }
            tag::INT8_PAIRS => {
                Panels::Int8(Int8Panels::read(input, Int8Layout::Pairs, in_dim, out_dim)?)
            }
            other => {
                return Err(format!(
                    "panels tagged {other}, which this CPU does not run"
                ))
            }
        };
        Ok(Self {
            in_dim,
            out_dim,
            panels,
            bias: input.take(out_dim)?,
        })
    }

    /// An int8 layer in `layout` whatever the CPU prefers (tests compare the layouts).
    #[cfg(test)]
    pub(crate) fn pack_int8(
        weight: &[f32],
        bias: Vec<f32>,
        in_dim: usize,
        out_dim: usize,
        layout: Int8Layout,
    ) -> Result<Self, String> {
        let mut linear = Self::pack(weight, bias, in_dim, out_dim, Precision::F32)?;
        linear.panels = Panels::Int8(Int8Panels::pack(weight, in_dim, out_dim, layout, PANEL));
        Ok(linear)
    }

    pub fn precision(&self) -> Precision {
        match self.panels {
            Panels::F32(_) => Precision::F32,
            Panels::Bf16(_) => Precision::Bf16,
            Panels::Int8(_) => Precision::Int8,
        }
    }

    /// The instruction set of this layer's kernels.
    fn kernel_isa(&self) -> simd::Isa {
        match &self.panels {
            Panels::Int8(q) => q.layout.kernel_isa(),
            _ => simd::isa(),
        }
    }

    /// `out[..rows × out_dim] = epilogue(x[..rows × in_dim] · Wᵀ + b)`.
    pub fn forward(
        &self,
        x: &[f32],
        rows: usize,
        epilogue: Epilogue,
        out: &mut [f32],
        scratch: &mut Scratch,
    ) {
        let (k, n) = (self.in_dim, self.out_dim);
        assert!(x.len() >= rows * k && out.len() >= rows * n);
        if let Epilogue::BiasResidual(residual) = epilogue {
            assert!(residual.len() >= rows * n);
        }
        if rows == 0 {
            return;
        }
        let isa = self.kernel_isa();
        let (a, depth): (&[u32], usize) = match &self.panels {
            // SAFETY: f32 and u32 have one size and alignment; the kernels read the bits as f32.
            Panels::F32(_) => (
                unsafe { std::slice::from_raw_parts(x.as_ptr().cast(), rows * k) },
                k,
            ),
            Panels::Bf16(_) => {
                scratch.bf16.resize(rows * k / 2, 0);
                to_bf16_pairs(&x[..rows * k], &mut scratch.bf16[..]);
                (&scratch.bf16[..], k / 2)
            }
            Panels::Int8(q) => {
                scratch.int8.quantize(x, rows, k, q.layout);
                (&scratch.int8.words[..], k / q.layout.per_word())
            }
        };
        let mut job = Job {
            isa,
            linear: self,
            a,
            depth,
            packed: None,
            rows_quantized: &scratch.int8,
            out: SharedOut(out.as_mut_ptr()),
            epilogue,
        };
        let threads = rayon::current_num_threads().max(1);
        let panels = n / PANEL;
        let mr = rows_per_sliver(isa);
        let slivers = rows.div_ceil(mr);
        if threads == 1 || (panels < 2 && slivers < 2) {
            job.run(0..rows, 0..panels);
        } else if slivers > threads * ROW_SPLIT_SLIVERS {
            // Many rows: each thread takes a contiguous share of whole slivers.
            let per = slivers.div_ceil(threads) * mr;
            (0..rows.div_ceil(per)).into_par_iter().for_each(|t| {
                job.run(t * per..((t + 1) * per).min(rows), 0..panels);
            });
        } else {
            // Few rows: every thread needs all of them, so they are packed once, in parallel.
            let block = SLIVERS_PER_BLOCK * mr;
            scratch.slivers.resize(rows * depth, 0);
            scratch.slivers[..rows * depth]
                .par_chunks_mut(block * depth)
                .enumerate()
                .for_each(|(i, out)| {
                    let rows = out.len() / depth;
                    pack_slivers(isa, &a[i * block * depth..], depth, rows, depth, out);
                });
            job.packed = Some(&scratch.slivers[..rows * depth]);
            let parts = threads.min(panels);
            (0..parts).into_par_iter().for_each(|t| {
                job.run(0..rows, t * panels / parts..(t + 1) * panels / parts);
            });
        }
    }
}

/// A caller's buffers for [`Linear::forward`], kept between calls.
#[derive(Default)]
pub struct Scratch {
    /// The input as bf16 pairs, in bf16 mode.
    bf16: Vec<u32>,
    /// The input quantized, in int8 mode.
    int8: QuantizedRows,
    /// The input packed in row slivers, when all threads read all rows.
    slivers: Vec<u32>,
}
