//! Products on one thread, for the small matrices inside attention: the right operand packed
//! on the fly into panels, the left one into row slivers.

use super::kernels::tile_f32;
use super::slivers::{pack_slivers, rows_per_sliver, slivers};
use super::PANEL;
use crate::engine::simd;

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
