//! Rounding f32 to bf16 and pairing two bf16 values in one `u32`: the operand layout of
//! AVX512_BF16's `vdpbf16ps`, for the packed weights and for the input.

use crate::engine::simd::multiversion;

/// Rounds to bf16, nearest even (as `vcvtneps2bf16`), and pairs two values in one `u32`.
pub(super) fn bf16_pair(low: f32, high: f32) -> u32 {
    bf16_bits(low) | (bf16_bits(high) << 16)
}

/// bf16 of `x`, rounded to nearest even; a NaN stays a (quiet) NaN. Branch-free, so the
/// conversion of a whole input vectorises.
#[inline(always)]
pub(super) fn bf16_bits(x: f32) -> u32 {
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
    pub(super) fn to_bf16_pairs(x: &[f32], pairs: &mut [u32]) {
        for (pair, v) in pairs.iter_mut().zip(x.chunks_exact(2)) {
            *pair = bf16_pair(v[0], v[1]);
        }
    }
}
