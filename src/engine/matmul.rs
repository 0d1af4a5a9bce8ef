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

use std::cell::RefCell;
use std::ops::Range;

use rayon::prelude::*;

use super::simd::{self, multiversion, Isa};

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

/// The arithmetic of the matmuls. Activations, attention, normalisation and sums outside
/// the matmuls are f32 in both.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub enum Precision {
    #[default]
    #[serde(rename = "fp32")]
    F32,
    /// Weights and inputs rounded to bf16 (round to nearest even), products summed in f32
    /// by AVX512_BF16's `vdpbf16ps`.
    #[serde(rename = "bf16")]
    Bf16,
}

impl Precision {
    pub fn name(self) -> &'static str {
        match self {
            Precision::F32 => "fp32",
            Precision::Bf16 => "bf16",
        }
    }

    /// What runs when `self` is asked for: bf16 only where the CPU has AVX512_BF16 (and the
    /// kernels are not capped below AVX-512), fp32 otherwise.
    pub fn runnable(self) -> Self {
        match self {
            Precision::Bf16 if simd::has_bf16() => Precision::Bf16,
            _ => Precision::F32,
        }
    }

    pub fn parse(name: &str) -> Option<Self> {
        match name.trim().to_ascii_lowercase().as_str() {
            "fp32" | "f32" => Some(Precision::F32),
            "bf16" => Some(Precision::Bf16),
            _ => None,
        }
    }
}

