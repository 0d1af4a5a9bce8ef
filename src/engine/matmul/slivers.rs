//! Row slivers: rows of the input copied `k`-major, a few rows at a time, so that a microkernel
//! reads one sliver as a single forward stream.

use crate::engine::simd::{multiversion, Isa};

pub(super) fn rows_per_sliver(isa: Isa) -> usize {
    match isa {
        Isa::Avx512 => 14,
        Isa::Avx2 => 6,
        Isa::Portable => 4,
    }
}

/// Copies the first `depth` elements of rows `0..rows` (`stride` elements apart) into slivers
/// of at most `isa`'s sliver rows ([`slivers`]): the sliver of rows `s..s + rr` starts at `s × depth`
/// and holds, for each `k`, its rows' elements.
pub(super) fn pack_slivers(
    isa: Isa,
    a: &[u32],
    stride: usize,
    rows: usize,
    depth: usize,
    out: &mut [u32],
) {
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
pub(super) fn slivers(rows: usize, mr: usize) -> impl Iterator<Item = (usize, usize)> {
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
