//! One call of [`Linear::forward`] on a share of the rows and panels: row slivers packed a
//! block at a time, each tile computed by a microkernel, the epilogue applied while the tile
//! is still in cache.

use std::cell::RefCell;
use std::ops::Range;

use super::int8::{dequantize, QuantizedRows};
#[cfg(target_arch = "x86_64")]
use super::kernels::x86;
use super::kernels::{by_rows, tile_f32, tile_int8};
use super::slivers::{pack_slivers, rows_per_sliver, slivers};
use super::{Epilogue, Linear, Panels, PANEL, SLIVERS_PER_BLOCK};
use crate::engine::simd::{self, multiversion, Isa};

/// The output pointer shared by the threads of one call; each writes only its own tiles.
#[derive(Clone, Copy)]
pub(super) struct SharedOut(pub(super) *mut f32);
// SAFETY: threads write disjoint tiles (disjoint rows or disjoint panels) of the output.
unsafe impl Send for SharedOut {}
unsafe impl Sync for SharedOut {}

pub(super) struct Job<'a> {
    pub(super) isa: Isa,
    pub(super) linear: &'a Linear,
    /// Rows of `x` as 4-byte elements: f32, bf16 pairs or int8 words.
    pub(super) a: &'a [u32],
    /// Elements per row of `a` (the `k` extent the kernels run over).
    pub(super) depth: usize,
    /// All of `a`, already packed in slivers (else each thread packs its rows).
    pub(super) packed: Option<&'a [u32]>,
    /// The rows' scales and zero points, in int8 mode.
    pub(super) rows_quantized: &'a QuantizedRows,
    pub(super) out: SharedOut,
    pub(super) epilogue: Epilogue<'a>,
}

thread_local! {
    /// Each thread's packed row slivers, kept between calls.
    static SLIVERS: RefCell<Vec<u32>> = const { RefCell::new(Vec::new()) };
}

impl Job<'_> {
    /// Computes the output tiles of `rows` × `panels`.
    pub(super) fn run(&self, rows: Range<usize>, panels: Range<usize>) {
        let mr = rows_per_sliver(self.isa);
        let (depth, n) = (self.depth, self.linear.out_dim);
        let row_step = SLIVERS_PER_BLOCK * mr;
        SLIVERS.with(|buffer| {
            let mut buffer = buffer.borrow_mut();
            if self.packed.is_none() {
                buffer.resize(row_step * depth, 0);
            }
            for r0 in rows.clone().step_by(row_step) {
                let mc = row_step.min(rows.end - r0);
                let block = match self.packed {
                    Some(packed) => &packed[r0 * depth..],
                    None => {
                        pack_slivers(
                            self.isa,
                            &self.a[r0 * depth..],
                            depth,
                            mc,
                            depth,
                            &mut buffer,
                        );
                        &buffer[..]
                    }
                };
                for p in panels.clone() {
                    for (s, rr) in slivers(mc, mr) {
                        // SAFETY: the sliver holds rr × depth elements at s × depth; panel p
                        // holds depth × PANEL; the tile is rows r0 + s.. of `out` (rows × n)
                        // at columns p × PANEL.., inside this job's share.
                        unsafe {
                            self.tile(
                                rr,
                                block.as_ptr().add(s * depth),
                                p,
                                self.out.0.add((r0 + s) * n + p * PANEL),
                            );
                        }
                    }
                    // SAFETY: rows r0..r0 + mc, columns of panel p: this job's tile.
                    unsafe { self.finish(r0, mc, p) };
                }
            }
        });
    }

    /// One `rr × PANEL` tile: `c = a · panel p`.
    ///
    /// # Safety
    /// `a` holds `rr × depth` elements and `c` is `rr` rows of `PANEL` writable floats,
    /// `out_dim` apart.
    unsafe fn tile(&self, rr: usize, a: *const u32, p: usize, c: *mut f32) {
        let (ldc, kc) = (self.linear.out_dim, self.depth);
        let panel_at = p * kc * PANEL;
        match &self.linear.panels {
            Panels::F32(w) => {
                tile_f32(self.isa, rr, kc, a.cast(), w.as_ptr().add(panel_at), c, ldc)
            }
            Panels::Bf16(w) => {
                #[cfg(target_arch = "x86_64")]
                {
                    let b = w.as_ptr().add(panel_at);
                    by_rows!(rr, x86::bf16_avx512, kc, a, b, c, ldc)
                }
                #[cfg(not(target_arch = "x86_64"))]
                unreachable!("bf16 panels are only packed where AVX512_BF16 runs them: {w:p}")
            }
            Panels::Int8(q) => {
                let b = q.words.as_ptr().add(panel_at);
                tile_int8(self.isa, q.layout, rr, kc, a, b, c.cast(), ldc)
            }
        }
    }

    /// Applies the epilogue to rows `r0..r0 + rows` of panel `p`.
    ///
    /// # Safety
    /// The tile must be this job's.
    unsafe fn finish(&self, r0: usize, rows: usize, p: usize) {
        let n = self.linear.out_dim;
        let columns = p * PANEL..(p + 1) * PANEL;
        let bias = &self.linear.bias[columns.clone()];
        for r in r0..r0 + rows {
            let row = std::slice::from_raw_parts_mut(self.out.0.add(r * n + p * PANEL), PANEL);
            if let Panels::Int8(q) = &self.linear.panels {
                let rows = self.rows_quantized;
                let (sums, scales) = (&q.sums[columns.clone()], &q.scales[columns.clone()]);
                dequantize(row, rows.zeros[r], rows.scales[r], sums, scales);
                q.add_outliers(row, p, self.linear.in_dim, rows.outliers_of(r));
            }
            match self.epilogue {
                Epilogue::Bias => add_bias(row, bias),
                Epilogue::BiasGelu => add_bias_gelu(row, bias),
                Epilogue::BiasResidual(residual) => {
                    add_bias_residual(row, bias, &residual[r * n + p * PANEL..][..PANEL])
                }
            }
        }
    }
}

multiversion! {
    fn add_bias(row: &mut [f32], bias: &[f32]) {
        for (y, b) in row.iter_mut().zip(bias) {
            *y += b;
        }
    }
}

multiversion! {
    fn add_bias_gelu(row: &mut [f32], bias: &[f32]) {
        for (y, b) in row.iter_mut().zip(bias) {
            *y = simd::gelu(*y + b);
        }
    }
}

multiversion! {
    fn add_bias_residual(row: &mut [f32], bias: &[f32], residual: &[f32]) {
        for ((y, b), r) in row.iter_mut().zip(bias).zip(residual) {
            *y = *y + b + r;
        }
    }
}