enum Panels {
    F32(Vec<f32>),
    /// Each `u32` is a pair of bf16, `k` in the low half and `k + 1` in the high half.
    Bf16(Vec<u32>),
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
    bias: Vec<f32>,
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
        // bf16 panels only where the bf16 kernel can run (and k comes in pairs).
        let precision = if in_dim.is_multiple_of(2) {
            precision.runnable()
        } else {
            Precision::F32
        };
        let column = |n: usize| &weight[n * in_dim..(n + 1) * in_dim];
        let panels = match precision {
            Precision::F32 => {
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
                Panels::F32(packed)
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
                Panels::Bf16(packed)
            }
        };
        Ok(Self {
            in_dim,
            out_dim,
            panels,
            bias,
        })
    }

    pub fn precision(&self) -> Precision {
        match self.panels {
            Panels::F32(_) => Precision::F32,
            Panels::Bf16(_) => Precision::Bf16,
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
        let isa = simd::isa();
        let (a, depth): (&[u32], usize) = match self.panels {
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
        };
        let mut job = Job {
            isa,
            linear: self,
            a,
            depth,
            packed: None,
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
    /// The input packed in row slivers, when all threads read all rows.
    slivers: Vec<u32>,
}

/// Rounds to bf16, nearest even (as `vcvtneps2bf16`), and pairs two values in one `u32`.
fn bf16_pair(low: f32, high: f32) -> u32 {
    bf16_bits(low) | (bf16_bits(high) << 16)
}

/// bf16 of `x`, rounded to nearest even; a NaN stays a (quiet) NaN. Branch-free, so the
/// conversion of a whole input vectorises.
#[inline(always)]
fn bf16_bits(x: f32) -> u32 {
    let bits = x.to_bits();
    let rounded = bits.wrapping_add(0x7fff + ((bits >> 16) & 1)) >> 16;
    let nan = (bits >> 16) | 0x40;
    if bits & 0x7fff_ffff > 0x7f80_0000 {
        nan
    } else {
        rounded
    }
}

multiversion! {
    /// `x` as bf16 pairs (`x[2i]` low, `x[2i + 1]` high).
    fn to_bf16_pairs(x: &[f32], pairs: &mut [u32]) {
        for (pair, v) in pairs.iter_mut().zip(x.chunks_exact(2)) {
            *pair = bf16_pair(v[0], v[1]);
        }
    }
}

/// The output pointer shared by the threads of one call; each writes only its own tiles.
#[derive(Clone, Copy)]
struct SharedOut(*mut f32);
// SAFETY: threads write disjoint tiles (disjoint rows or disjoint panels) of the output.
unsafe impl Send for SharedOut {}
unsafe impl Sync for SharedOut {}

struct Job<'a> {
    isa: Isa,
    linear: &'a Linear,
    /// Rows of `x` as 4-byte elements: f32, or bf16 pairs.
    a: &'a [u32],
    /// Elements per row of `a` (the `k` extent the kernels run over).
    depth: usize,
    /// All of `a`, already packed in slivers (else each thread packs its rows).
    packed: Option<&'a [u32]>,
    out: SharedOut,
    epilogue: Epilogue<'a>,
}

/// Calls `$kernel::<R>` for a runtime row count `R` in 1..=14.
macro_rules! by_rows {
    ($rows:expr, $($kernel:ident)::+, $($arg:expr),*) => {
        match $rows {
            1 => $($kernel)::+::<1>($($arg),*),
            2 => $($kernel)::+::<2>($($arg),*),
            3 => $($kernel)::+::<3>($($arg),*),
            4 => $($kernel)::+::<4>($($arg),*),
            5 => $($kernel)::+::<5>($($arg),*),
            6 => $($kernel)::+::<6>($($arg),*),
            7 => $($kernel)::+::<7>($($arg),*),
            8 => $($kernel)::+::<8>($($arg),*),
            9 => $($kernel)::+::<9>($($arg),*),
            10 => $($kernel)::+::<10>($($arg),*),
            11 => $($kernel)::+::<11>($($arg),*),
            12 => $($kernel)::+::<12>($($arg),*),
            13 => $($kernel)::+::<13>($($arg),*),
            14 => $($kernel)::+::<14>($($arg),*),
            rows => unreachable!("a sliver of {rows} rows"),
        }
    };
}

thread_local! {
    /// Each thread's packed row slivers, kept between calls.
    static SLIVERS: RefCell<Vec<u32>> = const { RefCell::new(Vec::new()) };
}

fn rows_per_sliver(isa: Isa) -> usize {
    match isa {
        Isa::Avx512 => 14,
        Isa::Avx2 => 6,
        Isa::Portable => 4,
    }
}

impl Job<'_> {
    /// Computes the output tiles of `rows` × `panels`.
    fn run(&self, rows: Range<usize>, panels: Range<usize>) {
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
        }
    }

    /// Applies the epilogue to rows `r0..r0 + rows` of panel `p`.
    ///
    /// # Safety
    /// The tile must be this job's.
    unsafe fn finish(&self, r0: usize, rows: usize, p: usize) {
        let n = self.linear.out_dim;
        let bias = &self.linear.bias[p * PANEL..(p + 1) * PANEL];
        for r in r0..r0 + rows {
            let row = std::slice::from_raw_parts_mut(self.out.0.add(r * n + p * PANEL), PANEL);
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

/// One f32 tile with the best kernel of `isa`: `c = a · b` for `rr` rows of `a` (a sliver
/// of `kc × rr`) and one panel `b` (`kc × PANEL`).
///
/// # Safety
/// As [`Job::tile`].
#[allow(clippy::too_many_arguments)]
unsafe fn tile_f32(
    isa: Isa,
    rr: usize,
    kc: usize,
    a: *const f32,
    b: *const f32,
    c: *mut f32,
    ldc: usize,
) {
    match isa {
        #[cfg(target_arch = "x86_64")]
        Isa::Avx512 => by_rows!(rr, x86::f32_avx512, kc, a, b, c, ldc),
        #[cfg(target_arch = "x86_64")]
        Isa::Avx2 => {
            by_rows!(rr, x86::f32_avx2, kc, a, b, c, ldc);
            by_rows!(rr, x86::f32_avx2, kc, a, b.add(16), c.add(16), ldc);
        }
        _ => by_rows!(rr, f32_portable, kc, a, b, c, ldc),
    }
}

/// `c = a · b` on one thread, for the small products inside attention: `a` is `rows`
/// rows of `depth` f32, `stride` apart; `b` is panels of `depth × PANEL` (as
/// [`pack_panels`] writes them); `c` is `rows × (panels × PANEL)`, rows `ldc` apart.
/// `packed` is scratch, reused across calls.
///
/// # Safety
/// `c` must be valid for writes of those rows × columns, and no one else may access them
/// meanwhile (other threads may write the columns between them).
#[allow(clippy::too_many_arguments)]
pub unsafe fn panel_product(
    a: &[f32],
    stride: usize,
    rows: usize,
    depth: usize,
    b: &[f32],
    c: *mut f32,
    ldc: usize,
    packed: &mut Vec<u32>,
) {
    let panels = b.len() / (depth * PANEL);
    assert!(rows == 0 || a.len() >= (rows - 1) * stride + depth);
    let isa = simd::isa();
    let mr = rows_per_sliver(isa);
    packed.resize(rows * depth, 0);
    // SAFETY: f32 and u32 have one size and alignment; the kernels read the bits as f32.
    let bits = unsafe { std::slice::from_raw_parts(a.as_ptr().cast::<u32>(), a.len()) };
    pack_slivers(isa, bits, stride, rows, depth, packed);
    for p in 0..panels {
        for (s, rr) in slivers(rows, mr) {
            // SAFETY: the sliver and panel p are inside their slices; the tile is the
            // caller's to write.
            tile_f32(
                isa,
                rr,
                depth,
                packed.as_ptr().add(s * depth).cast(),
                b.as_ptr().add(p * depth * PANEL),
                c.add(s * ldc + p * PANEL),
                ldc,
            );
        }
    }
}

/// Packs the `depth × width` matrix whose element `(k, j)` is `at(k, j)` into panels of
/// [`PANEL`] columns (zero past `width`): the `b` of [`panel_product`].
pub fn pack_panels(
    depth: usize,
    width: usize,
    out: &mut Vec<f32>,
    at: impl Fn(usize, usize) -> f32,
) {
    let panels = width.div_ceil(PANEL);
    out.clear();
    out.resize(panels * depth * PANEL, 0.0);
    for (p, panel) in out.chunks_exact_mut(depth * PANEL).enumerate() {
        for (k, row) in panel.chunks_exact_mut(PANEL).enumerate() {
            for (c, v) in row
                .iter_mut()
                .enumerate()
                .take(width.saturating_sub(p * PANEL))
            {
                *v = at(k, p * PANEL + c);
            }
        }
    }
}

/// Copies the first `depth` elements of rows `0..rows` (`stride` elements apart) into slivers
/// of at most `isa`'s sliver rows ([`slivers`]): the sliver of rows `s..s + rr` starts at `s × depth`
/// and holds, for each `k`, its rows' elements.
fn pack_slivers(isa: Isa, a: &[u32], stride: usize, rows: usize, depth: usize, out: &mut [u32]) {
    for (s, rr) in slivers(rows, rows_per_sliver(isa)) {
        let sliver = &mut out[s * depth..(s + rr) * depth];
        let source = &a[s * stride..];
        transpose_rows(source, stride, rr, depth, sliver);
    }
}

/// `(first row, rows)` of the slivers that cover `rows` rows: full slivers of `mr` rows,
/// then the rest. (Near-equal slivers, 8 + 7 rows instead of 14 + 1, were slower for one
/// short text: the first sliver streams the weights from memory, and a 14-row sliver does
/// the most work per byte streamed.)
fn slivers(rows: usize, mr: usize) -> impl Iterator<Item = (usize, usize)> {
    (0..rows).step_by(mr).map(move |s| (s, mr.min(rows - s)))
}

multiversion! {
    /// `out[k × rows + r] = a[r × stride + k]`, written in order.
    fn transpose_rows(a: &[u32], stride: usize, rows: usize, depth: usize, out: &mut [u32]) {
        for (k, column) in out.chunks_exact_mut(rows).take(depth).enumerate() {
            for (r, v) in column.iter_mut().enumerate() {
                *v = a[r * stride + k];
            }
        }
    }
}

/// The portable microkernel: `R` rows × 32 columns in arrays the compiler vectorises.
///
/// # Safety
/// As [`Job::tile`], with `a` as `kc × R` f32.
unsafe fn f32_portable<const R: usize>(
    kc: usize,
    a: *const f32,
    b: *const f32,
    c: *mut f32,
    ldc: usize,
) {
    let mut acc = [[0f32; PANEL]; R];
    for k in 0..kc {
        let bk = &*(b.add(k * PANEL) as *const [f32; PANEL]);
        for (r, row) in acc.iter_mut().enumerate() {
            let av = *a.add(k * R + r);
            for (y, w) in row.iter_mut().zip(bk) {
                *y += av * w;
            }
        }
    }
    for (r, row) in acc.iter().enumerate() {
        let dst = std::slice::from_raw_parts_mut(c.add(r * ldc), PANEL);
        for (d, y) in dst.iter_mut().zip(row) {
            *d = *y;
        }
    }
}

#[cfg(target_arch = "x86_64")]
mod x86 {
    use super::PANEL;
    use std::arch::x86_64::*;

    /// `R × 32` f32 tile: 2R accumulators (R ≤ 14 keeps them and both weight vectors in the
    /// 32 registers).
    #[target_feature(enable = "avx512f")]
    pub unsafe fn f32_avx512<const R: usize>(
        kc: usize,
        a: *const f32,
        b: *const f32,
        c: *mut f32,
        ldc: usize,
    ) {
        let mut lo = [_mm512_setzero_ps(); R];
        let mut hi = [_mm512_setzero_ps(); R];
        let (mut a, mut b) = (a, b);
        for _ in 0..kc {
            let (b0, b1) = (_mm512_loadu_ps(b), _mm512_loadu_ps(b.add(16)));
            for r in 0..R {
                let x = _mm512_set1_ps(*a.add(r));
                lo[r] = _mm512_fmadd_ps(x, b0, lo[r]);
                hi[r] = _mm512_fmadd_ps(x, b1, hi[r]);
            }
            a = a.add(R);
            b = b.add(PANEL);
        }
        store_avx512::<R>(&lo, &hi, c, ldc);
    }

    /// `R × 32` tile over bf16 pairs: each `vdpbf16ps` adds two products per lane.
    #[target_feature(enable = "avx512f,avx512bf16")]
    pub unsafe fn bf16_avx512<const R: usize>(
        kc: usize,
        a: *const u32,
        b: *const u32,
        c: *mut f32,
        ldc: usize,
    ) {
        let mut lo = [_mm512_setzero_ps(); R];
        let mut hi = [_mm512_setzero_ps(); R];
        let (mut a, mut b) = (a, b);
        for _ in 0..kc {
            let b0: __m512bh = std::mem::transmute(_mm512_loadu_si512(b.cast()));
            let b1: __m512bh = std::mem::transmute(_mm512_loadu_si512(b.add(16).cast()));
            for r in 0..R {
                let x: __m512bh = std::mem::transmute(_mm512_set1_epi32(*a.add(r) as i32));
                lo[r] = _mm512_dpbf16_ps(lo[r], x, b0);
                hi[r] = _mm512_dpbf16_ps(hi[r], x, b1);
            }
            a = a.add(R);
            b = b.add(PANEL);
        }
        store_avx512::<R>(&lo, &hi, c, ldc);
    }

    #[inline(always)]
    unsafe fn store_avx512<const R: usize>(
        lo: &[__m512; R],
        hi: &[__m512; R],
        c: *mut f32,
        ldc: usize,
    ) {
        for r in 0..R {
            let row = c.add(r * ldc);
            _mm512_storeu_ps(row, lo[r]);
            _mm512_storeu_ps(row.add(16), hi[r]);
        }
    }

    /// `R × 16` f32 tile (half a panel; rows of `b` are `PANEL` apart): 2R accumulators in
    /// AVX2's 16 registers for R ≤ 6.
    #[target_feature(enable = "avx2,fma")]
    pub unsafe fn f32_avx2<const R: usize>(
        kc: usize,
        a: *const f32,
        b: *const f32,
        c: *mut f32,
        ldc: usize,
    ) {
        let mut lo = [_mm256_setzero_ps(); R];
        let mut hi = [_mm256_setzero_ps(); R];
        let (mut a, mut b) = (a, b);
        for _ in 0..kc {
            let (b0, b1) = (_mm256_loadu_ps(b), _mm256_loadu_ps(b.add(8)));
            for r in 0..R {
                let x = _mm256_broadcast_ss(&*a.add(r));
                lo[r] = _mm256_fmadd_ps(x, b0, lo[r]);
                hi[r] = _mm256_fmadd_ps(x, b1, hi[r]);
            }
            a = a.add(R);
            b = b.add(PANEL);
        }
        for r in 0..R {
            let row = c.add(r * ldc);
            _mm256_storeu_ps(row, lo[r]);
            _mm256_storeu_ps(row.add(8), hi[r]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Deterministic values in [-1, 1).
    fn values(n: usize, seed: u32) -> Vec<f32> {
        let mut s = seed.wrapping_mul(2_654_435_761).wrapping_add(1);
        (0..n)
            .map(|_| {
                s ^= s << 13;
                s ^= s >> 17;
                s ^= s << 5;
                (s as f32 / u32::MAX as f32) * 2.0 - 1.0
            })
            .collect()
    }

    fn reference(x: &[f32], w: &[f32], b: &[f32], rows: usize, k: usize, n: usize) -> Vec<f32> {
        let mut out = vec![0f32; rows * n];
        for r in 0..rows {
            for j in 0..n {
                let dot: f64 = (0..k)
                    .map(|i| x[r * k + i] as f64 * w[j * k + i] as f64)
                    .sum();
                out[r * n + j] = dot as f32 + b[j];
            }
        }
        out
    }

    fn max_diff(a: &[f32], b: &[f32]) -> f32 {
        a.iter()
            .zip(b)
            .map(|(x, y)| (x - y).abs())
            .fold(0.0, f32::max)
    }

    /// Every row count from 1 to past a row block, with k both under and over one k block,
    /// on 1 and 2 threads: every path through the blocking and the thread split.
    #[test]
    fn f32_matches_a_reference_for_every_shape() {
        for threads in [1, 2] {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap();
            for (k, n) in [(24, 64), (600, 96)] {
                let w = values(k * n, 1);
                let b = values(n, 2);
                let linear = Linear::pack(&w, b.clone(), k, n, Precision::F32).unwrap();
                for rows in [1, 2, 5, 13, 14, 15, 29, 64, 300, 531] {
                    let x = values(rows * k, rows as u32);
                    let mut out = vec![f32::NAN; rows * n];
                    pool.install(|| {
                        linear.forward(&x, rows, Epilogue::Bias, &mut out, &mut Scratch::default())
                    });
                    let expected = reference(&x, &w, &b, rows, k, n);
                    let diff = max_diff(&out, &expected);
                    assert!(diff < 1e-4, "rows {rows}, k {k}, threads {threads}: {diff}");
                }
            }
        }
    }

    #[test]
    fn epilogues_apply_gelu_and_the_residual() {
        let (rows, k, n) = (7, 40, 64);
        let (w, b, x) = (values(k * n, 3), values(n, 4), values(rows * k, 5));
        let residual = values(rows * n, 6);
        let linear = Linear::pack(&w, b.clone(), k, n, Precision::F32).unwrap();
        let expected = reference(&x, &w, &b, rows, k, n);
        let mut out = vec![0f32; rows * n];
        linear.forward(
            &x,
            rows,
            Epilogue::BiasGelu,
            &mut out,
            &mut Scratch::default(),
        );
        let gelu: Vec<f32> = expected.iter().map(|&v| simd::gelu(v)).collect();
        assert!(max_diff(&out, &gelu) < 1e-5);
        linear.forward(
            &x,
            rows,
            Epilogue::BiasResidual(&residual),
            &mut out,
            &mut Scratch::default(),
        );
        let summed: Vec<f32> = expected.iter().zip(&residual).map(|(e, r)| e + r).collect();
        assert!(max_diff(&out, &summed) < 1e-5);
    }

    #[test]
    fn bf16_is_close_to_f32_where_the_cpu_has_it() {
        if !simd::has_bf16() {
            eprintln!("this CPU has no AVX512_BF16: the bf16 kernel is not exercised here");
            return;
        }
        let (k, n) = (768, 96);
        let (w, b) = (values(k * n, 7), values(n, 8));
        let linear = Linear::pack(&w, b.clone(), k, n, Precision::Bf16).unwrap();
        assert_eq!(linear.precision(), Precision::Bf16);
        for rows in [1, 14, 300] {
            let x = values(rows * k, 9);
            let mut out = vec![0f32; rows * n];
            linear.forward(&x, rows, Epilogue::Bias, &mut out, &mut Scratch::default());
            let expected = reference(&x, &w, &b, rows, k, n);
            // Sums of 768 products of values rounded to 8 bits: |error| ≈ 2^-9 · √768 · 1/3.
            let diff = max_diff(&out, &expected);
            assert!(diff > 0.0 && diff < 0.1, "rows {rows}: {diff}");
        }
    }

    #[test]
    fn slivers_cover_the_rows() {
        assert_eq!(slivers(15, 14).collect::<Vec<_>>(), vec![(0, 14), (14, 1)]);
        assert_eq!(slivers(14, 14).collect::<Vec<_>>(), vec![(0, 14)]);
        assert_eq!(slivers(3, 4).collect::<Vec<_>>(), vec![(0, 3)]);
        assert_eq!(slivers(0, 4).count(), 0);
    }

    #[test]
    fn bf16_rounding_is_nearest_even() {
        assert_eq!(bf16_bits(1.0), 0x3f80);
        // 1 + 2^-8 is halfway between two bf16 values: ties go to the even one (1.0).
        assert_eq!(bf16_bits(1.0 + 1.0 / 256.0), 0x3f80);
        assert_eq!(bf16_bits(1.0 + 3.0 / 256.0), 0x3f82);
        assert_eq!(bf16_bits(f32::INFINITY), 0x7f80);
        assert_eq!(bf16_bits(f32::MAX), 0x7f80, "rounds up to infinity");
        for nan in [
            f32::NAN,
            -f32::NAN,
            f32::from_bits(0xffff_ffff),
            f32::from_bits(0x7f80_0001),
        ] {
            assert!(
                f32::from_bits(bf16_bits(nan) << 16).is_nan(),
                "{:x}",
                nan.to_bits()
            );
        }
        let mut pairs = [0u32; 2];
        to_bf16_pairs(&[1.0, -2.0, 0.5, 3.0], &mut pairs);
        assert_eq!(pairs, [bf16_pair(1.0, -2.0), bf16_pair(0.5, 3.0)]);
    }

    #[test]
    fn a_layer_that_does_not_fit_the_panels_is_an_error() {
        assert!(Linear::pack(&[0.0; 30], vec![0.0; 30], 1, 30, Precision::F32).is_err());
        assert!(Linear::pack(&[0.0; 64], vec![0.0; 31], 2, 32, Precision::F32).is_err());
    }
}
